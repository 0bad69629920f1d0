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

namespace {
Diagnostics checked(const forms::Form& f, const data::UnitData& u) {
    Diagnostics d;
    forms::check(f, u, d);
    return d;
}
// The diagnostics of check() about evidence (field "indicator[…].evidence"); passing_unit's
// other notes (figures it gives every unit type) are left out.
std::vector<Diagnostic> evidence_notes(const forms::Form& f, const data::UnitData& u) {
    std::vector<Diagnostic> out;
    const Diagnostics d = checked(f, u);
    for (const auto& x : d.items()) {
        if (x.field.size() > 9 && x.field.compare(x.field.size() - 9, 9, ".evidence") == 0) out.push_back(x);
    }
    return out;
}
}  // namespace

TEST_CASE("TT24 khoản 3 Điều 9 — chỉ tiêu không có minh chứng phù hợp được đánh giá là không đạt: a result, not an input error",
          "[forms][evidence][tt24-huyen]") {
    const auto& f = form("tt24-huyen");
    data::UnitData u = passing_unit(f, "ubnd-xa");
    // One side of the rule: one described item is suitable evidence.
    auto e = forms::evaluate(f, u);
    CHECK(result(e, 1, "T1.C1").status == Status::Pass);
    CHECK(result(e, 1, "T1.C1").evidence_issue == forms::EvidenceIssue::None);
    CHECK(e.granted);
    CHECK(matching(checked(f, u), "minh chứng").empty());
    // The other: none at all.
    input(u, "T1.C1").evidence.clear();
    e = forms::evaluate(f, u);
    const auto& r = result(e, 1, "T1.C1");
    CHECK(r.status == Status::Fail);
    CHECK(r.reason == "Thiếu minh chứng phù hợp (TT24 khoản 3 Điều 9)");
    CHECK(r.figures_met == true);
    CHECK(r.evidence_issue == forms::EvidenceIssue::Missing);
    CHECK(result(e, 2, "T1.C1").status == Status::Fail);
    // The criterion and the level follow (khoản 4 Điều 9, Điều 8); every other indicator is still judged.
    CHECK(criterion(e, 1, "T1").status == Status::Fail);
    CHECK(criterion(e, 1, "T1").failed == 1);
    CHECK(criterion(e, 1, "T2").status == Status::Pass);
    CHECK(e.level(1)->criteria_passed == 2);
    CHECK(e.reached_level == 0);
    CHECK_FALSE(e.granted);
    REQUIRE(e.reasons.size() == 1);
    CHECK(e.reasons[0] == "Chưa đạt mức độ 1: Tiêu chí 1 không đạt (chỉ tiêu T1.C1) (TT24 khoản 1 Điều 8)");
    CHECK(e.request_in_order);
    // validate: a warning on the indicator that names the consequence; no error.
    CHECK_FALSE(checked(f, u).has_errors());
    const auto notes = evidence_notes(f, u);
    REQUIRE(notes.size() == 1);
    const auto& w = notes[0];
    CHECK(w.severity == Severity::Warning);
    CHECK(w.where.line == input(u, "T1.C1").where.line);
    CHECK(w.message_vi ==
          "chỉ tiêu T1.C1 đạt theo số liệu nhưng không có minh chứng phù hợp nên được đánh giá là không đạt (TT24 khoản 3 "
          "Điều 9): Tiêu chí 1 không đạt, đơn vị không đạt mức độ 1 đề nghị công nhận và không lập được Tờ trình");
    CHECK_THAT(w.message_en, Catch::Contains("no Tờ trình is made"));
}

TEST_CASE("TT24 khoản 3 Điều 15 (cấp tỉnh) — thiếu minh chứng — không đạt, kể cả khi số liệu đạt ngưỡng", "[forms][evidence][tt24-tinh]") {
    const auto& f = form("tt24-tinh");
    data::UnitData u = passing_unit(f, "co-quan-ubnd-tinh");
    input(u, "T2.C1").evidence.clear();
    const auto e = forms::evaluate(f, u);
    CHECK(result(e, 1, "T2.C1").status == Status::Fail);
    CHECK(result(e, 1, "T2.C1").reason == "Thiếu minh chứng phù hợp (TT24 khoản 3 Điều 15); 100% ≥ 90%");
    const auto m = matching(checked(f, u), "TT24 khoản 3 Điều 15");
    REQUIRE(m.size() == 1);
    CHECK(m[0].severity == Severity::Warning);
    CHECK_THAT(m[0].message_vi, Catch::Contains("Tiêu chí 2 không đạt"));
}

