// The whole pipeline on the example data files: the document tree and the laid-out pages of
// every dossier document are compared with golden dumps a person can read in a diff
// (UPDATE_GOLDEN=1 rewrites them; review the diff and look at the rendered pages).
#include "app/app.h"

#include <filesystem>

#include "app_support.h"

using namespace hoso;

namespace {

using test::test_env;

std::filesystem::path fresh_dir(const std::string& name) { return test::fresh_dir("app", name); }

}  // namespace

TEST_CASE("dossier of every example: model and layout dumps match the goldens", "[app][golden]") {
    for (const auto& entry : std::filesystem::directory_iterator(test::source_dir() / "examples")) {
        if (entry.path().extension() != ".xml") continue;
        const std::string name = entry.path().stem().string();
        DYNAMIC_SECTION(name) {
            app::Request r;
            r.command = app::Command::Dossier;
            r.inputs = {entry.path()};
            r.output_dir = fresh_dir(name);
            r.formats = {app::Format::Pdf};
            r.dumps = true;
            const auto outcome = app::run(r, test_env());
            INFO(outcome.diagnostics.format());
            REQUIRE(outcome.exit_code == 0);
            int dumps = 0;
            for (const auto& f : outcome.written) {
                const std::string file = f.filename().string();
                if (f.extension() != ".txt") continue;
                ++dumps;
                test::check_golden(std::filesystem::path("golden/app") / name / file, test::slurp(f));
            }
            CHECK(dumps == 6);
            std::filesystem::remove_all(r.output_dir);
        }
    }
}

TEST_CASE("invalid data writes nothing and reports every problem", "[app]") {
    const auto dir = fresh_dir("invalid");
    std::filesystem::create_directories(dir);
    std::string xml = test::slurp(test::source_dir() / "examples" / "tt24-huyen.xml");
    // Two independent problems: a character the font lacks and a numerator above its denominator.
    const auto name_at = xml.find("<name>Trường Tiểu học Đông Hải</name>");
    REQUIRE(name_at != std::string::npos);
    xml.replace(name_at, std::string("<name>Trường Tiểu học Đông Hải</name>").size(), "<name>Trường 中 Đông Hải</name>");
    const auto members_at = xml.find("<members>48</members>");
    REQUIRE(members_at != std::string::npos);
    xml.replace(members_at, std::string("<members>48</members>").size(), "<members>4</members>");
    const auto input = dir / "bad.xml";
    write_file_atomic(input, xml);

    app::Request r;
    r.command = app::Command::Dossier;
    r.inputs = {input};
    r.output_dir = dir / "out";
    const auto outcome = app::run(r, test_env());
    CHECK(outcome.exit_code == 1);
    CHECK(outcome.written.empty());
    CHECK_FALSE(std::filesystem::exists(r.output_dir));
    const std::string report = outcome.diagnostics.format();
    INFO(report);
    CHECK(report.find("U+4E2D") != std::string::npos);
    CHECK(outcome.diagnostics.error_count() >= 2);
    std::filesystem::remove_all(dir);
}

TEST_CASE("the same input gives the same bytes", "[app]") {
    const auto a = fresh_dir("same-a"), b = fresh_dir("same-b");
    for (const auto& dir : {a, b}) {
        app::Request r;
        r.command = app::Command::Dossier;
        r.inputs = {test::source_dir() / "examples" / "tt24-huyen.xml"};
        r.output_dir = dir;
        const auto outcome = app::run(r, test_env());
        INFO(outcome.diagnostics.format());
        REQUIRE(outcome.exit_code == 0);
        REQUIRE(outcome.written.size() == 6);
    }
    for (const auto& f : std::filesystem::directory_iterator(a)) {
        CHECK(test::slurp(f.path()) == test::slurp(b / f.path().filename()));
    }
    std::filesystem::remove_all(a);
    std::filesystem::remove_all(b);
}

