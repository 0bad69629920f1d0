// The unit data file: what a well-formed file yields, and how every kind of mistake in it is
// reported (all at once, file:line:column, Vietnamese and English).
#include <catch2/catch.hpp>

#include "data/data.h"
#include "support.h"
#include "text/text.h"

using namespace hoso;

namespace {

data::UnitData parse(const std::string& xml, Diagnostics& d, const data::LoadOptions& o = {}) {
    return data::parse_unit(xml, "unit.xml", o, d);
}

// A small complete file; tests replace parts of it.
const std::string kMinimal = R"(<?xml version="1.0" encoding="UTF-8"?>
<hoso-data form="tt24-huyen" version="1">
  <unit type="tieu-hoc-cong-lap">
    <name>Trường Tiểu học Đông Hải</name>
    <abbreviation>THĐH</abbreviation>
    <place>Phong Thổ</place>
    <members>48</members>
  </unit>
  <assessment year="2024" level="1" kind="first"/>
  <signer>
    <authority>HIỆU TRƯỞNG</authority>
    <name>Nguyễn Thị Thu Hà</name>
  </signer>
  <indicators>
    <indicator id="T2.C1">
      <numerator>45</numerator>
      <denominator>48</denominator>
    </indicator>
  </indicators>
</hoso-data>
)";

std::string replace(std::string s, const std::string& from, const std::string& to) {
    const auto p = s.find(from);
    REQUIRE(p != std::string::npos);
    s.replace(p, from.size(), to);
    return s;
}

bool has(const Diagnostics& d, Severity sev, const std::string& needle, int line = 0) {
    for (const auto& x : d.items()) {
        if (x.severity != sev) continue;
        if (line != 0 && x.where.line != line) continue;
        if (x.message_vi.find(needle) != std::string::npos || x.message_en.find(needle) != std::string::npos) return true;
    }
    return false;
}

}  // namespace

TEST_CASE("examples/tt24-huyen.xml — every field is read, nothing reported", "[data]") {
    Diagnostics d;
    const auto u = data::load_unit(test::source_dir() / "examples" / "tt24-huyen.xml", {}, d);
    INFO(d.format());
    CHECK(d.empty());
    CHECK(u.form_id.value == "tt24-huyen");
    CHECK(u.unit.name.value == "Trường Tiểu học Đông Hải");
    CHECK(u.unit.type.value == "tieu-hoc-cong-lap");
    CHECK(u.unit.parent_agency.size() == 1);
    CHECK(u.unit.abbreviation.value == "THĐH");
    CHECK(u.unit.members == 48);
    CHECK(u.assessment.year == 2024);
    CHECK(u.assessment.requested_level == 1);
    CHECK(u.assessment.kind == data::RequestKind::First);
    REQUIRE(u.documents.count("to-trinh") == 1);
    CHECK(u.documents.at("to-trinh").number.value == "05");
    CHECK(u.documents.at("to-trinh").date == Date{2025, 1, 8});
    CHECK(u.addressees.size() == 1);
    CHECK(u.signer.authority.front().value == "HIỆU TRƯỞNG");
    CHECK(u.distribution.front().value == "Như trên");
    CHECK(u.team.size() == 5);
    CHECK(u.indicators.size() == 14);
    CHECK(u.indicators.front().id.value == "T1.C1");
    CHECK(u.indicators.front().met == true);
    CHECK(u.indicators.front().evidence.size() == 2);
    CHECK(u.indicators.front().evidence[0].date == Date{2024, 1, 15});
    CHECK(u.report.size() == 6);
    CHECK(u.report.front().key.value == "dac-diem");
    CHECK(u.report.front().paragraphs.size() == 3);
    // Locations point at the element (line of "<numerator>" in the file).
    const auto& t21 = u.indicators[5];
    CHECK(t21.id.value == "T2.C1");
    CHECK(t21.numerator == 46.0);
    CHECK(t21.locations.at("numerator").line > t21.where.line);
    CHECK(t21.locations.at("numerator").column == 7);
}