TEST_CASE("TT24 khoản 3 Điều 9 — figures that fail are Không đạt on the figures; missing evidence is added to the reason, no warning",
          "[forms][evidence][tt24-huyen]") {
    const auto& f = form("tt24-huyen");
    data::UnitData u = passing_unit(f, "ubnd-xa");
    input(u, "T2.C4").evidence.clear();
    input(u, "T2.C4").numerator = 10;  // 1%: not claimed as met
    CHECK(matching(checked(f, u), "minh chứng").empty());
    const auto e = forms::evaluate(f, u);
    CHECK(result(e, 1, "T2.C4").figures_met == false);
    CHECK(result(e, 1, "T2.C4").reason == "Thiếu minh chứng phù hợp (TT24 khoản 3 Điều 9); 1% < 50%");
}

TEST_CASE("TT24 khoản 3 Điều 9 — figures that pass at mức độ 1 only: the warning names the level it costs", "[forms][evidence]") {
    const auto& f = form("tt24-huyen");
    data::UnitData u = passing_unit(f, "ubnd-xa", 2);
    input(u, "T2.C1").numerator = 920;  // 92%: mức độ 1 (90%), not mức độ 2 (95%)
    input(u, "T2.C1").evidence.clear();
    auto m = matching(checked(f, u), "TT24 khoản 3 Điều 9");
    REQUIRE(m.size() == 1);
    CHECK_THAT(m[0].message_vi, Catch::EndsWith("Tiêu chí 2 không đạt ở mức độ 1"));
    u.assessment.requested_level = 1;
    m = matching(checked(f, u), "TT24 khoản 3 Điều 9");
    REQUIRE(m.size() == 1);
    CHECK_THAT(m[0].message_vi, Catch::EndsWith("đơn vị không đạt mức độ 1 đề nghị công nhận và không lập được Tờ trình"));
}

TEST_CASE("TT25 khoản 2 Điều 8 — đánh giá theo kết quả — thiếu minh chứng chỉ là cảnh báo (thiết lập evidence=recommended)",
          "[forms][evidence][tt25-xa]") {
    const auto& f = form("tt25-xa");
    data::UnitData u = passing_unit(f, "xa");
    input(u, "T1.C1").evidence.clear();
    auto e = forms::evaluate(f, u);
    CHECK(result(e, 1, "T1.C1").status == Status::Pass);
    CHECK(result(e, 1, "T1.C1").reason == "chưa có minh chứng");
    CHECK(result(e, 1, "T1.C1").evidence_issue == forms::EvidenceIssue::Missing);
    auto m = matching(checked(f, u), "chưa khai minh chứng");
    REQUIRE(m.size() == 1);
    CHECK(m[0].severity == Severity::Warning);
    // A locality that demands evidence sets evidence=required: TT25 has no article for it, the setting is named.
    u.settings["evidence"] = txt("required");
    e = forms::evaluate(f, u);
    CHECK(result(e, 1, "T1.C1").status == Status::Fail);
    CHECK(result(e, 1, "T1.C1").reason == "Thiếu minh chứng phù hợp (thiết lập evidence=required)");
    CHECK_FALSE(e.granted);
    const Diagnostics d = checked(f, u);
    CHECK_FALSE(d.has_errors());
    m = matching(d, "nên được đánh giá là không đạt (thiết lập evidence=required): Tiêu chí 1 không đạt");
    REQUIRE(m.size() == 1);
    CHECK(m[0].severity == Severity::Warning);
    // evidence=optional: not looked at.
    u.settings["evidence"] = txt("optional");
    e = forms::evaluate(f, u);
    CHECK(result(e, 1, "T1.C1").status == Status::Pass);
    CHECK(result(e, 1, "T1.C1").reason.empty());
    CHECK(result(e, 1, "T1.C1").evidence_issue == forms::EvidenceIssue::None);
    CHECK(matching(checked(f, u), "minh chứng").empty());
}

