// XML-reading helpers of the data module: the public ones declared in data.h (SourceLines,
// collapse_whitespace) and the internal ones in detail/xml_input.h.
#include "data/detail/xml_input.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <system_error>

#include "text/text.h"

namespace hoso::data {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string code_point_label(char32_t cp) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
    return std::string(buf) + " '" + text::to_utf8(std::u32string(1, cp)) + "'";
}

std::string allowed_list(std::initializer_list<std::string_view> names) {
    if (names.size() == 0) return {};
    std::string s = " (cho phép: ";
    bool first = true;
    for (auto n : names) {
        if (!first) s += ", ";
        s += std::string(n);
        first = false;
    }
    return s + ")";
}

// Most values are already collapsed: no leading or trailing space, single spaces only, no
// tab or line break. Checked eight bytes at a time.
bool is_collapsed(std::string_view s) {
    if (s.empty()) return true;
    if (is_space(s.front()) || is_space(s.back())) return false;
    constexpr std::uint64_t lows = 0x7F7F7F7F7F7F7F7FULL;
    const char* p = s.data();
    const std::size_t n = s.size();
    std::size_t i = 0;
    bool prev_space = false;  // the byte before p[i] is a space
    for (; std::endian::native == std::endian::little && i + 8 <= n; i += 8) {
        std::uint64_t w;
        std::memcpy(&w, p + i, 8);
        // Some byte below 0x20 (tab, line break, other controls): check this word byte by byte.
        if (swar::bytes_below(w, 0x20) != 0) break;
        // Bytes equal to ' ': 0x80 in each such byte, exactly (swar::bytes_equal is exact only
        // for the lowest, and pairs of spaces need them all).
        const std::uint64_t x = w ^ (swar::kOnes * 0x20);
        const std::uint64_t spaces = ~(((x & lows) + lows) | x | lows);
        // Two spaces in a row inside the word (byte k and k + 1; little-endian order), or across
        // the previous word's end.
        if ((spaces & (spaces >> 8)) != 0 || (prev_space && (spaces & 0x80) != 0)) return false;
        prev_space = (spaces >> 63) != 0;
    }
    // The rest (and a word with a control byte), one byte at a time.
    for (; i < n; ++i) {
        const char c = p[i];
        if (c == '\t' || c == '\n' || c == '\r') return false;
        if (c == ' ') {
            if (prev_space) return false;
            prev_space = true;
        } else {
            prev_space = false;
        }
    }
    return true;
}

}  // namespace

std::string collapse_whitespace(std::string_view s) {
    if (is_collapsed(s)) return std::string(s);
    std::string out;
    out.reserve(s.size());
    bool pending = false;
    for (const char c : s) {
        if (is_space(c)) {
            pending = !out.empty();
            continue;
        }
        if (pending) out += ' ';
        pending = false;
        out += c;
    }
    return out;
}

SourceLines::SourceLines(std::string_view src, std::string file) : m_src(src), m_file(std::move(file)) {
    m_line_starts.reserve(src.size() / 32 + 1);
    m_line_starts.push_back(0);
    const char* const begin = src.data();
    const char* const end = begin + src.size();
    for (const char* p = begin; p != end;) {
        const auto* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
        if (nl == nullptr) break;
        p = nl + 1;
        m_line_starts.push_back(static_cast<std::size_t>(p - begin));
    }
}

SourceLocation SourceLines::find_on_line(int line, std::string_view needle) const {
    SourceLocation where{m_file, line, 0};
    if (line < 1 || static_cast<std::size_t>(line) > m_line_starts.size()) return where;
    const std::size_t begin = m_line_starts[static_cast<std::size_t>(line - 1)];
    const std::size_t end = static_cast<std::size_t>(line) < m_line_starts.size()
                                ? m_line_starts[static_cast<std::size_t>(line)]
                                : m_src.size();
    const auto pos = m_src.substr(begin, end - begin).find(needle);
    if (pos == std::string_view::npos) return where;
    where.column = 1;
    for (std::size_t i = begin; i < begin + pos; ++i) {
        if ((static_cast<unsigned char>(m_src[i]) & 0xC0) != 0x80) ++where.column;
    }
    return where;
}

