// The small parts: content types, relationships, document properties, settings, headers.

#include <cstring>
#include <map>
#include <string>

#include "docx/detail/parts.h"
#include "docx/detail/xml.h"

namespace hoso::docx::detail {

namespace {

constexpr const char* kRelsNs = "http://schemas.openxmlformats.org/package/2006/relationships";
constexpr const char* kOfficeRel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

void relationship(XmlWriter& x, const char* id, const std::string& type, const char* target) {
    x.open("Relationship");
    x.attr("Id", id);
    x.attr("Type", type);
    x.attr("Target", target);
    x.close();
}

void override_part(XmlWriter& x, const char* part_name, const char* content_type) {
    x.open("Override");
    x.attr("PartName", std::string("/") + part_name);
    x.attr("ContentType", content_type);
    x.close();
}

// A header part holding one paragraph in the page-number style; with `page_field` it
// shows the PAGE field (ND30: Arabic numerals, centred in the top margin).
std::string header_xml(const SharedInputs& in, bool page_field) {
    XmlWriter x;
    x.open("w:hdr");
    x.attr("xmlns:w", ns::kW);
    x.attr("xmlns:r", ns::kR);
    x.open("w:p");
    x.open("w:pPr");
    if (in.styles.count(model::style::kPageNumber)) {
        x.val("w:pStyle", model::style::kPageNumber);
    } else {
        x.val("w:jc", "center");
    }
    x.close();  // w:pPr
    if (page_field) {
        x.open("w:r");
        x.open("w:fldChar");
        x.attr("w:fldCharType", "begin");
        x.close();
        x.close();
        x.open("w:r");
        x.open("w:instrText");
        x.attr("xml:space", "preserve");
        x.text(" PAGE ");
        x.close();
        x.close();
        x.open("w:r");
        x.open("w:fldChar");
        x.attr("w:fldCharType", "separate");
        x.close();
        x.close();
        x.open("w:r");
        x.open("w:t");
        x.text("2");  // cached result; Word and LibreOffice recompute it
        x.close();
        x.close();
        x.open("w:r");
        x.open("w:fldChar");
        x.attr("w:fldCharType", "end");
        x.close();
        x.close();
    }
    x.close();  // w:p
    x.close();  // w:hdr
    return x.finish();
}

}  // namespace

std::string content_types_xml() {
    XmlWriter x;
    x.open("Types");
    x.attr("xmlns", "http://schemas.openxmlformats.org/package/2006/content-types");
    x.open("Default");
    x.attr("Extension", "rels");
    x.attr("ContentType", "application/vnd.openxmlformats-package.relationships+xml");
    x.close();
    x.open("Default");
    x.attr("Extension", "xml");
    x.attr("ContentType", "application/xml");
    x.close();
    const std::string wml = "application/vnd.openxmlformats-officedocument.wordprocessingml.";
    override_part(x, part::kDocument, (wml + "document.main+xml").c_str());
    override_part(x, part::kStyles, (wml + "styles+xml").c_str());
    override_part(x, part::kSettings, (wml + "settings+xml").c_str());
    override_part(x, part::kHeaderNumber, (wml + "header+xml").c_str());
    override_part(x, part::kHeaderEmpty, (wml + "header+xml").c_str());
    override_part(x, part::kCore, "application/vnd.openxmlformats-package.core-properties+xml");
    override_part(x, part::kApp,
                  "application/vnd.openxmlformats-officedocument.extended-properties+xml");
    x.close();
    return x.finish();
}

std::string package_rels_xml() {
    XmlWriter x;
    x.open("Relationships");
    x.attr("xmlns", kRelsNs);
    relationship(x, "rId1", std::string(kOfficeRel) + "officeDocument", part::kDocument);
    relationship(x, "rId2",
                 "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                 part::kCore);
    relationship(x, "rId3", std::string(kOfficeRel) + "extended-properties", part::kApp);
    x.close();
    return x.finish();
}

std::string document_rels_xml() {
    // Targets are relative to word/.
    XmlWriter x;
    x.open("Relationships");
    x.attr("xmlns", kRelsNs);
    relationship(x, rel::kStyles, std::string(kOfficeRel) + "styles", "styles.xml");
    relationship(x, rel::kSettings, std::string(kOfficeRel) + "settings", "settings.xml");
    relationship(x, rel::kHeaderNumber, std::string(kOfficeRel) + "header", "header1.xml");
    relationship(x, rel::kHeaderEmpty, std::string(kOfficeRel) + "header", "header2.xml");
    x.close();
    return x.finish();
}

std::string core_xml(const model::Meta& meta) {
    // No dcterms:created/modified: the package must not depend on the clock.
    XmlWriter x;
    x.open("cp:coreProperties");
    x.attr("xmlns:cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties");
    x.attr("xmlns:dc", "http://purl.org/dc/elements/1.1/");
    x.attr("xmlns:dcterms", "http://purl.org/dc/terms/");
    x.attr("xmlns:dcmitype", "http://purl.org/dc/dcmitype/");
    x.attr("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
    auto element = [&](const char* name, const std::string& value) {
        if (value.empty()) return;
        x.open(name);
        x.text(value);
        x.close();
    };
    element("dc:title", meta.title);
    element("dc:subject", meta.subject);
    element("dc:creator", meta.author);
    element("cp:keywords", meta.keywords);
    element("dc:language", meta.language);
    x.close();
    return x.finish();
}

std::string app_xml(const DocxOptions& options) {
    XmlWriter x;
    x.open("Properties");
    x.attr("xmlns", "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties");
    x.attr("xmlns:vt", "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes");
    x.open("Application");
    x.text(options.application);
    x.close();
    x.open("DocSecurity");
    x.text("0");
    x.close();
    x.close();
    return x.finish();
}

std::string settings_xml(const SharedInputs& in) {
    // CT_Settings order: zoom, defaultTabStop, characterSpacingControl, compat,
    // themeFontLang, decimalSymbol, listSeparator.
    XmlWriter x;
    x.open("w:settings");
    x.attr("xmlns:w", ns::kW);
    x.open("w:zoom");
    x.attr("w:percent", 100);
    x.close();
    x.val("w:defaultTabStop", 720);  // 1.27 cm
    x.val("w:characterSpacingControl", "doNotCompress");
    x.open("w:compat");
    x.open("w:compatSetting");  // Word 2013+ layout (table edges at the margin, …)
    x.attr("w:name", "compatibilityMode");
    x.attr("w:uri", "http://schemas.microsoft.com/office/word");
    x.attr("w:val", "15");
    x.close();
    x.close();
    x.val("w:themeFontLang", in.language.empty() ? "vi-VN" : in.language);
    x.val("w:decimalSymbol", ",");  // Vietnamese number format
    x.val("w:listSeparator", ";");
    x.close();
    return x.finish();
}

std::string header_number_xml(const SharedInputs& in) { return header_xml(in, true); }
std::string header_empty_xml(const SharedInputs& in) { return header_xml(in, false); }

std::map<std::string, std::string> shared_parts(const SharedInputs& in) {
    std::map<std::string, std::string> parts;
    parts[part::kContentTypes] = content_types_xml();
    parts[part::kPackageRels] = package_rels_xml();
    parts[part::kDocumentRels] = document_rels_xml();
    parts[part::kStyles] = styles_xml(in);
    parts[part::kSettings] = settings_xml(in);
    parts[part::kHeaderNumber] = header_number_xml(in);
    parts[part::kHeaderEmpty] = header_empty_xml(in);
    parts[part::kApp] = app_xml(in.options);
    return parts;
}

namespace {

template <typename T>
void put_bytes(std::string& key, const T& value) {
    char bytes[sizeof(T)];
    std::memcpy(bytes, &value, sizeof(T));
    key.append(bytes, sizeof(T));
}

void put_string(std::string& key, const std::string& s) {
    put_bytes(key, s.size());
    key += s;
}

}  // namespace

std::string shared_key(const SharedInputs& in) {
    // Every member is named (structured bindings), so a member added to one of these
    // structs stops this from compiling until the key covers it too.
    std::string key;
    key.reserve(64 + in.styles.size() * 96);
    const auto& [font_name, application] = in.options;
    put_string(key, font_name);
    put_string(key, application);
    put_string(key, in.language);
    put_bytes(key, in.styles.size());
    for (const auto& [name, style] : in.styles) {
        const auto& [font_size, bold, italic, align, first_line_indent, left_indent, right_indent, space_before,
                     space_after, line_spacing, keep_with_next, keep_together] = style;
        put_string(key, name);
        for (double v : {font_size, first_line_indent, left_indent, right_indent, space_before, space_after,
                         line_spacing}) {
            put_bytes(key, v);  // the bits: equal keys mean equal values (+0 and -0 differ)
        }
        for (bool b : {bold, italic, keep_with_next, keep_together}) key += b ? '1' : '0';
        put_bytes(key, static_cast<int>(align));
    }
    return key;
}

}  // namespace hoso::docx::detail
