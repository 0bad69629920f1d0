// hoso serve's API (web/API.md) with hostile bodies: a body starting with '<' is uploaded as a
// data file (POST /api/state) and the state it gives is evaluated and saved again; any other
// body is a page state sent to POST /api/evaluate and POST /api/xml. Every answer must be a
// status below 500: a 500 is a bug of the server (an exception escaped a handler).
#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>

#include "common.h"
#include "serve/serve.h"

namespace {

const hoso::serve::Service& service() {
    static const hoso::serve::Service s = [] {
        hoso::app::Environment env;
        env.resources = hoso::fuzz::resources_dir();
        hoso::Diagnostics d;
        return hoso::serve::Service(env, {}, d);
    }();
    return s;
}

void expect_answer(const hoso::serve::Response& r) {
    if (r.status >= 500) {
        std::fprintf(stderr, "serve answered %d: %s\n", r.status, r.body.c_str());
        std::abort();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using hoso::serve::Request;
    const std::string body(hoso::fuzz::as_view(data, size));
    std::string state = body;
    if (!body.empty() && body[0] == '<') {
        const auto r = service().handle(Request{"POST", "/api/state", "application/xml", body});
        expect_answer(r);
        if (r.status != 200) return 0;
        state = nlohmann::ordered_json::parse(r.body)["state"].dump();
    }
    expect_answer(service().handle(Request{"POST", "/api/evaluate", "application/json", state}));
    expect_answer(service().handle(Request{"POST", "/api/xml", "application/json", state}));
    return 0;
}
