// word/document.xml: the model's blocks as WordprocessingML. Word (or LibreOffice) lays the
// pages out; this file states ND30's geometry in Word's own terms:
//   - Nd30Header: a borderless two-column table; row 1 holds the agency names (left) and
//     Quốc hiệu + Tiêu ngữ (right), each with its rule; row 2 holds "Số: …" (+ "V/v …") and
//     the place/date, so that both start on the same line whatever the height of row 1.
//   - Rules of exact length: an empty paragraph with a bottom border whose left/right indents
//     leave the computed length, centred in its column (see geometry.h). Lengths come from
//     the compiled-in Times New Roman advances (metrics.h).
//   - SignatureBlock: a borderless two-column table whose single row never splits; the
//     paragraph before it keeps with it.
//   - Tables: fixed grid from the column weights, repeated header rows, rows that never split,
//     gridSpan / vMerge for spans (covered cells are written as vMerge continuations).
// The writer keeps two facts about the body while it walks the blocks: whether the last
// element was a table (two adjacent tables would merge into one, so a 1 pt paragraph goes
// between them) and whether a PageBreak waits for the next element.

#include <algorithm>
#include <cmath>
#include <string>
#include <variant>
#include <vector>

#include "docx/detail/format.h"
#include "docx/detail/geometry.h"
#include "docx/detail/metrics.h"
#include "docx/detail/parts.h"
#include "docx/detail/text.h"
#include "docx/detail/xml.h"

namespace hoso::docx::detail {

namespace {

namespace st = model::style;

const model::ParagraphStyle& style_of(const model::Document& doc, const std::string& name) {
    static const model::ParagraphStyle fallback{};
    const auto it = doc.styles.find(name);
    return it != doc.styles.end() ? it->second : fallback;
}

const char* valign_value(model::VAlign a) {
    switch (a) {
        case model::VAlign::Top: return "top";
        case model::VAlign::Center: return "center";
        case model::VAlign::Bottom: return "bottom";
    }
    return "top";
}

// Column weights → twips that add up to exactly `total` (cumulative rounding).
std::vector<long> scale_columns(const std::vector<double>& weights, long total) {
    std::vector<double> w;
    w.reserve(weights.size());
    double sum = 0;
    for (double v : weights) {
        const double ok = std::isfinite(v) && v > 0 ? v : 0.0;
        w.push_back(ok);
        sum += ok;
    }
    if (sum <= 0) {
        std::fill(w.begin(), w.end(), 1.0);
        sum = static_cast<double>(w.size());
    }
    std::vector<long> out;
    out.reserve(w.size());
    double cumulative = 0;
    long previous = 0;
    for (double v : w) {
        cumulative += v;
        const long edge = std::lround(cumulative / sum * static_cast<double>(total));
        out.push_back(edge - previous);
        previous = edge;
    }
    return out;
}

// One slot of a table row in grid order: a cell that starts here, or the continuation of a
// cell from a row above (vMerge).
struct Slot {
    const model::Cell* cell = nullptr;  // nullptr = continuation of a row span
    int first_column = 0;
    int span = 1;
    bool restart = false;  // this cell starts a vertical merge
    model::VAlign valign = model::VAlign::Top;  // a continuation repeats its origin's
};

struct RowPlan {
    std::vector<Slot> slots;
    int grid_after = 0;  // grid columns left without a cell at the end of the row
};

// Resolves row and column spans into grid slots. Tolerates invalid models (the writer must
// never crash): spans are clamped to the grid and to the columns still free.
std::vector<RowPlan> plan_rows(const model::Table& t) {
    const int ncols = static_cast<int>(t.column_widths.size());
    std::vector<int> rows_left(static_cast<std::size_t>(ncols), 0);   // rows still covered below
    std::vector<int> cover_span(static_cast<std::size_t>(ncols), 0);  // span of the covering cell
    std::vector<model::VAlign> cover_valign(static_cast<std::size_t>(ncols), model::VAlign::Top);
    std::vector<RowPlan> plans;
    plans.reserve(t.rows.size());
    for (const auto& row : t.rows) {
        RowPlan plan;
        std::size_t next_cell = 0;
        int col = 0;
        while (col < ncols) {
            const auto c = static_cast<std::size_t>(col);
            if (rows_left[c] > 0) {
                int span = std::clamp(cover_span[c], 1, ncols - col);
                plan.slots.push_back(Slot{nullptr, col, span, false, cover_valign[c]});
                for (int k = 0; k < span; ++k) --rows_left[c + static_cast<std::size_t>(k)];
                col += span;
                continue;
            }
            if (next_cell >= row.cells.size()) break;
            const model::Cell& cell = row.cells[next_cell++];
            int span = std::clamp(cell.col_span, 1, ncols - col);
            for (int k = 1; k < span; ++k) {
                if (rows_left[c + static_cast<std::size_t>(k)] > 0) {
                    span = k;
                    break;
                }
            }
            const bool restart = cell.row_span > 1;
            plan.slots.push_back(Slot{&cell, col, span, restart, cell.valign});
            if (restart) {
                for (int k = 0; k < span; ++k) {
                    rows_left[c + static_cast<std::size_t>(k)] = cell.row_span - 1;
                    cover_span[c + static_cast<std::size_t>(k)] = k == 0 ? span : 0;
                    cover_valign[c + static_cast<std::size_t>(k)] = cell.valign;
                }
            }
            col += span;
        }
        plan.grid_after = ncols - col;
        plans.push_back(std::move(plan));
    }
    return plans;
}

class BodyWriter {
public:
    BodyWriter(XmlWriter& x, const model::Document& doc) : m_x(x), m_doc(doc) {}

