// Model blocks → units: paragraphs (one unit per line, widow/orphan rules as keep flags),
// the ND30 nodes (one unsplittable unit each) and tables (header unit + one unit per
// group of rows tied together by row spans).
#include <algorithm>
#include <cmath>
#include <map>

#include "layout/detail/engine.h"

namespace hoso::layout::detail {

std::string where_of(int section, int block) {
    return "sections[" + std::to_string(section) + "].blocks[" + std::to_string(block) + "]";
}

namespace {

using model::ParagraphStyle;

double widest(const std::vector<Line>& lines) {
    double w = 0;
    for (const auto& l : lines) w = std::max(w, l.natural_width);
    return w;
}

RuleItem rule(double x1, double y1, double x2, double y2, const char* role) {
    RuleItem r;
    r.x1 = x1;
    r.y1 = y1;
    r.x2 = x2;
    r.y2 = y2;
    r.width = kRuleWidth;
    r.role = role;
    return r;
}

// A vertical stack of lines inside one unit; `y` is the bottom of what has been added.
struct Stack {
    Unit& unit;
    double y = 0;
    double last_baseline = 0;
    double last_descent = 0;

    void add(const std::vector<Line>& lines) {
        for (const auto& l : lines) {
            unit.add_line(l, y);
            last_baseline = y + l.ascent;
            last_descent = l.descent;
            y += l.height;
        }
    }
    // A centred rule of `length` under the last line, `kRuleBelowDescent` below its descent.
    double rule_under(double center_x, double length, const char* role) {
        const double ry = last_baseline + last_descent + kRuleBelowDescent;
        if (length > 0) unit.add_rule(rule(center_x - length / 2, ry, center_x + length / 2, ry, role));
        return ry;
    }
};

// Horizontal/vertical border segments, merged where collinear and overlapping so that a
// spanned area has no line inside and shared edges are drawn once.
class Borders {
public:
    void horizontal(double y, double x1, double x2) { m_h[key(y)].emplace_back(x1, x2); }
    void vertical(double x, double y1, double y2) { m_v[key(x)].emplace_back(y1, y2); }
    void emit(Unit& u) {
        for (auto& [k, segs] : m_h) {
            for (const auto& [a, b] : merge(segs)) u.add_rule(rule(a, at(k), b, at(k), "table-border"));
        }
        for (auto& [k, segs] : m_v) {
            for (const auto& [a, b] : merge(segs)) u.add_rule(rule(at(k), a, at(k), b, "table-border"));
        }
    }

private:
    // Positions are sums of the same widths; a 1/1000 pt grid groups them despite rounding
    // noise, and the first exact value seen for a grid position is the one drawn.
    long long key(double v) {
        const long long k = std::llround(v * 1000);
        m_pos.emplace(k, v);
        return k;
    }
    double at(long long k) const { return m_pos.at(k); }
    static std::vector<std::pair<double, double>> merge(std::vector<std::pair<double, double>> s) {
        std::sort(s.begin(), s.end());
        std::vector<std::pair<double, double>> out;
        for (const auto& seg : s) {
            if (!out.empty() && seg.first <= out.back().second + kEps) {
                out.back().second = std::max(out.back().second, seg.second);
            } else {
                out.push_back(seg);
            }
        }
        return out;
    }
    std::map<long long, std::vector<std::pair<double, double>>> m_h, m_v;
    std::map<long long, double> m_pos;
};

class SectionBuilder {
public:
    SectionBuilder(const model::Document& doc, int section_index, Typesetter& ts)
        : m_doc(doc),
          m_sec(doc.sections.at(static_cast<std::size_t>(section_index))),
          m_index(section_index),
          m_ts(ts),
          m_left(m_sec.page.margin_left),
          m_width(m_sec.page.text_width()) {}

    SectionUnits run() {
        for (std::size_t b = 0; b < m_sec.blocks.size(); ++b) {
            m_where = where_of(m_index, static_cast<int>(b));
            std::visit([this](const auto& block) { this->add(block); }, m_sec.blocks[b]);
        }
        return std::move(m_out);
    }

private:
    const ParagraphStyle& style(const char* name) { return m_ts.style(name, m_where); }
    std::vector<Line> text_lines(const std::string& s, const char* style_name, double x, double w) {
        return m_ts.set_text(s, style(style_name), style_name, x, w, m_where);
    }

