// Tests for UTF-8 validation, NFC, UTF-32, case mapping and grapheme clusters.
#include <catch2/catch.hpp>

#include "support.h"
#include "text/text.h"

using namespace hoso;
using namespace hoso::text;

namespace {
// "Việt" in NFD: V i e U+0323 (dot below) U+0302 (circumflex) t
const std::string kVietNfd = "Vie\xCC\xA3\xCC\x82t";
const std::string kVietNfc = "Vi\xE1\xBB\x87t";  // U+1EC7
}  // namespace

TEST_CASE("find_invalid_utf8 accepts valid text", "[text][utf8]") {
    CHECK_FALSE(find_invalid_utf8("").has_value());
    CHECK_FALSE(find_invalid_utf8("plain ASCII").has_value());
    CHECK_FALSE(find_invalid_utf8("Ủy ban nhân dân huyện Mường Tè").has_value());
    CHECK_FALSE(find_invalid_utf8(kVietNfd).has_value());
    CHECK_FALSE(find_invalid_utf8("\xC2\x80").has_value());          // U+0080, smallest 2-byte
    CHECK_FALSE(find_invalid_utf8("\xE0\xA0\x80").has_value());      // U+0800, smallest 3-byte
    CHECK_FALSE(find_invalid_utf8("\xED\x9F\xBF").has_value());      // U+D7FF, before surrogates
    CHECK_FALSE(find_invalid_utf8("\xEE\x80\x80").has_value());      // U+E000, after surrogates
    CHECK_FALSE(find_invalid_utf8("\xF0\x90\x80\x80").has_value());  // U+10000
    CHECK_FALSE(find_invalid_utf8("\xF4\x8F\xBF\xBF").has_value());  // U+10FFFF
    CHECK_FALSE(find_invalid_utf8(std::string("a\0b", 3)).has_value());
}

TEST_CASE("find_invalid_utf8 reports the offset of the first bad sequence", "[text][utf8]") {
    CHECK(find_invalid_utf8("\x80") == 0u);                  // stray continuation byte
    CHECK(find_invalid_utf8("ab\xC0\xAF") == 2u);            // overlong '/'
    CHECK(find_invalid_utf8("\xC1\xBF") == 0u);              // overlong
    CHECK(find_invalid_utf8("x\xE0\x80\xAF") == 1u);         // overlong 3-byte
    CHECK(find_invalid_utf8("\xF0\x80\x80\xAF") == 0u);      // overlong 4-byte
    CHECK(find_invalid_utf8("ok\xED\xA0\x80") == 2u);        // U+D800 surrogate
    CHECK(find_invalid_utf8("\xED\xBF\xBF") == 0u);          // U+DFFF surrogate
    CHECK(find_invalid_utf8("\xF4\x90\x80\x80") == 0u);      // U+110000
    CHECK(find_invalid_utf8("\xF5\x80\x80\x80") == 0u);      // F5 lead byte
    CHECK(find_invalid_utf8("\xFF") == 0u);
    // Past the eight-bytes-at-a-time ASCII scan: a bad byte at every offset 0..20.
    for (std::size_t at = 0; at <= 20; ++at) {
        std::string s(24, 'a');
        s[at] = '\xFF';
        CHECK(find_invalid_utf8(s) == at);
        CHECK_FALSE(is_nfc(s));
    }
    CHECK(find_invalid_utf8("Vi\xE1\xBB") == 2u);            // truncated at end
    CHECK(find_invalid_utf8("Vi\xE1\xBB" "t") == 2u);        // truncated before ASCII
    CHECK(find_invalid_utf8("\xF0\x9F\x98") == 0u);          // truncated 4-byte
    CHECK(find_invalid_utf8("đúng\xC3") == 6u);
}

TEST_CASE("to_nfc composes NFD input and throws on invalid UTF-8", "[text][nfc]") {
    CHECK(to_nfc(kVietNfd) == kVietNfc);
    CHECK(to_nfc(kVietNfc) == kVietNfc);
    CHECK(to_nfc("ASCII only") == "ASCII only");
    CHECK(to_nfc("") == "");
    // e + circumflex + acute → ế (U+1EBF)
    CHECK(to_nfc("e\xCC\x82\xCC\x81") == "\xE1\xBA\xBF");
    CHECK_THROWS_AS(to_nfc("bad\xFF"), Error);
    CHECK_THROWS_AS(to_nfc("\xED\xA0\x80"), Error);
}

TEST_CASE("is_nfc", "[text][nfc]") {
    CHECK(is_nfc(""));
    CHECK(is_nfc("abc"));
    CHECK(is_nfc(kVietNfc));
    CHECK_FALSE(is_nfc(kVietNfd));
    CHECK_FALSE(is_nfc("\xFF"));
}

