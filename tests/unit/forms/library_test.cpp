// The form files in forms/: they load without a single diagnostic and carry what the circulars
// say (numbers, dates, articles, authorities, deadlines, the structure of criteria). Form files
// with mistakes are reported with file:line:column; a new circular is a new file, not new code.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "support.h"
#include "util.h"

using namespace hoso;
using namespace hoso::test;

namespace {

std::vector<std::size_t> indicators_per_criterion(const forms::Form& f) {
    std::vector<std::size_t> out;
    for (const auto& c : f.criteria) out.push_back(c.indicators.size());
    return out;
}

}  // namespace

TEST_CASE("forms/ holds the five criteria sets and loads without problems", "[forms][library]") {
    Diagnostics d;
    const auto lib = forms::FormLibrary::load_directory(source_dir() / "forms", d);
    INFO(d.format());
    CHECK(d.empty());
    CHECK(lib.ids() == std::vector<std::string>{"tt24-huyen", "tt24-tinh", "tt25-huyen", "tt25-tinh", "tt25-xa"});
    for (const auto& f : lib.forms()) {
        CHECK(f.levels.size() == 2);
        CHECK(f.levels[0].number == 1);
        CHECK(f.levels[1].number == 2);
        CHECK(f.rules.validity_years == 3);   // TT24 khoản 4 Điều 5, 11; TT25 khoản 4 Điều 5, 10, 15
        CHECK(f.rules.upgrade_months == 12);  // TT24 khoản 3 Điều 5, 11
        CHECK(f.procedure.documents.size() == 3);
        for (const auto& c : f.criteria) {
            for (const auto& i : c.indicators) {
                CHECK(i.requirements.size() == 2);  // every indicator belongs to both levels
                CHECK_FALSE(i.short_name.empty());
            }
        }
    }
}

TEST_CASE("TT24 Điều 5–10 (cấp huyện) — căn cứ, hiệu lực, thẩm quyền, hạn nộp, 5 + 5 + 5 chỉ tiêu", "[forms][library]") {
    const auto& f = form("tt24-huyen");
    CHECK(f.title == "“Đơn vị học tập” cấp huyện");
    CHECK(f.scope == "cấp huyện");
    CHECK(f.circular.number == "24/2023/TT-BGDĐT");
    CHECK(f.circular.date == Date{2023, 12, 11});
    CHECK(f.circular.citation ==
          "Thông tư số 24/2023/TT-BGDĐT ngày 11/12/2023 của Bộ trưởng Bộ Giáo dục và Đào tạo quy định về "
          "đánh giá, công nhận “Đơn vị học tập” cấp huyện, tỉnh");
    CHECK(f.effective_from == Date{2024, 1, 26});  // Điều 22
    CHECK_FALSE(f.effective_until);
    CHECK(f.procedure.addressee == "Phòng Giáo dục và Đào tạo");          // điểm c khoản 1 Điều 10
    CHECK(f.procedure.decider == "Chủ tịch Ủy ban nhân dân cấp huyện");  // khoản 1 Điều 5
    CHECK(f.procedure.deadline_month == 1);
    CHECK(f.procedure.deadline_day == 15);
    CHECK(f.levels[0].article == "Điều 6");
    CHECK(f.levels[1].article == "Điều 7");
    CHECK(f.rules.evidence_citation == "khoản 3 Điều 9");
    CHECK(f.settings.evidence == forms::EvidencePolicy::Required);
    CHECK(indicators_per_criterion(f) == std::vector<std::size_t>{5, 5, 5});
}

TEST_CASE("TT24 Điều 11–16 (cấp tỉnh) — Sở Giáo dục và Đào tạo, Chủ tịch UBND cấp tỉnh, 5 + 5 + 6 chỉ tiêu", "[forms][library]") {
    const auto& f = form("tt24-tinh");
    CHECK(f.title == "“Đơn vị học tập” cấp tỉnh");
    CHECK(f.procedure.addressee == "Sở Giáo dục và Đào tạo");          // điểm c khoản 1 Điều 16
    CHECK(f.procedure.decider == "Chủ tịch Ủy ban nhân dân cấp tỉnh");  // khoản 1 Điều 11
    CHECK(f.procedure.deadline_month == 1);
    CHECK(f.procedure.deadline_day == 15);
    CHECK(f.levels[0].article == "Điều 12");
    CHECK(f.levels[1].article == "Điều 13");
    CHECK(f.rules.evidence_citation == "khoản 3 Điều 15");
    CHECK(f.rules.upgrade_citation == "khoản 3 Điều 11");
    CHECK(indicators_per_criterion(f) == std::vector<std::size_t>{5, 5, 6});
}

