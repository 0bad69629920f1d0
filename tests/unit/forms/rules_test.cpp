// The rules around the thresholds: evidence (TT24 khoản 3 Điều 9, 15), criterion and level
// aggregation (TT24 khoản 4 Điều 9, Điều 8; TT25 Điều 8), the requested level, upgrades after
// 12 months (TT24 khoản 3 Điều 5, 11), validity (khoản 4 Điều 5), dates and deadlines.
#include <catch2/catch.hpp>

#include "support.h"
#include "util.h"

using namespace hoso;
using namespace hoso::test;
using forms::Status;

// --- Evidence ----------------------------------------------------------------------------------

TEST_CASE("TT24 khoản 3 Điều 9 — chỉ tiêu không có minh chứng phù hợp được đánh giá là không đạt", "[forms][evidence][tt24-huyen]") {
    const auto& f = form("tt24-huyen");
    data::UnitData u = passing_unit(f, "ubnd-xa");
    input(u, "T1.C1").evidence.clear();
    const auto e = forms::evaluate(f, u);
    CHECK(result(e, 1, "T1.C1").status == Status::Fail);
    CHECK(result(e, 1, "T1.C1").reason == "Thiếu minh chứng (TT24 khoản 3 Điều 9)");
    CHECK(criterion(e, 1, "T1").status == Status::Fail);
    CHECK(e.reached_level == 0);
    Diagnostics d;
    forms::check(f, u, d);
    const auto m = matching(d, "không có minh chứng");
    REQUIRE(m.size() == 1);
    CHECK(m[0].severity == Severity::Error);
    CHECK(m[0].where.line == input(u, "T1.C1").where.line);
}

TEST_CASE("TT24 khoản 3 Điều 15 (cấp tỉnh) — thiếu minh chứng — không đạt, kể cả khi số liệu đạt ngưỡng", "[forms][evidence][tt24-tinh]") {
    const auto& f = form("tt24-tinh");
    data::UnitData u = passing_unit(f, "co-quan-ubnd-tinh");
    input(u, "T2.C1").evidence.clear();
    const auto e = forms::evaluate(f, u);
    CHECK(result(e, 1, "T2.C1").status == Status::Fail);
    CHECK(result(e, 1, "T2.C1").reason == "Thiếu minh chứng (TT24 khoản 3 Điều 15); 100% ≥ 90%");
}

TEST_CASE("TT24 khoản 3 Điều 9 — không kê khai đạt thì không đòi minh chứng", "[forms][evidence][tt24-huyen]") {
    const auto& f = form("tt24-huyen");
    data::UnitData u = passing_unit(f, "ubnd-xa");
    input(u, "T2.C4").evidence.clear();
    input(u, "T2.C4").numerator = 10;  // 1%: not claimed as met
    Diagnostics d;
    forms::check(f, u, d);
    CHECK(matching(d, "minh chứng").empty());
}

TEST_CASE("TT25 khoản 2 Điều 8 — đánh giá theo kết quả — thiếu minh chứng chỉ là cảnh báo (thiết lập evidence=recommended)",
          "[forms][evidence][tt25-xa]") {
    const auto& f = form("tt25-xa");
    data::UnitData u = passing_unit(f, "xa");
    input(u, "T1.C1").evidence.clear();
    auto e = forms::evaluate(f, u);
    CHECK(result(e, 1, "T1.C1").status == Status::Pass);
    CHECK(result(e, 1, "T1.C1").reason == "chưa có minh chứng");
    Diagnostics d;
    forms::check(f, u, d);
    const auto m = matching(d, "chưa khai minh chứng");
    REQUIRE(m.size() == 1);
    CHECK(m[0].severity == Severity::Warning);
    // A locality that demands evidence sets evidence=required in the data file.
    u.settings["evidence"] = txt("required");
    e = forms::evaluate(f, u);
    CHECK(result(e, 1, "T1.C1").status == Status::Fail);
}

// --- Criterion and level aggregation -----------------------------------------------------------

TEST_CASE("TT24 khoản 4 Điều 9, Điều 8 — tiêu chí đạt khi mọi chỉ tiêu đạt; mức độ đạt khi mọi tiêu chí đạt", "[forms][levels]") {
    const auto& f = form("tt24-huyen");
    data::UnitData u = passing_unit(f, "tieu-hoc-cong-lap");
    auto e = forms::evaluate(f, u);
    CHECK(e.reached_level == 2);
    for (int level : {1, 2}) {
        CHECK(e.level(level)->status == Status::Pass);
        CHECK(e.level(level)->criteria_passed == 3);
    }
    input(u, "T3.C2").met = false;  // one indicator of one criterion
    e = forms::evaluate(f, u);
    CHECK(criterion(e, 1, "T3").status == Status::Fail);
    CHECK(criterion(e, 1, "T3").failed == 1);
    CHECK(criterion(e, 1, "T1").status == Status::Pass);
    CHECK(e.level(1)->status == Status::Fail);
    CHECK(e.level(1)->criteria_passed == 2);
    CHECK(e.reached_level == 0);
    CHECK_FALSE(e.granted);
    REQUIRE(e.reasons.size() == 1);
    CHECK(e.reasons[0] == "Chưa đạt mức độ 1: Tiêu chí 3 không đạt (chỉ tiêu T3.C2) (TT24 khoản 1 Điều 8)");
}

