// Every threshold of every form, on both sides of its boundary, at both levels.
//
// The thresholds below are written out from the circulars (Thông tư 24/2023/TT-BGDĐT Điều 6,
// 7, 12, 13; Thông tư 25/2023/TT-BGDĐT Điều 6, 7, 11, 12, 16, 17), independently of forms/*.xml:
// a wrong number in a form file makes these tests fail. Each case starts from a unit that meets
// every indicator, moves one figure across the boundary, and checks the indicator, and with it
// the level (all criteria must be met), flip between Không đạt and Đạt.
#include <catch2/catch.hpp>

#include "support.h"
#include "util.h"

using namespace hoso;
using namespace hoso::test;
using forms::Status;

namespace {

struct RatioCase {
    const char* form;
    const char* type;
    const char* trait;     // "" or a unit trait
    const char* id;
    int level;
    const char* citation;  // where the circular states the threshold
    const char* percent;   // as the circular writes it, e.g. "90%" (must appear in the wording)
    const char* figure;    // numerator figure moved across the boundary
    double fail, pass;     // values of `figure`, over `den`
    double den;
    const char* den_figure;  // "denominator" or e.g. "learners"
};

void run_ratio(const RatioCase& c) {
    const forms::Form& f = form(c.form);
    data::UnitData u = passing_unit(f, c.type);
    if (*c.trait) u.unit.traits.push_back(txt(c.trait));
    auto set = [&](double v) {
        data::IndicatorInput& in = input(u, c.id);
        const std::string fig = c.figure;
        const std::string den = c.den_figure;
        if (den == "denominator") in.denominator = c.den;
        else in.figures[den] = c.den;
        if (fig == "numerator") {
            in.numerator = v;
            if (in.figures.count("university")) in.figures["university"] = 0.2 * c.den;  // keep the sub-ratio met
        } else {
            in.figures[fig] = v;
            if (fig == "university") in.numerator = c.den;
        }
    };
    const forms::Indicator* ind = f.find_indicator(c.id);
    REQUIRE(ind != nullptr);
    REQUIRE(ind->at(c.level) != nullptr);
    CHECK(ind->at(c.level)->citation == c.citation);
    CHECK_THAT(ind->at(c.level)->text, Catch::Contains(c.percent));

    set(c.fail);
    auto e = forms::evaluate(f, u);
    const auto& below = result(e, c.level, c.id);
    INFO(below.value << " — " << below.reason);
    CHECK(below.status == Status::Fail);
    CHECK_THAT(below.reason, Catch::Contains(" < "));
    CHECK(level_status(e, c.level) == Status::Fail);

    set(c.pass);
    e = forms::evaluate(f, u);
    const auto& at = result(e, c.level, c.id);
    INFO(at.value << " — " << at.reason);
    CHECK(at.status == Status::Pass);
    CHECK(level_status(e, c.level) == Status::Pass);
}

void run_ratio_table(const std::vector<RatioCase>& cases) {
    for (const auto& c : cases) {
        DYNAMIC_SECTION(c.form << " " << c.id << " mức độ " << c.level << " (" << c.citation << ") — "
                               << c.figure << " " << c.fail << "/" << c.den << " không đạt, " << c.pass << "/"
                               << c.den << " đạt") {
            run_ratio(c);
        }
    }
}

struct StepCase {
    const char* form;
    const char* type;
    const char* id;
    int level;
    const char* citation;
    const char* fail;  // scale step below the requirement
    const char* pass;  // the required step
};

void run_step(const StepCase& c) {
    const forms::Form& f = form(c.form);
    data::UnitData u = passing_unit(f, c.type);
    const forms::Indicator* ind = f.find_indicator(c.id);
    REQUIRE(ind != nullptr);
    CHECK(ind->at(c.level)->citation == c.citation);
    input(u, c.id).level = txt(c.fail);
    auto e = forms::evaluate(f, u);
    CHECK(result(e, c.level, c.id).status == Status::Fail);
    CHECK(level_status(e, c.level) == Status::Fail);
    input(u, c.id).level = txt(c.pass);
    e = forms::evaluate(f, u);
    CHECK(result(e, c.level, c.id).status == Status::Pass);
    CHECK(level_status(e, c.level) == Status::Pass);
}

void run_yes_no(const char* form_id, const char* type, const std::vector<const char*>& ids) {
    const forms::Form& f = form(form_id);
    for (const char* id : ids) {
        for (const auto& l : f.levels) {
            DYNAMIC_SECTION(form_id << " " << id << " mức độ " << l.number << " — không → không đạt, có → đạt") {
                data::UnitData u = passing_unit(f, type);
                REQUIRE(f.find_indicator(id) != nullptr);
                REQUIRE(f.find_indicator(id)->measure == forms::Measure::YesNo);
                input(u, id).met = false;
                auto e = forms::evaluate(f, u);
                CHECK(result(e, l.number, id).status == Status::Fail);
                CHECK(level_status(e, l.number) == Status::Fail);
                input(u, id).met = true;
                e = forms::evaluate(f, u);
                CHECK(result(e, l.number, id).status == Status::Pass);
                CHECK(level_status(e, l.number) == Status::Pass);
            }
        }
    }
}

}  // namespace

