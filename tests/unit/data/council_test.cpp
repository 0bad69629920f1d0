// Council files and their units CSV (examples/council/README.md): structure, values and every
// problem with file:line:column.
#include "data/data.h"

#include "support.h"

using namespace hoso;
using data::CouncilSource;

namespace {

data::LoadOptions options() { return {}; }

std::vector<data::CouncilUnit> csv_ok(const std::string& csv) {
    Diagnostics d;
    auto units = data::parse_council_csv(csv, "u.csv", options(), d);
    INFO(d.format());
    REQUIRE_FALSE(d.has_errors());
    return units;
}

std::string csv_errors(const std::string& csv) {
    Diagnostics d;
    data::parse_council_csv(csv, "u.csv", options(), d);
    CHECK(d.has_errors());
    return d.format();
}

const std::string kMinimal = R"(<hoso-council form="tt24-huyen" year="2024" version="1">
  <decision number="5" date="2025-02">
    <agency>Ủy ban nhân dân</agency>
    <abbreviation>UBND</abbreviation>
    <place>Phong Thổ</place>
    <authority>CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN PHONG THỔ</authority>
    <issuer>Chủ tịch Ủy ban nhân dân huyện Phong Thổ</issuer>
    <basis>Căn cứ Luật A;</basis>
    <basis ref="circular"/>
    <proposal>Theo đề nghị của Trưởng phòng.</proposal>
    <signer><authority>CHỦ TỊCH</authority><name>Nguyễn Văn Bình</name></signer>
    <distribution><recipient>- Lưu: VT;</recipient></distribution>
  </decision>
  <units>
    <unit file="a/b.xml" head="Hiệu trưởng"/>
    <unit name="Trường Tiểu học Âu Lạc" level="2" kind="nâng mức độ" result="đạt" note="x"/>
  </units>
</hoso-council>)";

}  // namespace

TEST_CASE("council CSV: RFC 4180 quoting, header names in any order, ';' separator, BOM, CRLF", "[data][council]") {
    auto units = csv_ok("Level,NAME,result,reasons\n"
                        "1,\"Trường Tiểu học \"\"Sao Mai\"\", xã A\",không đạt,\"Lý do một; lý do\nhai\"\n"
                        "2,Trường Mầm non B,đạt,\n\n");
    REQUIRE(units.size() == 2);
    CHECK(units[0].name.value == "Trường Tiểu học \"Sao Mai\", xã A");
    CHECK(units[0].source == CouncilSource::Csv);
    CHECK(units[0].where.line == 2);
    CHECK(units[0].level == 1);
    CHECK(units[0].granted == std::optional<bool>(false));
    REQUIRE(units[0].reasons.size() == 2);
    CHECK(units[0].reasons[0].value == "Lý do một");
    CHECK(units[0].reasons[1].value == "lý do hai");  // a line break inside quotes is a space
    CHECK(units[1].where.line == 4);                 // the record after a two-line record
    CHECK(units[1].granted == std::optional<bool>(true));

    units = csv_ok("\xEF\xBB\xBFname;level;result;kind\r\nTrường A, xã B;2;dat;renewal\r\n");
    REQUIRE(units.size() == 1);
    CHECK(units[0].name.value == "Trường A, xã B");
    CHECK(units[0].kind == data::RequestKind::Renewal);
}

TEST_CASE("council CSV: every bad row reported with file:line:column", "[data][council]") {
    const std::string report = csv_errors(
        "name,level,result,reasons,colour\n");
    CHECK(report.find("u.csv:1:27: lỗi: cột không hợp lệ 'colour'") != std::string::npos);

    const std::string rows = csv_errors("name,level,result,reasons\n"
                                        "A,1,đạt\n"           // too few fields
                                        "B,x,đạt,\n"          // bad level at column 3
                                        "C,1,có lẽ,\n"        // bad result at column 5
                                        "D,1,không đạt,\n"    // no reasons
                                        "E,1,đạt,thừa\n");    // reasons on a recognised unit
    INFO(rows);
    CHECK(rows.find("u.csv:2:1:") != std::string::npos);
    CHECK(rows.find("u.csv:3:3:") != std::string::npos);
    CHECK(rows.find("u.csv:4:5:") != std::string::npos);
    CHECK(rows.find("u.csv:5:1:") != std::string::npos);
    CHECK(rows.find("u.csv:6:9:") != std::string::npos);

    CHECK(csv_errors("name,level,result\n\"Trường A,1,đạt\n").find("u.csv:2:1: lỗi: dấu ngoặc kép mở nhưng không đóng") !=
          std::string::npos);
    CHECK(csv_errors("name,level\nA,1\n").find("thiếu cột bắt buộc 'result'") != std::string::npos);
    CHECK(csv_errors("name,level,result\nA,1,đạt\xff\n").find("UTF-8") != std::string::npos);
}

