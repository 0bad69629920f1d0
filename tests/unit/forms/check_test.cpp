// Validation of real data files against their form: every problem at once, each with its
// file:line:column and a Vietnamese and an English message.
#include <catch2/catch.hpp>

#include "support.h"
#include "util.h"

using namespace hoso;
using namespace hoso::test;

namespace {

std::string example(const std::string& id) { return slurp(source_dir() / "examples" / (id + ".xml")); }

std::string replace(std::string s, const std::string& from, const std::string& to) {
    const auto p = s.find(from);
    REQUIRE(p != std::string::npos);
    s.replace(p, from.size(), to);
    return s;
}

int line_of(const std::string& text, const std::string& needle) {
    const auto p = text.find(needle);
    REQUIRE(p != std::string::npos);
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(p), '\n'));
}

Diagnostics validate(const std::string& xml) {
    Diagnostics d;
    const auto u = parse_xml(xml, d);
    forms::check(form(u.form_id.value), u, d);
    return d;
}

}  // namespace

TEST_CASE("Every example validates cleanly and is granted the level it requests", "[forms][check][examples]") {
    for (const char* id : {"tt24-huyen", "tt24-tinh", "tt25-xa", "tt25-huyen", "tt25-tinh"}) {
        DYNAMIC_SECTION(id) {
            Diagnostics d;
            const auto u = data::load_unit(source_dir() / "examples" / (std::string(id) + ".xml"), {}, d);
            forms::check(form(id), u, d);
            INFO(d.format());
            CHECK(d.empty());
            const auto e = forms::evaluate(form(id), u);
            CHECK(e.granted);
            CHECK(e.reached_level >= u.assessment.requested_level);
        }
    }
}

TEST_CASE("examples/tt24-huyen.xml — the dossier example — a school at cấp huyện, mức độ 1 for 2024, Tờ trình in January 2025",
          "[forms][check][examples]") {
    Diagnostics d;
    const auto u = data::load_unit(source_dir() / "examples" / "tt24-huyen.xml", {}, d);
    CHECK(u.assessment.year == 2024);
    CHECK(u.assessment.requested_level == 1);
    CHECK(u.documents.at("to-trinh").date.year == 2025);
    CHECK(u.documents.at("to-trinh").date.month == 1);
    const auto e = forms::evaluate(form("tt24-huyen"), u);
    CHECK(e.reached_level == 1);
    CHECK(e.valid_until == Date{2027, 12, 31});
    CHECK(result(e, 1, "T2.C2").value == "45/48 = 93,75%");
    CHECK(result(e, 2, "T2.C2").reason == "93,75% < 95%");
}

TEST_CASE("Unknown, duplicate and missing indicators are reported where they are", "[forms][check]") {
    std::string xml = example("tt24-huyen");
    xml = replace(xml, R"(<indicator id="T1.C5">)", R"(<indicator id="T1.C9">)");       // unknown (and T1.C5 missing)
    xml = replace(xml, R"(<indicator id="T2.C3">)", R"(<indicator id="T2.C2">)");       // duplicate (and T2.C3 missing)
    const Diagnostics d = validate(xml);
    INFO(d.format());
    const auto unknown = matching(d, "chỉ tiêu 'T1.C9' không có trong bộ tiêu chí tt24-huyen");
    REQUIRE(unknown.size() == 1);
    CHECK(unknown[0].where.line == line_of(xml, R"(<indicator id="T1.C9">)"));
    CHECK(unknown[0].where.column == 16);  // the id attribute
    const auto dup = matching(d, "chỉ tiêu T2.C2 được khai hai lần");
    REQUIRE(dup.size() == 1);
    CHECK(dup[0].where.line == line_of(xml, "<numerator>44</numerator>") - 1);
    CHECK(matching(d, "thiếu chỉ tiêu T1.C5").size() == 1);
    CHECK(matching(d, "thiếu chỉ tiêu T2.C3").size() == 1);
    CHECK(d.error_count() == 4);
}

