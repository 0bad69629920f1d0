// Internals of the pdf module: an RAII handle over libharu's HPDF_Doc whose error handler
// only records (no setjmp/longjmp, nothing thrown through C frames); every call is checked
// right after it returns and a failure becomes hoso::Error naming the call.
#pragma once

#include <hpdf.h>

#include <cstdint>
#include <set>
#include <string>

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

// The ToUnicode CMap for a font whose CIDs are the UTF-16 code units of BMP code points
// (libharu's UTF-8 encoder): one bfchar per code point, at most 100 per block.
std::string tounicode_cmap(const std::set<char32_t>& code_points);

// Replaces the content of `font`'s ToUnicode stream (libharu 2.3.0 writes a malformed one
// with begincidrange) by tounicode_cmap(code_points).
void replace_tounicode(const HpdfDoc& doc, HPDF_Font font, const std::set<char32_t>& code_points);

// Removes an entry of the document information dictionary (e.g. libharu's default Producer).
void remove_info_entry(const HpdfDoc& doc, const char* key);

}  // namespace hoso::pdf::detail
