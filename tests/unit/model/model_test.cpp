#include <catch2/catch.hpp>

#include "support.h"

#include <algorithm>
#include <string>
#include <vector>

#include "model/model.h"

using namespace hoso::model;

namespace {

Paragraph para(std::string style, std::string text) {
    Paragraph p;
    p.style = std::move(style);
    p.runs.push_back({std::move(text), {}});
    return p;
}

bool has(const std::vector<std::string>& problems, const std::string& text) {
    return std::any_of(problems.begin(), problems.end(),
                       [&](const std::string& p) { return p == text; });
}

}  // namespace

TEST_CASE("model::validate accepts a well-formed document", "[model]") {
    Document doc;
    Section sec;
    sec.blocks.push_back(para(style::kBody, "Điều 1."));
    sec.blocks.push_back(para(style::kBody, "Điều 2."));
    Table t;
    t.column_widths = {1, 2};
    t.header_rows = 1;
    for (int r = 0; r < 2; ++r) {
        Row row;
        for (int c = 0; c < 2; ++c) {
            Cell cell;
            cell.paragraphs.push_back(para(style::kBody, "ô"));
            row.cells.push_back(cell);
        }
        t.rows.push_back(row);
    }
    sec.blocks.push_back(t);
    doc.sections.push_back(sec);
    CHECK(validate(doc).empty());
}

TEST_CASE("model::validate names each unknown style, control character and grid error with its place", "[model]") {
    Document doc;
    Section sec;
    // Known styles in a run, then an unknown one after them, then the known one again: every
    // paragraph is checked, not only the first of a run of equal styles.
    sec.blocks.push_back(para(style::kBody, "a"));
    sec.blocks.push_back(para(style::kBody, "b"));
    sec.blocks.push_back(para("no-such-style", "c"));
    sec.blocks.push_back(para(style::kBody, "d\te"));
    sec.blocks.push_back(para("other-missing", "f"));
    Table t;
    t.column_widths = {1};
    t.header_rows = 2;
    Row row;
    Cell wide;
    wide.col_span = 2;
    wide.paragraphs.push_back(para(style::kBody, "x"));
    row.cells.push_back(wide);
    t.rows.push_back(row);
    sec.blocks.push_back(t);
    doc.sections.push_back(sec);
    const auto problems = validate(doc);
    CHECK(has(problems, "section 1 block 3: unknown style no-such-style"));
    CHECK(has(problems, "section 1 block 4: control character in text"));
    CHECK(has(problems, "section 1 block 5: unknown style other-missing"));
    CHECK(has(problems, "section 1 block 6: header_rows out of range"));
    CHECK(has(problems, "section 1 block 6: row 1: cell outside the column grid"));
    CHECK(problems.size() == 5);
}

TEST_CASE("model::validate reports a style sheet without the ND30 styles", "[model]") {
    Document doc;
    doc.styles.erase(style::kSignerName);
    const auto problems = validate(doc);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0] == std::string("missing style ") + style::kSignerName);
}
