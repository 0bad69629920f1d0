#include "pdf/detail/hpdf_doc.h"

#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include <array>
#include <cstdio>
#include <vector>

#include "core/core.h"

namespace hoso::pdf::detail {

namespace {

std::string hex4(unsigned value) {
    std::array<char, 16> buf{};
    std::snprintf(buf.data(), buf.size(), "%04X", value);
    return buf.data();
}

void append_hex4(std::string& s, unsigned value) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    s += kHex[(value >> 12) & 0xF];
    s += kHex[(value >> 8) & 0xF];
    s += kHex[(value >> 4) & 0xF];
    s += kHex[value & 0xF];
}

// Dictionary write hook (called after the entries, before ">>"): the filter of a stream
// whose data is already compressed. libharu's own /Filter entry is tied to compressing the
// data itself at save time, so it is not used.
HPDF_STATUS HPDF_STDCALL write_flate_filter(HPDF_Dict, HPDF_Stream stream) {
    return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}

}  // namespace

void HPDF_STDCALL HpdfDoc::on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void* user_data) {
    auto* state = static_cast<ErrorState*>(user_data);
    if (state != nullptr && !state->raised) {  // keep the first error: later ones are consequences
        state->raised = true;
        state->error_no = error_no;
        state->detail_no = detail_no;
    }
}

HpdfDoc::HpdfDoc() : m_doc(HPDF_New(&HpdfDoc::on_error, &m_error)) {
    if (m_doc == nullptr) throw Error("libharu: HPDF_New failed (out of memory?)");
}

HpdfDoc::~HpdfDoc() { HPDF_Free(m_doc); }

void HpdfDoc::check(HPDF_STATUS status, const char* call) const {
    if (status == HPDF_OK && !m_error.raised) return;
    const HPDF_STATUS error_no = m_error.raised ? m_error.error_no : status;
    throw Error(std::string("libharu: ") + call + " failed (error 0x" +
                hex4(static_cast<unsigned>(error_no)) + ", detail " +
                std::to_string(m_error.raised ? m_error.detail_no : 0) + ")");
}

std::string HpdfDoc::save() {
    check(HPDF_SaveToStream(m_doc), "HPDF_SaveToStream");
    const HPDF_UINT32 size = HPDF_GetStreamSize(m_doc);
    check(size == 0 ? HPDF_STATUS{1} : HPDF_STATUS{HPDF_OK}, "HPDF_GetStreamSize");
    std::string out(size, '\0');
    HPDF_UINT32 got = size;
    const HPDF_STATUS status = HPDF_ReadFromStream(m_doc, reinterpret_cast<HPDF_BYTE*>(out.data()), &got);
    // Reading exactly the stream's size returns HPDF_OK; HPDF_STREAM_EOF also means "all read".
    check(status == HPDF_STREAM_EOF ? HPDF_STATUS{HPDF_OK} : status, "HPDF_ReadFromStream");
    if (got != size) throw Error("libharu: HPDF_ReadFromStream returned a short read");
    return out;
}

HPDF_Dict HpdfDoc::new_dict() const {
    HPDF_Dict dict = check_ptr(HPDF_Dict_New(m_doc->mmgr), "HPDF_Dict_New");
    check(HPDF_Xref_Add(m_doc->xref, dict), "HPDF_Xref_Add");
    return dict;
}

HPDF_Dict HpdfDoc::new_stream(std::string_view data, bool flate) const {
    HPDF_Dict dict = check_ptr(HPDF_DictStream_New(m_doc->mmgr, m_doc->xref), "HPDF_DictStream_New");
    fill_stream(dict, data, flate);
    return dict;
}

void HpdfDoc::fill_stream(HPDF_Dict stream, std::string_view data, bool flate) const {
    check_ptr(stream->stream, "stream object");
    stream->filter = HPDF_STREAM_FILTER_NONE;
    stream->write_fn = flate ? &write_flate_filter : nullptr;
    if (data.empty()) return;
    check(HPDF_Stream_Write(stream->stream, reinterpret_cast<const HPDF_BYTE*>(data.data()),
                            static_cast<HPDF_UINT>(data.size())),
          "HPDF_Stream_Write");
}