// --- Thông tư 24 -----------------------------------------------------------------------------

TEST_CASE("TT24 khoản 2 Điều 6 và khoản 2 Điều 7 (cấp huyện, Tiêu chí 2) — 89,9% không đạt, 90% đạt; "
          "49/100 không đạt, 50/100 đạt (ngoại ngữ); 94,9%/95% và 69,9%/70% ở mức độ 2",
          "[forms][thresholds][tt24-huyen]") {
    const char* t = "tieu-hoc-cong-lap";
    run_ratio_table({
        {"tt24-huyen", t, "", "T2.C1", 1, "điểm a khoản 2 Điều 6", "90%", "numerator", 899, 900, 1000, "denominator"},
        {"tt24-huyen", t, "", "T2.C2", 1, "điểm b khoản 2 Điều 6", "90%", "numerator", 899, 900, 1000, "denominator"},
        {"tt24-huyen", t, "", "T2.C3", 1, "điểm c khoản 2 Điều 6", "90%", "numerator", 899, 900, 1000, "denominator"},
        {"tt24-huyen", t, "", "T2.C4", 1, "điểm d khoản 2 Điều 6", "50%", "numerator", 49, 50, 100, "denominator"},
        {"tt24-huyen", t, "", "T2.C5", 1, "điểm đ khoản 2 Điều 6", "90%", "numerator", 899, 900, 1000, "denominator"},
        {"tt24-huyen", t, "", "T2.C1", 2, "điểm a khoản 2 Điều 7", "95%", "numerator", 949, 950, 1000, "denominator"},
        {"tt24-huyen", t, "", "T2.C2", 2, "điểm b khoản 2 Điều 7", "95%", "numerator", 949, 950, 1000, "denominator"},
        {"tt24-huyen", t, "", "T2.C3", 2, "điểm c khoản 2 Điều 7", "95%", "numerator", 949, 950, 1000, "denominator"},
        {"tt24-huyen", t, "", "T2.C4", 2, "điểm d khoản 2 Điều 7", "70%", "numerator", 699, 700, 1000, "denominator"},
        {"tt24-huyen", t, "", "T2.C5", 2, "điểm đ khoản 2 Điều 7", "95%", "numerator", 949, 950, 1000, "denominator"},
    });
}

