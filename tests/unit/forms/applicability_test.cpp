// Which indicators apply to which units (TT24 Điều 2, 6, 7, 12, 13; TT25 Điều 6, 16), and how a
// not-applicable indicator counts (UNVERIFIED: setting "not-applicable", default "exclude").
#include <catch2/catch.hpp>

#include "support.h"
#include "util.h"

using namespace hoso;
using namespace hoso::test;
using forms::Status;

TEST_CASE("TT24 điểm c khoản 1 Điều 6 — kinh phí ngân sách chỉ áp dụng với cơ quan, đơn vị sự nghiệp công lập",
          "[forms][applicability][tt24-huyen]") {
    const auto& f = form("tt24-huyen");
    data::UnitData u = passing_unit(f, "tieu-hoc-tu-thuc");
    input(u, "T1.C3").met = false;  // irrelevant: does not apply to a private school
    const auto e = forms::evaluate(f, u);
    CHECK(result(e, 1, "T1.C3").status == Status::NotApplicable);
    CHECK_THAT(result(e, 1, "T1.C3").reason, Catch::Contains("cơ quan, đơn vị sự nghiệp công lập"));
    CHECK(criterion(e, 1, "T1").status == Status::Pass);
    CHECK(criterion(e, 1, "T1").not_applicable == 1);
    CHECK(e.reached_level == 2);

    data::UnitData pub = passing_unit(f, "tieu-hoc-cong-lap");
    input(pub, "T1.C3").met = false;
    const auto e2 = forms::evaluate(f, pub);
    CHECK(result(e2, 1, "T1.C3").status == Status::Fail);
    CHECK(criterion(e2, 1, "T1").status == Status::Fail);
    CHECK(e2.reached_level == 0);
}

TEST_CASE("TT24 điểm d khoản 2 Điều 6 — ngoại ngữ không áp dụng với tổ chức kinh tế", "[forms][applicability][tt24-huyen]") {
    const auto& f = form("tt24-huyen");
    data::UnitData u = passing_unit(f, "to-chuc-kinh-te");
    const auto e = forms::evaluate(f, u);
    CHECK(result(e, 1, "T2.C4").status == Status::NotApplicable);
    CHECK(result(e, 2, "T2.C4").status == Status::NotApplicable);
    CHECK(e.reached_level == 2);
    Diagnostics d;
    forms::check(f, u, d);
    INFO(d.format());
    CHECK_FALSE(d.has_errors());  // a missing T2.C4 is not a "missing indicator" for such a unit
}

TEST_CASE("TT24 điểm c khoản 3 Điều 7 — ở mức độ 2 “Tập thể lao động tiên tiến” chỉ áp dụng với cơ quan, đơn vị sự nghiệp công lập",
          "[forms][applicability][tt24-huyen]") {
    const auto& f = form("tt24-huyen");
    data::UnitData u = passing_unit(f, "to-chuc-xa-hoi");
    input(u, "T3.C3").met = false;
    const auto e = forms::evaluate(f, u);
    CHECK(result(e, 1, "T3.C3").status == Status::Fail);           // điểm c khoản 3 Điều 6: every unit
    CHECK(result(e, 2, "T3.C3").status == Status::NotApplicable);  // điểm c khoản 3 Điều 7: public bodies only
    CHECK(e.level(1)->status == Status::Fail);
}

TEST_CASE("TT24 điểm d, đ khoản 3 Điều 6 — chuyển đổi số chỉ với cơ sở giáo dục phổ thông; kiểm định chỉ với cơ sở giáo dục nghề nghiệp",
          "[forms][applicability][tt24-huyen]") {
    const auto& f = form("tt24-huyen");
    struct Case {
        const char* type;
        Status c4, c5;
    };
    for (const Case& c : {Case{"ubnd-xa", Status::NotApplicable, Status::NotApplicable},
                          Case{"mam-non-cong-lap", Status::NotApplicable, Status::NotApplicable},
                          Case{"tieu-hoc-cong-lap", Status::Pass, Status::NotApplicable},
                          Case{"ptdt-ban-tru", Status::Pass, Status::NotApplicable},
                          Case{"trung-tam-gdnn-gdtx", Status::NotApplicable, Status::Pass}}) {
        DYNAMIC_SECTION(c.type) {
            const auto e = forms::evaluate(f, passing_unit(f, c.type));
            CHECK(result(e, 1, "T3.C4").status == c.c4);
            CHECK(result(e, 1, "T3.C5").status == c.c5);
            CHECK(e.reached_level == 2);
        }
    }
}