    void write() {
        m_x.open("w:document");
        m_x.attr("xmlns:w", ns::kW);
        m_x.attr("xmlns:r", ns::kR);
        m_x.open("w:body");
        static const model::Section kDefaultSection{};
        if (m_doc.sections.empty()) {
            begin_section(kDefaultSection);
            tiny_paragraph(nullptr);
            write_sect_pr(m_x, kDefaultSection);
        }
        for (std::size_t si = 0; si < m_doc.sections.size(); ++si) {
            section(m_doc.sections[si], si + 1 == m_doc.sections.size());
        }
        m_x.close();  // w:body
        m_x.close();  // w:document
    }

private:
    XmlWriter& m_x;
    const model::Document& m_doc;
    long m_text_width = 0;        // twips, of the current section
    bool m_last_was_table = false;
    bool m_pending_break = false;
    long m_space_before_next = 0;  // twips the next body element keeps from the one above
    int m_cell_depth = 0;         // > 0 while writing inside a table cell

    // -----------------------------------------------------------------------------------
    // Sections

    void begin_section(const model::Section& sec) {
        // As Word computes it: the sheet minus the margins, each rounded to twips.
        m_text_width = twips(sec.page.width) - twips(sec.page.margin_left) - twips(sec.page.margin_right);
        m_last_was_table = false;
        m_pending_break = false;
        m_space_before_next = 0;
    }

