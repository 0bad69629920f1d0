// hoso decision: a council's list → the recognition decision with its attached list (NĐ 30
// Mẫu 1.2 + Mẫu 2.1) and one reply letter per unit that does not qualify (Mẫu 1.5; TT24
// Điều 10: the reply states the reasons). The documents are checked through the model and
// layout dumps the command writes with --dump.
#include "app/app.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <sstream>

#include "app_support.h"
#include "text/text.h"

using namespace hoso;

namespace {

using test::test_env;

std::filesystem::path fresh_dir(const std::string& name) {
    const auto dir = test::fresh_dir("decision", name);
    std::filesystem::create_directories(dir);  // the tests write their input files into it
    return dir;
}

std::string replace_once(std::string s, const std::string& from, const std::string& to) {
    const auto at = s.find(from);
    REQUIRE(at != std::string::npos);
    return s.replace(at, from.size(), to);
}

// A council file around the given <units> content (the issuer blocks as in the example).
std::string council_xml(const std::string& units, const std::string& decision_number = "5") {
    return R"(<?xml version="1.0" encoding="UTF-8"?>
<hoso-council form="tt24-huyen" year="2024" version="1">
  <council name="Hội đồng đánh giá “Đơn vị học tập” cấp huyện" date="2025-02-05"/>
  <decision number=")" + decision_number + R"(" date="2025-02-10">
    <agency>Ủy ban nhân dân</agency>
    <agency>huyện Phong Thổ</agency>
    <abbreviation>UBND</abbreviation>
    <place>Phong Thổ</place>
    <authority>CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN PHONG THỔ</authority>
    <issuer>Chủ tịch Ủy ban nhân dân huyện Phong Thổ</issuer>
    <basis>Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015</basis>
    <basis ref="circular"/>
    <proposal>Trưởng phòng Giáo dục và Đào tạo tại Tờ trình số 15/TTr-PGDĐT ngày 06/02/2025</proposal>
    <executor>Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện</executor>
    <signer><authority>KT. CHỦ TỊCH</authority><authority>PHÓ CHỦ TỊCH</authority><name>Nguyễn Văn Bình</name></signer>
    <distribution><recipient>Lưu: VT, GDĐT</recipient></distribution>
  </decision>
  <letters first-number="12" date="2025-02-12">
    <parent-agency>UBND huyện Phong Thổ</parent-agency>
    <agency>Phòng Giáo dục và Đào tạo</agency>
    <abbreviation>PGDĐT</abbreviation>
    <drafting-unit>GDTX</drafting-unit>
    <place>Phong Thổ</place>
    <name>Phòng Giáo dục và Đào tạo huyện Phong Thổ</name>
    <signer><authority>TRƯỞNG PHÒNG</authority><name>Trần Văn Hùng</name></signer>
    <distribution><recipient>Lưu: VT, GDTX</recipient></distribution>
  </letters>
  <units>
)" + units + R"(
  </units>
</hoso-council>
)";
}

// The texts of the runs of a model dump, in order, from the line containing `from` on.
std::vector<std::string> runs(const std::string& dump, const std::string& from = "") {
    std::vector<std::string> out;
    std::istringstream in(dump);
    std::string line;
    bool on = from.empty();
    while (std::getline(in, line)) {
        if (!on && line.find(from) != std::string::npos) on = true;
        if (!on) continue;
        const auto run = line.find("Run ");
        if (run == std::string::npos) continue;
        const auto open = line.find('"', run);
        const auto close = line.rfind('"');
        if (open == std::string::npos || close <= open) continue;
        out.push_back(line.substr(open + 1, close - open - 1));
    }
    return out;
}

std::string joined(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += x + "\n";
    return s;
}

app::Outcome run_decision(const std::filesystem::path& council, const std::filesystem::path& out,
                          std::set<app::Format> formats = {}, const std::filesystem::path& templates = {}) {
    app::Request r;
    r.command = app::Command::Decision;
    r.inputs = {council};
    r.output_dir = out;
    r.formats = std::move(formats);
    r.dumps = true;
    r.templates_dir = templates;
    return app::run(r, test_env());
}

// A copy of the example unit file (Trường Tiểu học Đông Hải, mức độ 1, qualifies) renamed and
// with T2.C4 at 10/48 = 20,83% (mức độ 1 requires 50%): fails exactly that indicator.
std::string failing_unit_xml() {
    std::string xml = test::slurp(test::source_dir() / "examples" / "tt24-huyen.xml");
    xml = replace_once(xml, "<name>Trường Tiểu học Đông Hải</name>", "<name>Trường Tiểu học Nậm Xe</name>");
    xml = replace_once(xml, "<numerator>27</numerator>", "<numerator>10</numerator>");
    return xml;
}

}  // namespace