TEST_CASE("TT24 khoản 3 Điều 9 — minh chứng phù hợp: a code with no description, number or date does not count; any of them "
          "makes it count",
          "[forms][evidence][blank]") {
    const auto& f = form("tt24-huyen");
    data::UnitData u = passing_unit(f, "ubnd-xa");
    auto& ev = input(u, "T1.C1").evidence;
    ev.clear();
    ev.push_back(data::Evidence{txt("H1-01"), txt(""), std::nullopt, {"test.xml", 40, 7}});
    auto e = forms::evaluate(f, u);
    {
        const auto& r = result(e, 1, "T1.C1");
        CHECK(r.status == Status::Fail);
        CHECK(r.reason == "Thiếu minh chứng phù hợp (TT24 khoản 3 Điều 9): minh chứng H1-01 không có mô tả, số, ngày văn bản");
        CHECK(r.evidence_issue == forms::EvidenceIssue::Blank);
        CHECK(r.blank_evidence == std::vector<std::string>{"H1-01"});
        CHECK(r.evidence == std::vector<std::string>{"H1-01"});
    }
    CHECK_FALSE(e.granted);
    CHECK_FALSE(checked(f, u).has_errors());
    auto d = evidence_notes(f, u);
    REQUIRE(d.size() == 1);  // said once, on the indicator
    CHECK(d[0].severity == Severity::Warning);
    CHECK(d[0].where.line == input(u, "T1.C1").where.line);
    CHECK_THAT(d[0].message_vi,
               Catch::StartsWith("chỉ tiêu T1.C1 đạt theo số liệu nhưng không có minh chứng phù hợp (minh chứng H1-01 "
                                 "không có mô tả, số, ngày văn bản) nên được đánh giá là không đạt (TT24 khoản 3 Điều 9)"));
    // A description makes it checkable.
    ev[0].description = txt("Kế hoạch số 12/KH-UBND ngày 15/01/2024");
    CHECK(result(forms::evaluate(f, u), 1, "T1.C1").status == Status::Pass);
    CHECK(evidence_notes(f, u).empty());
    // So does a date alone (the reviewer finds the document by code and date); a warning asks for the description.
    ev[0].description = txt("");
    ev[0].date = Date{2024, 1, 15};
    CHECK(result(forms::evaluate(f, u), 1, "T1.C1").status == Status::Pass);
    d = evidence_notes(f, u);
    REQUIRE(d.size() == 1);
    CHECK(d[0].message_vi == "minh chứng H1-01 chưa có mô tả (tên, số, ngày văn bản)");
    CHECK(d[0].where.line == 40);
    // So does the document's number alone (số, ký hiệu); an empty one is nothing.
    ev[0].date.reset();
    ev[0].number = txt("12/KH-UBND");
    CHECK(result(forms::evaluate(f, u), 1, "T1.C1").status == Status::Pass);
    d = evidence_notes(f, u);
    REQUIRE(d.size() == 1);
    CHECK(d[0].message_vi == "minh chứng H1-01 chưa có mô tả (tên, số, ngày văn bản)");
    ev[0].number = txt("");
    CHECK(result(forms::evaluate(f, u), 1, "T1.C1").evidence_issue == forms::EvidenceIssue::Blank);
    // A blank item next to a suitable one: the indicator passes; the item is named as not counting.
    ev.push_back(data::Evidence{txt("H1-02"), txt("Báo cáo số 86/BC-UBND"), std::nullopt, {"test.xml", 41, 7}});
    e = forms::evaluate(f, u);
    CHECK(result(e, 1, "T1.C1").status == Status::Pass);
    CHECK(result(e, 1, "T1.C1").evidence_issue == forms::EvidenceIssue::None);
    d = evidence_notes(f, u);
    REQUIRE(d.size() == 1);
    CHECK(d[0].severity == Severity::Warning);
    CHECK(d[0].where.line == 40);
    CHECK(d[0].message_vi == "minh chứng H1-01 không có mô tả, số, ngày văn bản nên không được tính là minh chứng phù hợp");
}