    // Appends a unit, honouring a pending PageBreak; a unit taller than a page is sliced.
    void push(Unit u, double avail, double close_x1 = 0, double close_x2 = 0) {
        if (m_pending_break) {
            u.break_before = true;
            m_pending_break = false;
        }
        if (u.height > avail + kEps && avail > 0) {
            const bool table = u.kind == "table-row";
            m_ts.warnings().warning(
                {}, m_where,
                table ? "Hàng của bảng cao hơn một trang nên bị chia sang trang sau"
                      : "Khối nội dung cao hơn một trang nên bị chia sang trang sau",
                table ? "a table row is taller than a page and was split across pages"
                      : "a block is taller than a page and was split across pages");
            for (auto& s : slice_unit(std::move(u), avail, close_x1, close_x2)) {
                m_out.units.push_back(std::move(s));
            }
            return;
        }
        m_out.units.push_back(std::move(u));
    }
    double page_avail() const { return content_height(m_sec.page); }

    void add(const model::Paragraph& p) {
        const ParagraphStyle& st = m_ts.style(p.style, m_where);
        const auto lines = m_ts.set_paragraph(p.runs, st, p.style, m_left, m_width, m_where);
        const std::size_t n = lines.size();
        for (std::size_t k = 0; k < n; ++k) {
            Unit u;
            u.kind = "line";
            u.height = lines[k].height;
            u.add_line(lines[k], 0);
            if (k == 0) u.space_before = st.space_before;
            if (k + 1 == n) {
                u.space_after = st.space_after;
                u.keep_with_next = st.keep_with_next;
            } else {
                // Break after line k+1 of n only if ≥ 2 lines stay on each side (widow/orphan):
                // paragraphs of 2–3 lines never split.
                const std::size_t before = k + 1, after = n - k - 1;
                u.keep_with_next = st.keep_together || before < 2 || after < 2;
            }
            push(std::move(u), page_avail());
        }
    }

    void add(const model::PageBreak&) { m_pending_break = true; }

    void add(const model::Nd30Header& h) {
        const auto& opt = m_doc.nd30;
        Unit u;
        u.kind = "nd30-header";
        const double lw = m_width * opt.header_left_fraction;
        const double lx = m_left, rx = m_left + lw, rw = m_width - lw;

        // Left column: cơ quan chủ quản, cơ quan ban hành + rule.
        Stack left{u};
        for (const auto& s : h.parent_agency) left.add(text_lines(s, model::style::kAgencyParent, lx, lw));
        double agency_w = 0;
        for (const auto& s : h.issuing_agency) {
            auto lines = text_lines(s, model::style::kAgency, lx, lw);
            agency_w = std::max(agency_w, widest(lines));
            left.add(lines);
        }
        double left_next = left.y;
        if (!h.issuing_agency.empty()) {
            left_next = left.rule_under(lx + lw / 2, opt.short_rule_fraction * agency_w, "agency-rule") +
                        kGapAfterRule;
        }

        // Right column: Quốc hiệu, Tiêu ngữ + rule as long as the Tiêu ngữ.
        Stack right{u};
        if (!h.national_name.empty()) {
            right.add(text_lines(h.national_name, model::style::kNationalName, rx, rw));
        }
        double right_next = right.y;
        if (!h.motto.empty()) {
            auto motto = text_lines(h.motto, model::style::kMotto, rx, rw);
            right.add(motto);
            right_next = right.rule_under(rx + rw / 2, widest(motto), "motto-rule") + kGapAfterRule;
        }

        // ô 3 and ô 4 on one baseline.
        std::vector<Line> number, date;
        if (!h.number.empty()) number = text_lines(h.number, model::style::kNumber, lx, lw);
        if (!h.place_date.empty()) date = text_lines(h.place_date, model::style::kPlaceDate, rx, rw);
        double baseline = 0;
        if (!number.empty()) baseline = std::max(baseline, left_next + number.front().ascent);
        if (!date.empty()) baseline = std::max(baseline, right_next + date.front().ascent);
        left.y = number.empty() ? left_next : baseline - number.front().ascent;
        right.y = date.empty() ? right_next : baseline - date.front().ascent;
        left.add(number);
        right.add(date);

        if (!h.subject.empty()) {
            left.y += kSubjectGap;
            for (const auto& s : h.subject) left.add(text_lines(s, model::style::kSubject, lx, lw));
        }
        u.height = std::max(left.y, right.y);
        u.keep_with_next = true;
        push(std::move(u), page_avail());
    }