    void section(const model::Section& sec, bool last) {
        begin_section(sec);
        const auto& blocks = sec.blocks;
        for (std::size_t bi = 0; bi < blocks.size(); ++bi) {
            const bool is_last_block = bi + 1 == blocks.size();
            const bool before_signature =
                !is_last_block && std::holds_alternative<model::SignatureBlock>(blocks[bi + 1]);
            const model::Block& b = blocks[bi];
            if (const auto* p = std::get_if<model::Paragraph>(&b)) {
                // A section other than the last ends in the pPr of its last paragraph.
                paragraph(*p, before_signature, (!last && is_last_block) ? &sec : nullptr);
            } else if (const auto* t = std::get_if<model::Table>(&b)) {
                table(*t);
            } else if (std::holds_alternative<model::PageBreak>(b)) {
                m_pending_break = true;
            } else if (const auto* h = std::get_if<model::Nd30Header>(&b)) {
                nd30_header(*h);
            } else if (const auto* d = std::get_if<model::DocumentTitle>(&b)) {
                document_title(*d);
            } else if (const auto* a = std::get_if<model::Addressees>(&b)) {
                addressees(*a);
            } else if (const auto* s = std::get_if<model::SignatureBlock>(&b)) {
                signature(*s);
            } else if (const auto* ap = std::get_if<model::AppendixHeading>(&b)) {
                appendix_heading(*ap);
            }
        }
        // A page break at the very end of a section is dropped: the section break (or the
        // end of the document) already ends the page.
        m_pending_break = false;
        const bool ended_in_paragraph =
            !blocks.empty() && std::holds_alternative<model::Paragraph>(blocks.back());
        if (!last) {
            if (!ended_in_paragraph) tiny_paragraph(&sec);
            return;
        }
        // Word wants the body to end with a paragraph, not a table.
        if (m_last_was_table || blocks.empty()) tiny_paragraph(nullptr);
        write_sect_pr(m_x, sec);
    }

    // -----------------------------------------------------------------------------------
    // Paragraphs and runs

    // Writes one paragraph. At body level it takes a pending page break.
    void write_paragraph(ParagraphProps props, const std::vector<model::Run>& runs) {
        if (m_cell_depth == 0) {
            if (m_pending_break) props.page_break_before = true;
            m_pending_break = false;
            m_last_was_table = false;
            if (m_space_before_next > 0) {
                Spacing sp = props.spacing ? *props.spacing : spacing_of(style_of(m_doc, props.style));
                sp.before = std::max(sp.before, m_space_before_next);
                props.spacing = sp;
                m_space_before_next = 0;
            }
        }
        const model::ParagraphStyle& ps = style_of(m_doc, props.style);
        m_x.open("w:p");
        write_ppr(m_x, props);
        for (const auto& r : runs) run(r, ps);
        m_x.close();
        ++m_paragraphs_written;
    }

    void write_text_paragraph(ParagraphProps props, const std::string& text) {
        std::vector<model::Run> runs;
        if (!text.empty()) runs.push_back(model::Run{text, {}});
        write_paragraph(std::move(props), runs);
    }

    static ParagraphProps styled(const std::string& style) {
        ParagraphProps p;
        p.style = style;
        return p;
    }

    void run(const model::Run& r, const model::ParagraphStyle& ps) {
        if (r.text.empty()) return;
        m_x.open("w:r");
        // Run formatting adds to the paragraph style (model::RunStyle); EG_RPrBase order:
        // b, bCs, i, iCs, …, sz, szCs, highlight, u.
        const bool bold = r.style.bold && !ps.bold;
        const bool italic = r.style.italic && !ps.italic;
        if (bold || italic || r.style.underline) {
            m_x.open("w:rPr");
            if (bold) {
                m_x.empty("w:b");
                m_x.empty("w:bCs");
            }
            if (italic) {
                m_x.empty("w:i");
                m_x.empty("w:iCs");
            }
            if (r.style.underline) m_x.val("w:u", "single");
            m_x.close();
        }
        run_content(r.text);
        m_x.close();
    }

    // Text with xml:space="preserve" on every w:t (LibreOffice drops edge spaces otherwise).
    // The model has no control characters; should one slip through, a tab becomes w:tab, a
    // line feed w:br, and the rest is dropped.
    void run_content(const std::string& text) {
        std::string chunk;
        auto flush = [&] {
            if (chunk.empty()) return;
            m_x.open("w:t");
            m_x.attr("xml:space", "preserve");
            m_x.text(chunk);
            m_x.close();
            chunk.clear();
        };
        for_each_code_point(text, [&](char32_t cp) {
            if (cp == U'\t') {
                flush();
                m_x.empty("w:tab");
            } else if (cp == U'\n') {
                flush();
                m_x.empty("w:br");
            } else if (cp != U'\r' && xml_allowed(cp)) {
                append_utf8(chunk, cp);
            }
        });
        flush();
    }

