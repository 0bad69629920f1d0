// The parts of the package, one function each. All are pure functions of the model.
#pragma once

#include <map>
#include <span>
#include <string>
#include <string_view>

#include "docx/docx.h"
#include "docx/detail/xml.h"
#include "model/model.h"

namespace hoso::docx::detail {

// Part names (zip entry names) and relationship ids shared between the parts.
namespace part {
inline constexpr const char* kContentTypes = "[Content_Types].xml";
inline constexpr const char* kPackageRels = "_rels/.rels";
inline constexpr const char* kDocument = "word/document.xml";
inline constexpr const char* kDocumentRels = "word/_rels/document.xml.rels";
inline constexpr const char* kStyles = "word/styles.xml";
inline constexpr const char* kSettings = "word/settings.xml";
inline constexpr const char* kHeaderNumber = "word/header1.xml";  // centred PAGE field
inline constexpr const char* kHeaderEmpty = "word/header2.xml";   // first page / no numbers
inline constexpr const char* kCore = "docProps/core.xml";
inline constexpr const char* kApp = "docProps/app.xml";
}  // namespace part

namespace rel {
inline constexpr const char* kStyles = "rId1";
inline constexpr const char* kSettings = "rId2";
inline constexpr const char* kHeaderNumber = "rId3";
inline constexpr const char* kHeaderEmpty = "rId4";
}  // namespace rel

// Everything the shared parts — all but word/document.xml and docProps/core.xml — are made
// of: the style sheet, the language and the options, which documents rendered from one
// template have in common. The shared parts take nothing else, so a process builds and
// compresses them once for each distinct value (zip.cpp, keyed by shared_key()).
struct SharedInputs {
    const std::map<std::string, model::ParagraphStyle>& styles;
    const std::string& language;  // model::Meta::language; empty = vi-VN
    const DocxOptions& options;
};

inline SharedInputs shared_inputs(const model::Document& doc, const DocxOptions& options) {
    return SharedInputs{doc.styles, doc.meta.language, options};
}

// A byte string that equals another exactly when the two SharedInputs are equal.
std::string shared_key(const SharedInputs& in);

// The shared parts.
std::string content_types_xml();
std::string package_rels_xml();
std::string document_rels_xml();
std::string app_xml(const DocxOptions& options);
std::string settings_xml(const SharedInputs& in);
std::string styles_xml(const SharedInputs& in);
std::string header_number_xml(const SharedInputs& in);
std::string header_empty_xml(const SharedInputs& in);
// {part name → bytes} of all the shared parts.
std::map<std::string, std::string> shared_parts(const SharedInputs& in);

// Bytes first reserved for word/document.xml (a bench report's is 42 KB).
inline constexpr std::size_t kDocumentCapacity = 64 * 1024;

// The parts of one document. write_document_xml writes into `x` after reset(), so that a
// caller may keep one writer (and its buffer) for many documents.
std::string core_xml(const model::Meta& meta);
void write_document_xml(XmlWriter& x, const model::Document& doc, const DocxOptions& options);
std::string document_xml(const model::Document& doc, const DocxOptions& options);

// A part of one document (not shared): its name and bytes.
struct OwnPart {
    const char* name;
    std::string_view bytes;
};

// The zip of the shared parts for `in` and the document's own `parts` (in name order:
// word/document.xml and at most one other part, else hoso::Error), all entries in name
// order, deflated, dated 1980-01-01 00:00 (the DOS epoch). The shared parts are compressed
// once per process (level 9); the own parts here, each with a deflate stream its thread
// keeps (zip.cpp: kDocumentLevel for word/document.xml).
std::string zip_package(const SharedInputs& in, std::span<const OwnPart> parts);

}  // namespace hoso::docx::detail