TEST_CASE("TT25 (evidence=recommended) — blank evidence: Đạt on the figures, the reason and a warning say it does not count",
          "[forms][evidence][blank][tt25-huyen]") {
    const auto& f = form("tt25-huyen");
    data::UnitData u = passing_unit(f, "huyen");
    auto& ev = input(u, "T1.C1").evidence;
    ev.clear();
    ev.push_back(data::Evidence{txt("H1-01"), txt(""), std::nullopt, {"test.xml", 40, 7}});
    ev.push_back(data::Evidence{txt("H1-02"), txt(""), std::nullopt, {"test.xml", 41, 7}});
    const auto e = forms::evaluate(f, u);
    CHECK(result(e, 1, "T1.C1").status == Status::Pass);
    CHECK(result(e, 1, "T1.C1").reason == "chưa có minh chứng phù hợp: minh chứng H1-01, H1-02 không có mô tả, số, ngày văn bản");
    CHECK(e.granted);
    const auto d = evidence_notes(f, u);
    REQUIRE(d.size() == 1);
    CHECK(d[0].severity == Severity::Warning);
    CHECK(d[0].message_vi ==
          "chỉ tiêu T1.C1 đạt theo số liệu nhưng chưa có minh chứng phù hợp (minh chứng H1-01, H1-02 không có mô tả, số, "
          "ngày văn bản)");
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
    // The evaluation stands: every level is judged; only the request is not in order.
    CHECK(e.reached_level == 2);
    CHECK(e.level(2)->status == Status::Pass);
    CHECK(e.months_since_previous == 11);
    CHECK_FALSE(e.granted);
    CHECK_FALSE(e.request_in_order);
    CHECK(e.earliest_request_date == Date{2025, 1, 31});
    CHECK_FALSE(e.valid_until);
    REQUIRE(e.reasons.size() == 1);
    CHECK(e.reasons[0] ==
          "Chưa đủ 12 tháng kể từ ngày ra quyết định công nhận mức độ 1 (304/QĐ-UBND ngày 31/01/2024) đến ngày Tờ trình "
          "(30/01/2025): 11 tháng (TT24 khoản 3 Điều 5); Tờ trình đề nghị nâng mức độ lập sớm nhất từ ngày 31/01/2025");
    REQUIRE(e.reasons_en.size() == 1);
    CHECK_THAT(e.reasons_en[0], Catch::Contains("the Tờ trình may be dated from 2025-01-31"));
    // validate: a warning (the file is valid data), with the consequence and the earliest date.
    Diagnostics d;
    forms::check(f, u, d);
    INFO(d.format());
    CHECK_FALSE(d.has_errors());
    const auto m = matching(d, "chưa đủ 12 tháng");
    REQUIRE(m.size() == 1);
    CHECK(m[0].severity == Severity::Warning);
    CHECK(m[0].where.line == 3);  // the <previous-decision>
    CHECK_THAT(m[0].message_vi, Catch::EndsWith("(TT24 khoản 3 Điều 5): đề nghị chưa đúng thời hạn, không lập được Tờ trình; "
                                                "Tờ trình đề nghị nâng mức độ lập sớm nhất từ ngày 31/01/2025"));

    u.documents["to-trinh"].date = Date{2025, 1, 31};
    e = forms::evaluate(f, u);
    CHECK(e.months_since_previous == 12);
    CHECK(e.granted);
    CHECK(e.request_in_order);
    CHECK_FALSE(e.earliest_request_date);
    Diagnostics d2;
    forms::check(f, u, d2);
    CHECK(matching(d2, "12 tháng").empty());
}

TEST_CASE("TT24 khoản 3 Điều 5 — the earliest date is the same day 12 months later, or the month's last day", "[forms][upgrade]") {
    const auto& f = form("tt24-huyen");
    // Recognised 29/02/2024: 12 months are complete on 28/02/2025, not on 27/02/2025.
    auto u = upgrade_unit(f, "ubnd-xa", Date{2024, 2, 29}, Date{2025, 2, 27});
    auto e = forms::evaluate(f, u);
    CHECK_FALSE(e.granted);
    CHECK(e.earliest_request_date == Date{2025, 2, 28});
    u.documents["to-trinh"].date = Date{2025, 2, 28};
    e = forms::evaluate(f, u);
    CHECK(e.granted);
    CHECK(e.months_since_previous == 12);
    CHECK(add_months(Date{2024, 1, 31}, 1) == Date{2024, 2, 29});
    CHECK(add_months(Date{2023, 12, 15}, 12) == Date{2024, 12, 15});
    CHECK(add_months(Date{2023, 11, 30}, 3) == Date{2024, 2, 29});
}

TEST_CASE("TT24 khoản 3 Điều 11 (cấp tỉnh) — same rule; a Tờ trình with a blank day counts from the 1st of its month",
          "[forms][upgrade][tt24-tinh]") {
    const auto& f = form("tt24-tinh");
    auto u = upgrade_unit(f, "co-quan-ubnd-tinh", Date{2024, 1, 10}, Date{2025, 1, 0});
    auto e = forms::evaluate(f, u);
    CHECK(e.months_since_previous == 11);  // 10/01/2024 → 01/01/2025
    CHECK_FALSE(e.granted);
    CHECK_FALSE(e.request_in_order);
    CHECK(e.earliest_request_date == Date{2025, 1, 10});
    CHECK_THAT(e.reasons.at(0), Catch::Contains("(TT24 khoản 3 Điều 11)"));
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
    auto u = upgrade_unit(f, "ubnd-xa", Date{2021, 2, 1}, Date{2025, 1, 8});
    u.assessment.requested_level = 1;
    const auto e = forms::evaluate(f, u);
    CHECK_FALSE(e.granted);
    CHECK_FALSE(e.request_in_order);
    CHECK_FALSE(e.earliest_request_date);  // 47 months: the timing is not the problem
    Diagnostics d;
    forms::check(f, u, d);
    CHECK(matching(d, "nâng mức độ: đơn vị đã được công nhận mức độ 1 đề nghị công nhận mức độ 2").size() == 1);
    // The level-1 recognition by the decision of 02/2021 was kept until 31/12/2024 (03 years after 2021).
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
            CHECK(e.recognised_year == 2024);
            CHECK(e.recognised_year_source == forms::RecognisedYearSource::AssessmentYear);
            // A known decision date gives the year recognised, whatever the setting.
            u.assessment.decision_date = Date{2026, 3, 2};
            e = forms::evaluate(f, u);
            CHECK(e.valid_until == Date{2029, 12, 31});
            CHECK(e.recognised_year_source == forms::RecognisedYearSource::DecisionDate);
            // UNVERIFIED reading: counted from the year the decision is signed — assumed the year after
            // when the decision's date is not known.
            u.assessment.decision_date.reset();
            u.settings["validity-base"] = txt("decision-year");
            e = forms::evaluate(f, u);
            CHECK(e.valid_until == Date{2028, 12, 31});
            CHECK(e.recognised_year == 2025);
            CHECK(e.recognised_year_source == forms::RecognisedYearSource::AssumedDecisionYear);
        }
    }
}

