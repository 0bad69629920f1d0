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
    while (i < n) {
        i = swar::skip_unflagged(p, i, n, swar::not_printable_ascii);
        if (i >= n) break;
        const unsigned b0 = p[i];
        if (b0 < 0x80) {
            if (b0 < 0x20 || b0 == 0x7F) return i;  // control characters, tab/LF/CR included
            ++i;
            continue;
        }
        const std::size_t len = plain_sequence_length(p + i, n - i);
        if (len == 0) return i;
        i += len;
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
