// layout: model::Document → pages of positioned text and rules. Our own line breaking
// and justification (each word placed; libharu's word spacing does nothing for CID fonts),
// pagination with ND30's keep rules, tables split between rows with repeated header rows.
// Measures through an abstract TextMeasurer so tests can use a fake one.
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/core.h"
#include "font/font.h"
#include "model/model.h"

namespace hoso::layout {

using font::Face;

class TextMeasurer {
public:
    virtual ~TextMeasurer() = default;
    // Advance width of NFC UTF-8 text set in `face` at `size` pt (no kerning).
    virtual double width(std::string_view text, Face face, double size) const = 0;
    // Windows ascent and descent of `face` in 1/1000 em (descent positive). Single line
    // spacing = (ascent + descent + line gap) × size / 1000, as Word computes it.
    virtual double ascent_1000(Face face) const = 0;
    virtual double descent_1000(Face face) const = 0;
    // Extra leading Word adds below the descent at single spacing (hhea lineGap), 1/1000 em.
    virtual double line_gap_1000(Face) const { return 0; }
};

// The real measurer: metrics of the embedded TrueType fonts.
class FontMeasurer final : public TextMeasurer {
public:
    explicit FontMeasurer(const font::FontSet& fonts) : m_fonts(fonts) {}
    double width(std::string_view text, Face face, double size) const override;
    double ascent_1000(Face face) const override;
    double descent_1000(Face face) const override;
    double line_gap_1000(Face face) const override;

private:
    const font::FontSet& m_fonts;
};

// ---------------------------------------------------------------------------
// Output: PDF coordinates (points, origin at the bottom-left corner of the page).

struct TextItem {
    double x = 0;       // left edge of the text
    double y = 0;       // baseline
    Face face = Face::Regular;
    double size = 14;   // pt
    bool underline = false;
    std::string text;   // NFC UTF-8, one word or a run of words without stretchable spaces
    std::string style;  // the model style it came from (for dumps and checks)
};

struct RuleItem {      // a straight line: ND30 rules under names, table borders
    double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
    double width = 0.5;  // stroke width in pt
    std::string role;    // "motto-rule", "agency-rule", "summary-rule", "table-border", …
};

using Item = std::variant<TextItem, RuleItem>;

struct Page {
    double width = 0;
    double height = 0;
    int section = 0;          // index into model::Document::sections
    int number = 0;           // page number within its numbering sequence
    bool number_shown = false;
    std::vector<Item> items;  // in drawing order
};

struct PagedDocument {
    model::Meta meta;
    std::vector<Page> pages;
};

// Lays out `doc`. `measurer` must outlive the call. Content problems that layout can work
// around (a word wider than its column, a table row taller than a page) are reported as
// warnings in `warnings`, never thrown.
PagedDocument layout_document(const model::Document& doc, const TextMeasurer& measurer,
                              Diagnostics& warnings);

// A stable text dump, one item per line, coordinates to 0.01 pt:
//   page 1 595.28x841.89 section=0 number=1 hidden
//     text 85.04 800.12 Bold 12 nd30-agency "ỦY BAN NHÂN DÂN"
//     rule 100.00 780.00 150.00 780.00 0.5 agency-rule
std::string to_debug_text(const PagedDocument& doc);

}  // namespace hoso::layout
