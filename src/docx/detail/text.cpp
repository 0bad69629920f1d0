#include "docx/detail/text.h"

#include <bit>
#include <cstdint>
#include <cstring>

namespace hoso::docx::detail {

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        const char b[2] = {static_cast<char>(0xC0 | (cp >> 6)), static_cast<char>(0x80 | (cp & 0x3F))};
        out.append(b, 2);
    } else if (cp < 0x10000) {
        const char b[3] = {static_cast<char>(0xE0 | (cp >> 12)), static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
                           static_cast<char>(0x80 | (cp & 0x3F))};
        out.append(b, 3);
    } else {
        const char b[4] = {static_cast<char>(0xF0 | (cp >> 18)), static_cast<char>(0x80 | ((cp >> 12) & 0x3F)),
                           static_cast<char>(0x80 | ((cp >> 6) & 0x3F)), static_cast<char>(0x80 | (cp & 0x3F))};
        out.append(b, 4);
    }
}

bool xml_allowed(char32_t cp) noexcept {
    // XML 1.0 Char production; DEL is legal XML but a control character in our model.
    if (cp == 0x09 || cp == 0x0A || cp == 0x0D) return true;
    if (cp < 0x20 || cp == 0x7F) return false;
    if (cp >= 0xD800 && cp <= 0xDFFF) return false;
    if (cp == 0xFFFE || cp == 0xFFFF) return false;
    return cp <= 0x10FFFF;
}

std::size_t plain_prefix(std::string_view s) noexcept {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    std::size_t i = 0;
    constexpr std::uint64_t kOnes = 0x0101010101010101u, kHigh = 0x8080808080808080u;
    while (i < n) {
        if (std::endian::native == std::endian::little && n - i >= 8) {
            // Eight bytes at a time: flag the bytes with the high bit, below 0x20 or DEL (the
            // "has a byte less than" tests of bit-twiddling lore; the lowest flag is exact, a
            // borrow only moves upwards) and skip the ASCII bytes before the first flag.
            std::uint64_t w;
            std::memcpy(&w, p + i, 8);
            const std::uint64_t del = w ^ (0x7F * kOnes);
            const std::uint64_t flags = (w | ((w - 0x20 * kOnes) & ~w) | ((del - kOnes) & ~del)) & kHigh;
            if (flags == 0) {
                i += 8;
                continue;
            }
            i += static_cast<std::size_t>(std::countr_zero(flags)) / 8;
        }
        const unsigned b0 = p[i];
        if (b0 < 0x80) {
            if (b0 < 0x20 || b0 == 0x7F) return i;  // control characters, tab/LF/CR included
            ++i;
            continue;
        }
        // The same acceptance as for_each_code_point: shortest form, no surrogates, at most
        // U+10FFFF; then xml_allowed (all of these are allowed but U+FFFE and U+FFFF).
        if ((b0 & 0xE0) == 0xC0) {
            if (b0 < 0xC2 || i + 2 > n || (p[i + 1] & 0xC0) != 0x80) return i;
            i += 2;
        } else if ((b0 & 0xF0) == 0xE0) {
            if (i + 3 > n || (p[i + 1] & 0xC0) != 0x80 || (p[i + 2] & 0xC0) != 0x80) return i;
            const unsigned cp = ((b0 & 0x0Fu) << 12) | ((p[i + 1] & 0x3Fu) << 6) | (p[i + 2] & 0x3Fu);
            if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF) || cp >= 0xFFFE) return i;
            i += 3;
        } else if ((b0 & 0xF8) == 0xF0) {
            if (i + 4 > n || (p[i + 1] & 0xC0) != 0x80 || (p[i + 2] & 0xC0) != 0x80 || (p[i + 3] & 0xC0) != 0x80) {
                return i;
            }
            const unsigned cp = ((b0 & 0x07u) << 18) | ((p[i + 1] & 0x3Fu) << 12) | ((p[i + 2] & 0x3Fu) << 6) |
                                (p[i + 3] & 0x3Fu);
            if (cp < 0x10000 || cp > 0x10FFFF) return i;
            i += 4;
        } else {
            return i;
        }
    }
    return n;
}

void append_clean_attribute(std::string& out, std::string_view s) {
    const std::size_t plain = plain_prefix(s);
    out.append(s.data(), plain);
    if (plain == s.size()) return;
    // The prefix ends on a sequence boundary, so the rest decodes as it would in place.
    for_each_code_point(s.substr(plain), [&](char32_t cp) {
        if (!xml_allowed(cp)) return;
        if (cp == 0x09 || cp == 0x0A || cp == 0x0D) cp = U' ';
        append_utf8(out, cp);
    });
}

std::string clean_attribute(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    append_clean_attribute(out, s);
    return out;
}

}  // namespace hoso::docx::detail
