// The DOCX as other programs see it: python-docx reads the paragraphs and table cells back,
// and LibreOffice (soffice --headless --convert-to pdf) lays it out: page count, page sizes,
// text, page numbers from page 2, repeated table headers. Tests that need a missing tool
// are skipped with a warning (CI installs python3-docx and libreoffice-writer-nogui).
//
// HOSO_DOCX_KEEP=<dir> keeps the .docx and .pdf files there for a visual check.

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "docx/docx.h"
#include "fixtures.h"
#include "support.h"

namespace {

using namespace hoso;
namespace fs = std::filesystem;
namespace fx = hoso::test::docx_fixtures;

struct Command {
    int status = -1;
    std::string out;
};

Command run(const std::string& command) {
    Command c;
    FILE* pipe = popen((command + " 2>/dev/null").c_str(), "r");
    if (pipe == nullptr) return c;
    char buf[4096];
    std::size_t n;
    while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) c.out.append(buf, n);
    const int raw = pclose(pipe);
    c.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    return c;
}

std::string quoted(const fs::path& p) { return "'" + p.string() + "'"; }

bool have_tool(const std::string& tool) { return run("command -v " + tool + " >/dev/null").status == 0; }

// A scratch directory per test binary run; HOSO_DOCX_KEEP names a directory to keep instead.
const fs::path& work_dir() {
    static const fs::path dir = [] {
        if (const char* keep = std::getenv("HOSO_DOCX_KEEP")) {
            fs::create_directories(keep);
            return fs::path(keep);
        }
        fs::path d = fs::temp_directory_path() / ("hoso-docx-test-" + std::to_string(getpid()));
        fs::create_directories(d);
        return d;
    }();
    return dir;
}

struct Cleanup {
    ~Cleanup() {
        if (std::getenv("HOSO_DOCX_KEEP") == nullptr) {
            std::error_code ec;
            fs::remove_all(work_dir(), ec);
        }
    }
} cleanup;

// Writes every fixture as <name>.docx (once) and returns the paths.
const std::map<std::string, fs::path>& docx_files() {
    static const std::map<std::string, fs::path> files = [] {
        std::map<std::string, fs::path> out;
        for (const auto& c : fx::all_cases()) {
            const fs::path path = work_dir() / (std::string(c.name) + ".docx");
            std::ofstream(path, std::ios::binary) << docx::write_docx(c.build());
            out[c.name] = path;
        }
        return out;
    }();
    return files;
}

// ---------------------------------------------------------------------------------------
// python-docx

// Prints what python-docx reads. The writer's no-break marks (U+00A0 where layout may not
// break a line, U+2060 after a hyphen or slash inside a word) are folded to what the page
// shows: a space, and nothing.
const char* kReader = R"PY(
import sys, docx
def esc(s):
    s = s.replace("\u00a0", " ").replace("\u2060", "")
    return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")
d = docx.Document(sys.argv[1])
for p in d.paragraphs:
    print("P|" + esc(p.text))
for i, t in enumerate(d.tables):
    for r in t.rows:
        print("R|%d|" % i + "|".join(esc(c.text) for c in r.cells))
for s in d.sections:
    print("S|%d|%d|%d|%s" % (round(s.page_width / 635), round(s.page_height / 635), int(s.orientation),
                             s.different_first_page_header_footer))
print("M|" + esc(d.core_properties.title) + "|" + esc(d.core_properties.author))
)PY";

std::string python_with_docx() {
    for (const char* py : {"/usr/bin/python3", "python3"}) {
        if (run(std::string(py) + " -c 'import docx'").status == 0) return py;
    }
    return {};
}

std::string read_back(const std::string& python, const fs::path& file) {
    const fs::path script = work_dir() / "read_docx.py";
    std::ofstream(script) << kReader;
    const Command c = run(python + " " + quoted(script) + " " + quoted(file));
    INFO(c.out);
    REQUIRE(c.status == 0);
    return c.out;
}

bool has_line(const std::string& out, const std::string& line) {
    std::istringstream in(out);
    std::string l;
    while (std::getline(in, l)) {
        if (l == line) return true;
    }
    return false;
}

int count_prefix(const std::string& out, const std::string& prefix) {
    std::istringstream in(out);
    std::string l;
    int n = 0;
    while (std::getline(in, l)) n += l.rfind(prefix, 0) == 0 ? 1 : 0;
    return n;
}

