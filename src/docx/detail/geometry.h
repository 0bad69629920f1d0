// Units and the fixed geometry choices of the DOCX writer. Word measures in twips (1/20 pt),
// font sizes in half-points and borders in eighths of a point. Every number that is not
// read from the model is named here so that hoso's PDF layout can use the same values.
#pragma once

#include <cmath>

namespace hoso::docx::detail {

inline long twips(double pt) { return std::lround(pt * 20.0); }
inline long half_points(double pt) { return std::lround(pt * 2.0); }
// Word's "auto" line rule: 240 = single spacing (the font's ascent + descent).
inline long auto_line(double multiple) { return std::lround(240.0 * multiple); }

// ND30 rules (under the agency, the motto, the trích yếu and the appendix heading) are
// empty paragraphs with a bottom border; the border length is set by left/right indents.
// Such a paragraph is kRuleLineTwips high (exact line rule), the line is drawn at its
// bottom, i.e. kRuleLineTwips below the line box of the text above, and kRuleAfterTwips
// of space follow it. Thickness 0.5 pt, like layout::RuleItem's default.
inline constexpr long kRuleLineTwips = 100;    // 5 pt
inline constexpr long kRuleAfterTwips = 120;   // 6 pt
inline constexpr int kRuleEighths = 4;         // 0.5 pt

// Table grid lines: single 0.5 pt.
inline constexpr int kGridEighths = 4;
// Left/right cell padding of data tables (Word's default, 0.19 cm = 5.4 pt); top/bottom 0.
// The borderless layout tables (ND30 header, signature block) have no padding at all.
inline constexpr long kCellPaddingTwips = 108;

// Spacing between "Số: …" and the công văn trích yếu "V/v …" (ND30 Phụ lục I II.5.b: 6 pt).
inline constexpr long kSubjectBeforeTwips = 120;

// Helper paragraphs the writer adds (between two tables, to carry a section break, or to
// break the page before a table) are 1 pt high so they never change the pagination.
inline constexpr long kTinyLineTwips = 20;
inline constexpr long kTinyHalfPoints = 2;

}  // namespace hoso::docx::detail
