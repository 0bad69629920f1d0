// serve: the JSON API and static files of hoso's web page (hoso serve), as in-process handler
// functions: a request (method, path, content type, body) in, a response out. The CLI only
// connects an HTTP server to Service::handle; tests call it directly. The API is web/API.md.
//
// Every rule is the library's: the page's state becomes the ordinary unit data file (XML), which
// app::Workspace checks, evaluates and renders exactly as hoso validate, evaluate and dossier do.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>

#include "app/app.h"
#include "core/core.h"

namespace hoso::serve {

inline constexpr std::size_t kMaxBodyBytes = 2u << 20;  // larger request bodies: 413
inline constexpr int kMaxJsonDepth = 32;                // deeper JSON: 400 too-deep

struct Request {
    std::string method;        // "GET", "POST", …
    std::string path;          // "/api/evaluate" (no query string)
    std::string content_type;  // as sent (parameters such as "; charset=utf-8" allowed)
    std::string body;
};

struct Response {
    int status = 200;
    std::string content_type;
    std::string body;
    std::string filename;  // non-empty: a download (Content-Disposition: attachment)
};

class Service {
public:
    // Loads the resources (forms, templates, fonts) once, and the page's files: every regular
    // file under `web_dir` (read now; no request path ever reaches the file system). Problems of
    // the resources go to `diagnostics`; a missing `web_dir` leaves the API alone.
    Service(const app::Environment& env, const std::filesystem::path& web_dir, Diagnostics& diagnostics);
    ~Service();
    Service(const Service&) = delete;
    Service& operator=(const Service&) = delete;

    // Safe to call from several threads at once. Never throws: a bug answers 500.
    Response handle(const Request& request) const noexcept;

    // The number of static files served (for the start-up message).
    std::size_t static_files() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// A JSON error answer: {"error": code, "message": message}.
Response error_response(int status, const std::string& code, const std::string& message);

}  // namespace hoso::serve
