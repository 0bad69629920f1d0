// Tables: column widths, padding, borders, spans, repeated header rows, rows never split.
#include <catch2/catch.hpp>

#include <set>

#include "layout_helpers.h"

using namespace hoso;
using namespace hoso::test;

namespace {

model::Cell cell(const std::string& text, const std::string& style = model::style::kTableCell,
                 int col_span = 1, int row_span = 1) {
    model::Cell c;
    c.col_span = col_span;
    c.row_span = row_span;
    c.paragraphs.push_back(para(text, style));
    return c;
}

// Rows "rN": first column "rN", second some words (a few rows wrap to several lines).
model::Table numbered_table(int rows, int header_rows) {
    model::Table t;
    t.column_widths = {1, 6, 2};
    t.header_rows = header_rows;
    for (int h = 0; h < header_rows; ++h) {
        model::Row r;
        r.cells = {cell("TT" + std::to_string(h), model::style::kTableHeader),
                   cell("Nội dung tiêu chí", model::style::kTableHeader),
                   cell("Kết quả", model::style::kTableHeader)};
        t.rows.push_back(r);
    }
    for (int i = 1; i <= rows; ++i) {
        model::Row r;
        r.cells = {cell("r" + std::to_string(i), model::style::kTableCellCenter),
                   cell("r" + std::to_string(i) + " " + vi_words(3 + (i * 7) % 40, static_cast<unsigned>(i))),
                   cell("r" + std::to_string(i) + " Đạt", model::style::kTableCellCenter)};
        t.rows.push_back(r);
    }
    return t;
}

// Row label ("rN") of a text item's visual line, found through the leftmost cell.
std::string first_word(const std::string& s) { return s.substr(0, s.find(' ')); }

}  // namespace

TEST_CASE("a 120-row table repeats its header rows on every page and never splits a row",
          "[layout][table]") {
    FixedWidthMeasurer m;
    for (int header_rows : {1, 2}) {
        for (int lead : {0, 7, 13}) {
            model::Document doc;
            model::Section s;
            for (int i = 0; i < lead; ++i) s.blocks.push_back(para(vi_words(40, static_cast<unsigned>(i))));
            s.blocks.push_back(numbered_table(120, header_rows));
            s.blocks.push_back(para("Kết thúc."));
            doc.sections.push_back(s);
            Diagnostics w;
            const auto out = layout_document(doc, m, w);
            CHECK(w.empty());
            INFO("header rows " << header_rows << " lead " << lead);
            REQUIRE(out.pages.size() >= 4);
            check_inside(doc, out, m);

            std::map<std::string, std::set<std::size_t>> row_pages;  // "rN" → pages
            std::size_t table_pages = 0;
            for (std::size_t pi = 0; pi < out.pages.size(); ++pi) {
                const auto items = texts(out.pages[pi]);
                bool body = false;
                double header_y = -1, body_top = -1;
                int header_count = 0;
                for (const auto& t : items) {
                    if (t.style == model::style::kTableHeader && t.text.rfind("TT", 0) == 0) {
                        ++header_count;
                        header_y = std::max(header_y, t.y);
                    }
                    if (t.text.size() > 1 && t.text[0] == 'r' && std::isdigit(static_cast<unsigned char>(t.text[1]))) {
                        row_pages[first_word(t.text)].insert(pi);
                        body = true;
                        body_top = std::max(body_top, t.y);
                    }
                }
                if (!body) continue;
                ++table_pages;
                INFO("page " << pi + 1);
                CHECK(header_count == header_rows);  // each header row once, on every page
                CHECK(header_y > body_top);          // above the body rows
                if (pi > 0 && lead == 0) {
                    // The continuation pages start with the header rows.
                    const auto& ps = doc.sections[0].page;
                    CHECK(header_y > ps.height - ps.margin_top - 30);
                }
            }
            // Borders shared by consecutive rows are stroked once.
            for (const auto& page : out.pages) {
                std::set<std::string> seen;
                for (const auto& r : rules(page, "table-border")) {
                    const std::string k = format_fixed(r.x1, 2) + " " + format_fixed(r.y1, 2) + " " +
                                          format_fixed(r.x2, 2) + " " + format_fixed(r.y2, 2);
                    CHECK(seen.insert(k).second);
                }
            }
            CHECK(table_pages >= 3);
            CHECK(row_pages.size() == 120);
            for (const auto& [row, pages] : row_pages) {
                INFO("row " << row);
                CHECK(pages.size() == 1);
            }
        }
    }
}

