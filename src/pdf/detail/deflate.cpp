#include "pdf/detail/deflate.h"

#include <libdeflate.h>
#include <zlib.h>

#include <algorithm>
#include <bit>
#include <array>
#include <cstring>
#include <map>
#include <mutex>
#include <queue>

#include "core/core.h"

namespace hoso::pdf::detail {

static_assert(std::endian::native == std::endian::little, "byte order: see memcpy loads below");

std::string zlib_compress(std::string_view data, int level) {
    if (level < 1 || level > 12) throw Error("pdf: libdeflate level outside 1 … 12");
    // One compressor per level and thread, kept for every stream the thread writes.
    struct Compressors {
        std::array<libdeflate_compressor*, 13> at{};
        ~Compressors() {
            for (auto* c : at) libdeflate_free_compressor(c);
        }
    };
    thread_local Compressors compressors;
    libdeflate_compressor*& c = compressors.at[static_cast<std::size_t>(level)];
    if (c == nullptr && (c = libdeflate_alloc_compressor(level)) == nullptr) {
        throw Error("pdf: libdeflate: cannot allocate a compressor");
    }
    std::string out(libdeflate_zlib_compress_bound(c, data.size()), '\0');
    const std::size_t n = libdeflate_zlib_compress(c, data.data(), data.size(), out.data(), out.size());
    if (n == 0) throw Error("pdf: libdeflate: compressed data larger than its bound");
    out.resize(n);
    return out;
}

// Internal to this file; a named namespace because PrecodedFont::Lazy holds its types.
namespace flate {

// ---------------------------------------------------------------------------
// RFC 1951 alphabets.

constexpr std::array<unsigned, 29> kLengthBase = {3,  4,  5,  6,  7,  8,  9,  10, 11,  13,  15,  17,  19,  23, 27,
                                                  31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
constexpr std::array<unsigned, 29> kLengthExtra = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                                   2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
constexpr std::array<unsigned, 30> kDistanceBase = {1,    2,    3,    4,    5,    7,     9,     13,    17,  25,
                                                    33,   49,   65,   97,   129,  193,   257,   385,   513, 769,
                                                    1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
constexpr std::array<unsigned, 30> kDistanceExtra = {0, 0, 0, 0, 1, 1, 2, 2,  3,  3,  4,  4,  5,  5,  6,
                                                     6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};
constexpr unsigned kMinMatch = 3;
constexpr unsigned kMaxMatch = 258;
constexpr unsigned kWindow = 32768;
constexpr unsigned kEndOfBlock = 256;
constexpr std::size_t kLitLenSymbols = 286;
constexpr std::size_t kDistanceSymbols = 30;

unsigned length_index(unsigned length) {  // 0 … 28 (symbol 257 + index)
    unsigned i = 28;
    while (kLengthBase[i] > length) --i;
    return i;
}

unsigned distance_index(unsigned distance) {  // 0 … 29
    unsigned i = 29;
    while (kDistanceBase[i] > distance) --i;
    return i;
}

// Lookup tables for the two functions above (built once).
struct SymbolTables {
    std::array<std::uint8_t, kMaxMatch + 1> length{};
    std::array<std::uint8_t, 512> distance_small{};  // distance - 1 < 512
    SymbolTables() {
        for (unsigned l = kMinMatch; l <= kMaxMatch; ++l) length[l] = static_cast<std::uint8_t>(length_index(l));
        for (unsigned d = 1; d <= 512; ++d) distance_small[d - 1] = static_cast<std::uint8_t>(distance_index(d));
    }
    unsigned distance_symbol(unsigned d) const {
        return d <= 512 ? distance_small[d - 1] : distance_index(d);
    }
};

const SymbolTables& symbols() {
    static const SymbolTables t;
    return t;
}

// A literal (length 0, value = byte) or a match (length ≥ 3, value = distance).
struct Token {
    std::uint16_t length;
    std::uint16_t value;
};

// ---------------------------------------------------------------------------
// Bits, least significant first (RFC 1951 §3.1.1).

class BitWriter {
public:
    explicit BitWriter(std::string& out) : m_out(out) {}

    void put(std::uint32_t bits, unsigned count) {  // count ≤ 32
        m_acc |= static_cast<std::uint64_t>(bits) << m_count;
        m_count += count;
        if (m_count >= 32) {
            const auto word = static_cast<std::uint32_t>(m_acc);
            const char bytes[4] = {static_cast<char>(word & 0xFF), static_cast<char>((word >> 8) & 0xFF),
                                   static_cast<char>((word >> 16) & 0xFF), static_cast<char>(word >> 24)};
            m_out.append(bytes, 4);
            m_acc >>= 32;
            m_count -= 32;
        }
    }

    // Appends `bit_count` bits stored from the first bit of `bytes`.
    void append(const char* bytes, std::size_t bit_count) {
        std::size_t i = 0;
        for (; bit_count >= 32; bit_count -= 32, i += 4) {
            std::uint32_t w = 0;
            std::memcpy(&w, bytes + i, 4);  // the first byte holds the first bits (little-endian)
            put(w, 32);
        }
        for (; bit_count >= 8; bit_count -= 8, ++i) put(static_cast<unsigned char>(bytes[i]), 8);
        if (bit_count > 0) {
            put(static_cast<unsigned char>(bytes[i]) & ((1u << bit_count) - 1u), static_cast<unsigned>(bit_count));
        }
    }

    // Pads with zero bits to a byte boundary and flushes; returns the bits written since the
    // writer was made (before the padding).
    std::size_t finish() {
        const std::size_t bits = 8 * m_out.size() + m_count - 8 * m_start;
        while (m_count > 0) {
            m_out += static_cast<char>(m_acc & 0xFF);
            m_acc >>= 8;
            m_count = m_count >= 8 ? m_count - 8 : 0;
        }
        return bits;
    }

private:
    std::string& m_out;
    std::size_t m_start = m_out.size();
    std::uint64_t m_acc = 0;
    unsigned m_count = 0;
};

// ---------------------------------------------------------------------------
// Huffman codes.

struct Code {
    std::vector<std::uint8_t> lengths;
    std::vector<std::uint32_t> codes;  // bit-reversed, ready for BitWriter::put
};

std::uint32_t reverse_bits(std::uint32_t code, unsigned length) {
    std::uint32_t r = 0;
    for (unsigned i = 0; i < length; ++i, code >>= 1) r = (r << 1) | (code & 1u);
    return r;
}

// Canonical codes from code lengths (RFC 1951 §3.2.2).
void assign_codes(Code& c) {
    std::array<std::uint32_t, 16> count{}, next{};
    for (const auto l : c.lengths) ++count[l];
    count[0] = 0;
    std::uint32_t code = 0;
    for (unsigned bits = 1; bits < 16; ++bits) {
        code = (code + count[bits - 1]) << 1;
        next[bits] = code;
    }
    c.codes.assign(c.lengths.size(), 0);
    for (std::size_t s = 0; s < c.lengths.size(); ++s) {
        if (const unsigned l = c.lengths[s]; l != 0) c.codes[s] = reverse_bits(next[l]++, l);
    }
}

Code code_from_lengths(std::vector<std::uint8_t> lengths) {
    Code c;
    c.lengths = std::move(lengths);
    assign_codes(c);
    return c;
}

// Huffman code lengths for `freq`, at most `limit` bits. Symbols with frequency 0 get no
// code. At least two symbols get one (inflate rejects a lone code in some alphabets), so
// callers pass at least two non-zero frequencies. Frequencies are halved until the longest
// code fits the limit.
Code build_code(std::vector<std::uint32_t> freq, unsigned limit) {
    const std::size_t n = freq.size();
    std::vector<std::uint8_t> lengths(n, 0);
    for (;;) {
        struct Node {
            std::uint64_t weight;
            std::size_t index;  // < n: leaf; else internal node n + k
        };
        auto cmp = [](const Node& a, const Node& b) {
            return a.weight != b.weight ? a.weight > b.weight : a.index > b.index;  // deterministic
        };
        std::priority_queue<Node, std::vector<Node>, decltype(cmp)> queue(cmp);
        std::vector<std::size_t> parent;  // of leaves and internal nodes, by index
        parent.assign(n, SIZE_MAX);
        for (std::size_t s = 0; s < n; ++s) {
            if (freq[s] > 0) queue.push({freq[s], s});
        }
        if (queue.size() < 2) throw Error("pdf: deflate: an alphabet with fewer than two symbols");
        while (queue.size() > 1) {
            const Node a = queue.top();
            queue.pop();
            const Node b = queue.top();
            queue.pop();
            const std::size_t id = parent.size();
            parent.push_back(SIZE_MAX);
            parent[a.index] = id;
            parent[b.index] = id;
            queue.push({a.weight + b.weight, id});
        }
        unsigned longest = 0;
        for (std::size_t s = 0; s < n; ++s) {
            if (freq[s] == 0) {
                lengths[s] = 0;
                continue;
            }
            unsigned depth = 0;
            for (std::size_t p = parent[s]; p != SIZE_MAX; p = parent[p]) ++depth;
            lengths[s] = static_cast<std::uint8_t>(std::min(depth, 255u));
            longest = std::max(longest, depth);
        }
        if (longest <= limit) break;
        for (auto& f : freq) {
            if (f > 0) f = std::max<std::uint32_t>(1, f / 2);
        }
    }
    return code_from_lengths(std::move(lengths));
}

const Code& fixed_literal_code() {
    static const Code c = [] {
        std::vector<std::uint8_t> l(288, 8);
        std::fill(l.begin() + 144, l.begin() + 256, 9);
        std::fill(l.begin() + 256, l.begin() + 280, 7);
        return code_from_lengths(std::move(l));
    }();
    return c;
}

const Code& fixed_distance_code() {
    static const Code c = code_from_lengths(std::vector<std::uint8_t>(30, 5));
    return c;
}

[[noreturn]] void missing_code() { throw Error("pdf: deflate: symbol without a code"); }

inline void put_symbol(BitWriter& w, const Code& code, unsigned symbol) {
    const unsigned length = symbol < code.lengths.size() ? code.lengths[symbol] : 0;
    if (length == 0) missing_code();
    w.put(code.codes[symbol], length);
}

// A token: its code and extra bits go out in one put each for the length and the distance
// (a code is at most 15 bits and extra bits at most 13, so each fits in 32).
inline void put_token(BitWriter& w, Token tok, const Code& lit, const Code& dist, const SymbolTables& t) {
    if (tok.length == 0) {
        put_symbol(w, lit, tok.value);
        return;
    }
    const unsigned li = t.length[tok.length];
    const unsigned ls = 257 + li;
    const unsigned llen = ls < lit.lengths.size() ? lit.lengths[ls] : 0;
    const unsigned di = t.distance_symbol(tok.value);
    const unsigned dlen = di < dist.lengths.size() ? dist.lengths[di] : 0;
    if (llen == 0 || dlen == 0) missing_code();
    w.put(lit.codes[ls] | ((tok.length - kLengthBase[li]) << llen), llen + kLengthExtra[li]);
    w.put(dist.codes[di] | ((tok.value - kDistanceBase[di]) << dlen), dlen + kDistanceExtra[di]);
}

void put_tokens(BitWriter& w, const std::vector<Token>& tokens, const Code& lit, const Code& dist) {
    const SymbolTables& t = symbols();
    for (const Token& tok : tokens) put_token(w, tok, lit, dist, t);
}

void count_tokens(const std::vector<Token>& tokens, std::vector<std::uint32_t>& lit, std::vector<std::uint32_t>& dist) {
    const SymbolTables& t = symbols();
    for (const Token& tok : tokens) {
        if (tok.length == 0) {
            ++lit[tok.value];
        } else {
            ++lit[257 + t.length[tok.length]];
            ++dist[t.distance_symbol(tok.value)];
        }
    }
}

// ---------------------------------------------------------------------------
// LZ77.

// Length of the common prefix of `a` and `b`, at most `max` bytes (may overlap).
std::size_t match_length(const char* a, const char* b, std::size_t max) {
    std::size_t l = 0;
    for (; l + 8 <= max; l += 8) {
        std::uint64_t x = 0, y = 0;
        std::memcpy(&x, a + l, 8);
        std::memcpy(&y, b + l, 8);
        if (x != y) return l + static_cast<std::size_t>(__builtin_ctzll(x ^ y) / 8);  // little-endian
    }
    while (l < max && a[l] == b[l]) ++l;
    return l;
}

// Matches only at the given distances: cheap, and all that runs of zeros, tables of 16-bit
// entries and line-structured text need.
template <class Sink>
void run_parse(std::string_view d, std::initializer_list<unsigned> distances, Sink&& sink) {
    const std::size_t n = d.size();
    const char* p = d.data();
    for (std::size_t i = 0; i < n;) {
        std::size_t best = 0;
        unsigned best_distance = 0;
        const std::size_t max = std::min<std::size_t>(kMaxMatch, n - i);
        for (const unsigned dist : distances) {
            if (dist > i || p[i] != p[i - dist]) continue;
            const std::size_t l = match_length(p + i, p + i - dist, max);
            if (l > best) {
                best = l;
                best_distance = dist;
                if (l == max) break;
            }
        }
        if (best >= kMinMatch) {
            sink(Token{static_cast<std::uint16_t>(best), static_cast<std::uint16_t>(best_distance)});
            i += best;
        } else {
            sink(Token{0, static_cast<unsigned char>(p[i])});
            ++i;
        }
    }
}

// General LZ77 over `d` alone (no reference before its start): hash chains on three bytes,
// one step of lazy matching, as zlib does at its higher levels. Used once per face.
class Matcher {
public:
    std::vector<Token> parse(std::string_view d) {
        std::vector<Token> out;
        const std::size_t n = d.size();
        ++m_generation;
        if (n >= kNone) throw Error("pdf: deflate: segment too large");
        m_prev.assign(n, kNone);
        auto hash = [&d](std::size_t i) {  // multiplicative hash of three bytes, kHashBits wide
            const std::uint32_t v = static_cast<std::uint32_t>(static_cast<unsigned char>(d[i])) << 16 |
                                    static_cast<std::uint32_t>(static_cast<unsigned char>(d[i + 1])) << 8 |
                                    static_cast<unsigned char>(d[i + 2]);
            return (v * 2654435761u) >> (32 - kHashBits);
        };
        std::size_t inserted = 0;  // positions < inserted are in the chains
        auto insert_until = [&](std::size_t end) {
            for (; inserted < end && inserted + kMinMatch <= n; ++inserted) {
                const std::size_t h = hash(inserted);
                m_prev[inserted] = m_head_gen[h] == m_generation ? m_head[h] : kNone;
                m_head[h] = static_cast<std::uint32_t>(inserted);
                m_head_gen[h] = m_generation;
            }
        };
        auto longest = [&](std::size_t i, unsigned& distance) -> unsigned {
            if (i + kMinMatch > n) return 0;
            insert_until(i);
            const std::size_t h = hash(i);
            if (m_head_gen[h] != m_generation) return 0;
            unsigned best = 0;
            const std::size_t max = std::min<std::size_t>(kMaxMatch, n - i);
            int chain = kMaxChain;
            for (std::size_t j = m_head[h]; j != kNone && chain-- > 0; j = m_prev[j]) {
                if (i - j > kWindow) break;
                if (d[j + best] != d[i + best]) continue;
                const std::size_t l = match_length(d.data() + j, d.data() + i, max);
                if (l > best) {
                    best = static_cast<unsigned>(l);
                    distance = static_cast<unsigned>(i - j);
                    if (l >= std::min<std::size_t>(max, kNiceLength)) break;
                }
            }
            return best >= kMinMatch ? best : 0;
        };
        std::size_t i = 0;
        unsigned distance = 0;
        unsigned len = longest(i, distance);
        while (i < n) {
            if (len == 0) {
                out.push_back({0, static_cast<unsigned char>(d[i])});
                ++i;
                len = longest(i, distance);
                continue;
            }
            if (len < kLazyLimit) {  // does a longer match start one byte later?
                unsigned next_distance = 0;
                const unsigned next = longest(i + 1, next_distance);
                if (next > len) {
                    out.push_back({0, static_cast<unsigned char>(d[i])});
                    ++i;
                    len = next;
                    distance = next_distance;
                    continue;
                }
            }
            out.push_back({static_cast<std::uint16_t>(len), static_cast<std::uint16_t>(distance)});
            i += len;
            len = longest(i, distance);
        }
        return out;
    }

private:
    static constexpr unsigned kHashBits = 13;  // segments are a glyph or a few tables
    static constexpr std::size_t kHashSize = std::size_t{1} << kHashBits;
    static constexpr std::uint32_t kNone = UINT32_MAX;
    // Search limits as zlib's level 6; longer searches (chain 1024, no "nice" length, lazy
    // evaluation of every match) gave the same size on the benchmark document.
    static constexpr int kMaxChain = 128;
    static constexpr std::size_t kNiceLength = 128;
    static constexpr unsigned kLazyLimit = 32;
    std::vector<std::uint32_t> m_head = std::vector<std::uint32_t>(kHashSize);
    std::vector<std::uint32_t> m_head_gen = std::vector<std::uint32_t>(kHashSize, 0);
    std::uint32_t m_generation = 0;
    std::vector<std::uint32_t> m_prev;
};

// ---------------------------------------------------------------------------
// zlib framing.

void put_zlib_header(std::string& out) {
    out += static_cast<char>(0x78);  // deflate, 32 KB window
    out += static_cast<char>(0x9C);  // default level; (0x78 << 8 | 0x9C) % 31 == 0
}

void put_adler(std::string& out, std::uint32_t adler) {
    for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((adler >> shift) & 0xFF);
}

std::uint32_t adler_of(std::string_view d) {
    return static_cast<std::uint32_t>(
        adler32(adler32(0, nullptr, 0), reinterpret_cast<const Bytef*>(d.data()), static_cast<uInt>(d.size())));
}

// A fixed-Huffman block (BTYPE=01) of `data` parsed by run_parse, with its end-of-block code.
void put_fixed_block(BitWriter& w, std::string_view data, std::initializer_list<unsigned> distances, bool final) {
    w.put(final ? 1u : 0u, 1);
    w.put(1, 2);
    const Code& lit = fixed_literal_code();
    const Code& dist = fixed_distance_code();
    const SymbolTables& t = symbols();
    run_parse(data, distances, [&](Token tok) { put_token(w, tok, lit, dist, t); });
    put_symbol(w, lit, kEndOfBlock);
}

// The header of a dynamic block (BTYPE=10, RFC 1951 §3.2.7) for the two codes.
void put_dynamic_header(BitWriter& w, const Code& lit, const Code& dist, bool final) {
    std::size_t hlit = kLitLenSymbols;
    while (hlit > 257 && lit.lengths[hlit - 1] == 0) --hlit;
    std::size_t hdist = kDistanceSymbols;
    while (hdist > 1 && dist.lengths[hdist - 1] == 0) --hdist;
    std::vector<std::uint8_t> all(lit.lengths.begin(), lit.lengths.begin() + static_cast<std::ptrdiff_t>(hlit));
    all.insert(all.end(), dist.lengths.begin(), dist.lengths.begin() + static_cast<std::ptrdiff_t>(hdist));

    // Run-length code the lengths: 16 = repeat the previous 3–6 times, 17 = 3–10 zeros,
    // 18 = 11–138 zeros.
    struct Rle {
        std::uint8_t symbol;
        std::uint8_t extra;
    };
    std::vector<Rle> rle;
    for (std::size_t i = 0; i < all.size();) {
        const std::uint8_t v = all[i];
        std::size_t run = 1;
        while (i + run < all.size() && all[i + run] == v) ++run;
        std::size_t left = run;
        if (v == 0) {
            while (left >= 11) {
                const std::size_t k = std::min<std::size_t>(left, 138);
                rle.push_back({18, static_cast<std::uint8_t>(k - 11)});
                left -= k;
            }
            if (left >= 3) {
                rle.push_back({17, static_cast<std::uint8_t>(left - 3)});
                left = 0;
            }
        } else {
            rle.push_back({v, 0});
            --left;
            while (left >= 3) {
                const std::size_t k = std::min<std::size_t>(left, 6);
                rle.push_back({16, static_cast<std::uint8_t>(k - 3)});
                left -= k;
            }
        }
        for (; left > 0; --left) rle.push_back({v, 0});
        i += run;
    }
    std::vector<std::uint32_t> freq(19, 0);
    for (const auto& r : rle) ++freq[r.symbol];
    if (std::count_if(freq.begin(), freq.end(), [](std::uint32_t f) { return f > 0; }) < 2) {
        ++freq[freq[0] == 0 ? 0 : 1];
    }
    const Code cl = build_code(freq, 7);
    static constexpr std::array<std::uint8_t, 19> kOrder = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5,
                                                            11, 4,  12, 3, 13, 2, 14, 1, 15};
    std::size_t hclen = 19;
    while (hclen > 4 && cl.lengths[kOrder[hclen - 1]] == 0) --hclen;

    w.put(final ? 1u : 0u, 1);
    w.put(2, 2);
    w.put(static_cast<std::uint32_t>(hlit - 257), 5);
    w.put(static_cast<std::uint32_t>(hdist - 1), 5);
    w.put(static_cast<std::uint32_t>(hclen - 4), 4);
    for (std::size_t i = 0; i < hclen; ++i) w.put(cl.lengths[kOrder[i]], 3);
    for (const auto& r : rle) {
        put_symbol(w, cl, r.symbol);
        if (r.symbol == 16) w.put(r.extra, 2);
        else if (r.symbol == 17) w.put(r.extra, 3);
        else if (r.symbol == 18) w.put(r.extra, 7);
    }
}

// A glyph's bytes as the subset file holds them: zero-padded to a multiple of 4.
std::string padded_glyph(const TrueTypeProgram& program, std::uint16_t gid) {
    std::string bytes(program.glyph(gid));
    bytes.resize(program.padded_size(gid), '\0');
    return bytes;
}

}  // namespace flate

using namespace flate;

// Glyphs outside the eager set, coded the first time a document draws them (with the face's
// code, so the bits are the same as if they had been coded up front).
struct PrecodedFont::Lazy {
    std::mutex mutex;
    Code lit, dist;
    Matcher matcher;
    struct Glyph {
        std::string bits;
        Segment segment;
    };
    std::map<std::uint16_t, Glyph> glyphs;  // nodes never move: references stay valid
};

PrecodedFont::PrecodedFont() = default;
PrecodedFont::~PrecodedFont() = default;

std::shared_ptr<const PrecodedFont> PrecodedFont::build(const TrueTypeProgram& program,
                                                         const std::vector<std::uint8_t>& eager) {
    auto p = std::make_shared<PrecodedFont>();
    p->m_lazy = std::make_unique<Lazy>();
    Lazy& lazy = *p->m_lazy;
    const std::size_t n = program.num_glyphs();
    auto is_eager = [&eager](std::size_t g) { return eager.empty() || (g < eager.size() && eager[g]); };
    // Parse the eager glyphs and the fixed tables; their symbols decide the face's code.
    // Every symbol gets a code (count ≥ 1), so that any glyph can be coded later.
    std::vector<std::vector<Token>> glyph_tokens(n);
    std::vector<std::uint32_t> lit(kLitLenSymbols, 1), dist(kDistanceSymbols, 1);
    for (std::size_t g = 0; g < n; ++g) {
        if (!is_eager(g)) continue;
        glyph_tokens[g] = lazy.matcher.parse(padded_glyph(program, static_cast<std::uint16_t>(g)));
        count_tokens(glyph_tokens[g], lit, dist);
    }
    const std::vector<Token> fixed_tokens = lazy.matcher.parse(program.fixed_tables());
    count_tokens(fixed_tokens, lit, dist);
    lazy.lit = build_code(lit, 15);
    lazy.dist = build_code(dist, 15);

    auto add_segment = [&p](auto&& write, std::string_view bytes) {
        Segment s;
        s.byte_offset = p->m_bits.size();
        BitWriter w(p->m_bits);
        write(w);
        s.bit_count = w.finish();
        s.length = bytes.size();
        s.adler = adler_of(bytes);
        return s;
    };
    p->m_header = add_segment([&](BitWriter& w) { put_dynamic_header(w, lazy.lit, lazy.dist, true); }, {});
    p->m_fixed = add_segment([&](BitWriter& w) { put_tokens(w, fixed_tokens, lazy.lit, lazy.dist); },
                             program.fixed_tables());
    p->m_glyphs.resize(n);
    p->m_eager.assign(n, 0);
    for (std::size_t g = 0; g < n; ++g) {
        if (!is_eager(g)) continue;
        p->m_glyphs[g] = add_segment([&](BitWriter& w) { put_tokens(w, glyph_tokens[g], lazy.lit, lazy.dist); },
                                     padded_glyph(program, static_cast<std::uint16_t>(g)));
        p->m_eager[g] = 1;
    }
    p->m_end_of_block = lazy.lit.codes[kEndOfBlock];
    p->m_end_of_block_bits = lazy.lit.lengths[kEndOfBlock];
    p->m_bits.shrink_to_fit();
    return p;
}

std::string PrecodedFont::encode(const TrueTypeProgram& program, const TrueTypeProgram::Subset& subset) const {
    // The bit strings of the subset's glyphs: most were coded up front; the others are coded
    // (once per process) under the lock.
    std::vector<std::pair<const char*, const Segment*>> glyphs;
    glyphs.reserve(subset.glyphs.size());
    std::unique_lock<std::mutex> lock(m_lazy->mutex, std::defer_lock);
    for (const std::uint16_t g : subset.glyphs) {
        if (g < m_eager.size() && m_eager[g]) {
            glyphs.emplace_back(m_bits.data() + m_glyphs[g].byte_offset, &m_glyphs[g]);
            continue;
        }
        if (g >= m_glyphs.size()) throw Error("pdf: glyph outside the font program");
        if (!lock.owns_lock()) lock.lock();
        auto it = m_lazy->glyphs.find(g);
        if (it == m_lazy->glyphs.end()) {
            const std::string bytes = padded_glyph(program, g);
            Lazy::Glyph coded;
            BitWriter w(coded.bits);
            put_tokens(w, m_lazy->matcher.parse(bytes), m_lazy->lit, m_lazy->dist);
            coded.segment.bit_count = w.finish();
            coded.segment.length = bytes.size();
            coded.segment.adler = adler_of(bytes);
            it = m_lazy->glyphs.emplace(g, std::move(coded)).first;
        }
        glyphs.emplace_back(it->second.bits.data(), &it->second.segment);
    }
    if (lock.owns_lock()) lock.unlock();

    std::size_t bits = m_header.bit_count + m_fixed.bit_count;
    for (const auto& g : glyphs) bits += g.second->bit_count;
    std::string out;
    out.reserve(subset.prefix.size() / 2 + bits / 8 + 64);
    put_zlib_header(out);
    std::uint32_t adler = adler_of(subset.prefix);
    {
        BitWriter w(out);
        put_fixed_block(w, subset.prefix, {1, 2, 4}, false);
        auto put = [&](const char* data, const Segment& s) {
            w.append(data, s.bit_count);
            if (s.length > 0) {
                adler = static_cast<std::uint32_t>(adler32_combine(adler, s.adler, static_cast<z_off_t>(s.length)));
            }
        };
        put(m_bits.data() + m_header.byte_offset, m_header);
        put(m_bits.data() + m_fixed.byte_offset, m_fixed);
        for (const auto& g : glyphs) put(g.first, *g.second);
        w.put(m_end_of_block, static_cast<unsigned>(m_end_of_block_bits));
        w.finish();
    }
    put_adler(out, adler);
    return out;
}

std::size_t PrecodedFont::eager_glyphs() const noexcept {
    return static_cast<std::size_t>(std::count(m_eager.begin(), m_eager.end(), 1));
}

std::size_t PrecodedFont::lazy_glyphs() const {
    std::lock_guard<std::mutex> lock(m_lazy->mutex);
    return m_lazy->glyphs.size();
}

std::size_t PrecodedFont::memory_bytes() const {
    std::lock_guard<std::mutex> lock(m_lazy->mutex);
    std::size_t lazy = 0;
    for (const auto& [g, coded] : m_lazy->glyphs) lazy += coded.bits.capacity() + sizeof(coded) + 32;
    return sizeof(*this) + m_bits.capacity() + m_glyphs.capacity() * sizeof(Segment) + m_eager.capacity() + lazy;
}

}  // namespace hoso::pdf::detail
