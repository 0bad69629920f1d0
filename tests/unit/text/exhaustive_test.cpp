// Exhaustive and concurrency checks for the text module.
#include <thread>

#include <catch2/catch.hpp>

#include "support.h"
#include "text/text.h"

using namespace hoso::text;

TEST_CASE("to_utf8/to_utf32/find_invalid_utf8 agree for every code point", "[text][utf8]") {
    std::size_t failures = 0;
    for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) {
        const bool surrogate = cp >= 0xD800 && cp <= 0xDFFF;
        const std::string s = to_utf8(std::u32string(1, cp));
        const std::size_t expected_len = surrogate ? 3 : cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        const std::u32string back = to_utf32(s);
        const bool ok = s.size() == expected_len && !find_invalid_utf8(s).has_value() &&
                        back.size() == 1 && back[0] == (surrogate ? char32_t{0xFFFD} : cp);
        if (!ok) ++failures;
    }
    CHECK(failures == 0);
}

TEST_CASE("find_invalid_utf8: all two- and three-byte sequences", "[text][utf8]") {
    // Reference: a naive decoder plus the range rules of RFC 3629.
    std::size_t mismatches = 0;
    for (unsigned b0 = 0xC0; b0 <= 0xDF; ++b0) {
        for (unsigned b1 = 0; b1 <= 0xFF; ++b1) {
            const std::string s{static_cast<char>(b0), static_cast<char>(b1)};
            const unsigned cp = ((b0 & 0x1Fu) << 6) | (b1 & 0x3Fu);
            const bool valid = (b1 & 0xC0u) == 0x80 && cp >= 0x80;
            if (find_invalid_utf8(s).has_value() == valid) ++mismatches;
        }
    }
    for (unsigned b0 = 0xE0; b0 <= 0xEF; ++b0) {
        for (unsigned b1 = 0x00; b1 <= 0xFF; ++b1) {
            for (unsigned b2 = 0x00; b2 <= 0xFF; ++b2) {
                const std::string s{static_cast<char>(b0), static_cast<char>(b1),
                                    static_cast<char>(b2)};
                const unsigned cp = ((b0 & 0x0Fu) << 12) | ((b1 & 0x3Fu) << 6) | (b2 & 0x3Fu);
                const bool valid = (b1 & 0xC0u) == 0x80 && (b2 & 0xC0u) == 0x80 &&
                                   cp >= 0x800 && !(cp >= 0xD800 && cp <= 0xDFFF);
                const auto bad = find_invalid_utf8(s);
                if (bad.has_value() == valid || (bad && *bad != 0)) ++mismatches;
            }
        }
    }
    CHECK(mismatches == 0);
}

TEST_CASE("text functions are safe to call from several threads", "[text][threads]") {
    const std::string para =
        "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ; Điều 1";
    const auto expected_breaks = break_opportunities(para);
    const auto expected_graphemes = grapheme_boundaries(para);
    const std::string expected_words = spell_out(1234);
    std::vector<std::string> names = {"Đinh", "Dung", "Ân", "Anh", "Ăn"};
    std::vector<std::string> expected_sorted = names;
    sort_vi(expected_sorted);

    std::vector<int> ok(4, 0);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < ok.size(); ++t) {
        threads.emplace_back([&, t] {
            bool good = true;
            for (int i = 0; i < 200; ++i) {
                std::vector<std::string> v = names;
                sort_vi(v);
                good = good && break_opportunities(para) == expected_breaks &&
                       grapheme_boundaries(para) == expected_graphemes &&
                       spell_out(1234) == expected_words && v == expected_sorted &&
                       to_upper(para) == to_upper(para);
            }
            ok[t] = good ? 1 : 0;
        });
    }
    for (auto& th : threads) th.join();
    CHECK(ok == std::vector<int>(4, 1));
    CHECK(expected_sorted == std::vector<std::string>{"Anh", "Ăn", "Ân", "Dung", "Đinh"});
}