TEST_CASE("Impossible figures — numerator above denominator, fractions of people, zero denominators, unknown levels",
          "[forms][check]") {
    std::string xml = example("tt24-huyen");
    xml = replace(xml, "<numerator>46</numerator>", "<numerator>50</numerator>");  // > 48 members
    xml = replace(xml, "<numerator>45</numerator>", "<numerator>44,5</numerator>");
    xml = replace(xml, "<numerator>27</numerator>", "<numerator>0</numerator><denominator>0</denominator>");
    xml = replace(xml, "<level>dap-ung-co-ban</level>", "<level>muc-kha</level>");
    const Diagnostics d = validate(xml);
    INFO(d.format());
    const auto over = matching(d, "tử số (50) lớn hơn mẫu số (48)");
    REQUIRE(over.size() == 1);
    CHECK(over[0].where.line == line_of(xml, "<numerator>50</numerator>"));
    CHECK(over[0].where.column == 7);
    CHECK(matching(d, "phải là số nguyên (44,5)").size() == 1);
    CHECK(matching(d, "mẫu số phải lớn hơn 0").size() == 1);
    const auto lvl = matching(d, "mức 'muc-kha' không hợp lệ");
    REQUIRE(lvl.size() == 1);
    CHECK_THAT(lvl[0].message_vi, Catch::Contains("dap-ung-co-ban (Mức đáp ứng cơ bản)"));
    // TT24 khoản 3 Điều 9 also applies: every remaining Đạt claim still has evidence, so no more errors.
    CHECK(d.error_count() == 4);
}

TEST_CASE("TT24 khoản 3 Điều 9 — a Đạt claim without evidence, in a real file, is an error on its indicator", "[forms][check][evidence]") {
    std::string xml = example("tt24-huyen");
    const std::string ev = R"(<evidence code="H3-02" date="2024-04-20">Kế hoạch sinh hoạt chuyên môn cụm trường và biên bản chuyên đề chia sẻ kinh nghiệm dạy học</evidence>)";
    xml = replace(xml, ev, "");
    const Diagnostics d = validate(xml);
    const auto m = matching(d, "đạt theo số liệu nhưng không có minh chứng");
    REQUIRE(m.size() == 1);
    CHECK(m[0].where.line == line_of(xml, R"(<indicator id="T3.C2">)"));
    CHECK_THAT(m[0].message_vi, Catch::Contains("TT24 khoản 3 Điều 9"));
}

TEST_CASE("An upgrade requested less than 12 months after the level-1 decision is a validation error (TT24 khoản 3 Điều 11)",
          "[forms][check][upgrade]") {
    std::string xml = example("tt24-tinh");
    xml = replace(xml, R"(date="2023-02-08" level="1" year="2022")", R"(date="2024-02-08" level="1" year="2023")");
    const Diagnostics d = validate(xml);
    const auto m = matching(d, "chưa đủ 12 tháng");
    REQUIRE(m.size() == 1);
    CHECK(m[0].where.line == line_of(xml, "<previous-decision"));
    CHECK_THAT(m[0].message_vi, Catch::Contains("11 tháng"));
    CHECK_THAT(m[0].message_vi, Catch::Contains("TT24 khoản 3 Điều 11"));
}

TEST_CASE("Unknown unit type, trait and settings list what is allowed", "[forms][check]") {
    std::string xml = example("tt25-xa");
    xml = replace(xml, R"(<unit type="xa">)", R"(<unit type="xã">)");
    xml = replace(xml, "    <trait>vung-kho-khan</trait>\n  </unit>", "    <trait>vung-sau</trait>\n  </unit>");
    xml = replace(xml, "<indicators>", R"(<settings><setting name="strict" value="yes"/><setting name="evidence" value="always"/></settings>
  <indicators>)");
    const Diagnostics d = validate(xml);
    INFO(d.format());
    CHECK(matching(d, "loại đơn vị 'xã' không có trong bộ tiêu chí tt25-xa; dùng một trong: xa, phuong, thi-tran").size() == 1);
    CHECK(matching(d, "đặc điểm 'vung-sau' không có").size() == 1);
    CHECK(matching(d, "thiết lập không có: 'strict'").size() == 1);
    CHECK(matching(d, "giá trị 'always' không hợp lệ cho evidence (dùng: required, recommended, optional)").size() == 1);
}

TEST_CASE("A data file checked against another form says so", "[forms][check]") {
    Diagnostics d;
    const auto u = parse_xml(example("tt24-huyen"), d);
    forms::check(form("tt24-tinh"), u, d);
    CHECK(matching(d, "ghi bộ tiêu chí 'tt24-huyen' nhưng đang kiểm tra theo 'tt24-tinh'").size() == 1);
}

TEST_CASE("Diagnostics from check() come in file order, each with file, line, column, Vietnamese and English", "[forms][check]") {
    const std::string xml = forms::skeleton_xml(form("tt25-tinh"));
    Diagnostics d;
    const auto u = parse_xml(xml, d);
    Diagnostics c;
    forms::check(form("tt25-tinh"), u, c);
    REQUIRE(c.items().size() > 10);
    int last = 0;
    for (const auto& x : c.items()) {
        CHECK(x.where.file == "unit.xml");
        CHECK(x.where.line >= last);
        last = x.where.line;
        CHECK_FALSE(x.message_vi.empty());
        CHECK_FALSE(x.message_en.empty());
    }
}
