// word/document.xml remembers, per thread, the XML of the paragraphs it wrote (body.cpp,
// ParagraphMemo) and copies a repeated one. A document must give the same bytes whatever
// the thread wrote before: here every document is written first in a new thread (an empty
// memo), then by one thread after all the others, in two orders. The variants change one
// input of a paragraph's XML each — a style's value, the page width (the width a paragraph
// may wrap in), a run's formatting, one character — so that a memo whose key missed that
// input would hand out the other variant's paragraph.

#include <algorithm>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "docx/docx.h"
#include "fixtures.h"
#include "support.h"

namespace {

using namespace hoso;
namespace fx = hoso::test::docx_fixtures;

// A body paragraph of about 95 characters: it wraps on an A4 portrait line (so
// "30/2020/NĐ-CP" gets word joiners, breaks.h) and fits on a landscape one.
model::Document with_basis_line(bool landscape) {
    model::Document doc = fx::to_trinh();
    auto& blocks = doc.sections[0].blocks;
    blocks.insert(blocks.begin() + 3,
                  fx::text(model::style::kBody,
                           "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về văn thư;"));
    if (landscape) doc.sections[0].page = model::a4_landscape(doc.sections[0].page);
    return doc;
}

std::string written_in_new_thread(const model::Document& doc) {
    std::string out;
    std::thread t([&] { out = docx::write_docx(doc); });
    t.join();
    return out;
}

std::vector<model::Document> variants() {
    std::vector<model::Document> docs;
    for (const auto& c : fx::all_cases()) docs.push_back(c.build());
    docs.push_back(with_basis_line(false));
    docs.push_back(with_basis_line(true));
    model::Document bigger = with_basis_line(false);
    bigger.styles[model::style::kBody].font_size = 13;  // a style value, same style names
    docs.push_back(bigger);
    model::Document bold = with_basis_line(false);
    bold.styles[model::style::kBody].bold = true;
    docs.push_back(bold);
    model::Document underlined = fx::to_trinh();
    for (auto& b : underlined.sections[0].blocks) {
        if (auto* p = std::get_if<model::Paragraph>(&b)) {
            for (auto& r : p->runs) r.style.underline = true;
        }
    }
    docs.push_back(underlined);
    model::Document one_char = fx::danh_sach();
    for (auto& b : one_char.sections[0].blocks) {
        if (auto* t = std::get_if<model::Table>(&b)) t->rows[5].cells[1].paragraphs[0].runs[0].text += "a";
    }
    docs.push_back(one_char);
    return docs;
}

TEST_CASE("docx paragraph memo: a document gives the bytes of a new thread whatever this thread wrote before") {
    const std::vector<model::Document> docs = variants();
    std::vector<std::string> expected;
    for (const auto& d : docs) expected.push_back(written_in_new_thread(d));
    // The variants differ from what they vary (else the test could not catch a stale copy).
    for (std::size_t i = 0; i < expected.size(); ++i) {
        for (std::size_t j = 0; j < i; ++j) CHECK(expected[i] != expected[j]);
    }
    std::thread t([&] {
        std::vector<std::size_t> order(docs.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
        for (int pass = 0; pass < 3; ++pass) {
            if (pass == 1) std::reverse(order.begin(), order.end());
            if (pass == 2) std::rotate(order.begin(), order.begin() + 3, order.end());
            for (std::size_t i : order) {
                const std::string got = docx::write_docx(docs[i]);
                INFO("pass " << pass << ", variant " << i);
                CHECK(got == expected[i]);
            }
        }
    });
    t.join();
}

TEST_CASE("docx paragraph memo: the portrait line is protected, the landscape one is not (the variants reach the memo)") {
    // The two documents share the paragraph's text, style and properties; only the width differs.
    const auto portrait = docx::docx_parts(with_basis_line(false)).at("word/document.xml");
    const auto landscape = docx::docx_parts(with_basis_line(true)).at("word/document.xml");
    CHECK(portrait.find("30/\xE2\x81\xA0" "2020/\xE2\x81\xA0NĐ-\xE2\x81\xA0" "CP") != std::string::npos);
    CHECK(landscape.find("Nghị định số 30/2020/NĐ-CP") != std::string::npos);
}

}  // namespace