TEST_CASE("TT25 Điều 5–9 (cấp xã) — Phòng Giáo dục và Đào tạo, Trưởng phòng quyết định, hạn 28/02, 15 chỉ tiêu", "[forms][library]") {
    const auto& f = form("tt25-xa");
    CHECK(f.title == "“Cộng đồng học tập” cấp xã");
    CHECK(f.circular.number == "25/2023/TT-BGDĐT");
    CHECK(f.circular.date == Date{2023, 12, 27});
    CHECK(f.effective_from == Date{2024, 2, 12});  // Điều 25
    CHECK(f.procedure.addressee == "Phòng Giáo dục và Đào tạo");
    CHECK(f.procedure.decider == "Trưởng phòng Giáo dục và Đào tạo");  // điểm đ khoản 2 Điều 9
    CHECK(f.procedure.deadline_month == 2);
    CHECK(f.procedure.deadline_day == 28);
    CHECK(f.levels[0].article == "Điều 6");
    CHECK(f.levels[1].article == "Điều 7");
    CHECK(f.settings.evidence == forms::EvidencePolicy::Recommended);
    CHECK(indicators_per_criterion(f) == std::vector<std::size_t>{3, 3, 3, 4, 2});
}

TEST_CASE("TT25 Điều 10–14 (cấp huyện) — Sở Giáo dục và Đào tạo, Giám đốc Sở quyết định, hạn 30/4, 13 chỉ tiêu", "[forms][library]") {
    const auto& f = form("tt25-huyen");
    CHECK(f.procedure.addressee == "Sở Giáo dục và Đào tạo");
    CHECK(f.procedure.decider == "Giám đốc Sở Giáo dục và Đào tạo");
    CHECK(f.procedure.deadline_month == 4);
    CHECK(f.procedure.deadline_day == 30);
    CHECK(f.levels[0].article == "Điều 11");
    CHECK(f.levels[1].article == "Điều 12");
    CHECK(indicators_per_criterion(f) == std::vector<std::size_t>{3, 4, 3, 3});
}

TEST_CASE("TT25 Điều 15–19 (cấp tỉnh) — Bộ Giáo dục và Đào tạo, Bộ trưởng quyết định, hạn 31/7, 16 chỉ tiêu", "[forms][library]") {
    const auto& f = form("tt25-tinh");
    CHECK(f.procedure.addressee == "Bộ Giáo dục và Đào tạo");
    CHECK(f.procedure.decider == "Bộ trưởng Bộ Giáo dục và Đào tạo");
    CHECK(f.procedure.deadline_month == 7);
    CHECK(f.procedure.deadline_day == 31);
    CHECK(f.levels[0].article == "Điều 16");
    CHECK(f.levels[1].article == "Điều 17");
    CHECK(indicators_per_criterion(f) == std::vector<std::size_t>{3, 5, 5, 3});
}

TEST_CASE("TT24, TT25 — official wording of the levels' criteria that “theo quy định tại khoản … Điều 6” is the same",
          "[forms][library]") {
    // TT24 khoản 1 Điều 7 = khoản 1 Điều 6; TT25 khoản 1–3 Điều 7 = khoản 1–3 Điều 6.
    for (const char* id : {"tt24-huyen", "tt24-tinh", "tt25-xa", "tt25-huyen", "tt25-tinh"}) {
        const auto& f = form(id);
        for (const auto& i : f.criteria.front().indicators) {
            CHECK(i.at(1)->text == i.at(2)->text);
            CHECK(i.at(1)->citation == i.at(2)->citation);
        }
    }
    CHECK(form("tt24-huyen").find_indicator("T2.C4")->at(1)->text.find("chứng nhận hoặc chứng chỉ") != std::string::npos);
    CHECK(form("tt24-huyen").find_indicator("T2.C4")->at(2)->text.find("có trình độ ngoại ngữ") != std::string::npos);
}

TEST_CASE("A form file with mistakes is reported with file:line:column and left out", "[forms][library]") {
    const std::string good = slurp(source_dir() / "forms" / "tt25-tinh.xml");
    std::string bad = good;
    auto swap = [&](const std::string& from, const std::string& to) {
        const auto p = bad.find(from);
        REQUIRE(p != std::string::npos);
        bad.replace(p, from.size(), to);
    };
    swap(R"(measure="count" count-unit="chương trình">)", R"(measure="tally" count-unit="chương trình">)");
    swap(R"(<at level="2" min-percent="90" numerator="level-2">)", R"(<at level="3" min-percent="90" numerator="level-2">)");
    swap(R"(<indicator id="T2.C2")", R"(<indicator id="T2.C1")");
    Diagnostics d;
    const auto f = forms::FormLibrary::parse(bad, "bad-form.xml", d);
    CHECK_FALSE(f);
    INFO(d.format());
    CHECK(matching(d, "loại đo không hợp lệ 'tally'").size() == 1);
    CHECK(matching(d, "mức độ 3 chưa khai báo").size() == 1);
    CHECK(matching(d, "mã chỉ tiêu 'T2.C1' bị lặp").size() == 1);
    for (const auto& x : d.items()) {
        CHECK(x.where.file == "bad-form.xml");
        CHECK(x.where.line > 1);
        CHECK(x.where.column > 0);
    }
}