TEST_CASE("a table never leaves only its header rows at the bottom of a page", "[layout][table]") {
    FixedWidthMeasurer m;
    int moved = 0;
    for (int words = 10; words < 700; words += 23) {
        model::Document doc;
        model::Section s;
        s.blocks.push_back(para(vi_words(words, 9)));
        s.blocks.push_back(para(vi_words(words / 2 + 5, 10)));
        s.blocks.push_back(numbered_table(6, 1));
        doc.sections.push_back(s);
        Diagnostics w;
        const auto out = layout_document(doc, m, w);
        for (std::size_t pi = 0; pi < out.pages.size(); ++pi) {
            const auto items = texts(out.pages[pi]);
            bool header = false, body = false;
            for (const auto& t : items) {
                header = header || t.style == model::style::kTableHeader;
                body = body || t.text.rfind("r1 ", 0) == 0 || t.text.rfind("r2 ", 0) == 0 ||
                       (t.text.size() > 1 && t.text[0] == 'r' && std::isdigit(static_cast<unsigned char>(t.text[1])));
            }
            INFO("words " << words << " page " << pi + 1);
            if (header) CHECK(body);
            if (header && pi > 0) ++moved;
        }
    }
    CHECK(moved > 0);
}

TEST_CASE("column widths are the weights scaled to the text width; borders are 0.5 pt",
          "[layout][table]") {
    FixedWidthMeasurer m;
    model::Document doc;
    model::Section s;
    s.blocks.push_back(numbered_table(3, 1));
    doc.sections.push_back(s);
    Diagnostics w;
    const auto out = layout_document(doc, m, w);
    const auto& ps = doc.sections[0].page;
    std::set<std::string> xs;
    for (const auto& r : rules(out.pages.at(0), "table-border")) {
        CHECK(r.width == 0.5);
        if (r.x1 == r.x2) xs.insert(format_fixed(r.x1, 3));
    }
    const double W = ps.text_width(), L = ps.margin_left;
    CHECK(xs == std::set<std::string>{format_fixed(L, 3), format_fixed(L + W / 9, 3),
                                      format_fixed(L + 7 * W / 9, 3), format_fixed(L + W, 3)});
    // Cell padding: left-aligned cell text starts 4 pt right of its column edge.
    for (const auto& t : texts(out.pages[0])) {
        if (t.style == model::style::kTableCell && t.text.rfind("r1", 0) == 0) {
            CHECK(t.x == Approx(L + W / 9 + 4).margin(1e-9));
        }
    }
}

