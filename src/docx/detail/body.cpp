// word/document.xml: the model's blocks as WordprocessingML. Word (or LibreOffice) lays the
// pages out; this file states, in Word's own terms, the geometry hoso's PDF layout uses
// (src/layout/detail/blocks.cpp), so that both print alike:
//   - Nd30Header: a borderless two-column table; row 1 holds the agency names (left) and
//     Quốc hiệu + Tiêu ngữ (right), each with its rule; row 2 holds "Số: …" (+ "V/v …") and
//     the place/date, which therefore start on the same line whatever the height of row 1,
//     and share a baseline (the smaller first line gets the difference of the ascents).
//   - Rules of exact length: an empty paragraph with a bottom border whose left/right indents
//     leave the computed length, centred in its column (see geometry.h). Lengths come from
//     the compiled-in Times New Roman advances (metrics.h): the writer needs no font.
//   - Addressees: the "Kính gửi" block centred on the text width, recipients at a tab stop.
//   - SignatureBlock: a borderless two-column table whose single row never splits; the block
//     before it keeps with it.
//   - Tables: fixed grid from the column weights, repeated header rows, rows that never split,
//     gridSpan / vMerge for spans (covered cells are vMerge continuations), rows tied by a
//     row span kept on one page.
//   - Line breaks where layout breaks them (breaks.h) in every paragraph that may wrap.
// While it walks the blocks the writer remembers whether the last body element was a table
// (two adjacent tables would merge, so a 1 pt paragraph goes between them), whether a
// PageBreak waits, and the space layout puts above the next block.

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <map>
#include <optional>
#include <string_view>
#include <utility>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include "docx/detail/breaks.h"
#include "docx/detail/format.h"
#include "docx/detail/geometry.h"
#include "docx/detail/metrics.h"
#include "docx/detail/parts.h"
#include "docx/detail/text.h"
#include "docx/detail/xml.h"

namespace hoso::docx::detail {

namespace {

namespace st = model::style;

// The model's style sheet, looked up by name without building a std::string; the last
// answer is remembered (consecutive paragraphs mostly share a style).
class StyleSheet {
public:
    explicit StyleSheet(const std::map<std::string, model::ParagraphStyle>& styles) {
        m_entries.reserve(styles.size());
        for (const auto& [name, style] : styles) m_entries.emplace_back(name, &style);  // sorted
    }

    const model::ParagraphStyle& operator()(std::string_view name) const {
        static const model::ParagraphStyle fallback{};
        if (m_last != nullptr && name == m_last_name) return *m_last;
        const auto it = std::lower_bound(m_entries.begin(), m_entries.end(), name,
                                         [](const Entry& e, std::string_view n) { return e.first < n; });
        const model::ParagraphStyle* found = it != m_entries.end() && it->first == name ? it->second : &fallback;
        m_last_name = name;
        m_last = found;
        return *found;
    }

private:
    using Entry = std::pair<std::string_view, const model::ParagraphStyle*>;
    std::vector<Entry> m_entries;
    mutable std::string_view m_last_name;
    mutable const model::ParagraphStyle* m_last = nullptr;
};

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
    int grid_after = 0;          // grid columns left without a cell at the end of the row
    bool keep_with_next = false;  // a row span ties this row to the next one
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
        plan.keep_with_next = std::any_of(rows_left.begin(), rows_left.end(), [](int n) { return n > 0; });
        plans.push_back(std::move(plan));
    }
    return plans;
}

// Width of the widest line when `text` is broken greedily at spaces: the first line has
// `first` pt, the next ones `rest` pt starting `indent` pt further right. Used to centre the
// "Kính gửi" block the way hoso's layout does (it breaks lines itself).
double widest_wrapped(const std::string& text, double size, bool bold, bool italic, double first,
                      double rest, double indent) {
    const double space = text_width(" ", size, bold, italic);
    double widest = 0, line = -1, avail = first, offset = 0;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        std::size_t end = text.find(' ', pos);
        if (end == std::string::npos) end = text.size();
        if (end > pos) {
            const double w = text_width(std::string_view(text).substr(pos, end - pos), size, bold, italic);
            if (line < 0) {
                line = w;
            } else if (line + space + w <= avail) {
                line += space + w;
            } else {
                widest = std::max(widest, offset + line);
                line = w;
                avail = rest;
                offset = indent;
            }
        }
        pos = end + 1;
    }
    if (line >= 0) widest = std::max(widest, offset + line);
    return widest;
}

// The XML of paragraphs this thread has written, by everything it depends on: documents
// made from one template repeat most of their paragraphs (the template's own text: 70 % of
// a bench report's paragraph bytes), and a repeated one is copied instead of measured,
// protected (breaks.h) and written again. A paragraph's bytes depend on its properties,
// the values of its style, the width it is set in, whether it is protected, and its runs.
// The style values are the same for every document with the same style sheet: the memo
// holds the paragraphs of one style sheet (begin_document() empties it for another), and a
// key names the style. The rest is in the key, member by member (structured bindings), so
// that a member added to one of those structs stops this from compiling until the key
// covers it. Bounded: past kMaxBytes of keys and XML the memo starts again empty. The bytes
// written are the same with or without it (tested).
class ParagraphMemo {
public:
    static constexpr std::size_t kMaxBytes = std::size_t{2} << 20;

