// Pagination and page numbers; the debug dump.
//
// Each section's units (see detail/engine.h) are placed first-fit down the page. When a
// unit does not fit, the page break moves back to the last place where a break is
// allowed (a unit without keep_with_next before it); if the whole page is one keep chain,
// the chain is broken where it overflows. Table header rows are re-inserted at the top of
// a page that starts inside their table.
#include <array>
#include <cmath>
#include <cstddef>
#include <set>

#include "layout/detail/engine.h"

namespace hoso::layout {

namespace {

using detail::kEps;
using detail::Unit;

struct PagePlan {
    std::size_t first = 0;
    std::size_t last = 0;  // one past
    int header = -1;
};

std::vector<PagePlan> paginate(const detail::SectionUnits& su, double avail) {
    const auto& u = su.units;
    const std::size_t n = u.size();
    std::vector<PagePlan> plans;
    std::size_t start = 0;
    while (start < n) {
        PagePlan plan;
        plan.first = start;
        double used = 0;
        if (u[start].header >= 0 && !u[start].is_header) {
            plan.header = u[start].header;
            used = su.headers.at(static_cast<std::size_t>(plan.header)).height;
        }
        used += u[start].height;  // the first unit always goes on (it was sliced to fit)
        std::size_t end = n;
        for (std::size_t i = start + 1; i < n; ++i) {
            if (u[i].break_before) {
                end = i;
                break;
            }
            const double gap = u[i - 1].space_after + u[i].space_before;
            if (used + gap + u[i].height <= avail + kEps) {
                used += gap + u[i].height;
                continue;
            }
            std::size_t j = i;
            while (j > start + 1 && u[j - 1].keep_with_next) --j;
            if (u[j - 1].keep_with_next) j = i;  // one keep chain fills the page
            end = j;
            break;
        }
        plan.last = end;
        plans.push_back(plan);
        start = end;
    }
    return plans;
}

// Consecutive table units share an edge (one's bottom, the next one's top); `drawn` holds
// the table borders already on the page so that such an edge is stroked once.
using DrawnBorders = std::set<std::array<long long, 4>>;

bool already_drawn(const RuleItem& r, DrawnBorders& drawn) {
    if (r.role != "table-border") return false;
    auto k = [](double v) { return std::llround(v * 1000); };
    return !drawn.insert({k(r.x1), k(r.y1), k(r.x2), k(r.y2)}).second;
}

void place(const Unit& u, double top, Page& page, DrawnBorders& drawn) {
    for (const auto& item : u.items) {
        if (const auto* t = std::get_if<TextItem>(&item)) {
            TextItem moved = *t;
            moved.y = top - t->y;
            page.items.emplace_back(std::move(moved));
        } else {
            RuleItem r = std::get<RuleItem>(item);
            r.y1 = top - r.y1;
            r.y2 = top - r.y2;
            if (!already_drawn(r, drawn)) page.items.emplace_back(std::move(r));
        }
    }
}

// Page number: centred on the text block, its line box centred in the top margin.
void add_page_number(const model::PageSetup& ps, detail::Typesetter& ts, Page& page) {
    const char* name = model::style::kPageNumber;
    const auto& st = ts.style(name, "");
    const Face face = font::face_of(st.bold, st.italic);
    const detail::Line line = ts.empty_line(st, face);
    TextItem t;
    t.text = std::to_string(page.number);
    t.face = face;
    t.size = st.font_size;
    t.style = name;
    const double w = ts.measurer().width(t.text, face, st.font_size);
    t.x = ps.margin_left + (ps.text_width() - w) / 2;
    const double line_top = ps.height - ps.margin_top / 2 + line.height / 2;
    t.y = line_top - line.ascent;
    page.items.insert(page.items.begin(), Item(std::move(t)));
}

// Same names as font::face_name; kept local so that dumps need no font library.
const char* face_label(Face f) {
    switch (f) {
        case Face::Regular: return "Regular";
        case Face::Bold: return "Bold";
        case Face::Italic: return "Italic";
        case Face::BoldItalic: return "BoldItalic";
    }
    return "?";
}

std::string trimmed(double v) {
    std::string s = format_fixed(v, 2);
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
}

std::string quote(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

}  // namespace

PagedDocument layout_document(const model::Document& doc, const TextMeasurer& measurer,
                              Diagnostics& warnings) {
    PagedDocument out;
    out.meta = doc.meta;
    detail::Typesetter ts(measurer, doc.styles, warnings);
    int number = 0;
    for (std::size_t s = 0; s < doc.sections.size(); ++s) {
        const auto& sec = doc.sections[s];
        const auto& ps = sec.page;
        const auto su = detail::build_section(doc, static_cast<int>(s), ts);
        auto plans = paginate(su, detail::content_height(ps));
        if (plans.empty()) plans.push_back(PagePlan{});  // a section always has a page
        for (std::size_t p = 0; p < plans.size(); ++p) {
            const auto& plan = plans[p];
            Page page;
            page.width = ps.width;
            page.height = ps.height;
            page.section = static_cast<int>(s);
            const bool first_of_section = p == 0;
            const bool restarts = s == 0 || sec.numbering.restart;
            number = (first_of_section && restarts) ? 1 : number + 1;
            page.number = number;
            page.number_shown =
                sec.numbering.show && !(first_of_section && restarts && sec.numbering.hide_on_first);
            double cursor = ps.height - ps.margin_top;
            DrawnBorders drawn;
            if (plan.header >= 0) {
                const Unit& h = su.headers.at(static_cast<std::size_t>(plan.header));
                place(h, cursor, page, drawn);
                cursor -= h.height;
            }
            for (std::size_t i = plan.first; i < plan.last; ++i) {
                const Unit& u = su.units[i];
                if (i > plan.first) cursor -= su.units[i - 1].space_after + u.space_before;
                place(u, cursor, page, drawn);
                cursor -= u.height;
            }
            if (page.number_shown) add_page_number(ps, ts, page);
            out.pages.push_back(std::move(page));
        }
    }
    return out;
}

std::string to_debug_text(const PagedDocument& doc) {
    std::string out;
    for (std::size_t i = 0; i < doc.pages.size(); ++i) {
        const Page& p = doc.pages[i];
        out += "page " + std::to_string(i + 1) + " " + format_fixed(p.width, 2) + "x" +
               format_fixed(p.height, 2) + " section=" + std::to_string(p.section) +
               " number=" + std::to_string(p.number) + (p.number_shown ? " shown" : " hidden") + "\n";
        for (const auto& item : p.items) {
            if (const auto* t = std::get_if<TextItem>(&item)) {
                out += "  text " + format_fixed(t->x, 2) + " " + format_fixed(t->y, 2) + " " +
                       face_label(t->face) + " " + trimmed(t->size) + " " + t->style +
                       (t->underline ? " underline " : " ") + quote(t->text) + "\n";
            } else {
                const auto& r = std::get<RuleItem>(item);
                out += "  rule " + format_fixed(r.x1, 2) + " " + format_fixed(r.y1, 2) + " " +
                       format_fixed(r.x2, 2) + " " + format_fixed(r.y2, 2) + " " + trimmed(r.width) +
                       " " + r.role + "\n";
            }
        }
    }
    return out;
}

}  // namespace hoso::layout
