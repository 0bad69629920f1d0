// hoso command line: parses arguments into an app::Request (CLI11), runs it, prints the outcome.
//
// Each command is one function below (add_dossier, add_batch, …) that declares its options and
// checks what they must hold together; kCommands lists them. A new command is one more such
// function and one line in kCommands; the help texts are made from them.
#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <iostream>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>
#include <unistd.h>

#include "app/app.h"
#include "cli/serve.h"
#include "cli/version.h"

#ifndef HOSO_DEFAULT_RESOURCES
#define HOSO_DEFAULT_RESOURCES "."
#endif

namespace {

using hoso::app::Command;
using hoso::app::Format;

constexpr const char* kTitle =
    "hoso — hồ sơ công nhận \"Đơn vị học tập\" / \"Cộng đồng học tập\" (TT 24/2023, TT 25/2023)";

constexpr const char* kExitStatus =
    "Exit status: 0 ok, 1 invalid input (nothing written), 2 usage or I/O error, 3 internal error.";

// A command line that cannot be run: the message says why (Vietnamese, then English).
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

void require(bool ok, const std::string& message) {
    if (!ok) throw UsageError(message);
}

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

// What the command line fills in, and the message for each option given without its value.
struct Cli {
    hoso::app::Request request;
    hoso::app::Environment env;
    std::vector<std::string> inputs;
    std::map<const CLI::Option*, std::string> needs_value;
    bool serve = false;
    hoso::cli::ServeOptions serve_options;
};

// An option with one value, handed to `set` (the last one wins when it is given twice);
// `needs` is the message when it comes without its value.
void value_option(CLI::App& cmd, Cli& cli, const std::string& names, std::function<void(const std::string&)> set,
                          const std::string& type, const std::string& help, std::string needs) {
    CLI::Option* o = cmd.add_option_function<std::string>(names, std::move(set), help)
                         ->type_name(type)
                         ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    cli.needs_value[o] = std::move(needs);
}

// The options every command has (the resource folder), and hoso's handling of unknown ones.
void common_options(CLI::App& cmd, Cli& cli) {
    value_option(cmd, cli, "--resources", [&cli](const std::string& v) { cli.env.resources = v; }, "<dir>",
                 "folder with forms/, templates/, fonts/ (default: $HOSO_RESOURCES, else the source tree hoso was "
                 "built from)",
                 "--resources cần một thư mục (needs a directory)");
    cmd.allow_extras();  // unknown options are reported by on_parsed, in hoso's words
    cmd.footer(kExitStatus);
}

// The command's files, named `name` in its help.
void inputs_option(CLI::App& cmd, Cli& cli, const std::string& name, const std::string& help) {
    cmd.add_option(name, cli.inputs, help)->type_name("");
}

void output_dir_option(CLI::App& cmd, Cli& cli) {
    value_option(cmd, cli, "-o,--output", [&cli](const std::string& v) { cli.request.output_dir = v; }, "<dir>",
                 "output directory", "-o cần một đường dẫn (needs a path)");
}

std::set<Format> parse_formats(std::string_view list) {
    std::set<Format> formats;
    while (true) {
        const auto comma = list.find(',');
        const std::string_view f = list.substr(0, comma);
        if (f == "pdf") formats.insert(Format::Pdf);
        else if (f == "docx") formats.insert(Format::Docx);
        else throw UsageError("định dạng không hợp lệ '" + std::string(f) + "' (unknown format)");
        if (comma == std::string_view::npos) break;
        list.remove_prefix(comma + 1);
    }
    return formats;
}

// The options of the commands that write documents.
void document_options(CLI::App& cmd, Cli& cli) {
    value_option(cmd, cli, "--format", [&cli](const std::string& v) { cli.request.formats = parse_formats(v); },
                 "<list>", "pdf, docx or pdf,docx (default: both)", "--format cần pdf, docx hoặc pdf,docx");
    value_option(cmd, cli, "--templates", [&cli](const std::string& v) { cli.request.templates_dir = v; }, "<dir>",
                 "a province's own copy of templates/ (default: the resource folder's)",
                 "--templates cần một thư mục (needs a directory)");
    cmd.add_flag_callback("--uncompressed", [&cli] { cli.request.compress = false; },
                          "write readable (uncompressed) PDF streams");
    cmd.add_flag("--dump", cli.request.dumps,
                 "also write the document tree (.model.txt) and the laid-out pages (.layout.txt) of each document, "
                 "as the golden tests compare them");
}

void only_option(CLI::App& cmd, Cli& cli) {
    auto* o = cmd.add_option("--only", cli.request.only_templates,
                             "render only this template (repeatable), e.g. --only mau01-to-trinh")
                  ->type_name("<id>")
                  ->expected(1)
                  ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    cli.needs_value[o] = "--only cần mã mẫu (needs a template id)";
}

// Runs `check` once `cmd` is parsed, after the arguments it did not take are reported (an
// unknown option first: its value would otherwise count as one more file).
void on_parsed(CLI::App& cmd, std::function<void()> check) {
    cmd.callback([&cmd, check = std::move(check)] {
        for (const std::string& arg : cmd.remaining()) {
            if (!arg.empty() && arg[0] == '-') throw UsageError("tùy chọn không hợp lệ '" + arg + "' (unknown option)");
            throw UsageError("đối số thừa '" + arg + "' (unexpected argument)");
        }
        check();
    });
}

// --- The commands: each declares its options and, in its callback, what they must hold together.

void add_dossier(CLI::App& app, Cli& cli) {
    CLI::App& cmd = *app.add_subcommand("dossier", "writes Mẫu 01 Tờ trình, Mẫu 02 Báo cáo tự đánh giá, Mẫu 03 Bản tổng hợp");
    inputs_option(cmd, cli, "unit.xml", "the unit's data file");
    output_dir_option(cmd, cli);
    document_options(cmd, cli);
    only_option(cmd, cli);
    common_options(cmd, cli);
    on_parsed(cmd, [&cli] {
        cli.request.command = Command::Dossier;
        require(cli.inputs.size() == 1, "dossier cần đúng một tệp dữ liệu (needs one data file)");
        require(!cli.request.output_dir.empty(), "dossier cần -o <thư mục> (needs -o <dir>)");
    });
}

void add_batch(CLI::App& app, Cli& cli) {
    CLI::App& cmd = *app.add_subcommand(
        "batch",
        "every unit's dossier into <dir>/<file-name>/, on every core, with manifest.csv/.json; continues past a "
        "failing unit and exits 1 if any failed");
    inputs_option(cmd, cli, "files-or-dirs", "unit data files, or folders of them (every *.xml inside)");
    output_dir_option(cmd, cli);
    value_option(
        cmd, cli, "-j,--jobs",
        [&cli](const std::string& v) {
            int n = 0;
            const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
            require(ec == std::errc{} && end == v.data() + v.size() && n >= 1,
                    "--jobs cần một số dương (needs a positive number)");
            cli.request.jobs = n;
        },
        "N", "worker threads (default: one per core)", "--jobs cần một số dương (needs a positive number)");
    document_options(cmd, cli);
    only_option(cmd, cli);
    common_options(cmd, cli);
    on_parsed(cmd, [&cli] {
        cli.request.command = Command::Batch;
        require(!cli.inputs.empty(), "batch cần tệp hoặc thư mục dữ liệu (needs data files or directories)");
        require(!cli.request.output_dir.empty(), "batch cần -o <thư mục> (needs -o <dir>)");
        cli.request.progress = isatty(STDERR_FILENO) != 0;
    });
}

void add_decision(CLI::App& app, Cli& cli) {
    CLI::App& cmd = *app.add_subcommand(
        "decision",
        "the recognition decision with its attached list, and a letter to each unit that does not qualify");
    inputs_option(cmd, cli, "council.xml", "the council file");
    output_dir_option(cmd, cli);
    document_options(cmd, cli);
    common_options(cmd, cli);
    on_parsed(cmd, [&cli] {
        cli.request.command = Command::Decision;
        require(cli.inputs.size() == 1, "decision cần đúng một tệp hội đồng (needs one council file)");
        require(!cli.request.output_dir.empty(), "decision cần -o <thư mục> (needs -o <dir>)");
    });
}

void add_document(CLI::App& app, Cli& cli) {
    CLI::App& cmd = *app.add_subcommand(
        "document", "one administrative document (Kế hoạch, joint Tờ trình, …) from a data file naming its template");
    inputs_option(cmd, cli, "document.xml", "the document's data file");
    output_dir_option(cmd, cli);
    document_options(cmd, cli);
    common_options(cmd, cli);
    on_parsed(cmd, [&cli] {
        cli.request.command = Command::Document;
        require(cli.inputs.size() == 1, "document cần đúng một tệp dữ liệu (needs one data file)");
        require(!cli.request.output_dir.empty(), "document cần -o <thư mục> (needs -o <dir>)");
    });
}

void add_validate(CLI::App& app, Cli& cli) {
    CLI::App& cmd = *app.add_subcommand("validate", "checks data files, reports every problem");
    inputs_option(cmd, cli, "unit.xml", "unit data files");
    common_options(cmd, cli);
    on_parsed(cmd, [&cli] {
        cli.request.command = Command::Validate;
        require(!cli.inputs.empty(), "validate cần tệp dữ liệu (needs data files)");
    });
}

void add_evaluate(CLI::App& app, Cli& cli) {
    CLI::App& cmd = *app.add_subcommand("evaluate", "result per indicator, criterion and level");
    inputs_option(cmd, cli, "unit.xml", "the unit's data file");
    cmd.add_flag("--json", cli.request.json, "the same as JSON (stable key order)");
    common_options(cmd, cli);
    on_parsed(cmd, [&cli] {
        cli.request.command = Command::Evaluate;
        require(cli.inputs.size() == 1, "evaluate cần đúng một tệp dữ liệu (needs one data file)");
    });
}

void add_init(CLI::App& app, Cli& cli) {
    CLI::App& cmd = *app.add_subcommand("init", "writes a data file skeleton for a form");
    value_option(cmd, cli, "--form", [&cli](const std::string& v) { cli.request.form_id = v; }, "<id>",
                 "the form id (hoso forms lists them)", "--form cần mã biểu mẫu (needs a form id)");
    value_option(cmd, cli, "-o,--output", [&cli](const std::string& v) { cli.request.output_file = v; }, "<file>",
                 "where to write it (default: standard output; an existing file is not overwritten)",
                 "-o cần một đường dẫn (needs a path)");
    common_options(cmd, cli);
    on_parsed(cmd, [&cli] {
        cli.request.command = Command::Init;
        require(!cli.request.form_id.empty(), "init cần --form <mã> (needs --form <id>)");
    });
}

void add_forms(CLI::App& app, Cli& cli) {
    CLI::App& cmd = *app.add_subcommand("forms", "lists the form ids and the authorities in force on a date");
    value_option(cmd, cli, "--date", [&cli](const std::string& v) {
            const auto d = hoso::parse_date(v);
            if (!d) throw UsageError("ngày không hợp lệ '" + v + "', cần YYYY-MM-DD (invalid date)");
            cli.request.date = *d;
        }, "<YYYY-MM-DD>", "the date of the documents (default: today): which authority profile applies",
                 "--date cần một ngày YYYY-MM-DD (needs a date)");
    value_option(cmd, cli, "--templates", [&cli](const std::string& v) { cli.request.templates_dir = v; }, "<dir>",
                 "a province's own copy of templates/ (its authorities.xml profile is shown too)",
                 "--templates cần một thư mục (needs a directory)");
    common_options(cmd, cli);
    on_parsed(cmd, [&cli] { cli.request.command = Command::Forms; });
}

void add_serve(CLI::App& app, Cli& cli) {
    CLI::App& cmd = *app.add_subcommand(
        "serve", "the clerk's web page: fill the unit's form in a browser, see Đạt/Không đạt as you type, download the "
                 "dossier (http://127.0.0.1:8024/)");
    value_option(
        cmd, cli, "--port",
        [&cli](const std::string& v) {
            int n = -1;
            const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
            require(ec == std::errc{} && end == v.data() + v.size() && n >= 0 && n <= 65535,
                    "--port cần một số từ 0 đến 65535 (needs a port number)");
            cli.serve_options.port = n;
        },
        "N", "TCP port (default 8024; 0: any free port, printed)", "--port cần một số (needs a port number)");
    value_option(cmd, cli, "--bind", [&cli](const std::string& v) { cli.serve_options.bind = v; }, "<address>",
                 "address to listen on (default 127.0.0.1: this machine only)",
                 "--bind cần một địa chỉ (needs an address)");
    cmd.add_flag("--allow-remote", cli.serve_options.allow_remote,
                 "allow a --bind address other machines can reach (no password: anyone on the network sees the data)");
    cmd.add_flag("--open", cli.serve_options.open, "open the page in the desktop's browser");
    common_options(cmd, cli);
    on_parsed(cmd, [&cli] { cli.serve = true; });
}

using AddCommand = void (*)(CLI::App&, Cli&);
constexpr AddCommand kCommands[] = {add_dossier, add_batch, add_decision, add_document, add_validate, add_evaluate, add_init, add_forms, add_serve};

// After parsing: the first argument hoso itself did not take, when no command was named.
std::string unknown_command(const CLI::App& app) {
    const auto rest = app.remaining();
    return "lệnh không hợp lệ '" + (rest.empty() ? std::string() : rest.front()) + "' (unknown command)";
}

// The message for an option given without its value (CLI11 names the option first).
std::string missing_value_message(const Cli& cli, const CLI::ArgumentMismatch& e) {
    const std::string_view what = e.what();
    for (const auto& [option, message] : cli.needs_value) {
        const std::string name = option->get_name();
        if (what.size() > name.size() && what.substr(0, name.size()) == name && what[name.size()] == ':') return message;
    }
    return what.empty() ? std::string("thiếu giá trị (missing value)") : std::string(what);
}

}  // namespace

