// Internals of the pdf module: an RAII handle over libharu's HPDF_Doc whose error handler
// only records (no setjmp/longjmp, nothing thrown through C frames); every call is checked
// right after it returns and a failure becomes hoso::Error naming the call.
#pragma once

#include <hpdf.h>

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace hoso::pdf::detail {

class HpdfDoc {
public:
    HpdfDoc();
    ~HpdfDoc();
    HpdfDoc(const HpdfDoc&) = delete;
    HpdfDoc& operator=(const HpdfDoc&) = delete;

    HPDF_Doc get() const noexcept { return m_doc; }

    // Throws hoso::Error when `status` is not HPDF_OK or the error handler fired.
    void check(HPDF_STATUS status, const char* call) const;
    // For calls that return an object: throws when it is null or the handler fired.
    template <class T>
    T check_ptr(T object, const char* call) const {
        check(object == nullptr ? HPDF_STATUS{1} : HPDF_STATUS{HPDF_OK}, call);
        return object;
    }

    // Writes the saved document into a string (HPDF_SaveToStream + HPDF_ReadFromStream).
    std::string save();

    // Objects through libharu's internal object API. A dictionary made here is indirect
    // (it has an object number) and owned by the document.
    HPDF_Dict new_dict() const;
    // A stream object holding `data` as given. With `flate` the bytes are already
    // zlib-compressed: the dictionary says /Filter /FlateDecode and libharu writes them as
    // they are (the document's compression mode stays HPDF_COMP_NONE, so libharu never
    // compresses anything itself).
    HPDF_Dict new_stream(std::string_view data, bool flate) const;
    // Fills an existing stream object (a page's content stream) the same way.
    void fill_stream(HPDF_Dict stream, std::string_view data, bool flate) const;
    // Sets a text entry of the document information dictionary: ASCII as a literal string,
    // anything else as UTF-16BE with a byte order mark. `utf8` must be valid UTF-8 within the
    // BMP (checked by the caller).
    void set_info(const char* key, std::string_view utf8) const;

private:
    struct ErrorState {
        bool raised = false;
        HPDF_STATUS error_no = 0;
        HPDF_STATUS detail_no = 0;
    };
    static void HPDF_STDCALL on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void* user_data);

    ErrorState m_error;  // must outlive m_doc (declared first)
    HPDF_Doc m_doc = nullptr;
};

// The ToUnicode CMap for a font whose CIDs are the code points themselves (BMP only, as
// libharu's UTF-8 encoder draws them): one bfchar per code point, at most 100 per block.
// (libharu 2.3.0's own ToUnicode is a copy of its encoding CMap with begincidrange, which
// is not allowed there.) Code points beyond the BMP and surrogates are left out.
std::string tounicode_cmap(const std::vector<char32_t>& sorted_code_points);
std::string tounicode_cmap(const std::set<char32_t>& code_points);

// Appends `value` as libharu's page operators write numbers (HPDF_FToA): rounded to the
// float HPDF_REAL, clamped to ±32767, at most five decimals, trailing zeros and a trailing
// point removed ("1", "0.5", "69.14209"). Byte-identical to HPDF_FToA, without its cost.
void append_real(std::string& out, double value);

// Removes an entry of the document information dictionary (e.g. libharu's default Producer).
void remove_info_entry(const HpdfDoc& doc, const char* key);

}  // namespace hoso::pdf::detail
