// Private to src/layout: the line breaker ("Typesetter"), the vertical units the paginator
// moves between pages, and the builders that turn model blocks into units.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "layout/layout.h"

namespace hoso::layout::detail {

// Layout constants that the model does not carry (all in pt). Changing one changes every
// golden dump, so each is named and explained here.
inline constexpr double kCellPadX = 4.0;          // table cell padding, left and right
inline constexpr double kCellPadY = 2.0;          // table cell padding, top and bottom
inline constexpr double kRuleWidth = 0.5;         // stroke of every ND30 rule and table border
inline constexpr double kRuleBelowDescent = 2.0;  // rule under a name: this far below the descent
inline constexpr double kGapAfterRule = 6.0;      // header: rule → top of the Số / date line
inline constexpr double kSubjectGap = 6.0;        // ND30 ô 5b: "V/v" 6 pt below the Số line
inline constexpr double kTitleSpaceAfter = 12.0;  // after the trích yếu rule
inline constexpr double kAppendixSpaceAfter = 12.0;
inline constexpr double kSignatureGap = 6.0;      // before the signature block (+ previous space_after)
inline constexpr double kTableSpaceAfter = 6.0;
inline constexpr double kEps = 1e-6;

// One laid-out line. Items carry absolute x and y = baseline offset below the line top.
struct Line {
    double height = 0;   // line box: line_spacing × (ascent + descent) × size / 1000
    double ascent = 0;   // baseline below the line top
    double descent = 0;  // font descent below the baseline (for rules under text)
    double x = 0;        // left edge of the first glyph
    double natural_width = 0;
    std::vector<TextItem> items;
};

// A vertical piece the paginator places whole. Item y values are offsets *down* from the
// unit's top edge; the paginator turns them into PDF coordinates.
struct Unit {
    double space_before = 0;  // discarded at the top of a page
    double space_after = 0;   // added before the next unit on the same page
    double height = 0;
    bool keep_with_next = false;  // no page break between this unit and the next
    bool break_before = false;    // a PageBreak precedes it
    bool is_header = false;       // a table's header rows (repeated on continuation pages)
    int header = -1;              // header to repeat when this unit opens a page (index into headers)
    std::string kind;             // "line", "table-row", "signature", … (debugging and checks)
    std::vector<Item> items;
    // Vertical extent (top, bottom; offsets down) of each TextItem's line, parallel to
    // `items` (rules get their own y range); used to split a unit taller than a page.
    std::vector<std::pair<double, double>> extents;

    void add_text(TextItem t, double top, double bottom) {
        items.emplace_back(std::move(t));
        extents.emplace_back(top, bottom);
    }
    void add_rule(RuleItem r) {
        extents.emplace_back(std::min(r.y1, r.y2), std::max(r.y1, r.y2));
        items.emplace_back(std::move(r));
    }
    // Adds a line whose top is `top` (offset down), translating its baselines.
    void add_line(const Line& l, double top);
};

class Typesetter {
public:
    Typesetter(const TextMeasurer& measurer, const model::StyleSheet& styles, Diagnostics& warnings)
        : m_measurer(measurer), m_styles(styles), m_warnings(warnings) {}

    const TextMeasurer& measurer() const { return m_measurer; }
    Diagnostics& warnings() { return m_warnings; }

    // The named style; an unknown name warns once and falls back to the default sheet.
    const model::ParagraphStyle& style(const std::string& name, const std::string& where);

    // Breaks `runs` into lines inside [x, x + width] (indents from `st` applied inside).
    // Never returns an empty vector: an empty paragraph is one empty line.
    std::vector<Line> set_paragraph(const std::vector<model::Run>& runs,
                                    const model::ParagraphStyle& st, const std::string& style_name,
                                    double x, double width, const std::string& where);
    std::vector<Line> set_text(const std::string& text, const model::ParagraphStyle& st,
                               const std::string& style_name, double x, double width,
                               const std::string& where);

    // Metrics of a single line in the style's own face (used for empty lines and labels).
    Line empty_line(const model::ParagraphStyle& st, Face face) const;

private:
    const TextMeasurer& m_measurer;
    const model::StyleSheet& m_styles;
    Diagnostics& m_warnings;
    model::StyleSheet m_fallback;
    std::vector<std::string> m_warned_styles;
};

// Content height of a page of this setup.
inline double content_height(const model::PageSetup& p) {
    return p.height - p.margin_top - p.margin_bottom;
}

struct SectionUnits {
    std::vector<Unit> units;
    std::vector<Unit> headers;  // repeated table headers
};

// Turns one section's blocks into units (ND30 nodes, paragraphs, tables).
SectionUnits build_section(const model::Document& doc, int section_index, Typesetter& ts);

// Splits a unit taller than `avail` into slices at line boundaries. `close` (when x1 < x2)
// draws a border line at each cut (tables).
std::vector<Unit> slice_unit(Unit u, double avail, double close_x1, double close_x2);

std::string where_of(int section, int block);

}  // namespace hoso::layout::detail