TEST_CASE("Every example data file parses without problems", "[data]") {
    for (const char* name : {"tt24-huyen", "tt24-tinh", "tt25-xa", "tt25-huyen", "tt25-tinh"}) {
        DYNAMIC_SECTION(name) {
            Diagnostics d;
            const auto u = data::load_unit(test::source_dir() / "examples" / (std::string(name) + ".xml"), {}, d);
            INFO(d.format());
            CHECK(d.empty());
            CHECK(u.form_id.value == name);
        }
    }
}

TEST_CASE("Figures — decimals with comma or point; thousands separators refused as ambiguous", "[data]") {
    Diagnostics d;
    auto u = parse(replace(replace(kMinimal, "<numerator>45</numerator>", "<numerator>45,5</numerator>"),
                           "<denominator>48</denominator>", "<denominator>48.25</denominator>"),
                   d);
    CHECK(d.empty());
    CHECK(u.indicators[0].numerator == 45.5);
    CHECK(u.indicators[0].denominator == 48.25);

    Diagnostics d2;
    parse(replace(kMinimal, "<numerator>45</numerator>", "<numerator>1.234</numerator>"), d2);
    CHECK(has(d2, Severity::Error, "không rõ nghĩa", 16));
}

TEST_CASE("Wrong types — non-numeric, negative figures, bad yes/no, bad year, level and kind are errors with their place",
          "[data]") {
    std::string xml = kMinimal;
    xml = replace(xml, "<numerator>45</numerator>", "<numerator>bốn lăm</numerator>");
    xml = replace(xml, "<denominator>48</denominator>", "<denominator>-48</denominator><met>có lẽ</met>");
    xml = replace(xml, "<members>48</members>", "<members>48 người</members>");
    xml = replace(xml, R"(year="2024" level="1" kind="first")", R"(year="hai nghìn" level="ba" kind="tự động")");
    Diagnostics d;
    parse(xml, d);
    INFO(d.format());
    CHECK(has(d, Severity::Error, "'bốn lăm' không phải là số", 16));
    CHECK(has(d, Severity::Error, "không được âm", 17));
    CHECK(has(d, Severity::Error, "'có lẽ' không hợp lệ", 17));
    CHECK(has(d, Severity::Error, "số Thành viên phải là số nguyên", 7));
    CHECK(has(d, Severity::Error, "năm đánh giá không hợp lệ", 9));
    CHECK(has(d, Severity::Error, "mức độ đề nghị không hợp lệ", 9));
    CHECK(has(d, Severity::Error, "hình thức đề nghị không hợp lệ", 9));
    // All problems at once.
    CHECK(d.error_count() == 7);
    for (const auto& x : d.items()) {
        CHECK(x.where.file == "unit.xml");
        CHECK(x.where.line > 0);
        CHECK(x.where.column > 0);
        CHECK_FALSE(x.message_vi.empty());
        CHECK_FALSE(x.message_en.empty());
    }
}

TEST_CASE("Missing required fields are named", "[data]") {
    const std::string xml = R"(<hoso-data>
  <unit>
    <name></name>
  </unit>
  <assessment/>
  <indicators/>
</hoso-data>)";
    Diagnostics d;
    parse(xml, d);
    INFO(d.format());
    CHECK(has(d, Severity::Error, "mã bộ tiêu chí", 1));
    CHECK(has(d, Severity::Error, "loại đơn vị", 2));
    CHECK(has(d, Severity::Error, "tên đơn vị", 3));
    CHECK(has(d, Severity::Error, "chữ viết tắt", 2));
    CHECK(has(d, Severity::Error, "địa danh", 2));
    CHECK(has(d, Severity::Error, "năm đánh giá", 5));
    CHECK(has(d, Severity::Error, "mức độ đề nghị", 5));
    CHECK(has(d, Severity::Error, "hình thức đề nghị", 5));
    CHECK(has(d, Severity::Error, "người ký", 1));
    for (const auto& x : d.items()) CHECK_FALSE(x.field.empty());
}

