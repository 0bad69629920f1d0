#include "docx/docx.h"

#include <string>

#include "core/core.h"
#include "docx/detail/parts.h"

namespace hoso::docx {

std::map<std::string, std::string> docx_parts(const model::Document& doc, const DocxOptions& options) {
    // The writer's input contract: an invalid model is a bug upstream (the template builds it).
    const std::vector<std::string> problems = model::validate(doc);
    if (!problems.empty()) {
        std::string message = "docx: invalid document model:";
        for (const auto& p : problems) message += "\n  " + p;
        throw Error(message);
    }
    namespace part = detail::part;
    std::map<std::string, std::string> parts;
    parts[part::kContentTypes] = detail::content_types_xml();
    parts[part::kPackageRels] = detail::package_rels_xml();
    parts[part::kDocument] = detail::document_xml(doc, options);
    parts[part::kDocumentRels] = detail::document_rels_xml();
    parts[part::kStyles] = detail::styles_xml(doc, options);
    parts[part::kSettings] = detail::settings_xml(doc);
    parts[part::kHeaderNumber] = detail::header_number_xml(doc);
    parts[part::kHeaderEmpty] = detail::header_empty_xml(doc);
    parts[part::kCore] = detail::core_xml(doc.meta);
    parts[part::kApp] = detail::app_xml(options);
    return parts;
}

std::string write_docx(const model::Document& doc, const DocxOptions& options) {
    return detail::zip_parts(docx_parts(doc, options));
}

}  // namespace hoso::docx
