// pdf: layout::PagedDocument → PDF via libharu 2.3.0, checked with the real clients
// (pdftotext, pdffonts, pdfinfo, qpdf from poppler-utils/qpdf) and a golden content stream.
#include <catch2/catch.hpp>

#include "support.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/core.h"
#include "font/font.h"
#include "layout/layout.h"
#include "pdf/detail/hpdf_doc.h"
#include "pdf/pdf.h"
#include "pdf_helpers.h"

namespace fs = std::filesystem;
using hoso::font::Face;
using hoso::layout::Page;
using hoso::layout::PagedDocument;
using hoso::layout::RuleItem;
using hoso::layout::TextItem;
using namespace hoso::test::pdf;

namespace {

struct Line {
    Face face;
    double size;
    const char* text;
};

// Every line appears once, on its own baseline, in the order drawn.
const std::vector<Line> kPage1 = {
    {Face::Bold, 13, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
    {Face::Bold, 14, "Độc lập - Tự do - Hạnh phúc"},
    {Face::Regular, 13, "Ủy ban nhân dân huyện Mường Tè, ngày 05 tháng 02 năm 2024"},
    {Face::Italic, 14, "Mường Tè, ngày 05 tháng 02 năm 2024"},
    {Face::BoldItalic, 12, "Nơi nhận:"},
    // All 134 non-ASCII Vietnamese letters, grouped by vowel (poppler cannot find word breaks
    // in a line made only of one-letter words, so the letters of a vowel are run together).
    {Face::Regular, 14, "aàảãáạ ăằẳẵắặ âầẩẫấậ eèẻẽéẹ êềểễếệ iìỉĩíị"},
    {Face::Bold, 14, "oòỏõóọ ôồổỗốộ ơờởỡớợ uùủũúụ ưừửữứự yỳỷỹýỵ đ"},
    {Face::Italic, 14, "AÀẢÃÁẠ ĂẰẲẴẮẶ ÂẦẨẪẤẬ EÈẺẼÉẸ ÊỀỂỄẾỆ IÌỈĨÍỊ"},
    {Face::BoldItalic, 14, "OÒỎÕÓỌ ÔỒỔỖỐỘ ƠỜỞỠỚỢ UÙỦŨÚỤ ƯỪỬỮỨỰ YỲỶỸÝỴ Đ"},
};
const std::vector<Line> kPage2 = {
    {Face::Regular, 14, "Căn cứ Thông tư số 24/2023/TT-BGDĐT ngày 28 tháng 12 năm 2023;"},
    {Face::Bold, 14, "Điều 1. Công nhận đơn vị học tập năm 2024"},
    {Face::Italic, 13, "(Kèm theo Quyết định số 15/QĐ-UBND ngày 05/02/2024)"},
    {Face::BoldItalic, 13, "Ghi chú: số liệu tổng hợp của Ủy ban nhân dân xã"},
};

Page a4_page(const std::vector<Line>& lines, int number) {
    Page page;
    page.width = kA4Width;
    page.height = kA4Height;
    page.number = number;
    double y = 780;
    for (const auto& l : lines) {
        page.items.emplace_back(text(85.04, y, l.face, l.size, l.text, l.face == Face::Bold && l.size == 14));
        y -= 30;
    }
    page.items.emplace_back(rule(85.04, y, 538.58, y, 0.5, "table-border"));
    page.items.emplace_back(rule(85.04, y - 40, 538.58, y - 40, 0.5, "table-border"));
    page.items.emplace_back(rule(85.04, y, 85.04, y - 40, 0.5, "table-border"));
    return page;
}

PagedDocument sample_document() {
    PagedDocument doc;
    doc.meta.title = "Quyết định công nhận đơn vị học tập";
    doc.meta.subject = "Thông tư 24/2023/TT-BGDĐT";
    doc.meta.author = "Ủy ban nhân dân huyện Mường Tè";
    doc.meta.keywords = "đơn vị học tập, xã hội học tập";
    doc.pages.push_back(a4_page(kPage1, 1));
    doc.pages.push_back(a4_page(kPage2, 2));
    return doc;
}

// Uncompressed content streams: the `stream … endstream` bodies that contain a BT or an m
// operator and nothing but printable ASCII.
std::vector<std::string> content_streams(const std::string& pdf) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while ((pos = pdf.find("stream\r\n", pos)) != std::string::npos) {
        const std::size_t start = pos + 8;
        const std::size_t end = pdf.find("endstream", start);
        if (end == std::string::npos) break;
        std::string body = pdf.substr(start, end - start);
        pos = end + 9;
        bool printable = true;
        for (const char c : body) {
            const auto u = static_cast<unsigned char>(c);
            if ((u < 0x20 && c != '\n' && c != '\r') || u >= 0x7F) printable = false;
        }
        if (printable && (body.find("BT\n") != std::string::npos || body.find(" m\n") != std::string::npos) &&
            body.find("begincmap") == std::string::npos) {
            out.push_back(body);
        }
    }
    return out;
}

}  // namespace