TEST_CASE("TT25 khoản 1 Điều 8 — xã đạt mức độ 1 nhưng đề nghị mức độ 2 thì không được công nhận mức độ 2", "[forms][levels][tt25-xa]") {
    const auto& f = form("tt25-xa");
    data::UnitData u = passing_unit(f, "xa", 2);
    input(u, "T4.C2").level = txt("muc-do-2");  // meets mức độ 1, not mức độ 2
    auto e = forms::evaluate(f, u);
    CHECK(e.reached_level == 1);
    CHECK_FALSE(e.granted);
    CHECK_FALSE(e.valid_until);
    u.assessment.requested_level = 1;  // “đạt ở mức độ nào thì … đề nghị công nhận ở mức độ đó”
    e = forms::evaluate(f, u);
    CHECK(e.granted);
}

TEST_CASE("Lower level requested while the higher is reached — granted at the requested level", "[forms][levels]") {
    const auto& f = form("tt25-huyen");
    const auto e = forms::evaluate(f, passing_unit(f, "huyen", 1));
    CHECK(e.reached_level == 2);
    CHECK(e.granted);
}

TEST_CASE("Missing figures make the indicator Không đạt with the reason, never a crash", "[forms][levels]") {
    const auto& f = form("tt24-huyen");
    data::UnitData u = passing_unit(f, "ubnd-xa");
    input(u, "T2.C1").numerator.reset();
    remove_input(u, "T2.C2");
    const auto e = forms::evaluate(f, u);
    CHECK(result(e, 1, "T2.C1").status == Status::Fail);
    CHECK_THAT(result(e, 1, "T2.C1").reason, Catch::StartsWith("Chưa có số liệu: số Thành viên tuân thủ"));
    CHECK(result(e, 1, "T2.C2").reason == "Chưa kê khai chỉ tiêu");
}

TEST_CASE("The denominator of Thành viên ratios defaults to <members>", "[forms][levels]") {
    const auto& f = form("tt24-huyen");
    data::UnitData u = passing_unit(f, "ubnd-xa");
    u.unit.members = 48;
    input(u, "T2.C1").numerator = 45;
    input(u, "T2.C1").denominator.reset();
    const auto e = forms::evaluate(f, u);
    CHECK(result(e, 1, "T2.C1").value == "45/48 = 93,75%");
    CHECK(result(e, 1, "T2.C1").reason == "93,75% ≥ 90%");
    CHECK(result(e, 2, "T2.C1").reason == "93,75% < 95%");
}

// --- Upgrade, renewal, validity -----------------------------------------------------------------

namespace {
data::UnitData upgrade_unit(const forms::Form& f, const std::string& type, Date previous, Date to_trinh) {
    data::UnitData u = passing_unit(f, type, 2);
    u.assessment.kind = data::RequestKind::Upgrade;
    u.assessment.previous = data::PreviousDecision{txt("304/QĐ-UBND"), previous, 1, 0, {"test.xml", 3, 3}};
    u.documents["to-trinh"].date = to_trinh;
    return u;
}
}  // namespace

TEST_CASE("TT24 khoản 3 Điều 5 — nâng mức độ 2 sau ít nhất 12 tháng kể từ ngày quyết định công nhận mức độ 1 — 11 tháng không, 12 tháng được",
          "[forms][upgrade][tt24-huyen]") {
    const auto& f = form("tt24-huyen");
    auto u = upgrade_unit(f, "ubnd-xa", Date{2024, 1, 31}, Date{2025, 1, 30});
    auto e = forms::evaluate(f, u);
    CHECK(e.reached_level == 2);
    CHECK(e.months_since_previous == 11);
    CHECK_FALSE(e.granted);
    REQUIRE(e.reasons.size() == 1);
    CHECK_THAT(e.reasons[0], Catch::Contains("Chưa đủ 12 tháng"));
    CHECK_THAT(e.reasons[0], Catch::Contains("TT24 khoản 3 Điều 5"));
    Diagnostics d;
    forms::check(f, u, d);
    CHECK(matching(d, "chưa đủ 12 tháng").size() == 1);

    u.documents["to-trinh"].date = Date{2025, 1, 31};
    e = forms::evaluate(f, u);
    CHECK(e.months_since_previous == 12);
    CHECK(e.granted);
    Diagnostics d2;
    forms::check(f, u, d2);
    CHECK(matching(d2, "12 tháng").empty());
}

