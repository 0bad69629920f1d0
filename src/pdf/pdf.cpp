// layout::PagedDocument → PDF through libharu 2.3.0. Order of work: check every text item
// against its face (no box is ever printed) and collect the code points drawn per face, set
// up the document and its metadata, embed only the faces the pages use as subsets of exactly
// those code points (embedded_font.h: built from per-face data cached for the whole process,
// not by libharu's HPDF_GetFont), write each page's content stream (the operators and number
// format of libharu's page API, compressed here), let libharu save the file to memory.
#include "pdf/pdf.h"

#include <hpdf_pages.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string_view>
#include <vector>

#include "core/core.h"
#include "pdf/detail/deflate.h"
#include "pdf/detail/embedded_font.h"
#include "pdf/detail/hpdf_doc.h"

namespace hoso::pdf {

namespace {

using detail::HpdfDoc;
using font::Face;
using font::kFaceCount;

constexpr std::size_t kMaxTextBytes = 65535;  // HPDF_LIMIT_MAX_STRING_LEN: libharu truncates longer text
constexpr double kMaxFontSize = HPDF_MAX_FONTSIZE;  // what HPDF_Page_SetFontAndSize accepts
// libdeflate level of the content streams. On the 20 first bench reports (callgrind): level 1
// 1.73 M instructions and 14.2 KB a document, level 3 2.97 M and 13.1 KB, level 6 3.89 M and
// 12.5 KB (zlib at level 3, before: 3.32 M and 15.3 KB).
constexpr int kContentLevel = 1;

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

bool finite(double v) { return std::isfinite(v); }

// Code points drawn with each face (a bit per BMP code point); a face is used when its set
// is non-empty.
struct FontUse {
    std::array<std::vector<std::uint64_t>, kFaceCount> bits;
    std::array<bool, kFaceCount> used{};

    FontUse() {
        for (auto& b : bits) b.assign(0x10000 / 64, 0);
    }
    void add(std::size_t face, char32_t cp) { bits[face][cp >> 6] |= std::uint64_t{1} << (cp & 63); }
    std::vector<char32_t> code_points(std::size_t face) const {
        std::vector<char32_t> out;
        for (std::size_t w = 0; w < bits[face].size(); ++w) {
            for (std::uint64_t b = bits[face][w]; b != 0; b &= b - 1) {
                out.push_back(static_cast<char32_t>(64 * w + static_cast<std::size_t>(__builtin_ctzll(b))));
            }
        }
        return out;
    }
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
        auto where = [p] { return " (trang " + std::to_string(p + 1) + " / page " + std::to_string(p + 1) + ")"; };
        if (!finite(page.width) || !finite(page.height)) throw Error("pdf: page size is not a number" + where());
        for (const auto& item : page.items) {
            if (const auto* rule = std::get_if<layout::RuleItem>(&item)) {
                if (!finite(rule->x1) || !finite(rule->y1) || !finite(rule->x2) || !finite(rule->y2) ||
                    !finite(rule->width) || rule->width < 0) {
                    throw Error("pdf: rule '" + rule->role + "' has invalid coordinates" + where());
                }
                continue;
            }
            const auto& text = std::get<layout::TextItem>(item);
            const int f = static_cast<int>(text.face);
            if (f < 0 || f >= kFaceCount) throw Error("pdf: text item with an invalid face" + where());
            if (!finite(text.x) || !finite(text.y) || !finite(text.size) || text.size <= 0 ||
                text.size > kMaxFontSize) {
                throw Error("pdf: text item \"" + text.text + "\" has invalid position or size" + where());
            }
            if (text.text.size() > kMaxTextBytes) {
                throw Error("pdf: text item longer than 65535 bytes" + where());
            }
            if (!decode_utf8(text.text, cps)) {
                throw Error("pdf: văn bản không phải UTF-8 hợp lệ (invalid UTF-8) in \"" + text.text + "\"" + where());
            }
            const auto& face = fonts.face(text.face);
            for (const char32_t cp : cps) {
                auto what = [&] { return code_point_name(cp) + " in \"" + text.text + "\"" + where(); };
                if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) {
                    throw Error("pdf: ký tự điều khiển (control character) " + what());
                }
                if (cp > 0xFFFF) {
                    throw Error("pdf: không in được ký tự ngoài BMP (libharu 2.3.0 cannot draw code points "
                                "beyond U+FFFF) " + what());
                }
                if (!face.has_glyph(cp)) {
                    throw Error("pdf: phông chữ " + face.postscript_name() + " không có ký tự (font has no glyph for) " +
                                what());
                }
                use.add(static_cast<std::size_t>(f), cp);
            }
            if (!cps.empty()) use.used[static_cast<std::size_t>(f)] = true;
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
    const char* key;
    const std::string* value;
};

// Writes one page's content stream: the items in order, with the operators and number
// format (HPDF_FToA, see append_real) of libharu's page API. Consecutive text items share one BT/ET; their
// underlines are stroked after the ET. Text is shown as a hex string of 2-byte CIDs, the
// BMP code points, as libharu's UTF-8 encoder writes it for an Identity-H font.
class PageWriter {
public:
    PageWriter(HPDF_Page page, const font::FontSet& fonts, const std::array<HPDF_Dict, kFaceCount>& hfonts)
        : m_page(page), m_fonts(fonts), m_hfonts(hfonts) {
        m_out.reserve(32768);
    }

