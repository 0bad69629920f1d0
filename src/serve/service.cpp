// Service: routing, limits and the handlers of web/API.md.
#include "serve/serve.h"

#include <algorithm>
#include <map>

#include "serve/detail/definition.h"
#include "serve/detail/state.h"
#include "serve/detail/zip.h"
#include "text/text.h"

namespace hoso::serve {

using detail::Json;
using detail::Refusal;

namespace {

constexpr const char* kJson = "application/json; charset=utf-8";
constexpr const char* kDataFileName = "don-vi.xml";  // the generated file, as diagnostics name it
constexpr std::size_t kMaxAssetBytes = 8u << 20;     // a larger file of the page is left out

std::string dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

Response json_response(const Json& j, int status = 200) { return {status, kJson, dump(j), {}}; }

// "application/json; charset=utf-8" → "application/json".
std::string media_type(const std::string& content_type) {
    std::string t = content_type.substr(0, content_type.find(';'));
    while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.pop_back();
    while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.erase(t.begin());
    std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return t;
}

void require_media(const Request& r, std::initializer_list<const char*> types) {
    const std::string t = media_type(r.content_type);
    std::string names;
    for (const char* type : types) {
        if (t == type) return;
        names += (names.empty() ? "" : ", ") + std::string(type);
    }
    throw Refusal(415, "unsupported-media-type",
                  "kiểu nội dung '" + t + "' không được nhận; cần " + names + " (unsupported Content-Type; expected " +
                      names + ")");
}

// Nesting of a JSON text, checked before parsing (the parser recurses).
void check_depth(const std::string& body) {
    int depth = 0;
    bool in_string = false, escaped = false;
    for (char c : body) {
        if (in_string) {
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') in_string = false;
            continue;
        }
        if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > kMaxJsonDepth) {
                throw Refusal(400, "too-deep",
                              "JSON lồng quá sâu (tối đa " + std::to_string(kMaxJsonDepth) + " cấp) (JSON nested deeper than " +
                                  std::to_string(kMaxJsonDepth) + ")");
            }
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
}

Json parse_json(const Request& r) {
    require_media(r, {"application/json"});
    check_depth(r.body);
    try {
        Json j = Json::parse(r.body);
        if (!j.is_object()) throw Refusal(400, "malformed-json", "cần một đối tượng JSON (expected a JSON object)");
        return j;
    } catch (const Json::parse_error& e) {
        throw Refusal(400, "malformed-json", std::string("JSON không hợp lệ (malformed JSON): ") + e.what());
    }
}

bool starts_with(const std::string& s, std::string_view p) { return s.compare(0, p.size(), p) == 0; }

}  // namespace

Response error_response(int status, const std::string& code, const std::string& message) {
    return json_response(Json{{"error", code}, {"message", message}}, status);
}

struct Service::Impl {
    app::Workspace workspace;
    std::vector<std::string> document_kinds;  // the dossier's document kinds, in order
    std::map<std::string, Json> definitions;  // form id → definition
    std::map<std::string, std::string> blank; // form id → blank state (JSON text)
    std::string forms_list;
    struct Asset {
        std::string content_type;
        std::string bytes;
    };
    std::map<std::string, Asset> assets;  // "/index.html" → file

    Impl(const app::Environment& env, Diagnostics& diags) : workspace(env, diags) {
        for (const auto& [id, kind] : workspace.dossier_templates()) document_kinds.push_back(kind);
        const auto dossier = workspace.dossier_templates();
        for (const auto& form : workspace.library().forms()) {
            definitions[form.id] = detail::form_definition_json(form, dossier);
            Diagnostics ignored;
            const auto unit = workspace.parse(forms::skeleton_xml(form), "init.xml", ignored);
            blank[form.id] = dump(detail::unit_to_state(unit, document_kinds));
        }
        forms_list = dump(detail::forms_list_json(workspace.library()));
    }

    void load_assets(const std::filesystem::path& dir, Diagnostics& diags) {
        static const std::map<std::string, std::string> types = {
            {".html", "text/html; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
            {".js", "text/javascript; charset=utf-8"}, {".mjs", "text/javascript; charset=utf-8"},
            {".json", kJson}, {".svg", "image/svg+xml"}, {".png", "image/png"}, {".ico", "image/x-icon"},
            {".woff2", "font/woff2"}, {".txt", "text/plain; charset=utf-8"}};
        std::error_code ec;
        if (!std::filesystem::is_directory(dir, ec)) return;
        for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
             !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
            const auto rel = std::filesystem::relative(it->path(), dir, ec).generic_string();
            if (ec || rel.empty() || rel[0] == '.' || rel.find("/.") != std::string::npos) continue;
            if (!it->is_regular_file(ec)) continue;
            const auto type = types.find(it->path().extension().string());
            if (type == types.end()) continue;
            try {
                assets["/" + rel] = {type->second, read_file(it->path(), kMaxAssetBytes)};
            } catch (const IoError& e) {
                diags.warning({it->path().string(), 0, 0}, "", "không đọc được tệp của trang: " + e.message(),
                              "cannot read a file of the page");
            }
        }
    }