TEST_CASE("TT24 khoản 3 Điều 11 (cấp tỉnh) — same rule; a Tờ trình with a blank day counts from the 1st of its month",
          "[forms][upgrade][tt24-tinh]") {
    const auto& f = form("tt24-tinh");
    auto u = upgrade_unit(f, "co-quan-ubnd-tinh", Date{2024, 1, 10}, Date{2025, 1, 0});
    auto e = forms::evaluate(f, u);
    CHECK(e.months_since_previous == 11);  // 10/01/2024 → 01/01/2025
    CHECK_FALSE(e.granted);
    u.documents["to-trinh"].date = Date{2025, 1, 10};
    CHECK(forms::evaluate(f, u).granted);
}

TEST_CASE("TT25 khoản 3 Điều 10 (UNVERIFIED) — nâng mức độ “Cộng đồng học tập” cấp huyện cũng sau 12 tháng", "[forms][upgrade][tt25-huyen]") {
    const auto& f = form("tt25-huyen");
    auto u = upgrade_unit(f, "huyen", Date{2024, 5, 20}, Date{2025, 4, 15});
    CHECK_FALSE(forms::evaluate(f, u).granted);
    u = upgrade_unit(f, "huyen", Date{2024, 4, 15}, Date{2025, 4, 15});
    CHECK(forms::evaluate(f, u).granted);
}

TEST_CASE("TT24 khoản 11 Điều 2 — nâng mức độ là từ mức độ 1 lên mức độ 2", "[forms][upgrade]") {
    const auto& f = form("tt24-huyen");
    auto u = upgrade_unit(f, "ubnd-xa", Date{2022, 2, 1}, Date{2025, 1, 8});
    u.assessment.requested_level = 1;
    const auto e = forms::evaluate(f, u);
    CHECK_FALSE(e.granted);
    Diagnostics d;
    forms::check(f, u, d);
    CHECK(matching(d, "nâng mức độ: đơn vị đã được công nhận mức độ 1 đề nghị công nhận mức độ 2").size() == 1);
    // The level-1 recognition of assessment year 2021 (decision 02/2022) expired on 31/12/2024.
    CHECK(matching(d, "đã hết thời hạn bảo lưu").size() == 1);
}

TEST_CASE("TT24 khoản 4 Điều 5 — kết quả được bảo lưu 03 năm tiếp theo năm được công nhận — năm 2024 → 31/12/2027",
          "[forms][validity]") {
    for (const char* id : {"tt24-huyen", "tt24-tinh", "tt25-xa", "tt25-huyen", "tt25-tinh"}) {
        DYNAMIC_SECTION(id) {
            const auto& f = form(id);
            data::UnitData u = passing_unit(f, f.unit_types.front().code);
            auto e = forms::evaluate(f, u);
            REQUIRE(e.granted);
            CHECK(e.valid_until == Date{2027, 12, 31});
            // UNVERIFIED reading: counted from the year the decision is signed (the year after).
            u.settings["validity-base"] = txt("decision-year");
            e = forms::evaluate(f, u);
            CHECK(e.valid_until == Date{2028, 12, 31});
        }
    }
}

TEST_CASE("TT24 khoản 10 Điều 2 — công nhận lại khi quyết định trước đã hết thời hạn — còn hạn thì cảnh báo", "[forms][renewal]") {
    const auto& f = form("tt24-huyen");
    data::UnitData u = passing_unit(f, "ubnd-xa");
    u.assessment.kind = data::RequestKind::Renewal;
    u.assessment.previous = data::PreviousDecision{txt("12/QĐ-UBND"), Date{2023, 2, 10}, 1, 2022, {"test.xml", 3, 3}};
    Diagnostics d;
    forms::check(f, u, d);
    const auto m = matching(d, "còn được bảo lưu đến 31/12/2025");
    REQUIRE(m.size() == 1);
    CHECK(m[0].severity == Severity::Warning);
    u.assessment.previous = data::PreviousDecision{txt("12/QĐ-UBND"), Date{2021, 2, 10}, 1, 2020, {"test.xml", 3, 3}};
    Diagnostics d2;
    forms::check(f, u, d2);
    CHECK(matching(d2, "bảo lưu").empty());
    CHECK(forms::evaluate(f, u).granted);
}

// --- Dates ------------------------------------------------------------------------------------------

TEST_CASE("TT24 điểm b khoản 1 Điều 10 — số liệu đến 31/12 — Tờ trình lập trong năm đánh giá là lỗi", "[forms][dates]") {
    const auto& f = form("tt24-huyen");
    data::UnitData u = passing_unit(f, "ubnd-xa");
    u.documents["to-trinh"].date = Date{2024, 12, 20};
    Diagnostics d;
    forms::check(f, u, d);
    CHECK(matching(d, "phải sau năm đánh giá 2024").size() == 1);
    CHECK(d.has_errors());
}