TEST_CASE("decision: inline, file and CSV units → one QĐ with counts per level and a collated list, one letter "
          "per failing unit with exactly its failed indicators (ND30 Mẫu 1.2, 2.1, 1.5; TT24 Điều 10)",
          "[app][decision]") {
    const auto dir = fresh_dir("mixed");
    write_file_atomic(dir / "nam-xe.xml", failing_unit_xml());
    write_file_atomic(dir / "units.csv",
                      "name,type,level,kind,result,reasons,head\n"
                      "Trường Tiểu học Ăng Tô,tieu-hoc-cong-lap,1,first,đạt,,\n"
                      "\"Trường Tiểu học Anh Sơn\",tieu-hoc-cong-lap,2,renewal,đạt,,Hiệu trưởng\n"
                      "Trường Tiểu học Dân Chủ,,1,lần đầu,đạt,,\n"
                      "Trường Tiểu học Uyên Hưng,,1,first,không đạt,\"Thiếu minh chứng chỉ tiêu 1, Tiêu chí 1; Hồ sơ "
                      "nộp sau ngày 15/01/2025\",Hiệu trưởng\n");
    const std::string examples = (test::source_dir() / "examples").string();
    write_file_atomic(dir / "council.xml",
                      council_xml(R"(
    <unit name="Trường Tiểu học Âu Lạc" type="tieu-hoc-cong-lap" level="1" result="đạt"/>
    <unit name="Trường Tiểu học Ưu Đàm" level="2" kind="upgrade" result="đạt" note="Nâng mức độ"/>
    <unit name="Trường Mầm non Đồng Tâm" type="mam-non-cong-lap" level="1" result="không đạt" head="Hiệu trưởng">
      <indicator id="T2.C5" value="30/38 = 78,95%" reason="78,95% &lt; 90%"/>
      <reason>Hồ sơ thiếu Bản tổng hợp</reason>
    </unit>
    <unit file=")" + examples + R"(/tt24-huyen.xml"/>
    <unit file="nam-xe.xml"/>
    <import csv="units.csv"/>)"));

    const auto out = dir / "out";
    const auto outcome = run_decision(dir / "council.xml", out);
    INFO(outcome.diagnostics.format());
    REQUIRE(outcome.exit_code == 0);

    // One decision, three letters.
    REQUIRE(std::filesystem::exists(out / "quyet-dinh-05.model.txt"));
    std::vector<std::string> letters;
    for (const auto& e : std::filesystem::directory_iterator(out / "cong-van")) letters.push_back(e.path().filename().string());
    std::sort(letters.begin(), letters.end());
    CHECK(letters == std::vector<std::string>{"truong-mam-non-dong-tam.model.txt", "truong-tieu-hoc-nam-xe.model.txt",
                                              "truong-tieu-hoc-uyen-hung.model.txt"});

    const std::string qd = test::slurp(out / "quyet-dinh-05.model.txt");
    // ND30: number zero-padded, no year; ký hiệu QĐ + issuer.
    CHECK(qd.find("number \"Số: 05/QĐ-UBND\"") != std::string::npos);
    CHECK(qd.find("Công nhận 06 cơ quan, đơn vị đạt “Đơn vị học tập” cấp huyện năm 2024, trong đó: 02 đơn vị đạt mức độ 2, "
                  "04 đơn vị đạt mức độ 1 (có danh sách kèm theo).") != std::string::npos);
    // Căn cứ lines end ";", the proposal ends "." (ND30 Mẫu 1.2).
    CHECK(qd.find("Căn cứ Thông tư số 24/2023/TT-BGDĐT ngày 11/12/2023 của Bộ trưởng Bộ Giáo dục và Đào tạo quy định về "
                  "đánh giá, công nhận “Đơn vị học tập” cấp huyện, tỉnh;") != std::string::npos);
    CHECK(qd.find("Theo đề nghị của Trưởng phòng Giáo dục và Đào tạo tại Tờ trình số 15/TTr-PGDĐT ngày 06/02/2025.") !=
          std::string::npos);
    CHECK(qd.find("recipient \"Như Điều 3\"") != std::string::npos);
    CHECK(qd.find("reference \"(Kèm theo Quyết định số 05/QĐ-UBND ngày 10 tháng 02 năm 2025 của Chủ tịch Ủy ban nhân dân "
                  "huyện Phong Thổ)\"") != std::string::npos);

    // The list: mức độ 2 first, names in Vietnamese order (A < Ă < Â, D < Đ, U < Ư) within each
    // group; unit rows give STT, name, level, kind.
    std::vector<std::string> names;
    for (const auto& t : runs(qd, "AppendixHeading")) {
        if (t.rfind("Trường", 0) == 0 || t.find("MỨC ĐỘ") != std::string::npos) names.push_back(t);
    }
    INFO(joined(names));
    CHECK(names == std::vector<std::string>{
                       "I. MỨC ĐỘ 2 (02 đơn vị)",
                       "Trường Tiểu học Anh Sơn",
                       "Trường Tiểu học Ưu Đàm",
                       "II. MỨC ĐỘ 1 (04 đơn vị)",
                       "Trường Tiểu học Ăng Tô",
                       "Trường Tiểu học Âu Lạc",
                       "Trường Tiểu học Dân Chủ",
                       "Trường Tiểu học Đông Hải",
                   });
    const auto list = runs(qd, "AppendixHeading");
    const auto upsilon = std::find(list.begin(), list.end(), "Trường Tiểu học Ưu Đàm");
    REQUIRE(std::distance(upsilon, list.end()) >= 4);
    CHECK(*std::prev(upsilon) == "2");  // STT within the group
    CHECK(*std::next(upsilon) == "2");
    CHECK(*std::next(upsilon, 2) == "Nâng mức độ");
    CHECK(*std::next(upsilon, 3) == "Nâng mức độ");  // Ghi chú from the council file

    // Letters, numbered from 12 in list order; each lists exactly its failed indicators.
    const std::string file_letter = test::slurp(out / "cong-van" / "truong-tieu-hoc-nam-xe.model.txt");
    CHECK(file_letter.find("number \"Số: 13/PGDĐT-GDTX\"") != std::string::npos);
    CHECK(file_letter.find("subject \"V/v thông báo kết quả đánh giá, công nhận “Đơn vị học tập” cấp huyện năm 2024\"") !=
          std::string::npos);
    CHECK(file_letter.find("recipient \"Hiệu trưởng Trường Tiểu học Nậm Xe\"") != std::string::npos);  // from the signer
    CHECK(file_letter.find("tại Tờ trình số 05/TTr-THĐH ngày 08/01/2025") != std::string::npos);
    std::vector<std::string> rows;
    for (const auto& t : runs(file_letter)) {
        if (t.rfind("Tiêu chí ", 0) == 0) rows.push_back(t);
    }
    INFO(joined(rows));
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].rfind("Tiêu chí 2, chỉ tiêu 4 (điểm d khoản 2 Điều 6):", 0) == 0);
    CHECK(file_letter.find("10/48 = 20,83%") != std::string::npos);
    CHECK(file_letter.find("Kết quả: Trường Tiểu học Nậm Xe \"\n      Run bold \"chưa đủ điều kiện công nhận\"") !=
          std::string::npos);

    const std::string inline_letter = test::slurp(out / "cong-van" / "truong-mam-non-dong-tam.model.txt");
    CHECK(inline_letter.find("number \"Số: 12/PGDĐT-GDTX\"") != std::string::npos);
    rows.clear();
    for (const auto& t : runs(inline_letter)) {
        if (t.rfind("Tiêu chí ", 0) == 0) rows.push_back(t);
    }
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].rfind("Tiêu chí 2, chỉ tiêu 5 (điểm đ khoản 2 Điều 6):", 0) == 0);
    CHECK(inline_letter.find("\"- Hồ sơ thiếu Bản tổng hợp.\"") != std::string::npos);

    const std::string csv_letter = test::slurp(out / "cong-van" / "truong-tieu-hoc-uyen-hung.model.txt");
    CHECK(csv_letter.find("number \"Số: 14/PGDĐT-GDTX\"") != std::string::npos);
    CHECK(csv_letter.find("Table") == std::string::npos);  // no failed indicators named: reasons only
    CHECK(csv_letter.find("\"- Thiếu minh chứng chỉ tiêu 1, Tiêu chí 1;\"") != std::string::npos);
    CHECK(csv_letter.find("\"- Hồ sơ nộp sau ngày 15/01/2025.\"") != std::string::npos);
    std::filesystem::remove_all(dir);
}