    // --- handlers ----------------------------------------------------------------------------

    Response forms_get(const std::string& path) const {
        if (path == "/api/forms") return {200, kJson, forms_list, {}};
        std::string id = path.substr(std::string("/api/forms/").size());
        bool want_blank = false;
        if (const auto slash = id.find('/'); slash != std::string::npos) {
            if (id.substr(slash) != "/new") return not_found(path);
            id = id.substr(0, slash);
            want_blank = true;
        }
        if (want_blank) {
            const auto it = blank.find(id);
            if (it == blank.end()) return unknown_form(id);
            return {200, kJson, it->second, {}};
        }
        const auto it = definitions.find(id);
        if (it == definitions.end()) return unknown_form(id);
        return json_response(it->second);
    }

    static Response unknown_form(const std::string& id) {
        return error_response(404, "not-found", "không có biểu mẫu '" + id + "' (unknown form)");
    }
    static Response not_found(const std::string& path) {
        return error_response(404, "not-found", "không có '" + path + "' (not found)");
    }

    Json diagnostics_json(const Diagnostics& diags, const detail::GeneratedXml* origin, const Json* state) const {
        Json list = Json::array();
        for (const auto& d : diags.items()) list.push_back(detail::diagnostic_json(d, origin, state));
        return list;
    }

    Response evaluate(const Request& r) const {
        const Json state = parse_json(r);
        const auto xml = detail::state_to_xml(state);
        const auto checked = workspace.check(xml.xml, kDataFileName);
        std::size_t warnings = checked.diagnostics.items().size() - checked.diagnostics.error_count();
        Json head{{"valid", !checked.diagnostics.has_errors()},
                  {"errors", checked.diagnostics.error_count()},
                  {"warnings", warnings},
                  {"provisional", checked.diagnostics.has_errors() && checked.evaluation.has_value()},
                  {"diagnostics", diagnostics_json(checked.diagnostics, &xml, &state)}};
        std::string body = dump(head);
        body.pop_back();  // '}': the evaluation is spliced in as hoso evaluate --json writes it
        body += ",\"evaluation\":";
        if (checked.evaluation && checked.form != nullptr) {
            std::string ev = forms::evaluation_json(*checked.form, *checked.evaluation);
            while (!ev.empty() && (ev.back() == '\n' || ev.back() == ' ')) ev.pop_back();
            body += ev;
        } else {
            body += "null";
        }
        body += "}";
        return {200, kJson, std::move(body), {}};
    }

    Response to_xml(const Request& r) const {
        const Json state = parse_json(r);
        auto xml = detail::state_to_xml(state);
        std::string name;
        if (const auto u = state.find("unit"); u != state.end() && u->is_object()) {
            if (const auto n = u->find("name"); n != u->end() && n->is_string()) name = n->get<std::string>();
        }
        std::string form;
        if (const auto f = state.find("form"); f != state.end() && f->is_string()) form = f->get<std::string>();
        // ASCII slugs: the name can never leave the browser's download folder.
        std::string file = form.empty() ? std::string("hoso") : text::ascii_slug(form, 40);
        if (!name.empty()) file += "-" + text::ascii_slug(name, 60);
        return {200, "application/xml; charset=utf-8", std::move(xml.xml), file + ".xml"};
    }

    Response from_xml(const Request& r) const {
        require_media(r, {"application/xml", "text/xml"});
        Diagnostics diags;
        const auto unit = workspace.parse(r.body, "upload.xml", diags);
        // The form's own checks too, so the page shows what hoso validate says of the file.
        if (!diags.has_errors()) {
            const auto checked = workspace.check(r.body, "upload.xml");
            diags = checked.diagnostics;
        }
        Json state = detail::unit_to_state(unit, document_kinds);
        return json_response(Json{{"state", std::move(state)}, {"diagnostics", diagnostics_json(diags, nullptr, nullptr)}});
    }