TEST_CASE("Renewal and upgrade need the previous decision (TT24 khoản 10, 11 Điều 2)", "[data]") {
    Diagnostics d;
    parse(replace(kMinimal, R"(kind="first")", R"(kind="upgrade")"), d);
    CHECK(has(d, Severity::Error, "previous-decision", 9));

    Diagnostics d2;
    const auto u = parse(replace(kMinimal, R"(<assessment year="2024" level="1" kind="first"/>)",
                                 R"(<assessment year="2024" level="2" kind="nang-muc-do">
    <previous-decision number="304/QĐ-UBND" date="10/02/2023" level="1" year="2022"/>
  </assessment>)"),
                         d2);
    INFO(d2.format());
    CHECK(d2.empty());
    CHECK(u.assessment.kind == data::RequestKind::Upgrade);
    REQUIRE(u.assessment.previous);
    CHECK(u.assessment.previous->number.value == "304/QĐ-UBND");
    CHECK(u.assessment.previous->date == Date{2023, 2, 10});
    CHECK(u.assessment.previous->level == 1);
    CHECK(u.assessment.previous->year == 2022);
}

TEST_CASE("Document dates may leave the day or the month blank for signing by hand", "[data]") {
    const std::string docs = R"(<documents>
    <document kind="to-trinh" number="" date="2025-01"/>
    <document kind="bao-cao" number="04" date="2025"/>
    <document kind="tong-hop" date="06/01/2025"/>
    <document kind="cong-van" date="2025-13-01"/>
  </documents>
  <signer>)";
    Diagnostics d;
    const auto u = parse(replace(kMinimal, "<signer>", docs), d);
    CHECK(u.documents.at("to-trinh").date == Date{2025, 1, 0});
    CHECK(u.documents.at("bao-cao").date == Date{2025, 0, 0});
    CHECK(u.documents.at("tong-hop").date == Date{2025, 1, 6});
    CHECK(has(d, Severity::Error, "ngày không hợp lệ: '2025-13-01'", 14));
    CHECK(d.error_count() == 1);
}

TEST_CASE("Unknown elements and attributes are errors — typed data must never be silently ignored", "[data]") {
    std::string xml = replace(kMinimal, "<numerator>45</numerator>", "<numerater>45</numerater>");
    xml = replace(xml, R"(<unit type="tieu-hoc-cong-lap">)", R"(<unit type="tieu-hoc-cong-lap" loai="x">)");
    Diagnostics d;
    parse(xml, d);
    INFO(d.format());
    CHECK(has(d, Severity::Error, "phần tử không hợp lệ <numerater>", 16));
    CHECK(has(d, Severity::Error, "thuộc tính không hợp lệ 'loai'", 3));
    // The column points at the element.
    for (const auto& x : d.items()) {
        if (x.where.line == 16) CHECK(x.where.column == 7);
        if (x.where.line == 3) CHECK(x.where.column == 34);
    }
}

TEST_CASE("Duplicate elements that may occur once are reported", "[data]") {
    Diagnostics d;
    parse(replace(kMinimal, "<place>Phong Thổ</place>", "<place>Phong Thổ</place>\n    <place>Lai Châu</place>"), d);
    CHECK(has(d, Severity::Error, "bị lặp", 7));
}

TEST_CASE("NFD text is normalised to NFC with a warning", "[data][nfc]") {
    const std::string nfd_name = "Tru\xCC\x9Bo\xCC\x9B\xCC\x80ng Tie\xCC\x82\xCC\x89u ho\xCC\xA3""c";  // "Trường Tiểu học" decomposed
    REQUIRE_FALSE(text::is_nfc(nfd_name));
    Diagnostics d;
    const auto u = parse(replace(kMinimal, "Trường Tiểu học Đông Hải", nfd_name), d);
    CHECK(u.unit.name.value == text::to_nfc(nfd_name));
    CHECK(u.unit.name.value == "Trường Tiểu học");
    CHECK(has(d, Severity::Warning, "NFC", 4));
    CHECK_FALSE(d.has_errors());
}