TEST_CASE("decision: every problem of the council, its CSV and its unit files at once, with file:line; nothing "
          "written",
          "[app][decision]") {
    const auto dir = fresh_dir("bad");
    write_file_atomic(dir / "units.csv",
                      "name,level,result,reasons\n"
                      "Trường Tiểu học Ăng Tô,1,đạt,\n"
                      "Trường Tiểu học Bản Lang,hai,đạt,\n"
                      "\"Trường Tiểu học  âu lạc\",1,đạt,\n"
                      "Trường Tiểu học Sin Suối Hồ,1,không đạt,\n");
    write_file_atomic(dir / "council.xml",
                      council_xml(R"(
    <unit name="Trường Tiểu học Âu Lạc" level="1" result="đạt"/>
    <unit file="khong-co.xml"/>
    <unit name="Trường Tiểu học Pa Tần" level="3" result="đạt"/>
    <import csv="units.csv"/>)",
                                  "05/2025"));
    const auto out = dir / "out";
    const auto outcome = run_decision(dir / "council.xml", out, {app::Format::Pdf, app::Format::Docx});
    const std::string report = outcome.diagnostics.format();
    INFO(report);
    CHECK(outcome.exit_code == 1);
    CHECK(outcome.written.empty());
    CHECK_FALSE(std::filesystem::exists(out));
    const std::string council = (dir / "council.xml").string();
    const std::string csv = (dir / "units.csv").string();
    // ND30: an administrative document number carries no year.
    CHECK(report.find(council + ":4:") != std::string::npos);
    CHECK(report.find("không ghi năm") != std::string::npos);
    // The missing unit file, at its <unit> line and column.
    CHECK(report.find(council + ":31:") != std::string::npos);
    CHECK(report.find("khong-co.xml") != std::string::npos);
    // A level the form does not have.
    CHECK(report.find("không có mức độ 3") != std::string::npos);
    // The CSV: a bad level at line 3 (column 26, the field), a failing unit without reasons at line 5.
    CHECK(report.find(csv + ":3:26:") != std::string::npos);
    CHECK(report.find(csv + ":5:") != std::string::npos);
    // The same unit twice (case and spacing differ), pointing at the first.
    CHECK(report.find(csv + ":4:1: lỗi: đơn vị 'Trường Tiểu học âu lạc' đã có trong danh sách (" + council + ":30:") !=
          std::string::npos);
    CHECK(outcome.diagnostics.error_count() >= 6);
    std::filesystem::remove_all(dir);
}