    Response render(const Request& r) const {
        const Json body = parse_json(r);
        const auto st = body.find("state");
        if (st == body.end() || !st->is_object()) {
            throw Refusal(400, "bad-request", "thiếu \"state\" (missing \"state\")");
        }
        auto str = [&](const char* key) -> std::string {
            const auto it = body.find(key);
            if (it == body.end() || it->is_null()) return {};
            if (!it->is_string()) throw Refusal(400, "bad-request", std::string("\"") + key + "\" phải là chuỗi (must be a string)");
            return it->get<std::string>();
        };
        const std::string format = str("format");
        const std::string document = str("document");
        std::set<app::Format> formats;
        std::vector<std::string> only;
        if (format == "pdf" || format == "docx") {
            formats = {format == "pdf" ? app::Format::Pdf : app::Format::Docx};
            bool known = false;
            std::string ids;
            for (const auto& [id, kind] : workspace.dossier_templates()) {
                known = known || id == document;
                ids += (ids.empty() ? "" : ", ") + id;
            }
            if (!known) {
                throw Refusal(400, "bad-request",
                              "\"document\" phải là một trong: " + ids + " (\"document\" must be one of: " + ids + ")");
            }
            only = {document};
        } else if (format == "zip") {
            formats = {app::Format::Pdf, app::Format::Docx};
        } else {
            throw Refusal(400, "bad-request", "\"format\" phải là pdf, docx hoặc zip (\"format\" must be pdf, docx or zip)");
        }
        const auto xml = detail::state_to_xml(*st);
        Diagnostics diags;
        auto files = workspace.dossier(xml.xml, kDataFileName, formats, only, diags);
        if (files.empty()) {
            return json_response(Json{{"error", "invalid"},
                                      {"message", "không lập được hồ sơ: " + std::to_string(diags.error_count()) +
                                                      " lỗi (the dossier cannot be made: see diagnostics)"},
                                      {"diagnostics", diagnostics_json(diags, &xml, &*st)}},
                                 422);
        }
        if (format == "zip") {
            std::vector<std::pair<std::string, std::string>> entries;
            for (auto& f : files) entries.emplace_back(f.name, std::move(f.bytes));
            std::string stem = entries.front().first;
            stem = stem.substr(0, stem.rfind('_'));
            return {200, "application/zip", detail::zip_files(entries), stem + ".zip"};
        }
        const char* type = format == "pdf" ? "application/pdf"
                                           : "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        return {200, type, std::move(files.front().bytes), files.front().name};
    }

    Response route(const Request& r) const {
        const std::string& p = r.path;
        const bool get = r.method == "GET" || r.method == "HEAD";
        const bool post = r.method == "POST";
        auto method_not_allowed = [&](const char* allowed) {
            return error_response(405, "method-not-allowed",
                                  "phương thức " + r.method + " không dùng được với " + p + "; dùng " + allowed +
                                      " (method not allowed; use " + allowed + ")");
        };
        if (starts_with(p, "/api/")) {
            if (r.body.size() > kMaxBodyBytes) {
                return error_response(413, "too-large",
                                      "nội dung quá lớn (" + std::to_string(r.body.size()) + " byte; tối đa " +
                                          std::to_string(kMaxBodyBytes) + ") (body too large)");
            }
            if (p == "/api/forms" || starts_with(p, "/api/forms/")) return get ? forms_get(p) : method_not_allowed("GET");
            if (p == "/api/evaluate") return post ? evaluate(r) : method_not_allowed("POST");
            if (p == "/api/xml") return post ? to_xml(r) : method_not_allowed("POST");
            if (p == "/api/state") return post ? from_xml(r) : method_not_allowed("POST");
            if (p == "/api/render") return post ? render(r) : method_not_allowed("POST");
            return not_found(p);
        }
        if (!get) return method_not_allowed("GET");
        const auto it = assets.find(p == "/" ? std::string("/index.html") : p);
        if (it == assets.end()) return not_found(p);
        return {200, it->second.content_type, it->second.bytes, {}};
    }
};

Service::Service(const app::Environment& env, const std::filesystem::path& web_dir, Diagnostics& diagnostics)
    : m_impl(std::make_unique<Impl>(env, diagnostics)) {
    m_impl->load_assets(web_dir, diagnostics);
}

Service::~Service() = default;

std::size_t Service::static_files() const { return m_impl->assets.size(); }

Response Service::handle(const Request& request) const noexcept {
    try {
        return m_impl->route(request);
    } catch (const Refusal& e) {
        return error_response(e.status, e.code, e.what());
    } catch (const std::exception& e) {
        return error_response(500, "internal", std::string("lỗi nội bộ (internal error): ") + e.what());
    } catch (...) {
        return error_response(500, "internal", "lỗi nội bộ (internal error)");
    }
}

}  // namespace hoso::serve
