#include "pdf/detail/truetype.h"

#include <algorithm>
#include <bit>
#include <array>
#include <cstring>

#include "core/core.h"

namespace hoso::pdf::detail {

static_assert(std::endian::native == std::endian::little, "byte order: see memcpy loads below");

namespace {

constexpr std::uint32_t tag_of(std::string_view s) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(s[0])) << 24 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(s[1])) << 16 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(s[2])) << 8 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(s[3]));
}

std::uint16_t u16(std::string_view d, std::size_t at) {
    return static_cast<std::uint16_t>(static_cast<unsigned char>(d[at]) << 8 | static_cast<unsigned char>(d[at + 1]));
}

std::uint32_t u32(std::string_view d, std::size_t at) {
    return static_cast<std::uint32_t>(u16(d, at)) << 16 | u16(d, at + 2);
}

void put16(std::string& d, std::size_t at, std::uint32_t v) {
    d[at] = static_cast<char>((v >> 8) & 0xFF);
    d[at + 1] = static_cast<char>(v & 0xFF);
}

void put32(std::string& d, std::size_t at, std::uint32_t v) {
    put16(d, at, v >> 16);
    put16(d, at + 2, v & 0xFFFF);
}

void append16(std::string& d, std::uint32_t v) {
    d += static_cast<char>((v >> 8) & 0xFF);
    d += static_cast<char>(v & 0xFF);
}

void append32(std::string& d, std::uint32_t v) {
    append16(d, v >> 16);
    append16(d, v & 0xFFFF);
}

void pad4(std::string& d) {
    while (d.size() % 4 != 0) d += '\0';
}

// TrueType table checksum: the sum of big-endian 32-bit words, the last one zero-padded.
std::uint32_t checksum(std::string_view d) {
    std::uint32_t sum = 0;
    std::size_t i = 0;
    for (; i + 4 <= d.size(); i += 4) {
        std::uint32_t w = 0;
        std::memcpy(&w, d.data() + i, 4);
        sum += __builtin_bswap32(w);  // big-endian words on a little-endian machine
    }
    if (i < d.size()) {
        std::array<char, 4> last{};
        std::copy(d.begin() + static_cast<std::ptrdiff_t>(i), d.end(), last.begin());
        sum += u32(std::string_view(last.data(), 4), 0);
    }
    return sum;
}

struct Entry {
    std::uint32_t tag;
    std::uint32_t checksum;
    std::uint32_t offset;
    std::uint32_t length;
};

}  // namespace

