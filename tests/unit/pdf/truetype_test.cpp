// pdf internals: the subset font programs hoso embeds are well-formed TrueType files (sorted
// table directory, correct checksums and checkSumAdjustment, loca/hmtx consistent with
// maxp/hhea) that keep every glyph drawn — with the components of composite glyphs at any
// depth (libharu 2.3.0 does not recurse, which loses diacritics in DejaVu) — and drop the rest.
#include <catch2/catch.hpp>

#include "support.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/core.h"
#include "font/font.h"
#include "pdf/detail/truetype.h"

using hoso::pdf::detail::TrueTypeProgram;

namespace {

std::uint32_t be16(const std::string& d, std::size_t at) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(d.at(at)) << 8 | static_cast<unsigned char>(d.at(at + 1)));
}
std::uint32_t be32(const std::string& d, std::size_t at) { return be16(d, at) << 16 | be16(d, at + 2); }
void add16(std::string& d, std::uint32_t v) {
    d += static_cast<char>((v >> 8) & 0xFF);
    d += static_cast<char>(v & 0xFF);
}
void add32(std::string& d, std::uint32_t v) {
    add16(d, v >> 16);
    add16(d, v & 0xFFFF);
}

std::uint32_t sum_words(const std::string& d, std::size_t from, std::size_t length) {
    std::uint32_t sum = 0;
    for (std::size_t i = 0; i < length; i += 4) {
        std::uint32_t w = 0;
        for (std::size_t k = 0; k < 4; ++k) w = (w << 8) | (i + k < length ? static_cast<unsigned char>(d.at(from + i + k)) : 0u);
        sum += w;
    }
    return sum;
}

struct Table {
    std::uint32_t checksum, offset, length;
};

// Checks the sfnt structure of `font` and returns its tables by tag.
std::map<std::string, Table> check_structure(const std::string& font) {
    REQUIRE(font.size() >= 12);
    CHECK(be32(font, 0) == 0x00010000u);
    const std::size_t n = be16(font, 4);
    std::uint32_t selector = 0;
    while ((2u << selector) <= n) ++selector;
    CHECK(be16(font, 6) == (16u << selector));   // searchRange
    CHECK(be16(font, 8) == selector);            // entrySelector
    CHECK(be16(font, 10) == 16 * n - (16u << selector));
    std::map<std::string, Table> tables;
    std::uint32_t previous_tag = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t at = 12 + 16 * i;
        const std::uint32_t tag = be32(font, at);
        CHECK(tag > previous_tag);  // sorted, no duplicates
        previous_tag = tag;
        const Table t{be32(font, at + 4), be32(font, at + 8), be32(font, at + 12)};
        CHECK(t.offset % 4 == 0);
        REQUIRE(t.offset + t.length <= font.size());
        const std::string name = font.substr(at, 4);
        std::uint32_t sum = sum_words(font, t.offset, t.length);
        if (name == "head") sum -= be32(font, t.offset + 8);  // computed with checkSumAdjustment = 0
        INFO("table " << name);
        CHECK(sum == t.checksum);
        tables[name] = t;
    }
    CHECK(font.size() % 4 == 0);
    CHECK(sum_words(font, 0, font.size()) == 0xB1B0AFBAu);  // checkSumAdjustment makes the file sum this
    for (const char* required : {"head", "hhea", "maxp", "hmtx", "loca", "glyf", "post"}) {
        INFO(required);
        CHECK(tables.count(required) == 1);
    }
    CHECK(tables.count("cmap") == 0);
    CHECK(tables.count("name") == 0);
    CHECK(tables.count("GPOS") == 0);
    return tables;
}