    void paragraph(const model::Paragraph& p, bool keep_next, const model::Section* section_end) {
        ParagraphProps props = styled(p.style);
        props.keep_next = keep_next;
        props.section = section_end;
        write_paragraph(std::move(props), p.runs);
    }

    // 1 pt high helper paragraph (see geometry.h). Carries a section break or a page break,
    // or, `height` twips high, keeps space above a table.
    void tiny_paragraph(const model::Section* section_end, bool page_break = false,
                        long height = kTinyLineTwips) {
        ParagraphProps props;
        props.spacing = Spacing{0, 0, height, "exact"};
        props.mark_half_points = kTinyHalfPoints;
        props.section = section_end;
        props.page_break_before = page_break;
        m_x.open("w:p");
        write_ppr(m_x, props);
        m_x.close();
        ++m_paragraphs_written;
        if (m_cell_depth == 0) m_last_was_table = false;
    }

    // A rule of `length_pt`, centred in a container `container` twips wide.
    void rule(long container, double length_pt, bool keep_next) {
        const long length = std::clamp(twips(length_pt), 0L, container);
        const long side = (container - length) / 2;
        ParagraphProps props;
        props.keep_next = keep_next;
        props.bottom_rule = true;
        props.spacing = Spacing{0, kRuleAfterTwips, kRuleLineTwips, "exact"};
        props.indent = Indent{side, container - length - side, 0};
        props.mark_half_points = kTinyHalfPoints;
        write_paragraph(std::move(props), {});
    }

    // Width in points of the widest of `lines` set in `style`.
    double widest(const std::vector<std::string>& lines, const std::string& style) const {
        const model::ParagraphStyle& ps = style_of(m_doc, style);
        double w = 0;
        for (const auto& l : lines) w = std::max(w, text_width(l, ps.font_size, ps.bold, ps.italic));
        return w;
    }

    // -----------------------------------------------------------------------------------
    // Tables

    int m_paragraphs_written = 0;

    // Called before a w:tbl at body level: the pending page break goes on a 1 pt paragraph
    // (a table cannot carry pageBreakBefore), and two tables never touch (Word would join them).
    void before_body_table() {
        if (m_cell_depth > 0) return;
        if (m_pending_break) {
            m_pending_break = false;
            m_space_before_next = 0;  // at the top of a new page
            tiny_paragraph(nullptr, true);
        } else if (m_space_before_next > 0) {
            tiny_paragraph(nullptr, false, m_space_before_next);
            m_space_before_next = 0;
        } else if (m_last_was_table) {
            tiny_paragraph(nullptr);
        }
    }

    void after_body_table() {
        if (m_cell_depth == 0) m_last_was_table = true;
    }

    void table_properties(long width, bool borders, long padding) {
        // CT_TblPr order: tblW, tblBorders, tblLayout, tblCellMar.
        m_x.open("w:tblPr");
        m_x.open("w:tblW");
        m_x.attr("w:w", width);
        m_x.attr("w:type", "dxa");
        m_x.close();
        m_x.open("w:tblBorders");
        for (const char* side : {"w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"}) {
            m_x.open(side);
            if (borders) {
                m_x.attr("w:val", "single");
                m_x.attr("w:sz", kGridEighths);
                m_x.attr("w:space", 0);
                m_x.attr("w:color", "000000");
            } else {
                m_x.attr("w:val", "nil");
            }
            m_x.close();
        }
        m_x.close();
        m_x.val("w:tblLayout", "fixed");
        m_x.open("w:tblCellMar");
        for (const char* side : {"w:top", "w:left", "w:bottom", "w:right"}) {
            const bool horizontal = side[2] == 'l' || side[2] == 'r';
            m_x.open(side);
            m_x.attr("w:w", horizontal ? padding : 0L);
            m_x.attr("w:type", "dxa");
            m_x.close();
        }
        m_x.close();
        m_x.close();
    }

