// UTF-8 handling for the writer: decoding (invalid bytes become U+FFFD) and the removal of
// characters XML 1.0 forbids. The model promises NFC text without control characters; this
// is the guard that keeps a broken string from producing a package Word refuses to open.
// Almost every string is already clean, so the guard is a scan that copies nothing
// (plain_prefix) and the rewriting only starts at the first byte that needs it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/core.h"

namespace hoso::docx::detail {

// Decodes the code point of `s` starting at byte `i` and moves `i` past it; an invalid or
// truncated sequence yields U+FFFD and moves `i` one byte. Requires i < s.size().
inline char32_t next_code_point(std::string_view s, std::size_t& i) noexcept {
    return hoso::next_code_point(s, i, char32_t{0xFFFD});
}

// Calls f(char32_t) for each code point of `s`; an invalid or truncated sequence yields
// one U+FFFD per offending byte.
template <typename F>
void for_each_code_point(std::string_view s, F&& f) {
    std::size_t i = 0;
    while (i < s.size()) f(next_code_point(s, i));
}

void append_utf8(std::string& out, char32_t cp);

namespace swar = hoso::swar;  // core.h

// True for characters that may appear in XML 1.0 character data (tab, LF and CR included).
bool xml_allowed(char32_t cp) noexcept;

// The length of the multi-byte UTF-8 sequence at `p` (lead byte p[0] >= 0x80, `n` bytes
// available) if it is valid and encodes a character XML allows, else 0. The acceptance of
// for_each_code_point: shortest form, no surrogates, at most U+10FFFF; then xml_allowed
// (all of these are allowed but U+FFFE and U+FFFF).
inline std::size_t plain_sequence_length(const unsigned char* p, std::size_t n) noexcept {
    const unsigned b0 = p[0];
    if ((b0 & 0xE0) == 0xC0) {
        if (b0 < 0xC2 || n < 2 || (p[1] & 0xC0) != 0x80) return 0;
        return 2;
    }
    if ((b0 & 0xF0) == 0xE0) {
        if (n < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80) return 0;
        const unsigned cp = ((b0 & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
        if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF) || cp >= 0xFFFE) return 0;
        return 3;
    }
    if ((b0 & 0xF8) == 0xF0) {
        if (n < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80) return 0;
        const unsigned cp = ((b0 & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu);
        if (cp < 0x10000 || cp > 0x10FFFF) return 0;
        return 4;
    }
    return 0;
}

// Length of the longest prefix of `s` made of whole, valid UTF-8 sequences of characters
// that xml_allowed() accepts, tab, LF and CR excepted: the part of `s` that every cleaning
// below leaves as it is. One pass over the bytes, ASCII first.
std::size_t plain_prefix(std::string_view s) noexcept;
inline bool is_plain(std::string_view s) noexcept { return plain_prefix(s) == s.size(); }

// Appends `s` as valid UTF-8 with every character XML forbids removed; tab, LF and CR are
// replaced by a space (for attribute values and document properties, where they have no
// meaning).
void append_clean_attribute(std::string& out, std::string_view s);
std::string clean_attribute(std::string_view s);

}  // namespace hoso::docx::detail
