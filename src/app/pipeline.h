// Internal to app: the pieces the dossier, batch and decision commands share.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "app/app.h"
#include "font/font.h"
#include "forms/forms.h"
#include "template/template.h"

namespace hoso::app {

// Loaded once per command and shared read-only by every worker.
struct Resources {
    font::FontSet fonts;
    forms::FormLibrary library;
    std::map<std::string, tmpl::Template> templates;
    std::filesystem::path templates_dir;
};

struct RenderedFile {
    std::filesystem::path path;
    std::string bytes;
    std::string unit;      // unit name (full, for manifests)
    std::string document;  // template id
    std::string format;    // "pdf", "docx", "model", "layout"
    int pages = 0;         // pages of hoso's layout (0 if not laid out)
};

Resources load_resources(const Request& r, const Environment& env, Diagnostics& diags);

// How data files are read: strings the embedded fonts cannot print are errors.
data::LoadOptions load_options(const font::FontSet& fonts);

// A unit file loaded and, if its form is known, checked against the form. Use only when
// `diags` received no error (then `form` is set).
struct LoadedUnit {
    data::UnitData data;
    const forms::Form* form = nullptr;
    forms::Authorities authorities;  // in force on the Tờ trình's date (set with `form`)
};
LoadedUnit load_unit(const std::filesystem::path& path, const font::FontSet& fonts,
                     const forms::FormLibrary& library, Diagnostics& diags);

// Renders one template with `ctx` in memory: the document tree is checked (fonts, model
// invariants), then laid out and written in the requested formats (and dumps), each file at
// `base_path` + extension. Returns no files if anything failed (problems are in `diags`).
std::vector<RenderedFile> render_document(const Resources& res, const Request& r, const std::string& template_id,
                                          const tmpl::Value& ctx, const std::filesystem::path& base_path,
                                          const std::string& unit_name, Diagnostics& diags);

// Loads, checks and evaluates one unit file and renders its documents in memory. Returns no
// files if anything failed (every problem is in `diags`).
std::vector<RenderedFile> render_unit(const Resources& res, const Request& r, const std::filesystem::path& input,
                                      const std::filesystem::path& out_dir, Diagnostics& diags);

// Writes files atomically (creating `out_dir`), appending each path to out.written.
void write_all(const std::vector<RenderedFile>& files, const std::filesystem::path& out_dir, Outcome& out,
               Durability durability = Durability::Now);

Outcome run_batch(const Request& r, const Environment& env);
Outcome run_decision(const Request& r, const Environment& env);  // decision.cpp

}  // namespace hoso::app
