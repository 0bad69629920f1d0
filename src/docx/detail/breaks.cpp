#include "docx/detail/breaks.h"

#include <algorithm>
#include <cstddef>

#include "text/text.h"

namespace hoso::docx::detail {

namespace {

std::size_t sequence_length(unsigned char b) {
    if (b < 0x80) return 1;
    if ((b & 0xE0) == 0xC0) return 2;
    if ((b & 0xF0) == 0xE0) return 3;
    return 4;
}

// Characters after which Word or LibreOffice may break inside a word.
bool breaks_after(std::string_view ch) {
    static const std::string_view kMarks[] = {
        "-", "/", "\\",
        "\xE2\x80\x90",  // U+2010 hyphen
        "\xE2\x80\x91",  // U+2011 non-breaking hyphen (harmless)
        "\xE2\x80\x92",  // U+2012 figure dash
        "\xE2\x80\x93",  // U+2013 en dash
        "\xE2\x80\x94",  // U+2014 em dash
    };
    return std::find(std::begin(kMarks), std::end(kMarks), ch) != std::end(kMarks);
}

}  // namespace

void keep_unbreakable(std::vector<std::string>& pieces) {
    std::string all;
    for (const auto& p : pieces) all += p;
    if (all.empty()) return;
    const std::vector<std::size_t> allowed = text::break_opportunities(all);

    // Decide per byte offset (the start of each code point) of the whole text.
    std::vector<char> nbsp(all.size(), 0), joiner(all.size(), 0);
    bool seen_token = false;
    for (std::size_t i = 0; i < all.size();) {
        const std::size_t len = std::min(sequence_length(static_cast<unsigned char>(all[i])), all.size() - i);
        if (all[i] == ' ') {
            // A run of spaces: the break would fall at the next token's first byte.
            std::size_t j = i;
            while (j < all.size() && all[j] == ' ') ++j;
            if (seen_token && j < all.size() && !std::binary_search(allowed.begin(), allowed.end(), j)) {
                for (std::size_t k = i; k < j; ++k) nbsp[k] = 1;
            }
            i = j;
            continue;
        }
        seen_token = true;
        const std::size_t next = i + len;
        if (next < all.size() && all[next] != ' ' && breaks_after(std::string_view(all).substr(i, len))) {
            joiner[i] = 1;
        }
        i = next;
    }

    // Rewrite each piece with the decisions taken on the whole.
    std::size_t offset = 0;
    for (auto& p : pieces) {
        std::string out;
        out.reserve(p.size() + 8);
        for (std::size_t i = 0; i < p.size();) {
            const std::size_t len = std::min(sequence_length(static_cast<unsigned char>(p[i])), p.size() - i);
            const std::size_t g = offset + i;
            if (nbsp[g]) {
                out += kNoBreakSpace;
            } else {
                out.append(p, i, len);
                if (joiner[g]) out += kWordJoiner;
            }
            i += len;
        }
        offset += p.size();
        p = std::move(out);
    }
}

}  // namespace hoso::docx::detail