TEST_CASE("council file: values cleaned, the circular as a basis, unit sources and paths", "[data][council]") {
    Diagnostics d;
    const auto c = data::parse_council(kMinimal, "c.xml", "/x/y", options(), d);
    INFO(d.format());
    REQUIRE_FALSE(d.has_errors());
    CHECK(c.form_id.value == "tt24-huyen");
    CHECK(c.year == 2024);
    CHECK(c.decision.number.value == "5");
    CHECK(c.decision.date == Date{2025, 2, 0});
    REQUIRE(c.decision.bases.size() == 2);
    CHECK(c.decision.bases[0].text.value == "Luật A");  // "Căn cứ" and ";" are the template's
    CHECK(c.decision.bases[1].circular);
    CHECK(c.decision.proposal.value == "Trưởng phòng");
    REQUIRE(c.decision.distribution.size() == 1);
    CHECK(c.decision.distribution[0].value == "Lưu: VT");
    REQUIRE(c.units.size() == 2);
    CHECK(c.units[0].source == CouncilSource::File);
    CHECK(c.units[0].file == std::filesystem::path("/x/y/a/b.xml"));
    CHECK(c.units[0].head.value == "Hiệu trưởng");
    CHECK_FALSE(c.units[0].granted.has_value());
    CHECK(c.units[1].kind == data::RequestKind::Upgrade);
    CHECK(c.units[1].note.value == "x");
    CHECK(c.units[1].where.line == 16);
    CHECK(c.units[1].where.column == 5);
}

TEST_CASE("council file: structural and ND30 problems all at once", "[data][council]") {
    std::string xml = kMinimal;
    auto replace = [&](const std::string& from, const std::string& to) {
        const auto at = xml.find(from);
        REQUIRE(at != std::string::npos);
        xml.replace(at, from.size(), to);
    };
    replace("number=\"5\"", "number=\"05/2025\"");                   // ND30: no year in the number
    replace("<recipient>- Lưu: VT;</recipient>", "<recipient>Như Điều 3</recipient>");  // the template adds it
    replace("<unit file=\"a/b.xml\" head=\"Hiệu trưởng\"/>", "<unit file=\"a/b.xml\" level=\"2\"/>");
    replace("result=\"đạt\" note=\"x\"/>", "result=\"không đạt\"/>");  // no reasons
    replace("<units>", "<units><colour/>");
    Diagnostics d;
    data::parse_council(xml, "c.xml", ".", options(), d);
    const std::string report = d.format();
    INFO(report);
    CHECK(report.find("c.xml:2:13:") != std::string::npos);
    CHECK(report.find("không ghi năm") != std::string::npos);
    CHECK(report.find("mẫu tự thêm dòng đầu \"Như Điều 3\"") != std::string::npos);
    CHECK(report.find("c.xml:15:26: lỗi: thuộc tính không hợp lệ 'level'") != std::string::npos);
    CHECK(report.find("c.xml:16:5: lỗi: đơn vị không đạt cần lý do") != std::string::npos);
    CHECK(report.find("c.xml:14:10: lỗi: phần tử không hợp lệ <colour>") != std::string::npos);
    CHECK(d.error_count() == 5);
}

TEST_CASE("council file: the dispatch's paragraphs before and after its sections", "[data][council]") {
    std::string xml = kMinimal;
    xml.replace(xml.find("</hoso-council>"), 15, R"(<dispatch date="2025-02" symbol="UBND-GDĐT">
    <subject>V/v triển khai</subject>
    <addressee>- Các cơ quan;</addressee>
    <p>Mở đầu.</p>
    <section title="Phòng Giáo dục và Đào tạo"><item>Chủ trì;</item></section>
    <p>Kết thúc./.</p>
    <distribution><recipient>Lưu: VT</recipient></distribution>
  </dispatch>
</hoso-council>)");
    Diagnostics d;
    const auto c = data::parse_council(xml, "c.xml", ".", options(), d);
    INFO(d.format());
    REQUIRE_FALSE(d.has_errors());
    REQUIRE(c.dispatch);
    CHECK(c.dispatch->subject.value == "triển khai");
    CHECK(c.dispatch->addressees.at(0).value == "Các cơ quan");
    CHECK(c.dispatch->opening.at(0).value == "Mở đầu.");
    CHECK(c.dispatch->sections.at(0).items.at(0).value == "Chủ trì");
    CHECK(c.dispatch->closing.at(0).value == "Kết thúc");  // "./." is the template's
    CHECK(c.dispatch->signer.authority.empty());           // the decision's signer is used
}