    void text(const layout::TextItem& t) {
        if (t.text.empty()) return;
        if (!m_in_text) {
            m_out += "BT\n";
            m_in_text = true;
        }
        const int f = static_cast<int>(t.face);
        if (f != m_face || t.size != m_size) {
            m_out += '/';
            m_out += local_name(static_cast<std::size_t>(f));
            m_out += ' ';
            real(t.size);
            m_out += " Tf\n";
            m_face = f;
            m_size = t.size;
        }
        m_out += "1 0 0 1 ";
        real(t.x);
        m_out += ' ';
        real(t.y);
        m_out += " Tm\n<";
        hex_cids(t.text);
        m_out += "> Tj\n";
        if (t.underline) m_underlines.push_back(&t);
    }

    void rule(const layout::RuleItem& r) {
        end_text();
        line(r.x1, r.y1, r.x2, r.y2, r.width);
    }

    void end_text() {
        if (!m_in_text) return;
        m_out += "ET\n";
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

    const std::string& content() const noexcept { return m_out; }

private:
    // The page's resource name of a face ("F1", "F2", … in order of first use on the page),
    // registered in its /Resources /Font by libharu.
    const char* local_name(std::size_t face) {
        if (m_names[face] == nullptr) {
            m_names[face] = HPDF_Page_GetLocalFontName(m_page, m_hfonts[face]);
            if (m_names[face] == nullptr) throw Error("libharu: HPDF_Page_GetLocalFontName failed");
        }
        return m_names[face];
    }

    void real(double v) { detail::append_real(m_out, v); }

    void hex_cids(std::string_view utf8) {
        static constexpr char kHex[] = "0123456789ABCDEF";
        // Checked by check_document: valid UTF-8, BMP only.
        for (std::size_t i = 0; i < utf8.size();) {
            const auto b0 = static_cast<unsigned char>(utf8[i]);
            unsigned cp = b0;
            std::size_t len = 1;
            if (b0 >= 0xE0) cp = b0 & 0x0Fu, len = 3;
            else if (b0 >= 0xC0) cp = b0 & 0x1Fu, len = 2;
            for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3Fu);
            i += len;
            const char hex[4] = {kHex[cp >> 12], kHex[(cp >> 8) & 0xF], kHex[(cp >> 4) & 0xF], kHex[cp & 0xF]};
            m_out.append(hex, 4);
        }
    }

    void line(double x1, double y1, double x2, double y2, double width) {
        if (width != m_line_width) {
            real(width);
            m_out += " w\n";
            m_line_width = width;
        }
        real(x1);
        m_out += ' ';
        real(y1);
        m_out += " m\n";
        real(x2);
        m_out += ' ';
        real(y2);
        m_out += " l\nS\n";
    }

    HPDF_Page m_page;
    const font::FontSet& m_fonts;
    const std::array<HPDF_Dict, kFaceCount>& m_hfonts;
    std::array<const char*, kFaceCount> m_names{};
    std::string m_out;
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
    // libharu compresses nothing itself: streams arrive here compressed or not (options.compress).
    hdoc.check(HPDF_SetCompressionMode(pdf, HPDF_COMP_NONE), "HPDF_SetCompressionMode");

    // Metadata: ASCII values as literal strings, the others as UTF-16BE with a BOM (what
    // libharu writes through its UTF-8 encoder, without setting that encoder up). No dates,
    // no /ID (determinism).
    const std::array<InfoEntry, 6> info = {{
        {"Title", &doc.meta.title},
        {"Subject", &doc.meta.subject},
        {"Author", &doc.meta.author},
        {"Keywords", &doc.meta.keywords},
        {"Creator", &options.creator},
        {"Producer", &options.producer},
    }};
    for (const auto& e : info) check_meta_string(*e.value, e.key);
    detail::remove_info_entry(hdoc, "Producer");  // libharu's "Haru Free PDF Library 2.3.0"
    for (const auto& e : info) {
        if (!e.value->empty()) hdoc.set_info(e.key, *e.value);
    }

    // Fonts: only the faces used, always in Face order, tagged HPDFAA, HPDFAB, … in that
    // order (as libharu tagged them), so the names do not depend on anything else.
    std::array<HPDF_Dict, kFaceCount> hfonts{};
    std::array<std::shared_ptr<const detail::FaceProgram>, kFaceCount> programs;
    detail::FontOptions font_options;
    font_options.compress = options.compress;
    char tag_letter = 'A';
    for (int f = 0; f < kFaceCount; ++f) {
        const auto i = static_cast<std::size_t>(f);
        if (!use.used[i]) continue;
        const auto& face = fonts.face(static_cast<Face>(f));
        programs[i] = detail::face_program(face);
        const std::string tag = std::string("HPDFA") + tag_letter++;
        hfonts[i] = detail::add_font(hdoc, face, *programs[i], use.code_points(i), tag, font_options);
    }

    for (const auto& page : doc.pages) {
        HPDF_Page hpage = hdoc.check_ptr(HPDF_AddPage(pdf), "HPDF_AddPage");
        hdoc.check(HPDF_Page_SetWidth(hpage, static_cast<HPDF_REAL>(page.width)), "HPDF_Page_SetWidth");
        hdoc.check(HPDF_Page_SetHeight(hpage, static_cast<HPDF_REAL>(page.height)), "HPDF_Page_SetHeight");
        PageWriter writer(hpage, fonts, hfonts);
        for (const auto& item : page.items) {
            if (const auto* text = std::get_if<layout::TextItem>(&item)) {
                writer.text(*text);
            } else {
                writer.rule(std::get<layout::RuleItem>(item));
            }
        }
        writer.end_text();
        auto* attr = static_cast<HPDF_PageAttr>(hpage->attr);
        if (options.compress) {
            hdoc.fill_stream(attr->contents, detail::zlib_compress(writer.content(), kContentLevel), true);
        } else {
            hdoc.fill_stream(attr->contents, writer.content(), false);
        }
    }
    return hdoc.save();
}

}  // namespace hoso::pdf
