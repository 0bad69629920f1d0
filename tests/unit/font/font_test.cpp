// font: TrueType parsing of the bundled Liberation Serif faces — coverage of Vietnamese,
// advances truncated as libharu 2.3.0 does, vertical metrics, and malformed input.
#include <catch2/catch.hpp>

#include "support.h"

#include <cmath>
#include <fstream>
#include <string>
#include <vector>

#include "core/core.h"
#include "font/font.h"

using hoso::font::Face;
using hoso::font::FontSet;
using hoso::font::TrueTypeFont;

namespace {

const FontSet& fonts() {
    static const FontSet set = FontSet::load_directory(hoso::test::fonts_dir());
    return set;
}

// Decodes well-formed UTF-8 (test data only).
std::vector<char32_t> code_points(const std::string& s) {
    std::vector<char32_t> out;
    for (std::size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        int len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        char32_t cp = len == 1 ? b : len == 2 ? (b & 0x1Fu) : len == 3 ? (b & 0x0Fu) : (b & 0x07u);
        for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3Fu);
        out.push_back(cp);
        i += static_cast<std::size_t>(len);
    }
    return out;
}

// The 12 Vietnamese vowels, each with ngang, huyền, hỏi, ngã, sắc, nặng; lower then upper; plus đ Đ.
const char* const kVietnameseLetters[] = {
    "a à ả ã á ạ", "ă ằ ẳ ẵ ắ ặ", "â ầ ẩ ẫ ấ ậ", "e è ẻ ẽ é ẹ", "ê ề ể ễ ế ệ", "i ì ỉ ĩ í ị",
    "o ò ỏ õ ó ọ", "ô ồ ổ ỗ ố ộ", "ơ ờ ở ỡ ớ ợ", "u ù ủ ũ ú ụ", "ư ừ ử ữ ứ ự", "y ỳ ỷ ỹ ý ỵ",
    "A À Ả Ã Á Ạ", "Ă Ằ Ẳ Ẵ Ắ Ặ", "Â Ầ Ẩ Ẫ Ấ Ậ", "E È Ẻ Ẽ É Ẹ", "Ê Ề Ể Ễ Ế Ệ", "I Ì Ỉ Ĩ Í Ị",
    "O Ò Ỏ Õ Ó Ọ", "Ô Ồ Ổ Ỗ Ố Ộ", "Ơ Ờ Ở Ỡ Ớ Ợ", "U Ù Ủ Ũ Ú Ụ", "Ư Ừ Ử Ữ Ứ Ự", "Y Ỳ Ỷ Ỹ Ý Ỵ",
    "đ Đ",
};

std::vector<char32_t> vietnamese_letters() {
    std::vector<char32_t> out;
    for (const char* group : kVietnameseLetters) {
        for (char32_t cp : code_points(group)) {
            if (cp != U' ') out.push_back(cp);
        }
    }
    return out;
}

std::string hex(char32_t cp) {
    const char* digits = "0123456789ABCDEF";
    std::string s;
    for (int shift = 16; shift >= 0; shift -= 4) s += digits[(cp >> shift) & 0xF];
    return "U+" + s;
}

}  // namespace

TEST_CASE("font: the letter list has 146 distinct letters, 134 of them beyond ASCII", "[font]") {
    const auto letters = vietnamese_letters();
    CHECK(letters.size() == 146);
    std::vector<char32_t> sorted = letters;
    std::sort(sorted.begin(), sorted.end());
    CHECK(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end());
    CHECK(std::count_if(letters.begin(), letters.end(), [](char32_t c) { return c > 0x7F; }) == 134);
}

TEST_CASE("font: every Vietnamese letter (TCVN 6909 repertoire) has a glyph in all four faces", "[font]") {
    for (int f = 0; f < hoso::font::kFaceCount; ++f) {
        const auto& face = fonts().face(static_cast<Face>(f));
        for (char32_t cp : vietnamese_letters()) {
            INFO(hoso::font::face_name(static_cast<Face>(f)) << " " << hex(cp));
            CHECK(face.has_glyph(cp));
            CHECK(face.advance_1000(cp) > 0);
        }
    }
    for (char32_t cp : vietnamese_letters()) CHECK(fonts().covers(cp));
}

TEST_CASE("font: CJK and unmapped code points are missing", "[font]") {
    CHECK_FALSE(fonts().covers(U'\u4E2D'));
    CHECK(fonts().face(Face::Regular).glyph_id(U'\u4E2D') == 0);
    CHECK(fonts().face(Face::Regular).advance_1000(U'\u4E2D') == 0);
    CHECK(fonts().face(Face::Bold).glyph_id(U'\U0001F600') == 0);
    CHECK(fonts().face(Face::Regular).glyph_id(0x110000) == 0);
    CHECK(fonts().face(Face::Regular).has_glyph(U'\u00A0'));  // NBSP keeps "Điều 1" together
}

