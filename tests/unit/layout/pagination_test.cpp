// Pagination: keep rules, widows and orphans, the signature block, sections, page numbers.
#include <catch2/catch.hpp>

#include <set>

#include "layout_helpers.h"

using namespace hoso;
using namespace hoso::test;

namespace {

bool is_signature_style(const std::string& s) {
    return s == model::style::kRecipientsLabel || s == model::style::kRecipients ||
           s == model::style::kSignerAuthority || s == model::style::kSignerName;
}

// Number of visual lines of each style on a page.
std::map<std::string, int> lines_per_style(const layout::Page& p) {
    std::map<std::string, std::set<double>> ys;
    for (const auto& t : texts(p)) ys[t.style].insert(t.y);
    std::map<std::string, int> out;
    for (const auto& [s, y] : ys) out[s] = static_cast<int>(y.size());
    return out;
}

}  // namespace

TEST_CASE("ND30: a page never holds only the signature block; it takes ≥ 2 body lines along",
          "[layout][pagination][nd30]") {
    FixedWidthMeasurer m;
    int moved = 0;
    for (int n = 1; n <= 60; ++n) {
        for (unsigned seed : {1u, 2u}) {
            const auto doc = letter(n, seed, 25 + n % 17);
            Diagnostics w;
            const auto out = layout_document(doc, m, w);
            CHECK(w.empty());
            INFO("paragraphs " << n << " seed " << seed << " pages " << out.pages.size());
            check_inside(doc, out, m);
            int signature_pages = 0;
            for (std::size_t pi = 0; pi < out.pages.size(); ++pi) {
                const auto& page = out.pages[pi];
                bool other = false, sig = false;
                for (const auto& t : texts(page)) {
                    if (t.style == model::style::kPageNumber) continue;
                    (is_signature_style(t.style) ? sig : other) = true;
                }
                INFO("page " << pi + 1);
                CHECK(other);
                if (sig) {
                    ++signature_pages;
                    const auto counts = lines_per_style(page);
                    const auto body = counts.find(model::style::kBody);
                    REQUIRE(body != counts.end());
                    CHECK(body->second >= 2);
                    if (pi > 0) ++moved;
                }
            }
            CHECK(signature_pages == 1);  // unsplittable
        }
    }
    CHECK(moved > 20);  // the sweep did cross page boundaries
}

TEST_CASE("a paragraph split between pages keeps at least 2 lines on each side; short ones never split",
          "[layout][pagination]") {
    FixedWidthMeasurer m;
    int splits = 0;
    for (int lead = 0; lead < 45; ++lead) {
        model::Document doc;
        model::Section s;
        // Each paragraph has its own style (a copy of body), so the dump tells them apart.
        for (int i = 0; i < 12; ++i) {
            const std::string name = "p" + std::to_string(i);
            doc.styles[name] = doc.styles.at(model::style::kBody);
            const int words = i == 0 ? 3 * lead + 1 : 20 + 19 * (i % 4);
            s.blocks.push_back(para(vi_words(words, static_cast<unsigned>(i + lead * 31)), name));
        }
        doc.sections.push_back(std::move(s));
        Diagnostics w;
        const auto out = layout_document(doc, m, w);
        check_inside(doc, out, m);
        std::map<std::string, std::vector<int>> parts;  // style → lines per page
        for (const auto& page : out.pages) {
            for (const auto& [st, n] : lines_per_style(page)) parts[st].push_back(n);
        }
        for (const auto& [st, v] : parts) {
            if (v.size() < 2) continue;
            ++splits;
            int total = 0;
            for (int n : v) total += n;
            INFO("lead " << lead << " " << st << " total " << total);
            CHECK(total >= 4);
            CHECK(v.front() >= 2);
            CHECK(v.back() >= 2);
        }
        // The pages are full: a page ends early only when the next paragraph could not be
        // split (the bottom gap is smaller than what the next page starts with).
        for (std::size_t pi = 0; pi + 1 < out.pages.size(); ++pi) {
            const auto a = texts(out.pages[pi]);
            const double bottom = a.back().y - 0.216 * 14;
            CHECK(bottom - doc.sections[0].page.margin_bottom < 4 * 15.5 + 6 + 0.01);
        }
    }
    CHECK(splits > 10);
}

TEST_CASE("keep_with_next: a heading is never the last line of a page", "[layout][pagination]") {
    FixedWidthMeasurer m;
    int checked = 0;
    for (int lead = 0; lead < 40; ++lead) {
        model::Document doc;
        model::Section s;
        s.blocks.push_back(para(vi_words(10 + lead * 9, static_cast<unsigned>(lead))));
        for (int i = 0; i < 14; ++i) {
            s.blocks.push_back(para("I. MỤC TIÊU " + std::to_string(i), model::style::kHeading));
            s.blocks.push_back(para(vi_words(40 + i * 3, static_cast<unsigned>(i + 7))));
        }
        doc.sections.push_back(std::move(s));
        Diagnostics w;
        const auto out = layout_document(doc, m, w);
        for (std::size_t pi = 0; pi + 1 < out.pages.size(); ++pi) {
            const auto lines = visual_lines(out.pages[pi]);
            REQUIRE_FALSE(lines.empty());
            CHECK(lines.back().front().style != model::style::kHeading);
            ++checked;
        }
    }
    CHECK(checked > 40);
}

