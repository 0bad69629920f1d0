// Tests for ND30 dates, vi-VN numbers and spell-out.
#include <climits>

#include <catch2/catch.hpp>

#include "support.h"
#include "text/text.h"

using namespace hoso;
using namespace hoso::text;

TEST_CASE("nd30_date: ND30 Phụ lục I mục II.4.b zero-padding", "[text][date]") {
    CHECK(nd30_date({2025, 2, 5}) == "ngày 05 tháng 02 năm 2025");
    CHECK(nd30_date({2025, 6, 29}) == "ngày 29 tháng 6 năm 2025");
    CHECK(nd30_date({2026, 1, 15}) == "ngày 15 tháng 01 năm 2026");
    CHECK(nd30_date({2024, 12, 10}) == "ngày 10 tháng 12 năm 2024");
    // Day: 9 padded, 10 not.
    CHECK(nd30_date({2024, 5, 9}) == "ngày 09 tháng 5 năm 2024");
    CHECK(nd30_date({2024, 5, 10}) == "ngày 10 tháng 5 năm 2024");
    CHECK(nd30_date({2024, 5, 1}) == "ngày 01 tháng 5 năm 2024");
    // Month: 1 and 2 padded, 3 and later not (10, 11, 12 have two digits anyway).
    CHECK(nd30_date({2024, 2, 20}) == "ngày 20 tháng 02 năm 2024");
    CHECK(nd30_date({2024, 3, 20}) == "ngày 20 tháng 3 năm 2024");
    CHECK(nd30_date({2024, 9, 20}) == "ngày 20 tháng 9 năm 2024");
    CHECK(nd30_date({2024, 11, 20}) == "ngày 20 tháng 11 năm 2024");
    CHECK(is_nfc(nd30_date({2024, 1, 1})));
}

TEST_CASE("nd30_date: blank day or month leaves a five-space gap for handwriting",
          "[text][date]") {
    CHECK(nd30_date({2024, 7, 0}) == "ngày     tháng 7 năm 2024");
    CHECK(nd30_date({2024, 0, 0}) == "ngày     tháng     năm 2024");
    CHECK(nd30_date({2024, 0, 12}) == "ngày 12 tháng     năm 2024");
    CHECK(nd30_date({0, 0, 0}) == "ngày     tháng     năm    ");
    // The gap is exactly 5 spaces between the words.
    const std::string s = nd30_date({2024, 7, 0});
    CHECK(s.find("ngày" + std::string(5, ' ') + "tháng") == 0);
    CHECK(s.find(std::string(6, ' ')) == std::string::npos);
}

TEST_CASE("nd30_date rejects out-of-range fields (caller bug)", "[text][date]") {
    CHECK_THROWS_AS(nd30_date({2024, 13, 1}), Error);
    CHECK_THROWS_AS(nd30_date({2024, 1, 32}), Error);
    CHECK_THROWS_AS(nd30_date({2024, -1, 1}), Error);
    CHECK_THROWS_AS(short_date({2024, 1, -3}), Error);
}

TEST_CASE("nd30_place_date: comma after the place name (ND30)", "[text][date]") {
    CHECK(nd30_place_date("Phong Thổ", {2025, 2, 5}) == "Phong Thổ, ngày 05 tháng 02 năm 2025");
    CHECK(nd30_place_date("Hà Nội", {2023, 12, 11}) == "Hà Nội, ngày 11 tháng 12 năm 2023");
    CHECK(nd30_place_date("Mường Tè", {2024, 7, 0}) == "Mường Tè, ngày     tháng 7 năm 2024");
}

TEST_CASE("short_date: always two-digit day and month", "[text][date]") {
    CHECK(short_date({2025, 2, 5}) == "05/02/2025");
    CHECK(short_date({2024, 10, 25}) == "25/10/2024");
    CHECK(short_date({2019, 6, 14}) == "14/06/2019");
    CHECK(short_date({2024, 7, 0}) == "…/07/2024");
    CHECK(short_date({2024, 0, 0}) == "…/…/2024");
}

