// How text becomes runs, checked against the straightforward algorithm the renderer used to
// run (kept spaces marked with U+E000, whitespace collapsed run by run, runs of one style
// merged, the trailing space trimmed, U+E000 turned back into spaces, NFC per run): the
// renderer now does it in one pass with fast paths, and must give the same runs.
// Also: the NFC fast path against ICU, and the "loop" variable and list-index paths.
#include "template/expression.h"
#include "template/template.h"

#include <random>
#include <string>
#include <vector>

#include "support.h"
#include "text/text.h"

using namespace hoso;
using tmpl::Template;
using tmpl::Value;

namespace {

constexpr std::string_view kKeptSpace = "\xEE\x80\x80";

struct Piece {
    std::string text;
    bool is_value = false;
};

struct TextNode {
    std::vector<Piece> pieces;
    model::RunStyle style;
};

// The renderer's former algorithm, kept here as the reference.
std::vector<model::Run> reference_runs(const std::vector<TextNode>& nodes) {
    std::vector<model::Run> runs;
    for (const auto& n : nodes) {
        std::string s;
        for (const auto& p : n.pieces) {
            if (!p.is_value) {
                s += p.text;
                continue;
            }
            for (char c : p.text) {
                if (c == ' ') s += kKeptSpace;
                else s += c;
            }
        }
        if (!s.empty()) runs.push_back({s, n.style});
    }
    std::vector<model::Run> out;
    bool last_space = true;
    for (auto& r : runs) {
        std::string t;
        for (char c : r.text) {
            const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
            if (space) {
                if (!last_space) t += ' ';
                last_space = true;
            } else if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) {
                t += c;
                last_space = false;
            }
        }
        if (t.empty()) continue;
        if (!out.empty() && out.back().style == r.style) {
            out.back().text += t;
        } else {
            out.push_back({std::move(t), r.style});
        }
    }
    while (!out.empty()) {
        auto& t = out.back().text;
        while (!t.empty() && t.back() == ' ') t.pop_back();
        if (!t.empty()) break;
        out.pop_back();
    }
    for (auto& r : out) {
        std::string t;
        for (std::size_t i = 0; i < r.text.size(); ++i) {
            if (r.text.compare(i, kKeptSpace.size(), kKeptSpace) == 0) {
                t += ' ';
                i += kKeptSpace.size() - 1;
            } else {
                t += r.text[i];
            }
        }
        r.text = text::to_nfc(t);
    }
    return out;
}

std::string random_text(std::mt19937& rng, const std::vector<std::string>& alphabet, std::size_t max_len) {
    std::string s;
    const std::size_t n = rng() % (max_len + 1);
    for (std::size_t i = 0; i < n; ++i) s += alphabet[rng() % alphabet.size()];
    return s;
}

std::string describe(const std::vector<model::Run>& runs) {
    std::string s;
    for (const auto& r : runs) {
        s += "[" + r.text + "|" + (r.style.bold ? "b" : "") + (r.style.italic ? "i" : "") + "]";
    }
    return s;
}

const model::Paragraph& first_paragraph(const model::Document& doc) {
    return std::get<model::Paragraph>(doc.sections.at(0).blocks.at(0));
}

}  // namespace

TEST_CASE("runs match the former algorithm on random wording and values", "[template][runs]") {
    // Wording (in the XML) and values (data): letters, Vietnamese, spaces, tabs, newlines,
    // U+E000/U+E001 (private use), and for values control characters, DEL, a combining
    // accent and U+2126 (both changed by NFC).
    const std::vector<std::string> wording = {"a", "x", "ư", "ệ", " ", " ", "  ", "\n", "\t", "\xE2\x80\x94",
                                              "\xEE\x80\x80", "\xEE\x80\x81", "."};
    const std::vector<std::string> values = {"a",  "b",  "ư",  "ệ",  " ", " ",   "   ", "\t",
                                             "\n", "\x01", "\x7f", "\xEE\x80\x80", "\xEE\x80\x81",
                                             "e\xCC\x81", "\xE2\x84\xA6", "\xE2\x80\xA6", "Đ"};
    std::mt19937 rng(20250205);
    for (int iteration = 0; iteration < 400; ++iteration) {
        std::string w[5], v[4];
        for (auto& s : w) s = random_text(rng, wording, 6);
        for (auto& s : v) s = random_text(rng, values, 6);
        const std::string xml = "<template id=\"t\"><section><p>" + w[0] + "{{ v0 }}" + w[1] + "<b>" + w[2] +
                                "{{ v1 }}</b>" + w[3] + "<i>{{ v2 }}" + w[4] + "</i>{{ v3 }}</p></section></template>";
        Diagnostics d;
        const Template t = Template::compile(xml, "t.xml", d);
        INFO("iteration " << iteration << ": " << xml);
        REQUIRE(t.valid());
        Value data;
        for (int i = 0; i < 4; ++i) data.set("v" + std::to_string(i), v[i]);
        const auto doc = t.render(data, d);
        REQUIRE(d.empty());
        model::RunStyle bold, italic;
        bold.bold = true;
        italic.italic = true;
        const std::vector<TextNode> nodes = {
            {{{w[0], false}, {v[0], true}, {w[1], false}}, {}},
            {{{w[2], false}, {v[1], true}}, bold},
            {{{w[3], false}}, {}},
            {{{v[2], true}, {w[4], false}}, italic},
            {{{v[3], true}}, {}},
        };
        const auto expected = reference_runs(nodes);
        const auto& actual = first_paragraph(doc).runs;
        INFO("values: [" << v[0] << "] [" << v[1] << "] [" << v[2] << "] [" << v[3] << "]");
        CHECK(describe(actual) == describe(expected));
    }
}