TEST_CASE("row spans: the spanning cell has no line inside, its rows stay on one page, "
          "and the rows grow to fit it",
          "[layout][table]") {
    FixedWidthMeasurer m;
    int pages_crossed = 0;
    int inner_rules = 0;  // row borders of the right column that run beside a spanning cell
    for (int lead = 0; lead < 30; ++lead) {
        model::Table t;
        t.column_widths = {3, 5};
        t.header_rows = 1;
        t.rows.push_back(model::Row{{cell("A", model::style::kTableHeader), cell("B", model::style::kTableHeader)}});
        for (int g = 0; g < 4; ++g) {
            const std::string tag = "g" + std::to_string(g);
            model::Row r1{{cell(tag + " " + vi_words(60, static_cast<unsigned>(g)), model::style::kTableCell, 1, 3),
                           cell(tag + "a")}};
            model::Row r2{{cell(tag + "b")}};
            model::Row r3{{cell(tag + "c")}};
            t.rows.push_back(r1);
            t.rows.push_back(r2);
            t.rows.push_back(r3);
        }
        model::Document doc;
        model::Section s;
        s.blocks.push_back(para(vi_words(20 + lead * 20, 4)));
        s.blocks.push_back(t);
        doc.sections.push_back(s);
        Diagnostics w;
        const auto out = layout_document(doc, m, w);
        CHECK(w.empty());
        check_inside(doc, out, m);
        const auto& ps = doc.sections[0].page;
        const double split_x = ps.margin_left + ps.text_width() * 3 / 8;
        std::map<std::string, std::set<std::size_t>> group_pages;
        for (std::size_t pi = 0; pi < out.pages.size(); ++pi) {
            const auto& page = out.pages[pi];
            std::set<double> col0;  // baselines of the spanning cells' lines
            for (const auto& item : texts(page)) {
                if (item.text.size() >= 2 && item.text[0] == 'g' &&
                    std::isdigit(static_cast<unsigned char>(item.text[1]))) {
                    group_pages[item.text.substr(0, 2)].insert(pi);
                }
                if (item.x < split_x && item.style == model::style::kTableCell) col0.insert(item.y);
            }
            // Consecutive lines of one spanning cell (one line height apart) have no
            // border between them in that column.
            const double lh = 1.107 * 13;
            for (auto it = col0.begin(); it != col0.end() && std::next(it) != col0.end(); ++it) {
                const double lo = *it, hi = *std::next(it);
                if (std::abs(hi - lo - lh) > 1e-6) continue;
                for (const auto& r : rules(page, "table-border")) {
                    if (r.y1 != r.y2 || r.y1 <= lo || r.y1 >= hi) continue;
                    CHECK(r.x1 >= split_x - 0.01);
                    ++inner_rules;
                }
            }
        }
        for (const auto& [g, pages] : group_pages) {
            INFO("lead " << lead << " group " << g);
            CHECK(pages.size() == 1);
            if (*pages.begin() > 0) ++pages_crossed;
        }
    }
    CHECK(pages_crossed > 0);
    CHECK(inner_rules > 0);
}

TEST_CASE("cell content is aligned vertically per Cell::valign", "[layout][table]") {
    FixedWidthMeasurer m;
    model::Table t;
    t.column_widths = {1, 1, 1, 1};
    model::Row r;
    r.cells.push_back(cell(vi_words(40, 1)));  // tall cell sets the row height
    for (auto v : {model::VAlign::Top, model::VAlign::Center, model::VAlign::Bottom}) {
        auto c = cell(v == model::VAlign::Top ? "trên" : v == model::VAlign::Center ? "giữa" : "dưới");
        c.valign = v;
        r.cells.push_back(c);
    }
    t.rows.push_back(r);
    model::Document doc;
    model::Section s;
    s.blocks.push_back(t);
    doc.sections.push_back(s);
    Diagnostics w;
    const auto out = layout_document(doc, m, w);
    const auto& ps = doc.sections[0].page;
    const double top = ps.height - ps.margin_top;
    double bottom = 1e9;
    for (const auto& rr : rules(out.pages.at(0), "table-border")) bottom = std::min({bottom, rr.y1, rr.y2});
    std::map<std::string, double> y;
    for (const auto& item : texts(out.pages[0])) y[item.text] = item.y;
    const double asc = 0.891 * 13, desc = 0.216 * 13;
    // Padding 2 pt, plus half of the 0.5 pt border the row makes room for.
    CHECK(y.at("trên") == Approx(top - 2 - 0.25 - asc).margin(1e-9));
    CHECK(y.at("dưới") == Approx(bottom + 2 + 0.25 + desc).margin(1e-9));
    CHECK(y.at("giữa") + (asc - desc) / 2 == Approx((top + bottom) / 2).margin(1e-9));
}

