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
    // Deferred: no flush per file, the same file and no temporary left; then one flush.
    write_file_atomic(file, "third", Durability::Deferred);
    CHECK(test::slurp(file) == "third");
    CHECK(std::distance(std::filesystem::directory_iterator(dir), {}) == 1);
    CHECK_NOTHROW(sync_filesystem(dir));
    CHECK_THROWS_AS(sync_filesystem(dir / "nope"), IoError);

    const auto missing_dir = dir / "no" / "such" / "dir" / "x.txt";
    try {
        write_file_atomic(missing_dir, "x");
        FAIL("expected IoError");
    } catch (const IoError& e) {
        CHECK(std::string(e.what()).find("x.txt") != std::string::npos);
    }
    // Whole files of every size around the read buffer, the limit, and a non-regular file.
    for (const std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{65535}, std::size_t{65536},
                                std::size_t{65537}, std::size_t{200000}}) {
        std::string bytes(n, 'x');
        for (std::size_t i = 0; i < n; i += 997) bytes[i] = static_cast<char>('a' + i % 26);
        write_file_atomic(dir / "sized.bin", bytes);
        CHECK(read_file(dir / "sized.bin") == bytes);
    }
    CHECK(read_file(dir / "sized.bin", 200000).size() == 200000);
    CHECK_THROWS_AS(read_file(dir / "sized.bin", 199999), IoError);
    CHECK(read_file("/dev/null").empty());
    CHECK_THROWS_AS(read_file(dir), IoError);          // a directory
    CHECK_THROWS_AS(read_file(dir / "nope"), IoError);  // missing
    CHECK_THROWS_WITH(read_file(dir), Catch::Contains("is a directory"));
    CHECK_THROWS_WITH(read_file(dir / "nope"), Catch::Contains("file not found"));
    CHECK_THROWS_WITH(read_file(dir / "nope" / "deeper"), Catch::Contains("file not found"));
    CHECK_THROWS_WITH(read_file(dir / "sized.bin" / "x"), Catch::Contains("file not found"));  // a file as a folder
    std::filesystem::remove_all(dir);
}

TEST_CASE("sha256_hex matches the FIPS 180-4 test vectors", "[core]") {
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK(sha256_hex(std::string(1000000, 'a')) ==
          "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    // Padding edges: 55 bytes fit one final block, 56 need two, 64 is a whole block.
    CHECK(sha256_hex(std::string(55, 'x')) == "d5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072");
    CHECK(sha256_hex(std::string(56, 'x')) == "04c26261370ee7541549d16dee320c723e3fd14671e66a099afe0a377c16888e");
    CHECK(sha256_hex(std::string(64, 'x')) == "7ce100971f64e7001e8fe5a51973ecdfe1ced42befe7ee8d5fd6219506b5393c");
}
