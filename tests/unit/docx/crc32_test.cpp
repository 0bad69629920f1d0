// The folded CRC-32 of zip entries (docx/detail/crc32.h) equals zlib's for every length
// around the 16- and 64-byte steps of the folding, at every alignment, and for large inputs;
// and both equal the per-bit definition of CRC-32 (so the test does not only compare two
// calls of one library).

#include <cstdint>
#include <random>
#include <string>
#include <string_view>

#include <catch2/catch.hpp>

#include "docx/detail/crc32.h"

namespace {

using hoso::docx::detail::crc32;
using hoso::docx::detail::crc32_zlib;

// CRC-32 bit by bit: reflected polynomial 0xEDB88320, register starting at ~0, inverted at the end.
std::uint32_t crc32_bitwise(std::string_view s) {
    std::uint32_t c = 0xFFFFFFFFu;
    for (unsigned char b : s) {
        c ^= b;
        for (int k = 0; k < 8; ++k) c = (c & 1u) ? (c >> 1) ^ 0xEDB88320u : c >> 1;
    }
    return ~c;
}

std::string random_bytes(std::size_t n, std::mt19937& engine) {
    std::string s(n, '\0');
    for (auto& c : s) c = static_cast<char>(engine() & 0xFF);
    return s;
}

TEST_CASE("docx crc32: known values") {
    CHECK(crc32("") == 0u);
    CHECK(crc32("123456789") == 0xCBF43926u);  // the CRC-32 check value
    const std::string long_text(1000, 'a');
    CHECK(crc32(long_text) == crc32_bitwise(long_text));
    CHECK(crc32(long_text) == crc32_zlib(long_text));
}

TEST_CASE("docx crc32: folded equals zlib and the definition for lengths 0-300 at every alignment") {
    std::mt19937 engine(20250102u);
    const std::string buffer = random_bytes(300 + 16, engine);
    for (std::size_t offset = 0; offset < 16; ++offset) {
        for (std::size_t n = 0; n <= 300; ++n) {
            const std::string_view s(buffer.data() + offset, n);
            INFO("offset " << offset << ", length " << n);
            const std::uint32_t expected = crc32_bitwise(s);
            REQUIRE(crc32_zlib(s) == expected);
            REQUIRE(crc32(s) == expected);
        }
    }
}

TEST_CASE("docx crc32: large inputs, all zeros, all ones and a word/document.xml-like text") {
    std::mt19937 engine(7u);
    for (std::size_t n : {4096u, 42048u, 100003u, 1u << 20}) {
        const std::string s = random_bytes(n, engine);
        INFO("length " << n);
        CHECK(crc32(s) == crc32_zlib(s));
    }
    const std::string zeros(5000, '\0'), ones(5000, '\xFF');
    CHECK(crc32(zeros) == crc32_bitwise(zeros));
    CHECK(crc32(ones) == crc32_bitwise(ones));
    std::string xml;
    for (int i = 0; i < 500; ++i) xml += "<w:p><w:r><w:t xml:space=\"preserve\">Đơn vị học tập " + std::to_string(i) + "</w:t></w:r></w:p>";
    CHECK(crc32(xml) == crc32_bitwise(xml));
}

}  // namespace
