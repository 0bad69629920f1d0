#include "docx/detail/text.h"

namespace hoso::docx::detail {

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
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

std::string clean_attribute(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for_each_code_point(s, [&](char32_t cp) {
        if (!xml_allowed(cp)) return;
        if (cp == 0x09 || cp == 0x0A || cp == 0x0D) cp = U' ';
        append_utf8(out, cp);
    });
    return out;
}

}  // namespace hoso::docx::detail
