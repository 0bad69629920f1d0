#include "docx/detail/xml.h"

#include <bit>
#include <charconv>
#include <cstdint>
#include <string>

#include "docx/detail/text.h"

namespace hoso::docx::detail {

namespace {

constexpr std::uint64_t kOnes = 0x0101010101010101u, kHigh = 0x8080808080808080u;

// The high bit of each byte of `w` equal to `c`; the lowest flag is exact (a borrow only
// moves upwards), which is all the scan below uses.
constexpr std::uint64_t bytes_equal(std::uint64_t w, unsigned char c) {
    const std::uint64_t x = w ^ (c * kOnes);
    return (x - kOnes) & ~x & kHigh;
}

// The entity for a byte that needs one in text (attribute = false) or in an attribute
// value, or an empty view. Patterns as tinyxml2 writes them.
std::string_view entity(char c, bool attribute) {
    switch (c) {
        case '&': return "&amp;";
        case '<': return "&lt;";
        case '>': return "&gt;";
        case '"': return attribute ? "&quot;" : std::string_view{};
        case '\'': return attribute ? "&apos;" : std::string_view{};
        default: return {};
    }
}

}  // namespace

XmlWriter::XmlWriter(std::size_t capacity)
    : m_data(new char[capacity < 256 ? 256 : capacity]), m_capacity(capacity < 256 ? 256 : capacity) {
    m_stack.reserve(32);
    put(kXmlDeclaration.data(), kXmlDeclaration.size());
}

void XmlWriter::reset() {
    m_size = 0;
    m_stack.clear();
    m_just_opened = false;
    put(kXmlDeclaration.data(), kXmlDeclaration.size());
}

void XmlWriter::grow(std::size_t n) {
    std::size_t capacity = m_capacity * 2;
    while (capacity - m_size < n) capacity *= 2;
    std::unique_ptr<char[]> data(new char[capacity]);
    std::memcpy(data.get(), m_data.get(), m_size);
    m_data = std::move(data);
    m_capacity = capacity;
}

void XmlWriter::put_escaped(std::string_view s, bool attribute) {
    const char* p = s.data();
    const std::size_t n = s.size();
    std::size_t done = 0;  // bytes of `s` already in the buffer
    std::size_t i = 0;
    while (i < n) {
        if (std::endian::native == std::endian::little && n - i >= 8) {
            // Eight bytes at a time: skip to the first byte that may need an entity.
            std::uint64_t w;
            std::memcpy(&w, p + i, 8);
            std::uint64_t flags = bytes_equal(w, '&') | bytes_equal(w, '<') | bytes_equal(w, '>');
            if (attribute) flags |= bytes_equal(w, '"') | bytes_equal(w, '\'');
            if (flags == 0) {
                i += 8;
                continue;
            }
            i += static_cast<std::size_t>(std::countr_zero(flags)) / 8;
        }
        const std::string_view e = entity(p[i], attribute);
        if (!e.empty()) {
            put(p + done, i - done);
            put(e.data(), e.size());
            done = i + 1;
        }
        ++i;
    }
    put(p + done, n - done);
}

std::string_view XmlWriter::cleaned(std::string_view s) {
    const std::size_t plain = plain_prefix(s);
    if (plain == s.size()) return s;
    m_scratch.assign(s.data(), plain);
    append_clean_attribute(m_scratch, s.substr(plain));
    return m_scratch;
}

void XmlWriter::push_attr(const char* name, std::string_view value) {
    const std::size_t name_size = std::strlen(name);
    reserve_more(name_size + 4);
    m_data[m_size++] = ' ';
    std::memcpy(m_data.get() + m_size, name, name_size);
    m_size += name_size;
    m_data[m_size++] = '=';
    m_data[m_size++] = '"';
    put_escaped(cleaned(value), true);
    put('"');
}

void XmlWriter::attr(const char* name, long value) {
    // std::to_chars is locale-independent.
    char buf[24];
    const auto end = std::to_chars(buf, buf + sizeof buf, value).ptr;
    const std::size_t name_size = std::strlen(name);
    const auto value_size = static_cast<std::size_t>(end - buf);
    reserve_more(name_size + value_size + 4);
    char* out = m_data.get() + m_size;
    *out++ = ' ';
    std::memcpy(out, name, name_size);
    out += name_size;
    *out++ = '=';
    *out++ = '"';
    std::memcpy(out, buf, value_size);
    out += value_size;
    *out++ = '"';
    m_size = static_cast<std::size_t>(out - m_data.get());
}

void XmlWriter::text(std::string_view s) {
    seal();
    put_escaped(cleaned(s), false);
}

}  // namespace hoso::docx::detail
