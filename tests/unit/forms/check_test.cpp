// Validation of real data files against their form: every problem at once, each with its
// file:line:column and a Vietnamese and an English message.
#include <catch2/catch.hpp>

#include <tuple>

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

// The only evidence of T3.C2 in examples/tt24-huyen.xml.
const std::string kT3C2Evidence =
    R"(<evidence code="H3-02" date="2024-04-20">Kế hoạch sinh hoạt chuyên môn cụm trường và biên bản chuyên đề chia sẻ kinh nghiệm dạy học</evidence>)";

data::UnitData parse_and_check(const std::string& xml, Diagnostics& d) {
    auto u = parse_xml(xml, d);
    forms::check(form(u.form_id.value), u, d);
    return u;
}

Diagnostics validate(const std::string& xml) {
    Diagnostics d;
    parse_and_check(xml, d);
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

TEST_CASE("TT24 khoản 3 Điều 9 — one indicator of a real file without evidence: a full evaluation with that indicator Không đạt, "
          "and a warning, not an input error",
          "[forms][check][evidence]") {
    std::string xml = example("tt24-huyen");
    xml = replace(xml, kT3C2Evidence, "");
    Diagnostics d;
    const auto u = parse_and_check(xml, d);
    INFO(d.format());
    CHECK_FALSE(d.has_errors());
    REQUIRE(d.items().size() == 1);
    CHECK(d.items()[0].severity == Severity::Warning);
    CHECK(d.items()[0].where.line == line_of(xml, R"(<indicator id="T3.C2">)"));
    CHECK_THAT(d.items()[0].message_vi, Catch::Contains("đạt theo số liệu nhưng không có minh chứng phù hợp nên được đánh giá là "
                                                        "không đạt (TT24 khoản 3 Điều 9): Tiêu chí 3 không đạt"));
    const auto e = forms::evaluate(form("tt24-huyen"), u);
    // Every indicator of every level is judged, as for a complete file.
    int judged = 0;
    for (const auto& l : e.levels)
        for (const auto& c : l.criteria) judged += static_cast<int>(c.indicators.size());
    CHECK(judged == 30);
    CHECK(result(e, 1, "T3.C2").status == forms::Status::Fail);
    CHECK(result(e, 1, "T3.C2").reason == "Thiếu minh chứng phù hợp (TT24 khoản 3 Điều 9)");
    CHECK(result(e, 1, "T3.C1").status == forms::Status::Pass);
    CHECK(criterion(e, 1, "T1").status == forms::Status::Pass);
    CHECK(criterion(e, 1, "T2").status == forms::Status::Pass);
    CHECK(criterion(e, 1, "T3").status == forms::Status::Fail);
    CHECK(e.reached_level == 0);
    CHECK_FALSE(e.granted);
    const std::string table = forms::evaluation_text(form("tt24-huyen"), e);
    CHECK(table.find("MỨC ĐỘ 1 (Điều 6): KHÔNG ĐẠT — 2/3 tiêu chí đạt") != std::string::npos);
    CHECK(table.find("- Chưa đạt mức độ 1: Tiêu chí 3 không đạt (chỉ tiêu T3.C2) (TT24 khoản 1 Điều 8)") != std::string::npos);
    const std::string json = forms::evaluation_json(form("tt24-huyen"), e);
    CHECK(json.find(R"j("reason": "Thiếu minh chứng phù hợp (TT24 khoản 3 Điều 9)",
              "figures_met": true,
              "evidence_issue": "missing",)j") != std::string::npos);
}

TEST_CASE("TT24 khoản 3 Điều 9 — an <evidence> with a code only, in a real file, does not count; with the document's date or "
          "number it does",
          "[forms][check][evidence][blank]") {
    for (const auto& [item, counts] : std::vector<std::pair<std::string, bool>>{
             {R"(<evidence code="H3-02"/>)", false},
             {R"(<evidence code="H3-02" number=""/>)", false},
             {R"(<evidence code="H3-02" date="2024-04-20"/>)", true},
             {R"(<evidence code="H3-02" number="15/KH-THĐH"/>)", true}}) {
        const std::string xml = replace(example("tt24-huyen"), kT3C2Evidence, item);
        INFO(item);
        Diagnostics d;
        const auto u = parse_and_check(xml, d);
        INFO(d.format());
        CHECK_FALSE(d.has_errors());
        REQUIRE(d.items().size() == 1);
        const auto e = forms::evaluate(form("tt24-huyen"), u);
        if (counts) {
            CHECK(d.items()[0].message_vi == "minh chứng H3-02 chưa có mô tả (tên, số, ngày văn bản)");
            CHECK(d.items()[0].where.line == line_of(xml, R"(<evidence code="H3-02")"));
            CHECK(e.granted);
        } else {
            CHECK_THAT(d.items()[0].message_vi, Catch::Contains("(minh chứng H3-02 không có mô tả, số, ngày văn bản) nên được "
                                                                "đánh giá là không đạt"));
            CHECK(result(e, 1, "T3.C2").reason ==
                  "Thiếu minh chứng phù hợp (TT24 khoản 3 Điều 9): minh chứng H3-02 không có mô tả, số, ngày văn bản");
            CHECK_FALSE(e.granted);
        }
    }
}

TEST_CASE("TT24 khoản 3 Điều 11 — an upgrade requested less than 12 months after the level-1 decision is a warning; the evaluation "
          "marks the request not in order",
          "[forms][check][upgrade]") {
    std::string xml = example("tt24-tinh");
    xml = replace(xml, R"(date="2023-02-08" level="1" year="2022")", R"(date="2024-02-08" level="1" year="2023")");
    Diagnostics d;
    const auto u = parse_xml(xml, d);
    forms::check(form("tt24-tinh"), u, d);
    INFO(d.format());
    CHECK_FALSE(d.has_errors());
    const auto m = matching(d, "chưa đủ 12 tháng");
    REQUIRE(m.size() == 1);
    CHECK(m[0].severity == Severity::Warning);
    CHECK(m[0].where.line == line_of(xml, "<previous-decision"));
    CHECK_THAT(m[0].message_vi, Catch::Contains("11 tháng"));
    CHECK_THAT(m[0].message_vi, Catch::Contains("TT24 khoản 3 Điều 11"));
    CHECK_THAT(m[0].message_vi, Catch::EndsWith("sớm nhất từ ngày 08/02/2025"));
    const auto e = forms::evaluate(form("tt24-tinh"), u);
    CHECK(e.reached_level == 2);
    CHECK_FALSE(e.granted);
    CHECK_FALSE(e.request_in_order);
    CHECK(e.earliest_request_date == Date{2025, 2, 8});
    const std::string table = forms::evaluation_text(form("tt24-tinh"), e);
    CHECK(table.find("Hồ sơ đề nghị: CHƯA ĐÚNG QUY ĐỊNH về nâng mức độ (TT24 khoản 3 Điều 11); Tờ trình lập sớm nhất từ "
                     "ngày 08/02/2025\n") != std::string::npos);
    const std::string json = forms::evaluation_json(form("tt24-tinh"), e);
    CHECK(json.find("\"request_in_order\": false,\n  \"earliest_request_date\": \"2025-02-08\",") != std::string::npos);
}

// --- One error per fault --------------------------------------------------------------------------

namespace {

// The diagnostics of load + check for `xml` (a copy of an example with one fault), with a font
// that lacks '中'.
Diagnostics load_and_check(const std::string& xml) {
    data::LoadOptions o;
    o.missing_glyphs = [](const std::string& s) {
        return s.find("中") != std::string::npos ? std::vector<char32_t>{U'中'} : std::vector<char32_t>{};
    };
    Diagnostics d;
    const auto u = data::parse_unit(xml, "unit.xml", o, d);
    if (const forms::Form* f = library().find(u.form_id.value)) forms::check(*f, u, d);
    return d;
}

struct Fault {
    const char* what;
    const char* example;
    std::string from, to;
    std::string says;  // the one error's text
};

}  // namespace

TEST_CASE("A wrong value is reported once: never a second \"chưa nhập\" or \"thiếu\" for the same value", "[forms][check][once]") {
    const std::vector<Fault> faults = {
        {"yes/no", "tt24-huyen", "<met>có</met>", "<met>có lẽ</met>", "giá trị 'có lẽ' không hợp lệ (ghi 'có' hoặc 'không')"},
        {"applicable", "tt24-huyen", "<met>có</met>", "<applicable>chắc</applicable>", "giá trị 'chắc' không hợp lệ"},
        {"Tờ trình date", "tt24-huyen", R"(kind="to-trinh" number="05" date="2025-01-08")",
         R"(kind="to-trinh" number="05" date="2025-02-30")", "ngày không hợp lệ: '2025-02-30'"},
        {"previous decision date", "tt24-tinh", R"(date="2023-02-08")", R"(date="2023-02-30")", "ngày không hợp lệ: '2023-02-30'"},
        {"evidence date", "tt24-huyen", R"(date="2024-01-15")", R"(date="2024-13-15")", "ngày không hợp lệ: '2024-13-15'"},
        // The item's only checkable part is refused: not called blank, the indicator not called Không đạt for it.
        {"date of an evidence item without a description", "tt24-huyen", kT3C2Evidence,
         R"(<evidence code="H3-02" date="2024-02-30"/>)", "ngày không hợp lệ: '2024-02-30'"},
        {"number of an evidence item without a description", "tt24-huyen", kT3C2Evidence,
         R"(<evidence code="H3-02" number="15/KH-中"/>)", "ký tự không có trong phông chữ"},
        {"decision date", "tt24-huyen", R"(kind="first")", R"(kind="first" decision-date="2025-02-30")",
         "ngày không hợp lệ: '2025-02-30'"},
        {"negative number", "tt24-huyen", "<numerator>45</numerator>", "<numerator>-45</numerator>", "số liệu không được âm: '-45'"},
        {"non-numeric numerator", "tt24-huyen", "<numerator>45</numerator>", "<numerator>bốn lăm</numerator>",
         "'bốn lăm' không phải là số"},
        {"ambiguous number", "tt24-huyen", "<numerator>45</numerator>", "<numerator>1.045</numerator>", "không rõ nghĩa"},
        {"non-numeric figure", "tt24-tinh", R"(<figure name="learners-passed">1094</figure>)",
         R"(<figure name="learners-passed">nhiều</figure>)", "'nhiều' không phải là số"},
        {"negative count", "tt25-tinh", "<count>5</count>", "<count>-3</count>", "số liệu không được âm: '-3'"},
        {"non-numeric count", "tt25-tinh", "<count>5</count>", "<count>năm</count>", "'năm' không phải là số"},
        {"members (the default denominator of six ratios)", "tt24-huyen", "<members>48</members>", "<members>bốn tám</members>",
         "số Thành viên phải là số nguyên"},
        {"requested level of an upgrade", "tt24-tinh", R"(level="2" kind="upgrade")", R"(level="hai" kind="upgrade")",
         "mức độ đề nghị không hợp lệ: 'hai'"},
        {"previous level of an upgrade", "tt24-tinh", R"(level="1" year="2022")", R"(level="một" year="2022")",
         "mức độ không hợp lệ: 'một'"},
        {"kind beside a previous decision", "tt24-tinh", R"(kind="upgrade")", R"(kind="nâng")",
         "hình thức đề nghị không hợp lệ: 'nâng'"},
        {"assessed year", "tt24-huyen", R"(year="2024")", R"(year="hai nghìn")", "năm đánh giá không hợp lệ"},
        {"a value too long", "tt24-huyen", "<numerator>45</numerator>", "<numerator>" + std::string(120 * 1024, '4') + "</numerator>",
         "giá trị quá dài"},
        {"a character the fonts lack", "tt24-huyen", "<numerator>45</numerator>", "<numerator>4中5</numerator>",
         "ký tự không có trong phông chữ"},
        {"a date with a character the fonts lack", "tt24-huyen", R"(kind="to-trinh" number="05" date="2025-01-08")",
         R"(kind="to-trinh" number="05" date="2025-01-0中")", "ký tự không có trong phông chữ"},
    };
    for (const auto& fault : faults) {
        DYNAMIC_SECTION(fault.what) {
            const std::string xml = replace(example(fault.example), fault.from, fault.to);
            const Diagnostics d = load_and_check(xml);
            INFO(d.format().substr(0, 4000));
            REQUIRE(d.items().size() == 1);
            const auto& x = d.items()[0];
            CHECK(x.severity == Severity::Error);
            CHECK(x.where.line == line_of(xml, fault.to.substr(0, 40)));
            CHECK_THAT(x.message_vi, Catch::Contains(fault.says));
        }
    }
}

TEST_CASE("A value left empty is still reported missing, once", "[forms][check][once]") {
    for (const auto& [from, to, says] : std::vector<std::tuple<std::string, std::string, std::string>>{
             {"<met>có</met>", "<met></met>", "chỉ tiêu T1.C1: chưa nhập <met>"},
             {"<numerator>45</numerator>", "<numerator></numerator>", "chỉ tiêu T2.C2: chưa nhập <numerator>"},
             {R"(kind="to-trinh" number="05" date="2025-01-08")", R"(kind="to-trinh" number="05" date="")",
              "thiếu ngày Tờ trình"}}) {
        DYNAMIC_SECTION(to) {
            const std::string xml = replace(example("tt24-huyen"), from, to);
            const Diagnostics d = load_and_check(xml);
            INFO(d.format());
            REQUIRE(d.items().size() == 1);
            CHECK(d.items()[0].where.line == line_of(xml, to));
            CHECK_THAT(d.items()[0].message_vi, Catch::Contains(says));
        }
    }
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
