// Tests for break_opportunities: where a new line may start.
#include <catch2/catch.hpp>

#include "support.h"
#include "text/text.h"

using namespace hoso::text;

namespace {
// The pieces between break opportunities, so expectations read like the text itself.
std::vector<std::string> pieces(std::string_view s) {
    std::vector<std::string> out;
    std::size_t prev = 0;
    for (std::size_t b : break_opportunities(s)) {
        out.emplace_back(s.substr(prev, b - prev));
        prev = b;
    }
    out.emplace_back(s.substr(prev));
    return out;
}
using P = std::vector<std::string>;
}  // namespace

TEST_CASE("break_opportunities: offsets are starts of words after spaces", "[text][break]") {
    CHECK(break_opportunities("").empty());
    CHECK(break_opportunities("word").empty());
    CHECK(break_opportunities("a b") == std::vector<std::size_t>{2});
    CHECK(break_opportunities("a   b") == std::vector<std::size_t>{4});  // several spaces
    // Leading and trailing spaces give no opportunity (0 and size() are never reported).
    CHECK(break_opportunities("  a b  ") == std::vector<std::size_t>{4});
    CHECK(break_opportunities("   ").empty());
    // Multi-byte NFC text: offsets are byte offsets.
    CHECK(break_opportunities("Căn cứ Nghị") == std::vector<std::size_t>{5, 10});  // "cứ" is 4 bytes
    CHECK(pieces("Ủy ban nhân dân huyện Mường Tè") ==
          P{"Ủy ", "ban ", "nhân ", "dân ", "huyện ", "Mường ", "Tè"});
}

TEST_CASE("break_opportunities: never inside a token (ND30 document numbers)", "[text][break]") {
    CHECK(break_opportunities("30/2020/NĐ-CP").empty());
    CHECK(break_opportunities("UBND-GDĐT").empty());
    CHECK(break_opportunities("1.234,5").empty());
    CHECK(pieces("theo Nghị định 30/2020/NĐ-CP của Chính phủ") ==
          P{"theo ", "Nghị ", "định ", "30/2020/NĐ-CP ", "của ", "Chính ", "phủ"});
    // Only U+0020 separates: NBSP and tabs keep words together.
    CHECK(break_opportunities("Điều\xC2\xA0" "1 và").size() == 1);
}

TEST_CASE("break_opportunities: glue words stay with the following number (ND30)",
          "[text][break]") {
    CHECK(pieces("Số: 05/TTr-UBND") == P{"Số: 05/TTr-UBND"});
    CHECK(pieces("Số 05") == P{"Số 05"});
    CHECK(pieces("số 12") == P{"số 12"});
    CHECK(pieces("SỐ: 12") == P{"SỐ: 12"});
    CHECK(pieces("Số: …/QĐ-UBND") == P{"Số: …/QĐ-UBND"});
    CHECK(pieces("theo Điều 1 và khoản 2") == P{"theo ", "Điều 1 ", "và ", "khoản 2"});
    CHECK(pieces("ĐIỀU 3") == P{"ĐIỀU 3"});
    CHECK(pieces("ngày 05 tháng 6 năm 2025") == P{"ngày 05 ", "tháng 6 ", "năm 2025"});
    CHECK(pieces("điểm a khoản 1") == P{"điểm a ", "khoản 1"});
    CHECK(pieces("điểm đ)") == P{"điểm đ)"});
    CHECK(pieces("Mục 3") == P{"Mục 3"});
    CHECK(pieces("Chương II") == P{"Chương II"});
    CHECK(pieces("Phần IV.") == P{"Phần IV."});
    CHECK(pieces("Phụ lục I") == P{"Phụ ", "lục I"});
    CHECK(pieces("đạt mức độ 2") == P{"đạt ", "mức ", "độ 2"});
    CHECK(pieces("Tiêu chí 1") == P{"Tiêu ", "chí 1"});
    CHECK(pieces("Chỉ tiêu 3") == P{"Chỉ ", "tiêu 3"});
    // Headings in capitals (ND30 Phụ lục I: titles of Chương, Mục, Phụ lục are upper case).
    CHECK(pieces("PHỤ LỤC II") == P{"PHỤ ", "LỤC II"});
    CHECK(pieces("CHƯƠNG I") == P{"CHƯƠNG I"});
    CHECK(pieces("NĂM 2025") == P{"NĂM 2025"});
    // The number keeps its trailing punctuation and glue still applies.
    CHECK(pieces("tại Điều 5, khoản 1;") == P{"tại ", "Điều 5, ", "khoản 1;"});
    CHECK(pieces("Phụ: lục I") == P{"Phụ: ", "lục ", "I"});  // a colon splits the pair
}

TEST_CASE("break_opportunities: glue words break normally before other words",
          "[text][break]") {
    CHECK(pieces("Số lượng") == P{"Số ", "lượng"});
    CHECK(pieces("năm học 2024") == P{"năm ", "học ", "2024"});
    CHECK(pieces("ngày làm việc") == P{"ngày ", "làm ", "việc"});
    CHECK(pieces("Điều kiện") == P{"Điều ", "kiện"});
    // "lục", "độ", "chí", "tiêu" glue only after their first word.
    CHECK(pieces("lục 1") == P{"lục ", "1"});
    CHECK(pieces("độ 2") == P{"độ ", "2"});
    CHECK(pieces("ý chí 1") == P{"ý ", "chí ", "1"});
    CHECK(pieces("mục tiêu 3") == P{"mục ", "tiêu ", "3"});
    // A word that merely ends like a glue word does not glue.
    CHECK(pieces("Tuổi 05") == P{"Tuổi ", "05"});
    CHECK(pieces("Sốt 5") == P{"Sốt ", "5"});
    // Lower-case words and several letters are not "single letter / Roman numeral".
    CHECK(pieces("Điều ii") == P{"Điều ", "ii"});
    CHECK(pieces("điểm ab") == P{"điểm ", "ab"});
}

TEST_CASE("break_opportunities: no line starts with lone punctuation", "[text][break]") {
    CHECK(pieces("đạt 95,5 %") == P{"đạt ", "95,5 %"});
    CHECK(pieces("Kết quả : tốt") == P{"Kết ", "quả : ", "tốt"});
    CHECK(pieces("hết ./.") == P{"hết ./."});
    CHECK(pieces("A - B") == P{"A - ", "B"});
    CHECK(pieces("A – B ; C") == P{"A – ", "B ; ", "C"});
    CHECK(pieces("( a )") == P{"( ", "a )"});  // an opening parenthesis may end a line
}