TEST_CASE("keep_together keeps a long paragraph on one page", "[layout][pagination]") {
    FixedWidthMeasurer m;
    model::Document doc;
    doc.styles["kt"] = doc.styles.at(model::style::kBody);
    doc.styles["kt"].keep_together = true;
    model::Section s;
    s.blocks.push_back(para(vi_words(800, 3)));
    s.blocks.push_back(para(vi_words(300, 4), "kt"));
    doc.sections.push_back(std::move(s));
    Diagnostics w;
    const auto out = layout_document(doc, m, w);
    int pages_with_kt = 0;
    for (const auto& p : out.pages) pages_with_kt += lines_per_style(p).count("kt") ? 1 : 0;
    CHECK(pages_with_kt == 1);
}

TEST_CASE("PageBreak and sections start new pages; space before is dropped at a page top",
          "[layout][pagination]") {
    FixedWidthMeasurer m;
    model::Document doc;
    doc.styles["spaced"] = doc.styles.at(model::style::kBody);
    doc.styles["spaced"].space_before = 24;
    model::Section a;
    a.blocks.push_back(para("Trang một"));
    a.blocks.push_back(model::PageBreak{});
    a.blocks.push_back(para("Trang hai", "spaced"));
    a.blocks.push_back(para("Tiếp", "spaced"));
    doc.sections.push_back(a);
    model::Section b;
    b.page = model::a4_landscape(b.page);
    b.blocks.push_back(para("Ngang"));
    doc.sections.push_back(b);
    Diagnostics w;
    const auto out = layout_document(doc, m, w);
    REQUIRE(out.pages.size() == 3);
    const auto p2 = with_style(layout::PagedDocument{{}, {out.pages[1]}}, "spaced");
    REQUIRE(p2.size() == 3);
    CHECK(p2[0].text == "Trang");
    const auto& ps = doc.sections[0].page;
    CHECK(p2[0].y == Approx(ps.height - ps.margin_top - 0.891 * 14).margin(1e-9));
    CHECK(p2[0].y - p2[2].y == Approx(1.107 * 14 + 6 + 24).margin(1e-9));
    CHECK(out.pages[2].section == 1);
    CHECK(out.pages[2].width == Approx(841.89).margin(0.005));
    CHECK(out.pages[2].height == Approx(595.28).margin(0.005));
    check_inside(doc, out, m);
}

TEST_CASE("landscape sections lay out to the wide text block", "[layout][pagination]") {
    FixedWidthMeasurer m;
    model::Document doc;
    model::Section s;
    s.page = model::a4_landscape(s.page);
    for (int i = 0; i < 30; ++i) s.blocks.push_back(para(vi_words(90, static_cast<unsigned>(i))));
    doc.sections.push_back(s);
    Diagnostics w;
    const auto out = layout_document(doc, m, w);
    REQUIRE(out.pages.size() > 2);
    for (const auto& p : out.pages) {
        CHECK(format_fixed(p.width, 2) == "841.89");
        CHECK(format_fixed(p.height, 2) == "595.28");
    }
    check_inside(doc, out, m);
    const auto lines = visual_lines(out.pages[0]);
    CHECK(right_edge(lines[1].back(), m) == Approx(841.89 - s.page.margin_right).margin(0.01));
}

