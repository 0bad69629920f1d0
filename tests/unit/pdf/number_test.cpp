// pdf internals: numbers in content streams are written exactly as libharu's HPDF_FToA
// writes them (the page operators hoso used to call), so output stays byte-identical.
#include <catch2/catch.hpp>

#include <hpdf.h>
#include <hpdf_utils.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "pdf/detail/hpdf_doc.h"

namespace {

std::string harud(double v) {
    std::array<char, 64> buf{};
    const char* end = HPDF_FToA(buf.data(), static_cast<HPDF_REAL>(v), buf.data() + buf.size() - 1);
    return std::string(buf.data(), static_cast<std::size_t>(end - buf.data()));
}

std::string ours(double v) {
    std::string s;
    hoso::pdf::detail::append_real(s, v);
    return s;
}

}  // namespace

TEST_CASE("pdf numbers: append_real equals HPDF_FToA on edge values", "[pdf][number]") {
    const std::vector<double> edges = {0,        -0.0,       1,          -1,          0.5,         0.25,       1e-6,
                                       -1e-6,    0.000005,   0.0000049,  0.0000051,   4.999995,    5.000005,   2.9999949,
                                       2.999995, 69.14209,   191.304,    595.28,      841.89,      1.33301,    120.5,
                                       32767,    32767.5,    32768,      -32767,      -32768,      1e9,        -1e9,
                                       0.1,      0.2,        0.3,        99999.99999, 12345.67891, 0.99999,    0.999995,
                                       0.9999951, 9.99999,   10,         100,         1000.00001,  -0.4,       -123.456};
    for (const double v : edges) {
        INFO(v);
        CHECK(ours(v) == harud(v));
    }
    CHECK(ours(20) == "20");
    CHECK(ours(0.5) == "0.5");
    CHECK(ours(69.14209) == "69.14209");
}

TEST_CASE("pdf numbers: append_real equals HPDF_FToA on a million pseudo-random floats", "[pdf][number]") {
    std::uint64_t x = 88172645463325252ull;
    auto next = [&x] {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        return x;
    };
    int mismatches = 0;
    for (int i = 0; i < 1000000 && mismatches < 10; ++i) {
        double v = 0;
        switch (i % 4) {
            case 0: v = static_cast<double>(next() % 100000000) / 100000.0; break;         // 0 … 1000, 5 decimals
            case 1: v = (static_cast<double>(next() % 2000000000) - 1e9) / 1e5; break;     // ±10000
            case 2: v = static_cast<double>(next() % 1000000) / 1e6; break;                // 0 … 1
            default: {                                                                    // any finite float
                const auto bits = static_cast<std::uint32_t>(next());
                float f = 0;
                std::memcpy(&f, &bits, sizeof f);
                if (!std::isfinite(f)) continue;
                v = f;
            }
        }
        if (ours(v) != harud(v)) {
            ++mismatches;
            FAIL_CHECK("differs for " << v << ": " << ours(v) << " vs " << harud(v));
        }
    }
    CHECK(mismatches == 0);
}
