// pdf: fonts embedded from per-face data built once per process (embedded_font.h). The data
// is shared by every document and thread; each document still embeds a subset of exactly
// the code points it draws, with exact text extraction and the widths layout measured.
#include <catch2/catch.hpp>

#include "support.h"

#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "core/core.h"
#include "font/font.h"
#include "pdf/detail/embedded_font.h"
#include "pdf/detail/truetype.h"
#include "pdf/pdf.h"
#include "pdf_helpers.h"

using namespace hoso::test::pdf;

namespace {

PagedDocument one_page(std::vector<TextItem> items) {
    PagedDocument doc;
    Page page;
    page.width = kA4Width;
    page.height = kA4Height;
    for (auto& t : items) page.items.emplace_back(std::move(t));
    doc.pages.push_back(page);
    return doc;
}

// Two pages in all four faces, as a letter would use them.
PagedDocument letter() {
    PagedDocument doc;
    doc.meta.title = "Tờ trình";
    for (int p = 0; p < 2; ++p) {
        Page page;
        page.width = kA4Width;
        page.height = kA4Height;
        page.items.emplace_back(text(85, 780, Face::Bold, 13, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
        page.items.emplace_back(text(85, 760, Face::Italic, 14, "Mường Tè, ngày 05 tháng 02 năm 2024"));
        page.items.emplace_back(text(85, 740, Face::Regular, 14, "Căn cứ Thông tư số 24/2023/TT-BGDĐT; “Đơn vị học tập”"));
        page.items.emplace_back(text(85, 720, Face::BoldItalic, 12, "Nơi nhận:"));
        page.items.emplace_back(rule(85, 700, 300, 700, 0.5, "table-border"));
        doc.pages.push_back(page);
    }
    return doc;
}

std::vector<char32_t> code_points_of(const std::u32string& s) {
    std::set<char32_t> set(s.begin(), s.end());
    return {set.begin(), set.end()};
}

std::string inflate(const std::string& z, std::size_t size) {
    std::string out(size + 1, '\0');
    uLongf n = static_cast<uLongf>(out.size());
    REQUIRE(uncompress(reinterpret_cast<Bytef*>(out.data()), &n, reinterpret_cast<const Bytef*>(z.data()),
                       static_cast<uLong>(z.size())) == Z_OK);
    out.resize(n);
    return out;
}

// The FontFile2 streams of a PDF written by hoso: the data after each "/Length1 n" dictionary.
std::vector<std::string> font_file_streams(const std::string& pdf) {
    std::vector<std::string> out;
    for (std::size_t pos = 0; (pos = pdf.find("/Length1 ", pos)) != std::string::npos;) {
        const std::size_t start = pdf.find("stream\r\n", pos) + 8;
        const std::size_t end = pdf.find("\nendstream", start);
        out.push_back(pdf.substr(start, end - start));
        pos = end;
    }
    return out;
}

}  // namespace

TEST_CASE("pdf cache: documents from one FontSet written by several threads are identical to one written alone",
          "[pdf][cache]") {
    // A copy of the fonts under a new path: the threads below race to build its cache entries.
    TempDir dir;
    for (const char* f : {"LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf", "LiberationSerif-Italic.ttf",
                          "LiberationSerif-BoldItalic.ttf"}) {
        fs::copy_file(hoso::test::fonts_dir() / f, dir.path / f);
    }
    const auto set = hoso::font::FontSet::load_directory(dir.path);
    const auto before = hoso::pdf::detail::face_program_cache_size();
    const PagedDocument a = letter();
    const PagedDocument b = one_page({text(100, 700, Face::Italic, 14, "Phong Thổ — ỹ ự ữ")});
    std::vector<std::vector<std::string>> results(4);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < results.size(); ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 6; ++i) results[t].push_back(hoso::pdf::write_pdf((i + t) % 2 ? b : a, set));
        });
    }
    for (auto& th : threads) th.join();
    CHECK(hoso::pdf::detail::face_program_cache_size() == before + 4);  // each face built once
    const std::string alone_a = hoso::pdf::write_pdf(a, set);
    const std::string alone_b = hoso::pdf::write_pdf(b, set);
    CHECK(alone_a != alone_b);
    for (std::size_t t = 0; t < results.size(); ++t) {
        for (std::size_t i = 0; i < results[t].size(); ++i) {
            INFO("thread " << t << ", document " << i);
            CHECK(results[t][i] == (((i + t) % 2) ? alone_b : alone_a));
        }
    }
    // The same fonts under the other path give the same bytes (nothing depends on the path).
    CHECK(hoso::pdf::write_pdf(a, fonts()) == alone_a);
}