TEST_CASE("a row taller than a page is split anyway, with a warning", "[layout][table]") {
    FixedWidthMeasurer m;
    model::Table t;
    t.column_widths = {1, 1};
    t.header_rows = 1;
    t.rows.push_back(model::Row{{cell("Đầu", model::style::kTableHeader), cell("Bảng", model::style::kTableHeader)}});
    t.rows.push_back(model::Row{{cell(vi_words(900, 2)), cell("ngắn")}});
    t.rows.push_back(model::Row{{cell("sau"), cell("cùng")}});
    model::Document doc;
    model::Section s;
    s.blocks.push_back(t);
    doc.sections.push_back(s);
    Diagnostics w;
    const auto out = layout_document(doc, m, w);
    REQUIRE(w.items().size() == 1);
    CHECK(w.items()[0].message_en.find("taller than a page") != std::string::npos);
    CHECK(w.items()[0].field == "sections[0].blocks[0]");
    REQUIRE(out.pages.size() >= 2);
    check_inside(doc, out, m);
    for (const auto& p : out.pages) {
        int heads = 0;
        for (const auto& item : texts(p)) heads += item.text == "Đầu" ? 1 : 0;
        CHECK(heads == 1);
        // Every slice is closed by borders at the top and bottom of the table on the page.
        double hi = -1e9, lo = 1e9;
        for (const auto& r : rules(p, "table-border")) {
            if (r.y1 == r.y2) {
                hi = std::max(hi, r.y1);
                lo = std::min(lo, r.y1);
            }
        }
        for (const auto& item : texts(p)) {
            if (item.style == model::style::kPageNumber) continue;
            CHECK(item.y < hi);
            CHECK(item.y > lo);
        }
    }
}

TEST_CASE("a row whose paragraphs all keep with the next is never the last row of a page", "[layout][table]") {
    // Group rows ("II. MỨC ĐỘ 1", "Tiêu chí 3: …") use a keep-with-next style; sweep the table's
    // start down the page so that such a row falls at every possible page bottom.
    test::FixedWidthMeasurer m;
    for (int lead = 0; lead < 40; ++lead) {
        model::Document doc;
        model::ParagraphStyle group = doc.styles.at(model::style::kTableCell);
        group.bold = true;
        group.keep_with_next = true;
        doc.styles["group"] = group;
        model::Section s;
        for (int i = 0; i < lead; ++i) s.blocks.emplace_back(para("Dòng dẫn " + std::to_string(i)));
        model::Table t;
        t.column_widths = {1, 5};
        t.header_rows = 1;
        auto row = [](const std::string& a, const std::string& b, const std::string& style) {
            model::Row r;
            for (const auto& text : {a, b}) {
                model::Cell c;
                c.paragraphs.push_back({style, {{text, {}}}});
                r.cells.push_back(c);
            }
            return r;
        };
        t.rows.push_back(row("TT", "Nội dung", model::style::kTableHeader));
        for (int g = 1; g <= 4; ++g) {
            t.rows.push_back(row("G" + std::to_string(g), "Nhóm " + std::to_string(g), "group"));
            for (int k = 1; k <= 6; ++k) t.rows.push_back(row(std::to_string(k), "Dòng " + std::to_string(k), model::style::kTableCell));
        }
        s.blocks.emplace_back(t);
        doc.sections.push_back(s);
        Diagnostics w;
        const auto out = layout_document(doc, m, w);
        for (std::size_t p = 0; p + 1 < out.pages.size(); ++p) {
            // The lowest table text on the page must not be a group row.
            const layout::TextItem* lowest = nullptr;
            const auto items = texts(out.pages[p]);  // kept: `lowest` points into it after the loop
            for (const auto& item : items) {
                if (item.style.rfind("table", 0) != 0 && item.style != "group") continue;
                if (!lowest || item.y < lowest->y) lowest = &item;
            }
            INFO("lead " << lead << ", page " << p + 1);
            if (lowest) CHECK(lowest->style != "group");
        }
    }
}