TEST_CASE("TT24 điểm c khoản 1 Điều 10 — gửi hồ sơ trước ngày 15/01; TT25 điểm d khoản 1 Điều 9 — trước ngày 28/02", "[forms][dates]") {
    const auto& f = form("tt24-huyen");
    data::UnitData u = passing_unit(f, "ubnd-xa");
    u.documents["to-trinh"].date = Date{2025, 1, 14};
    Diagnostics d;
    forms::check(f, u, d);
    CHECK(matching(d, "sau hạn gửi hồ sơ").empty());
    u.documents["to-trinh"].date = Date{2025, 1, 15};
    Diagnostics d2;
    forms::check(f, u, d2);
    const auto m = matching(d2, "sau hạn gửi hồ sơ");
    REQUIRE(m.size() == 1);
    CHECK(m[0].severity == Severity::Warning);

    const auto& x = form("tt25-xa");
    data::UnitData v = passing_unit(x, "xa");
    v.documents["to-trinh"].date = Date{2025, 2, 27};
    Diagnostics d3;
    forms::check(x, v, d3);
    CHECK(matching(d3, "sau hạn gửi hồ sơ").empty());
    v.documents["to-trinh"].date = Date{2025, 2, 28};
    Diagnostics d4;
    forms::check(x, v, d4);
    CHECK(matching(d4, "sau hạn gửi hồ sơ").size() == 1);
}

TEST_CASE("TT24 Điều 22 — hồ sơ trước ngày Thông tư có hiệu lực (26/01/2024) không dùng bộ tiêu chí này", "[forms][dates]") {
    const auto& f = form("tt24-huyen");
    data::UnitData u = passing_unit(f, "ubnd-xa");
    u.assessment.year = 2023;
    u.documents["to-trinh"].date = Date{2024, 1, 10};
    Diagnostics d;
    forms::check(f, u, d);
    CHECK(matching(d, "có hiệu lực từ ngày 26/01/2024").size() == 1);
}

TEST_CASE("From 01/07/2025 (two-level local government) dossiers at cấp huyện get the form's caveat", "[forms][dates]") {
    const auto& f = form("tt24-huyen");
    data::UnitData u = passing_unit(f, "ubnd-xa");
    u.assessment.year = 2025;
    u.documents["to-trinh"].date = Date{2026, 1, 8};
    for (auto& in : u.indicators)
        for (auto& e : in.evidence) e.date = Date{2025, 6, 1};
    Diagnostics d;
    forms::check(f, u, d);
    INFO(d.format());
    const auto m = matching(d, "01/07/2025");
    REQUIRE(m.size() == 1);
    CHECK(m[0].severity == Severity::Warning);
    CHECK_FALSE(d.has_errors());
}

TEST_CASE("Evidence dated outside the assessed year is a warning; dated after the Tờ trình an error", "[forms][dates]") {
    const auto& f = form("tt24-huyen");
    data::UnitData u = passing_unit(f, "ubnd-xa");
    input(u, "T1.C1").evidence[0].date = Date{2023, 12, 28};  // a plan for 2024 issued in December 2023
    input(u, "T1.C2").evidence[0].date = Date{2025, 3, 1};    // after the Tờ trình of 08/01/2025
    Diagnostics d;
    forms::check(f, u, d);
    const auto outside = matching(d, "ngoài năm đánh giá 2024");
    REQUIRE(outside.size() == 1);
    CHECK(outside[0].severity == Severity::Warning);
    const auto after = matching(d, "sau ngày Tờ trình");
    REQUIRE(after.size() == 1);
    CHECK(after[0].severity == Severity::Error);
}

TEST_CASE("An indicator given twice is evaluated from its first entry, wherever the entries are", "[forms][levels]") {
    const auto& f = form("tt24-huyen");
    for (const bool first_fails : {true, false}) {
        data::UnitData u = passing_unit(f, "ubnd-xa");
        data::IndicatorInput copy = input(u, "T2.C1");
        copy.where.line = 500;
        (first_fails ? input(u, "T2.C1") : copy).numerator = 1;  // 0,1%: fails
        const auto at = std::find_if(u.indicators.begin(), u.indicators.end(),
                                     [](const data::IndicatorInput& in) { return in.id.value == "T2.C1"; });
        u.indicators.insert(at + 1, copy);  // right after the original, and again at the end
        u.indicators.push_back(copy);
        const auto e = forms::evaluate(f, u);
        CHECK((result(e, 1, "T2.C1").status == Status::Fail) == first_fails);
        CHECK(result(e, 1, "T2.C2").status == Status::Pass);
    }
}
