#include "core/core.h"

#include <filesystem>

#include "support.h"

using namespace hoso;

TEST_CASE("diagnostics are collected in order and formatted with file:line:column", "[core]") {
    Diagnostics d;
    d.error({"unit.xml", 12, 5}, "unit.name", "Thiếu tên đơn vị", "missing unit name");
    d.warning({"unit.xml", 3, 1}, "", "Văn bản dạng NFD đã được chuẩn hoá", "NFD text normalised");
    REQUIRE(d.items().size() == 2);
    CHECK(d.has_errors());
    CHECK(d.error_count() == 1);
    CHECK(d.format() ==
          "unit.xml:12:5: lỗi: Thiếu tên đơn vị (missing unit name) [unit.name]\n"
          "unit.xml:3:1: cảnh báo: Văn bản dạng NFD đã được chuẩn hoá (NFD text normalised)\n");
}

TEST_CASE("dates parse strictly and count whole months", "[core]") {
    CHECK(parse_date("2025-02-05") == Date{2025, 2, 5});
    CHECK(parse_date("05/02/2025") == Date{2025, 2, 5});
    CHECK_FALSE(parse_date("2025-02-30"));
    CHECK_FALSE(parse_date("2023-02-29"));
    CHECK(parse_date("2024-02-29") == Date{2024, 2, 29});
    CHECK_FALSE(parse_date("2025-2-5"));
    CHECK_FALSE(parse_date("hôm qua"));
    CHECK(to_iso(Date{2025, 2, 5}) == "2025-02-05");
    // TT24 Điều 5.3: the upgrade needs 12 full months since the level-1 decision.
    CHECK(months_between({2024, 1, 31}, {2025, 1, 30}) == 11);
    CHECK(months_between({2024, 1, 31}, {2025, 1, 31}) == 12);
    CHECK(months_between({2024, 3, 15}, {2025, 3, 14}) == 11);
    CHECK(months_between({2024, 3, 15}, {2025, 3, 15}) == 12);
    CHECK(months_between({2025, 3, 15}, {2024, 3, 15}) == -12);
}

TEST_CASE("format_fixed ignores the locale and never prints -0", "[core]") {
    CHECK(format_fixed(1.005, 2) == "1.00");  // binary 1.005 is just below
    CHECK(format_fixed(-0.0001, 2) == "0.00");
    CHECK(format_fixed(12.5, 1) == "12.5");
}

TEST_CASE("write_file_atomic replaces whole files and leaves nothing on failure", "[core]") {
    const auto dir = std::filesystem::temp_directory_path() / "hoso-core-test";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    const auto file = dir / "out.txt";
    write_file_atomic(file, "first");
    write_file_atomic(file, "second");
    CHECK(test::slurp(file) == "second");
    CHECK(std::distance(std::filesystem::directory_iterator(dir), {}) == 1);

    const auto missing_dir = dir / "no" / "such" / "dir" / "x.txt";
    try {
        write_file_atomic(missing_dir, "x");
        FAIL("expected IoError");
    } catch (const IoError& e) {
        CHECK(std::string(e.what()).find("x.txt") != std::string::npos);
    }
    CHECK_THROWS_AS(read_file(dir), IoError);          // a directory
    CHECK_THROWS_AS(read_file(dir / "nope"), IoError);  // missing
    std::filesystem::remove_all(dir);
}
