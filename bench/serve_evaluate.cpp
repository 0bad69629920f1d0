// Latency of POST /api/evaluate (hoso serve) for a full form, in-process: the page's state as
// JSON → the unit data file → parse, check, evaluate → the answer's JSON, i.e. everything the
// server does for one keystroke of the page except the HTTP transport (which
// tests/integration/check_serve_load.py measures).
//
//   cmake --build build --target bench_serve_evaluate && build/bench/bench_serve_evaluate [runs] [calls]
//
// For each example data file: `runs` runs (default 7) of `calls` evaluations (default 50); the
// table gives the median over runs of each run's median and of each run's 95th percentile.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "serve/serve.h"

namespace {

std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

double percentile(std::vector<double> v, double q) {
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(q * static_cast<double>(v.size()) + 0.5);
    return v[std::min(v.size() - 1, i == 0 ? 0 : i - 1)];
}

// The "state" member of /api/state's answer {"state": …, "diagnostics": …}, as text.
std::string state_member(const std::string& body) {
    const std::string key = "{\"state\":";
    const auto end = body.rfind(",\"diagnostics\":");
    if (body.compare(0, key.size(), key) != 0 || end == std::string::npos) return {};
    return body.substr(key.size(), end - key.size());
}

}  // namespace

int main(int argc, char** argv) {
    const int runs = argc > 1 ? std::atoi(argv[1]) : 7;
    const int calls = argc > 2 ? std::atoi(argv[2]) : 50;
    const std::filesystem::path source = HOSO_SOURCE_DIR;
    hoso::app::Environment env;
    env.resources = source;
    hoso::Diagnostics diags;
    const hoso::serve::Service service(env, source / "web", diags);

    std::vector<std::filesystem::path> examples;
    for (const auto& e : std::filesystem::directory_iterator(source / "examples")) {
        if (e.path().extension() == ".xml") examples.push_back(e.path());
    }
    std::sort(examples.begin(), examples.end());
    std::printf("POST /api/evaluate in-process, %d runs x %d calls\n", runs, calls);
    std::printf("%-12s %11s %12s %10s %9s\n", "example", "indicators", "median (ms)", "p95 (ms)", "max (ms)");
    for (const auto& path : examples) {
        const auto up = service.handle({"POST", "/api/state", "application/xml", slurp(path)});
        const std::string state = state_member(up.body);
        if (up.status != 200 || state.empty()) {
            std::fprintf(stderr, "%s: /api/state failed: %s\n", path.c_str(), up.body.c_str());
            return 1;
        }
        std::size_t indicators = 0;
        for (std::size_t p = 0; (p = state.find("{\"id\":", p)) != std::string::npos; ++p) ++indicators;
        std::vector<double> medians, p95s;
        double worst = 0;
        for (int run = 0; run < runs; ++run) {
            std::vector<double> ms;
            for (int i = 0; i < calls; ++i) {
                const auto t0 = std::chrono::steady_clock::now();
                const auto r = service.handle({"POST", "/api/evaluate", "application/json", state});
                const auto t1 = std::chrono::steady_clock::now();
                if (r.status != 200 || r.body.find("\"valid\":true") == std::string::npos) {
                    std::fprintf(stderr, "%s: evaluate failed: %.300s\n", path.c_str(), r.body.c_str());
                    return 1;
                }
                ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
            }
            medians.push_back(median(ms));
            p95s.push_back(percentile(ms, 0.95));
            worst = std::max(worst, *std::max_element(ms.begin(), ms.end()));
        }
        std::printf("%-12s %11zu %12.2f %10.2f %9.2f\n", path.stem().c_str(), indicators, median(medians),
                    median(p95s), worst);
    }
    return 0;
}
