// The serializer of the package's own XML parts: a compact writer that appends straight into
// one growing buffer (no DOM, no whitespace), elements in the order the calls are made, so
// each writer function states the ECMA-376 child order explicitly. Its bytes are those
// tinyxml2::XMLPrinter wrote in compact mode (the writer it replaced, measured 3× slower):
// the same declaration, `<a x="v"/>` for an element without content, and the same escapes —
// &amp; &lt; &gt; in text, and also &quot; &apos; in attribute values (xml_test compares the
// two writers byte for byte). tinyxml2 stays the project's XML parser.
// Every string that reaches the buffer is cleaned of characters XML forbids first (text.h);
// a string that needs no cleaning (nearly all of them) is escaped straight from the source.
//
// Kept, not XMLPrinter: behind these calls XMLPrinter costs 4.88 M instructions a bench DOCX against 4.29 M (+14 %,
// `bash bench/instructions docx`; CPU time 1.09×, paired batch runs), and it cannot rewind or reuse a memoised paragraph.
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

    // Starts a new part in the same buffer (kept, with its capacity, unless it grew past
    // both 4 × the first capacity and kKeepCapacity): only the declaration.
    void reset();
    static constexpr std::size_t kKeepCapacity = std::size_t{1} << 20;

    // Element and attribute names are written as they are (they come from this module's
    // string literals); an element's name must outlive the element. The calls below are
    // inline so that a literal's length is known where it is written.
    void open(std::string_view name) {
        seal();
        begin_tag(name);
        if (m_depth == m_stack.size()) grow_stack();
        m_stack[m_depth++] = name;
        m_just_opened = true;
    }
    void attr(std::string_view name, const char* value) { attr(name, std::string_view(value)); }
    void attr(std::string_view name, std::string_view value) {
        char* out = reserve(name.size() + 3);
        out[0] = ' ';
        copy_small(out + 1, name.data(), name.size());
        out[name.size() + 1] = '=';
        out[name.size() + 2] = '"';
        m_size += name.size() + 3;
        put_attr_value(value);
        put('"');
    }
    void attr(std::string_view name, long value);
    void attr(std::string_view name, int value) { attr(name, static_cast<long>(value)); }
    void close() {
        const std::string_view name = m_stack[--m_depth];
        if (m_just_opened) {
            put("/>", 2);
            m_just_opened = false;
            return;
        }
        char* out = reserve(name.size() + 3);
        out[0] = '<';
        out[1] = '/';
        copy_small(out + 2, name.data(), name.size());
        out[name.size() + 2] = '>';
        m_size += name.size() + 3;
    }
    // <name w:val="value"/> — the commonest WordprocessingML shape.
    template <typename T>
    void val(std::string_view name, const T& value) {
        seal();
        begin_tag(name);
        attr("w:val", value);
        put("/>", 2);
    }
    // <name/>
    void empty(std::string_view name) {
        seal();
        begin_tag(name);
        put("/>", 2);
    }
    // Character data (cleaned; tab/LF/CR become spaces: callers split runs on them first).
    void text(std::string_view s);
    // Character data the caller has checked with is_plain() (text.h): only escaped.
    void plain_text(std::string_view s) {
        seal();
        put_escaped(s, false);
    }
    // Character data if `s` is plain (is_plain: checked in the same pass as the escaping);
    // otherwise nothing is written and the answer is false.
    bool plain_text_if_plain(std::string_view s);

    // A place in the part to come back to: rewind(mark) drops whatever was written since
    // (elements opened since are forgotten, one closed since must not be reopened).
    struct Mark {
        std::size_t size;
        std::size_t depth;
        bool just_opened;
    };
    Mark mark() const { return {m_size, m_depth, m_just_opened}; }
    void rewind(const Mark& m) {
        m_size = m.size;
        m_depth = m.depth;
        m_just_opened = m.just_opened;
    }

    // Ends the start tag of the element just opened (as any content would).
    void seal() {
        if (m_just_opened) {
            put('>');
            m_just_opened = false;
        }
    }
    // A complete element (or several) written before by this writer, copied in as content.
    void raw_element(std::string_view xml) {
        seal();
        put(xml.data(), xml.size());
    }

    // The part written so far (a view of the buffer: valid until the next call).
    std::string_view view() const { return {m_data.get(), m_size}; }
    std::string finish() const { return std::string(view()); }  // the part, UTF-8

private:
    // '<' and the name, the tag left open for attributes.
    void begin_tag(std::string_view name) {
        char* out = reserve(name.size() + 1);
        out[0] = '<';
        copy_small(out + 1, name.data(), name.size());
        m_size += name.size() + 1;
    }
    // memcpy for the short strings names are, without a call when `n` is only known at
    // run time (the element stack); `dst` has room for `n` bytes.
    static void copy_small(char* dst, const char* src, std::size_t n) {
        if (n > 16) {
            std::memcpy(dst, src, n);
        } else if (n >= 8) {
            char a[8], b[8];
            std::memcpy(a, src, 8);
            std::memcpy(b, src + n - 8, 8);
            std::memcpy(dst, a, 8);
            std::memcpy(dst + n - 8, b, 8);
        } else if (n >= 4) {
            char a[4], b[4];
            std::memcpy(a, src, 4);
            std::memcpy(b, src + n - 4, 4);
            std::memcpy(dst, a, 4);
            std::memcpy(dst + n - 4, b, 4);
        } else {
            for (std::size_t i = 0; i < n; ++i) dst[i] = src[i];
        }
    }
    // Room for `n` more bytes; returns where they go (m_size is not moved).
    char* reserve(std::size_t n) {
        if (m_capacity - m_size < n) grow(n);
        return m_data.get() + m_size;
    }
    void grow(std::size_t n);
    void grow_stack();
    void put(char c) {
        *reserve(1) = c;
        ++m_size;
    }
    void put(const char* s, std::size_t n) {
        std::memcpy(reserve(n), s, n);
        m_size += n;
    }
    // `s` with & < > (and in attribute values " ') replaced by their entities.
    void put_escaped(std::string_view s, bool attribute);
    // An attribute value between its quotes: cleaned and escaped.
    void put_attr_value(std::string_view value);
    // `s` cleaned (text.h: append_clean_attribute): `s` itself when it is clean, else a
    // cleaned copy in m_scratch.
    std::string_view cleaned(std::string_view s);

    std::unique_ptr<char[]> m_data;
    std::size_t m_size = 0;
    std::size_t m_capacity = 0;
    std::size_t m_initial_capacity = 0;
    std::vector<std::string_view> m_stack;  // names of the open elements: [0, m_depth)
    std::size_t m_depth = 0;
    bool m_just_opened = false;  // the last open() has no '>' yet
    std::string m_scratch;
};

}  // namespace hoso::docx::detail