TEST_CASE("pdf: pdftotext extracts every line exactly, with no syntax warning (valid ToUnicode)", "[pdf]") {
    TempDir dir;
    const auto file = write_temp(dir, "doc.pdf", hoso::pdf::write_pdf(sample_document(), fonts()));
    const auto r = run("pdftotext -layout '" + file.string() + "' -", dir.path);
    REQUIRE(r.status == 0);
    CHECK(r.err.empty());  // poppler prints "Syntax Warning: Invalid 'begincidrange' ..." for libharu's own CMap
    CHECK(r.err.find("Syntax Warning") == std::string::npos);
    const auto pages_text = r.out;
    const auto page_break = pages_text.find('\f');
    REQUIRE(page_break != std::string::npos);
    const std::string page1 = pages_text.substr(0, page_break);
    const auto page_end = pages_text.find('\f', page_break + 1);
    REQUIRE(page_end != std::string::npos);
    CHECK(pages_text.substr(page_end + 1).empty());
    const std::string page2 = pages_text.substr(page_break + 1, page_end - page_break - 1);
    auto trimmed_lines = [](const std::string& s) {
        std::vector<std::string> out;
        for (auto line : lines_of(s)) {
            const auto b = line.find_first_not_of(' ');
            if (b == std::string::npos) continue;
            out.push_back(line.substr(b, line.find_last_not_of(' ') - b + 1));
        }
        return out;
    };
    auto expected = [](const std::vector<Line>& ls) {
        std::vector<std::string> out;
        for (const auto& l : ls) out.emplace_back(l.text);
        return out;
    };
    CHECK(trimmed_lines(page1) == expected(kPage1));
    CHECK(trimmed_lines(page2) == expected(kPage2));
}

TEST_CASE("pdf: pdffonts shows the four faces embedded, subset, with ToUnicode", "[pdf]") {
    TempDir dir;
    const auto file = write_temp(dir, "doc.pdf", hoso::pdf::write_pdf(sample_document(), fonts()));
    const auto r = run("pdffonts '" + file.string() + "'", dir.path);
    REQUIRE(r.status == 0);
    CHECK(r.err.empty());
    const auto lines = lines_of(r.out);
    REQUIRE(lines.size() == 2 + 4);  // header, dashes, one line per face
    std::set<std::string> names;
    for (std::size_t i = 2; i < lines.size(); ++i) {
        INFO(lines[i]);
        std::istringstream in(lines[i]);
        std::vector<std::string> cols;
        for (std::string c; in >> c;) cols.push_back(c);
        // name, type (2 words), encoding, emb, sub, uni, object, generation
        REQUIRE(cols.size() == 9);
        CHECK(cols[0].rfind("HPDFA", 0) == 0);
        CHECK(cols[0].find("+LiberationSerif") == 6);
        CHECK(cols[1] + " " + cols[2] == "CID TrueType");
        CHECK(cols[3] == "Identity-H");
        CHECK(cols[4] + " " + cols[5] + " " + cols[6] == "yes yes yes");
        names.insert(cols[0].substr(7));
    }
    CHECK(names.size() == 4);  // four distinct faces
}

TEST_CASE("pdf: only the faces the pages use are embedded", "[pdf]") {
    PagedDocument doc;
    Page page;
    page.width = kA4Width;
    page.height = kA4Height;
    page.items.emplace_back(text(100, 700, Face::Italic, 14, "Mường Tè"));
    doc.pages.push_back(page);
    TempDir dir;
    const auto file = write_temp(dir, "one.pdf", hoso::pdf::write_pdf(doc, fonts()));
    const auto r = run("pdffonts '" + file.string() + "'", dir.path);
    REQUIRE(r.status == 0);
    const auto lines = lines_of(r.out);
    REQUIRE(lines.size() == 3);
    CHECK(lines[2].rfind("HPDFAA+LiberationSerif", 0) == 0);
    CHECK(lines[2].find("Italic") != std::string::npos);
}

TEST_CASE("pdf: qpdf --check passes, compressed and uncompressed", "[pdf]") {
    TempDir dir;
    for (const bool compress : {true, false}) {
        hoso::pdf::PdfOptions options;
        options.compress = compress;
        const auto file = write_temp(dir, compress ? "c.pdf" : "u.pdf",
                                     hoso::pdf::write_pdf(sample_document(), fonts(), options));
        const auto r = run("qpdf --check '" + file.string() + "'", dir.path);
        INFO(r.out << r.err);
        CHECK(r.status == 0);
        CHECK(r.out.find("No syntax or stream encoding errors found") != std::string::npos);
    }
}

