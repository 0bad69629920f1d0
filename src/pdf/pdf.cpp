// layout::PagedDocument → PDF through libharu 2.3.0. Order of work: check every text item
// against its face (no box is ever printed), set up the document (compression, UTF-8
// encoder, metadata), embed only the faces the pages use, draw page by page, replace each
// font's ToUnicode CMap with a bfchar one for the code points drawn, save to memory.
#include "pdf/pdf.h"

#include <array>
#include <cmath>
#include <cstdio>
#include <set>
#include <string_view>
#include <vector>

#include "core/core.h"
#include "pdf/detail/hpdf_doc.h"

namespace hoso::pdf {

namespace {

using detail::HpdfDoc;
using font::Face;
using font::kFaceCount;

constexpr std::size_t kMaxTextBytes = 65535;  // HPDF_LIMIT_MAX_STRING_LEN: libharu truncates longer text

std::string code_point_name(char32_t cp) {
    std::array<char, 16> buf{};
    std::snprintf(buf.data(), buf.size(), "U+%04X", static_cast<unsigned>(cp));
    return buf.data();
}

// Strict UTF-8 decoding; nullopt-like result through `ok` for malformed input.
bool decode_utf8(std::string_view s, std::vector<char32_t>& out) {
    out.clear();
    for (std::size_t i = 0; i < s.size();) {
        const auto b0 = static_cast<unsigned char>(s[i]);
        int len = 0;
        char32_t cp = 0, min = 0;
        if (b0 < 0x80) len = 1, cp = b0;
        else if ((b0 & 0xE0) == 0xC0) len = 2, cp = b0 & 0x1Fu, min = 0x80;
        else if ((b0 & 0xF0) == 0xE0) len = 3, cp = b0 & 0x0Fu, min = 0x800;
        else if ((b0 & 0xF8) == 0xF0) len = 4, cp = b0 & 0x07u, min = 0x10000;
        else return false;
        if (s.size() - i < static_cast<std::size_t>(len)) return false;
        for (int k = 1; k < len; ++k) {
            const auto b = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
            if ((b & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (b & 0x3Fu);
        }
        if (len > 1 && (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))) return false;
        out.push_back(cp);
        i += static_cast<std::size_t>(len);
    }
    return true;
}

bool is_ascii(std::string_view s) {
    for (const char c : s) {
        if (static_cast<unsigned char>(c) >= 0x80) return false;
    }
    return true;
}

bool finite(double v) { return std::isfinite(v); }

// Code points drawn with each face; a face is used when its set is non-empty.
struct FontUse {
    std::array<std::set<char32_t>, kFaceCount> code_points;
    std::array<bool, kFaceCount> used{};
};

// The last line of defence: every code point of every text item must have a glyph in its
// face and be drawable by libharu 2.3.0 (BMP only: its UTF-8 encoder turns anything beyond
// U+FFFF into a space).
FontUse check_document(const layout::PagedDocument& doc, const font::FontSet& fonts) {
    FontUse use;
    std::vector<char32_t> cps;
    if (doc.pages.empty()) throw Error("pdf: the document has no pages (a PDF needs at least one)");
    for (std::size_t p = 0; p < doc.pages.size(); ++p) {
        const auto& page = doc.pages[p];
        const std::string where = " (trang " + std::to_string(p + 1) + " / page " + std::to_string(p + 1) + ")";
        if (!finite(page.width) || !finite(page.height)) throw Error("pdf: page size is not a number" + where);
        for (const auto& item : page.items) {
            if (const auto* rule = std::get_if<layout::RuleItem>(&item)) {
                if (!finite(rule->x1) || !finite(rule->y1) || !finite(rule->x2) || !finite(rule->y2) ||
                    !finite(rule->width) || rule->width < 0) {
                    throw Error("pdf: rule '" + rule->role + "' has invalid coordinates" + where);
                }
                continue;
            }
            const auto& text = std::get<layout::TextItem>(item);
            const int f = static_cast<int>(text.face);
            if (f < 0 || f >= kFaceCount) throw Error("pdf: text item with an invalid face" + where);
            if (!finite(text.x) || !finite(text.y) || !finite(text.size) || text.size <= 0) {
                throw Error("pdf: text item \"" + text.text + "\" has invalid position or size" + where);
            }
            if (text.text.size() > kMaxTextBytes) {
                throw Error("pdf: text item longer than 65535 bytes" + where);
            }
            if (!decode_utf8(text.text, cps)) {
                throw Error("pdf: văn bản không phải UTF-8 hợp lệ (invalid UTF-8) in \"" + text.text + "\"" + where);
            }
            const auto& face = fonts.face(text.face);
            for (const char32_t cp : cps) {
                const std::string what = code_point_name(cp) + " in \"" + text.text + "\"" + where;
                if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) {
                    throw Error("pdf: ký tự điều khiển (control character) " + what);
                }
                if (cp > 0xFFFF) {
                    throw Error("pdf: không in được ký tự ngoài BMP (libharu 2.3.0 cannot draw code points "
                                "beyond U+FFFF) " + what);
                }
                if (!face.has_glyph(cp)) {
                    throw Error("pdf: phông chữ " + face.postscript_name() + " không có ký tự (font has no glyph for) " +
                                what);
                }
            }
            if (!cps.empty()) {
                use.used[static_cast<std::size_t>(f)] = true;
                use.code_points[static_cast<std::size_t>(f)].insert(cps.begin(), cps.end());
            }
        }
    }
    return use;
}

void check_meta_string(const std::string& value, const char* key) {
    std::vector<char32_t> cps;
    if (!decode_utf8(value, cps)) throw Error(std::string("pdf: metadata ") + key + " is not valid UTF-8");
    for (const char32_t cp : cps) {
        if (cp > 0xFFFF) {
            throw Error(std::string("pdf: metadata ") + key + " contains " + code_point_name(cp) +
                        " beyond U+FFFF, which libharu 2.3.0 cannot encode");
        }
    }
}

struct InfoEntry {
    HPDF_InfoType type;
    const char* key;
    const std::string* value;
};

// Draws one page's items in order. Consecutive text items share one BT/ET; their underlines
// are stroked after the ET.
class PageWriter {
public:
    PageWriter(const HpdfDoc& doc, HPDF_Page page, const font::FontSet& fonts,
               const std::array<HPDF_Font, kFaceCount>& hfonts)
        : m_doc(doc), m_page(page), m_fonts(fonts), m_hfonts(hfonts) {}

