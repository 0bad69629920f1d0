// font: reads the TrueType fonts hoso embeds (fonts/LiberationSerif-*.ttf) — glyph
// coverage (cmap), advance widths (hmtx) and the vertical metrics that decide line height
// (OS/2 usWinAscent/usWinDescent, as Word's single spacing). No ICU, no libharu: the
// numbers match what libharu 2.3.0 computes, so layout measured here draws identically.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace hoso::font {

enum class Face : std::uint8_t { Regular = 0, Bold, Italic, BoldItalic };
constexpr int kFaceCount = 4;
constexpr Face face_of(bool bold, bool italic) {
    return bold ? (italic ? Face::BoldItalic : Face::Bold) : (italic ? Face::Italic : Face::Regular);
}
const char* face_name(Face f);  // "Regular", "Bold", "Italic", "BoldItalic"

class TrueTypeFont {
public:
    // Parses the file. Throws hoso::IoError (path in the message) when the file cannot be read
    // or is not a TrueType (glyf) font with a Unicode cmap.
    static TrueTypeFont load(const std::filesystem::path& path);
    static TrueTypeFont parse(std::string bytes, const std::string& name_for_errors);

    const std::filesystem::path& path() const noexcept { return m_path; }
    const std::string& postscript_name() const noexcept { return m_postscript_name; }
    int units_per_em() const noexcept { return m_units_per_em; }

    // 0 when the font has no glyph for `cp` (it would print .notdef, a box).
    std::uint16_t glyph_id(char32_t cp) const noexcept {
        return cp < m_bmp.size() ? m_bmp[cp] : astral_glyph_id(cp);  // in line: per character
    }
    bool has_glyph(char32_t cp) const noexcept { return glyph_id(cp) != 0; }

    // Advance width in 1/1000 em, truncated exactly as libharu 2.3.0 does
    // (advance * 1000 / unitsPerEm, integer division). 0 for a missing glyph.
    int advance_1000(char32_t cp) const noexcept;
    // Width of a UTF-8 string at `size` pt: the sum of advance_1000 × size / 1000. No kerning
    // (libharu applies none). Invalid UTF-8 bytes count as missing glyphs.
    double text_width(std::string_view utf8, double size) const noexcept;

    // OS/2 usWinAscent / usWinDescent in 1/1000 em (descent positive).
    double win_ascent_1000() const noexcept { return m_win_ascent_1000; }
    double win_descent_1000() const noexcept { return m_win_descent_1000; }
    // The external leading Word adds to single spacing, in 1/1000 em: hhea lineGap less
    // whatever the Windows metrics already exceed hhea ascender+descender by (never negative).
    // Single spacing = win ascent + win descent + this (Times New Roman and Liberation Serif:
    // 1825 + 443 + 87 units = 1.15 em, the 13.8 pt Word gives 12 pt text).
    double line_gap_1000() const noexcept { return m_line_gap_1000; }
    // post table underlinePosition (top of the stroke; negative = below the baseline) and
    // underlineThickness in 1/1000 em. Defaults -100 / 50 when the font has no post table.
    double underline_position_1000() const noexcept { return m_underline_position_1000; }
    double underline_thickness_1000() const noexcept { return m_underline_thickness_1000; }

private:
    std::filesystem::path m_path;
    std::string m_postscript_name;
    int m_units_per_em = 1000;
    double m_win_ascent_1000 = 0;
    double m_win_descent_1000 = 0;
    double m_line_gap_1000 = 0;
    double m_underline_position_1000 = -100;
    double m_underline_thickness_1000 = 50;
    // code point → glyph id for the BMP as a dense table (fast lookups in layout);
    // supplementary planes in a sorted vector.
    std::uint16_t astral_glyph_id(char32_t cp) const noexcept;
    std::vector<std::uint16_t> m_bmp;
    std::vector<std::pair<char32_t, std::uint16_t>> m_astral;
    std::vector<std::uint16_t> m_advance;  // per glyph id, in font units
};

// The four faces hoso prints with.
class FontSet {
public:
    // Loads <dir>/LiberationSerif-{Regular,Bold,Italic,BoldItalic}.ttf.
    static FontSet load_directory(const std::filesystem::path& dir);
    FontSet(TrueTypeFont regular, TrueTypeFont bold, TrueTypeFont italic, TrueTypeFont bold_italic);

    const TrueTypeFont& face(Face f) const noexcept { return m_faces[static_cast<int>(f)]; }
    // True when every face has a glyph for `cp`.
    bool covers(char32_t cp) const noexcept;
    // Code points of `utf8` that some face lacks, in order of first appearance, no duplicates.
    std::vector<char32_t> missing(std::string_view utf8) const;

private:
    std::vector<TrueTypeFont> m_faces;
    // Bit cp set when every face has a glyph for BMP code point cp: covers() and missing()
    // run over every character of every document.
    std::vector<std::uint64_t> m_bmp_covered;
    bool m_printable_ascii_covered = false;  // U+0020–U+007E all covered: missing() skips them in words
};

}  // namespace hoso::font
