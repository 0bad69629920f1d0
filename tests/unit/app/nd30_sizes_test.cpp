// Every template's output against the ND30 table (Nghị định 30/2020/NĐ-CP, Phụ lục I, Mục I
// and Mục V): the size and face of every laid-out word by the ND30 part it belongs to, and the
// page margins. Read from what hoso printed (the layout and model dumps of a real run), never
// from the style sheet or the templates, so a template that sets a wrong size fails here.
#include "app/app.h"

#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "app_support.h"

using namespace hoso;

namespace {

struct Rule {
    double min_size, max_size;
    const char* face;  // required face ("" = any)
    const char* what;
};

// Phụ lục I, Mục V (the sizes and styles of each element).
const std::map<std::string, Rule>& nd30_table() {
    static const std::map<std::string, Rule> t = {
        {"nd30-national-name", {12, 13, "Bold", "Quốc hiệu (ô 1)"}},
        {"nd30-motto", {13, 14, "Bold", "Tiêu ngữ (ô 1)"}},
        {"nd30-agency-parent", {12, 13, "Regular", "cơ quan chủ quản (ô 2)"}},
        {"nd30-agency", {12, 13, "Bold", "cơ quan ban hành (ô 2)"}},
        {"nd30-number", {13, 13, "Regular", "số, ký hiệu (ô 3)"}},
        {"nd30-subject", {12, 13, "Regular", "trích yếu công văn (ô 5b)"}},
        {"nd30-place-date", {13, 14, "Italic", "địa danh, ngày tháng (ô 4)"}},
        {"nd30-doc-type", {13, 14, "Bold", "tên loại (ô 5a)"}},
        {"nd30-summary", {13, 14, "Bold", "trích yếu (ô 5a)"}},
        {"nd30-addressee", {13, 14, "", "Kính gửi (ô 9a)"}},
        {"nd30-recipients-label", {12, 12, "BoldItalic", "Nơi nhận (ô 9b)"}},
        {"nd30-recipients", {11, 11, "Regular", "danh sách nơi nhận (ô 9b)"}},
        {"nd30-signer-authority", {13, 14, "Bold", "quyền hạn, chức vụ (ô 7a)"}},
        {"nd30-signer-name", {13, 14, "Bold", "họ tên người ký (ô 7b)"}},
        {"nd30-page-number", {13, 14, "Regular", "số trang"}},
        {"nd30-appendix-label", {14, 14, "Bold", "Phụ lục"}},
        {"nd30-appendix-title", {13, 14, "Bold", "tên phụ lục"}},
        {"nd30-appendix-reference", {13, 14, "Italic", "chỉ dẫn phụ lục"}},
    };
    return t;
}

// Nội dung (ô 6), căn cứ, headings: 13–14 pt. The contents of a table are not in the Mục V
// table (a table is ô 6 content, but practice sets wide tables smaller); the test only asks
// them to be no smaller than the smallest size ND30 uses anywhere (11 pt, Nơi nhận).
constexpr Rule kBody{13, 14, "", "nội dung (ô 6)"};
constexpr Rule kTable{11, 14, "", "nội dung bảng"};

constexpr double kMm = 72.0 / 25.4;

struct Margins {
    double top = 0, right = 0, bottom = 0, left = 0;
};

struct ModelFacts {
    std::vector<Margins> sections;
    std::set<std::string> table_styles;  // styles of paragraphs inside table cells
};

ModelFacts read_model(const std::string& dump) {
    ModelFacts f;
    std::istringstream in(dump);
    std::string line;
    std::size_t table_indent = std::string::npos;
    while (std::getline(in, line)) {
        const std::size_t indent = line.find_first_not_of(' ');
        if (indent == std::string::npos) continue;
        const std::string body = line.substr(indent);
        if (table_indent != std::string::npos && indent <= table_indent) table_indent = std::string::npos;
        if (body.rfind("Section ", 0) == 0) {
            const auto m = body.find("margins=");
            REQUIRE(m != std::string::npos);
            Margins mg;
            std::istringstream ms(body.substr(m + 8));
            char comma;
            ms >> mg.top >> comma >> mg.right >> comma >> mg.bottom >> comma >> mg.left;
            f.sections.push_back(mg);
        } else if (body.rfind("Table ", 0) == 0) {
            table_indent = indent;
        } else if (table_indent != std::string::npos && body.rfind("Paragraph style=", 0) == 0) {
            f.table_styles.insert(body.substr(16));
        }
    }
    return f;
}

struct Word {
    int page = 0;
    double page_width = 0, page_height = 0;
    int section = 0;
    double x = 0, y = 0, size = 0;
    std::string face, style, text;
};

std::vector<Word> read_layout(const std::string& dump) {
    std::vector<Word> words;
    std::istringstream in(dump);
    std::string line;
    Word page;
    while (std::getline(in, line)) {
        std::istringstream ls(line);
        std::string kind;
        ls >> kind;
        if (kind == "page") {
            std::string size, section;
            ls >> page.page >> size >> section;
            const auto x = size.find('x');
            page.page_width = std::stod(size.substr(0, x));
            page.page_height = std::stod(size.substr(x + 1));
            page.section = std::stoi(section.substr(section.find('=') + 1));
        } else if (kind == "text") {
            Word w = page;
            ls >> w.x >> w.y >> w.face >> w.size >> w.style;
            std::getline(ls, w.text);
            words.push_back(w);
        }
    }
    return words;
}

// Checks one document; returns how many words were checked.
int check_document(const std::string& name, const std::string& model_dump, const std::string& layout_dump) {
    INFO("document " << name);
    const ModelFacts facts = read_model(model_dump);
    REQUIRE(!facts.sections.empty());
    for (const auto& m : facts.sections) {
        // Phụ lục I, Mục I.4: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
        CHECK(m.top >= 20 * kMm - 0.01);
        CHECK(m.top <= 25 * kMm + 0.01);
        CHECK(m.bottom >= 20 * kMm - 0.01);
        CHECK(m.bottom <= 25 * kMm + 0.01);
        CHECK(m.left >= 30 * kMm - 0.01);
        CHECK(m.left <= 35 * kMm + 0.01);
        CHECK(m.right >= 15 * kMm - 0.01);
        CHECK(m.right <= 20 * kMm + 0.01);
    }
    const auto words = read_layout(layout_dump);
    REQUIRE(!words.empty());
    std::set<std::string> seen;
    for (const auto& w : words) {
        INFO("page " << w.page << " " << w.style << " " << w.face << " " << w.size << " at " << w.x << "," << w.y
                     << ":" << w.text);
        REQUIRE(w.section < static_cast<int>(facts.sections.size()));
        const Margins& m = facts.sections[static_cast<std::size_t>(w.section)];
        // A4, either way round.
        CHECK(std::min(w.page_width, w.page_height) == Approx(210 * kMm).margin(0.01));
        CHECK(std::max(w.page_width, w.page_height) == Approx(297 * kMm).margin(0.01));
        // Every word starts inside the text block (the page number sits in the top margin).
        CHECK(w.x >= m.left - 0.01);
        CHECK(w.x <= w.page_width - m.right);
        CHECK(w.y >= m.bottom - 0.01);
        if (w.style != "nd30-page-number") CHECK(w.y <= w.page_height - m.top + 0.01);
        const auto it = nd30_table().find(w.style);
        const Rule& rule = it != nd30_table().end()       ? it->second
                           : facts.table_styles.count(w.style) ? kTable
                                                               : kBody;
        INFO("ND30: " << rule.what << " " << rule.min_size << "–" << rule.max_size << " pt " << rule.face);
        CHECK(w.size >= rule.min_size);
        CHECK(w.size <= rule.max_size);
        if (*rule.face) CHECK(w.face == rule.face);
        seen.insert(w.style);
    }
    // Every document has the ND30 header and a signer.
    for (const char* s : {"nd30-national-name", "nd30-motto", "nd30-agency", "nd30-place-date", "nd30-signer-name"}) {
        INFO("style " << s);
        CHECK(seen.count(s) == 1);
    }
    return static_cast<int>(words.size());
}

// Runs `r` with dumps and checks every document it wrote; returns the template ids seen
// (the part of the dump's name after the unit slug, or its folder for the letters).
void check_run(app::Request r, std::set<std::string>& documents) {
    r.formats = {app::Format::Pdf};
    r.dumps = true;
    const auto outcome = app::run(r, test::test_env());
    INFO(outcome.diagnostics.format());
    REQUIRE(outcome.exit_code == 0);
    for (const auto& f : outcome.written) {
        const std::string file = f.filename().string();
        const std::string suffix = ".layout.txt";
        if (file.size() < suffix.size() || file.compare(file.size() - suffix.size(), suffix.size(), suffix) != 0) continue;
        const std::string stem = file.substr(0, file.size() - suffix.size());
        const auto model = f.parent_path() / (stem + ".model.txt");
        REQUIRE(std::filesystem::exists(model));
        CHECK(check_document(f.string(), test::slurp(model), test::slurp(f)) > 0);
        const auto us = stem.rfind('_');
        documents.insert(f.parent_path().filename() == "cong-van" ? "cong-van-tra-loi"
                         : us != std::string::npos               ? stem.substr(us + 1)
                         : stem.rfind("quyet-dinh-", 0) == 0     ? "quyet-dinh-cong-nhan"
                         : stem.rfind("bao-cao-ket-qua-", 0) == 0 ? "bao-cao-ket-qua"
                                                                 : stem);
    }
}

}  // namespace

