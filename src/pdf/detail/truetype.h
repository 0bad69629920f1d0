// Internals of the pdf module: the TrueType font program of a face, parsed once, and the
// subset font file a document embeds (FontFile2 of a CIDFontType2).
//
// The subset keeps the original glyph ids (so composite glyphs and the instructions in
// fpgm/prep stay valid without rewriting) and stops at the highest glyph id used: the outlines
// of unused glyphs are empty, their hmtx entries zero. It carries the tables ISO 32000-1
// §9.9 requires for TrueType (head hhea hmtx loca maxp glyf cvt fpgm prep, the last three
// when the font has them) plus OS/2 and a version 3 post table; no cmap (CIDToGIDMap does
// that job), no name, no layout tables.
//
// The file is laid out as three parts so that a precompressed encoding can be reused
// (see deflate.h): `prefix` (offset table, table directory, head hhea maxp hmtx loca: a few
// KB that depend on the glyph set), the fixed tables (OS/2 cvt fpgm prep post, identical in
// every document), then glyf (the glyphs' bytes, in glyph id order).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hoso::pdf::detail {

class TrueTypeProgram {
public:
    // Throws hoso::Error (naming `name_for_errors`) when `bytes` is not a TrueType (glyf)
    // font with the tables a subset needs, or a table or glyph lies outside the file.
    static TrueTypeProgram parse(std::string bytes, const std::string& name_for_errors);

    std::uint16_t num_glyphs() const noexcept { return m_num_glyphs; }
    // post.italicAngle in degrees (0 without a post table).
    double italic_angle() const noexcept { return m_italic_angle; }
    // The bytes of glyph `gid` in glyf (empty for a glyph without outline). A subset pads
    // each glyph with zero bytes to a multiple of 4 (padded_size) so that glyph offsets
    // stay aligned and the glyf checksum is the sum of the glyphs' checksums.
    std::string_view glyph(std::uint16_t gid) const;
    std::size_t padded_size(std::uint16_t gid) const { return (glyph(gid).size() + 3) & ~std::size_t{3}; }
    // The TrueType checksum of the padded glyph.
    std::uint32_t glyph_checksum(std::uint16_t gid) const { return m_glyph_checksums.at(gid); }
    // Direct components of a composite glyph (empty for a simple glyph).
    const std::vector<std::uint16_t>& components(std::uint16_t gid) const { return m_components.at(gid); }
    // Adds every component of every glyph marked in `used`, recursively (`used` has
    // num_glyphs() entries; nested composites are followed to any depth).
    void add_components(std::vector<std::uint8_t>& used) const;

    // The tables copied unchanged into every subset (OS/2 cvt fpgm prep, then the version 3
    // post table built from the original), each padded to 4 bytes, in file order.
    const std::string& fixed_tables() const noexcept { return m_fixed; }

    struct Subset {
        std::string prefix;                // offset table … loca, each table padded to 4 bytes
        std::vector<std::uint16_t> glyphs; // glyph ids whose bytes make up glyf, ascending
        std::size_t glyf_size = 0;         // sum of their padded sizes
    };
    // The subset for the glyphs marked in `used` (num_glyphs() entries, closed over
    // components by the caller; glyph 0 is always kept).
    Subset subset(const std::vector<std::uint8_t>& used) const;
    // The subset as one font file: prefix + fixed_tables() + glyf.
    std::string assemble(const Subset& s) const;

private:
    struct Table {
        std::uint32_t tag = 0;
        std::string data;  // unpadded
        std::uint32_t checksum = 0;
    };

    std::string m_bytes;
    std::uint16_t m_num_glyphs = 0;
    std::uint16_t m_num_hmetrics = 0;
    double m_italic_angle = 0;
    std::string m_head, m_hhea, m_maxp, m_hmtx;
    std::vector<std::uint32_t> m_glyph_offsets;  // num_glyphs + 1, absolute in m_bytes
    std::uint32_t m_glyf_end = 0;                // absolute end of glyf in m_bytes
    std::vector<std::vector<std::uint16_t>> m_components;
    std::vector<std::uint32_t> m_glyph_checksums;
    std::vector<Table> m_fixed_tables;  // in file order
    std::string m_fixed;
};

}  // namespace hoso::pdf::detail
