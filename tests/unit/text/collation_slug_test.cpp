// Tests for Vietnamese collation and ASCII slugs.
#include <catch2/catch.hpp>

#include "support.h"
#include "text/text.h"

using namespace hoso;
using namespace hoso::text;

namespace {
std::vector<std::string> split(std::string_view s) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < s.size()) {
        const std::size_t j = std::min(s.find(' ', i), s.size());
        if (j > i) out.emplace_back(s.substr(i, j - i));
        i = j + 1;
    }
    return out;
}
}  // namespace

TEST_CASE("Collator: Vietnamese letter order (pdf-docx-notes §4)", "[text][collation]") {
    const std::vector<std::string> expected = split(
        "Anh Ánh Ăn Ân Ba Bà Bả Bã Bá Bạ Chi Cường Dung Dương Đặng Đinh Đỗ Gia Giang Nga Ngô "
        "Nhung On Ôn Ơn Tâm Thanh Trang Ung Ưng Xuân Yến");
    REQUIRE(expected.size() == 32);
    // Start from the reversed list and from a byte-wise order: both must come out right.
    std::vector<std::string> v(expected.rbegin(), expected.rend());
    sort_vi(v);
    CHECK(v == expected);
    std::vector<std::string> w = expected;
    std::sort(w.begin(), w.end());
    REQUIRE(w != expected);
    sort_vi(w);
    CHECK(w == expected);
}

TEST_CASE("Collator: D < Đ, A < Ă < Â, tones ngang < huyền < hỏi < ngã < sắc < nặng",
          "[text][collation]") {
    const Collator c;
    CHECK(c.less("Dung", "Đặng"));
    CHECK(c.less("Dương", "Đinh"));
    CHECK(c.less("Dz", "Đa"));  // Đ is a letter of its own, not an accented D
    CHECK(c.less("an", "ăn"));
    CHECK(c.less("ăn", "ân"));
    CHECK(c.less("u", "ư"));
    CHECK(c.less("o", "ô"));
    CHECK(c.less("ô", "ơ"));
    const std::vector<std::string> tones = {"ma", "mà", "mả", "mã", "má", "mạ"};
    for (std::size_t i = 0; i + 1 < tones.size(); ++i) {
        INFO(tones[i] << " < " << tones[i + 1]);
        CHECK(c.compare(tones[i], tones[i + 1]) < 0);
        CHECK(c.compare(tones[i + 1], tones[i]) > 0);
        CHECK(c.sort_key(tones[i]) < c.sort_key(tones[i + 1]));
    }
    CHECK(c.compare("Việt", "Việt") == 0);
}

TEST_CASE("Collator: NFC and NFD compare equal", "[text][collation]") {
    Collator c;
    const std::string nfd = "Vie\xCC\xA3\xCC\x82t";
    const std::string nfc = "Vi\xE1\xBB\x87t";
    CHECK(c.compare(nfd, nfc) == 0);
    CHECK(c.sort_key(nfd) == c.sort_key(nfc));
    // Moving keeps a working collator.
    Collator moved = std::move(c);
    CHECK(moved.compare("Vie\xCC\xA3\xCC\x82t", "Vi\xE1\xBB\x87t") == 0);
    Collator other;
    other = std::move(moved);
    CHECK(other.less("Dung", "Đặng"));
}

TEST_CASE("sort_vi is stable", "[text][collation]") {
    // NFC and NFD forms of the same name are equal: their input order must be kept.
    const std::string nfd = "Vie\xCC\xA3\xCC\x82t";
    const std::string nfc = "Vi\xE1\xBB\x87t";
    std::vector<std::string> v = {"Xuân", nfd, "An", nfc};
    sort_vi(v);
    CHECK(v == std::vector<std::string>{"An", nfd, nfc, "Xuân"});
    std::vector<std::string> w = {"Xuân", nfc, "An", nfd};
    sort_vi(w);
    CHECK(w == std::vector<std::string>{"An", nfc, nfd, "Xuân"});
    std::vector<std::string> empty;
    sort_vi(empty);
    CHECK(empty.empty());
}

TEST_CASE("ascii_slug: Vietnamese to ASCII", "[text][slug]") {
    CHECK(ascii_slug("Trường Tiểu học Đông Hải") == "truong-tieu-hoc-dong-hai");
    CHECK(ascii_slug("ỦY BAN NHÂN DÂN xã Mường Tè") == "uy-ban-nhan-dan-xa-muong-te");
    CHECK(ascii_slug("Vie\xCC\xA3\xCC\x82t Nam") == "viet-nam");  // NFD input
    CHECK(ascii_slug("Tờ trình số 05/TTr-UBND") == "to-trinh-so-05-ttr-ubnd");
    CHECK(ascii_slug("  --Đơn vị  học tập!!  ") == "don-vi-hoc-tap");
    CHECK(ascii_slug("ăâêôơưđ ĂÂÊÔƠƯĐ") == "aaeooud-aaeooud");
}

TEST_CASE("ascii_slug: never empty and never a path component", "[text][slug]") {
    CHECK(ascii_slug("") == "untitled");
    CHECK(ascii_slug("!!! ???") == "untitled");
    CHECK(ascii_slug("..") == "untitled");
    CHECK(ascii_slug(".") == "untitled");
    CHECK(ascii_slug("../../x") == "x");
    CHECK(ascii_slug("/etc/passwd") == "etc-passwd");
    CHECK(ascii_slug("a\\b") == "a-b");
    CHECK(ascii_slug("bad\xFFutf8") == "bad-utf8");
    CHECK(ascii_slug("中文") == "untitled");
    CHECK(ascii_slug("x", 3) == "x");
    CHECK(ascii_slug("", 3) == "unt");
    CHECK_THROWS_AS(ascii_slug("x", 0), Error);
}

TEST_CASE("ascii_slug: length limit cuts at a word boundary", "[text][slug]") {
    CHECK(ascii_slug("truong tieu hoc", 12) == "truong-tieu");  // cut falls inside "hoc"
    CHECK(ascii_slug("truong tieu hoc", 11) == "truong-tieu");  // exactly at the '-'
    CHECK(ascii_slug("truong tieu hoc", 7) == "truong");        // cut lands on the '-'
    CHECK(ascii_slug("truong tieu hoc", 3) == "tru");           // no boundary: hard cut
    CHECK(ascii_slug("truong tieu hoc", 15) == "truong-tieu-hoc");
    std::string long_name;
    for (int i = 0; i < 50; ++i) long_name += "Trường học ";  // 50 × 11 code points
    REQUIRE(to_utf32(long_name).size() == 550);
    const std::string slug = ascii_slug(long_name);
    CHECK(slug.size() <= 60);
    CHECK(slug.size() >= 50);
    CHECK(slug.rfind("truong-hoc-truong", 0) == 0);
    CHECK(slug.back() != '-');
    CHECK(slug.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") == std::string::npos);
    const std::string no_spaces(500, 'x');
    CHECK(ascii_slug(no_spaces) == std::string(60, 'x'));
    CHECK(ascii_slug(no_spaces, 200).size() == 200);
}
