// The parts of the package, one function each. All are pure functions of the model.
#pragma once

#include <map>
#include <string>

#include "docx/docx.h"
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

std::string content_types_xml();
std::string package_rels_xml();
std::string document_rels_xml();
std::string core_xml(const model::Meta& meta);
std::string app_xml(const DocxOptions& options);
std::string settings_xml(const model::Document& doc);
std::string styles_xml(const model::Document& doc, const DocxOptions& options);
std::string header_number_xml(const model::Document& doc);
std::string header_empty_xml(const model::Document& doc);
std::string document_xml(const model::Document& doc, const DocxOptions& options);

// Zips `parts` in map order, deflated, every entry dated 1980-01-01 00:00 (the DOS epoch).
std::string zip_parts(const std::map<std::string, std::string>& parts);

}  // namespace hoso::docx::detail