TEST_CASE("font: covers() is true exactly when all four faces have the glyph", "[font]") {
    // covers() answers from a table built once; compare it with the faces for the whole BMP
    // and a few supplementary code points.
    std::size_t covered = 0, mismatches = 0;
    for (char32_t cp = 0; cp < 0x10000; ++cp) {
        bool all = true;
        for (int f = 0; f < hoso::font::kFaceCount; ++f) all = all && fonts().face(static_cast<Face>(f)).has_glyph(cp);
        covered += all ? 1 : 0;
        if (all != fonts().covers(cp)) ++mismatches;
    }
    CHECK(mismatches == 0);
    CHECK(covered > 500);  // Latin, Vietnamese, punctuation at least
    CHECK_FALSE(fonts().covers(U'\U0001F600'));
    CHECK_FALSE(fonts().covers(0x110000));
    // The ASCII fast path of missing() agrees: a control character has no glyph.
    const auto m = fonts().missing(std::string("a\x01" "b"));
    REQUIRE(m.size() == 1);
    CHECK(static_cast<std::uint32_t>(m[0]) == 1u);
}

TEST_CASE("font: missing() agrees with covers() code point by code point on mixed text", "[font]") {
    // Pieces: printable ASCII, controls, DEL, Vietnamese (2- and 3-byte), CJK, an emoji,
    // invalid bytes, overlong and surrogate sequences, truncated sequences. Strings of them at
    // every length and offset exercise the eight-byte scan and the in-line decoders.
    const std::vector<std::string> pieces = {"abcdefgh", "Xin chào ", "\x01", "\x7F", "\x1F", "ệ", "Đ", "ư",
                                             "中", "😀", "\xFF", "\xC0\xAF", "\xED\xA0\x80", "\xE0\x80\xAF",
                                             "\xE1\xBA", "\xC3", " ", "~", "\xE2\x80\x9C", "\xEF\xBF\xBD"};
    auto reference = [](std::string_view s) {
        std::vector<char32_t> out;
        constexpr char32_t kBad = 0xFFFFFFFF;
        for (std::size_t i = 0; i < s.size();) {
            const char32_t cp = hoso::next_code_point(s, i, kBad);
            const char32_t reported = cp == kBad ? char32_t{0xFFFD} : cp;
            if ((cp == kBad || !fonts().covers(cp)) && std::find(out.begin(), out.end(), reported) == out.end()) {
                out.push_back(reported);
            }
        }
        return out;
    };
    std::uint32_t seed = 12345;
    for (int round = 0; round < 3000; ++round) {
        std::string s;
        const int count = round % 13;
        for (int k = 0; k < count; ++k) {
            seed = seed * 1103515245u + 12345u;
            s += pieces[(seed >> 16) % pieces.size()];
        }
        INFO(s);
        REQUIRE(fonts().missing(s) == reference(s));
    }
}

TEST_CASE("font: missing() lists distinct uncovered code points in order of appearance", "[font]") {
    CHECK(fonts().missing("Cộng hòa xã hội chủ nghĩa Việt Nam").empty());
    const auto m = fonts().missing("中文 Việt 中 😀 文");
    REQUIRE(m.size() == 3);
    CHECK(m[0] == U'\u4E2D');
    CHECK(m[1] == U'\u6587');
    CHECK(m[2] == U'\U0001F600');
    const auto bad = fonts().missing(std::string("a\xC3(b\xFF"));
    REQUIRE(bad.size() == 1);
    CHECK(bad[0] == U'\uFFFD');
}

TEST_CASE("font: names, units per em and Word's single-spacing metrics", "[font]") {
    CHECK(fonts().face(Face::Regular).postscript_name() == "LiberationSerif");
    CHECK(fonts().face(Face::Bold).postscript_name() == "LiberationSerif-Bold");
    CHECK(fonts().face(Face::Italic).postscript_name() == "LiberationSerif-Italic");
    CHECK(fonts().face(Face::BoldItalic).postscript_name() == "LiberationSerif-BoldItalic");
    const auto& r = fonts().face(Face::Regular);
    CHECK(r.units_per_em() == 2048);
    // usWinAscent 1825, usWinDescent 443 in Liberation Serif 2.1.5 → 891.11 / 216.31.
    CHECK(r.win_ascent_1000() == Approx(1825 * 1000.0 / 2048));
    CHECK(r.win_descent_1000() == Approx(443 * 1000.0 / 2048));
    CHECK(r.line_gap_1000() == Approx(87 * 1000.0 / 2048));  // hhea lineGap: Word adds it to single spacing
    CHECK(r.path().filename() == "LiberationSerif-Regular.ttf");
    // post table: underlinePosition -123 / -28, underlineThickness 100 / 195 (regular / bold).
    CHECK(r.underline_position_1000() == Approx(-123 * 1000.0 / 2048));
    CHECK(r.underline_thickness_1000() == Approx(100 * 1000.0 / 2048));
    CHECK(fonts().face(Face::Bold).underline_position_1000() == Approx(-28 * 1000.0 / 2048));
    CHECK(fonts().face(Face::Bold).underline_thickness_1000() == Approx(195 * 1000.0 / 2048));
}

