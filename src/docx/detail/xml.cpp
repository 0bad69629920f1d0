#include "docx/detail/xml.h"

#include <charconv>
#include <string>

#include "docx/detail/text.h"

namespace hoso::docx::detail {

XmlWriter::XmlWriter() : m_printer(nullptr, /*compact=*/true) {
    m_printer.PushDeclaration(R"(xml version="1.0" encoding="UTF-8" standalone="yes")");
}

const char* XmlWriter::clean_c_str(std::string_view s, bool terminated) {
    const std::size_t plain = plain_prefix(s);
    if (plain == s.size() && terminated) return s.data();
    m_scratch.assign(s.data(), plain);
    append_clean_attribute(m_scratch, s.substr(plain));
    return m_scratch.c_str();
}

void XmlWriter::open(const char* name) { m_printer.OpenElement(name, true); }

void XmlWriter::push_attr(const char* name, std::string_view value, bool terminated) {
    m_printer.PushAttribute(name, clean_c_str(value, terminated));
}

void XmlWriter::attr(const char* name, long value) {
    // std::to_chars is locale-independent.
    char buf[24];
    const auto end = std::to_chars(buf, buf + sizeof buf - 1, value).ptr;
    *end = '\0';
    m_printer.PushAttribute(name, buf);
}

void XmlWriter::close() { m_printer.CloseElement(true); }

void XmlWriter::empty(const char* name) {
    open(name);
    close();
}

void XmlWriter::push_text(std::string_view s, bool terminated) { m_printer.PushText(clean_c_str(s, terminated)); }

std::string XmlWriter::finish() {
    // CStrSize() counts the terminating NUL.
    return std::string(m_printer.CStr(), static_cast<std::size_t>(m_printer.CStrSize() - 1));
}

}  // namespace hoso::docx::detail
