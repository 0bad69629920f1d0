// word/styles.xml: every entry of the model's style sheet becomes a paragraph style with
// the same id and name, so a clerk editing the DOCX sees "body", "nd30-agency", … and a
// change to a style changes every paragraph that uses it.

#include <string>

#include "docx/detail/format.h"
#include "docx/detail/geometry.h"
#include "docx/detail/parts.h"
#include "docx/detail/xml.h"

namespace hoso::docx::detail {

namespace {

constexpr const char* kNormal = "Normal";

double default_size(const SharedInputs& in) {
    const auto it = in.styles.find(model::style::kBody);
    return it != in.styles.end() ? it->second.font_size : 14.0;
}

void write_run_defaults(XmlWriter& x, const SharedInputs& in) {
    const DocxOptions& options = in.options;
    // EG_RPrBase order: rFonts, …, sz, szCs, …, lang.
    x.open("w:rPr");
    x.open("w:rFonts");
    x.attr("w:ascii", options.font_name);
    x.attr("w:hAnsi", options.font_name);
    x.attr("w:eastAsia", options.font_name);
    x.attr("w:cs", options.font_name);
    x.close();
    x.val("w:sz", half_points(default_size(in)));
    x.val("w:szCs", half_points(default_size(in)));
    x.open("w:lang");
    x.attr("w:val", in.language.empty() ? "vi-VN" : in.language);
    x.attr("w:eastAsia", "en-US");
    x.attr("w:bidi", "ar-SA");
    x.close();
    x.close();
}

void write_model_style(XmlWriter& x, const std::string& name, const model::ParagraphStyle& s) {
    // CT_Style order: name, basedOn, …, qFormat, …, pPr, rPr. A sheet that defines "Normal"
    // itself replaces Word's default paragraph style.
    const bool is_normal = name == kNormal;
    x.open("w:style");
    x.attr("w:type", "paragraph");
    if (is_normal) {
        x.attr("w:default", 1);
    } else {
        x.attr("w:customStyle", 1);
    }
    x.attr("w:styleId", name);
    x.val("w:name", name);
    if (!is_normal) x.val("w:basedOn", kNormal);
    x.empty("w:qFormat");
    x.open("w:pPr");
    if (s.keep_with_next) x.empty("w:keepNext");
    if (s.keep_together) x.empty("w:keepLines");
    write_spacing(x, spacing_of(s));
    write_indent(x, indent_of(s));
    x.val("w:jc", jc_value(s.align));
    x.close();
    x.open("w:rPr");
    if (s.bold) {
        x.empty("w:b");
        x.empty("w:bCs");
    }
    if (s.italic) {
        x.empty("w:i");
        x.empty("w:iCs");
    }
    x.val("w:sz", half_points(s.font_size));
    x.val("w:szCs", half_points(s.font_size));
    x.close();
    x.close();
}

void write_cell_margins(XmlWriter& x, long left_right, long top_bottom) {
    x.open("w:tblCellMar");
    const char* sides[] = {"w:top", "w:left", "w:bottom", "w:right"};
    for (const char* side : sides) {
        const bool horizontal = side[2] == 'l' || side[2] == 'r';
        x.open(side);
        x.attr("w:w", horizontal ? left_right : top_bottom);
        x.attr("w:type", "dxa");
        x.close();
    }
    x.close();
}

}  // namespace

std::string styles_xml(const SharedInputs& in) {
    XmlWriter x;
    x.open("w:styles");
    x.attr("xmlns:w", ns::kW);

    x.open("w:docDefaults");
    x.open("w:rPrDefault");
    write_run_defaults(x, in);
    x.close();
    x.open("w:pPrDefault");
    x.open("w:pPr");
    // Widow/orphan control (two lines each side), as hoso's layout breaks paragraphs.
    x.empty("w:widowControl");
    write_spacing(x, Spacing{});
    x.close();
    x.close();
    x.close();  // w:docDefaults

    const bool sheet_has_normal = in.styles.count(kNormal) > 0;
    if (!sheet_has_normal) {
        x.open("w:style");
        x.attr("w:type", "paragraph");
        x.attr("w:default", 1);
        x.attr("w:styleId", kNormal);
        x.val("w:name", kNormal);
        x.empty("w:qFormat");
        x.close();
    }
    x.open("w:style");
    x.attr("w:type", "character");
    x.attr("w:default", 1);
    x.attr("w:styleId", "DefaultParagraphFont");
    x.val("w:name", "Default Paragraph Font");
    x.val("w:uiPriority", 1);
    x.empty("w:semiHidden");
    x.empty("w:unhideWhenUsed");
    x.close();
    x.open("w:style");
    x.attr("w:type", "table");
    x.attr("w:default", 1);
    x.attr("w:styleId", "TableNormal");
    x.val("w:name", "Normal Table");
    x.val("w:uiPriority", 99);
    x.empty("w:semiHidden");
    x.empty("w:unhideWhenUsed");
    x.open("w:tblPr");
    x.open("w:tblInd");
    x.attr("w:w", 0);
    x.attr("w:type", "dxa");
    x.close();
    write_cell_margins(x, kCellPaddingXTwips, kCellPaddingYTwips);
    x.close();
    x.close();

    for (const auto& [name, style] : in.styles) {
        write_model_style(x, name, style);
    }
    x.close();
    return x.finish();
}

}  // namespace hoso::docx::detail
