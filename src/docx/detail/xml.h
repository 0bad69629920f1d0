// The serializer of the package's own XML parts: a compact writer that appends straight into
// one growing buffer (no DOM, no whitespace), elements in the order the calls are made, so
// each writer function states the ECMA-376 child order explicitly. Its bytes are those
// tinyxml2::XMLPrinter wrote in compact mode (the writer it replaced, measured 3× slower):
// the same declaration, `<a x="v"/>` for an element without content, and the same escapes —
// &amp; &lt; &gt; in text, and also &quot; &apos; in attribute values (xml_test compares the
// two writers byte for byte). tinyxml2 stays the project's XML parser.
// Every string that reaches the buffer is cleaned of characters XML forbids first (text.h);
// a string that needs no cleaning (nearly all of them) is escaped straight from the source.
#pragma once

#include <cstddef>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace hoso::docx::detail {

namespace ns {
inline constexpr const char* kW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
inline constexpr const char* kR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
}  // namespace ns

// The XML declaration every part starts with.
inline constexpr std::string_view kXmlDeclaration = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)";

class XmlWriter {
public:
    // `capacity`: bytes reserved up front (the buffer grows by doubling past it).
    explicit XmlWriter(std::size_t capacity = 1024);
    XmlWriter(const XmlWriter&) = delete;
    XmlWriter& operator=(const XmlWriter&) = delete;

    // Starts a new part in the same buffer (kept, with its capacity): only the declaration.
    void reset();

    // Element names must outlive the element (string literals, or names in the model).
    void open(const char* name) {
        seal();
        put('<');
        put(name, std::strlen(name));
        m_stack.push_back(name);
        m_just_opened = true;
    }
    void attr(const char* name, const char* value) { push_attr(name, value); }
    void attr(const char* name, const std::string& value) { push_attr(name, value); }
    void attr(const char* name, std::string_view value) { push_attr(name, value); }
    void attr(const char* name, long value);
    void attr(const char* name, int value) { attr(name, static_cast<long>(value)); }
    void close() {
        const char* name = m_stack.back();
        m_stack.pop_back();
        if (m_just_opened) {
            put("/>", 2);
            m_just_opened = false;
            return;
        }
        put("</", 2);
        put(name, std::strlen(name));
        put('>');
    }
    // <name w:val="value"/> — the commonest WordprocessingML shape.
    template <typename T>
    void val(const char* name, const T& value) {
        open(name);
        attr("w:val", value);
        close();
    }
    void empty(const char* name) {
        open(name);
        close();
    }
    // Character data (cleaned; tab/LF/CR become spaces: callers split runs on them first).
    void text(std::string_view s);
    // Character data the caller has checked with is_plain() (text.h): only escaped.
    void plain_text(std::string_view s) {
        seal();
        put_escaped(s, false);
    }

    // The part written so far (a view of the buffer: valid until the next call).
    std::string_view view() const { return {m_data.get(), m_size}; }
    std::string finish() const { return std::string(view()); }  // the part, UTF-8

private:
    void seal() {
        if (m_just_opened) {
            put('>');
            m_just_opened = false;
        }
    }
    void reserve_more(std::size_t n) {
        if (m_capacity - m_size < n) grow(n);
    }
    void grow(std::size_t n);
    void put(char c) {
        reserve_more(1);
        m_data[m_size++] = c;
    }
    void put(const char* s, std::size_t n) {
        reserve_more(n);
        std::memcpy(m_data.get() + m_size, s, n);
        m_size += n;
    }
    // `s` with & < > (and in attribute values " ') replaced by their entities.
    void put_escaped(std::string_view s, bool attribute);
    void push_attr(const char* name, std::string_view value);
    // `s` cleaned (text.h: append_clean_attribute): `s` itself when it is clean, else a
    // cleaned copy in m_scratch.
    std::string_view cleaned(std::string_view s);

    std::unique_ptr<char[]> m_data;
    std::size_t m_size = 0;
    std::size_t m_capacity = 0;
    std::vector<const char*> m_stack;  // names of the open elements
    bool m_just_opened = false;        // the last open() has no '>' yet
    std::string m_scratch;
};

}  // namespace hoso::docx::detail