// A minimal TrueType font: 6 glyphs, 4 long horizontal metrics (glyphs 4 and 5 take the
// last advance), long loca. Glyph 1 and 4 are simple (19 bytes: not a multiple of 4), 2 is
// a composite of 1, 3 a composite of 2 (nested) and 4 (word arguments and a scale), 5 is
// never used.
std::string synthetic_font() {
    std::vector<std::string> glyphs(6);
    auto simple = [](int x) {
        std::string g;
        add16(g, 1);  // one contour
        for (int v : {0, 0, 100, 100}) add16(g, static_cast<std::uint32_t>(v));
        add16(g, 0);  // endPtsOfContours[0]
        add16(g, 0);  // no instructions
        g += '\x01';  // on curve, 16-bit x and y
        add16(g, static_cast<std::uint32_t>(x));
        add16(g, 50);
        return g;
    };
    glyphs[1] = simple(10);
    glyphs[4] = simple(20);
    glyphs[5] = simple(30);
    auto composite_header = [] {
        std::string g;
        add16(g, 0xFFFF);  // numberOfContours = -1
        for (int v : {0, 0, 100, 100}) add16(g, static_cast<std::uint32_t>(v));
        return g;
    };
    glyphs[2] = composite_header();
    add16(glyphs[2], 0x0000);  // byte arguments, last component
    add16(glyphs[2], 1);
    glyphs[2] += std::string(2, '\0');
    glyphs[3] = composite_header();
    add16(glyphs[3], 0x0020);  // MORE_COMPONENTS
    add16(glyphs[3], 2);
    glyphs[3] += std::string(2, '\0');
    add16(glyphs[3], 0x0009);  // ARG_1_AND_2_ARE_WORDS | WE_HAVE_A_SCALE
    add16(glyphs[3], 4);
    glyphs[3] += std::string(4 + 2, '\0');

    std::string glyf, loca;
    for (const auto& g : glyphs) {
        add32(loca, static_cast<std::uint32_t>(glyf.size()));
        glyf += g;
    }
    add32(loca, static_cast<std::uint32_t>(glyf.size()));
    std::string head(54, '\0');
    head[18] = 0x04;  // unitsPerEm 1024
    head[51] = 1;     // indexToLocFormat: long
    std::string hhea(36, '\0');
    hhea[35] = 4;     // numberOfHMetrics
    std::string maxp;
    add32(maxp, 0x00005000);
    add16(maxp, 6);
    std::string hmtx;
    for (int g = 0; g < 4; ++g) {
        add16(hmtx, static_cast<std::uint32_t>(500 + g));  // advance
        add16(hmtx, static_cast<std::uint32_t>(g));        // lsb
    }
    add16(hmtx, 44);  // lsb of glyph 4
    add16(hmtx, 55);  // lsb of glyph 5
    const std::vector<std::pair<std::string, std::string>> tables = {
        {"glyf", glyf}, {"head", head}, {"hhea", hhea}, {"hmtx", hmtx}, {"loca", loca}, {"maxp", maxp}};
    std::string font;
    add32(font, 0x00010000);
    add16(font, static_cast<std::uint32_t>(tables.size()));
    add16(font, 64);
    add16(font, 2);
    add16(font, 32);
    std::size_t offset = 12 + 16 * tables.size();
    std::string data;
    for (const auto& [tag, bytes] : tables) {
        font += tag;
        add32(font, 0);
        add32(font, static_cast<std::uint32_t>(offset + data.size()));
        add32(font, static_cast<std::uint32_t>(bytes.size()));
        data += bytes;
        while (data.size() % 4) data += '\0';
    }
    return font + data;
}

}  // namespace

