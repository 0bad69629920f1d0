// Line breaking and justification of one paragraph.
//
// The paragraph's runs are concatenated; text::break_opportunities cuts the text into
// "boxes" (a box ends with the spaces after which a line may break; spaces inside a box,
// e.g. in "Số: 05" or "Điều 1", are not stretchable). Lines are filled first-fit. Each box,
// or each run fragment of a box, becomes its own TextItem without its trailing spaces, so
// a justified line is drawn word by word and text extraction gets its spaces back from
// the gaps.
#include <algorithm>
#include <string_view>

#include "layout/detail/engine.h"
#include "text/text.h"

namespace hoso::layout::detail {

namespace {

struct Span {  // one run, in byte offsets of the paragraph text
    std::size_t begin = 0;
    std::size_t end = 0;
    Face face = Face::Regular;
    bool underline = false;
};

struct Box {
    std::size_t begin = 0;
    std::size_t content_end = 0;  // [content_end, end) are the stretchable trailing spaces
    std::size_t end = 0;
    double content_w = 0;
    double trail_w = 0;
    bool split = false;  // already reported as too wide
};

}  // namespace

void Unit::add_line(const Line& l, double top) {
    for (const auto& t : l.items) {
        TextItem moved = t;
        moved.y = top + t.y;
        add_text(std::move(moved), top, top + l.height);
    }
}

const model::ParagraphStyle& Typesetter::style(const std::string& name, const std::string& where) {
    if (auto it = m_styles.find(name); it != m_styles.end()) return it->second;
    if (std::find(m_warned_styles.begin(), m_warned_styles.end(), name) == m_warned_styles.end()) {
        m_warned_styles.push_back(name);
        m_warnings.warning({}, where, "Không có kiểu đoạn văn «" + name + "», dùng kiểu mặc định",
                           "unknown paragraph style '" + name + "'; using the default");
    }
    if (m_fallback.empty()) m_fallback = model::default_style_sheet();
    if (auto it = m_fallback.find(name); it != m_fallback.end()) return it->second;
    return m_fallback.at(model::style::kBody);
}

Line Typesetter::empty_line(const model::ParagraphStyle& st, Face face) const {
    Line l;
    const double size = st.font_size;
    const double asc = m_measurer.ascent_1000(face);
    const double desc = m_measurer.descent_1000(face);
    const double gap = m_measurer.line_gap_1000(face);
    // Never tighter than single spacing: stacked marks (Ẩ Ỗ Ể) must not touch the line above.
    const double spacing = std::max(1.0, st.line_spacing);
    l.ascent = asc * size / 1000;
    l.descent = desc * size / 1000;
    l.height = spacing * (asc + desc + gap) * size / 1000;
    return l;
}

std::vector<Line> Typesetter::set_text(const std::string& text, const model::ParagraphStyle& st,
                                       const std::string& style_name, double x, double width,
                                       const std::string& where) {
    std::vector<model::Run> runs(1);
    runs[0].text = text;
    return set_paragraph(runs, st, style_name, x, width, where);
}

std::vector<Line> Typesetter::set_paragraph(const std::vector<model::Run>& runs,
                                            const model::ParagraphStyle& st,
                                            const std::string& style_name, double x, double width,
                                            const std::string& where) {
    const double size = st.font_size;
    const Face base_face = font::face_of(st.bold, st.italic);
    std::string text;
    std::vector<Span> spans;
    for (const auto& r : runs) {
        if (r.text.empty()) continue;
        Span s;
        s.begin = text.size();
        text += r.text;
        s.end = text.size();
        s.face = font::face_of(st.bold || r.style.bold, st.italic || r.style.italic);
        s.underline = r.style.underline;
        spans.push_back(s);
    }
    const std::string_view tv(text);
    auto measure = [&](std::size_t b, std::size_t e) {
        double w = 0;
        for (const auto& s : spans) {
            const std::size_t lo = std::max(b, s.begin);
            const std::size_t hi = std::min(e, s.end);
            if (lo < hi) w += m_measurer.width(tv.substr(lo, hi - lo), s.face, size);
        }
        return w;
    };

    std::size_t p0 = 0;
    while (p0 < text.size() && text[p0] == ' ') ++p0;
    if (p0 == text.size()) {
        Line l = empty_line(st, base_face);
        l.x = x + st.left_indent + st.first_line_indent;
        return {l};
    }

    // Boxes between break opportunities.
    std::vector<std::size_t> starts{p0};
    for (std::size_t o : text::break_opportunities(text)) {
        if (o > starts.back() && o < text.size()) starts.push_back(o);
    }
    std::vector<Box> boxes;
    for (std::size_t i = 0; i < starts.size(); ++i) {
        Box b;
        b.begin = starts[i];
        b.end = i + 1 < starts.size() ? starts[i + 1] : text.size();
        b.content_end = b.end;
        while (b.content_end > b.begin && text[b.content_end - 1] == ' ') --b.content_end;
        if (b.content_end == b.begin) {  // only spaces: they belong to the previous box
            if (!boxes.empty()) boxes.back().end = b.end;
            continue;
        }
        boxes.push_back(b);
    }
    for (auto& b : boxes) {
        b.content_w = measure(b.begin, b.content_end);
        b.trail_w = measure(b.content_end, b.end);
    }

    std::vector<std::size_t> graphemes;  // computed only when a box must be split
    const double full = std::max(1.0, width - st.left_indent - st.right_indent);
    const double first_avail = std::max(1.0, full - st.first_line_indent);

    std::vector<std::vector<Box>> line_boxes;
    std::size_t i = 0;
    while (i < boxes.size()) {
        const double avail = line_boxes.empty() ? first_avail : full;
        std::vector<Box> cur;
        double w = 0;
        while (i < boxes.size()) {
            const Box& b = boxes[i];
            const double nw = cur.empty() ? b.content_w : w + cur.back().trail_w + b.content_w;
            if (nw <= avail + kEps) {
                cur.push_back(b);
                w = nw;
                ++i;
                continue;
            }
            // A box wider than a whole line ("số 13/PGDĐT-GDTX" glued, a long ký hiệu) is cut
            // where a reader loses least: at a space inside it, else after a "/" or "-", in
            // the room left on this line; only on an empty line, and only when neither
            // exists, between grapheme clusters, with a warning.
            if (!cur.empty() && b.content_w <= full + kEps) break;
            const double room = cur.empty() ? avail : avail - w - cur.back().trail_w;
            std::size_t cut = b.content_end;   // end of the head's content
            std::size_t resume = b.content_end;  // where the tail starts
            auto try_cuts = [&](const auto& candidates) {
                for (auto [head_end, tail_begin] : candidates) {
                    if (measure(b.begin, head_end) > room + kEps) break;
                    cut = head_end;
                    resume = tail_begin;
                }
                return cut < b.content_end;
            };
            std::vector<std::pair<std::size_t, std::size_t>> at_spaces, after_marks;
            for (std::size_t k = b.begin + 1; k < b.content_end; ++k) {
                if (text[k] == ' ' && text[k - 1] != ' ') {
                    std::size_t t = k;
                    while (t < b.content_end && text[t] == ' ') ++t;
                    at_spaces.emplace_back(k, t);
                } else if ((text[k - 1] == '/' || text[k - 1] == '-') && text[k] != ' ' &&
                           k - 1 > b.begin) {
                    after_marks.emplace_back(k, k);
                }
            }
            bool inside_word = false;
            if (!try_cuts(at_spaces) && !try_cuts(after_marks)) {
                if (!cur.empty()) break;  // no soft cut fits here: start the next line with it
                inside_word = true;
                if (!b.split) {
                    const std::string word = text.substr(b.begin, b.content_end - b.begin);
                    m_warnings.warning({}, where,
                                       "Từ «" + word + "» rộng hơn dòng chữ nên bị ngắt giữa từ",
                                       "the word '" + word +
                                           "' is wider than its line and was broken inside");
                }
                if (graphemes.empty()) graphemes = text::grapheme_boundaries(text);
                std::size_t first_cut = b.content_end;
                for (std::size_t g : graphemes) {
                    if (g <= b.begin || g >= b.content_end) continue;
                    if (first_cut == b.content_end) first_cut = g;
                    if (measure(b.begin, g) <= avail + kEps) {
                        cut = g;
                    } else {
                        break;
                    }
                }
                if (cut == b.content_end) cut = first_cut;  // not even one cluster fits
                resume = cut;
            }
            Box head = b;
            head.content_end = cut;
            head.end = resume;
            head.content_w = measure(b.begin, cut);
            head.trail_w = measure(cut, resume);
            Box tail = b;
            tail.begin = resume;
            tail.content_w = measure(resume, b.content_end);
            tail.split = b.split || inside_word;
            if (cut >= b.content_end) {  // a single cluster: the whole box goes on this line
                cur.push_back(b);
                ++i;
            } else {
                cur.push_back(head);
                boxes[i] = tail;
            }
            break;
        }
        line_boxes.push_back(std::move(cur));
    }

    std::vector<Line> lines;
    for (std::size_t li = 0; li < line_boxes.size(); ++li) {
        const auto& cur = line_boxes[li];
        const bool first = li == 0;
        const bool last = li + 1 == line_boxes.size();
        const double avail = first ? first_avail : full;
        const double x0 = x + st.left_indent + (first ? st.first_line_indent : 0);

        double natural = 0;
        int stretchable = 0;
        for (std::size_t k = 0; k < cur.size(); ++k) {
            natural += cur[k].content_w;
            if (k + 1 < cur.size()) {
                natural += cur[k].trail_w;
                if (cur[k].end > cur[k].content_end) ++stretchable;
            }
        }
        double offset = 0;
        double extra = 0;
        const double slack = std::max(0.0, avail - natural);
        switch (st.align) {
            case model::Align::Left: break;
            case model::Align::Center: offset = slack / 2; break;
            case model::Align::Right: offset = slack; break;
            case model::Align::Justify:
                if (!last && stretchable > 0) extra = slack / stretchable;
                break;
        }

        Line line;
        std::vector<Face> faces;
        double xpos = x0 + offset;
        line.x = xpos;
        for (std::size_t k = 0; k < cur.size(); ++k) {
            const Box& b = cur[k];
            double fx = xpos;
            for (const auto& s : spans) {
                const std::size_t lo = std::max(b.begin, s.begin);
                const std::size_t hi = std::min(b.content_end, s.end);
                if (lo >= hi) continue;
                TextItem t;
                t.x = fx;
                t.face = s.face;
                t.size = size;
                t.underline = s.underline;
                t.text = text.substr(lo, hi - lo);
                t.style = style_name;
                fx += m_measurer.width(t.text, s.face, size);
                if (std::find(faces.begin(), faces.end(), s.face) == faces.end()) {
                    faces.push_back(s.face);
                }
                line.items.push_back(std::move(t));
            }
            xpos += b.content_w;
            if (k + 1 < cur.size()) {
                xpos += b.trail_w;
                if (b.end > b.content_end) xpos += extra;
            }
        }
        line.natural_width = natural + extra * stretchable;

        if (faces.empty()) faces.push_back(base_face);
        double asc = 0, desc = 0, total = 0;
        for (Face f : faces) {
            const double a = m_measurer.ascent_1000(f);
            const double d = m_measurer.descent_1000(f);
            asc = std::max(asc, a);
            desc = std::max(desc, d);
            total = std::max(total, a + d + m_measurer.line_gap_1000(f));
        }
        const double spacing = std::max(1.0, st.line_spacing);
        line.ascent = asc * size / 1000;
        line.descent = desc * size / 1000;
        line.height = spacing * total * size / 1000;
        for (auto& t : line.items) t.y = line.ascent;
        lines.push_back(std::move(line));
    }
    return lines;
}

}  // namespace hoso::layout::detail
