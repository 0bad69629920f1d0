// UTF-8 handling for the writer: decoding (invalid bytes become U+FFFD) and the removal of
// characters XML 1.0 forbids. The model promises NFC text without control characters; this
// is the guard that keeps a broken string from producing a package Word refuses to open.
// Almost every string is already clean, so the guard is a scan that copies nothing
// (plain_prefix) and the rewriting only starts at the first byte that needs it.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
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

// Eight bytes at a time (SWAR). A flag function maps a little-endian word to a word with the
// high bit set in each byte that needs a closer look; the lowest flag must be exact (higher
// ones may be spurious: a borrow only moves upwards).
namespace swar {
inline constexpr std::uint64_t kOnes = 0x0101010101010101u, kHigh = 0x8080808080808080u;
// Bytes equal to `c`.
constexpr std::uint64_t bytes_equal(std::uint64_t w, unsigned char c) noexcept {
    const std::uint64_t x = w ^ (c * kOnes);
    return (x - kOnes) & ~x & kHigh;
}
// Bytes that are not printable ASCII: the high bit set, below 0x20, or DEL.
constexpr std::uint64_t not_printable_ascii(std::uint64_t w) noexcept {
    return ((w | ((w - 0x20 * kOnes) & ~w)) & kHigh) | bytes_equal(w, 0x7F);
}
// From byte `i` of p[0..n), the index of the first flagged byte of the first word that has
// one, or of the first byte of a last part shorter than a word; `i` when no whole word is
// left. The caller then looks at that byte itself.
template <typename Flags>
std::size_t skip_unflagged(const unsigned char* p, std::size_t i, std::size_t n, Flags flags) noexcept {
    if constexpr (std::endian::native == std::endian::little) {
        while (n - i >= 8) {
            std::uint64_t w;
            std::memcpy(&w, p + i, 8);
            const std::uint64_t f = flags(w);
            if (f != 0) return i + static_cast<std::size_t>(std::countr_zero(f)) / 8;
            i += 8;
        }
    }
    return i;
}
}  // namespace swar

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
