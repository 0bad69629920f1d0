#include "docx/docx.h"

#include <string>

#include "core/core.h"
#include "docx/detail/parts.h"

namespace hoso::docx {

namespace {

// The writer's input contract: an invalid model is a bug upstream (the template builds it).
void check_model(const model::Document& doc) {
    const std::vector<std::string> problems = model::validate(doc);
    if (!problems.empty()) {
        std::string message = "docx: invalid document model:";
        for (const auto& p : problems) message += "\n  " + p;
        throw Error(message);
    }
}

}  // namespace

std::map<std::string, std::string> docx_parts(const model::Document& doc, const DocxOptions& options) {
    check_model(doc);
    namespace part = detail::part;
    std::map<std::string, std::string> parts = detail::shared_parts(detail::shared_inputs(doc, options));
    parts[part::kDocument] = detail::document_xml(doc, options);
    parts[part::kCore] = detail::core_xml(doc.meta);
    return parts;
}

std::string write_docx(const model::Document& doc, const DocxOptions& options) {
    check_model(doc);
    namespace part = detail::part;
    // The shared parts come compressed from a per-process cache; only these two are new.
    // word/document.xml is written into a buffer each thread keeps (batch runs a writer per
    // worker thread), so a document costs no allocation of it.
    thread_local detail::XmlWriter document(detail::kDocumentCapacity);
    detail::write_document_xml(document, doc, options);
    const std::string core = detail::core_xml(doc.meta);
    const detail::OwnPart parts[] = {{part::kCore, core}, {part::kDocument, document.view()}};
    return detail::zip_package(detail::shared_inputs(doc, options), parts);
}

}  // namespace hoso::docx
