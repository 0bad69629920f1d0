// hoso init (skeleton), the terminal table and the JSON of an evaluation.
#include <catch2/catch.hpp>

#include "support.h"
#include "text/text.h"
#include "util.h"

using namespace hoso;
using namespace hoso::test;

namespace {

std::vector<std::string> lines(const std::string& s) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < s.size()) {
        const auto j = std::min(s.find('\n', i), s.size());
        out.push_back(s.substr(i, j - i));
        i = j + 1;
    }
    return out;
}

}  // namespace

TEST_CASE("hoso init — the skeleton of every form lists every indicator in order, parses, and validates only with missing values",
          "[forms][skeleton]") {
    for (const auto& f : library().forms()) {
        DYNAMIC_SECTION(f.id) {
            const std::string xml = forms::skeleton_xml(f);
            // Every indicator, in form order, with its wording as a comment.
            std::size_t pos = 0;
            for (const auto& c : f.criteria) {
                for (const auto& i : c.indicators) {
                    const auto p = xml.find("<indicator id=\"" + i.id + "\">", pos);
                    REQUIRE(p != std::string::npos);
                    pos = p;
                    CHECK(xml.find(i.short_name) != std::string::npos);
                }
            }
            Diagnostics d;
            const auto u = parse_xml(xml, d);
            for (const auto& x : d.items()) {
                INFO(format_diagnostic(x));
                CHECK_THAT(x.message_vi, Catch::StartsWith("thiếu"));  // no XML or structure errors
            }
            CHECK(u.form_id.value == f.id);
            // The evidence hint names what makes an item checkable: the document's number, date, description.
            CHECK(xml.find(R"(number="số, ký hiệu" date="YYYY-MM-DD">Tên, số, ngày văn bản minh chứng</evidence>)") !=
                  std::string::npos);
            CHECK(u.indicators.size() == [&] {
                std::size_t n = 0;
                for (const auto& c : f.criteria) n += c.indicators.size();
                return n;
            }());
            Diagnostics c;
            forms::check(f, u, c);
            CHECK(c.has_errors());
            for (const auto& x : c.items()) {
                INFO(format_diagnostic(x));
                const bool missing = x.message_vi.find("chưa nhập") != std::string::npos ||
                                     x.message_vi.find("thiếu") != std::string::npos;
                CHECK(missing);
            }
        }
    }
}

TEST_CASE("hoso init → fill → evaluate — a filled skeleton reaches the level its figures allow", "[forms][skeleton]") {
    const auto& f = form("tt24-huyen");
    std::string xml = forms::skeleton_xml(f);
    auto fill = [&](const std::string& from, const std::string& to) {
        std::size_t p = 0;
        while ((p = xml.find(from, p)) != std::string::npos) {
            xml.replace(p, from.size(), to);
            p += to.size();
        }
    };
    fill(R"(<unit type="">)", R"(<unit type="ubnd-xa">)");
    fill("<name></name>", "<name>Ủy ban nhân dân xã Mường So</name>");
    fill("<abbreviation></abbreviation>", "<abbreviation>UBND</abbreviation>");
    fill("<place></place>", "<place>Mường So</place>");
    fill("<members></members>", "<members>20</members>");
    fill(R"(<assessment year="")", R"(<assessment year="2024")");
    fill(R"(<document kind="to-trinh" number="" date=""/>)", R"(<document kind="to-trinh" number="07" date="2025-01-09"/>)");
    fill("<authority></authority>", "<authority>CHỦ TỊCH</authority>");
    fill("<met></met>", "<met>có</met><evidence code=\"H\">Minh chứng</evidence>");
    fill("<numerator></numerator>", "<numerator>19</numerator><evidence code=\"H\">Danh sách</evidence>");
    fill("<level></level>", "");
    Diagnostics d;
    const auto u = parse_xml(xml, d);
    forms::check(f, u, d);
    INFO(d.format());
    CHECK_FALSE(d.has_errors());
    const auto e = forms::evaluate(f, u);
    CHECK(e.reached_level == 2);  // 19/20 = 95%
    CHECK(e.granted);
}

TEST_CASE("evaluation_text — golden for examples/tt24-huyen.xml; columns line up by display width", "[forms][output]") {
    Diagnostics d;
    const auto u = data::load_unit(source_dir() / "examples" / "tt24-huyen.xml", {}, d);
    const auto& f = form("tt24-huyen");
    const std::string out = forms::evaluation_text(f, forms::evaluate(f, u));
    check_golden("golden/forms/tt24-huyen.evaluate.txt", out);
    // Every indicator row has its status exactly under the "Đánh giá" header (widths in code points).
    int column = -1;
    int rows = 0;
    for (const auto& l : lines(out)) {
        const std::u32string u32 = text::to_utf32(l);
        if (l.rfind("Mã ", 0) == 0) {
            column = static_cast<int>(u32.find(U"Đánh giá"));
            continue;
        }
        if (l.size() < 5 || l[0] != 'T' || l.find(".C") != 2) continue;
        REQUIRE(column > 0);
        const std::string rest = text::to_utf8(u32.substr(static_cast<std::size_t>(column)));
        const bool status = rest.rfind("Đạt", 0) == 0 || rest.rfind("Không đạt", 0) == 0 || rest.rfind("Không áp dụng", 0) == 0;
        INFO(l);
        CHECK(status);
        CHECK(u32.substr(static_cast<std::size_t>(column) - 2, 2) == U"  ");
        ++rows;
    }
    CHECK(rows == 30);
    CHECK(column > 0);
    CHECK_THAT(out, Catch::Contains("Đề nghị công nhận mức độ 1 (lần đầu): ĐỦ ĐIỀU KIỆN"));
    CHECK_THAT(out, Catch::Contains("bảo lưu đến ngày 31/12/2027 (TT24 khoản 4 Điều 5)"));
}

TEST_CASE("evaluation_json — golden for examples/tt24-tinh.xml (stable key order)", "[forms][output]") {
    Diagnostics d;
    const auto u = data::load_unit(source_dir() / "examples" / "tt24-tinh.xml", {}, d);
    const auto& f = form("tt24-tinh");
    const std::string json = forms::evaluation_json(f, forms::evaluate(f, u));
    check_golden("golden/forms/tt24-tinh.evaluate.json", json);
    CHECK(json.find("\"form\": \"tt24-tinh\"") < json.find("\"levels\""));
    CHECK(json.find("\"levels\"") < json.find("\"granted\": true"));
    CHECK_THAT(json, Catch::Contains("\"months_since_previous\": 23"));
    CHECK_THAT(json, Catch::Contains("\"valid_until\": \"2027-12-31\""));
    CHECK(json.back() == '\n');
}

TEST_CASE("evaluation_json escapes quotes, backslashes and control characters", "[forms][output]") {
    const auto& f = form("tt24-huyen");
    data::UnitData u = passing_unit(f, "ubnd-xa");
    u.unit.name = txt("Đơn vị \"A\\B\"\t");
    const std::string json = forms::evaluation_json(f, forms::evaluate(f, u));
    CHECK_THAT(json, Catch::Contains(R"("unit": "Đơn vị \"A\\B\"\t")"));
}
