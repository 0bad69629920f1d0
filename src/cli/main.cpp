// hoso command line: parses arguments into an app::Request, runs it, prints the outcome.
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <string>
#include <string_view>

#include <unistd.h>

#include "app/app.h"

#ifndef HOSO_DEFAULT_RESOURCES
#define HOSO_DEFAULT_RESOURCES "."
#endif

namespace {

constexpr const char* kUsage = R"(hoso — hồ sơ công nhận "Đơn vị học tập" / "Cộng đồng học tập" (TT 24/2023, TT 25/2023)

Usage:
  hoso dossier <unit.xml> -o <dir> [--format pdf,docx] [--templates <dir>] [--only <id>]...
      writes Mẫu 01 Tờ trình, Mẫu 02 Báo cáo tự đánh giá, Mẫu 03 Bản tổng hợp
      (--only: just the named template(s), e.g. --only mau01-to-trinh)
  hoso batch <files or dirs> -o <dir> [--jobs N] [--format …] [--only <id>]...
      every unit's dossier into <dir>/<file-name>/, on every core, with manifest.csv/.json;
      continues past a failing unit and exits 1 if any failed
  hoso decision <council.xml> -o <dir> [--format …] [--templates <dir>]
      the recognition decision with its attached list, and a letter to each unit that
      does not qualify
  hoso validate <unit.xml>...       checks data files, reports every problem
  hoso evaluate <unit.xml> [--json] result per indicator, criterion and level
  hoso init --form <id> [-o <file>] writes a data file skeleton for a form
  hoso forms                        lists the form ids

Options:
  --resources <dir>   folder with forms/, templates/, fonts/ (default: $HOSO_RESOURCES,
                      else the source tree hoso was built from)
  --uncompressed      write readable (uncompressed) PDF streams
  --dump              also write the document tree (.model.txt) and the laid-out pages
                      (.layout.txt) of each document, as the golden tests compare them
  -h, --help          this text

Exit status: 0 ok, 1 invalid input (nothing written), 2 usage or I/O error.
)";

int usage_error(const std::string& message) {
    std::cerr << "hoso: " << message << "\n(hoso --help cho hướng dẫn / for help)\n";
    return 2;
}

hoso::Date today_from_environment() {
    std::time_t t = std::time(nullptr);
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH")) {
        t = static_cast<std::time_t>(std::strtoll(epoch, nullptr, 10));
    }
    std::tm tm{};
    gmtime_r(&t, &tm);
    return hoso::Date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

}  // namespace

