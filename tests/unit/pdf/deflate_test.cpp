// pdf internals: the deflate streams of a PDF — libdeflate's, and the precoded font programs
// hoso writes itself (RFC 1950/1951) — must inflate, with zlib's decoder, to exactly the
// bytes they stand for.
#include <catch2/catch.hpp>

#include "support.h"

#include <zlib.h>

#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include "font/font.h"
#include "pdf/detail/deflate.h"
#include "pdf/detail/truetype.h"

using hoso::pdf::detail::PrecodedFont;
using hoso::pdf::detail::TrueTypeProgram;

namespace {

// Inflates a zlib stream with zlib (checks the Adler-32 too); fails the test on any error.
std::string inflate_all(const std::string& z, std::size_t expected_size) {
    std::string out(expected_size + 1, '\0');  // one spare byte: a longer result is an error too
    uLongf size = static_cast<uLongf>(out.size());
    const int status = uncompress(reinterpret_cast<Bytef*>(out.data()), &size,
                                  reinterpret_cast<const Bytef*>(z.data()), static_cast<uLong>(z.size()));
    INFO("zlib uncompress status " << status);
    REQUIRE(status == Z_OK);
    out.resize(size);
    return out;
}

struct Lcg {
    std::uint32_t x;
    std::uint32_t next() { return x = x * 1103515245u + 12345u, x >> 8; }
};

const TrueTypeProgram& regular() {
    static const TrueTypeProgram p = TrueTypeProgram::parse(
        hoso::test::slurp(hoso::test::fonts_dir() / "LiberationSerif-Regular.ttf"), "LiberationSerif-Regular.ttf");
    return p;
}

}  // namespace

TEST_CASE("deflate: zlib_compress inflates to its input at every level, for text, tables, runs and noise", "[pdf][deflate]") {
    Lcg rng{7};
    std::vector<std::string> inputs = {"", "a", "BT\n/F1 14 Tf\n1 0 0 1 85.04 780 Tm\n<0043> Tj\nET\n",
                                       std::string(100000, '\0')};
    std::string table;  // 16-bit entries with long runs of zeros, like a CIDToGIDMap
    for (int i = 0; i < 5000; ++i) {
        const unsigned v = (i % 97 == 0) ? rng.next() & 0xFFFF : 0;
        table += static_cast<char>(v >> 8);
        table += static_cast<char>(v & 0xFF);
    }
    inputs.push_back(table);
    std::string noise;
    for (int i = 0; i < 70000; ++i) noise += static_cast<char>(rng.next() & 0xFF);  // beyond the 32 KB window
    inputs.push_back(noise);
    for (const auto& in : inputs) {
        for (const int level : {1, 6, 12}) {
            INFO("input of " << in.size() << " bytes, level " << level);
            CHECK(inflate_all(hoso::pdf::detail::zlib_compress(in, level), in.size()) == in);
        }
    }
    CHECK(hoso::pdf::detail::zlib_compress(table, 1).size() < table.size() / 10);
    CHECK_THROWS(hoso::pdf::detail::zlib_compress("x", 0));
    CHECK_THROWS(hoso::pdf::detail::zlib_compress("x", 13));
}

TEST_CASE("deflate: a precoded font program inflates to the assembled subset, for any glyph set", "[pdf][deflate]") {
    const TrueTypeProgram& program = regular();
    const auto precoded = PrecodedFont::build(program);
    REQUIRE(precoded != nullptr);
    const std::size_t n = program.num_glyphs();
    Lcg rng{2024};
    std::vector<std::vector<std::uint8_t>> sets;
    sets.emplace_back(n, 0);                  // .notdef only
    sets.emplace_back(n, 1);                  // every glyph: glyf > 128 KB, long loca
    std::vector<std::uint8_t> last(n, 0);     // the highest glyph id alone
    last[n - 1] = 1;
    sets.push_back(last);
    for (const int density : {2, 10, 60, 300}) {
        for (int k = 0; k < 4; ++k) {
            std::vector<std::uint8_t> used(n, 0);
            for (std::size_t g = 0; g < n; ++g) used[g] = (rng.next() % 1000) < static_cast<unsigned>(density);
            sets.push_back(used);
        }
    }
    for (auto used : sets) {
        used[0] = 1;
        program.add_components(used);
        const auto subset = program.subset(used);
        const std::string raw = program.assemble(subset);
        INFO(subset.glyphs.size() << " glyphs, " << raw.size() << " bytes");
        const std::string z = precoded->encode(program, subset);
        CHECK(inflate_all(z, raw.size()) == raw);
        if (subset.glyphs.size() > 50) CHECK(z.size() < raw.size());
    }
}

