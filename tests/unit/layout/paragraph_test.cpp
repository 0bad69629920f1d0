// Line breaking, justification and line height.
#include <catch2/catch.hpp>

#include "layout_helpers.h"

using namespace hoso;
using namespace hoso::test;

namespace {

model::Document one_paragraph(const model::Paragraph& p, model::ParagraphStyle* style = nullptr) {
    model::Document doc;
    if (style) doc.styles[p.style] = *style;
    model::Section s;
    s.blocks.push_back(p);
    doc.sections.push_back(std::move(s));
    return doc;
}

// Lines of the (single-paragraph) document in reading order, over all pages.
std::vector<std::vector<layout::TextItem>> all_lines(const layout::PagedDocument& d,
                                                     const std::string& style) {
    std::vector<std::vector<layout::TextItem>> out;
    for (const auto& p : d.pages) {
        for (auto& l : visual_lines(p, style)) out.push_back(l);
    }
    return out;
}

}  // namespace

TEST_CASE("lines joined with single spaces give back the paragraph text (spaces collapsed)",
          "[layout][paragraph]") {
    FixedWidthMeasurer m;
    for (unsigned seed = 1; seed <= 12; ++seed) {
        model::Paragraph p;
        p.style = model::style::kBody;
        // Several runs, some starting or ending inside a word, double spaces, a bold word.
        p.runs.push_back({"  " + vi_words(30, seed) + "  ", {}});
        p.runs.push_back({"Đi", {true, false, false}});
        p.runs.push_back({"ều 1 " + vi_words(25, seed + 50), {false, true, true}});
        p.runs.push_back({" Số:  05/TTr-UBND " + vi_words(static_cast<int>(seed) * 7, seed + 99), {}});
        for (auto align : {model::Align::Justify, model::Align::Left, model::Align::Center,
                           model::Align::Right}) {
            model::ParagraphStyle st = model::default_style_sheet().at(model::style::kBody);
            st.align = align;
            const auto doc = one_paragraph(p, &st);
            Diagnostics w;
            const auto out = layout_document(doc, m, w);
            std::string joined;
            const auto lines = all_lines(out, model::style::kBody);
            REQUIRE(lines.size() > 2);
            for (const auto& l : lines) {
                if (!joined.empty()) joined += ' ';
                joined += line_text(l, m);
            }
            CHECK(collapse_spaces(joined) == collapse_spaces(p.plain_text().substr(2)));
            for (const auto& l : lines) {
                for (const auto& t : l) {
                    CHECK(t.text.front() != ' ');  // no stretchable space inside an item's edges…
                    CHECK(t.text.back() != ' ');   // …except the non-breaking "Số: 05" kind
                }
            }
        }
    }
}

TEST_CASE("ND30 body text is justified: every line but the last ends flush right",
          "[layout][paragraph][nd30]") {
    FixedWidthMeasurer m;
    for (unsigned seed = 1; seed <= 10; ++seed) {
        const auto doc = one_paragraph(para(vi_words(120, seed)));
        Diagnostics w;
        const auto out = layout_document(doc, m, w);
        const auto& ps = doc.sections[0].page;
        const double right = ps.width - ps.margin_right;
        const auto lines = all_lines(out, model::style::kBody);
        REQUIRE(lines.size() >= 4);
        for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
            INFO("line " << i + 1);
            CHECK(right_edge(lines[i].back(), m) == Approx(right).margin(0.01));
            CHECK(lines[i].size() > 1);
        }
        // The first line starts at the 1 cm indent, the others at the margin.
        CHECK(lines[0].front().x == Approx(ps.margin_left + model::mm_to_pt(10)).margin(0.01));
        for (std::size_t i = 1; i < lines.size(); ++i) {
            CHECK(lines[i].front().x == Approx(ps.margin_left).margin(0.01));
        }
        // The last line is left aligned: its gaps are natural spaces.
        const auto& last = lines.back();
        CHECK(right_edge(last.back(), m) < right - 0.01);
        for (std::size_t k = 1; k < last.size(); ++k) {
            const double gap = last[k].x - right_edge(last[k - 1], m);
            CHECK(gap == Approx(m.width(" ", last[k - 1].face, last[k - 1].size)).margin(0.001));
        }
    }
}

