// Internal to app: the pieces the dossier, batch and decision commands share.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/app.h"
#include "font/font.h"
#include "forms/forms.h"
#include "template/template.h"
#include "xlsx/xlsx.h"

namespace hoso::app {

// An indicator not met at the requested level, as the reply letter and ket-qua.xlsx print it.
struct FailedIndicator {
    int criterion_number = 0;
    std::string criterion_title;
    int number = 0;
    std::string text;
    std::string citation;
    std::string requirement;
    std::string value;
    std::string reason;
};

// What ket-qua.xlsx says about one unit (hoso decision and hoso batch).
struct UnitResult {
    std::string name;
    std::string type, type_name;
    int level = 0;                                // requested
    data::RequestKind kind = data::RequestKind::First;
    bool granted = false;
    std::optional<int> reached_level;
    std::optional<Date> valid_until;              // recognised: last day the result is kept
    std::vector<std::string> reasons;             // in words, other than the failed indicators
    std::vector<FailedIndicator> failed;
    std::string outputs;                          // the documents about it
};

// The failed indicators of `level` and the evaluation's reasons other than the summary one
// that names them ("Chưa đạt mức độ n: …"), appended to `out` (nothing when granted).
void add_failures(const forms::Form& form, const forms::Evaluation& ev, int level, UnitResult& out);

// ket-qua.xlsx: the header of a form's sheet, and one unit's row (`evaluation`: units given by
// file, every level, criterion and indicator; null: the council's result and the indicators
// it named).
xlsx::Sheet results_sheet(const forms::Form& form, std::string name);
std::vector<xlsx::Cell> results_row(const forms::Form& form, const UnitResult& u, const forms::Evaluation* evaluation,
                                    int number);

// The templates of a unit's dossier, in order.
const std::vector<std::string>& dossier_template_ids();

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

// The same for a data file given as text (`file_name` names it in diagnostics).
LoadedUnit load_unit_text(std::string_view xml, const std::string& file_name, const font::FontSet& fonts,
                          const forms::FormLibrary& library, Diagnostics& diags);

// Renders one template with `ctx` in memory: the document tree is checked (fonts, model
// invariants), then laid out and written in the requested formats (and dumps), each file at
// `base_path` + extension. Returns no files if anything failed (problems are in `diags`).
std::vector<RenderedFile> render_document(const Resources& res, const Request& r, const std::string& template_id,
                                          const tmpl::Value& ctx, const std::filesystem::path& base_path,
                                          const std::string& unit_name, Diagnostics& diags);

// A unit file that loaded and was evaluated (whether or not its documents rendered).
struct EvaluatedUnit {
    const forms::Form* form = nullptr;
    forms::Evaluation evaluation;
    UnitResult result;
    // The date its results are as of: its Tờ trình's date, or 1 January after the assessed
    // year when that is blank (ket-qua.xlsx of a batch is dated by the latest of these).
    Date dated;
};

// Loads, checks and evaluates one unit file and renders its documents in memory. Returns no
// files if anything failed (every problem is in `diags`). When the unit loaded and was
// evaluated, `evaluated` (if given) receives its result, even if no document was rendered.
std::vector<RenderedFile> render_unit(const Resources& res, const Request& r, const std::filesystem::path& input,
                                      const std::filesystem::path& out_dir, Diagnostics& diags,
                                      std::optional<EvaluatedUnit>* evaluated = nullptr);

// render_unit for a unit already loaded without errors.
std::vector<RenderedFile> render_loaded(const Resources& res, const Request& r, const LoadedUnit& unit,
                                        const std::filesystem::path& out_dir, Diagnostics& diags,
                                        std::optional<EvaluatedUnit>* evaluated = nullptr);

// Writes files atomically (creating `out_dir`), appending each path to out.written. Every file
// must lie under `root` (default: `out_dir`), and no folder between `root` and the file may be a
// symbolic link (one planted in the output folder would send the file elsewhere): IoError
// naming the link, before anything is written.
void write_all(const std::vector<RenderedFile>& files, const std::filesystem::path& out_dir, Outcome& out,
               Durability durability = Durability::Now, const std::filesystem::path& root = {});

Outcome run_batch(const Request& r, const Environment& env);
Outcome run_decision(const Request& r, const Environment& env);  // decision.cpp

}  // namespace hoso::app