TEST_CASE("TT24 điểm a khoản 3 Điều 6 và Điều 7 (cấp huyện) — Thành viên đạt “Công dân học tập” 90% / 95%; "
          "Người học của cơ sở giáo dục 95% / 97%",
          "[forms][thresholds][tt24-huyen]") {
    run_ratio_table({
        {"tt24-huyen", "ubnd-xa", "", "T3.C1", 1, "điểm a khoản 3 Điều 6", "90%", "numerator", 899, 900, 1000, "denominator"},
        {"tt24-huyen", "ubnd-xa", "", "T3.C1", 2, "điểm a khoản 3 Điều 7", "95%", "numerator", 949, 950, 1000, "denominator"},
        // A trung tâm giáo dục nghề nghiệp has Người học (khoản 8 Điều 2).
        {"tt24-huyen", "trung-tam-gdnn-gdtx", "", "T3.C1", 1, "điểm a khoản 3 Điều 6", "95%", "learners-passed", 949, 950, 1000, "learners"},
        {"tt24-huyen", "trung-tam-gdnn-gdtx", "", "T3.C1", 2, "điểm a khoản 3 Điều 7", "97%", "learners-passed", 969, 970, 1000, "learners"},
        // …and its Thành viên are still judged (setting alternative-population=both).
        {"tt24-huyen", "trung-tam-gdnn-gdtx", "", "T3.C1", 1, "điểm a khoản 3 Điều 6", "90%", "numerator", 899, 900, 1000, "denominator"},
    });
}

TEST_CASE("TT24 điểm d khoản 3 Điều 6 và Điều 7 (cấp huyện) — chuyển đổi số “mức đáp ứng cơ bản” / “mức đáp ứng tốt” "
          "(Quyết định số 4725/QĐ-BGDĐT)",
          "[forms][thresholds][tt24-huyen]") {
    for (const StepCase& c : std::vector<StepCase>{
             {"tt24-huyen", "thcs-cong-lap", "T3.C4", 1, "điểm d khoản 3 Điều 6", "chua-dat", "dap-ung-co-ban"},
             {"tt24-huyen", "thcs-cong-lap", "T3.C4", 2, "điểm d khoản 3 Điều 7", "dap-ung-co-ban", "dap-ung-tot"},
         }) {
        DYNAMIC_SECTION(c.id << " mức độ " << c.level << " — " << c.fail << " không đạt, " << c.pass << " đạt") { run_step(c); }
    }
}

TEST_CASE("TT24 khoản 1 và điểm b, c, đ khoản 3 Điều 6, Điều 7 (cấp huyện) — chỉ tiêu có/không", "[forms][thresholds][tt24-huyen]") {
    run_yes_no("tt24-huyen", "trung-tam-gdnn-gdtx", {"T1.C1", "T1.C2", "T1.C3", "T1.C4", "T1.C5", "T3.C2", "T3.C3", "T3.C5"});
}

TEST_CASE("TT24 khoản 2 Điều 12, 13 (cấp tỉnh, dẫn chiếu khoản 2 Điều 6, 7) — 89,9%/90%, 49/100 và 50/100, "
          "94,9%/95%, 69,9%/70%",
          "[forms][thresholds][tt24-tinh]") {
    const char* t = "co-quan-ubnd-tinh";
    run_ratio_table({
        {"tt24-tinh", t, "", "T2.C1", 1, "điểm a khoản 2 Điều 6", "90%", "numerator", 899, 900, 1000, "denominator"},
        {"tt24-tinh", t, "", "T2.C2", 1, "điểm b khoản 2 Điều 6", "90%", "numerator", 899, 900, 1000, "denominator"},
        {"tt24-tinh", t, "", "T2.C3", 1, "điểm c khoản 2 Điều 6", "90%", "numerator", 899, 900, 1000, "denominator"},
        {"tt24-tinh", t, "", "T2.C4", 1, "điểm d khoản 2 Điều 6", "50%", "numerator", 49, 50, 100, "denominator"},
        {"tt24-tinh", t, "", "T2.C5", 1, "điểm đ khoản 2 Điều 6", "90%", "numerator", 899, 900, 1000, "denominator"},
        {"tt24-tinh", t, "", "T2.C1", 2, "điểm a khoản 2 Điều 7", "95%", "numerator", 949, 950, 1000, "denominator"},
        {"tt24-tinh", t, "", "T2.C2", 2, "điểm b khoản 2 Điều 7", "95%", "numerator", 949, 950, 1000, "denominator"},
        {"tt24-tinh", t, "", "T2.C3", 2, "điểm c khoản 2 Điều 7", "95%", "numerator", 949, 950, 1000, "denominator"},
        {"tt24-tinh", t, "", "T2.C4", 2, "điểm d khoản 2 Điều 7", "70%", "numerator", 699, 700, 1000, "denominator"},
        {"tt24-tinh", t, "", "T2.C5", 2, "điểm đ khoản 2 Điều 7", "95%", "numerator", 949, 950, 1000, "denominator"},
    });
}