TEST_CASE("decision: a unit file listed twice, of another year, or with a CSV that cannot be read", "[app][decision]") {
    const auto dir = fresh_dir("files");
    const std::string examples = (test::source_dir() / "examples").string();
    std::string other_year = test::slurp(test::source_dir() / "examples" / "tt24-huyen.xml");
    other_year = replace_once(other_year, "<assessment year=\"2024\"", "<assessment year=\"2023\"");
    other_year = replace_once(other_year, "Trường Tiểu học Đông Hải</name>", "Trường Tiểu học Khổng Lào</name>");
    write_file_atomic(dir / "2023.xml", other_year);
    write_file_atomic(dir / "council.xml", council_xml(R"(
    <unit file=")" + examples + R"(/tt24-huyen.xml"/>
    <unit file=")" + examples + R"(/../examples/tt24-huyen.xml"/>
    <unit file="2023.xml"/>
    <import csv="khong-co.csv"/>)"));
    const auto outcome = run_decision(dir / "council.xml", dir / "out");
    const std::string report = outcome.diagnostics.format();
    INFO(report);
    CHECK(outcome.exit_code == 1);
    CHECK_FALSE(std::filesystem::exists(dir / "out"));
    CHECK(report.find("tệp số liệu đã có trong danh sách") != std::string::npos);
    CHECK(report.find("Hội đồng xét năm 2024") != std::string::npos);
    CHECK(report.find((dir / "2023.xml").string() + ":") != std::string::npos);
    CHECK(report.find("không đọc được tệp CSV") != std::string::npos);
    std::filesystem::remove_all(dir);
}

TEST_CASE("A decision for 300 units comes out as one QĐ with a correct, collated, multi-page list whose header row "
          "repeats (ND30 Mẫu 2.1; appendix pages numbered separately, Phụ lục I mục III.1.đ)",
          "[app][decision][large]") {
    const auto dir = fresh_dir("large");
    // 10 × 10 × 3 distinct names whose first letters exercise the Vietnamese alphabet.
    const std::vector<std::string> first = {"Ưu", "Đông", "Âu", "Ăng", "An", "Dân", "Uyên", "Bình", "Ý", "Yên"};
    const std::vector<std::string> second = {"Hải", "Lạc", "Sơn", "Tâm", "Hòa", "Ân", "Đức", "Ước", "Bắc", "Ẩn"};
    const std::vector<std::string> third = {"Phong Thổ", "Mường Tè", "Sìn Hồ"};
    std::string units;
    std::vector<std::string> names;
    int k = 0;
    for (const auto& c : third) {
        for (const auto& b : second) {
            for (const auto& a : first) {
                const std::string name = "Trường Tiểu học " + a + " " + b + " " + c;
                names.push_back(name);
                units += "<unit name=\"" + name + "\" level=\"" + std::to_string(k % 3 == 0 ? 2 : 1) + "\" result=\"đạt\"/>\n";
                ++k;
            }
        }
    }
    REQUIRE(names.size() == 300);
    write_file_atomic(dir / "council.xml", council_xml(units));
    const auto out = dir / "out";
    const auto outcome = run_decision(dir / "council.xml", out, {app::Format::Pdf});
    INFO(outcome.diagnostics.format());
    REQUIRE(outcome.exit_code == 0);
    int decisions = 0;
    for (const auto& p : outcome.written) decisions += p.extension() == ".pdf" ? 1 : 0;
    CHECK(decisions == 1);  // one QĐ for the whole list

    // Order in the model: level 2 then level 1, each collated; Điều 1 counts 100 + 200.
    const std::string qd = test::slurp(out / "quyet-dinh-05.model.txt");
    CHECK(qd.find("Công nhận 300 cơ quan, đơn vị") != std::string::npos);
    CHECK(qd.find("100 đơn vị đạt mức độ 2, 200 đơn vị đạt mức độ 1") != std::string::npos);
    std::vector<std::vector<std::string>> groups;
    for (const auto& t : runs(qd, "AppendixHeading")) {
        if (t.find("MỨC ĐỘ") != std::string::npos) groups.emplace_back();
        if (t.rfind("Trường", 0) == 0) {
            REQUIRE_FALSE(groups.empty());
            groups.back().push_back(t);
        }
    }
    REQUIRE(groups.size() == 2);
    CHECK(groups[0].size() == 100);
    CHECK(groups[1].size() == 200);
    const text::Collator collator;
    for (const auto& g : groups) {
        for (std::size_t i = 1; i < g.size(); ++i) {
            INFO(g[i - 1] << " / " << g[i]);
            CHECK(collator.compare(g[i - 1], g[i]) <= 0);
        }
        // Vietnamese order, not byte order: An < Ăng < Âu < Bình < Dân < Đông < Uyên < Ưu < Ý/Yên.
        auto first_index = [&](const std::string& prefix) {
            const auto it = std::find_if(g.begin(), g.end(),
                                         [&](const std::string& n) { return n.rfind("Trường Tiểu học " + prefix + " ", 0) == 0; });
            return std::distance(g.begin(), it);
        };
        CHECK(first_index("An") < first_index("Ăng"));
        CHECK(first_index("Ăng") < first_index("Âu"));
        CHECK(first_index("Âu") < first_index("Bình"));
        CHECK(first_index("Dân") < first_index("Đông"));
        CHECK(first_index("Đông") < first_index("Uyên"));
        CHECK(first_index("Uyên") < first_index("Ưu"));
        CHECK(first_index("Ưu") < first_index("Yên"));
    }

    // Layout: the list (section 1) spans several pages; each starts with the header row above
    // every body row; its page numbers restart: the first hidden, then 2, 3, …
    const std::string layout = test::slurp(out / "quyet-dinh-05.layout.txt");
    struct PageInfo {
        int number = 0;
        bool shown = false;
        double header_y = -1;    // highest "STT" header cell on the page
        double top_body_y = -1;  // highest body cell text
        std::vector<std::string> words;
    };
    std::vector<PageInfo> list_pages;
    {
        std::istringstream in(layout);
        std::string line;
        bool in_list = false;
        while (std::getline(in, line)) {
            if (line.rfind("page ", 0) == 0) {
                in_list = line.find(" section=1 ") != std::string::npos;
                if (in_list) {
                    PageInfo p;
                    const auto n = line.find("number=");
                    p.number = std::stoi(line.substr(n + 7));
                    p.shown = line.find(" shown") != std::string::npos;
                    list_pages.push_back(p);
                }
                continue;
            }
            if (!in_list || line.rfind("  text ", 0) != 0) continue;
            std::istringstream f(line);
            std::string kind, face, style;
            double x = 0, y = 0, size = 0;
            f >> kind >> x >> y >> face >> size >> style;
            const auto q = line.find('"');
            const std::string word = line.substr(q + 1, line.rfind('"') - q - 1);
            auto& p = list_pages.back();
            p.words.push_back(word);
            if (style == "table-header" && word == "STT") p.header_y = std::max(p.header_y, y);
            if (style == "table-cell" || style == "table-cell-center" || style == "list-group") {
                p.top_body_y = std::max(p.top_body_y, y);
            }
        }
    }
    REQUIRE(list_pages.size() >= 4);
    for (std::size_t i = 0; i < list_pages.size(); ++i) {
        INFO("list page " << i + 1);
        const auto& p = list_pages[i];
        CHECK(p.header_y > 0);
        CHECK(p.top_body_y > 0);
        CHECK(p.header_y > p.top_body_y);  // PDF y grows upwards: the header is above the rows
        CHECK(p.number == static_cast<int>(i) + 1);
        CHECK(p.shown == (i > 0));
    }
    // Every unit is on the list pages exactly in the model's order: its place-name words appear.
    std::size_t uyen = 0;
    for (const auto& p : list_pages) uyen += static_cast<std::size_t>(std::count(p.words.begin(), p.words.end(), "Uyên"));
    CHECK(uyen == 30);
    std::filesystem::remove_all(dir);
}

TEST_CASE("A test renders with a modified copy of templates/ and sees the new wording", "[app][decision]") {
    const auto dir = fresh_dir("templates");
    const auto tpl = dir / "tpl";
    std::filesystem::create_directories(tpl);
    for (const auto& e : std::filesystem::directory_iterator(test::source_dir() / "templates")) {
        std::filesystem::copy_file(e.path(), tpl / e.path().filename());
    }
    const std::string old_sentence = "có trách nhiệm duy trì, phát huy kết quả đạt được";
    const std::string new_sentence = "phải giữ vững và nâng cao danh hiệu";
    const std::string xml = test::slurp(tpl / "quyet-dinh-cong-nhan.xml");
    write_file_atomic(tpl / "quyet-dinh-cong-nhan.xml", replace_once(xml, old_sentence, new_sentence));
    write_file_atomic(dir / "council.xml",
                      council_xml(R"(<unit name="Trường Tiểu học Âu Lạc" level="1" result="đạt"/>)"));

    const auto standard = run_decision(dir / "council.xml", dir / "standard");
    REQUIRE(standard.exit_code == 0);
    CHECK(test::slurp(dir / "standard" / "quyet-dinh-05.model.txt").find(old_sentence) != std::string::npos);

    const auto edited = run_decision(dir / "council.xml", dir / "edited", {}, tpl);
    INFO(edited.diagnostics.format());
    REQUIRE(edited.exit_code == 0);
    const std::string model = test::slurp(dir / "edited" / "quyet-dinh-05.model.txt");
    CHECK(model.find(new_sentence) != std::string::npos);
    CHECK(model.find(old_sentence) == std::string::npos);
    std::filesystem::remove_all(dir);
}

TEST_CASE("decision of the example council: files, letters and dispatch", "[app][decision]") {
    const auto dir = fresh_dir("example");
    const auto outcome =
        run_decision(test::source_dir() / "examples" / "council" / "tt24-huyen-2024.xml", dir / "out", {app::Format::Docx});
    INFO(outcome.diagnostics.format());
    REQUIRE(outcome.exit_code == 0);
    CHECK(std::filesystem::exists(dir / "out" / "quyet-dinh-05.docx"));
    CHECK(std::filesystem::exists(dir / "out" / "cong-van-trien-khai.docx"));
    CHECK(std::filesystem::exists(dir / "out" / "cong-van" / "truong-trung-hoc-co-so-muong-so.docx"));
    // The unit file asking for mức độ 2 reaches mức độ 1: the letter says so.
    const std::string letter = test::slurp(dir / "out" / "cong-van" / "truong-trung-hoc-co-so-muong-so.model.txt");
    CHECK(letter.find("đơn vị có thể đề nghị công nhận mức độ 1") != std::string::npos);
    // The document trees of the example, compared with goldens (UPDATE_GOLDEN=1 rewrites them).
    int dumps = 0;
    for (const auto& f : outcome.written) {
        if (f.extension() != ".txt") continue;
        ++dumps;
        const auto rel = std::filesystem::relative(f, dir / "out");
        test::check_golden(std::filesystem::path("golden/app/council") / rel, test::slurp(f));
    }
    CHECK(dumps == 6);
    const std::string dispatch = test::slurp(dir / "out" / "cong-van-trien-khai.model.txt");
    CHECK(dispatch.find("tổ chức triển khai thực hiện./.") != std::string::npos);
    CHECK(dispatch.find("recipient \"Các cơ quan, đơn vị trên địa bàn huyện\"") != std::string::npos);
    std::filesystem::remove_all(dir);
}

TEST_CASE("decision: a unit file whose indicator lacks evidence, or asks an upgrade too early, gets a letter stating it "
          "(TT24 khoản 3 Điều 9, khoản 3 Điều 5) — no longer an input error",
          "[app][decision][evidence]") {
    const auto dir = fresh_dir("results");
    std::string no_evidence = test::slurp(test::source_dir() / "examples" / "tt24-huyen.xml");
    no_evidence = replace_once(no_evidence, "<name>Trường Tiểu học Đông Hải</name>", "<name>Trường Tiểu học Nậm Xe</name>");
    no_evidence = replace_once(
        no_evidence,
        R"(<evidence code="H3-02" date="2024-04-20">Kế hoạch sinh hoạt chuyên môn cụm trường và biên bản chuyên đề chia sẻ kinh nghiệm dạy học</evidence>)",
        R"(<evidence code="H3-02"/>)");
    write_file_atomic(dir / "nam-xe.xml", no_evidence);
    std::string early = test::slurp(test::source_dir() / "examples" / "tt24-huyen.xml");
    early = replace_once(early, "<name>Trường Tiểu học Đông Hải</name>", "<name>Trường Tiểu học Bản Giang</name>");
    early = replace_once(early, R"(<assessment year="2024" level="1" kind="first">)",
                         R"(<assessment year="2024" level="2" kind="upgrade">
    <previous-decision number="41/QĐ-UBND" date="2024-02-20" level="1" year="2023"/>)");
    write_file_atomic(dir / "ban-giang.xml", early);
    write_file_atomic(dir / "council.xml", council_xml(R"(
    <unit name="Trường Tiểu học Âu Lạc" level="1" result="đạt"/>
    <unit file="nam-xe.xml"/>
    <unit file="ban-giang.xml"/>)"));
    const auto outcome = run_decision(dir / "council.xml", dir / "out");
    INFO(outcome.diagnostics.format());
    REQUIRE(outcome.exit_code == 0);
    const std::string nam_xe = test::slurp(dir / "out" / "cong-van" / "truong-tieu-hoc-nam-xe.model.txt");
    CHECK(nam_xe.find("Tiêu chí 3, chỉ tiêu 2") != std::string::npos);
    CHECK(nam_xe.find("Thiếu minh chứng phù hợp (TT24 khoản 3 Điều 9): minh chứng H3-02 không có mô tả, số, ngày văn bản") !=
          std::string::npos);
    const std::string ban_giang = test::slurp(dir / "out" / "cong-van" / "truong-tieu-hoc-ban-giang.model.txt");
    CHECK(ban_giang.find("Chưa đủ 12 tháng kể từ ngày ra quyết định công nhận mức độ 1 (41/QĐ-UBND ngày 20/02/2024)") !=
          std::string::npos);
    CHECK(ban_giang.find("Tờ trình đề nghị nâng mức độ lập sớm nhất từ ngày 20/02/2025") != std::string::npos);
    std::filesystem::remove_all(dir);
}

TEST_CASE("decision: khoản 4 Điều 5 — a unit file's validity follows the council's decision date, whatever validity-base says",
          "[app][decision][validity]") {
    const auto dir = fresh_dir("validity");
    const auto tpl = dir / "tpl";
    std::filesystem::create_directories(tpl);
    for (const auto& e : std::filesystem::directory_iterator(test::source_dir() / "templates")) {
        std::filesystem::copy_file(e.path(), tpl / e.path().filename());
    }
    // A copy of the decision template that prints each unit's end of validity in Ghi chú.
    const std::string qd = test::slurp(tpl / "quyet-dinh-cong-nhan.xml");
    write_file_atomic(tpl / "quyet-dinh-cong-nhan.xml",
                      replace_once(qd, "<cell>{{ u.note }}</cell>", "<cell>đến {{ u.valid_until | short_date }}</cell>"));
    auto unit = [&](const std::string& name, const std::string& setting, const std::string& decision_date) {
        std::string xml = test::slurp(test::source_dir() / "examples" / "tt24-huyen.xml");
        xml = replace_once(xml, "<name>Trường Tiểu học Đông Hải</name>", "<name>" + name + "</name>");
        if (!decision_date.empty()) {
            xml = replace_once(xml, R"(kind="first")", R"(kind="first" decision-date=")" + decision_date + "\"");
        }
        if (!setting.empty()) {
            xml = replace_once(xml, "  <indicators>",
                               "  <settings><setting name=\"validity-base\" value=\"" + setting + "\"/></settings>\n  <indicators>");
        }
        return xml;
    };
    write_file_atomic(dir / "a.xml", unit("Trường Tiểu học A Mú Sung", "", ""));
    write_file_atomic(dir / "b.xml", unit("Trường Tiểu học Bản Vược", "decision-year", ""));
    write_file_atomic(dir / "c.xml", unit("Trường Tiểu học Cốc Mỳ", "decision-year", "2026-01-05"));
    write_file_atomic(dir / "d.xml", unit("Trường Tiểu học Dền Sáng", "decision-year", "2025-03-01"));
    write_file_atomic(dir / "e.xml", unit("Trường Tiểu học Hoang Thèn", "", "2026"));  // the year alone: it agrees
    const std::string units = R"(
    <unit file="a.xml"/>
    <unit file="b.xml"/>
    <unit file="c.xml"/>
    <unit file="d.xml"/>
    <unit file="e.xml"/>
    <unit name="Phòng Tài chính - Kế hoạch huyện Phong Thổ" type="co-quan-ubnd-huyen" level="2" kind="first" result="đạt"/>)";
    // The decision signed in 2026 (late, the second year after the assessment).
    write_file_atomic(dir / "council.xml", replace_once(council_xml(units), R"(number="5" date="2025-02-10")", R"(number="5" date="2026-01-05")"));
    const auto outcome = run_decision(dir / "council.xml", dir / "out", {}, tpl);
    INFO(outcome.diagnostics.format());
    REQUIRE(outcome.exit_code == 0);
    const auto list = runs(test::slurp(dir / "out" / "quyet-dinh-05.model.txt"), "AppendixHeading");
    auto until = [&](const std::string& name) {
        const auto it = std::find(list.begin(), list.end(), name);
        REQUIRE(std::distance(it, list.end()) >= 4);
        return *std::next(it, 3);
    };
    CHECK(until("Trường Tiểu học A Mú Sung") == "đến 31/12/2029");  // the default setting: the decision's year 2026 too
    CHECK(until("Trường Tiểu học Bản Vược") == "đến 31/12/2029");   // the decision's year 2026
    CHECK(until("Trường Tiểu học Cốc Mỳ") == "đến 31/12/2029");
    CHECK(until("Trường Tiểu học Dền Sáng") == "đến 31/12/2029");   // the council's decision, not the unit file's
    CHECK(until("Trường Tiểu học Hoang Thèn") == "đến 31/12/2029");
    CHECK(until("Phòng Tài chính - Kế hoạch huyện Phong Thổ") == "đến 31/12/2029");  // listed: the council's result, the same rule
    const std::string said = outcome.diagnostics.format();
    CHECK(said.find("ngày quyết định ghi trong tệp đơn vị (01/03/2025) khác ngày quyết định của Hội đồng (05/01/2026)") !=
          std::string::npos);
    CHECK(said.find("05/01/2026) khác") == said.rfind("05/01/2026) khác"));  // only the unit that differs
    std::filesystem::remove_all(dir);
}

