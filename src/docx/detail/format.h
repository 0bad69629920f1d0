// Paragraph and run properties in WordprocessingML, written in ECMA-376 schema order.
// Shared by styles.xml (the style sheet) and document.xml (direct formatting).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "docx/detail/xml.h"
#include "model/model.h"

namespace hoso::docx::detail {

struct Spacing {
    long before = 0;  // twips
    long after = 0;   // twips
    long line = 240;
    const char* line_rule = "auto";  // always written: LibreOffice 7.4 needs it (see .cpp)
};

struct Indent {
    long left = 0;        // twips
    long right = 0;
    long first_line = 0;  // negative = hanging
};

// A section break: the model section plus what Word needs beyond it.
struct SectionProps {
    const model::Section* section = nullptr;
    bool starts_numbering = false;  // first section, or numbering.restart
    double number_line_pt = 0;      // height of the page-number line (centred in the top margin)
};

// What a w:pPr may hold in this writer. Unset optionals are not written (inherited).
struct ParagraphProps {
    std::string_view style;  // w:pStyle; empty = Normal. A name in the model (outlives this)
    bool keep_next = false;
    bool keep_lines = false;
    bool page_break_before = false;
    bool bottom_rule = false;          // w:pBdr/w:bottom single, kRuleEighths
    std::vector<long> left_tabs;       // w:tabs, left-aligned stops in twips
    std::optional<Spacing> spacing;
    std::optional<Indent> indent;
    std::optional<model::Align> align;
    std::optional<long> mark_half_points;    // size of the paragraph mark (w:rPr/w:sz)
    std::optional<SectionProps> section;      // w:sectPr ending a section here
};

Spacing spacing_of(const model::ParagraphStyle& s);
Indent indent_of(const model::ParagraphStyle& s);
const char* jc_value(model::Align a);

// Writes the w:spacing, w:ind and w:jc children (in that order) for a style or paragraph.
void write_spacing(XmlWriter& x, const Spacing& s);
void write_indent(XmlWriter& x, const Indent& i);

// Writes <w:pPr>…</w:pPr> (nothing if `p` sets nothing), including the w:sectPr when
// p.section is set.
void write_ppr(XmlWriter& x, const ParagraphProps& p);

// <w:sectPr> for one model section: A4 or landscape sheet, ND30 margins, header parts for
// page numbers (none on the first page with w:titlePg), restart at 1 with w:pgNumType.
void write_sect_pr(XmlWriter& x, const SectionProps& s);

}  // namespace hoso::docx::detail