TEST_CASE("TT24 điểm a khoản 3 Điều 12, 13 (cấp tỉnh) — Thành viên 90% / 95%; Người học 95% / 97%",
          "[forms][thresholds][tt24-tinh]") {
    run_ratio_table({
        {"tt24-tinh", "thpt-cong-lap", "", "T3.C1", 1, "điểm a khoản 3 Điều 12", "90%", "numerator", 899, 900, 1000, "denominator"},
        {"tt24-tinh", "thpt-cong-lap", "", "T3.C1", 2, "điểm a khoản 3 Điều 13", "95%", "numerator", 949, 950, 1000, "denominator"},
        {"tt24-tinh", "thpt-cong-lap", "", "T3.C1", 1, "điểm a khoản 3 Điều 12", "95%", "learners-passed", 949, 950, 1000, "learners"},
        {"tt24-tinh", "thpt-cong-lap", "", "T3.C1", 2, "điểm a khoản 3 Điều 13", "97%", "learners-passed", 969, 970, 1000, "learners"},
    });
}

TEST_CASE("TT24 điểm d, đ khoản 3 Điều 12, 13 (cấp tỉnh) — chuyển đổi số cơ bản / tốt theo Quyết định 4725 (phổ thông, "
          "giáo dục thường xuyên) và 4740 (đại học)",
          "[forms][thresholds][tt24-tinh]") {
    for (const StepCase& c : std::vector<StepCase>{
             {"tt24-tinh", "thpt-cong-lap", "T3.C4", 1, "điểm d khoản 3 Điều 12", "chua-dat", "dap-ung-co-ban"},
             {"tt24-tinh", "thpt-cong-lap", "T3.C4", 2, "điểm d khoản 3 Điều 13", "dap-ung-co-ban", "dap-ung-tot"},
             {"tt24-tinh", "trung-tam-gdtx", "T3.C4", 2, "điểm d khoản 3 Điều 13", "dap-ung-co-ban", "dap-ung-tot"},
             {"tt24-tinh", "dai-hoc-cong-lap", "T3.C5", 1, "điểm đ khoản 3 Điều 12", "chua-dat", "dap-ung-co-ban"},
             {"tt24-tinh", "dai-hoc-cong-lap", "T3.C5", 2, "điểm đ khoản 3 Điều 13", "dap-ung-co-ban", "dap-ung-tot"},
         }) {
        DYNAMIC_SECTION(c.type << " " << c.id << " mức độ " << c.level << " — " << c.fail << " không đạt, " << c.pass << " đạt") {
            run_step(c);
        }
    }
}

TEST_CASE("TT24 khoản 1 Điều 6 và điểm b, c, e khoản 3 Điều 12, 13 (cấp tỉnh) — chỉ tiêu có/không", "[forms][thresholds][tt24-tinh]") {
    run_yes_no("tt24-tinh", "cao-dang-cong-lap", {"T1.C1", "T1.C2", "T1.C3", "T1.C4", "T1.C5", "T3.C2", "T3.C3", "T3.C6"});
}

// --- Thông tư 25 -----------------------------------------------------------------------------