TEST_CASE("a text node whose placeholder fails is left out whole, the rest stays", "[template][runs]") {
    const Template t = [] {
        Diagnostics d;
        auto tt = Template::compile(
            "<template id=\"t\"><section><p>X  <b>Y</b> tail {{ nope }} more<i> Z {{ name }}</i></p></section></template>",
            "t.xml", d);
        REQUIRE(tt.valid());
        return tt;
    }();
    Value data;
    data.set("name", " Trường  ");
    Diagnostics d;
    const auto doc = t.render(data, d);
    CHECK(d.has_errors());
    CHECK(d.format().find("t.xml:1") != std::string::npos);
    CHECK(d.format().find("nope") != std::string::npos);
    model::RunStyle bold, italic;
    bold.bold = true;
    italic.italic = true;
    const auto expected = reference_runs({
        {{{"X  ", false}}, {}},
        {{{"Y", false}}, bold},
        {{{" Z ", false}, {" Trường  ", true}}, italic},
    });
    CHECK(describe(first_paragraph(doc).runs) == describe(expected));
}


TEST_CASE("loop reads the innermost loop; outside loops it is a data field like any other", "[template]") {
    Value data;
    data.set("loop", Value(Value::List{Value("dữ liệu")}));
    Value groups;
    for (int g = 1; g <= 2; ++g) {
        Value group;
        group.set("name", "G" + std::to_string(g));
        Value items;
        for (int i = 1; i <= 3; ++i) items.push(Value("i" + std::to_string(i)));
        group.set("items", items);
        groups.push(group);
    }
    data.set("groups", groups);
    Diagnostics d;
    const Template t = Template::compile(R"(<template id="t"><section>
      <p>{{ loop.0 }}</p>
      <for each="g in groups">
        <p for="x in g.items">{{ g.name }}{{ x }} {{ loop.number }}/{{ loop.count }} {{ loop.index }}<if test="loop.first and not loop.last"> first</if><if test="loop.last"> last</if></p>
      </for>
      <p>{{ groups.1.items.2 }} {{ groups.1.name | lower }}</p>
    </section></template>)",
                                         "t.xml", d);
    REQUIRE(t.valid());
    const auto doc = t.render(data, d);
    INFO(d.format());
    REQUIRE(d.empty());
    std::vector<std::string> texts;
    for (const auto& b : doc.sections.at(0).blocks) texts.push_back(std::get<model::Paragraph>(b).plain_text());
    CHECK(texts == std::vector<std::string>{"dữ liệu", "G1i1 1/3 0 first", "G1i2 2/3 1", "G1i3 3/3 2 last",
                                            "G2i1 1/3 0 first", "G2i2 2/3 1", "G2i3 3/3 2 last", "i3 g2"});

    const auto errors = [&](const std::string& body) {
        Diagnostics dd;
        const Template bad = Template::compile("<template id=\"t\"><section>" + body + "</section></template>", "t.xml", dd);
        REQUIRE(bad.valid());
        bad.render(data, dd);
        return dd.format();
    };
    CHECK(errors(R"(<p for="g in groups">{{ loop }}</p>)").find("'loop' is a group of fields") != std::string::npos);
    CHECK(errors(R"(<p for="g in groups">{{ loop.nope }}</p>)").find("no data field 'loop.nope'") != std::string::npos);
    CHECK(errors(R"(<p for="g in groups">{{ loop.number.x }}</p>)").find("no data field 'loop.number.x'") != std::string::npos);
    CHECK(errors(R"(<p>{{ groups.5.name }}</p>)").find("no data field 'groups.5'") != std::string::npos);
    CHECK(errors(R"(<p>{{ groups.0.nope.x }}</p>)").find("no data field 'groups.0.nope'") != std::string::npos);
    CHECK(errors(R"(<p>{{ nothing.x }}</p>)").find("no data field 'nothing'") != std::string::npos);
}
