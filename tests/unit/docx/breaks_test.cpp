// The DOCX breaks lines where hoso's layout does (text::break_opportunities): spaces where
// layout may not break become U+00A0, hyphens and slashes inside a word get U+2060.

#include <catch2/catch.hpp>

#include "docx/detail/breaks.h"

namespace {

using hoso::docx::detail::keep_unbreakable;

const std::string NB = "\xC2\xA0";       // U+00A0
const std::string WJ = "\xE2\x81\xA0";   // U+2060

std::string one(const std::string& s) {
    std::vector<std::string> v{s};
    keep_unbreakable(v);
    return v.front();
}

TEST_CASE("docx breaks: no break inside document numbers (ND30 Phụ lục I II.3) or after a glue word") {
    CHECK(one("Căn cứ Thông tư số 25/2023/TT-BGDĐT ngày 28 tháng 12 năm 2023;") ==
          "Căn cứ Thông tư số" + NB + "25/" + WJ + "2023/" + WJ + "TT-" + WJ + "BGDĐT ngày" + NB + "28 tháng" + NB +
              "12 năm" + NB + "2023;");
    CHECK(one("Số: 05/TTr-UBND") == "Số:" + NB + "05/" + WJ + "TTr-" + WJ + "UBND");
    CHECK(one("Điều 1. Công nhận") == "Điều" + NB + "1. Công nhận");
}

TEST_CASE("docx breaks: no break before a lone dash or the closing ./.") {
    CHECK(one("Độc lập - Tự do - Hạnh phúc") == "Độc lập" + NB + "- Tự do" + NB + "- Hạnh phúc");
    CHECK(one("hiệu quả ./.") == "hiệu quả" + NB + "./" + WJ + ".");
}

TEST_CASE("docx breaks: ordinary spaces, edge spaces and spaced dashes are left alone") {
    CHECK(one("Ủy ban nhân dân xã") == "Ủy ban nhân dân xã");
    CHECK(one(" đầu và cuối ") == " đầu và cuối ");
    CHECK(one("2021 - 2030") == "2021" + NB + "- 2030");
    CHECK(one("a-") == "a-");  // nothing follows the hyphen
    CHECK(one("").empty());
}

TEST_CASE("docx breaks: a paragraph is judged as a whole across its runs") {
    std::vector<std::string> runs{"xã đạt mức độ", " 2", " với 5/5 tiêu chí"};
    keep_unbreakable(runs);
    CHECK(runs[0] == "xã đạt mức độ");
    CHECK(runs[1] == NB + "2");
    CHECK(runs[2] == " với 5/" + WJ + "5 tiêu chí");
}

}  // namespace