TEST_CASE("python-docx opens every DOCX and finds the paragraphs and table cells") {
    const std::string python = python_with_docx();
    if (python.empty()) {
        WARN("python3 with the docx module (python3-docx) not found: test skipped");
        return;
    }
    const auto& files = docx_files();
    {
        const std::string out = read_back(python, files.at("to_trinh"));
        INFO(out);
        CHECK(has_line(out, "P|TỜ TRÌNH"));
        CHECK(has_line(out, "P|Đề nghị đánh giá, công nhận \"Cộng đồng học tập\""));
        CHECK(has_line(out, "P|Kính gửi:\\tPhòng Giáo dục và Đào tạo huyện Phong Thổ"));
        CHECK(has_line(out, "P|I. KẾT QUẢ TỰ ĐÁNH GIÁ"));
        CHECK(out.find("P|Ủy ban nhân dân xã Mường So đã tổ chức tự đánh giá") != std::string::npos);
        CHECK(out.find("R|0|UBND HUYỆN PHONG THỔ\\nỦY BAN NHÂN DÂN\\nXÃ MƯỜNG SO\\n|"
                       "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\\nĐộc lập - Tự do - Hạnh phúc\\n") != std::string::npos);
        CHECK(has_line(out, "R|0|Số: 05/TTr-UBND|Mường So, ngày 05 tháng 02 năm 2025"));
        CHECK(has_line(out, "R|1|Nơi nhận:\\n- Như trên;\\n- TT Đảng ủy, HĐND xã;\\n- Lưu: VT, VX.|"
                            "TM. ỦY BAN NHÂN DÂN\\nKT. CHỦ TỊCH\\nPHÓ CHỦ TỊCH\\nLò Thị Hồng Nhung"));
        CHECK(has_line(out, "S|11906|16838|0|True"));
        CHECK(has_line(out, "M|Tờ trình đề nghị đánh giá, công nhận Cộng đồng học tập cấp xã năm 2024|UBND xã Mường So"));
    }
    {
        const std::string out = read_back(python, files.at("cong_van"));
        INFO(out);
        CHECK(has_line(out, "P|Kính gửi:\\t- Các cơ quan, đơn vị trên địa bàn xã;"));
        CHECK(has_line(out, "P|- Trường Tiểu học Mường So;"));
        CHECK(has_line(out, "P|- Trường Trung học cơ sở Mường So."));
        CHECK(has_line(out, "R|0|Số: 112/UBND-VX\\nV/v triển khai thực hiện Thông tư\\nsố 24/2023/TT-BGDĐT|"
                            "Mường So, ngày 05 tháng 02 năm 2025"));
    }
    {
        const std::string out = read_back(python, files.at("danh_sach"));
        INFO(out);
        CHECK(count_prefix(out, "R|1|") == 62);
        CHECK(has_line(out, "R|1|STT|Họ và tên|Đơn vị|Kết quả|Kết quả"));
        CHECK(has_line(out, "R|1|STT|Họ và tên|Đơn vị|Đạt|Không đạt"));
        CHECK(has_line(out, "R|1|1|Nguyễn Thị Người Thứ 1|Thôn Nậm Cáy 1|x|"));
        CHECK(has_line(out, "R|1|3|Nguyễn Thị Người Thứ 3|Thôn Nậm Cáy 1|x|"));  // vertically merged
        CHECK(has_line(out, "R|1|7|Nguyễn Thị Người Thứ 7|Thôn Nậm Cáy 3||x"));
        CHECK(has_line(out, "R|1|60|Nguyễn Thị Người Thứ 60|Thôn Nậm Cáy 20|x|"));
        CHECK(has_line(out, "P|Danh sách này có 60 người./."));
    }
    {
        const std::string out = read_back(python, files.at("appendix"));
        INFO(out);
        CHECK(has_line(out, "S|11906|16838|0|True"));
        CHECK(has_line(out, "S|16838|11906|1|True"));
        CHECK(has_line(out, "P|DANH SÁCH ĐƠN VỊ HỌC TẬP CẤP HUYỆN NĂM 2024"));
        CHECK(has_line(out, "R|2|STT|Tên đơn vị|Mức độ|Tiêu chí đạt|Ghi chú"));
        CHECK(has_line(out, "R|2|30|Trường Phổ thông dân tộc bán trú số 30|Mức độ 2|3/3|"));
    }
}

// ---------------------------------------------------------------------------------------
// LibreOffice

struct Converted {
    bool available = false;
    int status = -1;
    std::string log;
    std::map<std::string, fs::path> pdfs;
};

// Converts every fixture in one soffice run with a private profile (parallel test runs
// must not share ~/.config/libreoffice).
const Converted& converted() {
    static const Converted result = [] {
        Converted c;
        if (!have_tool("soffice") || !have_tool("pdftotext") || !have_tool("pdfinfo")) return c;
        c.available = true;
        const fs::path profile = work_dir() / "lo-profile";
        std::string command = "soffice -env:UserInstallation=file://" + profile.string() +
                              " --headless --norestore --convert-to pdf --outdir " + quoted(work_dir());
        for (const auto& [name, path] : docx_files()) command += " " + quoted(path);
        const Command r = run(command);
        c.status = r.status;
        c.log = r.out;
        for (const auto& [name, path] : docx_files()) {
            fs::path pdf = path;
            pdf.replace_extension(".pdf");
            c.pdfs[name] = pdf;
        }
        return c;
    }();
    return result;
}

int page_count(const fs::path& pdf) {
    const Command c = run("pdfinfo " + quoted(pdf));
    std::istringstream in(c.out);
    std::string l;
    while (std::getline(in, l)) {
        if (l.rfind("Pages:", 0) == 0) return std::stoi(l.substr(6));
    }
    return 0;
}

