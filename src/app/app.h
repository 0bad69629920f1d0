// app: hoso's commands as library calls — the whole pipeline (data → forms → template →
// model → layout → PDF, model → DOCX) behind one function per command. The CLI only parses
// arguments into a Request and prints the Outcome; tests call run() directly.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/core.h"

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

}  // namespace hoso::app