TEST_CASE("batch: every unit on its own folder, a manifest in input order, failures skipped", "[app][batch]") {
    const auto in = fresh_dir("batch-in"), out1 = fresh_dir("batch-out1"), out2 = fresh_dir("batch-out2");
    std::filesystem::create_directories(in);
    const std::string good = test::slurp(test::source_dir() / "examples" / "tt24-huyen.xml");
    std::string bad = good;
    bad.replace(bad.find("<members>48</members>"), std::string("<members>48</members>").size(), "<members>-4</members>");
    for (int i = 1; i <= 6; ++i) write_file_atomic(in / ("unit-" + std::to_string(i) + ".xml"), good);
    write_file_atomic(in / "unit-3.xml", bad);
    // Asks level 2, reaches 1: evaluated (a row of ket-qua.xlsx) but no Tờ trình.
    write_file_atomic(in / "unit-7.xml", test::slurp(test::source_dir() / "examples" / "council" / "don-vi" / "thcs-muong-so.xml"));

    for (const auto& [dir, jobs] : {std::pair{out1, 1}, std::pair{out2, 2}}) {
        app::Request r;
        r.command = app::Command::Batch;
        r.inputs = {in};
        r.output_dir = dir;
        r.jobs = jobs;
        const auto outcome = app::run(r, test_env());
        CHECK(outcome.exit_code == 1);  // two units failed
        CHECK(outcome.diagnostics.format().find("unit-3.xml") != std::string::npos);
        CHECK(outcome.diagnostics.format().find("không lập Tờ trình đề nghị mức độ 2") != std::string::npos);
        CHECK(outcome.output.find("7 đơn vị (units): 5 xong (done), 2 lỗi (failed); 31 tệp (files)") == 0);
        CHECK_FALSE(std::filesystem::exists(dir / "unit-7"));
        CHECK_FALSE(std::filesystem::exists(dir / "unit-3"));
        CHECK(std::filesystem::exists(dir / "unit-6" / "truong-tieu-hoc-dong-hai_mau03-tong-hop.docx"));
    }
    const std::string manifest = test::slurp(out1 / "manifest.csv");
    CHECK(manifest.rfind("unit,document,format,path,pages,sha256\n", 0) == 0);
    CHECK(std::count(manifest.begin(), manifest.end(), '\n') == 32);
    CHECK(manifest.find("unit-1/") < manifest.find("unit-2/"));
    CHECK(manifest.find("unit-3/") == std::string::npos);
    // The results workbook is listed last, with its digest; its content is read back by
    // openpyxl in integration.batch.
    const std::string xlsx = test::slurp(out1 / "ket-qua.xlsx");
    CHECK(manifest.find(",ket-qua,xlsx,ket-qua.xlsx,0," + sha256_hex(xlsx) + "\n") != std::string::npos);
    CHECK(manifest.rfind("ket-qua.xlsx") > manifest.rfind("unit-6/"));
    CHECK(xlsx == test::slurp(out2 / "ket-qua.xlsx"));
    // Scheduling does not change a byte: one worker or two give the same files and manifest.
    CHECK(manifest == test::slurp(out2 / "manifest.csv"));
    CHECK(test::slurp(out1 / "manifest.json") == test::slurp(out2 / "manifest.json"));
    CHECK(test::slurp(out1 / "manifest.json").find("\"failed\": [\n    \"") != std::string::npos);
    const auto pdf = out1 / "unit-5" / "truong-tieu-hoc-dong-hai_mau01-to-trinh.pdf";
    CHECK(manifest.find(sha256_hex(test::slurp(pdf))) != std::string::npos);
    for (const auto& d : {in, out1, out2}) std::filesystem::remove_all(d);
}

TEST_CASE("TT24 điểm c khoản 1 Điều 10: no Tờ trình for a level the self-assessment does not reach", "[app]") {
    const auto dir = fresh_dir("not-granted");
    app::Request r;
    r.command = app::Command::Dossier;
    r.inputs = {test::source_dir() / "examples" / "council" / "don-vi" / "thcs-muong-so.xml"};  // asks 2, reaches 1
    r.output_dir = dir;
    auto outcome = app::run(r, test_env());
    CHECK(outcome.exit_code == 1);
    CHECK_FALSE(std::filesystem::exists(dir));
    CHECK(outcome.diagnostics.format().find("không lập Tờ trình đề nghị mức độ 2") != std::string::npos);
    // The report and the summary table alone can still be printed for review.
    r.only_templates = {"mau02-bao-cao", "mau03-tong-hop"};
    r.formats = {app::Format::Pdf};
    outcome = app::run(r, test_env());
    INFO(outcome.diagnostics.format());
    CHECK(outcome.exit_code == 0);
    CHECK(outcome.written.size() == 2);
    std::filesystem::remove_all(dir);
}

