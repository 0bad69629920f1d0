#include "docx/detail/crc32.h"

#include <zlib.h>

#include <cstddef>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define HOSO_DOCX_CRC_FOLD 1
#include <immintrin.h>
#endif

namespace hoso::docx::detail {

namespace {

std::uint32_t zlib_crc(std::uint32_t crc, const unsigned char* p, std::size_t n) noexcept {
    return static_cast<std::uint32_t>(crc32_z(crc, p, n));
}

#ifdef HOSO_DOCX_CRC_FOLD

// The message, read as one polynomial over GF(2) (bit-reflected: bit 0 of the first byte is
// its highest term), is reduced 128 bits at a time without changing its CRC: a 16-byte block
// that stands D bits before the block it is added to is replaced by the carry-less products
// of its first eight bytes with x^(D+32) mod P and of its last eight with x^(D-32) mod P
// (P the CRC-32 polynomial), 96 bits that fit in the later block. The constants are those
// residues bit-reflected and shifted left by one (PCLMULQDQ's product of reflected operands
// comes out one bit low); crc32_test.cpp checks the result against zlib for every length
// and offset that exercises them.
// {first eight bytes, last eight} for D = 512 (four blocks ahead) and D = 128 (the next).
constexpr long long kFold512Low = 0x154442bd4, kFold512High = 0x1c6e41596;
constexpr long long kFold128Low = 0x1751997d0, kFold128High = 0x0ccaa009e;

__attribute__((target("pclmul,sse2"))) inline __m128i fold(__m128i x, __m128i k) {
    return _mm_xor_si128(_mm_clmulepi64_si128(x, k, 0x00), _mm_clmulepi64_si128(x, k, 0x11));
}

__attribute__((target("pclmul,sse2"))) inline __m128i load(const unsigned char* p) {
    return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
}

// Requires n >= 64.
__attribute__((target("pclmul,sse2"))) std::uint32_t folded_crc(const unsigned char* p, std::size_t n) noexcept {
    // zlib's crc32(0, …) starts the register at ~0: the same as adding ~0 to the message's
    // first 32 bits and starting from 0, which is what folding needs.
    __m128i x0 = _mm_xor_si128(load(p), _mm_cvtsi32_si128(-1));
    __m128i x1 = load(p + 16), x2 = load(p + 32), x3 = load(p + 48);
    p += 64;
    n -= 64;
    const __m128i k512 = _mm_set_epi64x(kFold512High, kFold512Low);
    for (; n >= 64; p += 64, n -= 64) {
        x0 = _mm_xor_si128(fold(x0, k512), load(p));
        x1 = _mm_xor_si128(fold(x1, k512), load(p + 16));
        x2 = _mm_xor_si128(fold(x2, k512), load(p + 32));
        x3 = _mm_xor_si128(fold(x3, k512), load(p + 48));
    }
    const __m128i k128 = _mm_set_epi64x(kFold128High, kFold128Low);
    x0 = _mm_xor_si128(fold(x0, k128), x1);
    x0 = _mm_xor_si128(fold(x0, k128), x2);
    x0 = _mm_xor_si128(fold(x0, k128), x3);
    for (; n >= 16; p += 16, n -= 16) x0 = _mm_xor_si128(fold(x0, k128), load(p));
    // What is left has the CRC of the whole message from a zero register: zlib finishes it
    // (crc32(~0, …) starts from zero and ends with the usual inversion).
    alignas(16) unsigned char rest[16];
    _mm_store_si128(reinterpret_cast<__m128i*>(rest), x0);
    return zlib_crc(zlib_crc(0xFFFFFFFFu, rest, sizeof rest), p, n);
}

bool has_pclmul() noexcept {
    static const bool yes = __builtin_cpu_supports("pclmul") && __builtin_cpu_supports("sse2");
    return yes;
}

#endif

}  // namespace

std::uint32_t crc32_zlib(std::string_view data) noexcept {
    return zlib_crc(0, reinterpret_cast<const unsigned char*>(data.data()), data.size());
}

std::uint32_t crc32(std::string_view data) noexcept {
#ifdef HOSO_DOCX_CRC_FOLD
    if (data.size() >= 64 && has_pclmul()) {
        return folded_crc(reinterpret_cast<const unsigned char*>(data.data()), data.size());
    }
#endif
    return crc32_zlib(data);
}

}  // namespace hoso::docx::detail
