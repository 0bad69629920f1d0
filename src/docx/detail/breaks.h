// Line breaks. hoso's layout breaks lines only where text::break_opportunities allows: after
// spaces, never inside "30/2020/NĐ-CP" or "TT-BGDĐT", never between "ngày" and "05", "Số:"
// and "05/…", or before a lone "-" or "./.". Word and LibreOffice also break after a hyphen
// or slash inside a word, and at every space. So that the DOCX breaks its lines where the
// PDF does, the text of a paragraph that may wrap is rewritten with Word's own "no break"
// characters, which neither shows nor changes the extracted text:
//   - a space where layout may not break becomes a no-break space (U+00A0, Ctrl+Shift+Space);
//   - a hyphen, dash or slash followed by more of the same word gets a word joiner after it
//     (U+2060, Word's "no-width non break").
// LibreOffice 7.4 prints U+00A0 as a space and drops U+2060 from the PDF text (measured).
#pragma once

#include <string>
#include <vector>

namespace hoso::docx::detail {

inline constexpr const char* kNoBreakSpace = "\xC2\xA0";  // U+00A0
inline constexpr const char* kWordJoiner = "\xE2\x81\xA0";  // U+2060

// `pieces` are consecutive parts of one paragraph's text (its runs), valid NFC UTF-8 without
// control characters; they are rewritten in place as described above, judged on the whole.
void keep_unbreakable(std::vector<std::string>& pieces);

}  // namespace hoso::docx::detail