    void add(const model::DocumentTitle& t) {
        Unit u;
        u.kind = "nd30-title";
        u.space_before = m_doc.nd30.title_space_before;
        Stack s{u};
        if (!t.doc_type.empty()) s.add(text_lines(t.doc_type, model::style::kDocType, m_left, m_width));
        double summary_w = 0;
        for (const auto& line : t.summary) {
            auto lines = text_lines(line, model::style::kSummary, m_left, m_width);
            summary_w = std::max(summary_w, widest(lines));
            s.add(lines);
        }
        u.height = s.y;
        if (!t.summary.empty()) {
            const double ry = s.rule_under(m_left + m_width / 2,
                                           m_doc.nd30.short_rule_fraction * summary_w, "summary-rule");
            u.height = std::max(u.height, ry + kRuleWidth / 2);
        }
        u.space_after = kTitleSpaceAfter;
        u.keep_with_next = true;
        push(std::move(u), page_avail());
    }

    void add(const model::Addressees& a) {
        const char* name = model::style::kAddressee;
        const ParagraphStyle& st = style(name);
        const Face face = font::face_of(st.bold, st.italic);
        const auto& m = m_ts.measurer();
        const double label_w = m.width(a.label, face, st.font_size);
        const double space_w = m.width(" ", face, st.font_size);
        const bool several = a.recipients.size() > 1;
        const std::vector<std::string> items =
            several ? model::dashed_list(a.recipients) : a.recipients;
        const double hang = several ? m.width("- ", face, st.font_size) : 0;
        const double item_x = label_w + space_w;  // relative to the block's left edge
        const double item_w = std::max(1.0, m_width - item_x);

        ParagraphStyle ist = st;  // continuation lines aligned under the item text
        ist.align = model::Align::Left;
        ist.first_line_indent = -hang;
        ist.left_indent = hang;
        ist.right_indent = 0;
        std::vector<std::vector<Line>> item_lines;
        double block_w = label_w;
        for (const auto& it : items) {
            item_lines.push_back(m_ts.set_text(it, ist, name, 0, item_w, m_where));
            for (const auto& l : item_lines.back()) {
                block_w = std::max(block_w, item_x + l.x + l.natural_width);
            }
        }
        const double x0 = m_left + std::max(0.0, (m_width - block_w) / 2);

        Unit u;
        u.kind = "nd30-addressees";
        u.space_before = st.space_before;
        // Straight after the header block (a công văn has no title): the title's gap.
        if (!m_out.units.empty() && m_out.units.back().kind == "nd30-header") {
            u.space_before = std::max(u.space_before, m_doc.nd30.title_space_before);
        }
        u.space_after = st.space_after;
        Line label = m_ts.empty_line(st, face);
        double y = 0;
        bool first = true;
        for (auto& lines : item_lines) {
            for (auto& l : lines) {
                for (auto& t : l.items) t.x += x0 + item_x;
                if (first) {  // the label shares the first line
                    const double asc = std::max(label.ascent, l.ascent);
                    for (auto& t : l.items) t.y = asc;
                    l.ascent = asc;
                    l.height = std::max(l.height, label.height);
                    TextItem t;
                    t.x = x0;
                    t.y = asc;
                    t.face = face;
                    t.size = st.font_size;
                    t.text = a.label;
                    t.style = name;
                    u.add_text(std::move(t), 0, l.height);
                    first = false;
                }
                u.add_line(l, y);
                y += l.height;
            }
        }
        if (first) {  // no recipients: the label alone
            TextItem t;
            t.x = x0;
            t.y = label.ascent;
            t.face = face;
            t.size = st.font_size;
            t.text = a.label;
            t.style = name;
            u.add_text(std::move(t), 0, label.height);
            y = label.height;
        }
        u.height = y;
        u.keep_with_next = true;
        push(std::move(u), page_avail());
    }

