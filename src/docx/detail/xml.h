// A thin layer over tinyxml2::XMLPrinter (compact mode): elements are written in the order
// the calls are made, so each writer function states the ECMA-376 child order explicitly.
// Every string that reaches the printer is cleaned of characters XML forbids first.
#pragma once

#include <string>
#include <string_view>

#include <tinyxml2.h>

namespace hoso::docx::detail {

namespace ns {
inline constexpr const char* kW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
inline constexpr const char* kR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
}  // namespace ns

class XmlWriter {
public:
    XmlWriter();
    XmlWriter(const XmlWriter&) = delete;
    XmlWriter& operator=(const XmlWriter&) = delete;

    void open(const char* name);
    void attr(const char* name, std::string_view value);
    void attr(const char* name, long value);
    void attr(const char* name, int value) { attr(name, static_cast<long>(value)); }
    void close();
    // <name w:val="value"/> — the commonest WordprocessingML shape.
    void val(const char* name, std::string_view value);
    void val(const char* name, long value);
    void val(const char* name, int value) { val(name, static_cast<long>(value)); }
    void empty(const char* name);
    // Character data (cleaned; tab/LF/CR become spaces: callers split runs on them first).
    void text(std::string_view s);

    std::string finish();  // the document, UTF-8, starting with the XML declaration

private:
    tinyxml2::XMLPrinter m_printer;
};

}  // namespace hoso::docx::detail
