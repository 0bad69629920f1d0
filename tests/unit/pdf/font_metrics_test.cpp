// font ↔ libharu: the font module's widths must equal what libharu 2.3.0 computes when it
// draws (HPDF_Font_TextWidth with the UTF-8 encoder), so layout measured without libharu
// places text exactly where the PDF shows it (pdf-docx-notes.md §1.5).
#include <catch2/catch.hpp>

#include "support.h"

#include <hpdf.h>

#include <string>
#include <vector>

#include "font/font.h"

using hoso::font::Face;

namespace {

struct Harud {
    HPDF_Doc pdf = HPDF_New(nullptr, nullptr);
    ~Harud() { HPDF_Free(pdf); }
    HPDF_Font load(const std::string& path) {
        const char* name = HPDF_LoadTTFontFromFile(pdf, path.c_str(), HPDF_TRUE);
        REQUIRE(name != nullptr);
        HPDF_Font font = HPDF_GetFont(pdf, name, "UTF-8");
        REQUIRE(font != nullptr);
        return font;
    }
};

double harud_width(HPDF_Font font, const std::string& s, double size) {
    const HPDF_TextWidth tw =
        HPDF_Font_TextWidth(font, reinterpret_cast<const HPDF_BYTE*>(s.data()), static_cast<HPDF_UINT>(s.size()));
    return static_cast<double>(tw.width) * size / 1000.0;
}

const std::vector<std::string> kLines = {
    "Ủy ban nhân dân huyện Mường Tè, ngày 05 tháng 02 năm 2024",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;",
    "aàảãáạ ăằẳẵắặ âầẩẫấậ eèẻẽéẹ êềểễếệ iìỉĩíị oòỏõóọ ôồổỗốộ ơờởỡớợ uùủũúụ ưừửữứự yỳỷỹýỵ đ",
    "AÀẢÃÁẠ ĂẰẲẴẮẶ ÂẦẨẪẤẬ EÈẺẼÉẸ ÊỀỂỄẾỆ IÌỈĨÍỊ OÒỎÕÓỌ ÔỒỔỖỐỘ ƠỜỞỠỚỢ UÙỦŨÚỤ ƯỪỬỮỨỰ YỲỶỸÝỴ Đ",
    "Số: 15/QĐ-UBND — “trích yếu” (…) 100% ± 5‰ ½ № §",
};

}  // namespace

TEST_CASE("font/libharu: text widths equal HPDF_Font_TextWidth in all four faces", "[pdf][font]") {
    const auto fonts = hoso::font::FontSet::load_directory(hoso::test::fonts_dir());
    Harud h;
    REQUIRE(HPDF_UseUTFEncodings(h.pdf) == HPDF_OK);
    for (int f = 0; f < hoso::font::kFaceCount; ++f) {
        const auto& face = fonts.face(static_cast<Face>(f));
        HPDF_Font hfont = h.load(face.path().string());
        for (const auto& line : kLines) {
            INFO(hoso::font::face_name(static_cast<Face>(f)) << ": " << line);
            for (const double size : {11.0, 13.0, 14.0}) {
                CHECK(face.text_width(line, size) == harud_width(hfont, line, size));
            }
        }
        // Every printable BMP character the face maps, one at a time.
        int compared = 0;
        for (char32_t cp = 0x20; cp < 0x10000; ++cp) {
            if (cp >= 0xD800 && cp <= 0xDFFF) continue;
            if (!face.has_glyph(cp)) continue;
            std::string s;
            if (cp < 0x80) {
                s += static_cast<char>(cp);
            } else if (cp < 0x800) {
                s += static_cast<char>(0xC0 | (cp >> 6));
                s += static_cast<char>(0x80 | (cp & 0x3F));
            } else {
                s += static_cast<char>(0xE0 | (cp >> 12));
                s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
                s += static_cast<char>(0x80 | (cp & 0x3F));
            }
            const HPDF_TextWidth tw = HPDF_Font_TextWidth(hfont, reinterpret_cast<const HPDF_BYTE*>(s.data()),
                                                          static_cast<HPDF_UINT>(s.size()));
            if (static_cast<int>(tw.width) != face.advance_1000(cp)) {
                FAIL_CHECK("advance differs for U+" << std::hex << static_cast<unsigned>(cp));
            }
            ++compared;
        }
        CHECK(compared > 2000);
    }
}

TEST_CASE("font/libharu: the reference line measures 333.29 pt at 13 pt (pdf-docx-notes.md §1.5)", "[pdf][font]") {
    const auto fonts = hoso::font::FontSet::load_directory(hoso::test::fonts_dir());
    Harud h;
    REQUIRE(HPDF_UseUTFEncodings(h.pdf) == HPDF_OK);
    HPDF_Font hfont = h.load(fonts.face(Face::Regular).path().string());
    const double ours = fonts.face(Face::Regular).text_width(kLines[0], 13);
    CHECK(ours == harud_width(hfont, kLines[0], 13));
    CHECK(ours == Approx(333.29).margin(0.005));
}