TEST_CASE("Characters the fonts cannot print are errors naming the code point", "[data][glyphs]") {
    data::LoadOptions o;
    o.missing_glyphs = [](const std::string& s) {
        std::vector<char32_t> out;
        for (char32_t c : text::to_utf32(s)) {
            if (c >= 0x4E00 && c <= 0x9FFF) out.push_back(c);
        }
        return out;
    };
    Diagnostics d;
    parse(replace(kMinimal, "Trường Tiểu học Đông Hải", "Trường 中 Đông Hải"), d, o);
    INFO(d.format());
    CHECK(has(d, Severity::Error, "ký tự không có trong phông chữ: U+4E2D '中'", 4));
}

TEST_CASE("Whitespace inside values is collapsed; list punctuation of Nơi nhận is dropped", "[data]") {
    Diagnostics d;
    const auto u = parse(replace(kMinimal, "<signer>", R"(<distribution>
    <recipient>- Như trên;</recipient>
    <recipient>Lưu: VT, THĐH.</recipient>
  </distribution>
  <signer>)"),
                         d);
    CHECK(d.empty());
    REQUIRE(u.distribution.size() == 2);
    CHECK(u.distribution[0].value == "Như trên");
    CHECK(u.distribution[1].value == "Lưu: VT, THĐH");
    Diagnostics d2;
    const auto u2 = parse(replace(kMinimal, "<name>Trường Tiểu học Đông Hải</name>", "<name>\n   Trường   Tiểu học\n  Đông Hải </name>"), d2);
    CHECK(u2.unit.name.value == "Trường Tiểu học Đông Hải");
}

TEST_CASE("Named figures, evidence and explicit not-applicable are read with their places", "[data]") {
    Diagnostics d;
    const auto u = parse(replace(kMinimal, "<denominator>48</denominator>", R"(<denominator>48</denominator>
      <figure name="learners">1120</figure>
      <figure name="numerator">3</figure>
      <applicable>không</applicable>
      <evidence code="H2-01" date="2024-12-27">Biên bản đánh giá viên chức</evidence>
      <evidence date="2024-12-27">Không mã</evidence>)"),
                         d);
    INFO(d.format());
    const auto& in = u.indicators.at(0);
    CHECK(in.figures.at("learners") == 1120.0);
    CHECK(in.locations.at("learners").line == 18);
    CHECK(in.applicable == false);
    REQUIRE(in.evidence.size() == 1);
    CHECK(in.evidence[0].code.value == "H2-01");
    CHECK(in.evidence[0].date == Date{2024, 12, 27});
    CHECK(has(d, Severity::Error, "tên số liệu không hợp lệ: 'numerator'", 19));
    CHECK(has(d, Severity::Error, "mã minh chứng", 22));
}

TEST_CASE("Settings overrides are read as name/value pairs", "[data]") {
    Diagnostics d;
    const auto u = parse(replace(kMinimal, "<indicators>", R"(<settings>
    <setting name="not-applicable" value="fail"/>
  </settings>
  <indicators>)"),
                         d);
    CHECK(d.empty());
    CHECK(u.settings.at("not-applicable").value == "fail");
}