TEST_CASE("to_utf32 and to_utf8 round-trip", "[text][utf8]") {
    const std::string s = "Đơn vị học tập 😀";
    const std::u32string u = to_utf32(s);
    REQUIRE(u.size() == 16);
    CHECK(u[0] == U'\u0110');
    CHECK(u[1] == U'\u01A1');
    CHECK(u.back() == U'\U0001F600');
    CHECK(to_utf8(u) == s);
    CHECK(to_utf32("").empty());
    CHECK(to_utf8(U"") == "");
    // Code points that cannot be encoded become U+FFFD.
    CHECK(to_utf8(std::u32string(1, char32_t{0xD800})) == "\xEF\xBF\xBD");
    CHECK(to_utf8(std::u32string(1, char32_t{0x110000})) == "\xEF\xBF\xBD");
}

TEST_CASE("to_upper / to_lower with locale vi", "[text][case]") {
    CHECK(to_upper("đ") == "Đ");
    CHECK(to_upper("ư") == "Ư");
    CHECK(to_upper("ủy ban nhân dân") == "ỦY BAN NHÂN DÂN");
    CHECK(to_upper("đơn vị học tập: ỷ ữ ặ ơ ư ỹ") == "ĐƠN VỊ HỌC TẬP: Ỷ Ữ Ặ Ơ Ư Ỹ");
    CHECK(to_upper("abc-xyz 123") == "ABC-XYZ 123");
    CHECK(to_lower("ỦY BAN NHÂN DÂN") == "ủy ban nhân dân");
    CHECK(to_lower("ĐƠN VỊ") == "đơn vị");
    CHECK(to_lower("ABC-XYZ") == "abc-xyz");
    // NFD input still gives NFC output.
    CHECK(to_upper(kVietNfd) == "VI\xE1\xBB\x86T");  // VIỆT, U+1EC6
    CHECK(is_nfc(to_upper(kVietNfd)));
    CHECK(to_lower(to_upper("cộng đồng học tập")) == "cộng đồng học tập");
}

TEST_CASE("grapheme_boundaries: boundaries strictly inside the string", "[text][grapheme]") {
    CHECK(grapheme_boundaries("").empty());
    CHECK(grapheme_boundaries("a").empty());
    CHECK(grapheme_boundaries("abc") == std::vector<std::size_t>{1, 2});
    CHECK(grapheme_boundaries("a\r\nb") == std::vector<std::size_t>{1, 3});
    // "Việt" NFC: V(1) i(1) ệ(3) t(1)
    CHECK(grapheme_boundaries(kVietNfc) == std::vector<std::size_t>{1, 2, 5});
    // NFD: e + two combining marks form one cluster of 5 bytes.
    CHECK(grapheme_boundaries(kVietNfd) == std::vector<std::size_t>{1, 2, 7});
    CHECK(grapheme_boundaries("đ😀a") == std::vector<std::size_t>{2, 6});
}

TEST_CASE("is_nfc: the precomposed fast path agrees with ICU's normalisation", "[text][nfc]") {
    // is_nfc answers text made only of U+0000–U+02FF, U+1E00–U+1EFF and U+2010–U+2027
    // without ICU; to_nfc always asks ICU, so `to_nfc(s) == s` is the reference.
    std::vector<std::string> fast;
    const auto add_range = [&](char32_t from, char32_t to) {
        for (char32_t c = from; c <= to; ++c) fast.push_back(to_utf8(std::u32string(1, c)));
    };
    add_range(0x20, 0x2FF);
    add_range(0x1E00, 0x1EFF);
    add_range(0x2010, 0x2027);
    for (const auto& c : fast) {
        INFO("U+" << std::hex << static_cast<unsigned>(to_utf32(c)[0]));
        REQUIRE(is_nfc(c));
        REQUIRE(to_nfc(c) == c);
    }
    // No character of these ranges changes under NFC after any other of them.
    for (const auto& second : fast) {
        std::string pairs;
        for (const auto& first : fast) pairs += first + second;
        INFO("U+" << std::hex << static_cast<unsigned>(to_utf32(second)[0]) << " after every other");
        REQUIRE(is_nfc(pairs));
        REQUIRE(to_nfc(pairs) == pairs);
    }
    CHECK(is_nfc("Trường Tiểu học Đông Hải — “tự đánh giá”…"));
    // Outside the fast path ICU decides, and invalid UTF-8 is never NFC.
    CHECK_FALSE(is_nfc("e\xCC\x81"));     // combining acute after e
    CHECK(is_nfc("\xCC\x81"));            // a lone combining mark is NFC
    CHECK_FALSE(is_nfc("\xE2\x80\x80"));  // U+2000 becomes U+2002
    CHECK_FALSE(is_nfc("\xE2\x84\xA6"));  // U+2126 OHM SIGN becomes U+03A9
    CHECK(is_nfc("\xEE\x80\x80"));        // U+E000
    for (const char* bad : {"\xC3", "\xC0\x80", "\xE1\xBA", "\xE1\xBA\x41", "\xC3\x28"}) CHECK_FALSE(is_nfc(bad));
}
