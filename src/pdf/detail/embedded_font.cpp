#include "pdf/detail/embedded_font.h"

#include <hpdf_doc.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>

#include <cmath>
#include <map>
#include <mutex>
#include <tuple>

#include "core/core.h"
#include "pdf/detail/deflate.h"

namespace hoso::pdf::detail {

namespace {

// libdeflate level of the CIDToGIDMap and ToUnicode streams. Measured on the 20 first bench
// reports (callgrind, 4 faces each): level 1 takes 0.89 M + 0.35 M instructions a document
// for 0.8 + 2.0 KB, level 6 1.85 M + 0.68 M for 0.77 + 1.77 KB.
constexpr int kMapLevel = 1;

// Code points whose glyph ids and widths identify a face's file: if any differs, the font
// on disk is not the one the FontSet parsed.
template <class F>
void for_each_sample(F&& f) {
    for (char32_t cp = 0x20; cp < 0x250; ++cp) f(cp);
    for (char32_t cp = 0x1EA0; cp <= 0x1EF9; ++cp) f(cp);
    for (char32_t cp = 0x2010; cp < 0x2030; ++cp) f(cp);
}

// Basic Latin, Latin-1, the Vietnamese letters and the punctuation of official documents.
template <class F>
void for_each_common(F&& f) {
    for (char32_t cp = 0x20; cp < 0x7F; ++cp) f(cp);
    for (char32_t cp = 0xA0; cp < 0x100; ++cp) f(cp);
    for (const char32_t cp : {0x102, 0x103, 0x110, 0x111, 0x128, 0x129, 0x168, 0x169, 0x1A0, 0x1A1, 0x1AF, 0x1B0}) f(cp);
    for (char32_t cp = 0x1EA0; cp <= 0x1EF9; ++cp) f(cp);
    for (char32_t cp = 0x2010; cp < 0x2027; ++cp) f(cp);
}

// Tells apart two parses of different files at one path (checked on every call, so cheap:
// a multiply-xorshift over the glyph ids and widths of Basic Latin and the Vietnamese block).
std::uint64_t fingerprint(const font::TrueTypeFont& face) {
    std::uint64_t h = static_cast<std::uint64_t>(face.units_per_em());
    auto mix = [&h](std::uint64_t v) {
        h = (h ^ v) * 0x9E3779B97F4A7C15ull;
        h ^= h >> 29;
    };
    auto sample = [&](char32_t cp) {
        mix(static_cast<std::uint64_t>(face.glyph_id(cp)) << 32 | static_cast<std::uint32_t>(face.advance_1000(cp)));
    };
    for (char32_t cp = 0x20; cp < 0x7F; ++cp) sample(cp);
    for (char32_t cp = 0x1EA0; cp <= 0x1EF9; ++cp) sample(cp);
    return h;
}

using Key = std::tuple<std::string, std::string, std::uint64_t>;  // path, PostScript name, fingerprint

// One entry per face: built by the first thread that needs it, while the others wait for
// that entry only (a failed build is retried by the next caller).
struct Entry {
    std::once_flag built;
    std::shared_ptr<const FaceProgram> program;
};

struct Cache {
    std::mutex mutex;  // guards `entries` (not the building)
    std::map<Key, std::shared_ptr<Entry>> entries;
};

Cache& cache() {
    static Cache c;
    return c;
}

// A process could in principle go through many font files; beyond this many faces the
// programs are built per call instead of being kept.
constexpr std::size_t kMaxCachedFaces = 32;

std::shared_ptr<const FaceProgram> build(const font::TrueTypeFont& face) {
    const std::string path = face.path().string();
    auto p = std::make_shared<FaceProgram>();
    {
        // libharu's own parser reads the file once: it supplies the descriptor metrics it
        // has always written, and its glyph ids and widths cross-check the file against `face`.
        HpdfDoc scratch;
        const char* name = scratch.check_ptr(HPDF_LoadTTFontFromFile(scratch.get(), path.c_str(), HPDF_TRUE),
                                             "HPDF_LoadTTFontFromFile");
        HPDF_FontDef def = scratch.check_ptr(HPDF_Doc_FindFontDef(scratch.get(), name), "HPDF_Doc_FindFontDef");
        bool same = true;
        for_each_sample([&](char32_t cp) {
            const auto unicode = static_cast<HPDF_UINT16>(cp);
            if (HPDF_TTFontDef_GetGlyphid(def, unicode) != face.glyph_id(cp) ||
                (face.has_glyph(cp) && HPDF_TTFontDef_GetCharWidth(def, unicode) != face.advance_1000(cp))) {
                same = false;
            }
        });
        if (!same) {
            throw Error("pdf: tệp phông chữ đã thay đổi (the font file changed since it was loaded): " + path);
        }
        p->ascent = def->ascent;
        p->descent = def->descent;
        p->cap_height = def->cap_height;
        p->x_height = def->x_height;
        p->stem_v = def->stemv;
        p->flags = def->flags;
        p->bbox = {def->font_bbox.left, def->font_bbox.bottom, def->font_bbox.right, def->font_bbox.top};
    }
    p->program = TrueTypeProgram::parse(read_file(face.path()), path);
    p->italic_angle = static_cast<int>(std::lround(p->program.italic_angle()));
    p->base_font = face.postscript_name();
    // The glyphs of the code points Vietnamese documents are made of are coded up front and
    // decide the Huffman code; the face's other 2/3 wait until a document draws them.
    std::vector<std::uint8_t> common(p->program.num_glyphs(), 0);
    common[0] = 1;
    for_each_common([&](char32_t cp) {
        if (const std::uint16_t gid = face.glyph_id(cp); gid != 0 && gid < common.size()) common[gid] = 1;
    });
    p->program.add_components(common);
    p->precoded = PrecodedFont::build(p->program, common);
    return p;
}

}  // namespace

std::shared_ptr<const FaceProgram> face_program(const font::TrueTypeFont& face) {
    Key key{face.path().string(), face.postscript_name(), fingerprint(face)};
    Cache& c = cache();
    std::shared_ptr<Entry> entry;
    {
        std::lock_guard<std::mutex> lock(c.mutex);
        if (const auto it = c.entries.find(key); it != c.entries.end()) {
            entry = it->second;
        } else if (c.entries.size() < kMaxCachedFaces) {
            entry = std::make_shared<Entry>();
            c.entries.emplace(std::move(key), entry);
        }
    }
    if (!entry) return build(face);  // the cache is full: not kept
    std::call_once(entry->built, [&] { entry->program = build(face); });
    return entry->program;
}

std::size_t face_program_cache_size() {
    Cache& c = cache();
    std::lock_guard<std::mutex> lock(c.mutex);
    return c.entries.size();
}

namespace {

std::vector<std::uint8_t> glyph_set(const font::TrueTypeFont& face, const TrueTypeProgram& program,
                                    const std::vector<char32_t>& code_points) {
    std::vector<std::uint8_t> used(program.num_glyphs(), 0);
    used[0] = 1;
    for (const char32_t cp : code_points) {
        const std::uint16_t gid = face.glyph_id(cp);
        if (gid == 0 || gid >= used.size()) {
            throw Error("pdf: no glyph for code point " + std::to_string(static_cast<unsigned>(cp)) + " in " +
                        face.postscript_name());
        }
        used[gid] = 1;
    }
    program.add_components(used);
    return used;
}

}  // namespace

std::string subset_font_file(const font::TrueTypeFont& face, const FaceProgram& program,
                             const std::vector<char32_t>& code_points) {
    const auto subset = program.program.subset(glyph_set(face, program.program, code_points));
    return program.program.assemble(subset);
}

HPDF_Dict add_font(const HpdfDoc& doc, const font::TrueTypeFont& face, const FaceProgram& program,
                   const std::vector<char32_t>& code_points, const std::string& tag, const FontOptions& options) {
    HPDF_MMgr mmgr = doc.get()->mmgr;
    const std::string name = tag + "+" + program.base_font;
    auto checked = [&doc](HPDF_STATUS status) { doc.check(status, "HPDF_Dict_Add"); };

    // The font program: only the glyphs drawn (and the components of composite glyphs).
    const auto subset = program.program.subset(glyph_set(face, program.program, code_points));
    const HPDF_Dict file = options.compress ? doc.new_stream(program.precoded->encode(program.program, subset), true)
                                            : doc.new_stream(program.program.assemble(subset), false);
    const std::size_t length1 = subset.prefix.size() + program.program.fixed_tables().size() + subset.glyf_size;
    checked(HPDF_Dict_AddNumber(file, "Length1", static_cast<HPDF_INT32>(length1)));

    HPDF_Dict descriptor = doc.new_dict();
    checked(HPDF_Dict_AddName(descriptor, "Type", "FontDescriptor"));
    checked(HPDF_Dict_AddName(descriptor, "FontName", name.c_str()));
    checked(HPDF_Dict_AddNumber(descriptor, "Flags", static_cast<HPDF_INT32>(program.flags)));
    const HPDF_Box box{static_cast<HPDF_REAL>(program.bbox[0]), static_cast<HPDF_REAL>(program.bbox[1]),
                       static_cast<HPDF_REAL>(program.bbox[2]), static_cast<HPDF_REAL>(program.bbox[3])};
    checked(HPDF_Dict_Add(descriptor, "FontBBox", HPDF_Box_Array_New(mmgr, box)));
    checked(HPDF_Dict_AddNumber(descriptor, "ItalicAngle", program.italic_angle));
    checked(HPDF_Dict_AddNumber(descriptor, "Ascent", program.ascent));
    checked(HPDF_Dict_AddNumber(descriptor, "Descent", program.descent));
    checked(HPDF_Dict_AddNumber(descriptor, "CapHeight", program.cap_height));
    checked(HPDF_Dict_AddNumber(descriptor, "XHeight", program.x_height));
    checked(HPDF_Dict_AddNumber(descriptor, "StemV", program.stem_v));
    checked(HPDF_Dict_Add(descriptor, "FontFile2", file));

    // CIDToGIDMap: CID (= code point) → glyph id, two bytes each, up to the highest CID drawn.
    const char32_t max_cid = code_points.empty() ? 0 : code_points.back();
    std::string map(2 * (static_cast<std::size_t>(max_cid) + 1), '\0');
    for (const char32_t cp : code_points) {
        const std::uint16_t gid = face.glyph_id(cp);
        map[2 * cp] = static_cast<char>(gid >> 8);
        map[2 * cp + 1] = static_cast<char>(gid & 0xFF);
    }

    HPDF_Dict cid_font = doc.new_dict();
    checked(HPDF_Dict_AddName(cid_font, "Type", "Font"));
    checked(HPDF_Dict_AddName(cid_font, "Subtype", "CIDFontType2"));
    checked(HPDF_Dict_AddName(cid_font, "BaseFont", name.c_str()));
    HPDF_Dict system_info = doc.check_ptr(HPDF_Dict_New(mmgr), "HPDF_Dict_New");
    checked(HPDF_Dict_Add(cid_font, "CIDSystemInfo", system_info));
    checked(HPDF_Dict_Add(system_info, "Registry", HPDF_String_New(mmgr, "Adobe", nullptr)));
    checked(HPDF_Dict_Add(system_info, "Ordering", HPDF_String_New(mmgr, "Identity", nullptr)));
    checked(HPDF_Dict_AddNumber(system_info, "Supplement", 0));
    checked(HPDF_Dict_Add(cid_font, "FontDescriptor", descriptor));
    // /W: the width of every CID drawn (truncated 1/1000 em, as the font module measures),
    // one [first [w …]] group per run of consecutive CIDs.
    HPDF_Array widths = doc.check_ptr(HPDF_Array_New(mmgr), "HPDF_Array_New");
    checked(HPDF_Dict_Add(cid_font, "W", widths));
    HPDF_Array run = nullptr;
    char32_t previous = 0;
    for (const char32_t cp : code_points) {
        if (run == nullptr || cp != previous + 1) {
            checked(HPDF_Array_AddNumber(widths, static_cast<HPDF_INT32>(cp)));
            run = doc.check_ptr(HPDF_Array_New(mmgr), "HPDF_Array_New");
            checked(HPDF_Array_Add(widths, run));
        }
        checked(HPDF_Array_AddNumber(run, face.advance_1000(cp)));
        previous = cp;
    }
    checked(HPDF_Dict_Add(cid_font, "CIDToGIDMap",
                          options.compress ? doc.new_stream(zlib_compress(map, kMapLevel), true) : doc.new_stream(map, false)));

    HPDF_Dict type0 = doc.new_dict();
    checked(HPDF_Dict_AddName(type0, "Type", "Font"));
    checked(HPDF_Dict_AddName(type0, "Subtype", "Type0"));
    checked(HPDF_Dict_AddName(type0, "BaseFont", name.c_str()));
    checked(HPDF_Dict_AddName(type0, "Encoding", "Identity-H"));
    HPDF_Array descendants = doc.check_ptr(HPDF_Array_New(mmgr), "HPDF_Array_New");
    checked(HPDF_Dict_Add(type0, "DescendantFonts", descendants));
    checked(HPDF_Array_Add(descendants, cid_font));
    const std::string cmap = tounicode_cmap(code_points);
    checked(HPDF_Dict_Add(type0, "ToUnicode",
                          options.compress ? doc.new_stream(zlib_compress(cmap, kMapLevel), true) : doc.new_stream(cmap, false)));
    return type0;
}

}  // namespace hoso::pdf::detail