    void add(const model::SignatureBlock& s) {
        const auto& opt = m_doc.nd30;
        Unit u;
        u.kind = "signature";
        u.space_before = kSignatureGap;
        const double lw = m_width * opt.recipients_fraction;
        // A joint document: two signers side by side on equal halves, the lead body's on the right.
        const bool joint = s.joint();
        const double rx = joint ? m_left + m_width / 2 : m_left + lw;
        const double rw = joint ? m_width / 2 : m_width - lw;

        // Right column: quyền hạn / chức vụ, room for signature and seal, name.
        auto authority_lines = [&](Stack& col, const std::vector<std::string>& authority, double x, double w,
                                   double* first_baseline) {
            bool have_first = false;
            for (const auto& a : authority) {
                auto lines = text_lines(a, model::style::kSignerAuthority, x, w);
                if (!have_first && !lines.empty()) {
                    if (first_baseline) *first_baseline = lines.front().ascent;
                    have_first = true;
                }
                col.add(lines);
            }
            return have_first;
        };
        auto name_line = [&](Stack& col, const std::string& name, double x, double w) {
            if (name.empty()) return;
            col.y += opt.signature_space;
            col.add(text_lines(name, model::style::kSignerName, x, w));
        };
        Stack right{u};
        double first_baseline = 0;
        const bool have_first = authority_lines(right, s.authority, rx, rw, &first_baseline);
        Stack left{u};
        if (joint) {
            authority_lines(left, s.joint_authority, m_left, m_width / 2, nullptr);
            // Both names on one line, below the longer of the two authority blocks.
            left.y = right.y = std::max(left.y, right.y);
            name_line(left, s.joint_signer_name, m_left, m_width / 2);
        }
        name_line(right, s.signer_name, rx, rw);
        if (joint) {
            // Nơi nhận under both signers, on the left.
            left.y = std::max(left.y, right.y) + 2 * kSignatureGap;
        }

        // Left column: "Nơi nhận:" level with the first authority line, then the list.
        if (!s.recipients.empty()) {
            const char* lname = model::style::kRecipientsLabel;
            auto label = text_lines(s.recipients_label, lname, m_left, lw);
            if (!joint && have_first && !label.empty()) {
                left.y = std::max(0.0, first_baseline - label.front().ascent);
            }
            left.add(label);
            const char* rname = model::style::kRecipients;
            ParagraphStyle rst = style(rname);
            const double hang =
                m_ts.measurer().width("- ", font::face_of(rst.bold, rst.italic), rst.font_size);
            rst.align = model::Align::Left;
            rst.first_line_indent = -hang;
            rst.left_indent = hang;
            rst.right_indent = 0;
            for (const auto& item : model::dashed_list(s.recipients)) {
                left.add(m_ts.set_text(item, rst, rname, m_left, lw, m_where));
            }
        }
        u.height = std::max(left.y, right.y);
        // Kept with the end of the text before it (at least its last two lines, by the
        // widow rule): a page never holds only the signature.
        if (!m_out.units.empty() && !m_pending_break) m_out.units.back().keep_with_next = true;
        push(std::move(u), page_avail());
    }

    void add(const model::AppendixHeading& a) {
        Unit u;
        u.kind = "nd30-appendix";
        Stack s{u};
        if (!a.label.empty()) s.add(text_lines(a.label, model::style::kAppendixLabel, m_left, m_width));
        double title_w = 0;
        if (!a.title.empty()) {
            auto lines = text_lines(a.title, model::style::kAppendixTitle, m_left, m_width);
            title_w = widest(lines);
            s.add(lines);
        }
        if (!a.reference.empty()) {
            s.add(text_lines(a.reference, model::style::kAppendixReference, m_left, m_width));
        }
        u.height = s.y;
        if (title_w > 0) {
            const double ry = s.rule_under(m_left + m_width / 2,
                                           m_doc.nd30.short_rule_fraction * title_w, "appendix-rule");
            u.height = std::max(u.height, ry + kRuleWidth / 2);
        }
        u.space_after = kAppendixSpaceAfter;
        u.keep_with_next = true;
        push(std::move(u), page_avail());
    }

