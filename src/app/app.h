// app: hoso's commands as library calls — the whole pipeline (data → forms → template →
// model → layout → PDF, model → DOCX) behind one function per command. The CLI only parses
// arguments into a Request and prints the Outcome; tests call run() directly.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/core.h"
#include "data/data.h"
#include "forms/forms.h"

namespace hoso::app {

enum class Command : std::uint8_t { Dossier = 0, Validate, Evaluate, Init, Forms, Batch, Decision, Document };
enum class Format : std::uint8_t { Pdf = 0, Docx };

// Where hoso finds its data and what time it is. Nothing below the CLI reads environment
// variables or the clock: the CLI fills this in.
struct Environment {
    std::filesystem::path resources;               // holds forms/, templates/, fonts/
    std::function<Date()> today = [] { return Date{2025, 1, 1}; };
};

struct Request {
    Command command = Command::Dossier;
    std::vector<std::filesystem::path> inputs;     // data files (decision: the council file)
    std::filesystem::path output_dir;              // dossier: where documents go
    std::filesystem::path output_file;             // init: where the skeleton goes (empty = stdout)
    std::set<Format> formats = {Format::Pdf, Format::Docx};
    std::filesystem::path templates_dir;           // empty = resources/templates
    std::string form_id;                           // init
    bool json = false;                             // evaluate
    bool compress = true;                          // PDF streams (false: readable, for tests)
    bool dumps = false;                            // also write <name>.model.txt and .layout.txt
    // batch: inputs may be files or directories (every *.xml inside, in name order); the
    // documents of each unit go to output_dir/<unit-slug>/, plus manifest.csv/.json.
    std::vector<std::string> only_templates;       // dossier/batch: render only these template ids
    int jobs = 0;                                  // batch: worker threads (0 = one per core)
    bool progress = false;                         // batch: progress line on standard error
    std::optional<Date> date;                      // forms: the documents' date (default: today)
};

struct Outcome {
    int exit_code = 0;          // 0 ok, 1 invalid input (diagnostics say why), 2 usage/I/O error
    std::string output;         // text for standard output (tables, JSON, skeleton)
    Diagnostics diagnostics;    // for standard error, in file order
    std::vector<std::filesystem::path> written;  // files written, in order
};

// Runs one command. Invalid input never writes anything; when output is written, every file
// is written atomically (complete or not at all). Throws only for bugs; I/O failures become
// exit code 2 with a diagnostic naming the path.
Outcome run(const Request& request, const Environment& env);

struct Resources;

// One unit data file given as text rather than a path (hoso serve): the resources (fonts, forms,
// templates) are loaded once and shared read-only, so every method is const and may be called
// from several threads at once. Each call reads, checks and renders exactly as hoso validate,
// hoso evaluate and hoso dossier do for a file with that content.
class Workspace {
public:
    // Problems of the resources themselves (a broken form or template) go to `diagnostics`.
    Workspace(const Environment& env, Diagnostics& diagnostics);
    ~Workspace();
    Workspace(const Workspace&) = delete;
    Workspace& operator=(const Workspace&) = delete;

    const forms::FormLibrary& library() const;
    // The documents of a dossier in order: template id and the document kind of <documents>
    // it prints ("mau01-to-trinh" → "to-trinh").
    std::vector<std::pair<std::string, std::string>> dossier_templates() const;

    // Parses the text as hoso validate reads a file (characters the fonts lack are errors).
    data::UnitData parse(std::string_view xml, const std::string& file_name, Diagnostics& diagnostics) const;

    struct Checked {
        Diagnostics diagnostics;            // everything hoso validate reports for this text
        const forms::Form* form = nullptr;  // null: no known form named (or unreadable XML)
        // hoso evaluate's result. Set whenever `form` is, also when `diagnostics` has errors:
        // then it is provisional (a refused value counts as not given).
        std::optional<forms::Evaluation> evaluation;
    };
    Checked check(std::string_view xml, const std::string& file_name) const;

    struct File {
        std::string name;   // as hoso dossier names it in its output folder
        std::string bytes;  // the same bytes
    };
    // The files hoso dossier writes for this text (formats, only: as its --format, --only), in
    // the order it writes them; none, with the reasons in `diagnostics`, when it writes none.
    std::vector<File> dossier(std::string_view xml, const std::string& file_name, const std::set<Format>& formats,
                              const std::vector<std::string>& only, Diagnostics& diagnostics) const;

private:
    std::unique_ptr<Resources> m_resources;
};

}  // namespace hoso::app
