// Internals of the pdf module: compression.
//
// zlib_compress is libdeflate, for every stream of a document but the font programs.
// PrecodedFont: the font program of a face, compressed once per face and reused by every
// document. Each glyph (and the block of tables every subset copies) is LZ77-parsed on its
// own and Huffman-coded with one code for the whole face; a document's FontFile2 is a
// fixed-Huffman block for its few KB of per-subset tables followed by one block that repeats
// the face's code tables and the bit strings of the glyphs drawn, written as RFC 1950 zlib
// streams of RFC 1951 deflate blocks. Nothing is compressed per document: bits are copied.
// What each glyph costs against compressing the whole subset: matches cannot reach into
// another glyph (18 % larger than zlib -9, 14 % larger than libdeflate level 1).
//
// Kept, not libdeflate per document: on the bench reports that costs 18.99 M instructions a PDF against 16.63 M
// here (+14 %), for 5.4 KB less; `bash bench/instructions pdf`, with the font programs given to zlib_compress.
// (One libdeflate subset per face of all the common glyphs, shared by every document: 115 KB of fonts a PDF, not 45.)
#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pdf/detail/truetype.h"

namespace hoso::pdf::detail {

// RFC 1950 zlib stream of `data`, compressed by libdeflate at `level` (1 fastest … 12
// smallest) with a compressor the calling thread keeps.
std::string zlib_compress(std::string_view data, int level);

class PrecodedFont {
public:
    // Codes the glyphs marked in `eager` (every glyph when it is empty) and the tables every
    // subset copies; their statistics choose the face's Huffman code, which also has a code
    // for every other symbol. The other glyphs are coded the first time encode() needs them,
    // once per process, under a lock. The bits do not depend on when a glyph was coded, and
    // an object may be shared by any number of threads.
    static std::shared_ptr<const PrecodedFont> build(const TrueTypeProgram& program,
                                                     const std::vector<std::uint8_t>& eager = {});

    // The zlib stream of program.assemble(subset), `program` being the one given to build().
    std::string encode(const TrueTypeProgram& program, const TrueTypeProgram::Subset& subset) const;

    std::size_t eager_glyphs() const noexcept;
    std::size_t lazy_glyphs() const;  // coded so far
    std::size_t memory_bytes() const;

    struct Segment {
        std::size_t byte_offset = 0;  // into m_bits
        std::size_t bit_count = 0;
        std::uint32_t adler = 1;      // Adler-32 of the uncompressed bytes
        std::size_t length = 0;       // uncompressed bytes
    };

    PrecodedFont();  // for make_shared; use build()
    ~PrecodedFont();
    PrecodedFont(const PrecodedFont&) = delete;
    PrecodedFont& operator=(const PrecodedFont&) = delete;

private:
    struct Lazy;
    std::string m_bits;  // header, fixed tables and eager glyphs, each from a byte boundary
    Segment m_header;    // BFINAL=1, BTYPE=2 and the face's code tables
    Segment m_fixed;     // program.fixed_tables()
    std::vector<Segment> m_glyphs;      // per glyph id (padded glyph bytes), eager ones
    std::vector<std::uint8_t> m_eager;  // per glyph id
    std::uint32_t m_end_of_block = 0;   // bit-reversed code of symbol 256
    int m_end_of_block_bits = 0;
    std::unique_ptr<Lazy> m_lazy;       // code tables, matcher and the glyphs coded later
};

}  // namespace hoso::pdf::detail
