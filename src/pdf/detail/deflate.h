// Internals of the pdf module: compression.
//
// zlib_compress is plain zlib, for the content streams. The other streams of a document are
// encoded here, as RFC 1950 zlib streams of RFC 1951 deflate blocks, without zlib's per-call
// set-up (a deflate state is ~270 KB to allocate and clear):
//   * encode_runs: a fixed-Huffman block whose matches repeat the bytes a few given distances
//     back — enough for CIDToGIDMap (runs of zeros) and ToUnicode (lines that differ in a
//     few hex digits).
//   * PrecodedFont: the font program of a face, compressed once per face and reused by every
//     document. Each glyph (and the block of tables every subset copies) is LZ77-parsed on
//     its own and Huffman-coded with one code for the whole face; a document's FontFile2 is
//     a fixed-Huffman block for its few KB of per-subset tables followed by one block that
//     repeats the face's code tables and the bit strings of the glyphs drawn. Nothing is
//     compressed per document: bits are copied. What each glyph costs against zlib on the
//     whole subset: matches cannot reach into another glyph (about 20% larger).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pdf/detail/truetype.h"

namespace hoso::pdf::detail {

// RFC 1950 zlib stream of `data` at zlib's `level` (1 fastest … 9 smallest).
std::string zlib_compress(std::string_view data, int level = 6);

// RFC 1950 zlib stream of `data` in one fixed-Huffman block; a match is taken where at least
// three bytes repeat those at one of `distances` (each 1 … 32768) back.
std::string encode_runs(std::string_view data, std::initializer_list<unsigned> distances);

// The distances encode_runs uses for a CIDToGIDMap and for a bfchar ToUnicode CMap.
std::string compress_map(std::string_view cid_to_gid_map);
std::string compress_cmap(std::string_view tounicode);

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
