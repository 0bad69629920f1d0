// TrueType reader: just the tables hoso needs (head, hhea, hmtx, maxp, OS/2, name, cmap).
// Every read is bounds-checked; a malformed file becomes hoso::IoError naming the file.
#include "font/font.h"

#include <algorithm>
#include <cstring>
#include <array>
#include <map>

#include "core/core.h"

namespace hoso::font {

namespace {

constexpr std::size_t kBmpSize = 0x10000;
constexpr char32_t kMaxCodePoint = 0x10FFFF;
// Upper bound on supplementary-plane mappings we keep (a crafted cmap could map every code
// point); real fonts have at most a few thousand.
constexpr std::size_t kMaxAstral = 0x20000;
constexpr std::size_t kMaxCmapWork = std::size_t{1} << 22;

// Big-endian reader over the whole file. Offsets are absolute; any read past the end (or
// past the end of the table being read) throws.
class Reader {
public:
    Reader(const std::string& bytes, const std::string& name) : m_bytes(bytes), m_name(name) {}

    [[noreturn]] void fail(const std::string& what) const {
        throw IoError(m_name, "tệp phông chữ TrueType hỏng (malformed TrueType font: " + what + ")");
    }

    void need(std::size_t offset, std::size_t length, const char* what) const {
        if (offset > m_bytes.size() || length > m_bytes.size() - offset) {
            fail(std::string(what) + " lies outside the file");
        }
    }
    std::uint8_t u8(std::size_t offset) const {
        need(offset, 1, "data");
        return static_cast<std::uint8_t>(m_bytes[offset]);
    }
    std::uint16_t u16(std::size_t offset) const {
        need(offset, 2, "data");
        return static_cast<std::uint16_t>((byte(offset) << 8) | byte(offset + 1));
    }
    std::int16_t s16(std::size_t offset) const { return static_cast<std::int16_t>(u16(offset)); }
    std::uint32_t u32(std::size_t offset) const {
        need(offset, 4, "data");
        return (std::uint32_t{byte(offset)} << 24) | (std::uint32_t{byte(offset + 1)} << 16) |
               (std::uint32_t{byte(offset + 2)} << 8) | std::uint32_t{byte(offset + 3)};
    }
    std::string_view slice(std::size_t offset, std::size_t length) const {
        need(offset, length, "string");
        return std::string_view(m_bytes).substr(offset, length);
    }
    std::size_t size() const noexcept { return m_bytes.size(); }

private:
    std::uint8_t byte(std::size_t i) const noexcept { return static_cast<std::uint8_t>(m_bytes[i]); }
    const std::string& m_bytes;
    const std::string& m_name;
};

struct Table {
    std::size_t offset = 0;
    std::size_t length = 0;
};

std::uint32_t tag(const char (&s)[5]) {
    return (std::uint32_t(static_cast<unsigned char>(s[0])) << 24) |
           (std::uint32_t(static_cast<unsigned char>(s[1])) << 16) |
           (std::uint32_t(static_cast<unsigned char>(s[2])) << 8) |
           std::uint32_t(static_cast<unsigned char>(s[3]));
}

// Decodes one UTF-8 sequence at `i`; advances `i`. Returns U+FFFFFFFF for an invalid
// sequence (one byte is consumed), which no font maps.
constexpr char32_t kInvalid = 0xFFFFFFFF;
char32_t next_code_point(std::string_view s, std::size_t& i) noexcept {
    return hoso::next_code_point(s, i, kInvalid);
}

std::string decode_name(std::string_view raw, std::uint16_t platform) {
    std::string out;
    if (platform == 0 || platform == 3) {  // UTF-16BE; PostScript names are ASCII
        for (std::size_t i = 0; i + 1 < raw.size(); i += 2) {
            const auto hi = static_cast<unsigned char>(raw[i]);
            const auto lo = static_cast<unsigned char>(raw[i + 1]);
            if (hi == 0 && lo >= 0x21 && lo < 0x7F) out += static_cast<char>(lo);
        }
    } else {
        for (const char c : raw) {
            const auto u = static_cast<unsigned char>(c);
            if (u >= 0x21 && u < 0x7F) out += c;
        }
    }
    return out;
}

}  // namespace

const char* face_name(Face f) {
    switch (f) {
        case Face::Regular: return "Regular";
        case Face::Bold: return "Bold";
        case Face::Italic: return "Italic";
        case Face::BoldItalic: return "BoldItalic";
    }
    return "?";
}

TrueTypeFont TrueTypeFont::load(const std::filesystem::path& path) {
    TrueTypeFont f = parse(read_file(path), path.string());
    f.m_path = path;
    return f;
}

TrueTypeFont TrueTypeFont::parse(std::string bytes, const std::string& name_for_errors) {
    const Reader r(bytes, name_for_errors);
    TrueTypeFont font;
    font.m_path = name_for_errors;

    // --- table directory
    if (r.size() < 12) r.fail("file too short for a font header");
    const std::uint32_t version = r.u32(0);
    if (version == tag("OTTO")) {
        r.fail("OpenType/CFF font without a glyf table; hoso needs TrueType outlines (.ttf)");
    }
    if (version != 0x00010000u && version != tag("true")) {
        r.fail("not a TrueType font (bad sfnt version)");
    }
    const std::uint16_t num_tables = r.u16(4);
    r.need(12, std::size_t{num_tables} * 16, "table directory");
    std::map<std::uint32_t, Table> tables;
    for (std::size_t i = 0; i < num_tables; ++i) {
        const std::size_t rec = 12 + i * 16;
        const Table t{r.u32(rec + 8), r.u32(rec + 12)};
        r.need(t.offset, t.length, "a table");
        tables.emplace(r.u32(rec), t);
    }
    auto require = [&](const char (&name)[5], std::size_t min_length) -> Table {
        const auto it = tables.find(tag(name));
        if (it == tables.end()) r.fail(std::string("missing '") + name + "' table");
        if (it->second.length < min_length) r.fail(std::string("'") + name + "' table too short");
        return it->second;
    };
    if (tables.count(tag("glyf")) == 0) {
        r.fail(tables.count(tag("CFF ")) != 0
                   ? "OpenType/CFF font without a glyf table; hoso needs TrueType outlines (.ttf)"
                   : "missing 'glyf' table");
    }

    // --- head: unitsPerEm
    const Table head = require("head", 54);
    font.m_units_per_em = r.u16(head.offset + 18);
    if (font.m_units_per_em < 16 || font.m_units_per_em > 16384) r.fail("unitsPerEm out of range");
    const double em = font.m_units_per_em;

    // --- maxp: numGlyphs
    const Table maxp = require("maxp", 6);
    const std::uint16_t num_glyphs = r.u16(maxp.offset + 4);
    if (num_glyphs == 0) r.fail("font has no glyphs");

    // --- hhea + hmtx: advances; glyphs past numberOfHMetrics repeat the last advance
    const Table hhea = require("hhea", 36);
    const std::uint16_t num_hmetrics = r.u16(hhea.offset + 34);
    if (num_hmetrics == 0 || num_hmetrics > num_glyphs) r.fail("bad numberOfHMetrics");
    const Table hmtx = require("hmtx", std::size_t{num_hmetrics} * 4);
    font.m_advance.resize(num_glyphs);
    for (std::size_t g = 0; g < num_hmetrics; ++g) font.m_advance[g] = r.u16(hmtx.offset + g * 4);
    std::fill(font.m_advance.begin() + num_hmetrics, font.m_advance.end(),
              font.m_advance[num_hmetrics - 1u]);

    // --- OS/2: Windows ascent/descent
    const Table os2 = require("OS/2", 78);
    font.m_win_ascent_1000 = r.u16(os2.offset + 74) * 1000.0 / em;
    font.m_win_descent_1000 = r.u16(os2.offset + 76) * 1000.0 / em;
    {
        const int hhea_span = r.s16(hhea.offset + 4) - r.s16(hhea.offset + 6);  // ascender - descender
        const int win_span = r.u16(os2.offset + 74) + r.u16(os2.offset + 76);
        const int gap = r.s16(hhea.offset + 8) - std::max(0, win_span - hhea_span);
        font.m_line_gap_1000 = std::max(0, gap) * 1000.0 / em;
    }

    // --- post (optional): underline position and thickness
    if (const auto post = tables.find(tag("post")); post != tables.end() && post->second.length >= 12) {
        font.m_underline_position_1000 = r.s16(post->second.offset + 8) * 1000.0 / em;
        const std::uint16_t thickness = r.u16(post->second.offset + 10);
        if (thickness > 0) font.m_underline_thickness_1000 = thickness * 1000.0 / em;
    }

    // --- name: PostScript name (id 6); prefer Windows Unicode English
    {
        const Table name = require("name", 6);
        const std::uint16_t count = r.u16(name.offset + 2);
        const std::size_t strings = name.offset + r.u16(name.offset + 4);
        r.need(name.offset + 6, std::size_t{count} * 12, "name records");
        int best_rank = -1;
        for (std::size_t i = 0; i < count; ++i) {
            const std::size_t rec = name.offset + 6 + i * 12;
            const std::uint16_t platform = r.u16(rec), encoding = r.u16(rec + 2),
                                language = r.u16(rec + 4), id = r.u16(rec + 6);
            if (id != 6) continue;
            int rank = 0;
            if (platform == 3 && encoding == 1) rank = language == 0x409 ? 3 : 2;
            else if (platform == 1 || platform == 0 || platform == 3) rank = 1;
            else continue;
            if (rank <= best_rank) continue;
            const std::string decoded =
                decode_name(r.slice(strings + r.u16(rec + 10), r.u16(rec + 8)), platform);
            if (decoded.empty()) continue;
            font.m_postscript_name = decoded;
            best_rank = rank;
        }
        if (font.m_postscript_name.empty()) r.fail("no PostScript name (name id 6)");
    }

    // --- cmap: 3/10 format 12, else 3/1 format 4, else Unicode platform 0 (format 12 or 4)
    {
        const Table cmap = require("cmap", 4);
        const std::uint16_t count = r.u16(cmap.offset + 2);
        r.need(cmap.offset + 4, std::size_t{count} * 8, "cmap encoding records");
        std::size_t chosen = 0;
        int best_rank = 0;
        for (std::size_t i = 0; i < count; ++i) {
            const std::size_t rec = cmap.offset + 4 + i * 8;
            const std::uint16_t platform = r.u16(rec), encoding = r.u16(rec + 2);
            const std::size_t sub = cmap.offset + r.u32(rec + 4);
            const std::uint16_t format = r.u16(sub);
            int rank = 0;
            if (platform == 3 && encoding == 10 && format == 12) rank = 4;
            else if (platform == 3 && encoding == 1 && format == 4) rank = 3;
            else if (platform == 0 && format == 12) rank = 2;
            else if (platform == 0 && format == 4) rank = 1;
            if (rank > best_rank) best_rank = rank, chosen = sub;
        }
        if (best_rank == 0) r.fail("no Unicode cmap (format 4 or 12)");

        font.m_bmp.assign(kBmpSize, 0);
        std::size_t work = 0;  // bounds the time a crafted cmap can take
        auto map = [&](char32_t cp, std::uint32_t gid) {
            if (++work > kMaxCmapWork) r.fail("cmap maps too many code points");
            if (gid == 0 || gid >= num_glyphs || cp > kMaxCodePoint) return;
            if (cp < kBmpSize) {
                if (font.m_bmp[cp] == 0) font.m_bmp[cp] = static_cast<std::uint16_t>(gid);
            } else if (font.m_astral.size() < kMaxAstral) {
                font.m_astral.emplace_back(cp, static_cast<std::uint16_t>(gid));
            }
        };
        if (r.u16(chosen) == 12) {
            const std::uint32_t length = r.u32(chosen + 4);
            const std::uint32_t groups = r.u32(chosen + 12);
            r.need(chosen, length, "cmap subtable");
            if (groups > (length - std::min<std::uint32_t>(length, 16)) / 12) {
                r.fail("cmap format 12 group count exceeds the subtable");
            }
            for (std::size_t g = 0; g < groups; ++g) {
                const std::size_t rec = chosen + 16 + g * 12;
                const std::uint32_t start = r.u32(rec), end = r.u32(rec + 4), first = r.u32(rec + 8);
                if (start > end || start > kMaxCodePoint) r.fail("bad cmap format 12 group");
                const std::uint32_t last = std::min<std::uint32_t>(end, kMaxCodePoint);
                for (std::uint32_t cp = start; cp <= last; ++cp) {
                    if (first > 0xFFFFu || cp - start > 0xFFFFu - first) break;  // gid overflow
                    map(cp, first + (cp - start));
                }
            }
        } else {  // format 4
            const std::uint16_t length = r.u16(chosen + 2);
            r.need(chosen, length, "cmap subtable");
            const std::size_t seg_count = r.u16(chosen + 6) / 2u;
            const std::size_t ends = chosen + 14;
            const std::size_t starts = ends + seg_count * 2 + 2;
            const std::size_t deltas = starts + seg_count * 2;
            const std::size_t range_offsets = deltas + seg_count * 2;
            const std::size_t table_end = chosen + length;
            if (range_offsets + seg_count * 2 > table_end) r.fail("cmap format 4 segments exceed the subtable");
            for (std::size_t s = 0; s < seg_count; ++s) {
                const std::uint16_t end = r.u16(ends + s * 2), start = r.u16(starts + s * 2);
                const std::uint16_t delta = r.u16(deltas + s * 2);
                const std::size_t ro_pos = range_offsets + s * 2;
                const std::uint16_t range_offset = r.u16(ro_pos);
                if (start > end) continue;
                for (std::uint32_t cp = start; cp <= end; ++cp) {
                    std::uint32_t gid = 0;
                    if (range_offset == 0) {
                        gid = (cp + delta) & 0xFFFFu;
                    } else {
                        const std::size_t at = ro_pos + range_offset + (cp - start) * 2;
                        if (at + 2 > table_end) r.fail("cmap format 4 glyph index outside the subtable");
                        gid = r.u16(at);
                        if (gid != 0) gid = (gid + delta) & 0xFFFFu;
                    }
                    if (cp != 0xFFFF) map(cp, gid);
                }
            }
        }
        std::stable_sort(font.m_astral.begin(), font.m_astral.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        font.m_astral.erase(std::unique(font.m_astral.begin(), font.m_astral.end(),
                                        [](const auto& a, const auto& b) { return a.first == b.first; }),
                            font.m_astral.end());
        font.m_astral.shrink_to_fit();
    }
    return font;
}

std::uint16_t TrueTypeFont::astral_glyph_id(char32_t cp) const noexcept {
    const auto it = std::lower_bound(m_astral.begin(), m_astral.end(), cp,
                                     [](const auto& e, char32_t c) { return e.first < c; });
    return (it != m_astral.end() && it->first == cp) ? it->second : std::uint16_t{0};
}

int TrueTypeFont::advance_1000(char32_t cp) const noexcept {
    const std::uint16_t gid = glyph_id(cp);
    if (gid == 0 || gid >= m_advance.size()) return 0;
    // libharu 2.3.0 (HPDF_TTFontDef_GetCharWidth): (HPDF_UINT32)advance * 1000 / unitsPerEm.
    return static_cast<int>(std::uint32_t{m_advance[gid]} * 1000u /
                            static_cast<std::uint32_t>(m_units_per_em));
}

double TrueTypeFont::text_width(std::string_view utf8, double size) const noexcept {
    // libharu sums the integer widths first and scales once; do the same for identical results.
    long total = 0;
    for (std::size_t i = 0; i < utf8.size();) {
        const char32_t cp = next_code_point(utf8, i);
        if (cp != kInvalid) total += advance_1000(cp);
    }
    return static_cast<double>(total) * size / 1000.0;
}

FontSet FontSet::load_directory(const std::filesystem::path& dir) {
    auto face = [&](const char* suffix) {
        return TrueTypeFont::load(dir / (std::string("LiberationSerif-") + suffix + ".ttf"));
    };
    return FontSet(face("Regular"), face("Bold"), face("Italic"), face("BoldItalic"));
}

FontSet::FontSet(TrueTypeFont regular, TrueTypeFont bold, TrueTypeFont italic, TrueTypeFont bold_italic) {
    m_faces.reserve(kFaceCount);
    m_faces.push_back(std::move(regular));
    m_faces.push_back(std::move(bold));
    m_faces.push_back(std::move(italic));
    m_faces.push_back(std::move(bold_italic));
    m_bmp_covered.assign(0x10000 / 64, 0);
    for (char32_t cp = 0; cp < 0x10000; ++cp) {
        if (std::all_of(m_faces.begin(), m_faces.end(), [cp](const TrueTypeFont& f) { return f.has_glyph(cp); })) {
            m_bmp_covered[cp / 64] |= std::uint64_t{1} << (cp % 64);
        }
    }
    m_printable_ascii_covered = true;
    for (char32_t cp = 0x20; cp < 0x7F; ++cp) m_printable_ascii_covered = m_printable_ascii_covered && covers(cp);
}

bool FontSet::covers(char32_t cp) const noexcept {
    if (cp < 0x10000) return ((m_bmp_covered[cp / 64] >> (cp % 64)) & 1u) != 0;
    return std::all_of(m_faces.begin(), m_faces.end(), [cp](const TrueTypeFont& f) { return f.has_glyph(cp); });
}

std::vector<char32_t> FontSet::missing(std::string_view utf8) const {
    std::vector<char32_t> out;
    const auto* const data = reinterpret_cast<const unsigned char*>(utf8.data());
    const std::size_t n = utf8.size();
    auto bmp_covered = [&](std::uint32_t cp) { return ((m_bmp_covered[cp >> 6] >> (cp & 63)) & 1u) != 0; };
    for (std::size_t i = 0; i < n;) {
        // The common cases decoded in line: printable ASCII, then well-formed two- and
        // three-byte sequences (Vietnamese letters are U+00C0–U+1EF9). Vietnamese text has a
        // non-ASCII letter every few bytes, so a word-at-a-time ASCII scan does not pay.
        if (m_printable_ascii_covered) {
            while (i < n && static_cast<unsigned char>(data[i] - 0x20) < 0x5F) ++i;
            if (i >= n) break;
        }
        const unsigned char b = data[i];
        if (b < 0x80) {
            if (bmp_covered(b)) {
                ++i;
                continue;
            }
        } else if (b >= 0xC2 && b < 0xE0 && i + 1 < n && (data[i + 1] & 0xC0) == 0x80) {
            if (bmp_covered((b & 0x1Fu) << 6 | (data[i + 1] & 0x3Fu))) {
                i += 2;
                continue;
            }
        } else if (b >= 0xE1 && b < 0xED && b != 0xE0 && i + 2 < n && (data[i + 1] & 0xC0) == 0x80 &&
                   (data[i + 2] & 0xC0) == 0x80) {
            // E1–EC: U+1000–U+CFFF, no overlongs or surrogates possible.
            if (bmp_covered((b & 0x0Fu) << 12 | (data[i + 1] & 0x3Fu) << 6 | (data[i + 2] & 0x3Fu))) {
                i += 3;
                continue;
            }
        }
        const char32_t cp = next_code_point(utf8, i);
        // An invalid UTF-8 byte is reported as U+FFFD: it cannot be printed either.
        const char32_t reported = cp == kInvalid ? char32_t{0xFFFD} : cp;
        if ((cp == kInvalid || !covers(cp)) &&
            std::find(out.begin(), out.end(), reported) == out.end()) {
            out.push_back(reported);
        }
    }
    return out;
}

}  // namespace hoso::font
