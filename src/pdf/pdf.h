// pdf: layout::PagedDocument → PDF bytes through libharu 2.3.0, with the fonts embedded
// (TrueType, subset to the glyphs drawn), a valid ToUnicode CMap (one bfchar per code point
// drawn) so that copy/paste and search return the exact text, fixed metadata and
// byte-identical output for identical input. libharu errors become hoso::Error; no
// setjmp/longjmp.
//
// Speed: what is the same in every document — each face's font program, parsed and with
// every glyph already compressed — is built the first time a face is used (tens of
// milliseconds) and kept for the life of the process, shared read-only by all threads
// (under 1 MB per face). write_pdf may run in several threads at once.
#pragma once

#include <filesystem>
#include <string>

#include "font/font.h"
#include "layout/layout.h"

namespace hoso::pdf {

struct PdfOptions {
    bool compress = true;                 // false: no stream is compressed (golden tests)
    std::string producer = "hoso";        // fixed: never libharu's default with its version
    std::string creator = "hoso";
};

// Renders `doc` with the faces of `fonts` (only the faces the pages use are embedded).
// Returns the complete file in memory; throws hoso::Error if libharu fails or a text item
// contains a code point the font lacks (layout input is expected to be checked earlier).
std::string write_pdf(const layout::PagedDocument& doc, const font::FontSet& fonts,
                      const PdfOptions& options = {});

}  // namespace hoso::pdf
