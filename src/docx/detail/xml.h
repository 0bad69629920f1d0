// A thin layer over tinyxml2::XMLPrinter (compact mode): elements are written in the order
// the calls are made, so each writer function states the ECMA-376 child order explicitly.
// Every string that reaches the printer is cleaned of characters XML forbids first; a
// string that needs no cleaning (nearly all of them) is handed over without a copy.
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
    void attr(const char* name, const char* value) { push_attr(name, value, true); }
    void attr(const char* name, const std::string& value) { push_attr(name, value, true); }
    void attr(const char* name, std::string_view value) { push_attr(name, value, false); }
    void attr(const char* name, long value);
    void attr(const char* name, int value) { attr(name, static_cast<long>(value)); }
    void close();
    // <name w:val="value"/> — the commonest WordprocessingML shape.
    template <typename T>
    void val(const char* name, const T& value) {
        open(name);
        attr("w:val", value);
        close();
    }
    void empty(const char* name);
    // Character data (cleaned; tab/LF/CR become spaces: callers split runs on them first).
    void text(const char* s) { push_text(s, true); }
    void text(const std::string& s) { push_text(s, true); }
    void text(std::string_view s) { push_text(s, false); }
    // Character data the caller has checked with is_plain() (text.h): written as it is.
    void plain_text(const std::string& s) { m_printer.PushText(s.c_str()); }

    std::string finish();  // the document, UTF-8, starting with the XML declaration

private:
    // `s` cleaned and NUL-terminated: `s` itself when it is clean and `terminated` (its
    // data ends in a NUL), else a cleaned copy in m_scratch.
    const char* clean_c_str(std::string_view s, bool terminated);
    void push_attr(const char* name, std::string_view value, bool terminated);
    void push_text(std::string_view s, bool terminated);

    tinyxml2::XMLPrinter m_printer;
    std::string m_scratch;
};

}  // namespace hoso::docx::detail
