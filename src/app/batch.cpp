// hoso batch: every unit file of a council's list, on every core. Each worker renders one
// unit at a time (its own libharu documents) and writes its files before taking the next,
// so memory stays bounded by one unit per worker however long the list. A unit that fails is
// reported and skipped; the manifest lists every file written, in input order, so the
// output is the same whatever the scheduling. ket-qua.xlsx has a row for every unit that was
// evaluated (also those refused a Tờ trình), one sheet per form, in input order.
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "app/pipeline.h"
#include "text/text.h"
#include "xlsx/xlsx.h"

namespace hoso::app {

namespace {

struct UnitOutcome {
    std::filesystem::path input;
    std::filesystem::path dir;
    Diagnostics diagnostics;
    std::vector<RenderedFile> files;  // bytes dropped after writing; metadata kept
    std::vector<std::string> sha256;
    bool ok = false;
    // Its row of ket-qua.xlsx (STT filled in when flushed), when the unit was evaluated.
    const forms::Form* form = nullptr;
    std::vector<xlsx::Cell> row;
    Date dated;
};

std::vector<std::filesystem::path> collect_inputs(const std::vector<std::filesystem::path>& args, Diagnostics& diags) {
    std::vector<std::filesystem::path> inputs;
    for (const auto& a : args) {
        std::error_code ec;
        if (std::filesystem::is_directory(a, ec)) {
            std::vector<std::filesystem::path> found;
            for (const auto& e : std::filesystem::directory_iterator(a, ec)) {
                if (e.is_regular_file() && e.path().extension() == ".xml") found.push_back(e.path());
            }
            if (ec) {
                diags.error({a.string(), 0, 0}, "", "không đọc được thư mục", "cannot read directory");
                continue;
            }
            std::sort(found.begin(), found.end());
            inputs.insert(inputs.end(), found.begin(), found.end());
        } else {
            inputs.push_back(a);  // missing files are reported by the unit that reads them
        }
    }
    return inputs;
}

std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string json_string(const std::string& s) {
    std::string out = "\"";
    for (unsigned char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            default:
                if (c < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    out += buf;
                } else {
                    out += static_cast<char>(c);
                }
        }
    }
    return out + "\"";
}

}  // namespace