TEST_CASE("pdf cache: a FontSet loaded again from the same files reuses the cached faces", "[pdf][cache]") {
    (void)hoso::pdf::write_pdf(letter(), fonts());
    const auto size = hoso::pdf::detail::face_program_cache_size();
    const auto again = hoso::font::FontSet::load_directory(hoso::test::fonts_dir());
    CHECK(hoso::pdf::write_pdf(letter(), again) == hoso::pdf::write_pdf(letter(), fonts()));
    CHECK(hoso::pdf::detail::face_program_cache_size() == size);
}

TEST_CASE("pdf cache: a font file that no longer matches the loaded face is refused", "[pdf][cache]") {
    // The FontSet parsed Regular, but the file at its path now holds Bold.
    TempDir dir;
    const auto path = dir.path / "Regular.ttf";
    fs::copy_file(hoso::test::fonts_dir() / "LiberationSerif-Regular.ttf", path);
    const auto regular = hoso::font::TrueTypeFont::load(path);
    fs::copy_file(hoso::test::fonts_dir() / "LiberationSerif-Bold.ttf", path, fs::copy_options::overwrite_existing);
    const hoso::font::FontSet set(regular, regular, regular, regular);
    CHECK_THROWS_WITH(hoso::pdf::write_pdf(letter(), set), Catch::Contains("changed"));
}

TEST_CASE("pdf: code points beyond the Vietnamese repertoire are embedded, drawn and extracted exactly",
          "[pdf][cache]") {
    const std::string line = "Ω Ж € № ≥ ∞ → ♪ ½";
    const auto doc = one_page({text(100, 700, Face::Regular, 14, line), text(100, 650, Face::BoldItalic, 14, line)});
    TempDir dir;
    const auto file = write_temp(dir, "symbols.pdf", hoso::pdf::write_pdf(doc, fonts()));
    // -raw: poppler's -layout mode runs symbols together (as it did with libharu's own fonts).
    const auto r = run("pdftotext -raw '" + file.string() + "' -", dir.path);
    REQUIRE(r.status == 0);
    CHECK(r.err.empty());
    std::vector<std::string> got;
    for (const auto& l : lines_of(r.out)) {
        const auto b = l.find_first_not_of(" \f");
        if (b != std::string::npos) got.push_back(l.substr(b, l.find_last_not_of(' ') - b + 1));
    }
    CHECK(got == std::vector<std::string>{line, line});
    CHECK(run("qpdf --check '" + file.string() + "'", dir.path).status == 0);
    // Every one of these glyphs has an outline in the embedded subset (no box, no blank).
    const auto& face = fonts().face(Face::Regular);
    const auto program = hoso::pdf::detail::face_program(face);
    const auto cps = code_points_of(U"Ω Ж € № ≥ ∞ → ♪ ½");
    const auto subset =
        hoso::pdf::detail::TrueTypeProgram::parse(hoso::pdf::detail::subset_font_file(face, *program, cps), "subset");
    for (const char32_t cp : cps) {
        INFO("U+" << std::hex << static_cast<unsigned>(cp));
        if (cp != U' ') CHECK(!subset.glyph(face.glyph_id(cp)).empty());
    }
}

