#include "docx/detail/xml.h"

#include <array>
#include <bit>
#include <charconv>
#include <cstdint>
#include <string>

#include "docx/detail/text.h"

namespace hoso::docx::detail {

namespace {

using swar::bytes_equal;

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

// Bytes an attribute value may hold as they are: printable ASCII but & < > " '. (The
// value after the first other byte is cleaned and escaped; a clean prefix of whole
// characters leaves the cleaning of the rest as it was.)
constexpr std::array<bool, 256> verbatim_in_attribute() {
    std::array<bool, 256> ok{};
    for (int c = 0x20; c < 0x7F; ++c) ok[static_cast<std::size_t>(c)] = true;
    for (char c : {'&', '<', '>', '"', '\''}) ok[static_cast<unsigned char>(c)] = false;
    return ok;
}
constexpr std::array<bool, 256> kVerbatimInAttribute = verbatim_in_attribute();

}  // namespace

XmlWriter::XmlWriter(std::size_t capacity)
    : m_data(new char[capacity < 256 ? 256 : capacity]),
      m_capacity(capacity < 256 ? 256 : capacity),
      m_initial_capacity(m_capacity),
      m_stack(32) {
    put(kXmlDeclaration.data(), kXmlDeclaration.size());
}

void XmlWriter::reset() {
    // A buffer grown far past the first capacity by one large part is given back.
    if (m_capacity > 4 * m_initial_capacity && m_capacity > kKeepCapacity) {
        m_data.reset(new char[m_initial_capacity]);
        m_capacity = m_initial_capacity;
    }
    m_size = 0;
    m_depth = 0;
    m_just_opened = false;
    put(kXmlDeclaration.data(), kXmlDeclaration.size());
}

void XmlWriter::grow_stack() { m_stack.resize(m_stack.size() * 2); }

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
    auto needs_entity = [attribute](std::uint64_t w) {
        std::uint64_t flags = bytes_equal(w, '&') | bytes_equal(w, '<') | bytes_equal(w, '>');
        if (attribute) flags |= bytes_equal(w, '"') | bytes_equal(w, '\'');
        return flags;
    };
    while (i < n) {
        i = swar::skip_unflagged(p, i, n, needs_entity);
        if (i >= n) break;
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

void XmlWriter::put_attr_value(std::string_view value) {
    // Most values are short ASCII words or numbers ("dxa", "preserve", a style name): a
    // byte that is not printable ASCII or needs an entity sends the rest the long way.
    std::size_t i = 0;
    while (i < value.size() && kVerbatimInAttribute[static_cast<unsigned char>(value[i])]) ++i;
    copy_small(reserve(i), value.data(), i);
    m_size += i;
    if (i < value.size()) put_escaped(cleaned(value.substr(i)), true);
}

void XmlWriter::attr(std::string_view name, long value) {
    // std::to_chars is locale-independent.
    char* out = reserve(name.size() + 4 + 20);
    *out++ = ' ';
    std::memcpy(out, name.data(), name.size());
    out += name.size();
    *out++ = '=';
    *out++ = '"';
    out = std::to_chars(out, out + 20, value).ptr;
    *out++ = '"';
    m_size = static_cast<std::size_t>(out - m_data.get());
}

bool XmlWriter::plain_text_if_plain(std::string_view s) {
    const Mark before = mark();
    seal();
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    std::size_t done = 0;  // bytes of `s` already in the buffer
    std::size_t i = 0;
    auto flags = [](std::uint64_t w) {  // as plain_prefix (text.cpp), and the bytes needing an entity
        return swar::not_printable_ascii(w) | bytes_equal(w, '&') | bytes_equal(w, '<') | bytes_equal(w, '>');
    };
    while (i < n) {
        i = swar::skip_unflagged(p, i, n, flags);
        if (i >= n) break;
        const unsigned b0 = p[i];
        if (b0 < 0x80) {
            if (b0 < 0x20 || b0 == 0x7F) {  // a control character, tab/LF/CR included
                rewind(before);
                return false;
            }
            const std::string_view e = entity(static_cast<char>(b0), false);
            if (!e.empty()) {
                put(s.data() + done, i - done);
                put(e.data(), e.size());
                done = i + 1;
            }
            ++i;
            continue;
        }
        const std::size_t len = plain_sequence_length(p + i, n - i);
        if (len == 0) {
            rewind(before);
            return false;
        }
        i += len;
    }
    put(s.data() + done, n - done);
    return true;
}

void XmlWriter::text(std::string_view s) {
    if (plain_text_if_plain(s)) return;
    seal();
    put_escaped(cleaned(s), false);
}

}  // namespace hoso::docx::detail