TEST_CASE("deflate: precoded glyphs stay within 25% of libdeflate -9 on the same subset", "[pdf][deflate]") {
    // What precoding costs in size: each glyph is compressed alone (no match reaches into
    // another glyph), with one Huffman code for the face.
    const TrueTypeProgram& program = regular();
    const auto precoded = PrecodedFont::build(program);
    const auto fonts = hoso::font::FontSet::load_directory(hoso::test::fonts_dir());
    std::vector<std::uint8_t> used(program.num_glyphs(), 0);
    used[0] = 1;
    const std::u32string text = U"Căn cứ Thông tư số 24/2023/TT-BGDĐT ngày 11 tháng 12 năm 2023 của Bộ trưởng Bộ "
                                U"Giáo dục và Đào tạo quy định về đánh giá, công nhận “Đơn vị học tập” cấp huyện, "
                                U"tỉnh; Ủy ban nhân dân huyện Mường Tè, Phong Thổ, Sìn Hồ — ỹ ự ữ ặ ẫ ợ ở ỷ Ê Ô Ơ Ư "
                                U"Đ 0123456789 (…) %";
    for (const char32_t cp : text) used[fonts.face(hoso::font::Face::Regular).glyph_id(cp)] = 1;
    program.add_components(used);
    const auto subset = program.subset(used);
    const std::string raw = program.assemble(subset);
    const auto ours = precoded->encode(program, subset).size();
    const auto level9 = hoso::pdf::detail::zlib_compress(raw, 9).size();
    INFO("precoded " << ours << " bytes, libdeflate -9 " << level9 << " bytes, raw " << raw.size());
    CHECK(ours < raw.size() * 7 / 10);
    CHECK(ours < level9 * 5 / 4);
}

TEST_CASE("deflate: glyphs coded on first use give the same stream every time, from any thread", "[pdf][deflate]") {
    const TrueTypeProgram& program = regular();
    const std::size_t n = program.num_glyphs();
    std::vector<std::uint8_t> eager(n, 0);
    eager[0] = 1;  // only .notdef up front: every other glyph is coded when first drawn
    const auto precoded = PrecodedFont::build(program, eager);
    CHECK(precoded->eager_glyphs() == 1);
    CHECK(precoded->lazy_glyphs() == 0);
    std::vector<TrueTypeProgram::Subset> subsets;
    std::vector<std::string> raw;
    Lcg rng{99};
    for (int k = 0; k < 8; ++k) {
        std::vector<std::uint8_t> used(n, 0);
        used[0] = 1;
        for (std::size_t g = 0; g < n; ++g) used[g] = used[g] || (rng.next() % 100) < 3;
        program.add_components(used);
        subsets.push_back(program.subset(used));
        raw.push_back(program.assemble(subsets.back()));
    }
    // Four threads encode the same subsets at once, racing to code the same glyphs.
    std::vector<std::vector<std::string>> out(4, std::vector<std::string>(subsets.size()));
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < out.size(); ++t) {
        threads.emplace_back([&, t] {
            for (std::size_t k = 0; k < subsets.size(); ++k) {
                const std::size_t i = (k + t) % subsets.size();
                out[t][i] = precoded->encode(program, subsets[i]);
            }
        });
    }
    for (auto& th : threads) th.join();
    CHECK(precoded->lazy_glyphs() > 100);
    const auto coded = precoded->lazy_glyphs();
    for (std::size_t i = 0; i < subsets.size(); ++i) {
        const std::string again = precoded->encode(program, subsets[i]);  // every glyph coded by now
        CHECK(inflate_all(again, raw[i].size()) == raw[i]);
        for (std::size_t t = 0; t < out.size(); ++t) CHECK(out[t][i] == again);
    }
    CHECK(precoded->lazy_glyphs() == coded);
}
