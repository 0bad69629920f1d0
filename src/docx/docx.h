// docx: model::Document → a WordprocessingML package (.docx) built with libzip, its parts
// deflated by libdeflate. Word/LibreOffice do the layout; this writer states the ND30
// geometry in Word's terms (A4, margins, Times New Roman, the borderless header table,
// rules, page numbers from page 2) so that the file prints like hoso's PDF and stays
// editable.
#pragma once

#include <map>
#include <string>

#include "model/model.h"

namespace hoso::docx {

struct DocxOptions {
    std::string font_name = "Times New Roman";  // ND30; LibreOffice substitutes Liberation Serif
    std::string application = "hoso";
};

// The package as {part name → bytes}, in the order the zip stores them. Exposed for golden
// tests (each XML part is compared as a tree). `doc` must pass model::validate(): an invalid
// model is a bug upstream and throws hoso::Error listing the problems.
std::map<std::string, std::string> docx_parts(const model::Document& doc, const DocxOptions& options = {});

// The complete .docx file in memory: deterministic (fixed entry order and timestamps).
// Throws hoso::Error as docx_parts does, or if libzip fails; nothing is written to disk (the
// caller stores the bytes with core's write_file_atomic, so no partial .docx can appear).
std::string write_docx(const model::Document& doc, const DocxOptions& options = {});

}  // namespace hoso::docx