TEST_CASE("format_integer: '.' groups thousands", "[text][number]") {
    CHECK(format_integer(0) == "0");
    CHECK(format_integer(7) == "7");
    CHECK(format_integer(999) == "999");
    CHECK(format_integer(1000) == "1.000");
    CHECK(format_integer(12345) == "12.345");
    CHECK(format_integer(123456) == "123.456");
    CHECK(format_integer(1234567) == "1.234.567");
    CHECK(format_integer(-1234) == "-1.234");
    CHECK(format_integer(-999) == "-999");
    CHECK(format_integer(LLONG_MAX) == "9.223.372.036.854.775.807");
    CHECK(format_integer(LLONG_MIN) == "-9.223.372.036.854.775.808");
}

TEST_CASE("format_decimal: ',' decimal separator, rounding, no trailing zeros",
          "[text][number]") {
    CHECK(format_decimal(1234.5, 2) == "1.234,5");
    CHECK(format_decimal(90.0, 1) == "90");
    CHECK(format_decimal(90.04, 1) == "90");
    CHECK(format_decimal(0.5, 0) == "1");   // half away from zero
    CHECK(format_decimal(0.49, 0) == "0");
    CHECK(format_decimal(2.675, 2) == "2,68");  // decimal half-up, not binary 2.67499…
    CHECK(format_decimal(95.55, 1) == "95,6");
    CHECK(format_decimal(95.54, 1) == "95,5");
    CHECK(format_decimal(9.999, 2) == "10");   // carry into the integer part
    CHECK(format_decimal(999.96, 1) == "1.000");
    CHECK(format_decimal(1234567.891, 2) == "1.234.567,89");
    CHECK(format_decimal(-1234.5, 1) == "-1.234,5");
    CHECK(format_decimal(-0.04, 1) == "0");  // no "-0"
    CHECK(format_decimal(0.0, 3) == "0");
    CHECK(format_decimal(1.0 / 3.0, 3) == "0,333");
    CHECK(format_decimal(2.0 / 3.0, 3) == "0,667");
    CHECK(format_decimal(12.5, -1) == "13");  // negative max_decimals behaves as 0
    CHECK(format_decimal(1e15, 0) == "1.000.000.000.000.000");
    CHECK_THROWS_AS(format_decimal(std::numeric_limits<double>::quiet_NaN(), 1), Error);
    CHECK_THROWS_AS(format_decimal(std::numeric_limits<double>::infinity(), 1), Error);
}

TEST_CASE("format_percent: no space before '%'", "[text][number]") {
    CHECK(format_percent(95.5, 1) == "95,5%");
    CHECK(format_percent(100.0, 1) == "100%");
    CHECK(format_percent(80.0, 0) == "80%");
    CHECK(format_percent(66.666, 1) == "66,7%");
    CHECK(format_percent(0.0, 2) == "0%");
}

TEST_CASE("two_digits", "[text][number]") {
    CHECK(two_digits(0) == "00");
    CHECK(two_digits(5) == "05");
    CHECK(two_digits(9) == "09");
    CHECK(two_digits(10) == "10");
    CHECK(two_digits(12) == "12");
    CHECK(two_digits(123) == "123");
    CHECK(two_digits(-5) == "-5");
}

TEST_CASE("spell_out: ICU 72 %spellout-cardinal for vi", "[text][number]") {
    CHECK(spell_out(0) == "không");
    CHECK(spell_out(5) == "năm");
    CHECK(spell_out(10) == "mười");
    CHECK(spell_out(15) == "mười lăm");
    CHECK(spell_out(21) == "hai mươi mốt");
    CHECK(spell_out(24) == "hai mươi tư");
    CHECK(spell_out(105) == "một trăm lẻ năm");
    CHECK(spell_out(125) == "một trăm hai mươi lăm");
    CHECK(spell_out(1000) == "một nghìn");
    CHECK(spell_out(1005) == "một nghìn không trăm lẻ năm");
    CHECK(spell_out(2024) == "hai nghìn không trăm hai mươi tư");
    CHECK(spell_out(1000000) == "một triệu");
    CHECK(spell_out(-5) == "âm năm");
    CHECK(is_nfc(spell_out(1234567)));
}
