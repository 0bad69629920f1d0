#include "docx/detail/xml.h"

#include <string>

#include "docx/detail/text.h"

namespace hoso::docx::detail {

XmlWriter::XmlWriter() : m_printer(nullptr, /*compact=*/true) {
    m_printer.PushDeclaration(R"(xml version="1.0" encoding="UTF-8" standalone="yes")");
}

void XmlWriter::open(const char* name) { m_printer.OpenElement(name, true); }

void XmlWriter::attr(const char* name, std::string_view value) {
    m_printer.PushAttribute(name, clean_attribute(value).c_str());
}

void XmlWriter::attr(const char* name, long value) {
    // std::to_string is locale-independent for integers.
    m_printer.PushAttribute(name, std::to_string(value).c_str());
}

void XmlWriter::close() { m_printer.CloseElement(true); }

void XmlWriter::val(const char* name, std::string_view value) {
    open(name);
    attr("w:val", value);
    close();
}

void XmlWriter::val(const char* name, long value) {
    open(name);
    attr("w:val", value);
    close();
}

void XmlWriter::empty(const char* name) {
    open(name);
    close();
}

void XmlWriter::text(std::string_view s) { m_printer.PushText(clean_attribute(s).c_str()); }

std::string XmlWriter::finish() { return std::string(m_printer.CStr()); }

}  // namespace hoso::docx::detail