int main(int argc, char** argv) {
    Cli cli;
    cli.env.resources = std::getenv("HOSO_RESOURCES") ? std::getenv("HOSO_RESOURCES") : HOSO_DEFAULT_RESOURCES;
    const hoso::Date today = today_from_environment();
    cli.env.today = [today] { return today; };

    CLI::App app(kTitle, "hoso");
    app.footer(std::string("hoso <command> --help: the options of one command.\n") + kExitStatus);
    app.set_version_flag("--version", hoso::cli::version_text(), "hoso's version and the commit it was built from");
    app.require_subcommand(0, 1);
    app.allow_extras();  // an unknown command is reported by unknown_command
    for (const AddCommand add : kCommands) add(app, cli);

    if (argc < 2) {
        std::cerr << app.help();
        return 2;
    }
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.front() == "help") args = {args.size() > 1 ? args[1] : "--help", "--help"};  // hoso help [<command>]

    try {
        std::reverse(args.begin(), args.end());  // CLI11 takes them last first
        app.parse(args);
        if (app.get_subcommands().empty()) return usage_error(unknown_command(app));
    } catch (const CLI::CallForHelp&) {
        const auto parsed = app.get_subcommands();
        if (parsed.empty() && !app.remaining().empty()) {
            return usage_error(unknown_command(app));
        }
        if (parsed.empty()) std::cout << app.help();
        else std::cout << parsed.front()->help("hoso");
        return 0;
    } catch (const CLI::CallForVersion& e) {
        std::cout << e.what() << "\n";
        return 0;
    } catch (const CLI::ArgumentMismatch& e) {
        return usage_error(missing_value_message(cli, e));
    } catch (const UsageError& e) {
        return usage_error(e.what());
    } catch (const CLI::ParseError& e) {
        return usage_error(e.what());
    }
    for (const std::string& input : cli.inputs) cli.request.inputs.emplace_back(input);
    if (cli.serve) {
        try {
            return hoso::cli::run_serve(cli.serve_options, cli.env);
        } catch (const std::exception& e) {
            std::cerr << "hoso: lỗi nội bộ (internal error): " << e.what() << "\n";
            return 3;
        }
    }

    try {
        const auto outcome = hoso::app::run(cli.request, cli.env);
        std::cerr << outcome.diagnostics.format();
        std::cout << outcome.output;
        for (const auto& p : outcome.written) std::cout << p.string() << "\n";
        if (outcome.exit_code == 1 && cli.request.command != Command::Batch) {
            std::cerr << "hoso: " << outcome.diagnostics.error_count()
                      << " lỗi, không ghi tệp nào (errors, nothing written)\n";
        }
        return outcome.exit_code;
    } catch (const std::exception& e) {
        std::cerr << "hoso: lỗi nội bộ (internal error): " << e.what() << "\n";
        return 3;
    }
}