TEST_CASE("font: advances are truncated to 1/1000 em like libharu 2.3.0", "[font]") {
    const auto& r = fonts().face(Face::Regular);
    // Times metrics: space 512/2048 em = 250, 'a' 909/2048 = 443.8 → 443 (truncated, not rounded).
    CHECK(r.advance_1000(U' ') == 250);
    CHECK(r.advance_1000(U'a') == 443);
    CHECK(r.advance_1000(U'M') == 889);
    // The same sum scaled once: width = Σ advance_1000 × size / 1000.
    const std::string s = "Ủy ban nhân dân huyện Mường Tè, ngày 05 tháng 02 năm 2024";
    long sum = 0;
    for (char32_t cp : code_points(s)) sum += r.advance_1000(cp);
    CHECK(r.text_width(s, 13) == Approx(static_cast<double>(sum) * 13 / 1000).epsilon(1e-12));
    // Measured independently with libharu (pdf-docx-notes.md §1.5): 333.29 pt.
    CHECK(std::abs(r.text_width(s, 13) - 333.29) < 0.005);
    CHECK(r.text_width("", 13) == 0);
}

TEST_CASE("font: invalid UTF-8 bytes measure as missing glyphs (width 0)", "[font]") {
    const auto& r = fonts().face(Face::Regular);
    const double ab = r.text_width("ab", 10);
    CHECK(r.text_width(std::string("a\xFF" "b"), 10) == Approx(ab));
    CHECK(r.text_width(std::string("a\xE1\xBB" "b"), 10) == Approx(ab));      // truncated sequence
    CHECK(r.text_width(std::string("a\xC0\xA0" "b"), 10) == Approx(ab));      // overlong
    CHECK(r.text_width(std::string("a\xED\xA0\x80" "b"), 10) == Approx(ab));  // surrogate
    CHECK(r.text_width("a\xE1", 10) == Approx(r.text_width("a", 10)));
}

TEST_CASE("font: malformed files give IoError naming the file, never a crash", "[font]") {
    const std::string good = hoso::test::slurp(hoso::test::fonts_dir() / "LiberationSerif-Regular.ttf");
    REQUIRE(good.size() > 1000);
    auto fails = [](std::string bytes) {
        try {
            (void)TrueTypeFont::parse(std::move(bytes), "bad.ttf");
        } catch (const hoso::IoError& e) {
            CHECK(e.path() == "bad.ttf");
            CHECK(std::string(e.what()).find("bad.ttf") != std::string::npos);
            return true;
        }
        return false;
    };
    CHECK(fails(""));
    CHECK(fails("garbage garbage garbage garbage"));
    CHECK(fails(std::string("OTTO") + std::string(200, '\0')));  // CFF
    // Every truncation of the header and directory, and a few deep into the tables.
    for (std::size_t n : {4u, 11u, 12u, 100u, 300u, 1000u, 5000u, 100000u}) {
        INFO("truncated to " << n);
        CHECK(fails(good.substr(0, n)));
    }
    // Garbage over the directory and table contents must not crash (errors or a parse are both
    // fine for bytes that happen to stay consistent; a crash or sanitizer report is not).
    std::uint32_t seed = 12345;
    for (int round = 0; round < 200; ++round) {
        std::string bytes = good;
        for (int k = 0; k < 20; ++k) {
            seed = seed * 1664525u + 1013904223u;
            // Half the hits in the directory and small tables, half anywhere (cmap, name, hmtx).
            const std::size_t at = (k % 2 == 0) ? (seed >> 8) % 4096 : (seed >> 4) % bytes.size();
            seed = seed * 1664525u + 1013904223u;
            bytes[at] = static_cast<char>(seed >> 24);
        }
        try {
            const auto f = TrueTypeFont::parse(bytes, "fuzz.ttf");
            (void)f.text_width("Việt Nam", 12);
        } catch (const hoso::Error&) {
        }
    }
    CHECK_THROWS_AS(TrueTypeFont::load(hoso::test::fonts_dir() / "NoSuchFont.ttf"), hoso::IoError);
    CHECK_THROWS_AS(FontSet::load_directory(hoso::test::source_dir() / "src"), hoso::IoError);
}

TEST_CASE("font: a font without glyf (CFF) is rejected with a clear message", "[font]") {
    // Rename the 'glyf' table tag to 'CFF ' in the directory of a real font.
    std::string bytes = hoso::test::slurp(hoso::test::fonts_dir() / "LiberationSerif-Regular.ttf");
    const auto pos = bytes.find("glyf");
    REQUIRE(pos != std::string::npos);
    REQUIRE(pos < 12 + 16 * 40);
    bytes.replace(pos, 4, "CFF ");
    try {
        (void)TrueTypeFont::parse(bytes, "cff.otf");
        FAIL("expected an error");
    } catch (const hoso::IoError& e) {
        CHECK(std::string(e.what()).find("glyf") != std::string::npos);
    }
}
