// Units and the fixed geometry choices of the DOCX writer. Word measures in twips (1/20 pt),
// font sizes in half-points and borders in eighths of a point. The numbers that are not in
// the model are the ones hoso's PDF layout uses (src/layout/detail/engine.h), restated in
// Word's terms, so that the DOCX prints like the PDF.
#pragma once

#include <cmath>

namespace hoso::docx::detail {

inline long twips(double pt) { return std::lround(pt * 20.0); }
inline long half_points(double pt) { return std::lround(pt * 2.0); }
// Word's "auto" line rule: 240 = single spacing (the font's ascent + descent).
inline constexpr double kAutoLineUnit = 240.0;
inline long auto_line(double multiple) { return std::lround(kAutoLineUnit * multiple); }

// ND30 rules (under the agency, the motto, the trích yếu, the appendix heading) are empty
// paragraphs with a bottom border whose length is set by left/right indents, centred in the
// column. The paragraph is kRuleLineTwips high (exact), so the line lies that far below the
// line box (descent) of the text above — layout's kRuleBelowDescent. Thickness 0.5 pt.
inline constexpr long kRuleLineTwips = 22;      // 1.1 pt: LibreOffice adds the 0.5 pt border and its padding below, 2 pt in all
inline constexpr int kRuleEighths = 4;          // 0.5 pt
inline constexpr long kHeaderRuleAfterTwips = 120;  // rule → Số / date line (kGapAfterRule)
inline constexpr long kTitleAfterTwips = 240;       // after the trích yếu (kTitleSpaceAfter)
inline constexpr long kAppendixAfterTwips = 240;    // after the appendix heading

// Spacing the layout adds around blocks (on top of the paragraph styles' own spacing).
inline constexpr long kSubjectBeforeTwips = 120;    // ND30 ô 5b: "V/v" 6 pt below "Số"
inline constexpr long kSignatureGapTwips = 120;     // before the signature block
inline constexpr long kTableAfterTwips = 120;       // after a data table

// Data tables: single 0.5 pt grid lines; cell padding 4 pt left/right, 2 pt top/bottom
// (layout's kCellPadX / kCellPadY). The borderless layout tables (ND30 header, signature
// block) have no padding at all.
inline constexpr int kGridEighths = 4;
inline constexpr long kCellPaddingXTwips = 80;
inline constexpr long kCellPaddingYTwips = 40;

// Helper paragraphs the writer adds (between two tables, to carry a section break, or to
// break the page before a table) are 1 pt high so that they hardly change the pagination.
inline constexpr long kTinyLineTwips = 20;
// The paragraph Word requires after a final table (the signature block) is 1 twip high: when
// that table ends within a point of the page bottom, a 1 pt paragraph would spill onto a page
// of its own (seen in LibreOffice: a blank last page with only its number).
inline constexpr long kFinalLineTwips = 1;
inline constexpr long kTinyHalfPoints = 2;

}  // namespace hoso::docx::detail