    void table_grid(const std::vector<long>& widths) {
        m_x.open("w:tblGrid");
        for (long w : widths) {
            m_x.open("w:gridCol");
            m_x.attr("w:w", w);
            m_x.close();
        }
        m_x.close();
    }

    void row_properties(bool header, int grid_after) {
        // CT_TrPrBase is a choice group; written in its declaration order.
        m_x.open("w:trPr");
        if (grid_after > 0) m_x.val("w:gridAfter", grid_after);
        m_x.empty("w:cantSplit");  // a row is never split across pages
        if (header) m_x.empty("w:tblHeader");  // repeated at the top of every page
        m_x.close();
    }

    // Opens w:tc with its properties (CT_TcPr order: tcW, gridSpan, vMerge, vAlign).
    void open_cell(long width, int span, const char* vmerge, model::VAlign valign) {
        m_x.open("w:tc");
        m_x.open("w:tcPr");
        m_x.open("w:tcW");
        m_x.attr("w:w", width);
        m_x.attr("w:type", "dxa");
        m_x.close();
        if (span > 1) m_x.val("w:gridSpan", span);
        if (vmerge != nullptr) {
            if (*vmerge != '\0') {
                m_x.val("w:vMerge", vmerge);
            } else {
                m_x.empty("w:vMerge");
            }
        }
        m_x.val("w:vAlign", valign_value(valign));
        m_x.close();
        ++m_cell_depth;
        m_cell_start = m_paragraphs_written;
    }

    // Closes w:tc; a cell must end with a paragraph, so an empty one is added if needed.
    void close_cell() {
        if (m_paragraphs_written == m_cell_start) write_paragraph(ParagraphProps{}, {});
        --m_cell_depth;
        m_x.close();
    }

    int m_cell_start = 0;

    void table(const model::Table& t) {
        if (t.column_widths.empty()) return;  // model::validate rejects this
        const std::vector<long> widths = scale_columns(t.column_widths, m_text_width);
        auto span_width = [&](int first, int span) {
            long w = 0;
            for (int k = 0; k < span; ++k) w += widths[static_cast<std::size_t>(first + k)];
            return w;
        };
        before_body_table();
        m_x.open("w:tbl");
        table_properties(m_text_width, t.borders, kCellPaddingTwips);
        table_grid(widths);
        const std::vector<RowPlan> plans = plan_rows(t);
        for (std::size_t r = 0; r < plans.size(); ++r) {
            m_x.open("w:tr");
            row_properties(static_cast<int>(r) < t.header_rows, plans[r].grid_after);
            for (const Slot& slot : plans[r].slots) {
                const long width = span_width(slot.first_column, slot.span);
                if (slot.cell == nullptr) {
                    open_cell(width, slot.span, "", slot.valign);  // vMerge continue
                    close_cell();
                    continue;
                }
                open_cell(width, slot.span, slot.restart ? "restart" : nullptr, slot.cell->valign);
                for (const auto& p : slot.cell->paragraphs) paragraph(p, false, nullptr);
                close_cell();
            }
            m_x.close();  // w:tr
        }
        m_x.close();  // w:tbl
        after_body_table();
    }

    // A borderless layout table (ND30 header, signature block) with cells of zero padding.
    void open_layout_table(const std::vector<long>& widths) {
        before_body_table();
        m_x.open("w:tbl");
        long total = 0;
        for (long w : widths) total += w;
        table_properties(total, false, 0);
        table_grid(widths);
    }

    void close_layout_table() {
        m_x.close();
        after_body_table();
    }

    // -----------------------------------------------------------------------------------
    // ND30 nodes

