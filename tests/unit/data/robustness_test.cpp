// Bad input never crashes or hangs: truncated XML, absurd nesting, huge strings and files,
// invalid UTF-8, a directory instead of a file. Each gives a clear error.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "data/data.h"
#include "support.h"

using namespace hoso;

namespace {

const std::string kHead = R"(<?xml version="1.0" encoding="UTF-8"?>
<hoso-data form="tt24-huyen">
  <unit type="tieu-hoc-cong-lap">
    <name>Trường Tiểu học Đông Hải</name>
)";

std::filesystem::path temp_path(const std::string& name) {
    const auto dir = std::filesystem::temp_directory_path() / "hoso-data-test";
    std::filesystem::create_directories(dir);
    return dir / name;
}

const Diagnostic* first_error(const Diagnostics& d) {
    for (const auto& x : d.items()) {
        if (x.severity == Severity::Error) return &x;
    }
    return nullptr;
}

}  // namespace

TEST_CASE("Truncated XML — an error with the line, nothing else", "[data][robustness]") {
    Diagnostics d;
    data::parse_unit(kHead, "cut.xml", {}, d);
    REQUIRE(d.has_errors());
    const Diagnostic* e = first_error(d);
    CHECK(e->where.file == "cut.xml");
    CHECK(e->where.line >= 2);
    CHECK_THAT(e->message_vi, Catch::Contains("cắt cụt"));
    CHECK(d.error_count() == 1);
}

TEST_CASE("Mismatched tags are reported with their line", "[data][robustness]") {
    Diagnostics d;
    data::parse_unit(kHead + "  </units>\n</hoso-data>\n", "bad.xml", {}, d);
    REQUIRE(d.has_errors());
    CHECK(first_error(d)->where.line >= 3);  // tinyxml2 names the element left open (<unit>, line 3)
}

TEST_CASE("10 000-deep nesting is refused before the parser sees it", "[data][robustness]") {
    std::string xml = "<hoso-data form=\"x\">";
    for (int i = 0; i < 10000; ++i) xml += "<a>";
    for (int i = 0; i < 10000; ++i) xml += "</a>";
    xml += "</hoso-data>";
    Diagnostics d;
    data::parse_unit(xml, "deep.xml", {}, d);
    REQUIRE(d.error_count() == 1);
    CHECK_THAT(first_error(d)->message_vi, Catch::Contains("lồng nhau quá sâu"));
    CHECK(first_error(d)->where.line == 1);
    // 64 levels are fine for the pre-scan (the structure check then reports the unknown elements).
    std::string ok = "<hoso-data form=\"x\">";
    for (int i = 0; i < data::kMaxXmlDepth - 1; ++i) ok += "<a>";
    for (int i = 0; i < data::kMaxXmlDepth - 1; ++i) ok += "</a>";
    ok += "</hoso-data>";
    Diagnostics d2;
    CHECK(data::preflight_xml(ok, "ok.xml", d2));
    CHECK(d2.empty());
}

TEST_CASE("Nesting pre-scan ignores markup inside comments, CDATA and attribute values", "[data][robustness]") {
    std::string xml = "<hoso-data form=\"a>b\"><!-- ";
    for (int i = 0; i < 200; ++i) xml += "<a>";
    xml += " --><![CDATA[";
    for (int i = 0; i < 200; ++i) xml += "<b>";
    xml += "]]></hoso-data>";
    Diagnostics d;
    CHECK(data::preflight_xml(xml, "c.xml", d));
    CHECK(d.empty());
}

TEST_CASE("A 10 MB string (file larger than 8 MB) is refused unread", "[data][robustness]") {
    const std::string big = kHead + "<note>" + std::string(10u << 20, 'a') + "</note></unit></hoso-data>";
    Diagnostics d;
    data::parse_unit(big, "big.xml", {}, d);
    REQUIRE(d.error_count() == 1);
    CHECK_THAT(first_error(d)->message_vi, Catch::Contains("tệp quá lớn"));

    const auto path = temp_path("big.xml");
    { std::ofstream(path, std::ios::binary) << big; }
    Diagnostics d2;
    data::load_unit(path, {}, d2);
    REQUIRE(d2.error_count() == 1);
    CHECK_THAT(first_error(d2)->message_en, Catch::Contains("too large"));
    std::filesystem::remove(path);
}