TEST_CASE("decision: a council year that cannot be read is one error, not one more for each unit file", "[app][decision][once]") {
    const auto dir = fresh_dir("bad-year");
    write_file_atomic(dir / "a.xml", test::slurp(test::source_dir() / "examples" / "tt24-huyen.xml"));
    write_file_atomic(dir / "council.xml",
                      replace_once(council_xml(R"(<unit file="a.xml"/>)"), R"(year="2024")", R"(year="năm 2024")"));
    const auto outcome = run_decision(dir / "council.xml", dir / "out", {});
    INFO(outcome.diagnostics.format());
    CHECK(outcome.exit_code == 1);
    REQUIRE(outcome.diagnostics.error_count() == 1);
    CHECK(outcome.diagnostics.format().find("năm không hợp lệ: 'năm 2024'") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir / "out"));
    std::filesystem::remove_all(dir);
}

namespace {

const char* const kReport = R"(
  <report number="8" date="2025-03-05">
    <parent-agency>UBND huyện Phong Thổ</parent-agency>
    <agency>Phòng Giáo dục và Đào tạo</agency>
    <abbreviation>PGDĐT</abbreviation>
    <place>Phong Thổ</place>
    <name>Phòng Giáo dục và Đào tạo huyện Phong Thổ</name>
    <addressee>Sở Giáo dục và Đào tạo tỉnh Lai Châu</addressee>
    <signer><authority>TRƯỞNG PHÒNG</authority><name>Trần Văn Hùng</name></signer>
    <distribution><recipient>Lưu: VT, GDTX</recipient></distribution>
  </report>
)";