namespace {

std::string edited_example(const std::string& name, const std::string& from, const std::string& to) {
    std::string xml = test::slurp(test::source_dir() / "examples" / (name + ".xml"));
    const auto at = xml.find(from);
    REQUIRE(at != std::string::npos);
    return xml.replace(at, from.size(), to);
}

app::Outcome run_command(app::Command c, const std::filesystem::path& input, const std::filesystem::path& out = {}) {
    app::Request r;
    r.command = c;
    r.inputs = {input};
    r.output_dir = out;
    r.formats = {app::Format::Pdf};
    r.dumps = true;
    return app::run(r, test_env());
}

}  // namespace

TEST_CASE("TT24 khoản 3 Điều 9: a unit with one indicator lacking evidence evaluates to the full table; validate warns; no Tờ trình",
          "[app][evidence]") {
    const auto dir = fresh_dir("no-evidence");
    std::filesystem::create_directories(dir);
    const auto input = dir / "don-vi.xml";
    write_file_atomic(input, edited_example("tt24-huyen",
                                            R"(<evidence code="H3-02" date="2024-04-20">Kế hoạch sinh hoạt chuyên môn cụm trường và biên bản chuyên đề chia sẻ kinh nghiệm dạy học</evidence>)",
                                            ""));
    auto outcome = run_command(app::Command::Validate, input);
    INFO(outcome.diagnostics.format());
    CHECK(outcome.exit_code == 0);
    CHECK_FALSE(outcome.diagnostics.has_errors());
    CHECK(outcome.diagnostics.format().find("nên được đánh giá là không đạt (TT24 khoản 3 Điều 9)") != std::string::npos);

    outcome = run_command(app::Command::Evaluate, input);
    CHECK(outcome.exit_code == 0);
    CHECK(outcome.output.find("MỨC ĐỘ 1 (Điều 6): KHÔNG ĐẠT — 2/3 tiêu chí đạt") != std::string::npos);
    CHECK(outcome.output.find("MỨC ĐỘ 2 (Điều 7)") != std::string::npos);
    CHECK(outcome.output.find("Thiếu minh chứng phù hợp") != std::string::npos);
    CHECK(outcome.output.find("CHƯA ĐỦ ĐIỀU KIỆN") != std::string::npos);

    outcome = run_command(app::Command::Dossier, input, dir / "out");
    CHECK(outcome.exit_code == 1);
    CHECK_FALSE(std::filesystem::exists(dir / "out"));
    CHECK(outcome.diagnostics.format().find("không lập Tờ trình đề nghị mức độ 1: Chưa đạt mức độ 1: Tiêu chí 3 không đạt (chỉ tiêu "
                                            "T3.C2)") != std::string::npos);

    // Printed for review, Mẫu 02 and 03 say why the indicator is Không đạt.
    app::Request r;
    r.command = app::Command::Dossier;
    r.inputs = {input};
    r.output_dir = dir / "out";
    r.formats = {app::Format::Pdf};
    r.dumps = true;
    r.only_templates = {"mau02-bao-cao", "mau03-tong-hop"};
    outcome = app::run(r, test_env());
    REQUIRE(outcome.exit_code == 0);
    const std::string bao_cao = test::slurp(dir / "out" / "truong-tieu-hoc-dong-hai_mau02-bao-cao.model.txt");
    CHECK(bao_cao.find("Minh chứng: không có.") != std::string::npos);
    CHECK(bao_cao.find("Thiếu minh chứng phù hợp (TT24 khoản 3 Điều 9)") != std::string::npos);
    const std::string tong_hop = test::slurp(dir / "out" / "truong-tieu-hoc-dong-hai_mau03-tong-hop.model.txt");
    CHECK(tong_hop.find("Không có minh chứng phù hợp") != std::string::npos);
    CHECK(tong_hop.find("H3-02") == std::string::npos);
    std::filesystem::remove_all(dir);
}