TEST_CASE("TT24 điểm d, đ, e khoản 3 Điều 12 — chuyển đổi số theo Quyết định 4725 (THPT, trung tâm GDTX) và 4740 (đại học); kiểm định GDNN",
          "[forms][applicability][tt24-tinh]") {
    const auto& f = form("tt24-tinh");
    struct Case {
        const char* type;
        Status c4, c5, c6;
    };
    for (const Case& c : {Case{"co-quan-ubnd-tinh", Status::NotApplicable, Status::NotApplicable, Status::NotApplicable},
                          Case{"thpt-cong-lap", Status::Pass, Status::NotApplicable, Status::NotApplicable},
                          Case{"trung-tam-gdtx", Status::Pass, Status::NotApplicable, Status::NotApplicable},
                          Case{"dai-hoc-tu-thuc", Status::NotApplicable, Status::Pass, Status::NotApplicable},
                          Case{"cao-dang-cong-lap", Status::NotApplicable, Status::NotApplicable, Status::Pass}}) {
        DYNAMIC_SECTION(c.type) {
            const auto e = forms::evaluate(f, passing_unit(f, c.type));
            for (int level : {1, 2}) {
                CHECK(result(e, level, "T3.C4").status == c.c4);
                CHECK(result(e, level, "T3.C5").status == c.c5);
                CHECK(result(e, level, "T3.C6").status == c.c6);
            }
        }
    }
}

TEST_CASE("TT24 điểm a khoản 3 Điều 6 và khoản 8 Điều 2 — Người học — xét ở trung tâm GDNN, không xét ở trường tiểu học",
          "[forms][applicability][tt24-huyen]") {
    const auto& f = form("tt24-huyen");
    SECTION("trường tiểu học — chỉ xét Thành viên") {
        data::UnitData u = passing_unit(f, "tieu-hoc-cong-lap");
        input(u, "T3.C1").figures.clear();  // no Người học figures needed
        const auto e = forms::evaluate(f, u);
        CHECK(result(e, 1, "T3.C1").status == Status::Pass);
        CHECK(result(e, 1, "T3.C1").requirement == "Tối thiểu 90%");
        Diagnostics d;
        forms::check(f, u, d);
        CHECK_FALSE(d.has_errors());
    }
    SECTION("trung tâm GDNN — Người học 94,9% không đạt dù Thành viên 100%") {
        data::UnitData u = passing_unit(f, "trung-tam-gdnn-gdtx");
        input(u, "T3.C1").figures["learners-passed"] = 949;
        const auto e = forms::evaluate(f, u);
        CHECK(result(e, 1, "T3.C1").status == Status::Fail);
        CHECK(result(e, 1, "T3.C1").requirement == "Thành viên: tối thiểu 90%; Người học: tối thiểu 95%");
        CHECK_THAT(result(e, 1, "T3.C1").reason, Catch::Contains("Người học: 94,9% < 95%"));
    }
    SECTION("trung tâm GDNN thiếu số liệu Người học — check() báo thiếu") {
        data::UnitData u = passing_unit(f, "trung-tam-gdnn-gdtx");
        input(u, "T3.C1").figures.clear();
        Diagnostics d;
        forms::check(f, u, d);
        CHECK(matching(d, "learners").size() == 2);
    }
}

TEST_CASE("TT24 điểm a khoản 3 Điều 6 (UNVERIFIED) — alternative-population=replace — cơ sở giáo dục chỉ xét Người học",
          "[forms][applicability][settings]") {
    const auto& f = form("tt24-huyen");
    data::UnitData u = passing_unit(f, "trung-tam-gdnn-gdtx");
    input(u, "T3.C1").numerator = 800;  // Thành viên 80%
    CHECK(result(forms::evaluate(f, u), 1, "T3.C1").status == Status::Fail);  // default: both
    u.settings["alternative-population"] = txt("replace");
    const auto e = forms::evaluate(f, u);
    CHECK(result(e, 1, "T3.C1").status == Status::Pass);
    CHECK(result(e, 1, "T3.C1").requirement == "Người học: tối thiểu 95%");
}

TEST_CASE("TT25 điểm b khoản 5 Điều 6 — ngưỡng riêng cho xã thuộc vùng khó khăn", "[forms][applicability][tt25-xa]") {
    const auto& f = form("tt25-xa");
    data::UnitData u = passing_unit(f, "xa");
    input(u, "T5.C2").numerator = 450;
    input(u, "T5.C2").figures["university"] = 110;
    auto e = forms::evaluate(f, u);
    CHECK(result(e, 1, "T5.C2").status == Status::Fail);  // 45% < 50%, 11% < 12%
    u.unit.traits.push_back(txt("vung-kho-khan"));
    e = forms::evaluate(f, u);
    CHECK(result(e, 1, "T5.C2").status == Status::Pass);  // ≥ 40%, ≥ 10%
    CHECK_THAT(result(e, 1, "T5.C2").requirement, Catch::Contains("Tối thiểu 40%"));
    CHECK_THAT(result(e, 1, "T5.C2").requirement, Catch::Contains("xã thuộc vùng khó khăn"));
    CHECK(result(e, 2, "T5.C2").status == Status::Fail);  // < 50% at mức độ 2
}