TrueTypeProgram TrueTypeProgram::parse(std::string bytes, const std::string& name_for_errors) {
    auto fail = [&](const std::string& why) -> Error {
        return Error("pdf: phông chữ không dùng được (unusable font) " + name_for_errors + ": " + why);
    };
    TrueTypeProgram p;
    p.m_bytes = std::move(bytes);
    const std::string_view d = p.m_bytes;
    if (d.size() < 12) throw fail("file too short");
    const std::uint32_t version = u32(d, 0);
    if (version != 0x00010000u && version != tag_of("true")) throw fail("not a TrueType font (glyf outlines)");
    const std::size_t num_tables = u16(d, 4);
    if (d.size() < 12 + 16 * num_tables) throw fail("table directory outside the file");
    std::vector<Entry> entries;
    for (std::size_t i = 0; i < num_tables; ++i) {
        const std::size_t at = 12 + 16 * i;
        const Entry e{u32(d, at), u32(d, at + 4), u32(d, at + 8), u32(d, at + 12)};
        if (e.offset > d.size() || e.length > d.size() - e.offset) throw fail("a table lies outside the file");
        entries.push_back(e);
    }
    auto find = [&](std::uint32_t tag) -> const Entry* {
        for (const auto& e : entries) {
            if (e.tag == tag) return &e;
        }
        return nullptr;
    };
    auto required = [&](const char* name, std::size_t min_size) -> std::string_view {
        const Entry* e = find(tag_of(name));
        if (e == nullptr) throw fail(std::string("no '") + name + "' table");
        if (e->length < min_size) throw fail(std::string("'") + name + "' table too short");
        return d.substr(e->offset, e->length);
    };
    const std::string_view head = required("head", 54);
    const std::string_view hhea = required("hhea", 36);
    const std::string_view maxp = required("maxp", 6);
    const std::string_view hmtx = required("hmtx", 0);
    const std::string_view loca = required("loca", 0);
    const Entry* glyf = find(tag_of("glyf"));
    if (glyf == nullptr) throw fail("no 'glyf' table");

    p.m_head = std::string(head.substr(0, 54));
    p.m_hhea = std::string(hhea.substr(0, 36));
    p.m_maxp = std::string(maxp.substr(0, maxp.size() >= 32 ? 32 : 6));
    p.m_num_glyphs = u16(maxp, 4);
    p.m_num_hmetrics = u16(hhea, 34);
    if (p.m_num_glyphs == 0) throw fail("no glyphs");
    if (p.m_num_hmetrics == 0 || p.m_num_hmetrics > p.m_num_glyphs) throw fail("bad numberOfHMetrics");
    const std::size_t hmtx_size = 4u * p.m_num_hmetrics + 2u * (p.m_num_glyphs - p.m_num_hmetrics);
    if (hmtx.size() < hmtx_size) throw fail("'hmtx' table too short");
    p.m_hmtx = std::string(hmtx.substr(0, hmtx_size));

    const bool long_loca = static_cast<std::int16_t>(u16(head, 50)) != 0;
    const std::size_t n = p.m_num_glyphs;
    if (loca.size() < (n + 1) * (long_loca ? 4u : 2u)) throw fail("'loca' table too short");
    p.m_glyph_offsets.resize(n + 1);
    for (std::size_t g = 0; g <= n; ++g) {
        const std::uint32_t off = long_loca ? u32(loca, 4 * g) : 2u * u16(loca, 2 * g);
        if (off > glyf->length || (g > 0 && glyf->offset + off < p.m_glyph_offsets[g - 1])) {
            throw fail("bad 'loca' entry for glyph " + std::to_string(g));
        }
        p.m_glyph_offsets[g] = glyf->offset + off;
    }
    p.m_glyf_end = glyf->offset + glyf->length;

    // Composite glyphs: the glyph ids of their components (ISO/IEC 14496-22 §5.3.3.2).
    p.m_components.resize(n);
    p.m_glyph_checksums.resize(n);
    for (std::size_t g = 0; g < n; ++g) {
        const std::string_view data = p.glyph(static_cast<std::uint16_t>(g));
        std::string padded(data);
        pad4(padded);
        p.m_glyph_checksums[g] = checksum(padded);
        if (data.size() < 10 || static_cast<std::int16_t>(u16(data, 0)) >= 0) continue;
        std::size_t at = 10;
        for (;;) {
            if (at + 4 > data.size()) throw fail("truncated composite glyph " + std::to_string(g));
            const std::uint16_t flags = u16(data, at);
            const std::uint16_t component = u16(data, at + 2);
            if (component >= n) throw fail("composite glyph " + std::to_string(g) + " refers to a missing glyph");
            p.m_components[g].push_back(component);
            at += 4 + ((flags & 0x0001) ? 4 : 2);  // ARG_1_AND_2_ARE_WORDS
            if (flags & 0x0008) at += 2;            // WE_HAVE_A_SCALE
            else if (flags & 0x0040) at += 4;       // WE_HAVE_AN_X_AND_Y_SCALE
            else if (flags & 0x0080) at += 8;       // WE_HAVE_A_TWO_BY_TWO
            if (!(flags & 0x0020)) break;           // MORE_COMPONENTS
        }
    }

    // Tables copied as they are, then post version 3.0 (no glyph names: the original's
    // 27 KB of names serve no purpose in a PDF).
    for (const char* name : {"OS/2", "cvt ", "fpgm", "prep"}) {
        const std::uint32_t tag = tag_of(name);
        if (const Entry* e = find(tag)) p.m_fixed_tables.push_back({tag, std::string(d.substr(e->offset, e->length)), 0});
    }
    std::string post(32, '\0');
    put32(post, 0, 0x00030000u);
    if (const Entry* e = find(tag_of("post")); e != nullptr && e->length >= 16) {
        std::copy_n(d.begin() + e->offset + 4, 12, post.begin() + 4);  // italicAngle … isFixedPitch
        p.m_italic_angle = static_cast<std::int32_t>(u32(d, e->offset + 4)) / 65536.0;
    }
    p.m_fixed_tables.push_back({tag_of("post"), post, 0});
    for (auto& t : p.m_fixed_tables) {
        t.checksum = checksum(t.data);
        p.m_fixed += t.data;
        pad4(p.m_fixed);
    }
    return p;
}

std::string_view TrueTypeProgram::glyph(std::uint16_t gid) const {
    const std::uint32_t begin = m_glyph_offsets.at(gid);
    const std::uint32_t end = std::min(m_glyph_offsets.at(gid + 1u), m_glyf_end);
    return std::string_view(m_bytes).substr(begin, end > begin ? end - begin : 0);
}

void TrueTypeProgram::add_components(std::vector<std::uint8_t>& used) const {
    std::vector<std::uint16_t> todo;
    for (std::size_t g = 0; g < used.size(); ++g) {
        if (used[g] && !m_components[g].empty()) todo.push_back(static_cast<std::uint16_t>(g));
    }
    while (!todo.empty()) {
        const std::uint16_t g = todo.back();
        todo.pop_back();
        for (const std::uint16_t c : m_components[g]) {
            if (!used[c]) {
                used[c] = 1;
                if (!m_components[c].empty()) todo.push_back(c);
            }
        }
    }
}