TEST_CASE("ND30 Phụ lục I I.4: page numbers hidden on page 1, centred in the top margin from page 2, "
          "restarting per appendix (III.1.đ)",
          "[layout][pagination][nd30]") {
    FixedWidthMeasurer m;
    model::Document doc = letter(14);
    model::Section cont;  // continues the numbering
    for (int i = 0; i < 12; ++i) cont.blocks.push_back(para(vi_words(60, static_cast<unsigned>(i))));
    doc.sections.push_back(cont);
    model::Section app;  // an appendix: restart
    app.numbering.restart = true;
    app.page = model::a4_landscape(app.page);
    model::AppendixHeading ah;
    ah.label = "Phụ lục";
    ah.title = "DANH SÁCH";
    app.blocks.push_back(ah);
    for (int i = 0; i < 25; ++i) app.blocks.push_back(para(vi_words(60, static_cast<unsigned>(i))));
    doc.sections.push_back(app);
    model::Section hidden;  // numbering off
    hidden.numbering.show = false;
    hidden.blocks.push_back(para("Không số trang"));
    doc.sections.push_back(hidden);

    Diagnostics w;
    const auto out = layout_document(doc, m, w);
    int expected = 0;
    int last_section = -1;
    std::size_t shown = 0;
    for (std::size_t pi = 0; pi < out.pages.size(); ++pi) {
        const auto& page = out.pages[pi];
        const auto& sec = doc.sections.at(static_cast<std::size_t>(page.section));
        const bool first = page.section != last_section;
        expected = (first && (page.section == 0 || sec.numbering.restart)) ? 1 : expected + 1;
        last_section = page.section;
        INFO("page " << pi + 1 << " section " << page.section);
        CHECK(page.number == expected);
        const auto nums = with_style(layout::PagedDocument{{}, {page}}, model::style::kPageNumber);
        const bool should_show =
            sec.numbering.show && !(first && (page.section == 0 || sec.numbering.restart));
        CHECK(page.number_shown == should_show);
        CHECK(nums.size() == (should_show ? 1u : 0u));
        if (!nums.empty()) {
            ++shown;
            const auto& ps = sec.page;
            CHECK(nums[0].text == std::to_string(expected));
            CHECK(nums[0].face == layout::Face::Regular);
            const double c = nums[0].x + m.width(nums[0].text, nums[0].face, nums[0].size) / 2;
            CHECK(c == Approx(ps.margin_left + ps.text_width() / 2).margin(1e-9));
            // Inside the top margin, roughly halfway down it.
            CHECK(nums[0].y + 0.891 * nums[0].size < ps.height - 5);
            CHECK(nums[0].y - 0.216 * nums[0].size > ps.height - ps.margin_top);
            CHECK(std::abs(nums[0].y - (ps.height - ps.margin_top / 2)) < ps.margin_top / 4);
        }
    }
    CHECK(out.pages.front().number == 1);
    CHECK_FALSE(out.pages.front().number_shown);
    CHECK(out.pages.back().section == 3);
    CHECK(shown > 4);
    // Section 1 continues: its first page is shown and numbered after section 0's last.
    for (std::size_t pi = 1; pi < out.pages.size(); ++pi) {
        if (out.pages[pi].section == 1 && out.pages[pi - 1].section == 0) {
            CHECK(out.pages[pi].number == out.pages[pi - 1].number + 1);
            CHECK(out.pages[pi].number_shown);
        }
        if (out.pages[pi].section == 2 && out.pages[pi - 1].section == 1) {
            CHECK(out.pages[pi].number == 1);
            CHECK_FALSE(out.pages[pi].number_shown);
            CHECK(out.pages[pi + 1].number == 2);
            CHECK(out.pages[pi + 1].number_shown);
        }
    }
}

TEST_CASE("an empty section still produces a page; an empty document none", "[layout][pagination]") {
    FixedWidthMeasurer m;
    model::Document doc;
    Diagnostics w;
    CHECK(layout_document(doc, m, w).pages.empty());
    doc.sections.emplace_back();
    doc.meta.title = "Tờ trình";
    const auto out = layout_document(doc, m, w);
    REQUIRE(out.pages.size() == 1);
    CHECK(out.pages[0].items.empty());
    CHECK(out.meta.title == "Tờ trình");
}

TEST_CASE("to_debug_text prints one line per item with fixed 2-decimal coordinates", "[layout]") {
    layout::PagedDocument d;
    layout::Page p;
    p.width = 595.2756;
    p.height = 841.8898;
    p.number = 1;
    layout::TextItem t;
    t.x = 85.0394;
    t.y = 800.126;
    t.face = layout::Face::Bold;
    t.size = 12;
    t.style = "nd30-agency";
    t.text = "ỦY BAN \"NHÂN\" DÂN";
    p.items.emplace_back(t);
    t.underline = true;
    t.size = 13.5;
    t.face = layout::Face::BoldItalic;
    t.text = "x";
    p.items.emplace_back(t);
    layout::RuleItem r;
    r.x1 = 100;
    r.y1 = 780;
    r.x2 = 150.004;
    r.y2 = 780;
    r.role = "agency-rule";
    p.items.emplace_back(r);
    d.pages.push_back(p);
    p.items.clear();
    p.number_shown = true;
    p.section = 1;
    p.number = 2;
    d.pages.push_back(p);
    // Each field is derived from the values above; a change in format must be deliberate.
    CHECK(layout::to_debug_text(d) ==
          "page 1 595.28x841.89 section=0 number=1 hidden\n"
          "  text 85.04 800.13 Bold 12 nd30-agency \"ỦY BAN \\\"NHÂN\\\" DÂN\"\n"
          "  text 85.04 800.13 BoldItalic 13.5 nd30-agency underline \"x\"\n"
          "  rule 100.00 780.00 150.00 780.00 0.5 agency-rule\n"
          "page 2 595.28x841.89 section=1 number=2 shown\n");
}