TEST_CASE("TT25 khoản 5 Điều 6, 7 (cấp xã) — “Công dân học tập” 60% / 80%; đào tạo 50% + đại học 12% / 60% + 15%; "
          "xã vùng khó khăn 40% + 10% / 50% + 12%",
          "[forms][thresholds][tt25-xa]") {
    run_ratio_table({
        {"tt25-xa", "xa", "", "T5.C1", 1, "điểm a khoản 5 Điều 6", "60%", "numerator", 599, 600, 1000, "denominator"},
        {"tt25-xa", "xa", "", "T5.C1", 2, "điểm a khoản 5 Điều 7", "80%", "numerator", 799, 800, 1000, "denominator"},
        {"tt25-xa", "xa", "", "T5.C2", 1, "điểm b khoản 5 Điều 6", "50%", "numerator", 499, 500, 1000, "denominator"},
        {"tt25-xa", "xa", "", "T5.C2", 1, "điểm b khoản 5 Điều 6", "12%", "university", 119, 120, 1000, "denominator"},
        {"tt25-xa", "xa", "", "T5.C2", 2, "điểm b khoản 5 Điều 7", "60%", "numerator", 599, 600, 1000, "denominator"},
        {"tt25-xa", "xa", "", "T5.C2", 2, "điểm b khoản 5 Điều 7", "15%", "university", 149, 150, 1000, "denominator"},
        {"tt25-xa", "xa", "vung-kho-khan", "T5.C2", 1, "điểm b khoản 5 Điều 6", "40%", "numerator", 399, 400, 1000, "denominator"},
        {"tt25-xa", "xa", "vung-kho-khan", "T5.C2", 1, "điểm b khoản 5 Điều 6", "10%", "university", 99, 100, 1000, "denominator"},
        {"tt25-xa", "xa", "vung-kho-khan", "T5.C2", 2, "điểm b khoản 5 Điều 7", "50%", "numerator", 499, 500, 1000, "denominator"},
        {"tt25-xa", "xa", "vung-kho-khan", "T5.C2", 2, "điểm b khoản 5 Điều 7", "12%", "university", 119, 120, 1000, "denominator"},
    });
}

TEST_CASE("TT25 khoản 4 Điều 6, 7 (cấp xã) — phổ cập tiểu học, trung học cơ sở mức độ 2 / 3; xóa mù chữ mức độ 1 / 2 "
          "(Nghị định số 20/2014/NĐ-CP)",
          "[forms][thresholds][tt25-xa]") {
    for (const StepCase& c : std::vector<StepCase>{
             {"tt25-xa", "xa", "T4.C2", 1, "điểm b khoản 4 Điều 6", "muc-do-1", "muc-do-2"},
             {"tt25-xa", "xa", "T4.C2", 2, "điểm b khoản 4 Điều 7", "muc-do-2", "muc-do-3"},
             {"tt25-xa", "xa", "T4.C3", 1, "điểm c khoản 4 Điều 6", "muc-do-1", "muc-do-2"},
             {"tt25-xa", "xa", "T4.C3", 2, "điểm c khoản 4 Điều 7", "muc-do-2", "muc-do-3"},
             {"tt25-xa", "xa", "T4.C4", 1, "điểm d khoản 4 Điều 6", "chua-dat", "muc-do-1"},
             {"tt25-xa", "xa", "T4.C4", 2, "điểm d khoản 4 Điều 7", "muc-do-1", "muc-do-2"},
         }) {
        DYNAMIC_SECTION(c.id << " mức độ " << c.level << " — " << c.fail << " không đạt, " << c.pass << " đạt") { run_step(c); }
    }
}

TEST_CASE("TT25 khoản 1–3 và điểm a khoản 4 Điều 6, 7 (cấp xã) — chỉ tiêu có/không, phổ cập mầm non 5 tuổi",
          "[forms][thresholds][tt25-xa]") {
    run_yes_no("tt25-xa", "phuong",
               {"T1.C1", "T1.C2", "T1.C3", "T2.C1", "T2.C2", "T2.C3", "T3.C1", "T3.C2", "T3.C3", "T4.C1"});
}