TrueTypeProgram::Subset TrueTypeProgram::subset(const std::vector<std::uint8_t>& used) const {
    if (used.size() != m_num_glyphs) throw Error("pdf: glyph set of the wrong size");
    Subset s;
    std::size_t count = 1;  // glyphs in the subset file: 0 … highest used
    for (std::size_t g = m_num_glyphs; g-- > 1;) {
        if (used[g]) {
            count = g + 1;
            break;
        }
    }
    std::vector<std::uint32_t> offsets(count + 1);
    std::uint32_t glyf_checksum = 0;
    for (std::size_t g = 0; g < count; ++g) {
        offsets[g] = static_cast<std::uint32_t>(s.glyf_size);
        const auto gid = static_cast<std::uint16_t>(g);
        if ((used[g] || g == 0) && !glyph(gid).empty()) {
            s.glyphs.push_back(gid);
            s.glyf_size += padded_size(gid);
            glyf_checksum += m_glyph_checksums[g];
        }
    }
    offsets[count] = static_cast<std::uint32_t>(s.glyf_size);
    const bool long_loca = s.glyf_size > 2u * 0xFFFFu;

    std::string head = m_head;
    put32(head, 8, 0);                       // checkSumAdjustment, set below
    put16(head, 50, long_loca ? 1u : 0u);    // indexToLocFormat
    std::string hhea = m_hhea;
    put16(hhea, 34, static_cast<std::uint32_t>(count));  // numberOfHMetrics: one per glyph
    std::string maxp = m_maxp;
    put16(maxp, 4, static_cast<std::uint32_t>(count));
    std::string hmtx(4 * count, '\0');  // unused glyphs: advance 0, left side bearing 0
    for (std::size_t g = 0; g < count; ++g) {
        if (!used[g] && g != 0) continue;
        const std::size_t last = m_num_hmetrics - 1u;
        const std::uint16_t advance = u16(m_hmtx, 4 * std::min(g, last));
        const std::uint16_t lsb = g < m_num_hmetrics ? u16(m_hmtx, 4 * g + 2)
                                                     : u16(m_hmtx, 4u * m_num_hmetrics + 2 * (g - m_num_hmetrics));
        put16(hmtx, 4 * g, advance);
        put16(hmtx, 4 * g + 2, lsb);
    }
    std::string loca((count + 1) * (long_loca ? 4 : 2), '\0');
    for (std::size_t g = 0; g <= count; ++g) {
        if (long_loca) put32(loca, 4 * g, offsets[g]);
        else put16(loca, 2 * g, offsets[g] / 2);
    }

    // Directory: the per-document tables, the fixed ones and glyf, sorted by tag.
    struct Out {
        std::uint32_t tag;
        std::uint32_t checksum;
        std::uint32_t length;
        std::uint32_t offset = 0;
    };
    std::vector<Out> out = {{tag_of("head"), checksum(head), static_cast<std::uint32_t>(head.size())},
                            {tag_of("hhea"), checksum(hhea), static_cast<std::uint32_t>(hhea.size())},
                            {tag_of("maxp"), checksum(maxp), static_cast<std::uint32_t>(maxp.size())},
                            {tag_of("hmtx"), checksum(hmtx), static_cast<std::uint32_t>(hmtx.size())},
                            {tag_of("loca"), checksum(loca), static_cast<std::uint32_t>(loca.size())}};
    for (const auto& t : m_fixed_tables) out.push_back({t.tag, t.checksum, static_cast<std::uint32_t>(t.data.size())});
    out.push_back({tag_of("glyf"), glyf_checksum, static_cast<std::uint32_t>(s.glyf_size)});
    const std::size_t num_tables = out.size();
    std::uint32_t offset = static_cast<std::uint32_t>(12 + 16 * num_tables);
    for (auto& o : out) {  // data in this (file) order
        o.offset = offset;
        offset += (o.length + 3u) & ~3u;
    }
    std::string& pre = s.prefix;
    append32(pre, 0x00010000u);
    append16(pre, static_cast<std::uint32_t>(num_tables));
    std::uint32_t entry_selector = 0;
    while ((2u << entry_selector) <= num_tables) ++entry_selector;
    const std::uint32_t search_range = 16u << entry_selector;
    append16(pre, search_range);
    append16(pre, entry_selector);
    append16(pre, static_cast<std::uint32_t>(16 * num_tables) - search_range);
    std::vector<Out> sorted = out;
    std::sort(sorted.begin(), sorted.end(), [](const Out& a, const Out& b) { return a.tag < b.tag; });
    for (const auto& o : sorted) {
        append32(pre, o.tag);
        append32(pre, o.checksum);
        append32(pre, o.offset);
        append32(pre, o.length);
    }
    std::uint32_t total = checksum(pre);
    for (const auto& o : out) total += o.checksum;
    put32(head, 8, 0xB1B0AFBAu - total);
    for (const std::string* t : {&head, &hhea, &maxp, &hmtx, &loca}) {
        pre += *t;
        pad4(pre);
    }
    return s;
}

std::string TrueTypeProgram::assemble(const Subset& s) const {
    std::string out;
    out.reserve(s.prefix.size() + m_fixed.size() + s.glyf_size);
    out += s.prefix;
    out += m_fixed;
    for (const std::uint16_t g : s.glyphs) {
        out += glyph(g);
        pad4(out);
    }
    return out;
}

}  // namespace hoso::pdf::detail
