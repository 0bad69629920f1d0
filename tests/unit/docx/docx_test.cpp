// DOCX writer: package structure, golden parts (compared as XML trees), determinism,
// ECMA-376 element order, and the ND30 geometry stated in Word's terms.

#include <zip.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <set>

#include <catch2/catch.hpp>

#include "docx/detail/metrics.h"
#include "font/font.h"
#include "docx/docx.h"
#include "fixtures.h"
#include "support.h"
#include "xml_util.h"
#include "zip_util.h"

namespace {

using namespace hoso;
using namespace hoso::test;
namespace fx = hoso::test::docx_fixtures;
using xml::XMLElement;

const std::vector<std::string> kPartNames = {
    "[Content_Types].xml",         "_rels/.rels",      "docProps/app.xml",  "docProps/core.xml",
    "word/_rels/document.xml.rels", "word/document.xml", "word/header1.xml",  "word/header2.xml",
    "word/settings.xml",           "word/styles.xml"};

struct Parsed {
    std::map<std::string, std::string> parts;
    std::unique_ptr<xml::XMLDocument> document;
    const XMLElement* body = nullptr;
};

Parsed parse_document(const model::Document& doc) {
    Parsed p;
    p.parts = docx::docx_parts(doc);
    p.document = xml::parse(p.parts.at("word/document.xml"));
    REQUIRE_FALSE(p.document->Error());
    p.body = p.document->RootElement()->FirstChildElement("w:body");
    REQUIRE(p.body != nullptr);
    return p;
}

long twips(double pt) { return std::lround(pt * 20); }

// ---------------------------------------------------------------------------------------
// Package

TEST_CASE("docx: the package has its ten parts, [Content_Types].xml first, all well-formed XML") {
    for (const auto& c : fx::all_cases()) {
        INFO(c.name);
        const auto parts = docx::docx_parts(c.build());
        std::vector<std::string> names;
        for (const auto& [name, bytes] : parts) {
            names.push_back(name);
            auto d = xml::parse(bytes);
            INFO(name);
            CHECK_FALSE(d->Error());
            CHECK(bytes.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>", 0) == 0);
        }
        CHECK(names == kPartNames);
    }
}

TEST_CASE("docx: write_docx gives identical bytes for the same input and unzips to docx_parts") {
    for (const auto& c : fx::all_cases()) {
        INFO(c.name);
        const model::Document doc = c.build();
        const std::string a = docx::write_docx(doc);
        const std::string b = docx::write_docx(c.build());
        REQUIRE(a == b);
        REQUIRE(a.size() > 4);
        CHECK(a.compare(0, 4, std::string("PK\x03\x04", 4)) == 0);
        // Local header of the first entry: DOS time 00:00:00, date 1980-01-01.
        CHECK(static_cast<unsigned char>(a[10]) == 0x00);
        CHECK(static_cast<unsigned char>(a[11]) == 0x00);
        CHECK(static_cast<unsigned char>(a[12]) == 0x21);
        CHECK(static_cast<unsigned char>(a[13]) == 0x00);

        check_unzips_to(a, docx::docx_parts(doc));
        CHECK(unzip(a).front().name == "[Content_Types].xml");
    }
}

TEST_CASE("docx: a changed input changes the bytes") {
    model::Document doc = fx::to_trinh();
    const std::string a = docx::write_docx(doc);
    doc.meta.title += " (sửa)";
    CHECK(docx::write_docx(doc) != a);
}

// ---------------------------------------------------------------------------------------
// Golden parts

TEST_CASE("docx: golden parts, compared as XML trees (UPDATE_GOLDEN=1 rewrites them)") {
    const bool update = std::getenv("UPDATE_GOLDEN") != nullptr;
    for (const auto& c : fx::all_cases()) {
        const auto parts = docx::docx_parts(c.build());
        const auto dir = source_dir() / "tests" / "golden" / "docx" / c.name;
        for (const auto& [name, bytes] : parts) {
            const auto path = dir / name;
            INFO("golden " << path.string() << " (run with UPDATE_GOLDEN=1 to accept a change)");
            if (update) {
                std::filesystem::create_directories(path.parent_path());
                std::ofstream(path, std::ios::binary) << xml::pretty(bytes);
                continue;
            }
            REQUIRE(std::filesystem::exists(path));
            const std::string diff = xml::compare(slurp(path), bytes);
            INFO("first difference: " << diff);
            CHECK(diff.empty());
        }
        // No stale golden part without a counterpart in the package.
        if (!update && std::filesystem::exists(dir)) {
            for (const auto& f : std::filesystem::recursive_directory_iterator(dir)) {
                if (!f.is_regular_file()) continue;
                const std::string rel = std::filesystem::relative(f.path(), dir).generic_string();
                INFO("golden file without a part: " << f.path().string());
                CHECK(parts.count(rel) == 1);
            }
        }
    }
}

TEST_CASE("docx: the XML tree comparer reports the first difference with its path") {
    CHECK(xml::compare("<a x=\"1\"><b>t</b></a>", "<a x=\"1\">\n  <b>t</b>\n</a>").empty());
    CHECK(xml::compare("<a x=\"1\" y=\"2\"/>", "<a y=\"2\" x=\"1\"/>").empty());
    CHECK(xml::compare("<a><b>t</b><b>u</b></a>", "<a><b>t</b><b>v</b></a>") ==
          "/a/b[2]: text: expected \"u\" actual \"v\"");
    CHECK(xml::compare("<a x=\"1\"/>", "<a x=\"2\"/>") == "/a: attribute x: expected \"1\" actual \"2\"");
    CHECK(!xml::compare("<a><b/></a>", "<a><c/></a>").empty());
    CHECK(xml::compare("<a><b/></a>", "<a><b/><c/></a>") == "/a: unexpected child #2 <c>");
    CHECK(xml::compare("<a><b/><c/></a>", "<a><b/></a>") == "/a: missing child #2 <c>");
}

// ---------------------------------------------------------------------------------------
// Schema order and Word's structural constraints

const std::map<std::string, std::vector<std::string>>& schema_orders() {
    static const std::map<std::string, std::vector<std::string>> orders = {
        {"w:pPr", {"w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
                   "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
                   "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE",
                   "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
                   "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
                   "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
                   "w:sectPr", "w:pPrChange"}},
        {"w:rPr", {"w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike",
                   "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid",
                   "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz",
                   "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign",
                   "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath"}},
        {"w:tblPr", {"w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
                     "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders",
                     "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook"}},
        {"w:tcPr", {"w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd",
                    "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark"}},
        {"w:sectPr", {"w:headerReference", "w:footnotePr", "w:endnotePr", "w:type", "w:pgSz", "w:pgMar",
                      "w:paperSrc", "w:pgBorders", "w:lnNumType", "w:pgNumType", "w:cols", "w:formProt",
                      "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi", "w:rtlGutter",
                      "w:docGrid"}},
        {"w:style", {"w:name", "w:aliases", "w:basedOn", "w:next", "w:link", "w:autoRedefine", "w:hidden",
                     "w:uiPriority", "w:semiHidden", "w:unhideWhenUsed", "w:qFormat", "w:locked", "w:rsid",
                     "w:pPr", "w:rPr", "w:tblPr", "w:trPr", "w:tcPr", "w:tblStylePr"}},
        {"w:tbl", {"w:tblPr", "w:tblGrid", "w:tr"}},
        {"w:tr", {"w:tblPrEx", "w:trPr", "w:tc"}},
        {"w:pBdr", {"w:top", "w:left", "w:bottom", "w:right", "w:between", "w:bar"}},
        {"w:tblBorders", {"w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"}},
        {"w:tblCellMar", {"w:top", "w:left", "w:bottom", "w:right"}},
        {"w:docDefaults", {"w:rPrDefault", "w:pPrDefault"}},
        {"w:styles", {"w:docDefaults", "w:latentStyles", "w:style"}},
        {"w:settings", {"w:zoom", "w:defaultTabStop", "w:characterSpacingControl", "w:compat",
                        "w:themeFontLang", "w:decimalSymbol", "w:listSeparator"}},
        {"w:r", {"w:rPr", "w:t", "w:tab", "w:br", "w:fldChar", "w:instrText"}},
    };
    return orders;
}

// Returns the first violation below `e`, or "".
std::string check_order(const XMLElement* e) {
    const auto& orders = schema_orders();
    const auto it = orders.find(e->Name());
    if (it != orders.end()) {
        const auto& order = it->second;
        long previous = -1;
        for (const XMLElement* c = e->FirstChildElement(); c; c = c->NextSiblingElement()) {
            const auto pos = std::find(order.begin(), order.end(), c->Name());
            if (pos == order.end()) return std::string("<") + c->Name() + "> not expected in <" + e->Name() + ">";
            long rank = pos - order.begin();
            if (std::string(e->Name()) == "w:r" && rank > 0) rank = 1;  // run content: any order
            if (rank < previous) {
                return std::string("<") + c->Name() + "> out of order in <" + e->Name() + ">";
            }
            previous = rank;
        }
    }
    for (const XMLElement* c = e->FirstChildElement(); c; c = c->NextSiblingElement()) {
        std::string v = check_order(c);
        if (!v.empty()) return v;
    }
    return {};
}

TEST_CASE("docx: children follow ECMA-376 order (Word rejects out-of-order elements)") {
    SECTION("the checker catches a wrong order") {
        auto bad = xml::parse("<w:p><w:pPr><w:jc w:val=\"both\"/><w:pStyle w:val=\"body\"/></w:pPr></w:p>");
        CHECK(check_order(bad->RootElement()) == "<w:pStyle> out of order in <w:pPr>");
        auto bad_rpr = xml::parse("<w:rPr><w:u w:val=\"single\"/><w:sz w:val=\"28\"/></w:rPr>");
        CHECK(!check_order(bad_rpr->RootElement()).empty());
    }
    for (const auto& c : fx::all_cases()) {
        const auto parts = docx::docx_parts(c.build());
        for (const char* part : {"word/document.xml", "word/styles.xml", "word/settings.xml",
                                 "word/header1.xml", "word/header2.xml"}) {
            INFO(c.name << " " << part);
            auto d = xml::parse(parts.at(part));
            CHECK(check_order(d->RootElement()) == "");
        }
    }
}

TEST_CASE("docx: text keeps its spaces, cells end with a paragraph, grids match, line rules are explicit") {
    for (const auto& c : fx::all_cases()) {
        INFO(c.name);
        const Parsed p = parse_document(c.build());
        const XMLElement* root = p.document->RootElement();
        for (const XMLElement* t : xml::all(root, "w:t")) CHECK(xml::attr(t, "xml:space") == "preserve");
        for (const XMLElement* tc : xml::all(root, "w:tc")) {
            const XMLElement* last = tc->LastChildElement();
            REQUIRE(last != nullptr);
            CHECK(std::string(last->Name()) == "w:p");
        }
        for (const XMLElement* tbl : xml::all(root, "w:tbl")) {
            const XMLElement* grid = tbl->FirstChildElement("w:tblGrid");
            REQUIRE(grid != nullptr);
            const auto cols = xml::children(grid, "w:gridCol");
            long grid_width = 0;
            for (const auto* g : cols) grid_width += xml::num(g, "w:w");
            CHECK(grid_width == xml::num(tbl->FirstChildElement("w:tblPr")->FirstChildElement("w:tblW"), "w:w"));
            for (const XMLElement* tr : xml::children(tbl, "w:tr")) {
                long span = 0;
                for (const XMLElement* tc : xml::children(tr, "w:tc")) {
                    const XMLElement* gs = tc->FirstChildElement("w:tcPr")->FirstChildElement("w:gridSpan");
                    span += gs ? xml::num(gs, "w:val") : 1;
                }
                const XMLElement* after = tr->FirstChildElement("w:trPr")->FirstChildElement("w:gridAfter");
                if (after) span += xml::num(after, "w:val");
                CHECK(span == static_cast<long>(cols.size()));
            }
        }
        // Two tables never touch: Word would merge them into one.
        for (const XMLElement* e = p.body->FirstChildElement(); e; e = e->NextSiblingElement()) {
            if (std::string(e->Name()) == "w:tbl" && e->NextSiblingElement()) {
                CHECK(std::string(e->NextSiblingElement()->Name()) != "w:tbl");
            }
        }
        // The body ends with a paragraph and then the section properties.
        CHECK(std::string(p.body->LastChildElement()->Name()) == "w:sectPr");
        CHECK(std::string(p.body->LastChildElement()->PreviousSiblingElement()->Name()) == "w:p");
        for (const char* part : {"word/document.xml", "word/styles.xml"}) {
            auto d = xml::parse(p.parts.at(part));
            for (const XMLElement* s : xml::all(d->RootElement(), "w:spacing")) {
                if (s->Attribute("w:line")) CHECK(s->Attribute("w:lineRule") != nullptr);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// ND30 geometry in Word's terms

TEST_CASE("ND30 Phụ lục I mục I: A4 portrait, margins 20/15/20/30 mm, Times New Roman, vi-VN") {
    const Parsed p = parse_document(fx::to_trinh());
    const XMLElement* sect = p.body->LastChildElement("w:sectPr");
    const XMLElement* pg = sect->FirstChildElement("w:pgSz");
    CHECK(xml::num(pg, "w:w") == 11906);  // 210 mm
    CHECK(xml::num(pg, "w:h") == 16838);  // 297 mm
    CHECK(xml::attr(pg, "w:orient").empty());
    const XMLElement* mar = sect->FirstChildElement("w:pgMar");
    CHECK(xml::num(mar, "w:top") == 1134);
    CHECK(xml::num(mar, "w:bottom") == 1134);
    CHECK(xml::num(mar, "w:left") == 1701);
    CHECK(xml::num(mar, "w:right") == 850);

    auto styles = xml::parse(p.parts.at("word/styles.xml"));
    const XMLElement* fonts = xml::all(styles->RootElement(), "w:rFonts").at(0);
    for (const char* slot : {"w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"}) CHECK(xml::attr(fonts, slot) == "Times New Roman");
    CHECK(xml::attr(xml::all(styles->RootElement(), "w:lang").at(0), "w:val") == "vi-VN");
}

const XMLElement* style_element(const xml::XMLDocument& styles, const std::string& id) {
    for (const XMLElement* s : xml::all(styles.RootElement(), "w:style")) {
        if (xml::attr(s, "w:styleId") == id) return s;
    }
    return nullptr;
}

TEST_CASE("ND30 Phụ lục I mục II.6: every model style is a named Word style; body justified, 1 cm indent, 6 pt after") {
    const model::Document doc = fx::to_trinh();
    const auto parts = docx::docx_parts(doc);
    auto styles = xml::parse(parts.at("word/styles.xml"));
    for (const auto& [name, style] : doc.styles) {
        INFO(name);
        const XMLElement* s = style_element(*styles, name);
        REQUIRE(s != nullptr);
        CHECK(xml::attr(s, "w:type") == "paragraph");
        CHECK(xml::attr(s->FirstChildElement("w:name"), "w:val") == name);
        const XMLElement* rpr = s->FirstChildElement("w:rPr");
        CHECK(xml::num(rpr->FirstChildElement("w:sz"), "w:val") == std::lround(style.font_size * 2));
        CHECK((rpr->FirstChildElement("w:b") != nullptr) == style.bold);
        CHECK((rpr->FirstChildElement("w:i") != nullptr) == style.italic);
        const XMLElement* sp = s->FirstChildElement("w:pPr")->FirstChildElement("w:spacing");
        CHECK(xml::num(sp, "w:line") == std::lround(240 * style.line_spacing));
        CHECK(xml::attr(sp, "w:lineRule") == "auto");
        CHECK(xml::num(sp, "w:after") == twips(style.space_after));
    }
    const XMLElement* body = style_element(*styles, model::style::kBody);
    const XMLElement* ppr = body->FirstChildElement("w:pPr");
    CHECK(xml::attr(ppr->FirstChildElement("w:jc"), "w:val") == "both");
    CHECK(xml::num(ppr->FirstChildElement("w:ind"), "w:firstLine") == 567);  // 1 cm
    CHECK(xml::num(ppr->FirstChildElement("w:spacing"), "w:after") == 120);   // 6 pt
}

TEST_CASE("docx: compiled-in Times New Roman advances match the measured Liberation Serif widths") {
    // pdf-docx-notes.md §1.5: libharu measured this line at 13 pt as 333.29 pt.
    CHECK(docx::detail::text_width("Ủy ban nhân dân huyện Mường Tè, ngày 05 tháng 02 năm 2024", 13, false, false) ==
          Approx(333.29).margin(0.01));
    CHECK(docx::detail::advance_1000(U' ', false, false) == 250);
    CHECK(docx::detail::advance_1000(U'ơ', true, false) > docx::detail::advance_1000(U'o', true, false));
    CHECK(docx::detail::advance_1000(U'中', false, false) == 500);  // outside the table: average
}

TEST_CASE("docx: the compiled-in advance table equals the bundled Liberation Serif (font module) face by face") {
    const font::FontSet fonts = font::FontSet::load_directory(fonts_dir());
    std::vector<char32_t> cps;
    for (char32_t c = 0x20; c < 0x7F; ++c) cps.push_back(c);
    for (char32_t c = 0xA0; c < 0x100; ++c) cps.push_back(c);
    for (char32_t c : {0x102, 0x103, 0x110, 0x111, 0x128, 0x129, 0x168, 0x169, 0x1A0, 0x1A1, 0x1AF, 0x1B0}) cps.push_back(c);
    for (char32_t c = 0x1EA0; c < 0x1EFA; ++c) cps.push_back(c);
    for (char32_t c = 0x2010; c < 0x2027; ++c) cps.push_back(c);
    int compared = 0;
    for (int f = 0; f < font::kFaceCount; ++f) {
        const auto face = static_cast<font::Face>(f);
        const bool bold = face == font::Face::Bold || face == font::Face::BoldItalic;
        const bool italic = face == font::Face::Italic || face == font::Face::BoldItalic;
        for (char32_t cp : cps) {
            if (!fonts.face(face).has_glyph(cp)) continue;
            INFO(font::face_name(face) << " U+" << std::hex << static_cast<unsigned>(cp));
            CHECK(docx::detail::advance_1000(cp, bold, italic) == fonts.face(face).advance_1000(cp));
            ++compared;
        }
    }
    CHECK(compared > 4 * 250);
}

// The rule paragraph following `p` inside the same container, if any.
const XMLElement* next_rule(const XMLElement* p) {
    for (const XMLElement* n = p->NextSiblingElement("w:p"); n; n = n->NextSiblingElement("w:p")) {
        const XMLElement* ppr = n->FirstChildElement("w:pPr");
        if (ppr && ppr->FirstChildElement("w:pBdr")) return n;
    }
    return nullptr;
}

long rule_length(const XMLElement* rule, long container) {
    const XMLElement* ind = rule->FirstChildElement("w:pPr")->FirstChildElement("w:ind");
    return container - xml::num(ind, "w:left") - xml::num(ind, "w:right");
}

// The paragraph whose text, with the no-break marks folded away, is `text`.
const XMLElement* paragraph_with_text(const XMLElement* root, const std::string& text) {
    for (const XMLElement* p : xml::all(root, "w:p")) {
        if (xml::folded(xml::paragraph_text(p)) == text) return p;
    }
    return nullptr;
}

TEST_CASE("ND30 Phụ lục I mục II.1–2: header table, agency rule = fraction of the name, motto rule = motto width") {
    const model::Document doc = fx::to_trinh();
    const Parsed p = parse_document(doc);
    const XMLElement* table = p.body->FirstChildElement("w:tbl");
    REQUIRE(table != nullptr);
    // Borderless, two columns: left = header_left_fraction of the text width (9355 twips).
    for (const XMLElement* b : xml::children(table->FirstChildElement("w:tblPr")->FirstChildElement("w:tblBorders"))) {
        CHECK(xml::attr(b, "w:val") == "nil");
    }
    const auto cols = xml::children(table->FirstChildElement("w:tblGrid"), "w:gridCol");
    REQUIRE(cols.size() == 2);
    const long left = xml::num(cols[0], "w:w"), right = xml::num(cols[1], "w:w");
    CHECK(left + right == 9355);
    CHECK(left == std::lround(9355 * doc.nd30.header_left_fraction));

    const auto& styles = doc.styles;
    const auto& motto_style = styles.at(model::style::kMotto);
    const XMLElement* motto = paragraph_with_text(table, "Độc lập - Tự do - Hạnh phúc");
    REQUIRE(motto != nullptr);
    const XMLElement* motto_rule = next_rule(motto);
    REQUIRE(motto_rule != nullptr);
    const double motto_width = docx::detail::text_width("Độc lập - Tự do - Hạnh phúc", motto_style.font_size,
                                                        motto_style.bold, motto_style.italic);
    CHECK(motto_width > 150);  // 13 pt bold: about 170 pt
    CHECK(std::labs(rule_length(motto_rule, right) - twips(motto_width)) <= 1);

    const auto& agency_style = styles.at(model::style::kAgency);
    const XMLElement* agency = paragraph_with_text(table, "XÃ MƯỜNG SO");
    REQUIRE(agency != nullptr);
    const XMLElement* agency_rule = next_rule(agency);
    REQUIRE(agency_rule != nullptr);
    const double widest = std::max(
        docx::detail::text_width("ỦY BAN NHÂN DÂN", agency_style.font_size, true, false),
        docx::detail::text_width("XÃ MƯỜNG SO", agency_style.font_size, true, false));
    CHECK(std::labs(rule_length(agency_rule, left) - twips(doc.nd30.short_rule_fraction * widest)) <= 1);
    // The rule is centred in its column.
    const XMLElement* ind = agency_rule->FirstChildElement("w:pPr")->FirstChildElement("w:ind");
    CHECK(std::labs(xml::num(ind, "w:left") - xml::num(ind, "w:right")) <= 1);
}

TEST_CASE("ND30 Phụ lục I mục II.4: place and date on the same row as Số, V/v 6 pt below it (II.5.b)") {
    const Parsed p = parse_document(fx::cong_van());
    const XMLElement* table = p.body->FirstChildElement("w:tbl");
    const auto rows = xml::children(table, "w:tr");
    REQUIRE(rows.size() == 2);
    const auto cells = xml::children(rows[1], "w:tc");
    REQUIRE(cells.size() == 2);
    const auto left = xml::children(cells[0], "w:p");
    CHECK(xml::paragraph_text(left.at(0)) == "Số: 112/UBND-VX");
    CHECK(xml::paragraph_text(left.at(1)) == "V/v triển khai thực hiện Thông tư");
    CHECK(xml::num(left.at(1)->FirstChildElement("w:pPr")->FirstChildElement("w:spacing"), "w:before") == 120);
    CHECK(xml::paragraph_text(xml::children(cells[1], "w:p").at(0)) == "Mường So, ngày 05 tháng 02 năm 2025");
    for (const XMLElement* tc : cells) {
        CHECK(xml::attr(tc->FirstChildElement("w:tcPr")->FirstChildElement("w:vAlign"), "w:val") == "top");
    }
}

TEST_CASE("ND30 Phụ lục I mục II.5.a: title after title_space_before, trích yếu rule = fraction of its widest line") {
    const model::Document doc = fx::to_trinh();
    const Parsed p = parse_document(doc);
    const XMLElement* type = paragraph_with_text(p.body, "TỜ TRÌNH");
    REQUIRE(type != nullptr);
    const XMLElement* ppr = type->FirstChildElement("w:pPr");
    CHECK(ppr->FirstChildElement("w:keepNext") != nullptr);
    CHECK(xml::num(ppr->FirstChildElement("w:spacing"), "w:before") == twips(doc.nd30.title_space_before));
    const XMLElement* rule = next_rule(type);
    REQUIRE(rule != nullptr);
    const auto& s = doc.styles.at(model::style::kSummary);
    const double widest = docx::detail::text_width("Đề nghị đánh giá, công nhận \"Cộng đồng học tập\"",
                                                   s.font_size, s.bold, s.italic);
    CHECK(std::labs(rule_length(rule, 9355) - twips(doc.nd30.short_rule_fraction * widest)) <= 1);
}

// Where the first line of a paragraph starts (left − hanging, or left + firstLine).
long first_line_start(const XMLElement* ind) {
    return xml::num(ind, "w:left") - xml::num(ind, "w:hanging") + xml::num(ind, "w:firstLine");
}

TEST_CASE("ND30 Phụ lục I mục II.9.a: Kính gửi — one recipient inline, several as a dashed list under the first") {
    const model::Document one = fx::to_trinh();
    const auto& s = one.styles.at(model::style::kAddressee);
    const double label = docx::detail::text_width("Kính gửi: ", s.font_size, s.bold, s.italic);
    {
        const Parsed p = parse_document(one);
        const XMLElement* par = paragraph_with_text(p.body, "Kính gửi:\tPhòng Giáo dục và Đào tạo huyện Phong Thổ");
        REQUIRE(par != nullptr);
        const XMLElement* ppr = par->FirstChildElement("w:pPr");
        const XMLElement* ind = ppr->FirstChildElement("w:ind");
        const long tab = xml::num(ppr->FirstChildElement("w:tabs")->FirstChildElement("w:tab"), "w:pos");
        // The block (label + recipient) is centred on the text width, as layout places it.
        const double block = label + docx::detail::text_width("Phòng Giáo dục và Đào tạo huyện Phong Thổ",
                                                              s.font_size, s.bold, s.italic);
        CHECK(std::labs(first_line_start(ind) - twips((467.75 - block) / 2)) <= 1);
        CHECK(std::labs(tab - first_line_start(ind) - twips(label)) <= 1);
        CHECK(xml::num(ind, "w:left") == tab);  // a long recipient wraps under itself
    }
    const model::Document doc = fx::cong_van();
    const Parsed p = parse_document(doc);
    const char* items[] = {"- Các cơ quan, đơn vị trên địa bàn xã;", "- Trường Tiểu học Mường So;",
                           "- Trường Trung học cơ sở Mường So."};
    const XMLElement* first = paragraph_with_text(p.body, std::string("Kính gửi:\t") + items[0]);
    REQUIRE(first != nullptr);
    const XMLElement* ppr = first->FirstChildElement("w:pPr");
    const long x0 = first_line_start(ppr->FirstChildElement("w:ind"));
    const long tab = xml::num(ppr->FirstChildElement("w:tabs")->FirstChildElement("w:tab"), "w:pos");
    CHECK(std::labs(tab - x0 - twips(label)) <= 1);
    const long hang = twips(docx::detail::text_width("- ", s.font_size, s.bold, s.italic));
    const XMLElement* par = first;
    for (int i = 0; i < 3; ++i) {
        INFO("item " << i);
        REQUIRE(par != nullptr);
        CHECK(xml::paragraph_text(par).find(items[i]) != std::string::npos);
        const XMLElement* pp = par->FirstChildElement("w:pPr");
        const XMLElement* ind = pp->FirstChildElement("w:ind");
        // Every dash sits at the tab stop; wrapped text continues after the dash.
        if (i > 0) CHECK(first_line_start(ind) == tab);
        CHECK(xml::num(ind, "w:left") == tab + hang);
        CHECK(xml::attr(pp->FirstChildElement("w:jc"), "w:val") == "left");
        CHECK(pp->FirstChildElement("w:keepNext") != nullptr);
        CHECK(pp->FirstChildElement("w:keepLines") != nullptr);
        CHECK(xml::num(pp->FirstChildElement("w:spacing"), "w:after") == (i == 2 ? twips(s.space_after) : 0));
        par = par->NextSiblingElement("w:p");
    }
    // Centred on the widest line.
    double widest = 0;
    for (const char* item : items) widest = std::max(widest, docx::detail::text_width(item, s.font_size, s.bold, s.italic));
    const double block = label + widest;
    CHECK(std::labs(x0 - twips((467.75 - block) / 2)) <= 1);
}

TEST_CASE("ND30 Phụ lục I mục II.7, II.9.b: signature block — Nơi nhận left, signer right, kept together") {
    const model::Document doc = fx::to_trinh();
    const Parsed p = parse_document(doc);
    const auto tables = xml::children(p.body, "w:tbl");
    REQUIRE(tables.size() == 2);
    const XMLElement* sig = tables.back();
    const auto rows = xml::children(sig, "w:tr");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0]->FirstChildElement("w:trPr")->FirstChildElement("w:cantSplit") != nullptr);
    const auto cols = xml::children(sig->FirstChildElement("w:tblGrid"), "w:gridCol");
    CHECK(xml::num(cols.at(0), "w:w") == std::lround(9355 * doc.nd30.recipients_fraction));
    const auto cells = xml::children(rows[0], "w:tc");
    const auto left = xml::children(cells.at(0), "w:p");
    CHECK(xml::paragraph_text(left.at(0)) == "Nơi nhận:");
    CHECK(xml::paragraph_text(left.at(1)) == "- Như trên;");
    CHECK(xml::paragraph_text(left.back()) == "- Lưu: VT, VX.");
    const auto right = xml::children(cells.at(1), "w:p");
    CHECK(xml::paragraph_text(right.at(0)) == "TM. ỦY BAN NHÂN DÂN");
    const XMLElement* name = right.back();
    CHECK(xml::paragraph_text(name) == "Lò Thị Hồng Nhung");
    CHECK(xml::num(name->FirstChildElement("w:pPr")->FirstChildElement("w:spacing"), "w:before") ==
          twips(doc.nd30.signature_space));
    // "Nơi nhận:" (12 pt) shares the baseline of the first signer line (14 pt).
    CHECK(xml::num(left.at(0)->FirstChildElement("w:pPr")->FirstChildElement("w:spacing"), "w:before") ==
          twips(docx::detail::kWinAscentEm * 2));
    // 6 pt above the block (a spacer that keeps with it), and the paragraph before keeps too.
    const XMLElement* spacer = sig->PreviousSiblingElement();
    REQUIRE(std::string(spacer->Name()) == "w:p");
    CHECK(spacer->FirstChildElement("w:pPr")->FirstChildElement("w:keepNext") != nullptr);
    CHECK(xml::num(spacer->FirstChildElement("w:pPr")->FirstChildElement("w:spacing"), "w:line") == 120);
    const XMLElement* before = spacer->PreviousSiblingElement();
    CHECK(xml::folded(xml::paragraph_text(before)).find("năm 2024./.") != std::string::npos);
    CHECK(before->FirstChildElement("w:pPr")->FirstChildElement("w:keepNext") != nullptr);
}

TEST_CASE("ND30 Phụ lục I mục I: page numbers from page 2 (titlePg + PAGE field), appendix restarts in landscape (III.1.đ)") {
    const model::Document doc = fx::with_appendix();
    const Parsed p = parse_document(doc);
    const auto sects = xml::all(p.body, "w:sectPr");
    REQUIRE(sects.size() == 2);
    // Section 1 ends inside the pPr of a paragraph; the last one is the body's last child.
    CHECK(std::string(sects[0]->Parent()->ToElement()->Name()) == "w:pPr");
    CHECK(sects[1] == p.body->LastChildElement());
    for (const XMLElement* s : sects) {
        CHECK(s->FirstChildElement("w:titlePg") != nullptr);
        std::map<std::string, std::string> refs;
        for (const XMLElement* h : xml::children(s, "w:headerReference")) refs[xml::attr(h, "w:type")] = xml::attr(h, "r:id");
        CHECK(refs["default"] == "rId3");
        CHECK(refs["first"] == "rId4");
    }
    CHECK(sects[0]->FirstChildElement("w:pgNumType") == nullptr);
    CHECK(xml::num(sects[1]->FirstChildElement("w:pgNumType"), "w:start") == 1);
    const XMLElement* pg = sects[1]->FirstChildElement("w:pgSz");
    CHECK(xml::attr(pg, "w:orient") == "landscape");
    CHECK(xml::num(pg, "w:w") == 16838);
    CHECK(xml::num(pg, "w:h") == 11906);

    auto rels = xml::parse(p.parts.at("word/_rels/document.xml.rels"));
    std::map<std::string, std::string> targets;
    for (const XMLElement* r : xml::all(rels->RootElement(), "Relationship")) targets[xml::attr(r, "Id")] = xml::attr(r, "Target");
    CHECK(targets["rId3"] == "header1.xml");
    CHECK(targets["rId4"] == "header2.xml");
    auto header = xml::parse(p.parts.at("word/header1.xml"));
    const auto instr = xml::all(header->RootElement(), "w:instrText");
    REQUIRE(instr.size() == 1);
    CHECK(std::string(instr[0]->GetText()) == " PAGE ");
    CHECK(xml::attr(xml::all(header->RootElement(), "w:pStyle").at(0), "w:val") == model::style::kPageNumber);
    auto empty = xml::parse(p.parts.at("word/header2.xml"));
    CHECK(xml::all(empty->RootElement(), "w:instrText").empty());

    // The landscape table spans the landscape text width.
    const auto tables = xml::children(p.body, "w:tbl");
    const XMLElement* wide = tables.back();
    CHECK(xml::num(wide->FirstChildElement("w:tblPr")->FirstChildElement("w:tblW"), "w:w") == 16838 - 1701 - 850);
}

TEST_CASE("docx: numbering switched off or shown on page 1 uses the right headers") {
    model::Document doc = fx::cong_van();
    doc.sections[0].numbering.show = false;
    Parsed p = parse_document(doc);
    const XMLElement* s = p.body->LastChildElement("w:sectPr");
    CHECK(s->FirstChildElement("w:titlePg") == nullptr);
    CHECK(xml::attr(s->FirstChildElement("w:headerReference"), "r:id") == "rId4");

    doc.sections[0].numbering.show = true;
    doc.sections[0].numbering.hide_on_first = false;
    p = parse_document(doc);
    s = p.body->LastChildElement("w:sectPr");
    CHECK(s->FirstChildElement("w:titlePg") == nullptr);
    CHECK(xml::attr(s->FirstChildElement("w:headerReference"), "r:id") == "rId3");
}

TEST_CASE("docx: tables — fixed grid, repeated header rows, rows never split, gridSpan and vMerge") {
    const model::Document doc = fx::danh_sach();
    const Parsed p = parse_document(doc);
    const auto tables = xml::children(p.body, "w:tbl");
    REQUIRE(tables.size() == 3);  // header, data, signature
    const XMLElement* t = tables[1];
    const XMLElement* tblpr = t->FirstChildElement("w:tblPr");
    CHECK(xml::attr(tblpr->FirstChildElement("w:tblLayout"), "w:val") == "fixed");
    for (const XMLElement* b : xml::children(tblpr->FirstChildElement("w:tblBorders"))) {
        CHECK(xml::attr(b, "w:val") == "single");
        CHECK(xml::num(b, "w:sz") == 4);
    }
    // Column weights 1.5:5:4:2:2.5 of 9355 twips (cumulative rounding, exact total).
    const auto cols = xml::children(t->FirstChildElement("w:tblGrid"), "w:gridCol");
    REQUIRE(cols.size() == 5);
    CHECK(xml::num(cols[0], "w:w") == std::lround(9355.0 * 1.5 / 15));
    CHECK(xml::num(cols[1], "w:w") == std::lround(9355.0 * 6.5 / 15) - std::lround(9355.0 * 1.5 / 15));

    const auto rows = xml::children(t, "w:tr");
    REQUIRE(rows.size() == 62);
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const XMLElement* trpr = rows[r]->FirstChildElement("w:trPr");
        CHECK(trpr->FirstChildElement("w:cantSplit") != nullptr);
        CHECK((trpr->FirstChildElement("w:tblHeader") != nullptr) == (r < 2));
    }
    // Header row 1: STT, Họ và tên, Đơn vị start vertical merges; Kết quả spans two columns.
    const auto h1 = xml::children(rows[0], "w:tc");
    REQUIRE(h1.size() == 4);
    for (int i = 0; i < 3; ++i) {
        CHECK(xml::attr(h1[static_cast<std::size_t>(i)]->FirstChildElement("w:tcPr")->FirstChildElement("w:vMerge"),
                        "w:val") == "restart");
    }
    CHECK(xml::num(h1[3]->FirstChildElement("w:tcPr")->FirstChildElement("w:gridSpan"), "w:val") == 2);
    // Header row 2: three continuation cells (vMerge without val, an empty paragraph), then Đạt, Không đạt.
    const auto h2 = xml::children(rows[1], "w:tc");
    REQUIRE(h2.size() == 5);
    for (int i = 0; i < 3; ++i) {
        const XMLElement* vm = h2[static_cast<std::size_t>(i)]->FirstChildElement("w:tcPr")->FirstChildElement("w:vMerge");
        REQUIRE(vm != nullptr);
        CHECK(vm->Attribute("w:val") == nullptr);
        CHECK(xml::paragraph_text(h2[static_cast<std::size_t>(i)]->FirstChildElement("w:p")).empty());
    }
    CHECK(xml::paragraph_text(h2[3]->FirstChildElement("w:p")) == "Đạt");
    // Data rows: the unit cell spans three rows (restart, continue, continue).
    auto unit_merge = [&](std::size_t r) {
        const XMLElement* tc = xml::children(rows[r], "w:tc").at(2);
        const XMLElement* vm = tc->FirstChildElement("w:tcPr")->FirstChildElement("w:vMerge");
        return vm == nullptr ? std::string("none") : xml::attr(vm, "w:val");
    };
    CHECK(unit_merge(2) == "restart");
    CHECK(unit_merge(3) == "");
    CHECK(unit_merge(4) == "");
    CHECK(unit_merge(5) == "restart");
    CHECK(xml::paragraph_text(xml::children(rows[2], "w:tc").at(2)->FirstChildElement("w:p")) == "Thôn Nậm Cáy 1");
    // Rows tied by a span, and the header rows, keep with the next row (every paragraph of
    // the row has keepNext); the last row of a group does not.
    auto row_keeps = [&](std::size_t r) {
        for (const XMLElement* para : xml::all(rows[r], "w:p")) {
            if (para->FirstChildElement("w:pPr") == nullptr ||
                para->FirstChildElement("w:pPr")->FirstChildElement("w:keepNext") == nullptr) {
                return false;
            }
        }
        return true;
    };
    CHECK(row_keeps(0));
    CHECK(row_keeps(1));
    CHECK(row_keeps(2));
    CHECK(row_keeps(3));
    CHECK_FALSE(row_keeps(4));
    CHECK(row_keeps(5));
    CHECK_FALSE(row_keeps(61));
    // Cell alignment from the model (Center by default).
    CHECK(xml::attr(h1[0]->FirstChildElement("w:tcPr")->FirstChildElement("w:vAlign"), "w:val") == "center");
}

TEST_CASE("docx: runs add bold/italic/underline to the paragraph style") {
    model::Document doc = fx::to_trinh();
    model::Paragraph p;
    p.style = model::style::kHeading;  // bold style
    p.runs = {fx::bold("A"), model::Run{"B", model::RunStyle{false, true, true}}};
    doc.sections[0].blocks.push_back(p);
    const Parsed parsed = parse_document(doc);
    const XMLElement* last = xml::children(parsed.body, "w:p").back();
    const auto runs = xml::children(last, "w:r");
    REQUIRE(runs.size() == 2);
    CHECK(runs[0]->FirstChildElement("w:rPr") == nullptr);  // bold already comes from the style
    const XMLElement* rpr = runs[1]->FirstChildElement("w:rPr");
    REQUIRE(rpr != nullptr);
    CHECK(rpr->FirstChildElement("w:i") != nullptr);
    CHECK(xml::attr(rpr->FirstChildElement("w:u"), "w:val") == "single");
    const XMLElement* bold_run = paragraph_with_text(parsed.body, xml::paragraph_text(
        xml::children(parsed.body, "w:p").at(3)));
    CHECK(bold_run != nullptr);
    // The body paragraph with "mức độ 2" has a bold run.
    bool found = false;
    for (const XMLElement* r : xml::all(parsed.body, "w:r")) {
        const XMLElement* t = r->FirstChildElement("w:t");
        if (t && t->GetText() && xml::folded(t->GetText()) == "mức độ 2") {
            found = r->FirstChildElement("w:rPr") && r->FirstChildElement("w:rPr")->FirstChildElement("w:b");
        }
    }
    CHECK(found);
}

TEST_CASE("docx: a page break goes on the next paragraph; before a table on a 1 pt paragraph") {
    const Parsed p = parse_document(fx::with_appendix());
    const XMLElement* article2 = paragraph_with_text(p.body, "Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.");
    REQUIRE(article2 != nullptr);
    CHECK(article2->FirstChildElement("w:pPr")->FirstChildElement("w:pageBreakBefore") != nullptr);
    CHECK(xml::all(p.body, "w:pageBreakBefore").size() == 1);

    model::Document doc = fx::danh_sach();
    auto& blocks = doc.sections[0].blocks;
    blocks.insert(blocks.begin() + 2, model::PageBreak{});  // before the data table
    const Parsed q = parse_document(doc);
    const auto breaks = xml::all(q.body, "w:pageBreakBefore");
    REQUIRE(breaks.size() == 1);
    const XMLElement* holder = breaks[0]->Parent()->Parent()->ToElement();
    CHECK(xml::paragraph_text(holder).empty());
    CHECK(std::string(holder->NextSiblingElement()->Name()) == "w:tbl");
}

TEST_CASE("docx: metadata goes to docProps; characters XML forbids never reach the package") {
    model::Document doc = fx::cong_van();
    doc.meta.title = "Tiêu đề\x01 có ký tự \x0b điều khiển";
    doc.meta.author = "Tác giả & <cộng sự>";
    auto& header = std::get<model::Nd30Header>(doc.sections[0].blocks[0]);
    header.number = "Số:\x02 112/UBND-VX";
    header.place_date = std::string("Mường So\xff, ngày 05");  // invalid UTF-8 byte
    const auto parts = docx::docx_parts(doc);
    for (const auto& [name, bytes] : parts) {
        INFO(name);
        CHECK_FALSE(xml::parse(bytes)->Error());
        for (unsigned char c : bytes) {
            const bool bad = (c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f || c == 0xff;
            if (bad) FAIL("forbidden byte " << static_cast<int>(c));
        }
    }
    auto core = xml::parse(parts.at("docProps/core.xml"));
    CHECK(std::string(core->RootElement()->FirstChildElement("dc:title")->GetText()) == "Tiêu đề có ký tự  điều khiển");
    CHECK(std::string(core->RootElement()->FirstChildElement("dc:creator")->GetText()) == "Tác giả & <cộng sự>");
    auto d = xml::parse(parts.at("word/document.xml"));
    CHECK(paragraph_with_text(d->RootElement(), "Số: 112/UBND-VX") != nullptr);
    CHECK(paragraph_with_text(d->RootElement(), "Mường So\xEF\xBF\xBD, ngày 05") != nullptr);  // U+FFFD
    auto app = xml::parse(parts.at("docProps/app.xml"));
    CHECK(std::string(app->RootElement()->FirstChildElement("Application")->GetText()) == "hoso");
}

TEST_CASE("docx: an invalid model is a bug upstream and throws hoso::Error") {
    model::Document doc = fx::to_trinh();
    doc.sections[0].blocks.push_back(fx::text("no-such-style", "x"));
    CHECK_THROWS_AS(docx::docx_parts(doc), hoso::Error);
    model::Document t = fx::danh_sach();
    std::get<model::Table>(t.sections[0].blocks[2]).rows[5].cells[0].col_span = 9;
    CHECK_THROWS_AS(docx::write_docx(t), hoso::Error);
}

TEST_CASE("docx: a document without sections is still a valid package") {
    model::Document doc;
    const Parsed p = parse_document(doc);
    CHECK(p.body->FirstChildElement("w:p") != nullptr);
    CHECK(p.body->LastChildElement("w:sectPr") != nullptr);
}

}  // namespace