TEST_CASE("TT25 điểm a khoản 4 Điều 11, 12 (cấp huyện) — ít nhất 90% số xã đạt “Cộng đồng học tập” mức độ 1 / mức độ 2",
          "[forms][thresholds][tt25-huyen]") {
    run_ratio_table({
        {"tt25-huyen", "huyen", "", "T4.C1", 1, "điểm a khoản 4 Điều 11", "90%", "numerator", 899, 900, 1000, "denominator"},
        {"tt25-huyen", "huyen", "", "T4.C1", 2, "điểm a khoản 4 Điều 12", "90%", "level-2", 899, 900, 1000, "denominator"},
        // Realistic sizes: 17 of 19 xã is 89,47%, 18 of 20 is exactly 90%.
        {"tt25-huyen", "huyen", "", "T4.C1", 1, "điểm a khoản 4 Điều 11", "90%", "numerator", 17, 18, 19, "denominator"},
    });
}

TEST_CASE("TT25 điểm b, c khoản 4 Điều 11, 12 (cấp huyện) — thu nhập bình quân, tỷ lệ lao động có việc làm tăng so với "
          "năm trước liền kề — bằng năm trước không đạt",
          "[forms][thresholds][tt25-huyen]") {
    const forms::Form& f = form("tt25-huyen");
    for (const char* id : {"T4.C2", "T4.C3"}) {
        for (int level : {1, 2}) {
            DYNAMIC_SECTION(id << " mức độ " << level) {
                data::UnitData u = passing_unit(f, "quan");
                input(u, id).figures = {{"previous", 68.2}, {"current", 68.2}};
                auto e = forms::evaluate(f, u);
                CHECK(result(e, level, id).status == Status::Fail);
                input(u, id).figures = {{"previous", 68.2}, {"current", 68.3}};
                e = forms::evaluate(f, u);
                CHECK(result(e, level, id).status == Status::Pass);
                input(u, id).figures = {{"previous", 68.2}, {"current", 68.1}};
                e = forms::evaluate(f, u);
                CHECK(result(e, level, id).status == Status::Fail);
            }
        }
    }
}

TEST_CASE("TT25 khoản 1–3 Điều 11 (cấp huyện) — chỉ tiêu có/không", "[forms][thresholds][tt25-huyen]") {
    run_yes_no("tt25-huyen", "thi-xa", {"T1.C1", "T1.C2", "T1.C3", "T2.C1", "T2.C2", "T2.C3", "T2.C4", "T3.C1", "T3.C2", "T3.C3"});
}

TEST_CASE("TT25 điểm d, đ khoản 3 Điều 16 (cấp tỉnh) — tối thiểu 04 chương trình — 03 không đạt, 04 đạt, ở cả hai mức độ",
          "[forms][thresholds][tt25-tinh]") {
    const forms::Form& f = form("tt25-tinh");
    for (const char* id : {"T3.C4", "T3.C5"}) {
        for (int level : {1, 2}) {
            DYNAMIC_SECTION(id << " mức độ " << level) {
                CHECK_THAT(f.find_indicator(id)->at(level)->text, Catch::Contains("tối thiểu 04"));
                data::UnitData u = passing_unit(f, "tinh");
                input(u, id).count = 3;
                auto e = forms::evaluate(f, u);
                CHECK(result(e, level, id).status == Status::Fail);
                CHECK(result(e, level, id).value == "03 chương trình" + std::string(input(u, id).met ? "; Có" : ""));
                CHECK(level_status(e, level) == Status::Fail);
                input(u, id).count = 4;
                e = forms::evaluate(f, u);
                CHECK(result(e, level, id).status == Status::Pass);
                CHECK(level_status(e, level) == Status::Pass);
            }
        }
    }
    SECTION("điểm đ — đủ 04 chương trình nhưng không tham gia xây dựng nguồn tài nguyên số dùng chung → không đạt") {
        data::UnitData u = passing_unit(f, "tinh");
        input(u, "T3.C5").count = 4;
        input(u, "T3.C5").met = false;
        const auto e = forms::evaluate(f, u);
        CHECK(result(e, 1, "T3.C5").status == Status::Fail);
    }
}

