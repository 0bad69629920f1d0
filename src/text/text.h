// text: everything language-specific about Vietnamese text, and the only module that uses
// ICU (no ICU type appears in this header). All strings are UTF-8; functions that take
// "nfc" expect NFC input (normalise once, at input, with to_nfc).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/core.h"

namespace hoso::text {

// --- Encoding and normalisation ------------------------------------------------------

// Byte offset of the first invalid UTF-8 sequence (overlong forms, surrogates and code
// points above U+10FFFF are invalid), or nullopt when `s` is valid.
std::optional<std::size_t> find_invalid_utf8(std::string_view s);

// NFC of valid UTF-8. Throws hoso::Error on invalid UTF-8 (validate first for user data).
std::string to_nfc(std::string_view utf8);
bool is_nfc(std::string_view utf8);

std::u32string to_utf32(std::string_view utf8);  // precondition: valid UTF-8
std::string to_utf8(std::u32string_view cps);

// --- Legacy Vietnamese encodings (legacy.cpp) ---------------------------------------------
//
// Text typed with the old TCVN3 (ABC, .VnTime) or VNI-Windows fonts reaches hoso already as
// Unicode: each legacy byte became the Windows-1252 character of that byte ("Trường" typed in
// TCVN3 arrives as "Tr\u00ADêng", in VNI as "Tröôøng"), in XML, CSV and XLSX alike. VIQR is
// plain ASCII ("Tru+o+`ng"). A file that is not UTF-8 at all is a second case
// (decode_legacy_bytes). Detection never touches real Unicode Vietnamese: a value is converted
// only when, read as Unicode, some word is not a Vietnamese syllable, and exactly one legacy
// reading makes every word one. Two readings that both do → Ambiguous (the caller refuses the
// value); none → Suspect when the value still looks like legacy bytes (the caller warns).

enum class LegacyEncoding : std::uint8_t { Tcvn3 = 0, Vni, Viqr, Cp1258, Viscii };
// "TCVN3 (ABC, .VnTime)", "VNI-Windows", "VIQR", "Windows-1258", "VISCII".
const char* legacy_name(LegacyEncoding e);

struct LegacyVerdict {
    enum class Kind : std::uint8_t {
        Unicode = 0,  // nothing to do: the text is Unicode (or plain ASCII)
        Converted,    // `text` is the NFC conversion from encodings[0]
        Ambiguous,    // several readings are Vietnamese: encodings and their texts in readings
        Suspect,      // not Vietnamese as Unicode nor in any legacy reading, but it has
                      // characters that legacy text produces (e.g. "Tr\u00AD", "ö"): a warning
    };
    Kind kind = Kind::Unicode;
    std::string text;                       // Converted
    std::vector<LegacyEncoding> encodings;  // Converted: one; Ambiguous: two or more
    std::vector<std::string> readings;      // Ambiguous: the text in each of `encodings`
};

// One value (valid UTF-8). Cheap for ASCII and for text with any character outside ASCII and
// Windows-1252 (which legacy text never has): the usual Vietnamese Unicode returns at once.
LegacyVerdict detect_legacy(std::string_view utf8);

// A whole file that is not valid UTF-8: decodes it as TCVN5712-1 (TCVN3), Windows-1258 and
// VISCII with glibc iconv, and VNI-Windows with hoso's table; Converted when exactly one
// of them gives Vietnamese words throughout, Ambiguous when several do, Suspect when none.
LegacyVerdict decode_legacy_bytes(std::string_view bytes);

// Whether `word` (NFC, letters only) is spelt as a Vietnamese syllable: initial consonants,
// one vowel group of the language with at most one tone mark, a final consonant of the
// language; lower case, upper case or capitalised. Used by the detection above.
bool is_vietnamese_syllable(std::u32string_view word);

// --- Case (ICU, locale "vi") -----------------------------------------------------------

std::string to_upper(std::string_view nfc);  // "đơn vị học tập" → "ĐƠN VỊ HỌC TẬP"
std::string to_lower(std::string_view nfc);

// --- ND30 dates ------------------------------------------------------------------------

// "ngày 05 tháng 02 năm 2025", "ngày 29 tháng 6 năm 2025": day < 10 and months 1–2 get a
// leading zero (ND30 Phụ lục I, II.4.b). A blank day or month (0) leaves a gap of spaces to
// be filled in by hand at signing: the field becomes 3 spaces, so exactly 5 ASCII spaces
// separate the words: "ngày     tháng 7 năm 2024", "ngày     tháng     năm 2024". A blank
// year (0) likewise gives "năm" + 4 trailing spaces. Throws hoso::Error when a field is out
// of range (day > 31, month > 12, negative, year > 9999); no calendar check is made.
std::string nd30_date(const Date& d);
// "Phong Thổ, ngày 05 tháng 02 năm 2025"
std::string nd30_place_date(std::string_view place, const Date& d);
// Short numeric form used inside sentences: "05/02/2025" (day and month always 2 digits).
// Blank fields become "…" (U+2026): "…/07/2024". Same range check as nd30_date.
std::string short_date(const Date& d);

// --- Numbers (vi-VN: '.' groups thousands, ',' is the decimal separator) ------------------

std::string format_integer(long long v);                 // 1234567 → "1.234.567"
// Rounds half away from zero on the shortest decimal text of `v` (2.675, 2 → "2,68";
// 95.55, 1 → "95,6"); no "-0". max_decimals is clamped to 0–15. Throws hoso::Error on NaN/inf.
std::string format_decimal(double v, int max_decimals);  // 1234.5, 2 → "1.234,5" (trailing zeros dropped)
std::string format_percent(double v, int max_decimals);  // 95.5, 1 → "95,5%" (`v` is already ×100)
// Zero-padded to two digits for document numbers and list numbering: 5 → "05", 12 → "12".
std::string two_digits(int v);
// Cardinal in words (ICU rule-based spell-out, "vi", %spellout-cardinal), NFC:
// 125 → "một trăm hai mươi lăm", 21 → "hai mươi mốt", 1005 → "một nghìn không trăm lẻ năm",
// -5 → "âm năm". ICU falls back to digits for very large values (around 10^18 and above).
std::string spell_out(long long v);

// --- Collation (ICU "vi": A < Ă < Â, D < Đ, tones ngang < huyền < hỏi < ngã < sắc < nặng) ---

class Collator {
public:
    Collator();  // throws hoso::Error if ICU has no "vi" collation data
    ~Collator();
    Collator(Collator&&) noexcept;
    Collator& operator=(Collator&&) noexcept;
    int compare(std::string_view a, std::string_view b) const;  // <0, 0, >0
    bool less(std::string_view a, std::string_view b) const { return compare(a, b) < 0; }
    std::string sort_key(std::string_view s) const;  // byte-comparable key

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// Stable sort by Vietnamese collation.
void sort_vi(std::vector<std::string>& items);

// --- Line breaking ---------------------------------------------------------------------

// Byte offsets (ascending, excluding 0 and s.size()) at which a new line may start. Breaks
// are allowed only after spaces — never inside "30/2020/NĐ-CP" or "UBND-GDĐT" — and not
// after a word that must stay with the number that follows it: "Số: 05", "Điều 1",
// "ngày 05", "tháng 6", "năm 2025", "khoản 2", "điểm a", "Mục 3", "Chương II", "Phụ lục I".
// Precisely: tokens are runs of non-U+0020 bytes (NBSP and tabs do not separate); the offset
// is the first byte of a token that follows one or more spaces and another token. No break
// before a token made only of closing punctuation/dashes (":" "%" ")" "-" "–" "./." …), and
// none between a glue word (case-insensitive, optional trailing ':': Số, Điều, ngày, tháng,
// năm, khoản, điểm, Mục, Chương, Phần, Phụ lục, mức độ, Tiêu chí, Chỉ tiêu) and a token that
// starts with a digit or "…"/"..", or is a Roman numeral (IVXLCDM) or a single letter,
// optionally followed by . , : ; ). Cheap: no ICU call except case folding of short words.
std::vector<std::size_t> break_opportunities(std::string_view nfc);

// Byte offsets of extended grapheme cluster boundaries strictly inside `nfc` (ascending,
// excluding 0 and s.size(); empty for "" and single clusters), for splitting a word wider
// than its column: "Vie\u0323\u0302t" → {1, 2, 7}.
std::vector<std::size_t> grapheme_boundaries(std::string_view nfc);

// --- File names ------------------------------------------------------------------------

// ASCII slug for file names: "Trường Tiểu học Đông Hải" → "truong-tieu-hoc-dong-hai".
// Only [a-z0-9-], no leading/trailing '-', at most `max_len` bytes, never empty ("untitled",
// cut to max_len). Marks are removed via NFD, đ/Đ → d, every other run of characters → one
// '-' (so never "." / ".." / '/': "../../x" → "x"). Too long: cut at the last '-' within
// max_len, or hard cut if there is none. Throws hoso::Error if max_len is 0.
std::string ascii_slug(std::string_view utf8, std::size_t max_len = 60);

}  // namespace hoso::text