    struct PlacedCell {
        int row = 0, col = 0, rows = 1, cols = 1;
        model::VAlign valign = model::VAlign::Center;
        std::vector<std::pair<double, Line>> lines;  // (top within content, line)
        double content_h = 0;
    };

    void add(const model::Table& t) {
        const int ncols = static_cast<int>(t.column_widths.size());
        const int nrows = static_cast<int>(t.rows.size());
        if (ncols == 0 || nrows == 0) {
            if (ncols == 0) {
                m_ts.warnings().warning({}, m_where, "Bảng không có cột nào nên bị bỏ qua",
                                        "a table without columns was skipped");
            }
            return;
        }
        double total = 0;
        for (double w : t.column_widths) total += std::max(0.0, w);
        std::vector<double> cx(static_cast<std::size_t>(ncols) + 1, m_left);
        for (int c = 0; c < ncols; ++c) {
            const double w = t.column_widths[static_cast<std::size_t>(c)];
            const double frac = total > 0 ? std::max(0.0, w) / total : 1.0 / ncols;
            cx[static_cast<std::size_t>(c) + 1] = cx[static_cast<std::size_t>(c)] + frac * m_width;
        }
        cx.back() = m_left + m_width;
        auto colx = [&](int c) { return cx[static_cast<std::size_t>(c)]; };

        // Place cells on the grid (row spans reserve the columns below).
        std::vector<PlacedCell> cells;
        std::vector<int> busy(static_cast<std::size_t>(ncols), 0);
        bool reported = false;
        for (int r = 0; r < nrows; ++r) {
            int col = 0;
            for (const auto& c : t.rows[static_cast<std::size_t>(r)].cells) {
                while (col < ncols && busy[static_cast<std::size_t>(col)] > 0) ++col;
                if (col >= ncols) {
                    if (!reported) {
                        m_ts.warnings().warning({}, m_where,
                                                "Bảng có ô nằm ngoài các cột nên bị bỏ qua",
                                                "a table cell outside the column grid was skipped");
                        reported = true;
                    }
                    break;
                }
                PlacedCell pc;
                pc.row = r;
                pc.col = col;
                pc.cols = std::clamp(c.col_span, 1, ncols - col);
                pc.rows = std::clamp(c.row_span, 1, nrows - r);
                pc.valign = c.valign;
                const double x = colx(col) + kCellPadX;
                const double w = std::max(1.0, colx(col + pc.cols) - colx(col) - 2 * kCellPadX);
                double y = 0;
                double prev_after = 0;
                for (std::size_t pi = 0; pi < c.paragraphs.size(); ++pi) {
                    const auto& p = c.paragraphs[pi];
                    const ParagraphStyle& st = m_ts.style(p.style, m_where);
                    if (pi > 0) y += prev_after + st.space_before;
                    for (auto& l : m_ts.set_paragraph(p.runs, st, p.style, x, w, m_where)) {
                        const double h = l.height;
                        pc.lines.emplace_back(y, std::move(l));
                        y += h;
                    }
                    prev_after = st.space_after;
                }
                pc.content_h = y;
                for (int k = 0; k < pc.cols; ++k) busy[static_cast<std::size_t>(col + k)] = pc.rows;
                col += pc.cols;
                cells.push_back(std::move(pc));
            }
            for (auto& b : busy) {
                if (b > 0) --b;
            }
        }

        // Row heights: single-row cells first, then spanning cells spread their excess evenly.
        // A ruled row also holds its border's width, as Word and LibreOffice count it (each
        // row of a DOCX table comes out that much taller there otherwise).
        const double frame = 2 * kCellPadY + (t.borders ? kRuleWidth : 0.0);
        std::vector<double> h(static_cast<std::size_t>(nrows), frame);
        for (const auto& c : cells) {
            if (c.rows == 1) {
                auto& hr = h[static_cast<std::size_t>(c.row)];
                hr = std::max(hr, c.content_h + frame);
            }
        }
        std::vector<const PlacedCell*> spanning;
        for (const auto& c : cells) {
            if (c.rows > 1) spanning.push_back(&c);
        }
        std::stable_sort(spanning.begin(), spanning.end(),
                         [](const PlacedCell* a, const PlacedCell* b) { return a->rows < b->rows; });
        for (const PlacedCell* c : spanning) {
            double sum = 0;
            for (int r = c->row; r < c->row + c->rows; ++r) sum += h[static_cast<std::size_t>(r)];
            const double need = c->content_h + frame;
            if (need > sum) {
                for (int r = c->row; r < c->row + c->rows; ++r) {
                    h[static_cast<std::size_t>(r)] += (need - sum) / c->rows;
                }
            }
        }

        // Groups of rows tied by spans: [start, end).
        std::vector<int> reach(static_cast<std::size_t>(nrows), 0);
        for (int r = 0; r < nrows; ++r) reach[static_cast<std::size_t>(r)] = r;
        for (const auto& c : cells) {
            auto& x = reach[static_cast<std::size_t>(c.row)];
            x = std::max(x, c.row + c.rows - 1);
        }
        std::vector<std::pair<int, int>> groups;
        for (int start = 0; start < nrows;) {
            int end = start;
            for (int r = start; r <= end; ++r) end = std::max(end, reach[static_cast<std::size_t>(r)]);
            groups.emplace_back(start, end + 1);
            start = end + 1;
        }

        auto make_unit = [&](int a, int b) {
            Unit u;
            u.kind = "table-row";
            std::vector<double> top(static_cast<std::size_t>(b - a) + 1, 0);
            for (int r = a; r < b; ++r) {
                top[static_cast<std::size_t>(r - a) + 1] =
                    top[static_cast<std::size_t>(r - a)] + h[static_cast<std::size_t>(r)];
            }
            Borders borders;
            for (const auto& c : cells) {
                if (c.row < a || c.row >= b) continue;
                const double y0 = top[static_cast<std::size_t>(c.row - a)];
                const double y1 = top[static_cast<std::size_t>(c.row - a + c.rows)];
                const double inner = y1 - y0 - frame;
                double off = kCellPadY + (frame - 2 * kCellPadY) / 2;
                if (c.valign == model::VAlign::Center) off += std::max(0.0, inner - c.content_h) / 2;
                if (c.valign == model::VAlign::Bottom) off += std::max(0.0, inner - c.content_h);
                for (const auto& [ly, l] : c.lines) u.add_line(l, y0 + off + ly);
                const double x0 = colx(c.col), x1 = colx(c.col + c.cols);
                borders.horizontal(y0, x0, x1);
                borders.horizontal(y1, x0, x1);
                borders.vertical(x0, y0, y1);
                borders.vertical(x1, y0, y1);
            }
            if (t.borders) borders.emit(u);
            u.height = top.back();
            return u;
        };

        int header_end = 0;
        const int hr = std::clamp(t.header_rows, 0, nrows);
        if (hr > 0) {
            for (const auto& [a, b] : groups) {
                if (a < hr) header_end = b;
            }
        }
        int header_index = -1;
        const double avail = page_avail();
        double body_avail = avail;
        const double close_x1 = t.borders ? m_left : 0, close_x2 = t.borders ? m_left + m_width : 0;
        if (header_end > 0) {
            Unit hu = make_unit(0, header_end);
            hu.is_header = true;
            hu.kind = "table-header";
            hu.keep_with_next = header_end < nrows;  // never a header alone at a page bottom
            header_index = static_cast<int>(m_out.headers.size());
            m_out.headers.push_back(hu);
            if (hu.height < avail) body_avail = avail - hu.height;
            push(std::move(hu), avail);
        }
        // A row whose every paragraph has a keep-with-next style (a group heading such as
        // "II. MỨC ĐỘ 1 (12 đơn vị)") stays with the row after it, as Word keeps such rows.
        auto keeps_next = [&](int a, int b) {
            bool any = false;
            for (int r = a; r < b; ++r) {
                for (const auto& c : t.rows[static_cast<std::size_t>(r)].cells) {
                    for (const auto& p : c.paragraphs) {
                        if (!m_ts.style(p.style, m_where).keep_with_next) return false;
                        any = true;
                    }
                }
            }
            return any;
        };
        for (std::size_t g = 0; g < groups.size(); ++g) {
            const auto [a, b] = groups[g];
            if (a < header_end) continue;
            Unit u = make_unit(a, b);
            u.header = header_index;
            u.keep_with_next = g + 1 < groups.size() && keeps_next(a, b);
            push(std::move(u), body_avail, close_x1, close_x2);
        }
        if (!m_out.units.empty()) m_out.units.back().space_after = kTableSpaceAfter;
    }