TEST_CASE("TT25 điểm a khoản 3 Điều 16 — tỉnh không có trường đại học trực thuộc — khai “không áp dụng”",
          "[forms][applicability][tt25-tinh]") {
    const auto& f = form("tt25-tinh");
    data::UnitData u = passing_unit(f, "tinh");
    auto& in = input(u, "T3.C1");
    in.met.reset();
    in.evidence.clear();
    in.applicable = false;
    in.note = txt("Tỉnh không có trường đại học trực thuộc tỉnh.");
    const auto e = forms::evaluate(f, u);
    CHECK(result(e, 1, "T3.C1").status == Status::NotApplicable);
    CHECK(e.reached_level == 2);
    Diagnostics d;
    forms::check(f, u, d);
    INFO(d.format());
    CHECK(d.empty());
}

TEST_CASE("“Không áp dụng” cannot be declared for an indicator the circular applies to every unit", "[forms][applicability]") {
    const auto& f = form("tt24-huyen");
    data::UnitData u = passing_unit(f, "ubnd-xa");
    input(u, "T2.C1").applicable = false;
    const auto e = forms::evaluate(f, u);
    CHECK(result(e, 1, "T2.C1").status == Status::Fail);
    Diagnostics d;
    forms::check(f, u, d);
    CHECK(matching(d, "không được khai là không áp dụng").size() == 1);
}

TEST_CASE("Setting not-applicable=fail (UNVERIFIED policy) counts a not-applicable indicator as Không đạt",
          "[forms][applicability][settings]") {
    const auto& f = form("tt24-huyen");
    data::UnitData u = passing_unit(f, "ubnd-xa");
    CHECK(forms::evaluate(f, u).reached_level == 2);
    u.settings["not-applicable"] = txt("fail");
    const auto e = forms::evaluate(f, u);
    CHECK(result(e, 1, "T3.C4").status == Status::Fail);
    CHECK(criterion(e, 1, "T3").status == Status::Fail);
    CHECK(e.reached_level == 0);
    Diagnostics d;
    forms::check(f, u, d);
    CHECK(matching(d, "thay đổi thiết lập mặc định").size() == 1);
    CHECK_FALSE(d.has_errors());
}

TEST_CASE("A criterion whose indicators all do not apply is Không áp dụng and does not block the level", "[forms][applicability]") {
    // A test-only form: one criterion entirely about vocational schools.
    const std::string xml = R"(<form id="t">
  <title>“X” cấp huyện</title><name>“X”</name><scope>cấp huyện</scope><unit-noun>đơn vị</unit-noun>
  <circular number="1/2024/TT-X" short="TTX" date="2024-01-01"><issuer>Bộ</issuer><issuer-title>Bộ trưởng</issuer-title>
    <subject>quy định</subject><citation>Thông tư số 1/2024/TT-X</citation></circular>
  <in-force from="2024-01-01"/>
  <procedure article="Điều 9"><addressee>Phòng</addressee><decider>Chủ tịch</decider>
    <dossier-deadline>trước ngày 15 tháng 01</dossier-deadline><document kind="to-trinh">Tờ trình</document></procedure>
  <rules validity-years="3" upgrade-months="12"/>
  <flags><flag code="vocational">cơ sở giáo dục nghề nghiệp</flag></flags>
  <unit-types><unit-type code="a">A</unit-type><unit-type code="b" flags="vocational">B</unit-type></unit-types>
  <level number="1" article="Điều 6">mức độ 1</level>
  <criterion id="T1" number="1"><title>Chung</title><citation level="1">khoản 1 Điều 6</citation>
    <indicator id="T1.C1" number="1" point="a" measure="yes-no"><short>Có</short><text>Có kế hoạch.</text></indicator>
  </criterion>
  <criterion id="T2" number="2"><title>Nghề</title><citation level="1">khoản 2 Điều 6</citation>
    <indicator id="T2.C1" number="1" point="a" measure="yes-no" applies-to="vocational"><short>Kiểm định</short><text>Đạt kiểm định.</text></indicator>
  </criterion>
</form>)";
    Diagnostics d;
    const auto f = forms::FormLibrary::parse(xml, "t.xml", d);
    INFO(d.format());
    REQUIRE(f);
    data::UnitData u = passing_unit(*f, "a");
    const auto e = forms::evaluate(*f, u);
    CHECK(criterion(e, 1, "T2").status == Status::NotApplicable);
    CHECK(e.level(1)->status == Status::Pass);
    CHECK(e.level(1)->criteria_total == 1);
}
