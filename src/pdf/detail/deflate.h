// Internals of the pdf module: compression.
//
// zlib_compress is plain zlib. PrecodedFont makes the font program of every document
// without compressing it again: per face, each glyph is compressed once (LZ77 within the
// glyph, Huffman codes shared by the whole face), and a document's FontFile2 is the
// concatenation of the bit strings of its glyphs behind the face's code tables — a valid
// zlib stream (RFC 1950/1951) built by copying bits.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "pdf/detail/truetype.h"

namespace hoso::pdf::detail {

// RFC 1950 zlib stream of `data` at zlib's `level` (1 fastest … 9 smallest).
std::string zlib_compress(std::string_view data, int level = 6);

// A CIDToGIDMap (two bytes per CID, mostly zero) as a zlib stream.
std::string compress_map(std::string_view map);

class PrecodedFont {
public:
    static std::shared_ptr<const PrecodedFont> build(const TrueTypeProgram& program);
    // The zlib stream of program.assemble(subset).
    std::string encode(const TrueTypeProgram& program, const TrueTypeProgram::Subset& subset) const;
};

}  // namespace hoso::pdf::detail
