#include "docx/detail/metrics.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <cstddef>
#include <cstdint>
#include <iterator>

#include "docx/detail/text.h"

namespace hoso::docx::detail {

namespace {

struct Advance {
    std::uint32_t cp;
    std::uint16_t face[4];  // Regular, Bold, Italic, BoldItalic
};

constexpr Advance kTable[] = {
#include "docx/detail/metrics_table.inc"
};

constexpr int kUnknownAdvance = 500;

// The table starts with U+0020–U+007E and U+00A0–U+00FF without gaps: those code points
// (nearly all the text there is) are found by subtraction.
// So do U+1EA0–U+1EF9 (Vietnamese letters with two marks, "Latin Extended Additional"),
// found from where the table holds U+1EA0.
constexpr std::size_t kLatin1Start = 0x7F - 0x20;
constexpr std::size_t index_of(char32_t cp) {
    std::size_t i = 0;
    while (i < std::size(kTable) && kTable[i].cp != cp) ++i;
    return i;
}
constexpr std::size_t kVietStart = index_of(0x1EA0);
constexpr bool dense_runs() {
    for (char32_t c = 0x20; c < 0x7F; ++c) {
        if (kTable[c - 0x20].cp != c) return false;
    }
    for (char32_t c = 0xA0; c <= 0xFF; ++c) {
        if (kTable[kLatin1Start + (c - 0xA0)].cp != c) return false;
    }
    for (char32_t c = 0x1EA0; c <= 0x1EF9; ++c) {
        if (kVietStart + (c - 0x1EA0) >= std::size(kTable) || kTable[kVietStart + (c - 0x1EA0)].cp != c) return false;
    }
    return true;
}
static_assert(dense_runs(), "metrics_table.inc must hold U+0020-U+007E, U+00A0-U+00FF, U+1EA0-U+1EF9 without gaps");

// U+0100–U+01FF holds the other Vietnamese letters (ă đ ĩ ũ ơ ư and capitals), with gaps:
// their table index, or kNone.
constexpr std::uint16_t kNone = 0xFFFF;
constexpr std::array<std::uint16_t, 0x100> latin_extended_index() {
    std::array<std::uint16_t, 0x100> index{};
    for (auto& i : index) i = kNone;
    for (std::size_t i = 0; i < std::size(kTable); ++i) {
        if (kTable[i].cp >= 0x100 && kTable[i].cp < 0x200) index[kTable[i].cp - 0x100] = static_cast<std::uint16_t>(i);
    }
    return index;
}
constexpr std::array<std::uint16_t, 0x100> kLatinExtendedIndex = latin_extended_index();

constexpr int face_of(bool bold, bool italic) { return (bold ? 1 : 0) + (italic ? 2 : 0); }

// The width of `text` in 1/1000 em, measured until it passes `stop` (then the width so far).
// ASCII, nearly all the bytes, is looked up in line; the rest through advance_1000.
long units_until(std::string_view text, bool bold, bool italic, long stop) noexcept {
    const int face = face_of(bold, italic);
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    long total = 0;
    for (std::size_t i = 0; i < n;) {
        const unsigned b = p[i];
        if (b >= 0x20 && b < 0x7F) {
            total += kTable[b - 0x20].face[face];
            ++i;
        } else if (b == 0xE1 && i + 2 < n && (p[i + 1] == 0xBA || p[i + 1] == 0xBB) && (p[i + 2] & 0xC0) == 0x80 &&
                   (p[i + 1] == 0xBB || p[i + 2] >= 0xA0) && (p[i + 1] == 0xBA || p[i + 2] <= 0xB9)) {
            // U+1EA0-U+1EF9 (E1 BA A0 - E1 BB B9): the Vietnamese letters with two marks.
            const unsigned cp = 0x1E00u | ((p[i + 1] & 0x3Fu) << 6) | (p[i + 2] & 0x3Fu);
            total += kTable[kVietStart + (cp - 0x1EA0)].face[face];
            i += 3;
        } else {
            total += advance_1000(next_code_point(text, i), bold, italic);
        }
        if (total > stop) break;
    }
    return total;
}

}  // namespace

int advance_1000(char32_t cp, bool bold, bool italic) noexcept {
    const int face = face_of(bold, italic);
    if (cp >= 0x20 && cp < 0x7F) return kTable[cp - 0x20].face[face];
    if (cp >= 0xA0 && cp <= 0xFF) return kTable[kLatin1Start + (cp - 0xA0)].face[face];
    if (cp >= 0x1EA0 && cp <= 0x1EF9) return kTable[kVietStart + (cp - 0x1EA0)].face[face];
    if (cp >= 0x100 && cp < 0x200) {
        const std::uint16_t i = kLatinExtendedIndex[cp - 0x100];
        return i == kNone ? kUnknownAdvance : kTable[i].face[face];
    }
    const auto* it = std::lower_bound(std::begin(kTable), std::end(kTable), cp,
                                      [](const Advance& a, char32_t c) { return a.cp < c; });
    if (it == std::end(kTable) || it->cp != cp) return kUnknownAdvance;
    return it->face[face];
}

double text_width(std::string_view text, double size, bool bold, bool italic) noexcept {
    const long total = units_until(text, bold, italic, std::numeric_limits<long>::max());
    return static_cast<double>(total) * size / 1000.0;
}

double text_width_until(std::string_view text, double size, bool bold, bool italic, double limit) noexcept {
    if (!(size > 0)) return text_width(text, size, bold, italic);
    // Advances are never negative: once the running total passes the limit (plus one unit
    // against rounding) the whole text is wider than the limit too. The total is a whole
    // number: passing `stop` is passing floor(stop) (clamped to the range of long).
    const double stop = std::floor(limit * 1000.0 / size + 1.0);
    long stop_units = std::numeric_limits<long>::max();
    if (!(stop < 9.0e18)) {
        stop_units = std::numeric_limits<long>::max();
    } else if (stop < -9.0e18) {
        stop_units = std::numeric_limits<long>::min();
    } else {
        stop_units = static_cast<long>(stop);
    }
    const long total = units_until(text, bold, italic, stop_units);
    return static_cast<double>(total) * size / 1000.0;
}

}  // namespace hoso::docx::detail