TEST_CASE("TT24 khoản 3 Điều 9: evidence given by the document's number and date counts; Mẫu 02 names the document, Mẫu 03 "
          "marks a bare code as not counting",
          "[app][evidence]") {
    const auto dir = fresh_dir("evidence-number");
    std::filesystem::create_directories(dir);
    const std::string h302 =
        R"(<evidence code="H3-02" date="2024-04-20">Kế hoạch sinh hoạt chuyên môn cụm trường và biên bản chuyên đề chia sẻ kinh nghiệm dạy học</evidence>)";
    write_file_atomic(dir / "so.xml", edited_example("tt24-huyen", h302, R"(<evidence code="H3-02" number="15/KH-THĐH" date="2024-04-20"/>)"));
    write_file_atomic(dir / "ma.xml", edited_example("tt24-huyen", h302, R"(<evidence code="H3-02"/>)"));
    app::Request r;
    r.command = app::Command::Dossier;
    r.inputs = {dir / "so.xml"};
    r.output_dir = dir / "so";
    r.formats = {app::Format::Pdf};
    r.dumps = true;
    auto outcome = app::run(r, test_env());
    INFO(outcome.diagnostics.format());
    REQUIRE(outcome.exit_code == 0);
    CHECK(test::slurp(dir / "so" / "truong-tieu-hoc-dong-hai_mau02-bao-cao.model.txt")
              .find("Minh chứng H3-02: văn bản số 15/KH-THĐH ngày 20/04/2024.") != std::string::npos);
    r.inputs = {dir / "ma.xml"};
    r.output_dir = dir / "ma";
    r.only_templates = {"mau03-tong-hop"};
    outcome = app::run(r, test_env());
    REQUIRE(outcome.exit_code == 0);
    CHECK(test::slurp(dir / "ma" / "truong-tieu-hoc-dong-hai_mau03-tong-hop.model.txt")
              .find("H3-02 (không có mô tả, số, ngày văn bản)") != std::string::npos);
    std::filesystem::remove_all(dir);
}

TEST_CASE("TT24 khoản 3 Điều 11: an upgrade asked at 11 months is evaluated; the Tờ trình is refused with the earliest date; "
          "Mẫu 02/03 report the level the self-assessment reaches",
          "[app][upgrade]") {
    const auto dir = fresh_dir("early-upgrade");
    std::filesystem::create_directories(dir);
    const auto input = dir / "don-vi.xml";
    write_file_atomic(input, edited_example("tt24-tinh", R"(date="2023-02-08" level="1" year="2022")",
                                            R"(date="2024-02-08" level="1" year="2023")"));
    auto outcome = run_command(app::Command::Evaluate, input);
    INFO(outcome.diagnostics.format());
    CHECK(outcome.exit_code == 0);
    CHECK(outcome.output.find("Mức độ cao nhất đạt được: mức độ 2") != std::string::npos);
    CHECK(outcome.output.find("Hồ sơ đề nghị: CHƯA ĐÚNG QUY ĐỊNH về nâng mức độ") != std::string::npos);

    outcome = run_command(app::Command::Dossier, input, dir / "out");
    CHECK(outcome.exit_code == 1);
    CHECK_FALSE(std::filesystem::exists(dir / "out"));
    const std::string said = outcome.diagnostics.format();
    CHECK(said.find("không lập Tờ trình đề nghị mức độ 2: Chưa đủ 12 tháng") != std::string::npos);
    CHECK(said.find("Tờ trình đề nghị nâng mức độ lập sớm nhất từ ngày 08/02/2025") != std::string::npos);
    CHECK(said.find("the Tờ trình may be dated from 2025-02-08") != std::string::npos);
    CHECK(said.find("does not reach") == std::string::npos);  // it does reach it

    app::Request r;
    r.command = app::Command::Dossier;
    r.inputs = {input};
    r.output_dir = dir / "out";
    r.formats = {app::Format::Pdf};
    r.dumps = true;
    r.only_templates = {"mau02-bao-cao", "mau03-tong-hop"};
    outcome = app::run(r, test_env());
    REQUIRE(outcome.exit_code == 0);
    for (const char* doc : {"mau02-bao-cao", "mau03-tong-hop"}) {
        const std::string model =
            test::slurp(dir / "out" / (std::string("truong-trung-hoc-pho-thong-tan-phong_") + doc + ".model.txt"));
        CHECK(model.find("chưa đạt") == std::string::npos);
        CHECK(model.find("mức độ 2") != std::string::npos);
    }
    std::filesystem::remove_all(dir);
}