std::string page_size(const fs::path& pdf, int page) {
    const Command c = run("pdfinfo -f " + std::to_string(page) + " -l " + std::to_string(page) + " " + quoted(pdf));
    std::istringstream in(c.out);
    std::string l;
    while (std::getline(in, l)) {
        if (l.rfind("Page", 0) == 0 && l.find("size:") != std::string::npos) {
            const auto at = l.find("size:") + 5;
            const auto end = l.find(" pts", at);
            std::string s = l.substr(at, end - at);
            s.erase(0, s.find_first_not_of(' '));
            return s;
        }
    }
    return {};
}

std::string page_text(const fs::path& pdf, int first, int last) {
    return run("pdftotext -enc UTF-8 -f " + std::to_string(first) + " -l " + std::to_string(last) + " " +
               quoted(pdf) + " -")
        .out;
}

std::string first_line(const std::string& text) {
    std::istringstream in(text);
    std::string l;
    while (std::getline(in, l)) {
        if (l.find_first_not_of(" \f") != std::string::npos) return l;
    }
    return {};
}

bool skip_without_libreoffice() {
    if (!converted().available) {
        WARN("soffice, pdftotext or pdfinfo not found (apt-get install libreoffice-writer-nogui poppler-utils): "
             "LibreOffice tests skipped");
        return true;
    }
    return false;
}

TEST_CASE("LibreOffice converts every DOCX to PDF without error") {
    if (skip_without_libreoffice()) return;
    const Converted& c = converted();
    INFO(c.log);
    CHECK(c.status == 0);
    for (const auto& [name, pdf] : c.pdfs) {
        INFO(name);
        REQUIRE(fs::exists(pdf));
        CHECK(page_count(pdf) > 0);
        CHECK(page_size(pdf, 1) == "595.304 x 841.89");  // A4 portrait (11906 × 16838 twips)
    }
}

TEST_CASE("LibreOffice: the Tờ trình prints its ND30 parts on one page, no page number on page 1") {
    if (skip_without_libreoffice()) return;
    const fs::path pdf = converted().pdfs.at("to_trinh");
    REQUIRE(page_count(pdf) == 1);  // short enough for one page: header + 6 paragraphs + signature
    const std::string text = page_text(pdf, 1, 1);
    INFO(text);
    for (const char* s : {"UBND HUYỆN PHONG THỔ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                          "Số: 05/TTr-UBND", "Mường So, ngày 05 tháng 02 năm 2025", "TỜ TRÌNH",
                          "Kính gửi: Phòng Giáo dục và Đào tạo huyện Phong Thổ", "Nơi nhận:", "- Lưu: VT, VX.",
                          "PHÓ CHỦ TỊCH", "Lò Thị Hồng Nhung"}) {
        CHECK(text.find(s) != std::string::npos);
    }
    CHECK(first_line(text) != "1");
}

TEST_CASE("LibreOffice: a 60-row table repeats its header rows on every page; numbers from page 2") {
    if (skip_without_libreoffice()) return;
    const fs::path pdf = converted().pdfs.at("danh_sach");
    const int pages = page_count(pdf);
    REQUIRE(pages >= 2);  // 60 rows of 13 pt text cannot fit one A4 page
    for (int p = 2; p <= pages; ++p) {
        const std::string text = page_text(pdf, p, p);
        INFO("page " << p << "\n" << text);
        CHECK(first_line(text) == std::to_string(p));  // page number at the top, centred
        if (text.find("Nguyễn Thị Người Thứ") != std::string::npos) {
            CHECK(text.find("Họ và tên") != std::string::npos);
            CHECK(text.find("Kết quả") != std::string::npos);
        }
    }
    const std::string all = page_text(pdf, 1, pages);
    CHECK(all.find("Nguyễn Thị Người Thứ 60") != std::string::npos);
    CHECK(all.find("Lò Thị Hồng Nhung") != std::string::npos);
}

TEST_CASE("LibreOffice: ND30 III.1.đ — a landscape appendix numbered from 1 again") {
    if (skip_without_libreoffice()) return;
    const fs::path pdf = converted().pdfs.at("appendix");
    const int pages = page_count(pdf);
    REQUIRE(pages >= 3);  // the page break makes the decision two pages; then the appendix
    int first_appendix_page = 0;
    for (int p = 1; p <= pages; ++p) {
        if (page_size(pdf, p) == "841.89 x 595.304") {
            first_appendix_page = p;
            break;
        }
    }
    REQUIRE(first_appendix_page >= 3);
    for (int p = first_appendix_page; p <= pages; ++p) CHECK(page_size(pdf, p) == "841.89 x 595.304");
    CHECK(first_line(page_text(pdf, 2, 2)) == "2");
    const std::string appendix_first = page_text(pdf, first_appendix_page, first_appendix_page);
    INFO(appendix_first);
    CHECK(first_line(appendix_first) == "Phụ lục");  // no number on the appendix's first page
    CHECK(appendix_first.find("(Kèm theo Quyết định số 215/QĐ-UBND") != std::string::npos);
    if (pages > first_appendix_page) {
        CHECK(first_line(page_text(pdf, first_appendix_page + 1, first_appendix_page + 1)) == "2");
    }
}

}  // namespace