    void text(const layout::TextItem& t) {
        if (t.text.empty()) return;
        if (!m_in_text) {
            m_doc.check(HPDF_Page_BeginText(m_page), "HPDF_Page_BeginText");
            m_in_text = true;
        }
        const int f = static_cast<int>(t.face);
        if (f != m_face || t.size != m_size) {
            m_doc.check(HPDF_Page_SetFontAndSize(m_page, m_hfonts[static_cast<std::size_t>(f)], real(t.size)),
                        "HPDF_Page_SetFontAndSize");
            m_face = f;
            m_size = t.size;
        }
        m_doc.check(HPDF_Page_SetTextMatrix(m_page, 1, 0, 0, 1, real(t.x), real(t.y)), "HPDF_Page_SetTextMatrix");
        m_doc.check(HPDF_Page_ShowText(m_page, t.text.c_str()), "HPDF_Page_ShowText");
        if (t.underline) m_underlines.push_back(&t);
    }

    void rule(const layout::RuleItem& r) {
        end_text();
        line(r.x1, r.y1, r.x2, r.y2, r.width);
    }

    void end_text() {
        if (!m_in_text) return;
        m_doc.check(HPDF_Page_EndText(m_page), "HPDF_Page_EndText");
        m_in_text = false;
        for (const layout::TextItem* t : m_underlines) {
            const auto& face = m_fonts.face(t->face);
            const double width = face.text_width(t->text, t->size);
            const double thickness = face.underline_thickness_1000() * t->size / 1000.0;
            // underlinePosition is the top of the stroke; the path runs through its middle.
            const double y = t->y + face.underline_position_1000() * t->size / 1000.0 - thickness / 2;
            line(t->x, y, t->x + width, y, thickness);
        }
        m_underlines.clear();
    }

private:
    static HPDF_REAL real(double v) { return static_cast<HPDF_REAL>(v); }

    void line(double x1, double y1, double x2, double y2, double width) {
        if (width != m_line_width) {
            m_doc.check(HPDF_Page_SetLineWidth(m_page, real(width)), "HPDF_Page_SetLineWidth");
            m_line_width = width;
        }
        m_doc.check(HPDF_Page_MoveTo(m_page, real(x1), real(y1)), "HPDF_Page_MoveTo");
        m_doc.check(HPDF_Page_LineTo(m_page, real(x2), real(y2)), "HPDF_Page_LineTo");
        m_doc.check(HPDF_Page_Stroke(m_page), "HPDF_Page_Stroke");
    }

