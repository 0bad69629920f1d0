#include "docx/detail/breaks.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstring>
#include <string_view>

#include "text/text.h"

namespace hoso::docx::detail {

namespace {

std::size_t sequence_length(unsigned char b) {
    if (b < 0x80) return 1;
    if ((b & 0xE0) == 0xC0) return 2;
    if ((b & 0xF0) == 0xE0) return 3;
    return 4;
}

// Whether the code point at `p` (`len` bytes) is one after which Word or LibreOffice may
// break inside a word: '-', '/', '\', or U+2010–U+2014 (hyphen, non-breaking hyphen —
// harmless —, figure dash, en dash, em dash: E2 80 90–94).
bool breaks_after(const char* p, std::size_t len) {
    if (len == 1) return *p == '-' || *p == '/' || *p == '\\';
    return len == 3 && static_cast<unsigned char>(p[0]) == 0xE2 && static_cast<unsigned char>(p[1]) == 0x80 &&
           static_cast<unsigned char>(p[2]) >= 0x90 && static_cast<unsigned char>(p[2]) <= 0x94;
}

// The bytes keep_unbreakable stops at: a space, or the first byte of a mark breaks_after
// may accept.
constexpr std::array<bool, 256> needs_look() {
    std::array<bool, 256> look{};
    for (unsigned char c : {' ', '-', '/', '\\', '\xE2'}) look[c] = true;
    return look;
}
constexpr std::array<bool, 256> kNeedsLook = needs_look();

// One rewrite of the whole text, at byte offsets of it: the spaces [begin, end) become
// no-break spaces, or (joiner) a word joiner goes after the mark [begin, end).
struct Edit {
    std::size_t begin;
    std::size_t end;
    bool joiner;
};

}  // namespace

void keep_unbreakable(std::vector<std::string>& pieces) {
    // The whole text: the only piece itself, or the pieces joined.
    std::string joined;
    std::string_view all;
    if (pieces.size() == 1) {
        all = pieces.front();
    } else {
        std::size_t total = 0;
        for (const auto& p : pieces) total += p.size();
        joined.reserve(total);
        for (const auto& p : pieces) joined += p;
        all = joined;
    }
    if (all.empty()) return;

    // A space run can only be protected if some token precedes it and one follows it.
    const std::size_t first_token = all.find_first_not_of(' ');
    const bool inner_space = first_token != std::string::npos && all.find(' ', first_token) != std::string::npos;
    std::vector<std::size_t> allowed;
    if (inner_space) allowed = text::break_opportunities(all);

    // Decide over the whole text (edits come out in increasing order). Only a space or a
    // possible break mark ('-', '/', '\\', and U+2010-U+2014, whose UTF-8 starts with E2)
    // needs a look; the bytes between are token bytes (the text is valid UTF-8, so a skip
    // over them ends on the first byte of a character).
    std::vector<Edit> edits;
    auto next_allowed = allowed.begin();  // the runs come in increasing order
    bool seen_token = false;
    const std::size_t n = all.size();
    const auto* bytes = reinterpret_cast<const unsigned char*>(all.data());
    for (std::size_t i = 0; i < n;) {
        if (!kNeedsLook[bytes[i]]) {
            seen_token = true;
            do ++i;
            while (i < n && !kNeedsLook[bytes[i]]);
            continue;
        }
        if (all[i] == ' ') {
            // A run of spaces: the break would fall at the next token's first byte.
            std::size_t j = i;
            while (j < n && all[j] == ' ') ++j;
            if (seen_token && j < n) {
                next_allowed = std::lower_bound(next_allowed, allowed.end(), j);
                if (next_allowed == allowed.end() || *next_allowed != j) edits.push_back(Edit{i, j, false});
            }
            i = j;
            continue;
        }
        seen_token = true;
        const std::size_t len = std::min(sequence_length(bytes[i]), n - i);
        const std::size_t next = i + len;
        if (next < n && all[next] != ' ' && breaks_after(all.data() + i, len)) edits.push_back(Edit{i, next, true});
        i = next;
    }
    if (edits.empty()) return;

    // Rewrite the pieces the edits touch. Pieces hold whole code points, so a mark lies in
    // one piece; a run of spaces may span several and is cut at their edges.
    const std::size_t nbsp_len = std::strlen(kNoBreakSpace), joiner_len = std::strlen(kWordJoiner);
    std::size_t offset = 0;
    auto e = edits.begin();
    for (auto& p : pieces) {
        const std::size_t end = offset + p.size();
        if (e == edits.end() || e->begin >= end) {
            offset = end;
            continue;
        }
        std::string out;
        out.reserve(p.size() + 16);
        std::size_t copied = offset;  // bytes of `all` up to here are in `out`
        for (; e != edits.end() && e->begin < end; ++e) {
            const std::size_t from = std::max(e->begin, offset);
            if (e->joiner) {
                out.append(all, copied, e->end - copied);
                out.append(kWordJoiner, joiner_len);
                copied = e->end;
            } else {
                const std::size_t to = std::min(e->end, end);
                out.append(all, copied, from - copied);
                for (std::size_t k = from; k < to; ++k) out.append(kNoBreakSpace, nbsp_len);
                copied = to;
                if (e->end > end) break;  // the run goes on in the next piece
            }
        }
        out.append(all, copied, end - copied);
        p = std::move(out);
        offset = end;
    }
}

}  // namespace hoso::docx::detail