std::string with_report(const std::string& council, const std::string& report = kReport) {
    return replace_once(council, "</hoso-council>", report + "</hoso-council>");
}

}  // namespace

TEST_CASE("decision: the annual results report counts per unit type and level what the decision and the letters say",
          "[app][decision][report]") {
    const auto dir = fresh_dir("report");
    write_file_atomic(dir / "council.xml", with_report(council_xml(R"(
    <unit name="Ủy ban nhân dân xã Bản Lang" type="ubnd-xa" level="2" result="đạt"/>
    <unit name="Ủy ban nhân dân xã Dào San" type="ubnd-xa" level="1" result="đạt"/>
    <unit name="Ủy ban nhân dân xã Sì Lở Lầu" type="ubnd-xa" level="1" result="không đạt"><reason>Hồ sơ thiếu Bản tổng hợp</reason></unit>
    <unit name="Công an huyện Phong Thổ" type="cong-an" level="1" result="đạt"/>
    <unit name="Hội Cựu giáo chức huyện" level="2" result="không đạt"><reason>Hồ sơ gửi sau hạn</reason></unit>)")));
    const auto outcome = run_decision(dir / "council.xml", dir / "out", {app::Format::Pdf});
    INFO(outcome.diagnostics.format());
    REQUIRE(outcome.exit_code == 0);
    REQUIRE(std::filesystem::exists(dir / "out" / "bao-cao-ket-qua-08.pdf"));
    const std::string model = test::slurp(dir / "out" / "bao-cao-ket-qua-08.model.txt");
    const std::string text = joined(runs(model));
    INFO(text);
    std::string flat = text;  // paragraphs' lines joined
    std::replace(flat.begin(), flat.end(), '\n', ' ');
    CHECK(model.find("Số: 08/BC-PGDĐT") != std::string::npos);
    CHECK(model.find("Kết quả đánh giá, công nhận “Đơn vị học tập” cấp huyện năm 2024") != std::string::npos);
    CHECK(model.find("Sở Giáo dục và Đào tạo tỉnh Lai Châu") != std::string::npos);
    // The circular is the basis when none is given.
    CHECK(flat.find("Thực hiện Thông tư số 24/2023/TT-BGDĐT") != std::string::npos);
    CHECK(flat.find("thẩm định hồ sơ đề nghị đánh giá, công nhận của 05 cơ quan, đơn vị (ngày 05/02/2025).") != std::string::npos);
    CHECK(flat.find("Quyết định số 05/QĐ-UBND ngày 10 tháng 02 năm 2025 công nhận 03 cơ quan, đơn vị đạt “Đơn vị học tập” "
                    "cấp huyện năm 2024, trong đó: 01 đạt mức độ 2, 02 đạt mức độ 1 (tỷ lệ 60% số được đánh giá).") !=
          std::string::npos);
    CHECK(flat.find("02 cơ quan, đơn vị chưa đủ điều kiện công nhận; Phòng Giáo dục và Đào tạo huyện Phong Thổ đã có văn bản "
                    "trả lời") != std::string::npos);
    // The table: the form's types in its order, units without a type last, then the total.
    CHECK(text.find("1\nỦy ban nhân dân cấp xã (xã, phường, thị trấn)\n3\n1\n1\n1\n66,7%\n") != std::string::npos);
    CHECK(text.find("2\nCông an cấp huyện\n1\n1\n0\n0\n100%\n") != std::string::npos);
    CHECK(text.find("3\nChưa ghi loại\n1\n0\n0\n1\n0%\n") != std::string::npos);
    CHECK(text.find("Tổng cộng\n5\n2\n1\n2\n60%\n") != std::string::npos);
    // No paragraphs in the data: no section II.
    CHECK(text.find("II. ĐÁNH GIÁ CHUNG") == std::string::npos);
    // The list: recognised by level (highest first), then the others with their letters' numbers.
    const std::string list = joined(runs(model, "Phụ lục"));
    const auto l2 = list.find("I. ĐƯỢC CÔNG NHẬN MỨC ĐỘ 2 (01 đơn vị)");
    const auto l1 = list.find("II. ĐƯỢC CÔNG NHẬN MỨC ĐỘ 1 (02 đơn vị)");
    const auto no = list.find("III. CHƯA ĐỦ ĐIỀU KIỆN CÔNG NHẬN (02 đơn vị)");
    CHECK(l2 < l1);
    CHECK(l1 < no);
    CHECK(no != std::string::npos);
    auto found_after = [&](const std::string& needle, std::size_t from) {
        const auto at = list.find(needle);
        return at != std::string::npos && at > from;
    };
    CHECK(found_after("Công an huyện Phong Thổ\nCông an cấp huyện\n1\nĐạt mức độ 1\n", l1));
    CHECK(found_after("Hội Cựu giáo chức huyện\n2\nKhông đạt; Công văn số 13/PGDĐT-GDTX\n", no));
    CHECK(found_after("Ủy ban nhân dân xã Sì Lở Lầu\nỦy ban nhân dân cấp xã (xã, phường, thị trấn)\n1\nKhông đạt; Công văn số "
                    "12/PGDĐT-GDTX\n", no));
    std::filesystem::remove_all(dir);
}

TEST_CASE("decision: a <report> without its recipient and signer, or numbered with a year, is refused; nothing is written",
          "[app][decision][report]") {
    const auto dir = fresh_dir("report-bad");
    write_file_atomic(dir / "council.xml", with_report(council_xml(R"(
    <unit name="Công an huyện Phong Thổ" type="cong-an" level="1" result="đạt"/>)"), R"(
  <report number="08/2025" date="2025-03-05">
    <agency>Phòng Giáo dục và Đào tạo</agency>
    <abbreviation>PGDĐT</abbreviation>
    <place>Phong Thổ</place>
    <name>Phòng Giáo dục và Đào tạo huyện Phong Thổ</name>
    <distribution><recipient>Như trên</recipient><recipient>Lưu: VT</recipient></distribution>
  </report>
)"));
    const auto outcome = run_decision(dir / "council.xml", dir / "out", {app::Format::Pdf});
    const std::string report = outcome.diagnostics.format();
    INFO(report);
    CHECK(outcome.exit_code == 1);
    CHECK_FALSE(std::filesystem::exists(dir / "out"));
    CHECK(report.find("report.number") != std::string::npos);
    CHECK(report.find("report.addressee") != std::string::npos);
    CHECK(report.find("report.signer") != std::string::npos);
    CHECK(report.find("mẫu tự thêm dòng đầu \"Như trên\"") != std::string::npos);
    CHECK(outcome.diagnostics.error_count() == 4);
    std::filesystem::remove_all(dir);
}

TEST_CASE("decision of the example council: the results report's page layout (golden)", "[app][decision][report]") {
    const auto dir = fresh_dir("report-layout");
    app::Request r;
    r.command = app::Command::Decision;
    r.inputs = {test::source_dir() / "examples" / "council" / "tt24-huyen-2024.xml"};
    r.output_dir = dir / "out";
    r.formats = {app::Format::Pdf};
    r.dumps = true;
    const auto outcome = app::run(r, test_env());
    INFO(outcome.diagnostics.format());
    REQUIRE(outcome.exit_code == 0);
    test::check_golden("golden/app/council/bao-cao-ket-qua-08.layout.txt",
                       test::slurp(dir / "out" / "bao-cao-ket-qua-08.layout.txt"));
    std::filesystem::remove_all(dir);
}
