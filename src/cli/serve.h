// hoso serve: the HTTP server (cpp-httplib) in front of serve::Service.
#pragma once

#include <string>

#include "app/app.h"

namespace hoso::cli {

struct ServeOptions {
    std::string bind = "127.0.0.1";
    int port = 8024;             // 0 = any free port (printed)
    bool allow_remote = false;   // needed for a bind address other than loopback
    bool open = false;           // open the page in the desktop's browser
};

// True for 127.0.0.0/8, ::1 and "localhost".
bool is_loopback(const std::string& address);

// Serves until SIGINT or SIGTERM; returns the exit status.
int run_serve(const ServeOptions& options, const app::Environment& env);

}  // namespace hoso::cli