    // `styles`: a byte string equal for equal style sheets (shared_key() of parts.h, which
    // holds the style sheet and more).
    void begin_document(std::string_view styles) {
        if (styles == m_styles) return;
        m_xml.clear();
        m_bytes = 0;
        m_styles.assign(styles);
    }

    // The key of one paragraph (valid until the next call).
    const std::string& key(const ParagraphProps& p, long container, bool protect, const std::vector<model::Run>& runs) {
        const auto& [style, keep_next, keep_lines, page_break_before, bottom_rule, left_tabs, spacing, indent, align,
                     mark_half_points, section] = p;
        // The fixed-size inputs first, in one block; then the variable ones, each after its size.
        Fixed f{};
        f.flags = flag(keep_next, 0) | flag(keep_lines, 1) | flag(page_break_before, 2) | flag(bottom_rule, 3) |
                  flag(protect, 4) | flag(section.has_value(), 5) | flag(spacing.has_value(), 6) |
                  flag(indent.has_value(), 7) | flag(align.has_value(), 8) | flag(mark_half_points.has_value(), 9);
        std::string_view rule;
        if (spacing) {
            const auto& [before, after, line, line_rule] = *spacing;
            f.spacing = {before, after, line};
            rule = line_rule;
        }
        if (indent) {
            const auto& [left, right, first_line] = *indent;
            f.indent = {left, right, first_line};
        }
        if (align) f.align = static_cast<int>(*align);
        if (mark_half_points) f.mark_half_points = *mark_half_points;
        f.container = container;
        f.tabs = left_tabs.size();
        f.runs = runs.size();
        f.style_size = style.size();
        f.rule_size = rule.size();

        std::string& k = m_key;
        k.clear();
        char bytes[sizeof(Fixed)];
        std::memcpy(bytes, &f, sizeof f);
        k.append(bytes, sizeof bytes);
        k.append(style);
        k.append(rule);
        for (long t : left_tabs) put(k, t);
        for (const auto& r : runs) {
            const auto& [text, run_style] = r;
            const auto& [run_bold, run_italic, underline] = run_style;
            put(k, static_cast<std::uint64_t>(text.size()) << 3 | flag(run_bold, 0) | flag(run_italic, 1) |
                       flag(underline, 2));
            k.append(text);
        }
        return k;
    }

    // The XML remembered for the last key(), or nullptr.
    const std::string* find(const std::string& key) const {
        const auto it = m_xml.find(key);
        return it == m_xml.end() ? nullptr : &it->second;
    }

    // Remembers `xml` for the last key().
    void add(std::string_view xml) {
        const std::size_t bytes = m_key.size() + xml.size();
        if (m_bytes + bytes > kMaxBytes) {
            m_xml.clear();
            m_bytes = 0;
        }
        if (m_xml.try_emplace(m_key, xml).second) m_bytes += bytes;
    }

private:
    // The fixed-size part of a key. Zero-initialised before it is filled, padding included
    // (all members are 8 bytes wide), so that equal inputs give equal bytes.
    struct Fixed {
        std::uint64_t flags;
        std::array<long, 3> spacing;
        std::array<long, 3> indent;
        long align;
        long mark_half_points;
        long container;
        std::uint64_t tabs;
        std::uint64_t runs;
        std::uint64_t style_size;
        std::uint64_t rule_size;
    };
    static_assert(sizeof(Fixed) == 14 * 8, "ParagraphMemo::Fixed must have no padding");

    static constexpr std::uint64_t flag(bool b, int bit) { return b ? std::uint64_t{1} << bit : 0; }
    template <typename T>
    static void put(std::string& k, const T& value) {
        char bytes[sizeof(T)];
        std::memcpy(bytes, &value, sizeof(T));
        k.append(bytes, sizeof(T));
    }

    // A word-at-a-time hash of the key (std::hash reads it byte by byte).
    struct KeyHash {
        std::size_t operator()(const std::string& k) const noexcept {
            const char* p = k.data();
            const std::size_t n = k.size();
            std::uint64_t a = 0x9E3779B97F4A7C15u ^ n, b = 0xC2B2AE3D27D4EB4Fu;
            std::size_t i = 0;
            for (; i + 16 <= n; i += 16) {  // two independent lanes
                std::uint64_t w1, w2;
                std::memcpy(&w1, p + i, 8);
                std::memcpy(&w2, p + i + 8, 8);
                a = std::rotl((a ^ w1) * 0xFF51AFD7ED558CCDu, 31);
                b = std::rotl((b ^ w2) * 0xC4CEB9FE1A85EC53u, 29);
            }
            std::uint64_t tail[2] = {0, 0};
            std::memcpy(tail, p + i, n - i);
            a = (a ^ tail[0]) * 0xFF51AFD7ED558CCDu;
            b = (b ^ tail[1]) * 0xC4CEB9FE1A85EC53u;
            const std::uint64_t h = (a ^ std::rotl(b, 17)) * 0x9E3779B97F4A7C15u;
            return static_cast<std::size_t>(h ^ (h >> 32));
        }
    };

    std::string m_styles;  // begin_document()'s argument
    std::string m_key;
    std::unordered_map<std::string, std::string, KeyHash> m_xml;
    std::size_t m_bytes = 0;
};