namespace detail {

std::string Field::str() const {
    std::string s;
    s.reserve(m_parts[0].size() + m_parts[1].size() + m_parts[2].size() + m_parts[3].size());
    for (const auto p : m_parts) s += p;
    return s;
}

namespace {

// `a` followed by `b` in a small stack buffer (the needles of at() and at_attr()); longer
// ones go to `spill`.
std::string_view joined(std::string_view a, std::string_view b, char (&buf)[64], std::string& spill) {
    if (a.size() + b.size() <= sizeof buf) {
        std::memcpy(buf, a.data(), a.size());
        std::memcpy(buf + a.size(), b.data(), b.size());
        return {buf, a.size() + b.size()};
    }
    spill.assign(a).append(b);
    return spill;
}

}  // namespace

using tinyxml2::XMLAttribute;
using tinyxml2::XMLElement;
using tinyxml2::XMLNode;

std::optional<int> parse_int(std::string_view s, int lo, int hi) {
    if (s.empty() || s.size() > 9) return std::nullopt;
    int v = 0;
    const auto res = std::from_chars(s.data(), s.data() + s.size(), v);
    if (res.ec != std::errc() || res.ptr != s.data() + s.size()) return std::nullopt;
    if (v < lo || v > hi) return std::nullopt;
    return v;
}

std::optional<Date> parse_partial_date(std::string_view s) {
    if (auto full = parse_date(s)) return full;
    if (s.size() == 4) {
        if (auto y = parse_int(s, 1900, 9999)) return Date{*y, 0, 0};
        return std::nullopt;
    }
    if (s.size() == 7 && s[4] == '-') {
        auto y = parse_int(s.substr(0, 4), 1900, 9999);
        auto m = parse_int(s.substr(5, 2), 1, 12);
        if (y && m) return Date{*y, *m, 0};
        return std::nullopt;
    }
    const auto slash = s.find('/');
    if (slash != std::string_view::npos && s.find('/', slash + 1) == std::string_view::npos &&
        s.size() - slash - 1 == 4) {
        auto m = parse_int(s.substr(0, slash), 1, 12);
        auto y = parse_int(s.substr(slash + 1), 1900, 9999);
        if (y && m) return Date{*y, *m, 0};
    }
    return std::nullopt;
}

std::string strip_item_punctuation(std::string s) {
    if (s.rfind("- ", 0) == 0) s.erase(0, 2);
    while (!s.empty() && (s.back() == ';' || s.back() == '.' || s.back() == ' ')) s.pop_back();
    return s;
}

const char* xml_error_vi(tinyxml2::XMLError e) {
    switch (e) {
        case tinyxml2::XML_ERROR_EMPTY_DOCUMENT: return "tệp không có nội dung XML";
        case tinyxml2::XML_ERROR_MISMATCHED_ELEMENT: return "thẻ đóng không khớp với thẻ mở";
        case tinyxml2::XML_ERROR_PARSING_ELEMENT: return "phần tử XML không đóng hoặc bị cắt cụt";
        case tinyxml2::XML_ERROR_PARSING_ATTRIBUTE: return "thuộc tính XML sai cú pháp";
        case tinyxml2::XML_ERROR_PARSING_TEXT: return "văn bản XML sai cú pháp (ký tự '<' hoặc '&' chưa thoát?)";
        case tinyxml2::XML_ERROR_PARSING_CDATA: return "khối CDATA không đóng";
        case tinyxml2::XML_ERROR_PARSING_COMMENT: return "chú thích <!-- --> không đóng";
        case tinyxml2::XML_ERROR_PARSING_DECLARATION: return "khai báo XML sai cú pháp";
        case tinyxml2::XML_ERROR_PARSING_UNKNOWN: return "cấu trúc XML không nhận ra";
        case tinyxml2::XML_ELEMENT_DEPTH_EXCEEDED: return "các phần tử lồng nhau quá sâu";
        default: return "tệp XML không hợp lệ";
    }
}

void report_malformed_xml(const tinyxml2::XMLDocument& doc, const std::string& file,
                          Diagnostics& diagnostics, const char* vi) {
    const std::string detail = doc.ErrorStr() != nullptr ? doc.ErrorStr() : "";
    diagnostics.error({file, doc.ErrorLineNum(), 0}, "",
                      std::string(vi) + " — tệp có thể bị cắt cụt hoặc sai cú pháp XML",
                      "malformed XML (" + detail + ")");
}

// Text typed with the old TCVN3 or VNI fonts, or in VIQR: converted with a warning naming the
// encoding, refused when two encodings fit (text.h, detect_legacy).
void ValueCleaner::check_legacy(std::string& s, const SourceLocation& where, const Field& field) {
    const text::LegacyVerdict v = text::detect_legacy(s);
    using Kind = text::LegacyVerdict::Kind;
    if (v.kind == Kind::Converted) {
        const std::string name = text::legacy_name(v.encodings.front());
        m_diag.warning(where, field.str(), "đã chuyển từ bảng mã " + name + " sang Unicode: '" + s + "' → '" + v.text + "'",
                       "converted from " + name + " to Unicode");
        s = v.text;
    } else if (v.kind == Kind::Ambiguous) {
        std::string vi, en;
        for (std::size_t i = 0; i < v.encodings.size(); ++i) {
            const std::string one = std::string(text::legacy_name(v.encodings[i])) + " ('" + v.readings[i] + "')";
            vi += (i == 0 ? "" : " hay ") + one;
            en += (i == 0 ? "" : " or ") + one;
        }
        m_diag.error(where, field.str(),
                     "'" + s + "' có vẻ gõ bằng bảng mã cũ nhưng không rõ là " + vi +
                         ": hãy chuyển sang Unicode (ví dụ bằng công cụ chuyển mã của UniKey) rồi nhập lại",
                     "'" + s + "' looks typed in a legacy encoding but could be " + en +
                         ": convert it to Unicode (e.g. with UniKey's converter) and enter it again");
    } else if (v.kind == Kind::Suspect) {
        m_diag.warning(where, field.str(),
                       "'" + s + "' có ký tự lạ, có thể gõ bằng bảng mã cũ (TCVN3, VNI) nhưng không chuyển được: kiểm tra lại",
                       "'" + s + "' has characters legacy fonts leave (TCVN3, VNI) but does not convert: please check it");
    }
}

std::string ValueCleaner::clean(std::string_view raw, const SourceLocation& where,
                                const Field& field, bool collapse) {
    if (raw.size() > kMaxValueBytes) {
        m_diag.error(where, field.str(),
                     "giá trị quá dài (" + std::to_string(raw.size()) + " byte; tối đa " +
                         std::to_string(kMaxValueBytes) + " byte)",
                     "value too long (" + std::to_string(raw.size()) + " bytes; limit " +
                         std::to_string(kMaxValueBytes) + ")");
        return {};
    }
    std::string s = collapse ? collapse_whitespace(raw) : std::string(raw);
    check_legacy(s, where, field);
    if (!text::is_nfc(s)) {
        s = text::to_nfc(s);
        m_diag.warning(where, field.str(),
                       "văn bản ở dạng tổ hợp (NFD), đã chuẩn hóa sang dạng dựng sẵn (NFC)",
                       "text was decomposed (NFD); normalised to NFC");
    }
    if (m_options.missing_glyphs && !s.empty()) {
        const auto missing = m_options.missing_glyphs(s);
        if (!missing.empty()) {
            std::string list;
            for (std::size_t i = 0; i < missing.size() && i < 8; ++i) {
                if (i > 0) list += ", ";
                list += code_point_label(missing[i]);
            }
            if (missing.size() > 8) list += ", …";
            m_diag.error(where, field.str(), "ký tự không có trong phông chữ: " + list,
                         "character(s) missing from the font: " + list);
        }
    }
    return s;
}

SourceLocation XmlReader::at(const XMLElement* e) const {
    char buf[64];
    std::string spill;
    return find_on_line(e->GetLineNum(), joined("<", e->Name(), buf, spill));
}

SourceLocation XmlReader::at_attr(const XMLElement* e, const char* name) const {
    for (const XMLAttribute* a = e->FirstAttribute(); a != nullptr; a = a->Next()) {
        if (std::string_view(a->Name()) == name) {
            char buf[64];
            std::string spill;
            return find_on_line(a->GetLineNum(), joined(name, "=", buf, spill));
        }
    }
    return at(e);
}

Text XmlReader::text(const XMLElement* e, const Field& field) { return text_at(e, at(e), field); }

Text XmlReader::text_at(const XMLElement* e, SourceLocation where, const Field& field) {
    // One text child (the usual case) is read in place; several (text around a comment or a
    // misplaced element) are joined.
    const XMLNode* first = e->FirstChild();
    if (first != nullptr && first->NextSibling() == nullptr && first->ToText() != nullptr) {
        Text t;
        t.where = std::move(where);
        t.value = clean(first->Value(), t.where, field);
        return t;
    }
    std::string raw;
    for (const XMLNode* n = first; n != nullptr; n = n->NextSibling()) {
        if (n->ToText() != nullptr) {
            raw += n->Value();
        } else if (const XMLElement* c = n->ToElement()) {
            m_diag.error(at(c), field.str(), std::string("phần tử <") + c->Name() + "> không được phép ở đây",
                         std::string("element <") + c->Name() + "> is not allowed here");
        }
    }
    Text t;
    t.where = std::move(where);
    t.value = clean(raw, t.where, field);
    return t;
}

std::optional<Text> XmlReader::attr(const XMLElement* e, const char* name, const Field& field) {
    const char* v = e->Attribute(name);
    if (v == nullptr) return std::nullopt;
    Text t;
    t.where = at_attr(e, name);
    t.value = clean(v, t.where, field);
    return t;
}

std::string XmlReader::clean(std::string_view raw, const SourceLocation& where, const Field& field) {
    const std::size_t errors = m_diag.error_count();
    std::string s = m_clean.clean(raw, where, field);
    if (m_diag.error_count() != errors) m_refused.emplace_back(where.line, where.column);
    return s;
}

bool XmlReader::refused(const SourceLocation& where) const {
    return std::find(m_refused.begin(), m_refused.end(), std::make_pair(where.line, where.column)) != m_refused.end();
}

void XmlReader::check_structure(const XMLElement* e, std::initializer_list<std::string_view> attrs,
                                std::initializer_list<std::string_view> children,
                                const Field& field, bool text_allowed) {
    for (const XMLAttribute* a = e->FirstAttribute(); a != nullptr; a = a->Next()) {
        if (std::find(attrs.begin(), attrs.end(), std::string_view(a->Name())) == attrs.end()) {
            m_diag.error(find_on_line(a->GetLineNum(), std::string(a->Name()) + "="), field.str(),
                         std::string("thuộc tính không hợp lệ '") + a->Name() + "' trong <" +
                             e->Name() + ">" + allowed_list(attrs),
                         std::string("unknown attribute '") + a->Name() + "' on <" + e->Name() + ">");
        }
    }
    if (text_allowed) return;
    for (const XMLNode* n = e->FirstChild(); n != nullptr; n = n->NextSibling()) {
        if (const XMLElement* c = n->ToElement()) {
            if (std::find(children.begin(), children.end(), std::string_view(c->Name())) ==
                children.end()) {
                m_diag.error(at(c), field.str(),
                             std::string("phần tử không hợp lệ <") + c->Name() + "> trong <" +
                                 e->Name() + ">" + allowed_list(children),
                             std::string("unknown element <") + c->Name() + "> in <" + e->Name() + ">");
            }
        } else if (n->ToText() != nullptr && !collapse_whitespace(n->Value()).empty()) {
            m_diag.error(find_on_line(n->GetLineNum(), ""), field.str(),
                         std::string("văn bản thừa trong <") + e->Name() + ">",
                         std::string("unexpected text in <") + e->Name() + ">");
        }
    }
}

const XMLElement* XmlReader::single(const XMLElement* parent, const char* name, const Field& field) {
    const XMLElement* first = parent->FirstChildElement(name);
    if (first == nullptr) return nullptr;
    for (const XMLElement* e = first->NextSiblingElement(name); e != nullptr;
         e = e->NextSiblingElement(name)) {
        m_diag.error(at(e), field.str(), std::string("phần tử <") + name + "> bị lặp (chỉ được có một)",
                     std::string("duplicate element <") + name + "> (only one allowed)");
    }
    return first;
}

void XmlReader::missing(const SourceLocation& where, const Field& field, const std::string& vi,
                        const std::string& en) {
    if (refused(where)) return;
    m_diag.error(where, field.str(), "thiếu " + vi, "missing " + en);
}

Text XmlReader::required(const XMLElement* parent, const char* name, const Field& field,
                         const std::string& vi, const std::string& en, bool check_attributes) {
    const XMLElement* e = single(parent, name, field);
    if (e == nullptr) {
        missing(at(parent), field, vi + " (<" + name + ">)", en + " (<" + name + ">)");
        return Text{{}, at(parent)};
    }
    if (check_attributes) check_structure(e, {}, {}, field, true);
    Text t = text(e, field);
    if (t.value.empty()) {
        missing(t.where, field, vi + " (<" + name + "> đang trống)", en + " (<" + name + "> is empty)");
    }
    return t;
}

Text XmlReader::optional_text(const XMLElement* parent, const char* name, const Field& field) {
    const XMLElement* e = single(parent, name, field);
    if (e == nullptr) return {};
    check_structure(e, {}, {}, field, true);
    return text(e, field);
}

std::vector<Text> XmlReader::list(const XMLElement* parent, const char* name, const Field& field) {
    std::vector<Text> out;
    for (const XMLElement* e = parent->FirstChildElement(name); e != nullptr;
         e = e->NextSiblingElement(name)) {
        check_structure(e, {}, {}, field, true);
        Text t = text(e, field);
        if (!t.value.empty()) out.push_back(std::move(t));
    }
    return out;
}

std::optional<Date> XmlReader::date_attr(const XMLElement* e, const char* name, const Field& field,
                                         bool required) {
    const auto t = attr(e, name, field);
    if (!t || t->value.empty()) {
        if (required) {
            missing(t ? t->where : at(e), field,
                    std::string("ngày (") + name + ", ví dụ 2025-02-10; để trống ngày: 2025-02)",
                    std::string("date (") + name + ", e.g. 2025-02-10; blank day: 2025-02)");
        }
        return std::nullopt;
    }
    if (auto d = parse_partial_date(t->value)) return d;
    if (refused(t->where)) return std::nullopt;  // its error is reported
    m_diag.error(t->where, field.str(),
                 "ngày không hợp lệ: '" + t->value + "' (ghi YYYY-MM-DD; để trống ngày: YYYY-MM)",
                 "invalid date: '" + t->value + "' (write YYYY-MM-DD; blank day: YYYY-MM)");
    return std::nullopt;
}

void XmlReader::check_version(const XMLElement* root) {
    if (auto v = attr(root, "version", "version"); v && v->value != "1") {
        m_diag.error(v->where, "version",
                     "phiên bản định dạng không hỗ trợ: '" + v->value + "' (chỉ hỗ trợ 1)",
                     "unsupported format version '" + v->value + "' (only 1)");
    }
}

}  // namespace detail
}  // namespace hoso::data
