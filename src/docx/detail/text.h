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

// True for characters that may appear in XML 1.0 character data (tab, LF and CR included).
bool xml_allowed(char32_t cp) noexcept;

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