    void nd30_header(const model::Nd30Header& h) {
        const long left = std::clamp(
            std::lround(static_cast<double>(m_text_width) * m_doc.nd30.header_left_fraction), 0L,
            m_text_width);
        const long right = m_text_width - left;
        open_layout_table({left, right});

        // Row 1: agencies | Quốc hiệu + Tiêu ngữ, each block with its rule.
        m_x.open("w:tr");
        row_properties(false, 0);
        open_cell(left, 1, nullptr, model::VAlign::Top);
        for (const auto& l : h.parent_agency) write_text_paragraph(styled(st::kAgencyParent), l);
        for (const auto& l : h.issuing_agency) write_text_paragraph(styled(st::kAgency), l);
        if (!h.issuing_agency.empty()) {
            // ND30 Phụ lục I II.2: a rule 1/3–1/2 of the agency name, centred under it.
            rule(left, m_doc.nd30.short_rule_fraction * widest(h.issuing_agency, st::kAgency), false);
        }
        close_cell();
        open_cell(right, 1, nullptr, model::VAlign::Top);
        if (!h.national_name.empty()) write_text_paragraph(styled(st::kNationalName), h.national_name);
        if (!h.motto.empty()) {
            write_text_paragraph(styled(st::kMotto), h.motto);
            // ND30 Phụ lục I II.1: a rule as long as the Tiêu ngữ.
            rule(right, widest({h.motto}, st::kMotto), false);
        }
        close_cell();
        m_x.close();  // w:tr

        // Row 2: "Số: …" (+ công văn trích yếu) | place and date, on the same line (II.4).
        if (!h.number.empty() || !h.subject.empty() || !h.place_date.empty()) {
            m_x.open("w:tr");
            row_properties(false, 0);
            open_cell(left, 1, nullptr, model::VAlign::Top);
            if (!h.number.empty()) write_text_paragraph(styled(st::kNumber), h.number);
            for (std::size_t i = 0; i < h.subject.size(); ++i) {
                ParagraphProps props = styled(st::kSubject);
                if (i == 0 && !h.number.empty()) {
                    Spacing sp = spacing_of(style_of(m_doc, st::kSubject));
                    sp.before = std::max(sp.before, kSubjectBeforeTwips);
                    props.spacing = sp;
                }
                write_text_paragraph(std::move(props), h.subject[i]);
            }
            close_cell();
            open_cell(right, 1, nullptr, model::VAlign::Top);
            if (!h.place_date.empty()) write_text_paragraph(styled(st::kPlaceDate), h.place_date);
            close_cell();
            m_x.close();  // w:tr
        }
        close_layout_table();
        // Whatever follows the header block (title, Kính gửi of a công văn, text) keeps
        // title_space_before from it.
        m_space_before_next = twips(m_doc.nd30.title_space_before);
    }

    void document_title(const model::DocumentTitle& t) {
        bool first = true;
        auto props_for = [&](const char* style) {
            ParagraphProps props = styled(style);
            props.keep_next = true;  // the title stays with what follows
            if (first) {
                Spacing sp = spacing_of(style_of(m_doc, style));
                sp.before = twips(m_doc.nd30.title_space_before);
                props.spacing = sp;
                first = false;
            }
            return props;
        };
        if (!t.doc_type.empty()) write_text_paragraph(props_for(st::kDocType), t.doc_type);
        for (const auto& line : t.summary) write_text_paragraph(props_for(st::kSummary), line);
        if (!t.summary.empty()) {
            // ND30 Phụ lục I II.5.a: a rule 1/3–1/2 of the trích yếu, centred under it.
            // A line wider than the page wraps, so the text is at most the text width.
            const double length =
                m_doc.nd30.short_rule_fraction *
                std::min(widest(t.summary, st::kSummary), static_cast<double>(m_text_width) / 20.0);
            rule(m_text_width, length, true);
        }
    }

