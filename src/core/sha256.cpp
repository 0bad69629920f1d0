// SHA-256 (FIPS 180-4), dependency-free: hoso needs it to fingerprint the files it writes
// in a batch manifest. On x86-64 processors with the SHA extensions (Intel since Goldmont
// and Ice Lake, AMD since Zen) the block function uses them, chosen at run time; elsewhere
// the portable one runs. Both give the same digest (tests/unit/core compares them).
#include <array>
#include <cstdint>

#include "core/core.h"
#include "core/detail/sha256.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define HOSO_SHA_NI 1
#include <cpuid.h>
#include <immintrin.h>
#endif

namespace hoso {

namespace {

constexpr std::array<std::uint32_t, 64> kRound = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

constexpr std::uint32_t rotr(std::uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

void compress(std::array<std::uint32_t, 8>& h, const unsigned char* block) {
    std::array<std::uint32_t, 64> w{};
    for (int i = 0; i < 16; ++i) {
        w[static_cast<std::size_t>(i)] = static_cast<std::uint32_t>(block[4 * i]) << 24 |
                                         static_cast<std::uint32_t>(block[4 * i + 1]) << 16 |
                                         static_cast<std::uint32_t>(block[4 * i + 2]) << 8 |
                                         static_cast<std::uint32_t>(block[4 * i + 3]);
    }
    for (std::size_t i = 16; i < 64; ++i) {
        const std::uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
        const std::uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
    for (std::size_t i = 0; i < 64; ++i) {
        const std::uint32_t t1 = k + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + kRound[i] + w[i];
        const std::uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        k = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += k;
}

#ifdef HOSO_SHA_NI
// The same 64 rounds with the SHA instructions. The state lives in two registers in the
// order the instructions want: ABEF and CDGH (A in the highest lane); each
// _mm_sha256rnds2_epu32 does two rounds with the two low words of its message argument
// (message words already plus their round constants); _mm_sha256msg1/msg2 extend the
// message schedule four words at a time (W[i] = σ1(W[i-2]) + W[i-7] + σ0(W[i-15]) + W[i-16]).
__attribute__((target("sha,sse4.1,ssse3"))) void compress_sha_ni(std::array<std::uint32_t, 8>& h,
                                                                  const unsigned char* data, std::size_t blocks) {
    const __m128i byte_swap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
    __m128i abcd = _mm_loadu_si128(reinterpret_cast<const __m128i*>(h.data()));      // lanes 0..3: a b c d
    __m128i efgh = _mm_loadu_si128(reinterpret_cast<const __m128i*>(h.data() + 4));  // e f g h
    abcd = _mm_shuffle_epi32(abcd, 0xB1);                                             // b a d c
    efgh = _mm_shuffle_epi32(efgh, 0x1B);                                             // h g f e
    __m128i abef = _mm_alignr_epi8(abcd, efgh, 8);                                    // f e b a
    __m128i cdgh = _mm_blend_epi16(efgh, abcd, 0xF0);                                 // h g d c
    for (std::size_t b = 0; b < blocks; ++b, data += 64) {
        const __m128i saved_abef = abef;
        const __m128i saved_cdgh = cdgh;
        __m128i w[4];
        for (int i = 0; i < 4; ++i) {
            w[i] = _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(data + 16 * i)), byte_swap);
        }
        for (int i = 0; i < 16; ++i) {  // rounds 4i .. 4i+3 use w[i % 4] = W[4i .. 4i+3]
            __m128i& cur = w[i % 4];
            if (i >= 4) {
                // W[4i..4i+3] from W[4i-16..4i-13] (cur), W[4i-12..] (next), W[4i-7..4i-4]
                // and W[4i-4..4i-1] (previous).
                const __m128i& next = w[(i + 1) % 4];
                const __m128i& prev2 = w[(i + 2) % 4];
                const __m128i& prev = w[(i + 3) % 4];
                cur = _mm_sha256msg1_epu32(cur, next);
                cur = _mm_add_epi32(cur, _mm_alignr_epi8(prev, prev2, 4));
                cur = _mm_sha256msg2_epu32(cur, prev);
            }
            __m128i k = _mm_add_epi32(
                cur, _mm_loadu_si128(reinterpret_cast<const __m128i*>(kRound.data() + 4 * static_cast<std::size_t>(i))));
            cdgh = _mm_sha256rnds2_epu32(cdgh, abef, k);
            k = _mm_shuffle_epi32(k, 0x0E);
            abef = _mm_sha256rnds2_epu32(abef, cdgh, k);
        }
        abef = _mm_add_epi32(abef, saved_abef);
        cdgh = _mm_add_epi32(cdgh, saved_cdgh);
    }
    const __m128i feba = _mm_shuffle_epi32(abef, 0x1B);  // a b e f
    const __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);  // g h c d
    _mm_storeu_si128(reinterpret_cast<__m128i*>(h.data()), _mm_blend_epi16(feba, dchg, 0xF0));     // a b c d
    _mm_storeu_si128(reinterpret_cast<__m128i*>(h.data() + 4), _mm_alignr_epi8(dchg, feba, 8));   // e f g h
}

bool cpu_has_sha_ni() {
    unsigned a = 0, b = 0, c = 0, d = 0;
    if (__get_cpuid(1, &a, &b, &c, &d) == 0) return false;
    const bool ssse3 = (c & (1u << 9)) != 0, sse41 = (c & (1u << 19)) != 0;
    if (__get_cpuid_count(7, 0, &a, &b, &c, &d) == 0) return false;
    const bool sha = (b & (1u << 29)) != 0;
    return ssse3 && sse41 && sha;
}
#endif

void compress_portable(std::array<std::uint32_t, 8>& h, const unsigned char* data, std::size_t blocks) {
    for (std::size_t i = 0; i < blocks; ++i) compress(h, data + 64 * i);
}

using CompressFn = void (*)(std::array<std::uint32_t, 8>&, const unsigned char*, std::size_t);

std::string digest_hex(std::string_view bytes, CompressFn compress_blocks) {
    std::array<std::uint32_t, 8> h = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                      0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
    const std::size_t full = bytes.size() / 64;
    compress_blocks(h, data, full);
    // Final blocks: the rest, 0x80, zero padding, and the length in bits (big-endian).
    std::array<unsigned char, 128> tail{};
    const std::size_t rest = bytes.size() % 64;
    for (std::size_t i = 0; i < rest; ++i) tail[i] = data[64 * full + i];
    tail[rest] = 0x80;
    const std::size_t tail_len = rest < 56 ? 64 : 128;
    const std::uint64_t bits = static_cast<std::uint64_t>(bytes.size()) * 8;
    for (int i = 0; i < 8; ++i) {
        tail[tail_len - 1 - static_cast<std::size_t>(i)] = static_cast<unsigned char>(bits >> (8 * i));
    }
    compress_blocks(h, tail.data(), tail_len / 64);
    static const char* hex = "0123456789abcdef";
    std::string out;
    out.reserve(64);
    for (std::uint32_t v : h) {
        for (int shift = 28; shift >= 0; shift -= 4) out += hex[(v >> shift) & 0xf];
    }
    return out;
}

}  // namespace

namespace detail {

std::string sha256_hex_portable(std::string_view bytes) { return digest_hex(bytes, compress_portable); }

bool sha256_has_accelerated() noexcept {
#ifdef HOSO_SHA_NI
    static const bool has = cpu_has_sha_ni();
    return has;
#else
    return false;
#endif
}

std::string sha256_hex_accelerated(std::string_view bytes) {
#ifdef HOSO_SHA_NI
    if (sha256_has_accelerated()) return digest_hex(bytes, compress_sha_ni);
#endif
    return sha256_hex_portable(bytes);
}

}  // namespace detail

std::string sha256_hex(std::string_view bytes) { return detail::sha256_hex_accelerated(bytes); }

}  // namespace hoso
