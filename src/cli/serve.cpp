// hoso serve: connects cpp-httplib to serve::Service::handle, nothing more. Every answer,
// including httplib's own refusals (a body over the limit), is the API's JSON.
#include "cli/serve.h"

#include <httplib.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <iostream>
#include <thread>

#include "serve/serve.h"

extern char** environ;

namespace hoso::cli {

bool is_loopback(const std::string& a) {
    return a == "localhost" || a == "::1" || a.rfind("127.", 0) == 0;
}

namespace {

std::string host_of(const std::string& bind, int port) {
    const std::string h = bind.find(':') != std::string::npos ? "[" + bind + "]" : bind;
    return h + ":" + std::to_string(port);
}

void send(const serve::Response& r, httplib::Response& res) {
    res.status = r.status;
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Cache-Control", "no-store");
    res.set_header("Referrer-Policy", "no-referrer");
    if (r.content_type.rfind("text/html", 0) == 0) {
        // Nothing from elsewhere: no CDN, no network (the page works offline).
        res.set_header("Content-Security-Policy",
                       "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                       "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
    }
    if (!r.filename.empty()) res.set_header("Content-Disposition", "attachment; filename=\"" + r.filename + "\"");
    res.set_content(r.body, r.content_type);
}

void open_browser(const std::string& url) {
    pid_t pid = 0;
    const char* argv[] = {"xdg-open", url.c_str(), nullptr};
    if (posix_spawnp(&pid, "xdg-open", nullptr, nullptr, const_cast<char* const*>(argv), environ) != 0) {
        std::cerr << "hoso serve: không mở được trình duyệt; hãy mở địa chỉ trên (could not open a browser)\n";
        return;
    }
    std::thread([pid] { waitpid(pid, nullptr, 0); }).detach();
}

}  // namespace

int run_serve(const ServeOptions& options, const app::Environment& env) {
    if (!is_loopback(options.bind) && !options.allow_remote) {
        std::cerr << "hoso serve: địa chỉ " << options.bind
                  << " không phải máy này; thêm --allow-remote nếu thật sự muốn mở cho máy khác (a non-loopback "
                     "--bind needs --allow-remote)\n";
        return 2;
    }
    Diagnostics diags;
    const serve::Service service(env, env.resources / "web", diags);
    std::cerr << diags.format();
    if (diags.has_errors()) return 1;
    if (service.static_files() == 0) {
        std::cerr << "hoso serve: cảnh báo: không có trang web trong " << (env.resources / "web").string()
                  << "; chỉ có API (warning: no web page found; API only)\n";
    }

    // SIGINT/SIGTERM are taken by one thread (sigwait), blocked in every other.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    httplib::Server server;
    // httplib refuses bodies beyond this itself (413); the service answers those up to it.
    server.set_payload_max_length(serve::kMaxBodyBytes + (1u << 20));
    server.set_read_timeout(10, 0);
    server.set_write_timeout(30, 0);
    int port = options.port;
    const bool check_host = !options.allow_remote;
    const std::string bind = options.bind;
    auto handler = [&service, &port, &bind, check_host](const httplib::Request& req, httplib::Response& res) {
        if (check_host) {
            // A page elsewhere cannot reach this server through a name of its own (DNS rebinding).
            const std::string host = req.get_header_value("Host");
            const std::string p = ":" + std::to_string(port);
            if (host != "127.0.0.1" + p && host != "localhost" + p && host != "[::1]" + p && host != host_of(bind, port)) {
                send(serve::error_response(403, "forbidden-host",
                                           "tên máy '" + host + "' không được nhận (Host not allowed)"),
                     res);
                return;
            }
        }
        serve::Request r{req.method, req.path, req.get_header_value("Content-Type"), req.body};
        send(service.handle(r), res);
    };
    for (const char* pattern : {".*"}) {
        server.Get(pattern, handler);
        server.Post(pattern, handler);
        server.Put(pattern, handler);
        server.Patch(pattern, handler);
        server.Delete(pattern, handler);
        server.Options(pattern, handler);
    }
    server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return;
        const serve::Response r =
            res.status == 413 ? serve::error_response(413, "too-large", "nội dung quá lớn (body too large)")
                              : serve::error_response(res.status, "error", "yêu cầu không được xử lý (request refused)");
        res.set_content(r.body, r.content_type);
    });
    server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        const auto r = serve::error_response(500, "internal", "lỗi nội bộ (internal error)");
        res.status = 500;
        res.set_content(r.body, r.content_type);
    });

    if (port == 0) {
        port = server.bind_to_any_port(options.bind);
        if (port < 0) port = 0;
    } else if (!server.bind_to_port(options.bind, port)) {
        port = 0;
    }
    if (port == 0) {
        std::cerr << "hoso serve: không mở được cổng " << options.port << " trên " << options.bind
                  << " (cannot listen; is the port in use?)\n";
        return 2;
    }
    const std::string url = "http://" + host_of(options.bind == "localhost" ? "127.0.0.1" : options.bind, port) + "/";
    if (options.allow_remote && !is_loopback(options.bind)) {
        std::cerr << "hoso serve: CẢNH BÁO: máy khác trong mạng mở được trang này và dữ liệu của đơn vị; không có "
                     "mật khẩu (WARNING: reachable from other machines, without any password)\n";
    }
    std::cout << "hoso serve: mở " << url << " trong trình duyệt; Ctrl+C để dừng (open " << url
              << " in a browser; Ctrl+C to stop)" << std::endl;

    std::thread waiter([&server, stop_signals] {
        int sig = 0;
        sigwait(&stop_signals, &sig);
        server.stop();
    });
    if (options.open) open_browser(url);
    const bool ok = server.listen_after_bind();
    if (!ok) {
        // Stopped by something other than a signal: wake the waiter so it can end.
        pthread_kill(waiter.native_handle(), SIGTERM);
    }
    waiter.join();
    std::cout << "hoso serve: đã dừng (stopped)" << std::endl;
    return 0;
}

}  // namespace hoso::cli