TEST_CASE("The recognition decision's date may be given on <assessment>, whole or as a year or month", "[data][validity]") {
    for (const auto& [written, read] : std::vector<std::pair<std::string, Date>>{
             {"2025-02-10", Date{2025, 2, 10}}, {"10/02/2025", Date{2025, 2, 10}}, {"2025-02", Date{2025, 2, 0}}, {"2026", Date{2026, 0, 0}}}) {
        Diagnostics d;
        const auto u = parse(replace(kMinimal, R"(kind="first")", R"(kind="first" decision-date=")" + written + "\""), d);
        INFO(d.format());
        CHECK(d.empty());
        CHECK(u.assessment.decision_date == read);
    }
    Diagnostics d;
    const auto u = parse(kMinimal, d);
    CHECK_FALSE(u.assessment.decision_date);
    Diagnostics bad;
    const auto v = parse(replace(kMinimal, R"(kind="first")", R"(kind="first" decision-date="2025-02-30")"), bad);
    CHECK(has(bad, Severity::Error, "ngày không hợp lệ: '2025-02-30'", 9));
    CHECK(bad.error_count() == 1);
    CHECK_FALSE(v.assessment.decision_date);
    CHECK(v.refused("assessment.decision-date"));
}

TEST_CASE("A value written but refused is recorded as such, so that nothing reports it again as missing", "[data][once]") {
    std::string xml = kMinimal;
    xml = replace(xml, "<numerator>45</numerator>", "<numerator>-45</numerator><met>có lẽ</met>");
    xml = replace(xml, "<denominator>48</denominator>", "<denominator></denominator><figure name=\"learners\">x</figure>");
    xml = replace(xml, "<members>48</members>", "<members>-1</members>");
    xml = replace(xml, R"(<assessment year="2024" level="1" kind="first"/>)",
                  R"(<assessment year="2024" level="x" kind="first"/>
  <documents><document kind="to-trinh" date="2025-02-30"/></documents>)");
    Diagnostics d;
    const auto u = parse(xml, d);
    INFO(d.format());
    CHECK(d.error_count() == 6);
    const auto& in = u.indicators.at(0);
    CHECK(in.rejected == std::set<std::string>{"numerator", "met", "learners"});
    CHECK(in.locations.count("denominator") == 1);  // written, empty: missing, not refused
    CHECK(u.rejected == std::set<std::string>{"unit.members", "assessment.level", "documents.to-trinh.date"});
}

TEST_CASE("An <evidence> may give the document's number (số, ký hiệu) and date; one refused is recorded as such",
          "[data][evidence]") {
    data::LoadOptions o;
    o.missing_glyphs = [](const std::string& s) {
        std::vector<char32_t> out;
        for (char32_t c : text::to_utf32(s)) {
            if (c >= 0x4E00 && c <= 0x9FFF) out.push_back(c);
        }
        return out;
    };
    Diagnostics d;
    const auto u = parse(replace(kMinimal, "<denominator>48</denominator>", R"(<denominator>48</denominator>
      <evidence code="H2-01" number="12/KH-THĐH" date="2024-01-15"/>
      <evidence code="H2-02" number=" 86/BC-THĐH "/>
      <evidence code="H2-03"/>
      <evidence code="H2-04" date="2024-02-30"/>
      <evidence code="H2-05" number="中/KH"/>)"),
                         d, o);
    INFO(d.format());
    const auto& ev = u.indicators.at(0).evidence;
    REQUIRE(ev.size() == 5);
    CHECK(ev[0].number.value == "12/KH-THĐH");
    CHECK(ev[0].number.where.line == 18);
    CHECK(ev[0].date == Date{2024, 1, 15});
    CHECK(ev[1].number.value == "86/BC-THĐH");
    CHECK_FALSE(ev[1].date);
    CHECK(ev[2].number.value.empty());
    CHECK_FALSE(ev[2].rejected);
    // Refused values: each reported once here, and marked so that the forms say nothing more of them.
    CHECK(ev[3].rejected);
    CHECK_FALSE(ev[3].date);
    CHECK(ev[4].rejected);
    CHECK(d.error_count() == 2);
    CHECK(has(d, Severity::Error, "ngày không hợp lệ: '2024-02-30'", 21));
    CHECK(has(d, Severity::Error, "U+4E2D", 22));
}