TEST_CASE("ND30 Phụ lục I: every template's output has the sizes, faces and margins of the decree", "[app][nd30]") {
    std::set<std::string> documents;
    const auto out = test::fresh_dir("app", "nd30-sizes");
    for (const auto& entry : std::filesystem::directory_iterator(test::source_dir() / "examples")) {
        if (entry.path().extension() != ".xml") continue;
        app::Request r;
        r.command = app::Command::Dossier;
        r.inputs = {entry.path()};
        r.output_dir = out / entry.path().stem();
        check_run(r, documents);
    }
    {
        app::Request r;
        r.command = app::Command::Decision;
        r.inputs = {test::source_dir() / "examples" / "council" / "tt24-huyen-2024.xml"};
        r.output_dir = out / "council";
        check_run(r, documents);
    }
    for (const char* doc : {"ke-hoach", "to-trinh-lien-tich"}) {
        app::Request r;
        r.command = app::Command::Document;
        r.inputs = {test::source_dir() / "examples" / "documents" / (std::string(doc) + ".xml")};
        r.output_dir = out / doc;
        check_run(r, documents);
    }
    // Every template shipped in templates/ was printed and checked.
    std::set<std::string> templates;
    for (const auto& entry : std::filesystem::directory_iterator(test::source_dir() / "templates")) {
        if (entry.path().extension() == ".xml") templates.insert(entry.path().stem().string());
    }
    CHECK(documents == templates);
    std::filesystem::remove_all(out);
}