int main(int argc, char** argv) {
    using hoso::app::Command;
    using hoso::app::Format;
    hoso::app::Request request;
    hoso::app::Environment env;
    env.resources = std::getenv("HOSO_RESOURCES") ? std::getenv("HOSO_RESOURCES") : HOSO_DEFAULT_RESOURCES;
    const hoso::Date today = today_from_environment();
    env.today = [today] { return today; };

    if (argc < 2) {
        std::cerr << kUsage;
        return 2;
    }
    const std::string_view command = argv[1];
    if (command == "-h" || command == "--help" || command == "help") {
        std::cout << kUsage;
        return 0;
    }
    if (command == "dossier") request.command = Command::Dossier;
    else if (command == "validate") request.command = Command::Validate;
    else if (command == "evaluate") request.command = Command::Evaluate;
    else if (command == "init") request.command = Command::Init;
    else if (command == "forms") request.command = Command::Forms;
    else if (command == "batch") request.command = Command::Batch;
    else if (command == "decision") request.command = Command::Decision;
    else return usage_error("lệnh không hợp lệ '" + std::string(command) + "' (unknown command)");

    for (int i = 2; i < argc; ++i) {
        const std::string_view arg = argv[i];
        auto value = [&](const char* what) -> const char* {
            if (i + 1 >= argc) return nullptr;
            (void)what;
            return argv[++i];
        };
        if (arg == "-o" || arg == "--output") {
            const char* v = value("-o");
            if (!v) return usage_error("-o cần một đường dẫn (needs a path)");
            if (request.command == Command::Init) request.output_file = v;
            else request.output_dir = v;
        } else if (arg == "--format") {
            const char* v = value("--format");
            if (!v) return usage_error("--format cần pdf, docx hoặc pdf,docx");
            request.formats.clear();
            std::string_view list = v;
            while (!list.empty()) {
                const auto comma = list.find(',');
                const std::string_view f = list.substr(0, comma);
                if (f == "pdf") request.formats.insert(Format::Pdf);
                else if (f == "docx") request.formats.insert(Format::Docx);
                else return usage_error("định dạng không hợp lệ '" + std::string(f) + "' (unknown format)");
                if (comma == std::string_view::npos) break;
                list.remove_prefix(comma + 1);
            }
        } else if (arg == "--templates") {
            const char* v = value("--templates");
            if (!v) return usage_error("--templates cần một thư mục (needs a directory)");
            request.templates_dir = v;
        } else if (arg == "--resources") {
            const char* v = value("--resources");
            if (!v) return usage_error("--resources cần một thư mục (needs a directory)");
            env.resources = v;
        } else if (arg == "--form") {
            const char* v = value("--form");
            if (!v) return usage_error("--form cần mã biểu mẫu (needs a form id)");
            request.form_id = v;
        } else if (arg == "--jobs" || arg == "-j") {
            const char* v = value("--jobs");
            if (!v || std::atoi(v) < 1) return usage_error("--jobs cần một số dương (needs a positive number)");
            request.jobs = std::atoi(v);
        } else if (arg == "--json") {
            request.json = true;
        } else if (arg == "--uncompressed") {
            request.compress = false;
        } else if (arg == "--only") {
            const char* v = value("--only");
            if (!v) return usage_error("--only cần mã mẫu (needs a template id)");
            request.only_templates.emplace_back(v);
        } else if (arg == "--dump") {
            request.dumps = true;
        } else if (arg == "-h" || arg == "--help") {
            std::cout << kUsage;
            return 0;
        } else if (!arg.empty() && arg[0] == '-') {
            return usage_error("tùy chọn không hợp lệ '" + std::string(arg) + "' (unknown option)");
        } else {
            request.inputs.emplace_back(arg);
        }
    }

    switch (request.command) {
        case Command::Dossier:
            if (request.inputs.size() != 1) return usage_error("dossier cần đúng một tệp dữ liệu (needs one data file)");
            if (request.output_dir.empty()) return usage_error("dossier cần -o <thư mục> (needs -o <dir>)");
            break;
        case Command::Validate:
            if (request.inputs.empty()) return usage_error("validate cần tệp dữ liệu (needs data files)");
            break;
        case Command::Evaluate:
            if (request.inputs.size() != 1) return usage_error("evaluate cần đúng một tệp dữ liệu (needs one data file)");
            break;
        case Command::Init:
            if (request.form_id.empty()) return usage_error("init cần --form <mã> (needs --form <id>)");
            break;
        case Command::Forms: break;
        case Command::Decision:
            if (request.inputs.size() != 1) return usage_error("decision cần đúng một tệp hội đồng (needs one council file)");
            if (request.output_dir.empty()) return usage_error("decision cần -o <thư mục> (needs -o <dir>)");
            break;
        case Command::Batch:
            if (request.inputs.empty()) return usage_error("batch cần tệp hoặc thư mục dữ liệu (needs data files or directories)");
            if (request.output_dir.empty()) return usage_error("batch cần -o <thư mục> (needs -o <dir>)");
            request.progress = isatty(STDERR_FILENO) != 0;
            break;
    }

    try {
        const auto outcome = hoso::app::run(request, env);
        std::cerr << outcome.diagnostics.format();
        std::cout << outcome.output;
        for (const auto& p : outcome.written) std::cout << p.string() << "\n";
        if (outcome.exit_code == 1 && request.command != Command::Batch) {
            std::cerr << "hoso: " << outcome.diagnostics.error_count()
                      << " lỗi, không ghi tệp nào (errors, nothing written)\n";
        }
        return outcome.exit_code;
    } catch (const std::exception& e) {
        std::cerr << "hoso: lỗi nội bộ (internal error): " << e.what() << "\n";
        return 3;
    }
}