    const HpdfDoc& m_doc;
    HPDF_Page m_page;
    const font::FontSet& m_fonts;
    const std::array<HPDF_Font, kFaceCount>& m_hfonts;
    bool m_in_text = false;
    int m_face = -1;
    double m_size = -1;
    double m_line_width = 1;  // PDF's initial line width
    std::vector<const layout::TextItem*> m_underlines;
};

}  // namespace

std::string write_pdf(const layout::PagedDocument& doc, const font::FontSet& fonts, const PdfOptions& options) {
    const FontUse use = check_document(doc, fonts);

    HpdfDoc hdoc;
    HPDF_Doc pdf = hdoc.get();
    hdoc.check(HPDF_SetCompressionMode(pdf, options.compress ? HPDF_COMP_ALL : HPDF_COMP_NONE),
               "HPDF_SetCompressionMode");
    hdoc.check(HPDF_UseUTFEncodings(pdf), "HPDF_UseUTFEncodings");

    // Metadata. libharu writes a string through the document's current encoder: with none
    // (the default) as a plain literal, with "UTF-8" as UTF-16BE with a BOM. So ASCII values
    // are set first, the others after switching to UTF-8. No dates, no /ID (determinism).
    const std::array<InfoEntry, 6> info = {{
        {HPDF_INFO_TITLE, "Title", &doc.meta.title},
        {HPDF_INFO_SUBJECT, "Subject", &doc.meta.subject},
        {HPDF_INFO_AUTHOR, "Author", &doc.meta.author},
        {HPDF_INFO_KEYWORDS, "Keywords", &doc.meta.keywords},
        {HPDF_INFO_CREATOR, "Creator", &options.creator},
        {HPDF_INFO_PRODUCER, "Producer", &options.producer},
    }};
    for (const auto& e : info) check_meta_string(*e.value, e.key);
    detail::remove_info_entry(hdoc, "Producer");  // libharu's "Haru Free PDF Library 2.3.0"
    for (const auto& e : info) {
        if (!e.value->empty() && is_ascii(*e.value)) {
            hdoc.check(HPDF_SetInfoAttr(pdf, e.type, e.value->c_str()), "HPDF_SetInfoAttr");
        }
    }
    hdoc.check(HPDF_SetCurrentEncoder(pdf, "UTF-8"), "HPDF_SetCurrentEncoder");
    for (const auto& e : info) {
        if (!e.value->empty() && !is_ascii(*e.value)) {
            hdoc.check(HPDF_SetInfoAttr(pdf, e.type, e.value->c_str()), "HPDF_SetInfoAttr");
        }
    }

    // Fonts: only the faces used, always in Face order (the subset tags HPDFAA+, HPDFAB+, …
    // are handed out in load order, so the order must not depend on anything else).
    std::array<HPDF_Font, kFaceCount> hfonts{};
    for (int f = 0; f < kFaceCount; ++f) {
        if (!use.used[static_cast<std::size_t>(f)]) continue;
        const std::string path = fonts.face(static_cast<Face>(f)).path().string();
        const char* name = hdoc.check_ptr(HPDF_LoadTTFontFromFile(pdf, path.c_str(), HPDF_TRUE),
                                          "HPDF_LoadTTFontFromFile");
        hfonts[static_cast<std::size_t>(f)] = hdoc.check_ptr(HPDF_GetFont(pdf, name, "UTF-8"), "HPDF_GetFont");
    }

    for (const auto& page : doc.pages) {
        HPDF_Page hpage = hdoc.check_ptr(HPDF_AddPage(pdf), "HPDF_AddPage");
        hdoc.check(HPDF_Page_SetWidth(hpage, static_cast<HPDF_REAL>(page.width)), "HPDF_Page_SetWidth");
        hdoc.check(HPDF_Page_SetHeight(hpage, static_cast<HPDF_REAL>(page.height)), "HPDF_Page_SetHeight");
        PageWriter writer(hdoc, hpage, fonts, hfonts);
        for (const auto& item : page.items) {
            if (const auto* text = std::get_if<layout::TextItem>(&item)) {
                writer.text(*text);
            } else {
                writer.rule(std::get<layout::RuleItem>(item));
            }
        }
        writer.end_text();
    }

    for (int f = 0; f < kFaceCount; ++f) {
        const auto i = static_cast<std::size_t>(f);
        if (use.used[i]) detail::replace_tounicode(hdoc, hfonts[i], use.code_points[i]);
    }
    return hdoc.save();
}

}  // namespace hoso::pdf
