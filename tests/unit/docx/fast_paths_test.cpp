// The DOCX writer's fast paths give what the straightforward code gives: the one-pass text
// check (plain_prefix) against per-code-point cleaning, the edit-list rewrite of
// keep_unbreakable against the per-byte original, the width that stops measuring at a
// limit, and the per-process cache of compressed shared parts (hit, miss and a full cache
// give the same bytes, from one thread or several).

#include <algorithm>
#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "docx/detail/breaks.h"
#include "docx/detail/metrics.h"
#include "docx/detail/parts.h"
#include "docx/detail/text.h"
#include "docx/docx.h"
#include "fixtures.h"
#include "support.h"
#include "text/text.h"
#include "zip_util.h"

namespace {

using namespace hoso;
using namespace hoso::docx::detail;
namespace fx = hoso::test::docx_fixtures;

// Deterministic pseudo-random choices (the raw mt19937 sequence is fixed by the standard).
struct Dice {
    std::mt19937 engine{20240611u};
    std::size_t operator()(std::size_t n) { return static_cast<std::size_t>(engine() % n); }
};

// ---------------------------------------------------------------------------------------
// Text cleaning

// The cleaning as first written: decode every code point, keep what XML allows.
std::string reference_clean_attribute(std::string_view s) {
    std::string out;
    for_each_code_point(s, [&](char32_t cp) {
        if (!xml_allowed(cp)) return;
        if (cp == 0x09 || cp == 0x0A || cp == 0x0D) cp = U' ';
        append_utf8(out, cp);
    });
    return out;
}

// Byte sequences that are interesting to the checks: plain ASCII and Vietnamese, controls,
// DEL, C1 controls, U+FFFD, U+FFFE/U+FFFF, surrogates, overlong forms, truncated and stray
// continuation bytes, code points past U+10FFFF, 4-byte characters.
const std::vector<std::string>& pieces_of_text() {
    static const std::vector<std::string> pieces = {
        "a", "Z", " ", "  ", "-", "/", "&", "<", ">", "\"", "'", "0123456789", "abcdefghijklmnop",
        "Ủy ban", "Đơn vị học tập", "ệ", "ữ", "\xC2\xA0", "\xE2\x81\xA0", "\xC2\x85",  // NBSP, WJ, U+0085
        "\t", "\n", "\r", std::string(1, '\0'), "\x01", "\x1F", "\x7F",
        "\xEF\xBF\xBD", "\xEF\xBF\xBE", "\xEF\xBF\xBF",  // U+FFFD, U+FFFE, U+FFFF
        "\xED\xA0\x80", "\xED\xBF\xBF",                   // surrogates
        "\xC0\xAF", "\xC1\xBF", "\xE0\x80\xAF", "\xF0\x80\x80\xAF",  // overlong
        "\xC3", "\xE1\xBB", "\xF0\x9F\x98", "\x80", "\xBF", "\xFF", "\xFE",  // truncated / stray
        "\xF4\x90\x80\x80", "\xF5\x80\x80\x80",          // past U+10FFFF
        "\xF0\x9F\x98\x80", "\xF4\x8F\xBF\xBF",          // U+1F600, U+10FFFF
    };
    return pieces;
}

TEST_CASE("docx text: plain_prefix and clean_attribute agree with per-code-point cleaning") {
    Dice dice;
    const auto& pieces = pieces_of_text();
    for (int round = 0; round < 20000; ++round) {
        std::string s;
        const std::size_t n = dice(12);
        for (std::size_t k = 0; k < n; ++k) s += pieces[dice(pieces.size())];
        INFO("round " << round);
        const std::string expected = reference_clean_attribute(s);
        REQUIRE(clean_attribute(s) == expected);
        REQUIRE(is_plain(s) == (expected == s));
        const std::size_t p = plain_prefix(s);
        REQUIRE(p <= s.size());
        REQUIRE(reference_clean_attribute(std::string_view(s).substr(0, p)) == s.substr(0, p));
    }
    // Long ASCII stretches go eight bytes at a time; a bad byte anywhere among them is found.
    const std::string ascii(64, 'x');
    CHECK(plain_prefix(ascii) == 64);
    for (std::size_t at = 0; at < 64; ++at) {
        for (const char bad : {'\x01', '\x1F', '\x7F', '\x80', '\xFF', '\t', '\0'}) {
            std::string s = ascii;
            s[at] = bad;
            INFO("at " << at << " byte " << static_cast<int>(static_cast<unsigned char>(bad)));
            CHECK(plain_prefix(s) == at);
        }
    }
}

// ---------------------------------------------------------------------------------------
// keep_unbreakable

// The rewrite as first written: decisions per byte of the whole text, then every piece
// copied code point by code point.
std::size_t reference_sequence_length(unsigned char b) {
    if (b < 0x80) return 1;
    if ((b & 0xE0) == 0xC0) return 2;
    if ((b & 0xF0) == 0xE0) return 3;
    return 4;
}

bool reference_breaks_after(std::string_view ch) {
    static const std::string_view kMarks[] = {
        "-", "/", "\\", "\xE2\x80\x90", "\xE2\x80\x91", "\xE2\x80\x92", "\xE2\x80\x93", "\xE2\x80\x94",
    };
    return std::find(std::begin(kMarks), std::end(kMarks), ch) != std::end(kMarks);
}

void reference_keep_unbreakable(std::vector<std::string>& pieces) {
    std::string all;
    for (const auto& p : pieces) all += p;
    if (all.empty()) return;
    const std::vector<std::size_t> allowed = text::break_opportunities(all);
    std::vector<char> nbsp(all.size(), 0), joiner(all.size(), 0);
    bool seen_token = false;
    for (std::size_t i = 0; i < all.size();) {
        const std::size_t len =
            std::min(reference_sequence_length(static_cast<unsigned char>(all[i])), all.size() - i);
        if (all[i] == ' ') {
            std::size_t j = i;
            while (j < all.size() && all[j] == ' ') ++j;
            if (seen_token && j < all.size() && !std::binary_search(allowed.begin(), allowed.end(), j)) {
                for (std::size_t k = i; k < j; ++k) nbsp[k] = 1;
            }
            i = j;
            continue;
        }
        seen_token = true;
        const std::size_t next = i + len;
        if (next < all.size() && all[next] != ' ' && reference_breaks_after(std::string_view(all).substr(i, len))) {
            joiner[i] = 1;
        }
        i = next;
    }
    std::size_t offset = 0;
    for (auto& p : pieces) {
        std::string out;
        for (std::size_t i = 0; i < p.size();) {
            const std::size_t len = std::min(reference_sequence_length(static_cast<unsigned char>(p[i])), p.size() - i);
            const std::size_t g = offset + i;
            if (nbsp[g]) {
                out += kNoBreakSpace;
            } else {
                out.append(p, i, len);
                if (joiner[g]) out += kWordJoiner;
            }
            i += len;
        }
        offset += p.size();
        p = std::move(out);
    }
}

TEST_CASE("docx breaks: the edit-list rewrite equals the per-byte rewrite, runs split anywhere") {
    static const std::vector<std::string> tokens = {
        "Số:", "số", "05/TTr-UBND", "25/2023/TT-BGDĐT", "ngày", "28", "tháng", "12", "năm", "2023;", "Điều", "1.",
        "-", "–", "—", "./.", "Phụ", "lục", "I", "mức", "độ", "2", "x-y", "a/b\\c", "2021", "–2030", "đạt", "Chỉ",
        "tiêu", "3", "\xE2\x80\x90", "Ủy", "ban", "nhân", "dân", "“Đơn", "vị", "học", "tập”", "45/48", "=", "93,75%",
    };
    Dice dice;
    for (int round = 0; round < 3000; ++round) {
        // A text of tokens and runs of spaces (edges included), cut into 1-5 pieces at code
        // point boundaries (runs of a paragraph), some of them empty.
        std::string text;
        const std::size_t n = 1 + dice(14);
        if (dice(4) == 0) text += std::string(1 + dice(2), ' ');
        for (std::size_t k = 0; k < n; ++k) {
            if (k > 0) text += std::string(1 + (dice(5) == 0 ? dice(3) : 0), ' ');
            text += tokens[dice(tokens.size())];
        }
        if (dice(4) == 0) text += std::string(1 + dice(2), ' ');
        std::vector<std::size_t> boundaries;
        for (std::size_t i = 0; i < text.size();) {
            boundaries.push_back(i);
            i += reference_sequence_length(static_cast<unsigned char>(text[i]));
        }
        std::vector<std::size_t> cuts;
        const std::size_t ncuts = dice(5);
        for (std::size_t k = 0; k < ncuts; ++k) cuts.push_back(boundaries[dice(boundaries.size())]);
        std::sort(cuts.begin(), cuts.end());
        std::vector<std::string> pieces;
        std::size_t from = 0;
        for (std::size_t cut : cuts) {
            pieces.push_back(text.substr(from, cut - from));
            from = cut;
        }
        pieces.push_back(text.substr(from));

        std::vector<std::string> expected = pieces, actual = pieces;
        reference_keep_unbreakable(expected);
        keep_unbreakable(actual);
        INFO("round " << round << ": \"" << text << "\" in " << pieces.size() << " pieces");
        REQUIRE(actual == expected);
    }
}

// ---------------------------------------------------------------------------------------
// Widths

TEST_CASE("docx metrics: text_width_until is text_width up to the limit and more than the limit beyond") {
    Dice dice;
    const auto& pieces = pieces_of_text();
    for (int round = 0; round < 5000; ++round) {
        std::string s;
        const std::size_t n = dice(40);
        for (std::size_t k = 0; k < n; ++k) s += pieces[dice(pieces.size())];
        const double size = 10.0 + static_cast<double>(dice(9));
        const bool bold = dice(2) == 1, italic = dice(2) == 1;
        const double full = text_width(s, size, bold, italic);
        const double limit = full * static_cast<double>(dice(25)) / 20.0 - 1.0;  // below and above
        const double until = text_width_until(s, size, bold, italic, limit);
        INFO("round " << round << " full " << full << " limit " << limit << " until " << until);
        if (full <= limit) {
            REQUIRE(until == full);
        } else {
            REQUIRE(until > limit);
            REQUIRE(until <= full);
        }
    }
    // The exact edge: a limit equal to the width is not passed.
    const double w = text_width("Ủy ban nhân dân", 13, true, false);
    CHECK(text_width_until("Ủy ban nhân dân", 13, true, false, w) == w);
}

TEST_CASE("docx metrics: text_width is the sum of advance_1000 over the code points (ASCII and U+1EA0-U+1EF9 in line)") {
    // Every Vietnamese letter with two marks and its neighbours, truncated and broken
    // sequences of the same lead bytes, and the pieces above, in random strings.
    std::vector<std::string> pieces = pieces_of_text();
    for (char32_t cp = 0x1E90; cp <= 0x1F05; ++cp) {
        std::string one;
        append_utf8(one, cp);
        pieces.push_back(one);
    }
    for (const char* broken : {"\xE1", "\xE1\xBA", "\xE1\xBB", "\xE1\xBA\x41", "\xE1\xBB\xC3", "\xE1\xBC\xA0"}) {
        pieces.emplace_back(broken);
    }
    Dice dice;
    for (int round = 0; round < 5000; ++round) {
        std::string s;
        const std::size_t n = dice(30);
        for (std::size_t k = 0; k < n; ++k) s += pieces[dice(pieces.size())];
        const bool bold = dice(2) == 1, italic = dice(2) == 1;
        long units = 0;
        for_each_code_point(s, [&](char32_t cp) { units += advance_1000(cp, bold, italic); });
        INFO("round " << round);
        REQUIRE(text_width(s, 10.0, bold, italic) == static_cast<double>(units) * 10.0 / 1000.0);
    }
}

// ---------------------------------------------------------------------------------------
// Shared parts

TEST_CASE("docx shared parts: the key changes with every input the shared parts are made of") {
    const model::Document doc = fx::to_trinh();
    const docx::DocxOptions options;
    const std::string base = shared_key(shared_inputs(doc, options));
    CHECK(shared_key(shared_inputs(fx::to_trinh(), docx::DocxOptions{})) == base);

    std::vector<std::string> keys;
    auto key_with = [&](auto change) {
        model::Document d = fx::to_trinh();
        docx::DocxOptions o;
        change(d, o);
        keys.push_back(shared_key(shared_inputs(d, o)));
    };
    using D = model::Document;
    using O = docx::DocxOptions;
    auto body = [](D& d) -> model::ParagraphStyle& { return d.styles.at(model::style::kBody); };
    key_with([](D&, O& o) { o.font_name = "Liberation Serif"; });
    key_with([](D&, O& o) { o.application = "hoso test"; });
    key_with([](D& d, O&) { d.meta.language = "en-US"; });
    key_with([](D& d, O&) { d.styles.erase(model::style::kPageNumber); });
    key_with([](D& d, O&) { d.styles["extra"] = model::ParagraphStyle{}; });
    key_with([&](D& d, O&) { body(d).font_size += 0.5; });
    key_with([&](D& d, O&) { body(d).bold = !body(d).bold; });
    key_with([&](D& d, O&) { body(d).italic = !body(d).italic; });
    key_with([&](D& d, O&) { body(d).align = model::Align::Center; });
    key_with([&](D& d, O&) { body(d).first_line_indent += 1; });
    key_with([&](D& d, O&) { body(d).left_indent += 1; });
    key_with([&](D& d, O&) { body(d).right_indent += 1; });
    key_with([&](D& d, O&) { body(d).space_before += 1; });
    key_with([&](D& d, O&) { body(d).space_after += 1; });
    key_with([&](D& d, O&) { body(d).line_spacing += 0.1; });
    key_with([&](D& d, O&) { body(d).keep_with_next = !body(d).keep_with_next; });
    key_with([&](D& d, O&) { body(d).keep_together = !body(d).keep_together; });
    for (std::size_t i = 0; i < keys.size(); ++i) {
        INFO("change #" << i + 1);
        CHECK(keys[i] != base);
        for (std::size_t j = 0; j < i; ++j) CHECK(keys[i] != keys[j]);
    }
    // The per-document parts are not in the key: other text, same key.
    model::Document other = fx::to_trinh();
    other.meta.title = "Tờ trình khác";
    other.sections[0].blocks.pop_back();
    CHECK(shared_key(shared_inputs(other, options)) == base);
}

// The package unzips (CRC checked) to docx_parts, in name order.
void check_package(const model::Document& doc, const docx::DocxOptions& options, const std::string& bytes) {
    test::check_unzips_to(bytes, docx::docx_parts(doc, options));
}

TEST_CASE("docx shared parts: first use (compressed now) and later uses (from the cache) give the same bytes") {
    // Options no other test uses: the first write_docx finds nothing in the cache.
    docx::DocxOptions options;
    options.application = "hoso fast-paths test (first use)";
    const model::Document doc = fx::danh_sach();
    const std::string first = docx::write_docx(doc, options);
    const std::string second = docx::write_docx(doc, options);
    CHECK(first == second);
    check_package(doc, options, first);
    // Another document from the same "template" reuses the same shared parts.
    model::Document other = fx::danh_sach();
    other.meta.title = "Danh sách khác";
    check_package(other, options, docx::write_docx(other, options));
}

TEST_CASE("docx shared parts: threads writing at once get the same bytes as one thread") {
    docx::DocxOptions options;
    options.application = "hoso fast-paths test (threads)";
    const model::Document doc = fx::with_appendix();
    std::vector<std::string> results(4);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < results.size(); ++t) {
        threads.emplace_back([&, t] { results[t] = docx::write_docx(doc, options); });
    }
    for (auto& th : threads) th.join();
    for (const auto& r : results) CHECK(r == results.front());
    check_package(doc, options, results.front());
}

TEST_CASE("docx shared parts: past the cache's capacity the parts are compressed each time, to the same bytes") {
    // More distinct option sets than the cache holds (64): the later ones are not cached.
    const model::Document doc = fx::cong_van();
    std::string last;
    docx::DocxOptions options;
    for (int i = 0; i < 80; ++i) {
        options.application = "hoso fast-paths test (capacity) " + std::to_string(i);
        last = docx::write_docx(doc, options);
    }
    CHECK(docx::write_docx(doc, options) == last);
    check_package(doc, options, last);
    // Options cached before the cache filled up still give what they gave.
    docx::DocxOptions early;
    early.application = "hoso fast-paths test (capacity) 0";
    const std::string again = docx::write_docx(doc, early);
    check_package(doc, early, again);
}

}  // namespace
