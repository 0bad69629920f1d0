// Internals of the pdf module: embedded fonts without libharu's per-document font work.
//
// libharu 2.3.0's HPDF_GetFont builds, for every font of every document, a 65,536-entry
// CIDToGIDMap and a /W array over every code point the font maps, and at save deflates
// them with a 75 KB pseudo-subset font program. Here the work is split:
//   * once per face and process (FaceProgram, cached, shared read-only by all threads):
//     the font program parsed for subsetting, the descriptor metrics, and the glyphs
//     precompressed (deflate.h), all keyed by the face's file and content;
//   * per document (add_font): a real subset (only the glyphs drawn, plus their composite
//     components), its CIDToGIDMap up to the highest code point drawn, a /W array and a
//     bfchar ToUnicode for exactly the code points drawn.
// Text is still encoded as libharu's UTF-8 encoder does (Identity-H, CID = the BMP code
// point), so content streams are unchanged.
#pragma once

#include <hpdf.h>

#include <array>
#include <memory>
#include <string>
#include <vector>

#include "font/font.h"
#include "pdf/detail/hpdf_doc.h"
#include "pdf/detail/truetype.h"

namespace hoso::pdf::detail {

class PrecodedFont;  // deflate.h

struct FaceProgram {
    TrueTypeProgram program;
    std::string base_font;  // the PostScript name, without libharu's ",Bold" style suffix
    // FontDescriptor values as libharu 2.3.0 derives them from the font (HPDF_FontDef),
    // plus the italic angle from the post table (libharu leaves it 0) and CapHeight (which
    // libharu computes but does not write).
    int ascent = 0;
    int descent = 0;
    int cap_height = 0;
    int x_height = 0;
    int stem_v = 0;
    int italic_angle = 0;
    unsigned flags = 0;
    std::array<double, 4> bbox{};  // left bottom right top
    std::shared_ptr<const PrecodedFont> precoded;
};

// The program of `face`, built on first use and shared afterwards (thread-safe). The file
// at face.path() is read and checked against `face` (same glyph ids): throws hoso::Error
// naming HPDF_LoadTTFontFromFile (libharu reads the descriptor metrics) when it cannot be
// loaded, or when it no longer matches the parsed face.
std::shared_ptr<const FaceProgram> face_program(const font::TrueTypeFont& face);

// Number of faces held by the process-wide cache (for tests).
std::size_t face_program_cache_size();

struct FontOptions {
    bool compress = true;
};

// Adds the Type0 font (with its CIDFontType2, FontDescriptor, FontFile2, CIDToGIDMap and
// ToUnicode) for `code_points` (ascending, BMP, each with a glyph in `face`) to `doc` and
// returns the Type0 dictionary. `tag` is the six-letter subset tag ("HPDFAA").
HPDF_Dict add_font(const HpdfDoc& doc, const font::TrueTypeFont& face, const FaceProgram& program,
                   const std::vector<char32_t>& code_points, const std::string& tag, const FontOptions& options);

// The uncompressed subset font file add_font embeds for `code_points` (for tests).
std::string subset_font_file(const font::TrueTypeFont& face, const FaceProgram& program,
                             const std::vector<char32_t>& code_points);

}  // namespace hoso::pdf::detail