Outcome run_batch(const Request& r, const Environment& env) {
    Outcome out;
    const Resources res = load_resources(r, env, out.diagnostics);
    const auto inputs = collect_inputs(r.inputs, out.diagnostics);
    if (out.diagnostics.has_errors()) {
        out.exit_code = 1;
        return out;
    }
    if (inputs.empty()) {
        out.diagnostics.error({}, "", "không có tệp dữ liệu nào", "no data files");
        out.exit_code = 1;
        return out;
    }

    // One output folder per input file, named after the file (unique within the list; a
    // clash between folders of the same name in different directories gets "-2", "-3", …).
    std::vector<std::filesystem::path> dirs(inputs.size());
    {
        std::set<std::string> taken;
        for (std::size_t i = 0; i < inputs.size(); ++i) {
            const std::string stem = inputs[i].stem().string();
            const std::string name = text::ascii_slug(text::find_invalid_utf8(stem) ? std::string("unit") : stem, 60);
            std::string unique = name;
            for (int n = 2; !taken.insert(unique).second; ++n) unique = name + "-" + std::to_string(n);
            dirs[i] = r.output_dir / unique;
        }
    }

    std::error_code ec;
    std::filesystem::create_directories(r.output_dir, ec);
    if (ec) throw IoError(r.output_dir, "không tạo được thư mục (cannot create directory): " + ec.message());

    // The manifest is built in input order as units finish: a finished unit waits in
    // `pending` only until every unit before it is done, so memory stays bounded by the few
    // units in flight, not by the length of the list.
    // Rows go straight to hidden part files, renamed to manifest.csv/.json when complete.
    const auto csv_part = r.output_dir / ".manifest.csv.part";
    const auto json_part = r.output_dir / ".manifest.json.part";
    std::FILE* csv_file = std::fopen(csv_part.c_str(), "wb");
    std::FILE* json_file = std::fopen(json_part.c_str(), "wb");
    if (!csv_file || !json_file) {
        if (csv_file) std::fclose(csv_file);
        if (json_file) std::fclose(json_file);
        throw IoError(r.output_dir, "không ghi được manifest (cannot write the manifest)");
    }
    auto put = [](std::FILE* f, const std::string& text) { std::fwrite(text.data(), 1, text.size(), f); };
    // On a failed write: the open part files closed and removed, so no manifest is left half-written.
    auto abandon_manifests = [&] {
        std::fclose(csv_file);
        std::fclose(json_file);
        std::filesystem::remove(csv_part, ec);
        std::filesystem::remove(json_part, ec);
    };
    put(csv_file, "unit,document,format,path,pages,sha256\n");
    put(json_file, "{\n  \"files\": [");
    bool first_json = true;
    std::string json_failed;
    std::size_t files_written = 0, warned_units = 0, warnings = 0;
    std::map<std::string, xlsx::Sheet> sheets;  // by form id
    Date dated;                                 // the latest unit's date
    std::map<std::size_t, UnitOutcome> pending;
    std::size_t next_to_flush = 0;
    std::mutex flush_mutex;
    auto flush_in_order = [&] {  // flush_mutex held
        for (auto it = pending.find(next_to_flush); it != pending.end(); it = pending.find(next_to_flush)) {
            UnitOutcome& u = it->second;
            if (u.form) {
                auto [sheet, fresh] = sheets.try_emplace(u.form->id);
                if (fresh) sheet->second = results_sheet(*u.form, "Kết quả");
                u.row.front() = xlsx::Cell::of(static_cast<double>(sheet->second.row_count() + 1));
                sheet->second.add_row(u.row);
                u.row = {};
                dated = std::max(dated, u.dated);
            }
            if (u.ok) {
                // Warnings of a unit that was rendered are counted, not listed: `hoso validate`
                // shows them for that file. Errors are always listed in full.
                const std::size_t w = u.diagnostics.items().size() - u.diagnostics.error_count();
                warnings += w;
                warned_units += w > 0 ? 1 : 0;
                for (std::size_t k = 0; k < u.files.size(); ++k) {
                    const auto& f = u.files[k];
                    const std::string rel = f.path.lexically_relative(r.output_dir).generic_string();
                    put(csv_file, csv_field(f.unit) + "," + f.document + "," + f.format + "," + csv_field(rel) + "," +
                                      std::to_string(f.pages) + "," + u.sha256[k] + "\n");
                    put(json_file, std::string(first_json ? "\n" : ",\n") + "    {\"unit\": " + json_string(f.unit) +
                                       ", \"document\": " + json_string(f.document) + ", \"format\": " +
                                       json_string(f.format) + ", \"path\": " + json_string(rel) +
                                       ", \"pages\": " + std::to_string(f.pages) + ", \"sha256\": \"" + u.sha256[k] + "\"}");
                    first_json = false;
                    ++files_written;
                }
            } else {
                out.diagnostics.append(u.diagnostics);
                json_failed += std::string(json_failed.empty() ? "\n" : ",\n") + "    " + json_string(u.input.string());
            }
            pending.erase(it);
            ++next_to_flush;
        }
    };

    const unsigned hw = std::max(1u, std::thread::hardware_concurrency());
    const unsigned jobs = r.jobs > 0 ? static_cast<unsigned>(r.jobs) : hw;
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> done{0};
    std::atomic<std::size_t> failed{0};

    auto worker = [&] {
        for (std::size_t i = next++; i < inputs.size(); i = next++) {
            UnitOutcome u;
            u.input = inputs[i];
            u.dir = dirs[i];
            try {
                std::optional<EvaluatedUnit> evaluated;
                u.files = render_unit(res, r, u.input, u.dir, u.diagnostics, &evaluated);
                if (!u.diagnostics.has_errors()) {
                    Outcome written;
                    write_all(u.files, u.dir, written, Durability::Deferred, r.output_dir);  // synced once at the end
                    for (auto& f : u.files) {
                        u.sha256.push_back(sha256_hex(f.bytes));
                        std::string().swap(f.bytes);  // the bytes are on disk now
                    }
                    u.ok = true;
                }
                if (evaluated) {
                    std::string& outputs = evaluated->result.outputs;
                    for (const auto& f : u.files) {
                        if (u.ok && (f.format == "pdf" || f.format == "docx")) {
                            outputs += (outputs.empty() ? "" : "\n") + f.path.lexically_relative(r.output_dir).generic_string();
                        }
                    }
                    u.form = evaluated->form;
                    u.row = results_row(*u.form, evaluated->result, &evaluated->evaluation, 0);
                    u.dated = evaluated->dated;
                }
            } catch (const IoError& e) {
                u.diagnostics.error({e.path().string(), 0, 0}, "", e.message(), "");
            } catch (const std::exception& e) {
                u.diagnostics.error({u.input.string(), 0, 0}, "", std::string("lỗi nội bộ: ") + e.what(),
                                    std::string("internal error: ") + e.what());
            }
            if (!u.ok) ++failed;
            const std::size_t k = ++done;
            std::lock_guard<std::mutex> lock(flush_mutex);
            pending.emplace(i, std::move(u));
            flush_in_order();
            if (r.progress) {
                std::fprintf(stderr, "\r[%zu/%zu] %zu lỗi (failed)  ", k, inputs.size(), failed.load());
                if (k == inputs.size()) std::fprintf(stderr, "\n");
                std::fflush(stderr);
            }
        }
    };
    std::vector<std::thread> threads;
    const unsigned n_threads = std::min<unsigned>(jobs, static_cast<unsigned>(inputs.size()));
    for (unsigned t = 1; t < n_threads; ++t) threads.emplace_back(worker);
    worker();
    for (auto& t : threads) t.join();

    // A failed write after the units (a full disk): the units' own errors are kept with it.
    auto give_up = [&](const IoError& e) {
        out.diagnostics.error({e.path().string(), 0, 0}, "", e.message(), "");
        out.exit_code = 2;
        return std::move(out);
    };
    // ket-qua.xlsx, after every unit, listed last in the manifest; synced with the documents.
    if (!sheets.empty()) {
        xlsx::Workbook wb;
        const std::string title = sheets.size() == 1 ? sheets.begin()->first : std::string();
        for (auto& [id, sheet] : sheets) {
            if (sheets.size() > 1) sheet.name = "Kết quả " + id;  // 31 characters at most: form ids are short
            wb.sheets.push_back(std::move(sheet));
        }
        const forms::Form* form = sheets.size() == 1 ? res.library.find(title) : nullptr;
        wb.title = form ? "Kết quả đánh giá, công nhận " + form->title : std::string("Kết quả đánh giá, công nhận");
        wb.subject = form ? form->circular.number : std::string();
        wb.author = "hoso";
        wb.created = dated;
        const std::string bytes = xlsx::write_xlsx(wb);
        try {
            write_file_atomic(r.output_dir / "ket-qua.xlsx", bytes, Durability::Deferred);
        } catch (const IoError& e) {
            abandon_manifests();
            return give_up(e);
        }
        const std::string sha = sha256_hex(bytes);
        put(csv_file, ",ket-qua,xlsx,ket-qua.xlsx,0," + sha + "\n");
        put(json_file, std::string(first_json ? "\n" : ",\n") +
                           "    {\"unit\": \"\", \"document\": \"ket-qua\", \"format\": \"xlsx\", \"path\": \"ket-qua.xlsx\", "
                           "\"pages\": 0, \"sha256\": \"" + sha + "\"}");
        first_json = false;
        ++files_written;
    }
    put(json_file, "\n  ],\n  \"failed\": [" + json_failed + "\n  ]\n}\n");
    // The documents were written without a disk flush each (Durability::Deferred): one flush
    // of the file system now covers them and the manifest, before the manifest gets its name.
    // So a manifest.csv on disk always describes documents that are on disk.
    const bool written_ok = std::fflush(csv_file) == 0 && std::fflush(json_file) == 0 &&
                            std::ferror(csv_file) == 0 && std::ferror(json_file) == 0;
    try {
        sync_filesystem(r.output_dir);
    } catch (const IoError& e) {
        abandon_manifests();
        return give_up(e);
    }
    const bool closed_ok = std::fclose(csv_file) == 0 && std::fclose(json_file) == 0;
    if (!written_ok || !closed_ok || std::rename(csv_part.c_str(), (r.output_dir / "manifest.csv").c_str()) != 0 ||
        std::rename(json_part.c_str(), (r.output_dir / "manifest.json").c_str()) != 0) {
        std::filesystem::remove(csv_part, ec);
        std::filesystem::remove(json_part, ec);
        return give_up(IoError(r.output_dir, "không ghi được manifest (cannot write the manifest)"));
    }
    out.output = std::to_string(inputs.size()) + " đơn vị (units): " + std::to_string(inputs.size() - failed) +
                 " xong (done), " + std::to_string(failed.load()) + " lỗi (failed); " +
                 std::to_string(files_written) + " tệp (files); manifest: " +
                 (r.output_dir / "manifest.csv").string() + "\n";
    if (warnings > 0) {
        out.output += std::to_string(warnings) + " cảnh báo ở " + std::to_string(warned_units) +
                      " đơn vị đã lập hồ sơ (warnings in units rendered; hoso validate <file> lists them)\n";
    }
    out.exit_code = failed > 0 ? 1 : 0;
    return out;
}

}  // namespace hoso::app