    void addressees(const model::Addressees& a) {
        const model::ParagraphStyle& ps = style_of(m_doc, st::kAddressee);
        if (a.recipients.size() <= 1) {
            // One recipient: on the same line as "Kính gửi:" (ND30 Phụ lục I II.9.a).
            std::string text = a.label;
            if (!a.recipients.empty()) text += (text.empty() ? "" : " ") + a.recipients.front();
            write_text_paragraph(styled(st::kAddressee), text);
            return;
        }
        // Several: "- A;" "- B;" … "- Z." with the dashes aligned under the first recipient.
        // One paragraph, left-aligned (a justified line before a manual break would be
        // stretched); the first line holds the label, a tab to the hanging indent, and the
        // first recipient; the others follow line breaks and start at the hanging indent.
        const std::vector<std::string> items = model::dashed_list(a.recipients);
        const Indent base = indent_of(ps);
        const long label = a.label.empty()
                               ? 0
                               : static_cast<long>(std::ceil(
                                     20.0 * text_width(a.label + " ", ps.font_size, ps.bold, ps.italic)));
        ParagraphProps props = styled(st::kAddressee);
        props.align = model::Align::Left;
        props.indent = Indent{base.left + label, base.right, -label};
        if (label > 0) props.left_tabs = {base.left + label};
        std::string text = a.label.empty() ? std::string() : a.label + "\t";
        for (std::size_t i = 0; i < items.size(); ++i) text += (i ? "\n" : "") + items[i];
        write_paragraph(std::move(props), {model::Run{text, {}}});
    }

    void signature(const model::SignatureBlock& s) {
        const long left = std::clamp(
            std::lround(static_cast<double>(m_text_width) * m_doc.nd30.recipients_fraction), 0L,
            m_text_width);
        const long right = m_text_width - left;
        open_layout_table({left, right});
        m_x.open("w:tr");
        row_properties(false, 0);  // cantSplit: Nơi nhận and signer stay together
        open_cell(left, 1, nullptr, model::VAlign::Top);
        if (!s.recipients.empty()) {
            // ND30 Phụ lục I II.9.b: "Nơi nhận:" level with the first signer line.
            write_text_paragraph(styled(st::kRecipientsLabel), s.recipients_label);
            for (const auto& item : model::dashed_list(s.recipients)) {
                write_text_paragraph(styled(st::kRecipients), item);
            }
        }
        close_cell();
        open_cell(right, 1, nullptr, model::VAlign::Top);
        for (const auto& l : s.authority) write_text_paragraph(styled(st::kSignerAuthority), l);
        ParagraphProps name = styled(st::kSignerName);
        Spacing sp = spacing_of(style_of(m_doc, st::kSignerName));
        sp.before = twips(m_doc.nd30.signature_space);  // room for signature and seal
        name.spacing = sp;
        write_text_paragraph(std::move(name), s.signer_name);
        close_cell();
        m_x.close();  // w:tr
        close_layout_table();
    }

    void appendix_heading(const model::AppendixHeading& a) {
        auto keep = [](const char* style) {
            ParagraphProps props = styled(style);
            props.keep_next = true;
            return props;
        };
        if (!a.label.empty()) write_text_paragraph(keep(st::kAppendixLabel), a.label);
        if (!a.title.empty()) write_text_paragraph(keep(st::kAppendixTitle), a.title);
        if (!a.reference.empty()) write_text_paragraph(keep(st::kAppendixReference), a.reference);
        if (!a.title.empty()) {
            // Mẫu 2.1 (Phụ lục III): a short rule under the heading, sized like the trích yếu's.
            const double length =
                m_doc.nd30.short_rule_fraction *
                std::min(widest({a.title}, st::kAppendixTitle), static_cast<double>(m_text_width) / 20.0);
            rule(m_text_width, length, true);
        }
    }
};

}  // namespace

std::string document_xml(const model::Document& doc, const DocxOptions& /*options*/) {
    XmlWriter x;
    BodyWriter(x, doc).write();
    return x.finish();
}

}  // namespace hoso::docx::detail