TEST_CASE("pdf: pdfinfo shows A4 (ND30 Phụ lục I: A4 paper), the Vietnamese metadata and our producer", "[pdf]") {
    TempDir dir;
    hoso::pdf::PdfOptions options;
    options.producer = "hoso 0.1.0";
    options.creator = "hoso thử nghiệm";
    const auto file = write_temp(dir, "doc.pdf", hoso::pdf::write_pdf(sample_document(), fonts(), options));
    const auto r = run("pdfinfo '" + file.string() + "'", dir.path);
    REQUIRE(r.status == 0);
    CHECK(r.err.empty());
    std::map<std::string, std::string> fields;
    for (const auto& line : lines_of(r.out)) {
        const auto colon = line.find(':');
        if (colon == std::string::npos) continue;
        const auto v = line.find_first_not_of(' ', colon + 1);
        fields[line.substr(0, colon)] = v == std::string::npos ? "" : line.substr(v);
    }
    const auto doc = sample_document();
    CHECK(fields["Page size"] == "595.28 x 841.89 pts (A4)");
    CHECK(fields["Pages"] == "2");
    CHECK(fields["Title"] == doc.meta.title);
    CHECK(fields["Subject"] == doc.meta.subject);
    CHECK(fields["Author"] == doc.meta.author);
    CHECK(fields["Keywords"] == doc.meta.keywords);
    CHECK(fields["Producer"] == "hoso 0.1.0");
    CHECK(fields["Creator"] == "hoso thử nghiệm");
    CHECK(fields.count("CreationDate") == 0);
    CHECK(fields.count("ModDate") == 0);
    const std::string bytes = hoso::test::slurp(file);
    CHECK(bytes.find("Haru") == std::string::npos);
    CHECK(bytes.find("/ID") == std::string::npos);
}

TEST_CASE("pdf: an empty producer leaves no Producer entry (never libharu's default)", "[pdf]") {
    hoso::pdf::PdfOptions options;
    options.producer = "";
    options.compress = false;
    const std::string bytes = hoso::pdf::write_pdf(sample_document(), fonts(), options);
    CHECK(bytes.find("/Producer") == std::string::npos);
    CHECK(bytes.find("Haru") == std::string::npos);
}

TEST_CASE("pdf: identical input gives byte-identical output", "[pdf]") {
    const auto doc = sample_document();
    for (const bool compress : {true, false}) {
        hoso::pdf::PdfOptions options;
        options.compress = compress;
        const std::string a = hoso::pdf::write_pdf(doc, fonts(), options);
        const std::string b = hoso::pdf::write_pdf(doc, fonts(), options);
        CHECK(a.size() > 10000);
        CHECK(a == b);
    }
    // ...and a change in the input changes the output.
    auto changed = doc;
    std::get<TextItem>(changed.pages[0].items[0]).x += 1;
    CHECK(hoso::pdf::write_pdf(changed, fonts()) != hoso::pdf::write_pdf(doc, fonts()));
}

TEST_CASE("pdf: golden uncompressed content stream of a small page", "[pdf]") {
    PagedDocument doc;
    Page page;
    page.width = 300;
    page.height = 120;
    page.items.emplace_back(text(20, 90, Face::Bold, 13, "CỘNG HÒA XÃ HỘI"));
    page.items.emplace_back(text(20, 70, Face::Bold, 14, "Độc lập - Tự do - Hạnh phúc", true));
    page.items.emplace_back(text(20, 50, Face::Italic, 14, "Mường Tè, ngày 05 tháng 02 năm 2024"));
    page.items.emplace_back(rule(20, 40, 120.5, 40, 0.5, "agency-rule"));
    page.items.emplace_back(text(20, 20, Face::Regular, 11, "- Lưu: VT."));
    doc.pages.push_back(page);
    hoso::pdf::PdfOptions options;
    options.compress = false;
    const std::string bytes = hoso::pdf::write_pdf(doc, fonts(), options);
    const auto streams = content_streams(bytes);
    REQUIRE(streams.size() == 1);
    const std::string& content = streams[0];
    hoso::test::check_golden("golden/pdf/small_page_content.txt", content);
    // Independent of the golden file: absolute text positions, consecutive text in one BT/ET.
    CHECK(content.find("1 0 0 1 20 90 Tm") != std::string::npos);
    CHECK(content.find("1 0 0 1 20 70 Tm") != std::string::npos);
    CHECK(content.find("120.5 40 l") != std::string::npos);
    std::size_t bt = 0, pos = 0;
    while ((pos = content.find("BT\n", pos)) != std::string::npos) ++bt, pos += 3;
    CHECK(bt == 2);  // the rule splits the text into two text objects
    // The underline of the motto runs under exactly its measured width.
    const double width = fonts().face(Face::Bold).text_width("Độc lập - Tự do - Hạnh phúc", 14);
    char expected[64];
    std::snprintf(expected, sizeof expected, "%.2f", 20 + width);
    INFO("underline end x ≈ " << expected);
    CHECK(content.find(std::string(expected).substr(0, 5)) != std::string::npos);
}

