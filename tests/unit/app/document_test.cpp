// hoso document: a Kế hoạch and a joint Tờ trình from their data files (examples/documents/),
// compared with golden dumps; bad document files refused with file:line, nothing written.
#include "app/app.h"

#include <filesystem>

#include "app_support.h"

using namespace hoso;

namespace {

app::Outcome run_document(const std::filesystem::path& input, const std::filesystem::path& out,
                          std::set<app::Format> formats = {app::Format::Pdf}) {
    app::Request r;
    r.command = app::Command::Document;
    r.inputs = {input};
    r.output_dir = out;
    r.formats = std::move(formats);
    r.dumps = true;
    return app::run(r, test::test_env());
}

std::filesystem::path example(const std::string& name) {
    return test::source_dir() / "examples" / "documents" / (name + ".xml");
}

}  // namespace

TEST_CASE("document: the Kế hoạch and the joint Tờ trình match their goldens", "[app][document][golden]") {
    for (const std::string name : {"ke-hoach", "to-trinh-lien-tich"}) {
        DYNAMIC_SECTION(name) {
            const auto dir = test::fresh_dir("document", name);
            const auto outcome = run_document(example(name), dir, {app::Format::Pdf, app::Format::Docx});
            INFO(outcome.diagnostics.format());
            REQUIRE(outcome.exit_code == 0);
            CHECK_FALSE(outcome.diagnostics.has_errors());
            CHECK(std::filesystem::exists(dir / (name + ".pdf")));
            CHECK(std::filesystem::exists(dir / (name + ".docx")));
            for (const char* ext : {".model.txt", ".layout.txt"}) {
                test::check_golden(std::filesystem::path("golden/app/documents") / (name + ext),
                                   test::slurp(dir / (name + ext)));
            }
            std::filesystem::remove_all(dir);
        }
    }
}

TEST_CASE("document: the Kế hoạch has the parts real plans have, in order", "[app][document]") {
    const auto dir = test::fresh_dir("document", "ke-hoach-parts");
    const auto outcome = run_document(example("ke-hoach"), dir);
    INFO(outcome.diagnostics.format());
    REQUIRE(outcome.exit_code == 0);
    const std::string model = test::slurp(dir / "ke-hoach.model.txt");
    std::size_t at = 0;
    for (const char* part : {"number \"Số:      /KH-UBND\"", "doc_type \"KẾ HOẠCH\"", "summary \"Xây dựng “Đơn vị học tập” cấp huyện\"",
                             "\"Thực hiện Công văn", "như sau:\"", "\"I. MỤC ĐÍCH, YÊU CẦU\"", "\"II. NGUYÊN TẮC",
                             "\"III. NỘI DUNG\"", "\"1. Xác định “Đơn vị cấp huyện”\"", "\"- Cơ quan tham mưu",
                             "\"IV. TỔ CHỨC THỰC HIỆN\"", "giải quyết./.\"", "SignatureBlock", "authority \"TM. ỦY BAN NHÂN DÂN\"",
                             "recipient \"Lưu: VT, GDĐT\""}) {
        INFO(part);
        const auto found = model.find(part, at);
        REQUIRE(found != std::string::npos);
        at = found;
    }
    CHECK(model.find("Addressees") == std::string::npos);  // a plan goes to its Nơi nhận, not to a Kính gửi
    std::filesystem::remove_all(dir);
}

TEST_CASE("document: the joint Tờ trình has both bodies, TTrLT and two signers side by side", "[app][document]") {
    const auto dir = test::fresh_dir("document", "lien-tich");
    const auto outcome = run_document(example("to-trinh-lien-tich"), dir);
    INFO(outcome.diagnostics.format());
    REQUIRE(outcome.exit_code == 0);
    const std::string model = test::slurp(dir / "to-trinh-lien-tich.model.txt");
    CHECK(model.find("issuing_agency \"SỞ GIÁO DỤC VÀ ĐÀO TẠO\"\n      issuing_agency \"HỘI KHUYẾN HỌC TỈNH\"") !=
          std::string::npos);
    CHECK(model.find("number \"Số: 05/TTrLT-SGDĐT-HKH\"") != std::string::npos);
    CHECK(model.find("joint_signer_name \"Hoàng Thị Lan\"") != std::string::npos);
    // In the laid-out page: the lead body's signer on the right half, the other on the left,
    // on the same line; Nơi nhận below both.
    const std::string layout = test::slurp(dir / "to-trinh-lien-tich.layout.txt");
    auto item = [&](const std::string& word, const char* style) {
        const auto p = layout.find(std::string(style) + " \"" + word + "\"");
        REQUIRE(p != std::string::npos);
        const auto start = layout.rfind("text ", p);
        double x = 0, y = 0;
        REQUIRE(std::sscanf(layout.c_str() + start, "text %lf %lf", &x, &y) == 2);
        return std::pair<double, double>{x, y};
    };
    const auto lead = item("GIÁM", "nd30-signer-authority");
    const auto partner = item("TM.", "nd30-signer-authority");
    const auto lead_name = item("Nguyễn", "nd30-signer-name");
    const auto partner_name = item("Hoàng", "nd30-signer-name");
    const auto label = item("Nơi", "nd30-recipients-label");
    CHECK(lead.first > 595.28 / 2);
    CHECK(partner.first < 595.28 / 2);
    CHECK(lead.second == Approx(partner.second));
    CHECK(lead_name.second == Approx(partner_name.second));
    CHECK(label.second < partner_name.second);
    std::filesystem::remove_all(dir);
}

TEST_CASE("document: bad files are refused with file:line and nothing is written", "[app][document]") {
    const auto dir = test::fresh_dir("document", "bad");
    std::filesystem::create_directories(dir);
    std::string xml = test::slurp(example("ke-hoach"));
    const auto swap = [&xml](const std::string& from, const std::string& to) {
        const auto p = xml.find(from);
        REQUIRE(p != std::string::npos);
        xml.replace(p, from.size(), to);
    };
    swap("template=\"ke-hoach\"", "template=\"ke-hoach-x\"");
    swap("<abbreviation>UBND</abbreviation>", "");
    swap("<section title=\"Nội dung\">", "<section title=\"Nội dung\" so=\"3\">");
    write_file_atomic(dir / "bad.xml", xml);
    const auto outcome = run_document(dir / "bad.xml", dir / "out");
    CHECK(outcome.exit_code == 1);
    const std::string text = outcome.diagnostics.format();
    INFO(text);
    CHECK(text.find("không có mẫu 'ke-hoach-x'") != std::string::npos);
    CHECK(text.find("chữ viết tắt tên cơ quan") != std::string::npos);
    CHECK(text.find("'so'") != std::string::npos);
    CHECK(text.find("bad.xml:") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir / "out"));
    std::filesystem::remove_all(dir);
}