void HpdfDoc::set_info(const char* key, std::string_view utf8) const {
    HPDF_Dict info = check_ptr(m_doc->info, "document information dictionary");
    bool ascii = true;
    for (const char c : utf8) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
    if (ascii) {
        const std::string value(utf8);
        check(HPDF_Dict_Add(info, key, HPDF_String_New(m_doc->mmgr, value.c_str(), nullptr)), "HPDF_Dict_Add");
        return;
    }
    std::string utf16 = "\xFE\xFF";
    for (std::size_t i = 0; i < utf8.size();) {
        const auto b0 = static_cast<unsigned char>(utf8[i]);
        unsigned cp = b0;
        std::size_t len = 1;
        if (b0 >= 0xE0) cp = b0 & 0x0Fu, len = 3;
        else if (b0 >= 0xC0) cp = b0 & 0x1Fu, len = 2;
        for (std::size_t k = 1; k < len && i + k < utf8.size(); ++k) {
            cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3Fu);
        }
        i += len;
        utf16 += static_cast<char>(cp >> 8);
        utf16 += static_cast<char>(cp & 0xFF);
    }
    check(HPDF_Dict_Add(info, key,
                        HPDF_Binary_New(m_doc->mmgr, reinterpret_cast<HPDF_BYTE*>(utf16.data()),
                                        static_cast<HPDF_UINT>(utf16.size()))),
          "HPDF_Dict_Add");
}

std::string tounicode_cmap(const std::set<char32_t>& code_points) {
    return tounicode_cmap(std::vector<char32_t>(code_points.begin(), code_points.end()));
}

std::string tounicode_cmap(const std::vector<char32_t>& sorted_code_points) {
    std::vector<unsigned> codes;
    for (const char32_t cp : sorted_code_points) {
        if (cp <= 0xFFFF && (cp < 0xD800 || cp > 0xDFFF)) codes.push_back(static_cast<unsigned>(cp));
    }
    std::string s =
        "/CIDInit /ProcSet findresource begin\n"
        "12 dict begin\n"
        "begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n"
        "/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
    constexpr std::size_t kPerBlock = 100;  // PDF/PostScript limit for bf* blocks
    for (std::size_t i = 0; i < codes.size(); i += kPerBlock) {
        const std::size_t n = std::min(kPerBlock, codes.size() - i);
        s += std::to_string(n) + " beginbfchar\n";
        for (std::size_t j = i; j < i + n; ++j) {
            s += '<';
            append_hex4(s, codes[j]);
            s += "> <";
            append_hex4(s, codes[j]);
            s += ">\n";
        }
        s += "endbfchar\n";
    }
    s += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
    return s;
}

void append_real(std::string& out, double value) {
    // The same arithmetic as HPDF_FToA, step by step: the value is an HPDF_REAL (float);
    // the rounding constant is a double; the fraction goes back through float.
    auto v = static_cast<HPDF_REAL>(value);
    if (v > static_cast<HPDF_REAL>(HPDF_LIMIT_MAX_REAL)) v = static_cast<HPDF_REAL>(HPDF_LIMIT_MAX_REAL);
    else if (v < static_cast<HPDF_REAL>(HPDF_LIMIT_MIN_REAL)) v = static_cast<HPDF_REAL>(HPDF_LIMIT_MIN_REAL);
    std::array<char, 24> buf{};  // sign, ≤ 5 integer digits (clamped), '.', 5 decimals
    std::size_t n = 0;
    if (v < 0) {
        buf[n++] = '-';
        v = -v;
    }
    const auto int_part = static_cast<std::int32_t>(static_cast<double>(v) + 0.000005);
    const auto fraction = static_cast<std::int32_t>(
        static_cast<HPDF_REAL>(static_cast<double>(v - static_cast<HPDF_REAL>(int_part)) + 0.000005) *
        static_cast<HPDF_REAL>(100000));
    std::array<char, 12> digits{};  // integer digits, least significant first
    std::size_t d = 0;
    for (std::int32_t i = int_part; i > 0; i /= 10) digits[d++] = static_cast<char>('0' + i % 10);
    if (d == 0) digits[d++] = '0';
    while (d > 0) buf[n++] = digits[--d];
    std::array<char, 5> decimals{};
    std::int32_t f = fraction;
    for (std::size_t k = 5; k-- > 0; f /= 10) decimals[k] = static_cast<char>('0' + f % 10);
    std::size_t keep = 5;
    while (keep > 0 && decimals[keep - 1] == '0') --keep;
    if (keep > 0) {
        buf[n++] = '.';
        for (std::size_t k = 0; k < keep; ++k) buf[n++] = decimals[k];
    }
    out.append(buf.data(), n);
}

void remove_info_entry(const HpdfDoc& doc, const char* key) {
    HPDF_Dict info = doc.get()->info;
    if (info != nullptr) (void)HPDF_Dict_RemoveElement(info, key);
}

}  // namespace hoso::pdf::detail