ParagraphMemo& paragraph_memo() {
    thread_local ParagraphMemo memo;
    return memo;
}

class BodyWriter {
public:
    BodyWriter(XmlWriter& x, const model::Document& doc) : m_x(x), m_doc(doc), m_styles(doc.styles) {}

    void write() {
        m_x.open("w:document");
        m_x.attr("xmlns:w", ns::kW);
        m_x.attr("xmlns:r", ns::kR);
        m_x.open("w:body");
        static const model::Section kDefaultSection{};
        if (m_doc.sections.empty()) {
            begin_section(kDefaultSection);
            tiny_paragraph();
            write_sect_pr(m_x, section_props(kDefaultSection, 0));
        }
        for (std::size_t si = 0; si < m_doc.sections.size(); ++si) section(si);
        m_x.close();  // w:body
        m_x.close();  // w:document
    }

private:
    XmlWriter& m_x;
    const model::Document& m_doc;
    StyleSheet m_styles;
    long m_text_width = 0;          // twips, of the current section
    bool m_last_was_table = false;  // the last body element was a w:tbl
    bool m_pending_break = false;   // a PageBreak waits for the next body element
    long m_extra_before_next = 0;   // twips added above the next body element
    int m_cell_depth = 0;           // > 0 while writing inside a table cell
    int m_paragraphs_written = 0;
    int m_cell_start = 0;
    long m_container = 0;           // twips available to a paragraph here (text or cell width)
    long m_outer_container = 0;     // m_container outside the current cell

    const model::ParagraphStyle& style(std::string_view name) const { return m_styles(name); }
    double text_width_pt() const { return static_cast<double>(m_text_width) / 20.0; }

    static double ascent(const model::ParagraphStyle& s) { return kWinAscentEm * s.font_size; }

    // -----------------------------------------------------------------------------------
    // Sections

    SectionProps section_props(const model::Section& sec, std::size_t index) const {
        const model::ParagraphStyle& number = style(st::kPageNumber);
        SectionProps p;
        p.section = &sec;
        p.starts_numbering = index == 0 || sec.numbering.restart;
        p.number_line_pt = number.line_spacing * (kWinAscentEm + kWinDescentEm) * number.font_size;
        return p;
    }

    void begin_section(const model::Section& sec) {
        // As Word computes it: the sheet minus the margins, each rounded to twips.
        m_text_width = twips(sec.page.width) - twips(sec.page.margin_left) - twips(sec.page.margin_right);
        m_container = m_text_width;
        m_last_was_table = false;
        m_pending_break = false;
        m_extra_before_next = 0;
    }

    void section(std::size_t index) {
        const model::Section& sec = m_doc.sections[index];
        const bool last = index + 1 == m_doc.sections.size();
        begin_section(sec);
        const auto& blocks = sec.blocks;
        for (std::size_t bi = 0; bi < blocks.size(); ++bi) {
            const bool is_last_block = bi + 1 == blocks.size();
            // Layout keeps the block before a signature with it (a page never holds only the
            // signature); the ND30 nodes before it keep with what follows anyway.
            const bool before_signature =
                !is_last_block && std::holds_alternative<model::SignatureBlock>(blocks[bi + 1]);
            const model::Block& b = blocks[bi];
            if (const auto* p = std::get_if<model::Paragraph>(&b)) {
                // A section other than the last ends in the pPr of its last paragraph.
                std::optional<SectionProps> end;
                if (!last && is_last_block) end = section_props(sec, index);
                paragraph(*p, before_signature, end);
            } else if (const auto* t = std::get_if<model::Table>(&b)) {
                table(*t, before_signature);
            } else if (std::holds_alternative<model::PageBreak>(b)) {
                m_pending_break = true;
            } else if (const auto* h = std::get_if<model::Nd30Header>(&b)) {
                nd30_header(*h);
            } else if (const auto* d = std::get_if<model::DocumentTitle>(&b)) {
                document_title(*d);
            } else if (const auto* a = std::get_if<model::Addressees>(&b)) {
                // Straight after the header block (a công văn has no title): the title's gap,
                // as hoso's layout leaves it.
                const bool after_header = bi > 0 && std::holds_alternative<model::Nd30Header>(blocks[bi - 1]);
                addressees(*a, after_header ? twips(m_doc.nd30.title_space_before) : 0);
            } else if (const auto* s = std::get_if<model::SignatureBlock>(&b)) {
                signature(*s);
            } else if (const auto* ap = std::get_if<model::AppendixHeading>(&b)) {
                appendix_heading(*ap);
            }
        }
        // A page break at the very end of a section is dropped: the section break (or the
        // end of the document) already ends the page.
        m_pending_break = false;
        m_extra_before_next = 0;
        const bool ended_in_paragraph =
            !blocks.empty() && std::holds_alternative<model::Paragraph>(blocks.back());
        if (!last) {
            if (!ended_in_paragraph) tiny_paragraph(section_props(sec, index));
            return;
        }
        // Word wants the body to end with a paragraph, not a table.
        if (m_last_was_table || blocks.empty()) tiny_paragraph(std::nullopt, false, kFinalLineTwips);
        write_sect_pr(m_x, section_props(sec, index));
    }

    // -----------------------------------------------------------------------------------
    // Paragraphs and runs