TEST_CASE("justified gaps are equal within a line and never smaller than a space",
          "[layout][paragraph]") {
    FixedWidthMeasurer m;
    const auto doc = one_paragraph(para(vi_words(200, 7)));
    Diagnostics w;
    const auto out = layout_document(doc, m, w);
    const auto lines = all_lines(out, model::style::kBody);
    for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
        std::vector<double> gaps;
        for (std::size_t k = 1; k < lines[i].size(); ++k) {
            gaps.push_back(lines[i][k].x - right_edge(lines[i][k - 1], m));
        }
        REQUIRE_FALSE(gaps.empty());
        for (double g : gaps) {
            CHECK(g == Approx(gaps.front()).margin(0.001));
            CHECK(g >= m.width(" ", layout::Face::Regular, 14) - 0.001);
        }
    }
}

TEST_CASE("centred and right-aligned lines sit in the middle / at the right of the text block",
          "[layout][paragraph]") {
    FixedWidthMeasurer m;
    for (auto align : {model::Align::Center, model::Align::Right}) {
        model::ParagraphStyle st;
        st.align = align;
        const auto doc = one_paragraph(para(vi_words(70, 3), "x"), &st);
        Diagnostics w;
        const auto out = layout_document(doc, m, w);
        const auto& ps = doc.sections[0].page;
        for (const auto& l : all_lines(out, "x")) {
            const double left = l.front().x, right = right_edge(l.back(), m);
            if (align == model::Align::Center) {
                CHECK((left + right) / 2 == Approx(ps.margin_left + ps.text_width() / 2).margin(0.01));
            } else {
                CHECK(right == Approx(ps.width - ps.margin_right).margin(0.01));
            }
        }
    }
}

TEST_CASE("line height is never smaller than (ascent + descent) x size (Word single spacing)",
          "[layout][paragraph]") {
    FixedWidthMeasurer m;
    for (double spacing : {0.8, 1.0, 1.15, 1.5}) {
        for (double size : {11.0, 13.0, 14.0}) {
            model::ParagraphStyle st;
            st.font_size = size;
            st.line_spacing = spacing;
            const auto doc = one_paragraph(para(vi_words(150, 5), "x"), &st);
            Diagnostics w;
            const auto out = layout_document(doc, m, w);
            const auto lines = all_lines(out, "x");
            REQUIRE(lines.size() > 3);
            const double single = (891.0 + 216.0) / 1000 * size;
            for (std::size_t i = 1; i < lines.size(); ++i) {
                const double step = lines[i - 1].front().y - lines[i].front().y;
                CHECK(step >= single - 1e-9);
                CHECK(step == Approx(std::max(1.0, spacing) * single).margin(1e-9));
            }
            // The first baseline is one ascent below the top margin.
            const auto& ps = doc.sections[0].page;
            CHECK(lines[0].front().y ==
                  Approx(ps.height - ps.margin_top - 0.891 * size).margin(1e-9));
        }
    }
}

TEST_CASE("a word wider than the line is split between graphemes with a warning",
          "[layout][paragraph]") {
    FixedWidthMeasurer m;
    std::string long_word;
    for (int i = 0; i < 120; ++i) long_word += "Ẩ";
    const auto doc = one_paragraph(para("Mở đầu " + long_word + " kết thúc."));
    Diagnostics w;
    const auto out = layout_document(doc, m, w);
    REQUIRE(w.items().size() == 1);
    CHECK(w.items()[0].severity == Severity::Warning);
    CHECK(w.items()[0].message_en.find("wider") != std::string::npos);
    check_inside(doc, out, m);
    std::string all;
    for (const auto& t : texts(out.pages[0])) all += t.text;
    CHECK(all == "Mởđầu" + long_word + "kếtthúc.");
}

