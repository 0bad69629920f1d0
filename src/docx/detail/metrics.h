// Text widths for the few places where the DOCX needs a length that Word would otherwise
// measure itself: ND30 rules under names (a paragraph border whose length is set by
// indents) and the tab stop after "Kính gửi:". The writer has no font access (it depends
// only on model + core), so the advances of Times New Roman are compiled in: the table is
// generated from the bundled Liberation Serif 2.1.5, which is metric-compatible with Times
// New Roman and is what LibreOffice prints "Times New Roman" with. Widths therefore equal
// font::TrueTypeFont::text_width() for the same text (no kerning, as in hoso's PDF).
#pragma once

#include <string_view>

namespace hoso::docx::detail {

// Liberation Serif OS/2 usWinAscent / usWinDescent (1825 and 443 of 2048 units per em),
// Times New Roman's values too. Word's single line height is their sum × the font size.
inline constexpr double kWinAscentEm = 1825.0 / 2048.0;
inline constexpr double kWinDescentEm = 443.0 / 2048.0;

// Advance width in 1/1000 em of one code point. Code points outside the table (not
// Vietnamese, Latin-1 or common punctuation) count as 500, the average lowercase advance.
int advance_1000(char32_t cp, bool bold, bool italic) noexcept;

// Width in points of UTF-8 `text` set at `size` pt. Invalid UTF-8 bytes count as U+FFFD.
double text_width(std::string_view text, double size, bool bold, bool italic) noexcept;

// text_width(text, size, bold, italic) if that is at most `limit`; otherwise it stops
// measuring as soon as the width passes `limit` and returns a width greater than `limit`
// (by more than size / 1000), that of the text measured so far.
double text_width_until(std::string_view text, double size, bool bold, bool italic, double limit) noexcept;

}  // namespace hoso::docx::detail