    // True when the runs may not fit on one line of this paragraph (then its text is made
    // to break where layout breaks, see breaks.h). Measured with the compiled-in advances;
    // 1 pt of tolerance errs on the side of protecting.
    bool may_wrap(const ParagraphProps& props, const std::vector<model::Run>& runs) const {
        const model::ParagraphStyle& ps = style(props.style);
        const Indent ind = props.indent ? *props.indent : indent_of(ps);
        const double avail =
            static_cast<double>(m_container - ind.left - ind.right - std::max(0L, ind.first_line)) / 20.0;
        const double limit = avail - 1.0;
        double w = 0;
        for (const auto& r : runs) {
            // Measured only until the line is full (long paragraphs are most of the text).
            w += text_width_until(r.text, ps.font_size, ps.bold || r.style.bold, ps.italic || r.style.italic,
                                  limit - w);
            if (w > limit) return true;
        }
        return false;
    }

    // The runs cleaned and rewritten by keep_unbreakable; `plain` tells whether all of them
    // are plain text (text.h), which the rewrite keeps (U+00A0 and U+2060 are plain).
    static std::vector<model::Run> protected_runs(const std::vector<model::Run>& runs, bool& plain) {
        std::vector<std::string> pieces;
        pieces.reserve(runs.size());
        plain = true;
        for (const auto& r : runs) pieces.push_back(clean_text(r.text, plain));
        keep_unbreakable(pieces);
        std::vector<model::Run> out;
        out.reserve(runs.size());
        for (std::size_t i = 0; i < runs.size(); ++i) out.push_back(model::Run{std::move(pieces[i]), runs[i].style});
        return out;
    }

    // Valid UTF-8 without the characters the model forbids (the guard of run_content, applied
    // before text::break_opportunities sees the text). Clears `plain` unless `s` is plain.
    static std::string clean_text(const std::string& s, bool& plain) {
        const std::size_t prefix = plain_prefix(s);
        if (prefix == s.size()) return s;
        plain = false;
        std::string out;
        out.reserve(s.size());
        out.append(s, 0, prefix);
        for_each_code_point(std::string_view(s).substr(prefix), [&](char32_t cp) {
            if (xml_allowed(cp) && cp != U'\r') append_utf8(out, cp);
        });
        return out;
    }

    // Writes one paragraph. At body level it takes a pending page break and extra space.
    // `protect`: text that may wrap is rewritten to break where layout breaks (breaks.h).
    // A paragraph written before by this thread with the same inputs (ParagraphMemo) is
    // copied from then.
    void write_paragraph(ParagraphProps props, const std::vector<model::Run>& runs, bool protect = true) {
        if (m_cell_depth == 0) {
            if (m_pending_break) {
                props.page_break_before = true;
                m_extra_before_next = 0;  // space above is dropped at the top of a page
            }
            m_pending_break = false;
            m_last_was_table = false;
            if (m_extra_before_next > 0) {
                Spacing sp = props.spacing ? *props.spacing : spacing_of(style(props.style));
                sp.before += m_extra_before_next;
                props.spacing = sp;
                m_extra_before_next = 0;
            }
        }
        ++m_paragraphs_written;
        const model::ParagraphStyle& ps = style(props.style);
        if (props.section) {  // a section break reads the model's section: not remembered
            emit_paragraph(props, ps, runs, protect);
            return;
        }
        ParagraphMemo& memo = paragraph_memo();
        const std::string& key = memo.key(props, m_container, protect, runs);
        if (const std::string* xml = memo.find(key)) {
            m_x.raw_element(*xml);
            return;
        }
        m_x.seal();
        const std::size_t start = m_x.view().size();
        emit_paragraph(props, ps, runs, protect);
        memo.add(m_x.view().substr(start));
    }

    void emit_paragraph(const ParagraphProps& props, const model::ParagraphStyle& ps,
                        const std::vector<model::Run>& runs, bool protect) {
        if (protect && !runs.empty() && may_wrap(props, runs)) {
            bool plain = false;
            const std::vector<model::Run> rewritten = protected_runs(runs, plain);
            write_p(props, ps, rewritten, plain);
        } else {
            write_p(props, ps, runs, false);
        }
    }

    // `plain`: every run is known to be plain text (text.h).
    void write_p(const ParagraphProps& props, const model::ParagraphStyle& ps, const std::vector<model::Run>& runs,
                 bool plain) {
        m_x.open("w:p");
        write_ppr(m_x, props);
        for (const auto& r : runs) run(r, ps, plain);
        m_x.close();
    }

    void write_text_paragraph(ParagraphProps props, const std::string& text) {
        std::vector<model::Run> runs;
        if (!text.empty()) runs.push_back(model::Run{text, {}});
        write_paragraph(std::move(props), runs);
    }

    static ParagraphProps styled(std::string_view style_name) {
        ParagraphProps p;
        p.style = style_name;
        return p;
    }

    // A line of an ND30 node. Layout stacks these lines without the styles' own paragraph
    // spacing, so any such spacing is overridden by `before` / `after`.
    ParagraphProps node_props(const char* style_name, long before = 0, long after = 0,
                              bool keep_next = false) const {
        ParagraphProps p = styled(style_name);
        const model::ParagraphStyle& s = style(style_name);
        if (before != 0 || after != 0 || s.space_before != 0 || s.space_after != 0) {
            Spacing sp = spacing_of(s);
            sp.before = before;
            sp.after = after;
            p.spacing = sp;
        }
        p.keep_next = keep_next;
        return p;
    }