TEST_CASE("pdf: a code point the font lacks throws, naming it (no box is ever printed)", "[pdf]") {
    auto doc = sample_document();
    doc.pages[1].items.emplace_back(text(100, 100, Face::Regular, 14, "Trung Quốc 中"));
    try {
        (void)hoso::pdf::write_pdf(doc, fonts());
        FAIL("expected hoso::Error");
    } catch (const hoso::Error& e) {
        const std::string what = e.what();
        CHECK(what.find("U+4E2D") != std::string::npos);
        CHECK(what.find("Trung Quốc 中") != std::string::npos);
        CHECK(what.find("page 2") != std::string::npos);
    }
}

TEST_CASE("pdf: 4-byte UTF-8, control characters and invalid UTF-8 are refused", "[pdf]") {
    for (const std::string& bad : {std::string("Xin chào 😀"), std::string("a\tb"), std::string("a\xC3"),
                                  std::string("\xED\xA0\x80")}) {
        PagedDocument doc;
        Page page;
        page.width = kA4Width;
        page.height = kA4Height;
        page.items.emplace_back(text(100, 700, Face::Regular, 14, bad));
        doc.pages.push_back(page);
        INFO(bad);
        CHECK_THROWS_AS(hoso::pdf::write_pdf(doc, fonts()), hoso::Error);
    }
    PagedDocument doc = sample_document();
    doc.meta.title = "Tiêu đề 😀";
    CHECK_THROWS_WITH(hoso::pdf::write_pdf(doc, fonts()), Catch::Contains("U+1F600"));
}

TEST_CASE("pdf: a document without pages is refused; a blank page is a valid file", "[pdf]") {
    PagedDocument doc;
    CHECK_THROWS_AS(hoso::pdf::write_pdf(doc, fonts()), hoso::Error);
    Page page;
    page.width = kA4Width;
    page.height = kA4Height;
    doc.pages.push_back(page);
    TempDir dir;
    const auto file = write_temp(dir, "blank.pdf", hoso::pdf::write_pdf(doc, fonts()));
    const auto r = run("qpdf --check '" + file.string() + "'", dir.path);
    CHECK(r.status == 0);
    const auto info = run("pdffonts '" + file.string() + "'", dir.path);
    CHECK(lines_of(info.out).size() == 2);  // no font embedded
}

TEST_CASE("pdf: libharu errors become hoso::Error naming the call", "[pdf]") {
    PagedDocument doc;
    Page page;
    page.width = 1;  // libharu accepts 3..14400 pt
    page.height = kA4Height;
    doc.pages.push_back(page);
    CHECK_THROWS_WITH(hoso::pdf::write_pdf(doc, fonts()), Catch::Contains("HPDF_Page_SetWidth"));
    // A font set whose path is not a file on disk: libharu cannot load it.
    const std::string bytes = hoso::test::slurp(hoso::test::fonts_dir() / "LiberationSerif-Regular.ttf");
    const auto mem = hoso::font::TrueTypeFont::parse(bytes, "/nonexistent/Regular.ttf");
    const hoso::font::FontSet set(mem, mem, mem, mem);
    CHECK_THROWS_WITH(hoso::pdf::write_pdf(sample_document(), set), Catch::Contains("HPDF_LoadTTFontFromFile"));
}

TEST_CASE("pdf: ToUnicode CMap has one bfchar per code point, at most 100 per block", "[pdf]") {
    std::set<char32_t> cps;
    for (char32_t c = 0x20; c < 0x20 + 150; ++c) cps.insert(c);
    cps.insert(0x1EC7);
    cps.insert(0x1F600);  // beyond the BMP: never drawn, never listed
    const std::string cmap = hoso::pdf::detail::tounicode_cmap(cps);
    CHECK(cmap.find("100 beginbfchar\n<0020> <0020>\n") != std::string::npos);
    CHECK(cmap.find("51 beginbfchar\n<0084> <0084>\n") != std::string::npos);
    CHECK(cmap.find("<1EC7> <1EC7>\nendbfchar\n") != std::string::npos);
    CHECK(cmap.find("1F600") == std::string::npos);
    CHECK(cmap.find("cidrange") == std::string::npos);
}
