// The word-at-a-time whitespace check and the memchr-based nesting pre-scan give the same
// answers as plain byte-by-byte versions (written out here as references) on random inputs.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "data/data.h"
#include "support.h"

using namespace hoso;

namespace {

bool ref_is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string ref_collapse(std::string_view s) {
    std::string out;
    bool pending = false;
    for (const char c : s) {
        if (ref_is_space(c)) {
            pending = !out.empty();
            continue;
        }
        if (pending) out += ' ';
        pending = false;
        out += c;
    }
    return out;
}

// The nesting scan as it was written before it used memchr: (ok, line, column of the error).
struct ScanResult {
    bool ok = true;
    int line = 0, column = 0;
};

ScanResult ref_scan(std::string_view b) {
    auto starts = [&](std::size_t i, std::string_view p) { return b.size() - i >= p.size() && b.compare(i, p.size(), p) == 0; };
    auto past = [&](std::size_t from, std::string_view t) {
        const auto p = b.find(t, from);
        return p == std::string_view::npos ? p : p + t.size();
    };
    int depth = 0;
    std::size_t i = 0;
    const std::size_t n = b.size();
    while (i < n) {
        if (b[i] != '<') {
            i = b.find('<', i);
            if (i == std::string_view::npos) break;
        }
        std::size_t next = std::string_view::npos;
        if (starts(i, "<!--")) {
            next = past(i + 4, "-->");
        } else if (starts(i, "<![CDATA[")) {
            next = past(i + 9, "]]>");
        } else if (starts(i, "<?")) {
            next = past(i + 2, "?>");
        } else if (starts(i, "<!")) {
            int brackets = 0;
            std::size_t j = i + 2;
            for (; j < n; ++j) {
                if (b[j] == '[') ++brackets;
                else if (b[j] == ']') --brackets;
                else if (b[j] == '>' && brackets <= 0) break;
            }
            next = j < n ? j + 1 : std::string_view::npos;
        } else if (starts(i, "</")) {
            --depth;
            next = past(i + 2, ">");
        } else {
            char quote = 0;
            std::size_t j = i + 1;
            for (; j < n; ++j) {
                const char c = b[j];
                if (quote != 0) {
                    if (c == quote) quote = 0;
                } else if (c == '"' || c == '\'') {
                    quote = c;
                } else if (c == '>') {
                    break;
                }
            }
            if (j >= n) break;
            if (b[j - 1] != '/' && ++depth > data::kMaxXmlDepth) {
                const auto where = data::locate(b, i, "r.xml");
                return {false, where.line, where.column};
            }
            next = j + 1;
        }
        if (next == std::string_view::npos) break;
        i = next;
    }
    return {};
}

}  // namespace

TEST_CASE("collapse_whitespace agrees with a byte-by-byte version on random text", "[data][robustness]") {
    const std::vector<std::string> pieces = {" ", " ", "  ", "\t", "\n", "\r\n", "a", "bc", "ế", "Đông", "\x01", "xyzxyzx"};
    std::mt19937 rng(20240531);
    for (int round = 0; round < 5000; ++round) {
        std::string s;
        const int count = static_cast<int>(rng() % 24);
        for (int k = 0; k < count; ++k) s += pieces[rng() % pieces.size()];
        INFO("input: '" << s << "'");
        CHECK(data::collapse_whitespace(s) == ref_collapse(s));
    }
    // Two spaces split across the eight-byte words the check reads.
    for (std::size_t at = 0; at < 20; ++at) {
        std::string s(24, 'x');
        s[at + 1] = ' ';
        s[at + 2] = ' ';
        CHECK(data::collapse_whitespace(s) == ref_collapse(s));
    }
}

TEST_CASE("The nesting pre-scan agrees with a byte-by-byte version on random markup", "[data][robustness]") {
    const std::vector<std::string> pieces = {"<a>", "<a>", "<a>", "<a>", "</a>", "<a/>", "<a x='>'>", "<a x=\"/\">",
                                             "<a x=\"", "'", "\"", "<!--", "-->", "<?p?>", "<![CDATA[", "]]>",
                                             "<!D [<x>]>", "t\n", "ế", ">", "<", "/>"};
    std::mt19937 rng(7);
    int refused = 0;
    for (int round = 0; round < 3000; ++round) {
        // Nested close to the limit first, then random markup that may open, close or hide more.
        std::string s;
        const int opened = 50 + static_cast<int>(rng() % 16);
        for (int k = 0; k < opened; ++k) s += (k % 7 == 3) ? "<a\n x='1'>" : "<a>";
        const int count = 5 + static_cast<int>(rng() % 60);
        for (int k = 0; k < count; ++k) s += pieces[rng() % pieces.size()];
        const ScanResult want = ref_scan(s);
        Diagnostics d;
        const bool ok = data::preflight_xml(s, "r.xml", d);
        INFO("input: " << s);
        REQUIRE(ok == want.ok);
        if (!ok) {
            ++refused;
            REQUIRE(d.items().size() == 1);
            CHECK(d.items()[0].where.line == want.line);
            CHECK(d.items()[0].where.column == want.column);
        }
    }
    CHECK(refused > 100);  // both outcomes are exercised
    CHECK(refused < 2900);
}