    void run(const model::Run& r, const model::ParagraphStyle& ps, bool plain) {
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
        run_content(r.text, plain);
        m_x.close();
    }

    // Text with xml:space="preserve" on every w:t (LibreOffice drops edge spaces otherwise).
    // The model has no control characters; should one slip through, a tab becomes w:tab, a
    // line feed w:br, and the rest is dropped.
    void run_content(const std::string& text, bool plain) {
        // The usual case: one w:t, the text as it is (checked while it is written, unless
        // the caller knows it is plain).
        const XmlWriter::Mark before = m_x.mark();
        m_x.open("w:t");
        m_x.attr("xml:space", "preserve");
        if (plain) {
            m_x.plain_text(text);
            m_x.close();
            return;
        }
        if (m_x.plain_text_if_plain(text)) {
            m_x.close();
            return;
        }
        m_x.rewind(before);
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

    void paragraph(const model::Paragraph& p, bool keep_next, std::optional<SectionProps> section_end) {
        ParagraphProps props = styled(p.style);
        props.keep_next = keep_next;
        props.section = section_end;
        write_paragraph(std::move(props), p.runs);
    }

    // A helper paragraph `height` twips high (exact) with a 1 pt mark: separates two tables,
    // holds space or a page break above a table, or carries a section break.
    void tiny_paragraph(std::optional<SectionProps> section_end = std::nullopt, bool page_break = false,
                        long height = kTinyLineTwips, bool keep_next = false) {
        ParagraphProps props;
        props.keep_next = keep_next;
        props.page_break_before = page_break;
        props.spacing = Spacing{0, 0, height, "exact"};
        props.mark_half_points = kTinyHalfPoints;
        props.section = section_end;
        m_x.open("w:p");
        write_ppr(m_x, props);
        m_x.close();
        ++m_paragraphs_written;
        if (m_cell_depth == 0) m_last_was_table = false;
    }

    // A rule of `length_pt`, centred in a container `container` twips wide, followed by
    // `after` twips of space.
    void rule(long container, double length_pt, long after, bool keep_next) {
        const long length = std::clamp(twips(length_pt), 0L, container);
        const long side = (container - length) / 2;
        ParagraphProps props;
        props.keep_next = keep_next;
        props.bottom_rule = true;
        props.spacing = Spacing{0, after, kRuleLineTwips, "exact"};
        props.indent = Indent{side, container - length - side, 0};
        props.mark_half_points = kTinyHalfPoints;
        write_paragraph(std::move(props), {});
    }

    // Width in points of the widest of `lines` set in `style_name`, each at most `limit`
    // (a longer line wraps in its column).
    double widest(const std::vector<std::string>& lines, const char* style_name, double limit) const {
        const model::ParagraphStyle& ps = style(style_name);
        double w = 0;
        for (const auto& l : lines) w = std::max(w, text_width(l, ps.font_size, ps.bold, ps.italic));
        return std::min(w, limit);
    }

    // -----------------------------------------------------------------------------------
    // Tables

    // Called before a w:tbl at body level: a pending page break or pending space goes on a
    // helper paragraph (a table cannot carry them), and two tables never touch (Word would
    // join them into one).
    void before_body_table(bool keep_with_table = false) {
        if (m_cell_depth > 0) return;
        if (m_pending_break) {
            m_pending_break = false;
            m_extra_before_next = 0;
            tiny_paragraph(std::nullopt, true, kTinyLineTwips, keep_with_table);
        } else if (m_extra_before_next > 0) {
            tiny_paragraph(std::nullopt, false, m_extra_before_next, keep_with_table);
            m_extra_before_next = 0;
        } else if (m_last_was_table) {
            tiny_paragraph(std::nullopt, false, kTinyLineTwips, keep_with_table);
        }
    }

    void after_body_table(long space_after) {
        if (m_cell_depth > 0) return;
        m_last_was_table = true;
        m_extra_before_next = space_after;
    }

    void table_properties(long width, bool borders, long padding_x, long padding_y) {
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
            m_x.attr("w:w", horizontal ? padding_x : padding_y);
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
    // Paragraphs inside have the cell width less `padding` on each side.
    void open_cell(long width, int span, const char* vmerge, model::VAlign valign, long padding = 0) {
        m_outer_container = m_container;
        m_container = std::max(0L, width - 2 * padding);
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
        m_container = m_outer_container;
        --m_cell_depth;
        m_x.close();
    }

    // The paragraphs of a table cell. Layout puts the cell padding, not the paragraphs'
    // spacing, at the top and bottom of a cell: the first paragraph's space before and the
    // last one's space after are dropped.
    void cell_paragraphs(const std::vector<model::Paragraph>& paragraphs, bool keep_next) {
        for (std::size_t i = 0; i < paragraphs.size(); ++i) {
            const model::Paragraph& p = paragraphs[i];
            ParagraphProps props = styled(p.style);
            props.keep_next = keep_next;
            const model::ParagraphStyle& s = style(p.style);
            const bool first = i == 0, last = i + 1 == paragraphs.size();
            if ((first && s.space_before != 0) || (last && s.space_after != 0)) {
                Spacing sp = spacing_of(s);
                if (first) sp.before = 0;
                if (last) sp.after = 0;
                props.spacing = sp;
            }
            write_paragraph(std::move(props), p.runs);
        }
    }

    void table(const model::Table& t, bool keep_with_next) {
        if (t.column_widths.empty()) return;  // model::validate rejects this
        const std::vector<long> widths = scale_columns(t.column_widths, m_text_width);
        auto span_width = [&](int first, int span) {
            long w = 0;
            for (int k = 0; k < span; ++k) w += widths[static_cast<std::size_t>(first + k)];
            return w;
        };
        before_body_table();
        m_x.open("w:tbl");
        table_properties(m_text_width, t.borders, kCellPaddingXTwips, kCellPaddingYTwips);
        table_grid(widths);
        const std::vector<RowPlan> plans = plan_rows(t);
        for (std::size_t r = 0; r < plans.size(); ++r) {
            const bool last_row = r + 1 == plans.size();
            m_x.open("w:tr");
            row_properties(static_cast<int>(r) < t.header_rows, plans[r].grid_after);
            for (const Slot& slot : plans[r].slots) {
                const long width = span_width(slot.first_column, slot.span);
                // Rows tied by a row span stay on one page, header rows stay with the first
                // body row, and the last row stays with a following signature block — as
                // layout places them (Word: keepNext on every paragraph of the row).
                const bool keep = plans[r].keep_with_next ||
                                  (static_cast<int>(r) < t.header_rows && !last_row) ||
                                  (keep_with_next && last_row);
                if (slot.cell == nullptr) {
                    open_cell(width, slot.span, "", slot.valign, kCellPaddingXTwips);  // vMerge continue
                    ParagraphProps empty;
                    empty.keep_next = keep;
                    write_paragraph(std::move(empty), {});
                    close_cell();
                    continue;
                }
                open_cell(width, slot.span, slot.restart ? "restart" : nullptr, slot.cell->valign,
                          kCellPaddingXTwips);
                cell_paragraphs(slot.cell->paragraphs, keep);
                close_cell();
            }
            m_x.close();  // w:tr
        }
        m_x.close();  // w:tbl
        after_body_table(kTableAfterTwips);
    }

    // A borderless layout table (ND30 header, signature block) with cells of zero padding.
    void open_layout_table(const std::vector<long>& widths, bool keep_with_table = false) {
        before_body_table(keep_with_table);
        m_x.open("w:tbl");
        long total = 0;
        for (long w : widths) total += w;
        table_properties(total, false, 0, 0);
        table_grid(widths);
    }

    void close_layout_table() {
        m_x.close();
        after_body_table(0);
    }

    // -----------------------------------------------------------------------------------
    // ND30 nodes

    long fraction_of_text(double fraction) const {
        return std::clamp(std::lround(static_cast<double>(m_text_width) * fraction), 0L, m_text_width);
    }

    void nd30_header(const model::Nd30Header& h) {
        const long left = fraction_of_text(m_doc.nd30.header_left_fraction);
        const long right = m_text_width - left;
        const double left_pt = static_cast<double>(left) / 20.0, right_pt = static_cast<double>(right) / 20.0;
        open_layout_table({left, right});

        // Row 1: agencies | Quốc hiệu + Tiêu ngữ, each block with its rule.
        m_x.open("w:tr");
        row_properties(false, 0);
        open_cell(left, 1, nullptr, model::VAlign::Top);
        for (const auto& l : h.parent_agency) write_text_paragraph(node_props(st::kAgencyParent), l);
        for (const auto& l : h.issuing_agency) write_text_paragraph(node_props(st::kAgency), l);
        if (!h.issuing_agency.empty()) {
            // ND30 Phụ lục I II.2: a rule 1/3–1/2 of the agency name, centred under it.
            rule(left, m_doc.nd30.short_rule_fraction * widest(h.issuing_agency, st::kAgency, left_pt),
                 kHeaderRuleAfterTwips, false);
        }
        close_cell();
        open_cell(right, 1, nullptr, model::VAlign::Top);
        if (!h.national_name.empty()) write_text_paragraph(node_props(st::kNationalName), h.national_name);
        if (!h.motto.empty()) {
            write_text_paragraph(node_props(st::kMotto), h.motto);
            // ND30 Phụ lục I II.1: a rule as long as the Tiêu ngữ.
            rule(right, widest({h.motto}, st::kMotto, right_pt), kHeaderRuleAfterTwips, false);
        }
        close_cell();
        m_x.close();  // w:tr

        // Row 2: "Số: …" (+ công văn "V/v …") | place and date. Both cells start at the
        // same height; the smaller first line gets the difference of the ascents so that
        // the two share one baseline (ND30 Phụ lục I II.4).
        if (!h.number.empty() || !h.subject.empty() || !h.place_date.empty()) {
            const double number_ascent = h.number.empty() ? 0 : ascent(style(st::kNumber));
            const double date_ascent = h.place_date.empty() ? 0 : ascent(style(st::kPlaceDate));
            m_x.open("w:tr");
            row_properties(false, 0);
            open_cell(left, 1, nullptr, model::VAlign::Top);
            if (!h.number.empty()) {
                write_text_paragraph(node_props(st::kNumber, twips(std::max(0.0, date_ascent - number_ascent))),
                                     h.number);
            }
            for (std::size_t i = 0; i < h.subject.size(); ++i) {
                write_text_paragraph(node_props(st::kSubject, i == 0 ? kSubjectBeforeTwips : 0), h.subject[i]);
            }
            close_cell();
            open_cell(right, 1, nullptr, model::VAlign::Top);
            if (!h.place_date.empty()) {
                write_text_paragraph(node_props(st::kPlaceDate, twips(std::max(0.0, number_ascent - date_ascent))),
                                     h.place_date);
            }
            close_cell();
            m_x.close();  // w:tr
        }
        close_layout_table();
    }

    void document_title(const model::DocumentTitle& t) {
        // One block kept with what follows: tên loại, trích yếu lines, rule, then 12 pt.
        std::vector<std::pair<const char*, const std::string*>> lines;
        if (!t.doc_type.empty()) lines.emplace_back(st::kDocType, &t.doc_type);
        for (const auto& l : t.summary) lines.emplace_back(st::kSummary, &l);
        const bool with_rule = !t.summary.empty();
        for (std::size_t i = 0; i < lines.size(); ++i) {
            const long before = i == 0 ? twips(m_doc.nd30.title_space_before) : 0;
            const long after = (i + 1 == lines.size() && !with_rule) ? kTitleAfterTwips : 0;
            write_text_paragraph(node_props(lines[i].first, before, after, true), *lines[i].second);
        }
        if (with_rule) {
            // ND30 Phụ lục I II.5.a: a rule 1/3–1/2 of the trích yếu, centred under it.
            rule(m_text_width,
                 m_doc.nd30.short_rule_fraction * widest(t.summary, st::kSummary, text_width_pt()),
                 kTitleAfterTwips, true);
        }
    }

    void addressees(const model::Addressees& a, long min_before) {
        // ND30 Phụ lục I II.9.a: one recipient on the label's line; several as "- A;" …
        // "- Z." with the dashes under the first recipient. The block is centred on the text
        // width, as hoso's layout places it: the label at x0, the recipients at x0 + the
        // label's width + a space (a tab stop), a wrapped recipient continues under its text.
        const model::ParagraphStyle& s = style(st::kAddressee);
        const bool several = a.recipients.size() > 1;
        std::vector<std::string> items = several ? model::dashed_list(a.recipients) : a.recipients;
        const double label_w = text_width(a.label, s.font_size, s.bold, s.italic);
        const double item_x = label_w + text_width(" ", s.font_size, s.bold, s.italic);
        const double hang = several ? text_width("- ", s.font_size, s.bold, s.italic) : 0;
        const double item_w = std::max(1.0, text_width_pt() - item_x);
        double block_w = label_w;
        for (const auto& item : items) {
            block_w = std::max(block_w, item_x + widest_wrapped(item, s.font_size, s.bold, s.italic, item_w,
                                                                item_w - hang, hang));
        }
        const long x0 = twips(std::max(0.0, (text_width_pt() - block_w) / 2));
        // Layout breaks each recipient on its own (the label is not part of its text).
        for (auto& item : items) {
            if (item_x + text_width(item, s.font_size, s.bold, s.italic) > text_width_pt() - 1.0) {
                bool plain = true;
                std::vector<std::string> one{clean_text(item, plain)};
                keep_unbreakable(one);
                item = std::move(one.front());
            }
        }
        const long tab = x0 + twips(item_x);
        const long text_left = tab + twips(hang);
        const Spacing base = spacing_of(s);

        auto props_for = [&](std::size_t i, long first_line_start) {
            ParagraphProps p = styled(st::kAddressee);
            p.keep_next = true;  // the block is never split and stays with the text below
            p.keep_lines = true;
            Spacing sp = base;
            sp.before = i == 0 ? std::max(base.before, min_before) : 0;
            sp.after = (i + 1 >= items.size()) ? base.after : 0;
            p.spacing = sp;
            p.align = model::Align::Left;
            p.indent = Indent{text_left, 0, first_line_start - text_left};
            return p;
        };
        if (items.empty()) {
            ParagraphProps p = props_for(0, x0);
            p.indent = Indent{x0, 0, 0};
            write_text_paragraph(std::move(p), a.label);
            return;
        }
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (i == 0) {
                ParagraphProps p = props_for(0, x0);
                p.left_tabs = {tab};
                write_paragraph(std::move(p), {model::Run{a.label + "\t" + items[0], {}}}, false);
            } else {
                write_paragraph(props_for(i, tab), {model::Run{items[i], {}}}, false);
            }
        }
    }

    // `lines`: authority lines to fill (empty ones after `authority`), so that both names of a
    // joint signature stand on one line.
    void signer_cell(const std::vector<std::string>& authority, const std::string& name, long width, std::size_t lines) {
        open_cell(width, 1, nullptr, model::VAlign::Top);
        for (const auto& l : authority) write_text_paragraph(node_props(st::kSignerAuthority), l);
        for (std::size_t i = authority.size(); i < lines; ++i) write_text_paragraph(node_props(st::kSignerAuthority), "");
        if (!name.empty()) {
            // Room for the signature and the seal between the last chức vụ and the name.
            write_text_paragraph(node_props(st::kSignerName, twips(m_doc.nd30.signature_space)), name);
        }
        if (authority.empty() && name.empty()) write_text_paragraph(node_props(st::kSignerName), "");
        close_cell();
    }

    // Văn bản liên tịch: the two signers side by side (the lead body's on the right), then
    // Nơi nhận on the left below them, in one table whose rows never split.
    void joint_signature(const model::SignatureBlock& s) {
        const long left = m_text_width / 2;
        const long right = m_text_width - left;
        m_extra_before_next += kSignatureGapTwips;
        open_layout_table({left, right}, true);
        m_x.open("w:tr");
        row_properties(false, 0);
        const std::size_t lines = std::max(s.joint_authority.size(), s.authority.size());
        signer_cell(s.joint_authority, s.joint_signer_name, left, lines);
        signer_cell(s.authority, s.signer_name, right, lines);
        m_x.close();  // w:tr
        if (!s.recipients.empty()) {
            m_x.open("w:tr");
            row_properties(false, 0);
            open_cell(left, 1, nullptr, model::VAlign::Top);
            write_text_paragraph(node_props(st::kRecipientsLabel, twips(12)), s.recipients_label);
            const model::ParagraphStyle& rs = style(st::kRecipients);
            const long hang = twips(text_width("- ", rs.font_size, rs.bold, rs.italic));
            for (const auto& item : model::dashed_list(s.recipients)) {
                ParagraphProps p = node_props(st::kRecipients);
                p.align = model::Align::Left;
                p.indent = Indent{hang, 0, -hang};
                write_text_paragraph(std::move(p), item);
            }
            close_cell();
            open_cell(right, 1, nullptr, model::VAlign::Top);
            write_text_paragraph(node_props(st::kRecipients), "");
            close_cell();
            m_x.close();  // w:tr
        }
        close_layout_table();
    }

    void signature(const model::SignatureBlock& s) {
        if (s.joint()) {
            joint_signature(s);
            return;
        }
        const long left = fraction_of_text(m_doc.nd30.recipients_fraction);
        const long right = m_text_width - left;
        m_extra_before_next += kSignatureGapTwips;
        open_layout_table({left, right}, true);
        m_x.open("w:tr");
        row_properties(false, 0);  // cantSplit: Nơi nhận and signer stay together
        open_cell(left, 1, nullptr, model::VAlign::Top);
        if (!s.recipients.empty()) {
            // ND30 Phụ lục I II.9.b: "Nơi nhận:" on the baseline of the first signer line.
            const double first_ascent = s.authority.empty() ? 0 : ascent(style(st::kSignerAuthority));
            const double label_ascent = ascent(style(st::kRecipientsLabel));
            write_text_paragraph(node_props(st::kRecipientsLabel, twips(std::max(0.0, first_ascent - label_ascent))),
                                 s.recipients_label);
            const model::ParagraphStyle& rs = style(st::kRecipients);
            const long hang = twips(text_width("- ", rs.font_size, rs.bold, rs.italic));
            for (const auto& item : model::dashed_list(s.recipients)) {
                ParagraphProps p = node_props(st::kRecipients);
                p.align = model::Align::Left;
                p.indent = Indent{hang, 0, -hang};  // a wrapped item continues under its text
                write_text_paragraph(std::move(p), item);
            }
        }
        close_cell();
        open_cell(right, 1, nullptr, model::VAlign::Top);
        for (const auto& l : s.authority) write_text_paragraph(node_props(st::kSignerAuthority), l);
        if (!s.signer_name.empty()) {
            // Room for the signature and the seal between the last chức vụ and the name.
            write_text_paragraph(node_props(st::kSignerName, twips(m_doc.nd30.signature_space)), s.signer_name);
        }
        close_cell();
        m_x.close();  // w:tr
        close_layout_table();
    }

    void appendix_heading(const model::AppendixHeading& a) {
        std::vector<std::pair<const char*, const std::string*>> lines;
        if (!a.label.empty()) lines.emplace_back(st::kAppendixLabel, &a.label);
        if (!a.title.empty()) lines.emplace_back(st::kAppendixTitle, &a.title);
        if (!a.reference.empty()) lines.emplace_back(st::kAppendixReference, &a.reference);
        const bool with_rule = !a.title.empty();
        for (std::size_t i = 0; i < lines.size(); ++i) {
            const long after = (i + 1 == lines.size() && !with_rule) ? kAppendixAfterTwips : 0;
            write_text_paragraph(node_props(lines[i].first, 0, after, true), *lines[i].second);
        }
        if (with_rule) {
            // Mẫu 2.1 (Phụ lục III): a short rule under the heading, a fraction of the title.
            rule(m_text_width,
                 m_doc.nd30.short_rule_fraction * widest({a.title}, st::kAppendixTitle, text_width_pt()),
                 kAppendixAfterTwips, true);
        }
    }
};

}  // namespace

void write_document_xml(XmlWriter& x, const model::Document& doc, const DocxOptions& options) {
    x.reset();
    paragraph_memo().begin_document(shared_key(shared_inputs(doc, options)));
    BodyWriter(x, doc).write();
}

std::string document_xml(const model::Document& doc, const DocxOptions& options) {
    XmlWriter x(kDocumentCapacity);
    write_document_xml(x, doc, options);
    return x.finish();
}

}  // namespace hoso::docx::detail
