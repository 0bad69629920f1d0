// Line-break opportunities for Vietnamese administrative text (own rules, not UAX #14:
// ICU's root line rules break "30/2020/NĐ-CP" after '/' and '-', see pdf-docx-notes.md §4).
#include "text/text.h"

#include <array>

#include <unicode/uchar.h>

#include "text/detail/icu_util.h"

namespace hoso::text {

namespace {

// Glue words, case-folded NFC: a break is not allowed between one of them and a following
// number, Roman numeral, single letter or "…" placeholder ("Điều 1", "điểm a", "Chương II").
constexpr std::array<std::string_view, 10> kGlueWords = {
    "số", "điều", "ngày", "tháng", "năm", "khoản", "điểm", "mục", "chương", "phần",
};
// Two-word glue words: {first, second} ("Phụ lục I", "mức độ 2", "Tiêu chí 1", "Chỉ tiêu 3").
constexpr std::array<std::array<std::string_view, 2>, 4> kGluePairs = {{
    {"phụ", "lục"},
    {"mức", "độ"},
    {"tiêu", "chí"},
    {"chỉ", "tiêu"},
}};
constexpr std::size_t kMaxGlueBytes = 9;  // longest glue word ("chương", 8 bytes) + ':'

// Case-folded copy of a short token, without one trailing ':'; empty if too long to be a
// glue word (saves the ICU call for most tokens).
std::string fold_word(std::string_view token) {
    if (!token.empty() && token.back() == ':') token.remove_suffix(1);
    if (token.empty() || token.size() > kMaxGlueBytes) return {};
    icu::UnicodeString u = detail::to_ustring(token);
    u.foldCase();
    return detail::to_std(u);
}

bool is_glue(std::string_view prev2, std::string_view prev1) {
    const std::string w1 = fold_word(prev1);
    if (w1.empty()) return false;
    for (std::string_view g : kGlueWords) {
        if (w1 == g) return true;
    }
    for (const auto& pair : kGluePairs) {
        if (w1 != pair[1]) continue;
        // The first word of the pair must not carry a colon ("Phụ: lục" is not "Phụ lục").
        if (!prev2.empty() && prev2.back() != ':' && fold_word(prev2) == pair[0]) return true;
    }
    return false;
}

// Code points that may not begin a line when they form a whole token on their own.
bool is_closing_punct(char32_t c) {
    switch (c) {
    case '.': case ',': case ':': case ';': case '!': case '?': case ')': case ']': case '}':
    case '%': case '"': case '\'': case '/': case '-':
    case 0x2026:  // …
    case 0x201D:  // ”
    case 0x2019:  // ’
    case 0x00BB:  // »
    case 0x2013:  // –
    case 0x2014:  // —
        return true;
    default:
        return false;
    }
}

bool is_punct_only(std::string_view token) {
    std::size_t i = 0;
    while (i < token.size()) {
        char32_t c = 0;
        const std::size_t len = detail::decode_utf8(token, i, c);
        if (len == 0 || !is_closing_punct(c)) return false;
        i += len;
    }
    return true;
}

// True for "5", "05/QĐ-UBND", "2025", "II", "IV.", "a", "b)", "đ", "…", "…/QĐ-UBND".
bool binds_to_glue_word(std::string_view token) {
    const unsigned char first = static_cast<unsigned char>(token.front());
    if (first >= '0' && first <= '9') return true;
    if (token.starts_with("\xE2\x80\xA6") || token.starts_with("..")) return true;  // "…" placeholder
    std::string_view core = token;
    while (!core.empty() && (core.back() == '.' || core.back() == ',' || core.back() == ':' ||
                             core.back() == ';' || core.back() == ')')) {
        core.remove_suffix(1);
    }
    if (core.empty()) return false;
    if (core.find_first_not_of("IVXLCDM") == std::string_view::npos) return true;  // Roman
    char32_t c = 0;
    const std::size_t len = detail::decode_utf8(core, 0, c);
    return len != 0 && len == core.size() && u_isalpha(static_cast<UChar32>(c));  // one letter
}

}  // namespace

std::vector<std::size_t> break_opportunities(std::string_view nfc) {
    std::vector<std::size_t> out;
    std::string_view prev1, prev2;  // the two tokens before the current one
    std::size_t i = 0;
    const std::size_t n = nfc.size();
    while (i < n) {
        const std::size_t space_start = i;
        while (i < n && nfc[i] == ' ') ++i;
        if (i == n) break;
        const std::size_t start = i;
        while (i < n && nfc[i] != ' ') ++i;
        const std::string_view token = nfc.substr(start, i - start);
        const bool after_space = start > space_start;
        if (after_space && !prev1.empty() && !is_punct_only(token) &&
            !(binds_to_glue_word(token) && is_glue(prev2, prev1))) {
            out.push_back(start);
        }
        prev2 = prev1;
        prev1 = token;
    }
    return out;
}

}  // namespace hoso::text
