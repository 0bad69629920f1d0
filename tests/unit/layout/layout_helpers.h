// Builders and checks shared by the layout tests.
#pragma once

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "layout/layout.h"
#include "model/model.h"
#include "support.h"

namespace hoso::test {

// Deterministic Vietnamese-looking text: `words` words from a fixed list, a linear
// congruential generator seeded by `seed`.
inline std::string vi_words(int words, unsigned seed) {
    static const char* const kWords[] = {
        "đơn", "vị", "học", "tập", "cộng", "đồng", "Ủy", "ban", "nhân", "dân", "huyện",
        "thực", "hiện", "Thông", "tư", "số", "24/2023/TT-BGDĐT", "đánh", "giá", "công",
        "nhận", "tiêu", "chí", "chỉ", "tiêu", "Hội", "Khuyến", "học", "phối", "hợp", "với",
        "Phòng", "Giáo", "dục", "và", "Đào", "tạo", "xây", "dựng", "xã", "hội", "ẨỖỂ",
        "trường", "Tiểu", "học", "Đông", "Hải", "năm", "2025", "kế", "hoạch", "triển", "khai"};
    constexpr unsigned n = sizeof kWords / sizeof kWords[0];
    std::string out;
    unsigned x = seed * 2654435761u + 12345u;
    for (int i = 0; i < words; ++i) {
        x = x * 1103515245u + 12345u;
        if (i) out += ' ';
        out += kWords[(x >> 16) % n];
    }
    return out;
}

inline model::Paragraph para(const std::string& text, const std::string& style = model::style::kBody) {
    model::Paragraph p;
    p.style = style;
    p.runs.push_back(model::Run{text, {}});
    return p;
}

inline model::Nd30Header sample_header() {
    model::Nd30Header h;
    h.parent_agency = {"UBND HUYỆN PHONG THỔ"};
    h.issuing_agency = {"PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"};
    h.number = "Số: 05/TTr-PGDĐT";
    h.place_date = "Phong Thổ, ngày 05 tháng 02 năm 2025";
    return h;
}

inline model::SignatureBlock sample_signature() {
    model::SignatureBlock s;
    s.authority = {"KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG"};
    s.signer_name = "Mai Thị Hồng Sim";
    s.recipients = {"Như trên", "UBND huyện (b/c)", "Lưu: VT, GDĐT"};
    return s;
}

// A letter: header, title, Kính gửi, `paragraphs` body paragraphs, signature.
inline model::Document letter(int paragraphs, unsigned seed = 1, int words = 60) {
    model::Document doc;
    model::Section s;
    s.blocks.push_back(sample_header());
    model::DocumentTitle t;
    t.doc_type = "TỜ TRÌNH";
    t.summary = {"Về việc đề nghị công nhận \"Đơn vị học tập\" cấp huyện năm 2025"};
    s.blocks.push_back(t);
    model::Addressees a;
    a.recipients = {"Ủy ban nhân dân huyện Phong Thổ"};
    s.blocks.push_back(a);
    for (int i = 0; i < paragraphs; ++i) {
        s.blocks.push_back(para(vi_words(words + static_cast<int>((seed + static_cast<unsigned>(i)) % 40), seed * 100 + static_cast<unsigned>(i))));
    }
    s.blocks.push_back(sample_signature());
    doc.sections.push_back(std::move(s));
    return doc;
}

inline std::vector<layout::TextItem> texts(const layout::Page& p) {
    std::vector<layout::TextItem> out;
    for (const auto& it : p.items) {
        if (const auto* t = std::get_if<layout::TextItem>(&it)) out.push_back(*t);
    }
    return out;
}

inline std::vector<layout::RuleItem> rules(const layout::Page& p, const std::string& role) {
    std::vector<layout::RuleItem> out;
    for (const auto& it : p.items) {
        if (const auto* r = std::get_if<layout::RuleItem>(&it)) {
            if (r->role == role) out.push_back(*r);
        }
    }
    return out;
}

inline std::vector<layout::TextItem> with_style(const layout::PagedDocument& d, const std::string& style) {
    std::vector<layout::TextItem> out;
    for (const auto& p : d.pages) {
        for (const auto& t : texts(p)) {
            if (t.style == style) out.push_back(t);
        }
    }
    return out;
}

// Text items of one page grouped into visual lines (same baseline), each sorted by x.
inline std::vector<std::vector<layout::TextItem>> visual_lines(const layout::Page& p,
                                                               const std::string& style = "") {
    std::map<double, std::vector<layout::TextItem>, std::greater<double>> by_y;
    for (const auto& t : texts(p)) {
        if (!style.empty() && t.style != style) continue;
        by_y[std::round(t.y * 1000) / 1000].push_back(t);
    }
    std::vector<std::vector<layout::TextItem>> out;
    for (auto& [y, items] : by_y) {
        std::sort(items.begin(), items.end(),
                  [](const auto& a, const auto& b) { return a.x < b.x; });
        out.push_back(items);
    }
    return out;
}

// The text of a visual line as a reader (or pdftotext) sees it: a space wherever two
// items do not touch.
inline std::string line_text(const std::vector<layout::TextItem>& items, const layout::TextMeasurer& m) {
    std::string out;
    double right = 0;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0 && items[i].x > right + 0.01) out += ' ';
        out += items[i].text;
        right = items[i].x + m.width(items[i].text, items[i].face, items[i].size);
    }
    return out;
}

inline std::string collapse_spaces(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
        out += c;
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

inline double right_edge(const layout::TextItem& t, const layout::TextMeasurer& m) {
    return t.x + m.width(t.text, t.face, t.size);
}

// Every text item lies inside the page's text block horizontally, and none crosses a
// vertical table border drawn at its height (so cell text stays inside its cell).
inline void check_inside(const model::Document& doc, const layout::PagedDocument& out,
                         const layout::TextMeasurer& m) {
    for (std::size_t pi = 0; pi < out.pages.size(); ++pi) {
        const auto& page = out.pages[pi];
        const auto& ps = doc.sections.at(static_cast<std::size_t>(page.section)).page;
        const auto borders = rules(page, "table-border");
        for (const auto& t : texts(page)) {
            INFO("page " << pi + 1 << " item \"" << t.text << "\" at " << t.x << "," << t.y);
            const double r = right_edge(t, m);
            CHECK(t.x >= ps.margin_left - 0.01);
            CHECK(r <= ps.width - ps.margin_right + 0.01);
            CHECK(t.y - m.descent_1000(t.face) * t.size / 1000 >= ps.margin_bottom - 0.01);
            CHECK(t.y <= ps.height - 0.01);
            for (const auto& b : borders) {
                if (b.x1 != b.x2) continue;
                const double lo = std::min(b.y1, b.y2), hi = std::max(b.y1, b.y2);
                if (t.y < lo || t.y > hi) continue;
                CHECK_FALSE((t.x < b.x1 - 0.01 && r > b.x1 + 0.01));
            }
        }
    }
}

}  // namespace hoso::test