TEST_CASE("khoản 4 Điều 5 — the decision's date (or year), when given, gives the validity's end year under either setting",
          "[forms][validity]") {
    const auto& f = form("tt24-huyen");
    data::UnitData u = passing_unit(f, "ubnd-xa");
    for (const char* base : {"assessment-year", "decision-year"})
    for (const auto& [decided, until] : std::vector<std::pair<Date, Date>>{
             {Date{2025, 2, 10}, Date{2028, 12, 31}},   // signed early in the year after the assessment
             {Date{2025, 12, 31}, Date{2028, 12, 31}},  // last day of that year
             {Date{2026, 1, 1}, Date{2029, 12, 31}},    // signed late, the year after
             {Date{2026, 0, 0}, Date{2029, 12, 31}},    // the year alone
             {Date{2026, 3, 0}, Date{2029, 12, 31}}}) {
        u.settings["validity-base"] = txt(base);
        u.assessment.decision_date = decided;
        const auto e = forms::evaluate(f, u);
        CHECK(e.valid_until == until);
        CHECK(e.recognised_year == decided.year);
        CHECK(e.recognised_year_source == forms::RecognisedYearSource::DecisionDate);
        CHECK(e.recognised_year_source != forms::RecognisedYearSource::AssumedDecisionYear);
        Diagnostics d;
        forms::check(f, u, d);
        CHECK_FALSE(d.has_errors());
    }
}

TEST_CASE("The recognition decision comes after the assessed year and after the Tờ trình", "[forms][validity][dates]") {
    const auto& f = form("tt24-huyen");
    data::UnitData u = passing_unit(f, "ubnd-xa");  // Tờ trình 08/01/2025
    auto errors = [&](const Date& decided) {
        u.assessment.decision_date = decided;
        Diagnostics d;
        forms::check(f, u, d);
        return matching(d, "ngày quyết định công nhận");
    };
    CHECK(errors(Date{2025, 1, 8}).empty());   // the same day as the Tờ trình
    CHECK(errors(Date{2025, 0, 0}).empty());   // the year of the Tờ trình
    CHECK(errors(Date{2025, 1, 0}).empty());   // its month
    auto m = errors(Date{2025, 1, 7});
    REQUIRE(m.size() == 1);
    CHECK(m[0].severity == Severity::Error);
    CHECK(m[0].message_vi == "ngày quyết định công nhận (07/01/2025) trước ngày Tờ trình (08/01/2025)");
    m = errors(Date{2024, 0, 0});
    REQUIRE(m.size() == 1);
    CHECK(m[0].message_vi == "ngày quyết định công nhận (2024) phải sau năm đánh giá 2024");
}

TEST_CASE("TT24 khoản 10 Điều 2 — công nhận lại khi quyết định trước đã hết thời hạn — còn hạn thì cảnh báo", "[forms][renewal]") {
    const auto& f = form("tt24-huyen");
    data::UnitData u = passing_unit(f, "ubnd-xa");
    u.assessment.kind = data::RequestKind::Renewal;
    u.assessment.previous = data::PreviousDecision{txt("12/QĐ-UBND"), Date{2023, 2, 10}, 1, 2022, {"test.xml", 3, 3}};
    Diagnostics d;
    forms::check(f, u, d);
    const auto m = matching(d, "còn được bảo lưu đến 31/12/2026");  // decision of 2023 + 03 years
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