TEST_CASE("truetype: nested composite glyphs keep all their components, unused glyphs are dropped", "[pdf][truetype]") {
    const std::string original = synthetic_font();
    const auto program = TrueTypeProgram::parse(original, "synthetic.ttf");
    REQUIRE(program.num_glyphs() == 6);
    CHECK(program.components(3) == std::vector<std::uint16_t>{2, 4});
    CHECK(program.components(2) == std::vector<std::uint16_t>{1});
    CHECK(program.components(1).empty());

    std::vector<std::uint8_t> used(6, 0);
    used[3] = 1;
    program.add_components(used);
    CHECK(used == std::vector<std::uint8_t>{0, 1, 1, 1, 1, 0});  // 2 and 4 from 3, 1 from 2

    const auto subset = program.subset(used);
    CHECK(subset.glyphs == std::vector<std::uint16_t>{1, 2, 3, 4});
    const std::string font = program.assemble(subset);
    const auto tables = check_structure(font);
    CHECK(be16(font, tables.at("maxp").offset + 4) == 5);  // glyphs 0 … 4: 5 is past the last one used
    CHECK(be16(font, tables.at("hhea").offset + 34) == 5);
    CHECK(be16(font, tables.at("head").offset + 50) == 0);  // short loca: a small glyf
    // The glyphs read back identical (with zero padding to 4 bytes), glyph 0 empty.
    const auto reread = TrueTypeProgram::parse(font, "subset");
    REQUIRE(reread.num_glyphs() == 5);
    CHECK(reread.glyph(0).empty());
    for (std::uint16_t g = 1; g <= 4; ++g) {
        const std::string before(program.glyph(g));
        std::string after(reread.glyph(g));
        INFO("glyph " << g);
        CHECK(after.size() % 4 == 0);
        CHECK(after.substr(0, before.size()) == before);
        CHECK(after.substr(before.size()) == std::string(after.size() - before.size(), '\0'));
    }
    // hmtx: every glyph has a long metric now; glyph 4 takes the last advance and its own lsb.
    const auto hmtx = tables.at("hmtx").offset;
    CHECK(tables.at("hmtx").length == 5 * 4);
    CHECK(be16(font, hmtx + 4 * 3) == 503);
    CHECK(be16(font, hmtx + 4 * 4) == 503);
    CHECK(be16(font, hmtx + 4 * 4 + 2) == 44);
    CHECK(be16(font, hmtx + 4 * 1) == 501);
}

TEST_CASE("truetype: a Liberation Serif subset is a valid font with exactly the glyphs drawn", "[pdf][truetype]") {
    const auto fonts = hoso::font::FontSet::load_directory(hoso::test::fonts_dir());
    const auto& face = fonts.face(hoso::font::Face::Bold);
    const auto program = TrueTypeProgram::parse(hoso::read_file(face.path()), face.path().string());
    std::vector<std::uint8_t> used(program.num_glyphs(), 0);
    used[0] = 1;
    for (const char32_t cp : std::u32string(U"Độc lập - Tự do - Hạnh phúc")) used[face.glyph_id(cp)] = 1;
    const auto drawn = used;
    program.add_components(used);
    const std::string font = program.assemble(program.subset(used));
    check_structure(font);
    const auto reread = TrueTypeProgram::parse(font, "subset");
    std::size_t kept = 0;
    for (std::uint16_t g = 0; g < reread.num_glyphs(); ++g) {
        INFO("glyph " << g);
        if (used[g] && !program.glyph(g).empty()) {
            CHECK(reread.glyph(g).substr(0, program.glyph(g).size()) == program.glyph(g));
            ++kept;
        } else {
            CHECK(reread.glyph(g).empty());
        }
    }
    CHECK(kept > 20);
    // "ộ" is a composite in Liberation: its components came along.
    const auto o = face.glyph_id(U'ộ');
    REQUIRE(!program.components(o).empty());
    for (const auto c : program.components(o)) CHECK(used[c]);
    CHECK(drawn != used);
    CHECK(font.size() < 30000);  // the whole face is 393 KB
}

TEST_CASE("truetype: files that are not TrueType fonts are refused with hoso::Error", "[pdf][truetype]") {
    const std::string good = synthetic_font();
    CHECK_NOTHROW(TrueTypeProgram::parse(good, "good"));
    CHECK_THROWS_AS(TrueTypeProgram::parse(good.substr(0, 100), "truncated"), hoso::Error);
    CHECK_THROWS_AS(TrueTypeProgram::parse("OTTO" + good.substr(4), "cff.otf"), hoso::Error);
    CHECK_THROWS_AS(TrueTypeProgram::parse(std::string(64, 'x'), "noise"), hoso::Error);
    CHECK_THROWS_WITH(TrueTypeProgram::parse("", "empty.ttf"), Catch::Contains("empty.ttf"));
}