    const model::Document& m_doc;
    const model::Section& m_sec;
    int m_index;
    Typesetter& m_ts;
    double m_left;
    double m_width;
    std::string m_where;
    bool m_pending_break = false;
    SectionUnits m_out;
};

}  // namespace

SectionUnits build_section(const model::Document& doc, int section_index, Typesetter& ts) {
    return SectionBuilder(doc, section_index, ts).run();
}

std::vector<Unit> slice_unit(Unit u, double avail, double close_x1, double close_x2) {
    std::vector<double> cuts{0};
    while (u.height - cuts.back() > avail + kEps) {
        const double prev = cuts.back();
        const double target = prev + avail;
        double cut = target;
        // Move the cut up to the top of any text line it would run through.
        for (bool moved = true; moved;) {
            moved = false;
            for (std::size_t i = 0; i < u.items.size(); ++i) {
                if (!std::holds_alternative<TextItem>(u.items[i])) continue;
                const auto [t, b] = u.extents[i];
                if (t < cut - kEps && b > cut + kEps && t > prev + kEps) {
                    cut = t;
                    moved = true;
                }
            }
        }
        if (cut <= prev + kEps) cut = target;
        cuts.push_back(cut);
    }
    cuts.push_back(u.height);

    const bool close = close_x2 > close_x1;
    std::vector<Unit> out;
    for (std::size_t k = 0; k + 1 < cuts.size(); ++k) {
        const double a = cuts[k], b = cuts[k + 1];
        const bool first = k == 0, last = k + 2 == cuts.size();
        Unit s;
        s.kind = u.kind;
        s.header = u.header;
        s.is_header = u.is_header;
        s.height = b - a;
        s.space_before = first ? u.space_before : 0;
        s.space_after = last ? u.space_after : 0;
        s.break_before = first && u.break_before;
        s.keep_with_next = last && u.keep_with_next;
        for (std::size_t i = 0; i < u.items.size(); ++i) {
            const auto [top, bottom] = u.extents[i];
            if (auto* t = std::get_if<TextItem>(&u.items[i])) {
                const bool inside = top >= a - kEps && (top < b - kEps || (last && top <= b + kEps));
                if (!inside) continue;
                TextItem moved = *t;
                moved.y -= a;
                s.add_text(std::move(moved), top - a, bottom - a);
            } else {
                RuleItem r = std::get<RuleItem>(u.items[i]);
                const double lo = std::max(top, a), hi = std::min(bottom, b);
                if (lo > hi + kEps) continue;
                if (r.y1 == r.y2) {
                    r.y1 -= a;
                    r.y2 -= a;
                } else {  // vertical: clip to the slice
                    const bool down = r.y1 <= r.y2;
                    r.y1 = (down ? lo : hi) - a;
                    r.y2 = (down ? hi : lo) - a;
                }
                s.add_rule(std::move(r));
            }
        }
        if (close) {
            if (!first) s.add_rule(rule(close_x1, 0, close_x2, 0, "table-border"));
            if (!last) s.add_rule(rule(close_x1, b - a, close_x2, b - a, "table-border"));
        }
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace hoso::layout::detail