TEST_CASE("pdf: the FontFile2 is the subset of the code points drawn, compressed or not", "[pdf][cache]") {
    const auto doc = one_page({text(100, 700, Face::Italic, 14, "Mường Tè ộ")});
    const auto& face = fonts().face(Face::Italic);
    const std::string expected = hoso::pdf::detail::subset_font_file(
        face, *hoso::pdf::detail::face_program(face), code_points_of(U"Mường Tè ộ"));
    hoso::pdf::PdfOptions plain;
    plain.compress = false;
    const auto raw = font_file_streams(hoso::pdf::write_pdf(doc, fonts(), plain));
    REQUIRE(raw.size() == 1);
    CHECK(raw[0] == expected);
    const auto packed = font_file_streams(hoso::pdf::write_pdf(doc, fonts()));
    REQUIRE(packed.size() == 1);
    CHECK(packed[0].size() < expected.size() / 2);
    CHECK(inflate(packed[0], expected.size()) == expected);
    CHECK(expected.size() < 25000);  // mostly the zeroed hmtx/loca entries; the face's glyf alone is 300 KB
}

TEST_CASE("pdf: pdftotext places each word with the width layout measured (the /W array)", "[pdf][cache]") {
    struct Word {
        Face face;
        double size;
        const char* text;
    };
    const std::vector<Word> words = {{Face::Regular, 14, "Nghĩa"},      {Face::Bold, 13, "ĐÀO"},
                                     {Face::Italic, 12, "ngày"},        {Face::BoldItalic, 11, "Ủy"},
                                     {Face::Regular, 14, "24/2023/TT"}, {Face::Regular, 11, "Ưỡng"}};
    std::vector<TextItem> items;
    double y = 780;
    for (const auto& w : words) items.push_back(text(100, y -= 40, w.face, w.size, w.text));
    TempDir dir;
    const auto file = write_temp(dir, "widths.pdf", hoso::pdf::write_pdf(one_page(items), fonts()));
    const auto r = run("pdftotext -bbox '" + file.string() + "' -", dir.path);
    REQUIRE(r.status == 0);
    const std::regex word_re(R"re(<word xMin="([0-9.]+)" yMin="[0-9.]+" xMax="([0-9.]+)" yMax="[0-9.]+">([^<]*)</word>)re");
    std::vector<std::smatch> found;
    for (auto it = std::sregex_iterator(r.out.begin(), r.out.end(), word_re); it != std::sregex_iterator(); ++it) {
        found.push_back(*it);
    }
    REQUIRE(found.size() == words.size());
    for (std::size_t i = 0; i < words.size(); ++i) {
        const double width = fonts().face(words[i].face).text_width(words[i].text, words[i].size);
        INFO(words[i].text);
        CHECK(found[i][3] == words[i].text);
        CHECK(std::stod(found[i][1]) == Approx(100).margin(0.01));
        CHECK(std::stod(found[i][2]) - std::stod(found[i][1]) == Approx(width).margin(0.01));
    }
}

TEST_CASE("pdf: BaseFont is the subset tag and the PostScript name, without libharu's style suffix", "[pdf][cache]") {
    TempDir dir;
    const auto file = write_temp(dir, "names.pdf", hoso::pdf::write_pdf(letter(), fonts()));
    const auto r = run("pdffonts '" + file.string() + "'", dir.path);
    REQUIRE(r.status == 0);
    std::set<std::string> names;
    for (const auto& l : lines_of(r.out)) {
        if (l.rfind("HPDF", 0) == 0) names.insert(l.substr(0, l.find(' ')));
    }
    CHECK(names == std::set<std::string>{"HPDFAA+LiberationSerif", "HPDFAB+LiberationSerif-Bold",
                                         "HPDFAC+LiberationSerif-Italic", "HPDFAD+LiberationSerif-BoldItalic"});
}

TEST_CASE("pdf: a two-page letter in four faces stays small", "[pdf][cache]") {
    // libharu 2.3.0 wrote about 140 KB for such a letter (a 131 KB CIDToGIDMap and a 75 KB
    // font program per face before compression).
    const std::string bytes = hoso::pdf::write_pdf(letter(), fonts());
    CHECK(bytes.size() < 45000);
    hoso::pdf::PdfOptions plain;
    plain.compress = false;
    CHECK(hoso::pdf::write_pdf(letter(), fonts(), plain).size() > bytes.size() * 2);
}
