#include "docx/detail/metrics.h"

#include <algorithm>
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

}  // namespace

int advance_1000(char32_t cp, bool bold, bool italic) noexcept {
    const auto* it = std::lower_bound(std::begin(kTable), std::end(kTable), cp,
                                      [](const Advance& a, char32_t c) { return a.cp < c; });
    if (it == std::end(kTable) || it->cp != cp) return kUnknownAdvance;
    const int face = (bold ? 1 : 0) + (italic ? 2 : 0);
    return it->face[face];
}

double text_width(std::string_view text, double size, bool bold, bool italic) noexcept {
    long total = 0;
    for_each_code_point(text, [&](char32_t cp) { total += advance_1000(cp, bold, italic); });
    return static_cast<double>(total) * size / 1000.0;
}

}  // namespace hoso::docx::detail
