#include "docx/detail/format.h"

#include <algorithm>

#include "docx/detail/geometry.h"
#include "docx/detail/parts.h"

namespace hoso::docx::detail {

Spacing spacing_of(const model::ParagraphStyle& s) {
    Spacing sp;
    sp.before = twips(s.space_before);
    sp.after = twips(s.space_after);
    sp.line = auto_line(s.line_spacing);
    return sp;
}

Indent indent_of(const model::ParagraphStyle& s) {
    return Indent{twips(s.left_indent), twips(s.right_indent), twips(s.first_line_indent)};
}

const char* jc_value(model::Align a) {
    switch (a) {
        case model::Align::Left: return "left";
        case model::Align::Center: return "center";
        case model::Align::Right: return "right";
        case model::Align::Justify: return "both";
    }
    return "left";
}

void write_spacing(XmlWriter& x, const Spacing& s) {
    // w:lineRule is always written with w:line: LibreOffice 7.4 reads a w:line without it
    // as an exact height and sets 13–14 pt text on a 12 pt line (lines overlap).
    x.open("w:spacing");
    x.attr("w:before", s.before);
    x.attr("w:after", s.after);
    x.attr("w:line", s.line);
    x.attr("w:lineRule", s.line_rule);
    x.close();
}

void write_indent(XmlWriter& x, const Indent& i) {
    if (i.left == 0 && i.right == 0 && i.first_line == 0) return;
    x.open("w:ind");
    x.attr("w:left", i.left);
    x.attr("w:right", i.right);
    if (i.first_line >= 0) {
        x.attr("w:firstLine", i.first_line);
    } else {
        x.attr("w:hanging", -i.first_line);
    }
    x.close();
}

void write_ppr(XmlWriter& x, const ParagraphProps& p) {
    const bool any = !p.style.empty() || p.keep_next || p.keep_lines || p.page_break_before ||
                     p.bottom_rule || !p.left_tabs.empty() || p.spacing || p.indent || p.align ||
                     p.mark_half_points || p.section;
    if (!any) return;
    // CT_PPrBase order: pStyle, keepNext, keepLines, pageBreakBefore, …, pBdr, shd, tabs, …,
    // spacing, ind, …, jc; then CT_PPr adds rPr, sectPr.
    x.open("w:pPr");
    if (!p.style.empty()) x.val("w:pStyle", p.style);
    if (p.keep_next) x.empty("w:keepNext");
    if (p.keep_lines) x.empty("w:keepLines");
    if (p.page_break_before) x.empty("w:pageBreakBefore");
    if (p.bottom_rule) {
        x.open("w:pBdr");
        x.open("w:bottom");
        x.attr("w:val", "single");
        x.attr("w:sz", kRuleEighths);
        x.attr("w:space", 0);
        x.attr("w:color", "000000");
        x.close();
        x.close();
    }
    if (!p.left_tabs.empty()) {
        x.open("w:tabs");
        for (long pos : p.left_tabs) {
            x.open("w:tab");
            x.attr("w:val", "left");
            x.attr("w:pos", pos);
            x.close();
        }
        x.close();
    }
    if (p.spacing) write_spacing(x, *p.spacing);
    if (p.indent) write_indent(x, *p.indent);
    if (p.align) x.val("w:jc", jc_value(*p.align));
    if (p.mark_half_points) {
        x.open("w:rPr");
        x.val("w:sz", *p.mark_half_points);
        x.val("w:szCs", *p.mark_half_points);
        x.close();
    }
    if (p.section) write_sect_pr(x, *p.section);
    x.close();
}

void write_sect_pr(XmlWriter& x, const SectionProps& s) {
    const model::PageSetup& page = s.section->page;
    const model::PageNumbering& num = s.section->numbering;
    // As hoso's layout does: the number is hidden on the first page of a numbering sequence
    // (the document, or a section that restarts), never on the first page of a section that
    // continues the count.
    const bool title_page = num.show && num.hide_on_first && s.starts_numbering;
    // CT_SectPr order: headerReference*, pgSz, pgMar, pgNumType, cols, titlePg.
    // Every section names its headers explicitly (Word would inherit the previous ones).
    x.open("w:sectPr");
    x.open("w:headerReference");
    x.attr("w:type", "default");
    x.attr("r:id", num.show ? rel::kHeaderNumber : rel::kHeaderEmpty);
    x.close();
    if (title_page) {
        x.open("w:headerReference");
        x.attr("w:type", "first");
        x.attr("r:id", rel::kHeaderEmpty);
        x.close();
    }
    x.open("w:pgSz");
    x.attr("w:w", twips(page.width));
    x.attr("w:h", twips(page.height));
    if (page.landscape()) x.attr("w:orient", "landscape");
    x.close();
    x.open("w:pgMar");
    x.attr("w:top", twips(page.margin_top));
    x.attr("w:right", twips(page.margin_right));
    x.attr("w:bottom", twips(page.margin_bottom));
    x.attr("w:left", twips(page.margin_left));
    // The page number's line box is centred in the top margin (ND30: "trong vùng đầu trang");
    // w:header is the distance from the sheet's edge to the top of that line.
    x.attr("w:header", std::max(0L, twips(page.margin_top / 2 - s.number_line_pt / 2)));
    x.attr("w:footer", twips(page.margin_bottom / 2));
    x.attr("w:gutter", 0);
    x.close();
    if (num.restart) {
        x.open("w:pgNumType");
        x.attr("w:start", 1);
        x.close();
    }
    x.open("w:cols");
    x.attr("w:space", 720);
    x.close();
    if (title_page) x.empty("w:titlePg");
    x.close();
}

}  // namespace hoso::docx::detail