TEST_CASE("TT25 điểm a khoản 4 Điều 16, 17 (cấp tỉnh) — ít nhất 90% số huyện đạt “Cộng đồng học tập” cấp huyện mức độ 1 / 2",
          "[forms][thresholds][tt25-tinh]") {
    run_ratio_table({
        {"tt25-tinh", "tinh", "", "T4.C1", 1, "điểm a khoản 4 Điều 16", "90%", "numerator", 899, 900, 1000, "denominator"},
        {"tt25-tinh", "tinh", "", "T4.C1", 2, "điểm a khoản 4 Điều 17", "90%", "level-2", 899, 900, 1000, "denominator"},
    });
}

TEST_CASE("TT25 điểm b, c khoản 4 Điều 16, 17 (cấp tỉnh) — tỷ lệ hộ nghèo giảm, GRDP tăng so với năm trước liền kề",
          "[forms][thresholds][tt25-tinh]") {
    const forms::Form& f = form("tt25-tinh");
    for (int level : {1, 2}) {
        DYNAMIC_SECTION("mức độ " << level) {
            data::UnitData u = passing_unit(f, "tinh");
            input(u, "T4.C2").figures = {{"previous", 21.5}, {"current", 21.5}};
            input(u, "T4.C3").figures = {{"previous", 28450}, {"current", 28450}};
            auto e = forms::evaluate(f, u);
            CHECK(result(e, level, "T4.C2").status == Status::Fail);
            CHECK(result(e, level, "T4.C3").status == Status::Fail);
            input(u, "T4.C2").figures = {{"previous", 21.5}, {"current", 21.4}};
            input(u, "T4.C3").figures = {{"previous", 28450}, {"current", 28450.5}};
            e = forms::evaluate(f, u);
            CHECK(result(e, level, "T4.C2").status == Status::Pass);
            CHECK(result(e, level, "T4.C3").status == Status::Pass);
            input(u, "T4.C2").figures = {{"previous", 21.5}, {"current", 21.6}};  // poverty rose
            e = forms::evaluate(f, u);
            CHECK(result(e, level, "T4.C2").status == Status::Fail);
        }
    }
}

TEST_CASE("TT25 khoản 1–3 Điều 16 (cấp tỉnh) — chỉ tiêu có/không", "[forms][thresholds][tt25-tinh]") {
    run_yes_no("tt25-tinh", "thanh-pho-truc-thuoc-trung-uong",
               {"T1.C1", "T1.C2", "T1.C3", "T2.C1", "T2.C2", "T2.C3", "T2.C4", "T2.C5", "T3.C1", "T3.C2", "T3.C3"});
}

TEST_CASE("Số phần trăm in ra không bao giờ mâu thuẫn với kết luận — 22.499/25.000 = 89,996% không in thành 90%",
          "[forms][thresholds][format]") {
    const forms::Form& f = form("tt24-huyen");
    data::UnitData u = passing_unit(f, "ubnd-xa");
    input(u, "T2.C1").numerator = 22499;
    input(u, "T2.C1").denominator = 25000;
    const auto e = forms::evaluate(f, u);
    const auto& r = result(e, 1, "T2.C1");
    CHECK(r.status == Status::Fail);
    CHECK(r.value == "22.499/25.000 = 89,996%");
    CHECK(r.reason == "89,996% < 90%");
    REQUIRE(r.percent);
    CHECK(*r.percent == Approx(89.996));
}
