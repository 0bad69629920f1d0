// Helpers shared by the pdf tests: the font set, item builders, and running the real PDF
// clients (pdftotext, pdffonts, qpdf …) on a file in a temporary directory.
#pragma once

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "font/font.h"
#include "layout/layout.h"
#include "support.h"

namespace hoso::test::pdf {

namespace fs = std::filesystem;
using hoso::font::Face;
using hoso::layout::Page;
using hoso::layout::PagedDocument;
using hoso::layout::RuleItem;
using hoso::layout::TextItem;

inline constexpr double kA4Width = 595.28;   // 210 mm
inline constexpr double kA4Height = 841.89;  // 297 mm

inline const hoso::font::FontSet& fonts() {
    static const hoso::font::FontSet set = hoso::font::FontSet::load_directory(hoso::test::fonts_dir());
    return set;
}

inline TextItem text(double x, double y, Face face, double size, std::string s, bool underline = false) {
    TextItem t;
    t.x = x;
    t.y = y;
    t.face = face;
    t.size = size;
    t.text = std::move(s);
    t.underline = underline;
    return t;
}

inline RuleItem rule(double x1, double y1, double x2, double y2, double width, std::string role) {
    RuleItem r;
    r.x1 = x1, r.y1 = y1, r.x2 = x2, r.y2 = y2, r.width = width, r.role = std::move(role);
    return r;
}

struct TempDir {
    fs::path path;
    TempDir() {
        std::string tmpl = (fs::temp_directory_path() / "hoso-pdf-test-XXXXXX").string();
        REQUIRE(mkdtemp(tmpl.data()) != nullptr);
        path = tmpl;
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

struct RunResult {
    int status = -1;
    std::string out;
    std::string err;
};

inline RunResult run(const std::string& command, const fs::path& dir) {
    const fs::path err_file = dir / "stderr.txt";
    const std::string full = command + " 2>'" + err_file.string() + "'";
    RunResult r;
    FILE* p = popen(full.c_str(), "r");
    REQUIRE(p != nullptr);
    char buf[4096];
    std::size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
    r.status = pclose(p);
    r.err = hoso::test::slurp(err_file);
    return r;
}

inline fs::path write_temp(const TempDir& dir, const std::string& name, const std::string& bytes) {
    const fs::path p = dir.path / name;
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
}

inline std::vector<std::string> lines_of(const std::string& s) {
    std::vector<std::string> out;
    std::istringstream in(s);
    std::string line;
    while (std::getline(in, line)) out.push_back(line);
    return out;
}

}  // namespace hoso::test::pdf