TEST_CASE("an empty paragraph still takes one line", "[layout][paragraph]") {
    FixedWidthMeasurer m;
    model::Document doc;
    model::Section s;
    s.blocks.push_back(para("Một"));
    s.blocks.push_back(model::Paragraph{model::style::kBody, {}});
    s.blocks.push_back(para("Hai"));
    doc.sections.push_back(s);
    Diagnostics w;
    const auto out = layout_document(doc, m, w);
    const auto t = texts(out.pages.at(0));
    REQUIRE(t.size() == 2);
    const double line = (891.0 + 216.0) / 1000 * 14;
    CHECK(t[0].y - t[1].y == Approx(2 * line + 2 * 6).margin(1e-9));
}

TEST_CASE("runs keep their faces and underline; a box made of several runs is drawn in pieces",
          "[layout][paragraph]") {
    FixedWidthMeasurer m;
    model::Paragraph p;
    p.runs.push_back({"Điều ", {true, false, false}});
    p.runs.push_back({"1", {true, false, true}});
    p.runs.push_back({". Phạm vi", {}});
    const auto doc = one_paragraph(p);
    Diagnostics w;
    const auto out = layout_document(doc, m, w);
    const auto t = texts(out.pages.at(0));
    REQUIRE(t.size() == 5);  // "Điều 1." is one box (no break before a number), in three pieces
    CHECK(t[0].text == "Điều ");
    CHECK(t[0].face == layout::Face::Bold);
    CHECK(t[1].text == "1");
    CHECK(t[1].underline);
    CHECK(t[1].x == Approx(right_edge(t[0], m)));
    CHECK(t[2].text == ".");
    CHECK(t[2].face == layout::Face::Regular);
    CHECK(t[2].x == Approx(right_edge(t[1], m)));
    CHECK(t[3].text == "Phạm");
    CHECK(t[4].text == "vi");
}

namespace {

// Characters of FixedWidthMeasurer (0.5 em at the body's 14 pt) that fill a body line.
std::size_t chars_per_line(const model::Document& doc) {
    const auto& ps = doc.sections[0].page;
    return static_cast<std::size_t>((ps.width - ps.margin_left - ps.margin_right) / 7.0);
}

std::vector<std::string> line_texts(const layout::PagedDocument& out) {
    std::vector<std::string> lines;
    for (const auto& l : all_lines(out, model::style::kBody)) {
        std::string s;
        for (const auto& t : l) s += (s.empty() ? "" : " ") + t.text;
        lines.push_back(s);
    }
    return lines;
}

}  // namespace

TEST_CASE("a glued group wider than the line is cut at its space, not inside the ký hiệu",
          "[layout][paragraph]") {
    FixedWidthMeasurer m;
    const auto probe = one_paragraph(para("x"));
    const std::size_t n = chars_per_line(probe);
    // "số" binds to the number after it, so "số CODE" is one box; CODE alone fits a line,
    // "số CODE" does not.
    const std::string code = std::string(n - 12, 'A') + "/PGDĐT-GDTX";
    const auto doc = one_paragraph(para("Không đạt; Công văn số " + code));
    Diagnostics w;
    const auto out = layout_document(doc, m, w);
    CHECK(w.items().empty());  // nothing was broken inside a word
    check_inside(doc, out, m);
    const auto lines = line_texts(out);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0] == "Không đạt; Công văn số");  // "số" stays on the line it starts
    CHECK(lines[1] == code);
}

TEST_CASE("a ký hiệu wider than the line is cut after a '/' or '-' before any grapheme cut",
          "[layout][paragraph]") {
    FixedWidthMeasurer m;
    const auto probe = one_paragraph(para("x"));
    const std::size_t n = chars_per_line(probe);
    std::string code;  // parts of 9 characters + '-', longer than a line in all
    while (code.size() < n + n / 2) code += "ABCDEFGHI-";
    code += "END";
    const auto doc = one_paragraph(para(code));
    Diagnostics w;
    const auto out = layout_document(doc, m, w);
    CHECK(w.items().empty());
    check_inside(doc, out, m);
    const auto lines = line_texts(out);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].back() == '-');
    CHECK(lines[0].size() > n - 10);  // the last '-' that fits, not the first
    CHECK(lines[0] + lines[1] == code);
}