TEST_CASE("A new circular is a new data file — same engine, other thresholds, other dates", "[forms][library]") {
    // Simulate an amended TT24 (as the 2025 reform may bring): new id, in force from 2026,
    // decider changed, Tiêu chí 2 chỉ tiêu 1 mức độ 1 raised to 92%.
    std::string xml = slurp(source_dir() / "forms" / "tt24-huyen.xml");
    auto swap = [&](const std::string& from, const std::string& to) {
        const auto p = xml.find(from);
        REQUIRE(p != std::string::npos);
        xml.replace(p, from.size(), to);
    };
    swap(R"(<form id="tt24-huyen")", R"(<form id="tt24-xa-2026")");
    swap(R"(<in-force from="2024-01-26"/>)", R"(<in-force from="2026-01-01"/>)");
    swap("Chủ tịch Ủy ban nhân dân cấp huyện</decider>", "Chủ tịch Ủy ban nhân dân cấp xã</decider>");
    swap(R"(<at level="1" min-percent="90"><text>Tối thiểu 90% Thành viên trong đơn vị tuân thủ)",
         R"(<at level="1" min-percent="92"><text>Tối thiểu 92% Thành viên trong đơn vị tuân thủ)");
    const auto dir = std::filesystem::temp_directory_path() / "hoso-forms-amended";
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "tt24-xa-2026.xml", std::ios::binary) << xml;
    Diagnostics d;
    const auto lib = forms::FormLibrary::load_directory(dir, d);
    INFO(d.format());
    REQUIRE(d.empty());
    const forms::Form* f = lib.find("tt24-xa-2026");
    REQUIRE(f != nullptr);
    CHECK(f->procedure.decider == "Chủ tịch Ủy ban nhân dân cấp xã");

    data::UnitData u = passing_unit(*f, "ubnd-xa");
    u.form_id = txt("tt24-xa-2026");
    input(u, "T2.C1").numerator = 910;  // 91%: enough under TT24, not under the amended file
    input(u, "T2.C1").denominator = 1000;
    CHECK(result(forms::evaluate(*f, u), 1, "T2.C1").status == forms::Status::Fail);
    CHECK(result(forms::evaluate(form("tt24-huyen"), u), 1, "T2.C1").status == forms::Status::Pass);

    // A dossier dated before the new file is in force is refused by it.
    Diagnostics dc;
    forms::check(*f, u, dc);
    CHECK(matching(dc, "có hiệu lực từ ngày 01/01/2026").size() == 1);
    std::filesystem::remove_all(dir);
}

TEST_CASE("load_directory — not a directory throws IoError; two files with one id are reported", "[forms][library]") {
    Diagnostics d;
    CHECK_THROWS_AS(forms::FormLibrary::load_directory(source_dir() / "forms" / "tt24-huyen.xml", d), IoError);
    const auto dir = std::filesystem::temp_directory_path() / "hoso-forms-dup";
    std::filesystem::create_directories(dir);
    std::filesystem::copy_file(source_dir() / "forms" / "tt24-huyen.xml", dir / "a.xml",
                               std::filesystem::copy_options::overwrite_existing);
    std::filesystem::copy_file(source_dir() / "forms" / "tt24-huyen.xml", dir / "b.xml",
                               std::filesystem::copy_options::overwrite_existing);
    Diagnostics d2;
    const auto lib = forms::FormLibrary::load_directory(dir, d2);
    CHECK(lib.ids().size() == 1);
    CHECK(matching(d2, "trùng với tệp khác").size() == 1);
    std::filesystem::remove_all(dir);
}

TEST_CASE("Truncated or absurdly nested form files are reported, never a crash", "[forms][library][robustness]") {
    const std::string full = slurp(source_dir() / "forms" / "tt25-xa.xml");
    for (std::size_t cut = 0; cut < full.size(); cut += 211) {
        Diagnostics d;
        CHECK_FALSE(forms::FormLibrary::parse(full.substr(0, cut), "cut.xml", d));
        CHECK(d.has_errors());
    }
    std::string deep = "<form id=\"x\">";
    for (int i = 0; i < 10000; ++i) deep += "<criterion>";
    Diagnostics d;
    CHECK_FALSE(forms::FormLibrary::parse(deep, "deep.xml", d));
    CHECK(matching(d, "lồng nhau quá sâu").size() == 1);
}