TEST_CASE("A single value over 100 KB is an error, and is not carried into the data", "[data][robustness]") {
    const std::string xml = R"(<hoso-data form="tt24-huyen"><unit type="x"><name>)" + std::string(200000, 'x') +
                            R"(</name></unit></hoso-data>)";
    Diagnostics d;
    const auto u = data::parse_unit(xml, "long.xml", {}, d);
    CHECK(u.unit.name.value.empty());
    bool found = false;
    for (const auto& x : d.items()) found = found || x.message_vi.find("giá trị quá dài") != std::string::npos;
    CHECK(found);
}

TEST_CASE("Invalid UTF-8 is an error with line and column", "[data][robustness]") {
    const std::string xml = kHead + "    <place>Phong Th\xFF</place>\n  </unit>\n</hoso-data>\n";
    Diagnostics d;
    data::parse_unit(xml, "latin1.xml", {}, d);
    REQUIRE(d.error_count() == 1);
    const Diagnostic* e = first_error(d);
    CHECK(e->where.line == 5);
    CHECK(e->where.column == 20);
    CHECK_THAT(e->message_vi, Catch::Contains("UTF-8"));
    CHECK_THAT(e->message_vi, Catch::Contains("0xFF"));
}

TEST_CASE("A directory or a missing path throws IoError naming the path", "[data][robustness]") {
    Diagnostics d;
    const auto dir = std::filesystem::temp_directory_path();
    try {
        data::load_unit(dir, {}, d);
        FAIL("no exception");
    } catch (const IoError& e) {
        CHECK(e.path() == dir);
        CHECK_THAT(std::string(e.what()), Catch::Contains("thư mục"));
    }
    CHECK_THROWS_AS(data::load_unit(dir / "khong-co-tep-nay.xml", {}, d), IoError);
}

TEST_CASE("Empty input, a different root, text where elements belong", "[data][robustness]") {
    Diagnostics d1;
    data::parse_unit("", "empty.xml", {}, d1);
    CHECK(d1.error_count() == 1);
    Diagnostics d2;
    data::parse_unit("<html><body/></html>", "page.xml", {}, d2);
    CHECK(d2.error_count() == 1);
    CHECK_THAT(first_error(d2)->message_vi, Catch::Contains("<hoso-data>"));
    Diagnostics d3;
    data::parse_unit("<hoso-data form=\"x\">chữ lạc chỗ<unit type=\"a\"><name>A</name><abbreviation>A</abbreviation>"
                     "<place>A</place></unit></hoso-data>",
                     "text.xml", {}, d3);
    bool stray = false;
    for (const auto& x : d3.items()) stray = stray || x.message_vi.find("văn bản thừa") != std::string::npos;
    CHECK(stray);
}

TEST_CASE("A UTF-8 byte order mark is accepted", "[data][robustness]") {
    Diagnostics d;
    const auto u = data::parse_unit("\xEF\xBB\xBF" + kHead + "  </unit>\n</hoso-data>\n", "bom.xml", {}, d);
    CHECK(u.unit.name.value == "Trường Tiểu học Đông Hải");
}

TEST_CASE("Fuzzed truncations of the example never crash", "[data][robustness]") {
    const std::string full = test::slurp(test::source_dir() / "examples" / "tt24-huyen.xml");
    REQUIRE(full.size() > 1000);
    for (std::size_t cut = 0; cut < full.size(); cut += 97) {
        Diagnostics d;
        data::parse_unit(full.substr(0, cut), "cut.xml", {}, d);
        CHECK(d.has_errors());
    }
}
