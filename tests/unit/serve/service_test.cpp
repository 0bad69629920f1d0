// The API of hoso serve (web/API.md), called in-process: evaluate, the state ↔ XML round trip,
// render bytes against hoso dossier's, and every refusal of bad input.
#include "serve/serve.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include "app/app.h"
#include "support.h"

using namespace hoso;
using Json = nlohmann::ordered_json;

namespace {

app::Environment test_env() {
    app::Environment env;
    env.resources = test::source_dir();
    return env;
}

const serve::Service& service() {
    static Diagnostics diags;
    static const serve::Service s(test_env(), test::source_dir() / "web", diags);
    return s;
}

serve::Response call(const std::string& method, const std::string& path, const std::string& body = {},
                     const std::string& type = "application/json") {
    return service().handle({method, path, type, body});
}

Json call_json(const std::string& method, const std::string& path, const std::string& body = {},
               const std::string& type = "application/json", int status = 200) {
    const auto r = call(method, path, body, type);
    INFO(path << " → " << r.status << " " << r.body.substr(0, 2000));
    REQUIRE(r.status == status);
    REQUIRE(r.content_type.rfind("application/json", 0) == 0);
    return Json::parse(r.body);
}

Json state_of(const std::string& example) {
    const std::string xml = test::slurp(test::source_dir() / "examples" / (example + ".xml"));
    const Json j = call_json("POST", "/api/state", xml, "application/xml");
    for (const auto& d : j["diagnostics"]) REQUIRE(d["severity"] != "error");
    return j["state"];
}

Json evaluate(const Json& state) { return call_json("POST", "/api/evaluate", state.dump()); }

long index_of(const Json& state, const std::string& id) {
    for (std::size_t i = 0; i < state["indicators"].size(); ++i) {
        if (state["indicators"][i]["id"] == id) return static_cast<long>(i);
    }
    return -1;
}

Json indicator_result(const Json& ev, int level, const std::string& id) {
    for (const auto& l : ev["evaluation"]["levels"]) {
        if (l["level"] != level) continue;
        for (const auto& c : l["criteria"]) {
            for (const auto& i : c["indicators"]) {
                if (i["id"] == id) return i;
            }
        }
    }
    return nullptr;
}

std::vector<std::string> examples() {
    std::vector<std::string> out;
    for (const auto& e : std::filesystem::directory_iterator(test::source_dir() / "examples")) {
        if (e.path().extension() == ".xml") out.push_back(e.path().stem().string());
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("evaluate an example: valid, granted, the CLI's JSON", "[serve]") {
    const Json ev = evaluate(state_of("tt24-huyen"));
    CHECK(ev["valid"] == true);
    CHECK(ev["provisional"] == false);
    CHECK(ev["errors"] == 0);
    CHECK(ev["evaluation"]["granted"] == true);
    CHECK(ev["evaluation"]["reached_level"] == 1);
    const Json t22 = indicator_result(ev, 1, "T2.C2");
    CHECK(t22["status"] == "pass");
    CHECK(t22["requirement"] == "Tối thiểu 90%");
    CHECK(t22["value"] == "45/48 = 93,75%");
}

TEST_CASE("an indicator flips from Không đạt to Đạt when its figure crosses 90 %", "[serve]") {
    Json state = state_of("tt24-huyen");
    const long i = index_of(state, "T2.C2");
    REQUIRE(i >= 0);
    state["indicators"][i]["numerator"] = "43";  // 43/48 = 89,58 %
    Json ev = evaluate(state);
    CHECK(indicator_result(ev, 1, "T2.C2")["status"] == "fail");
    CHECK(ev["evaluation"]["granted"] == false);
    state["indicators"][i]["numerator"] = "44";  // 44/48 = 91,67 %
    ev = evaluate(state);
    CHECK(indicator_result(ev, 1, "T2.C2")["status"] == "pass");
    CHECK(ev["evaluation"]["granted"] == true);
}

TEST_CASE("diagnostics name the field of the state they belong to", "[serve]") {
    Json state = state_of("tt24-huyen");
    const long i = index_of(state, "T2.C2");
    state["indicators"][i]["numerator"] = "abc";
    state["unit"]["name"] = "";
    state["documents"][0]["date"] = "2025-13-45";
    const long e = index_of(state, "T1.C1");
    state["indicators"][e]["evidence"][1]["date"] = "hôm qua";
    const Json ev = evaluate(state);
    CHECK(ev["valid"] == false);
    CHECK(ev["provisional"] == true);
    REQUIRE(ev["evaluation"].is_object());
    std::set<std::string> fields;
    for (const auto& d : ev["diagnostics"]) {
        if (d["severity"] == "error" && d["field"].is_string()) fields.insert(d["field"].get<std::string>());
    }
    INFO(ev["diagnostics"].dump(1));
    CHECK(fields.count("/indicators/" + std::to_string(i) + "/numerator") == 1);
    CHECK(fields.count("/unit/name") == 1);
    CHECK(fields.count("/documents/0/date") == 1);
    CHECK(fields.count("/indicators/" + std::to_string(e) + "/evidence/1/date") == 1);
    for (const auto& d : ev["diagnostics"]) {
        CHECK(!d["message_vi"].get<std::string>().empty());
        if (d["field"] == "/indicators/" + std::to_string(i) + "/numerator") CHECK(d["indicator"] == "T2.C2");
    }
    // A value missing from an indicator points at that value's input.
    state = state_of("tt24-huyen");
    state["indicators"][i]["numerator"] = "";
    bool found = false;
    const Json missing = evaluate(state);
    for (const auto& d : missing["diagnostics"]) {
        found = found || d["field"] == "/indicators/" + std::to_string(i) + "/numerator";
    }
    CHECK(found);
}

TEST_CASE("state → XML → state is exact, and the XML is what hoso validate accepts", "[serve]") {
    for (const auto& name : examples()) {
        DYNAMIC_SECTION(name) {
            const Json state = state_of(name);
            const auto xml = call("POST", "/api/xml", state.dump());
            REQUIRE(xml.status == 200);
            CHECK(xml.content_type.rfind("application/xml", 0) == 0);
            CHECK(xml.filename.rfind(name, 0) == 0);
            const Json again = call_json("POST", "/api/state", xml.body, "application/xml");
            CHECK(again["state"] == state);
            CHECK(again["state"].dump() == state.dump());
            for (const auto& d : again["diagnostics"]) CHECK(d["severity"] != "error");
            // hoso validate on the saved file.
            const auto dir = std::filesystem::temp_directory_path() / ("hoso-serve-test-" + name);
            std::filesystem::remove_all(dir);
            std::filesystem::create_directories(dir);
            const auto file = dir / "saved.xml";
            std::ofstream(file, std::ios::binary) << xml.body;
            app::Request r;
            r.command = app::Command::Validate;
            r.inputs = {file};
            const auto outcome = app::run(r, test_env());
            INFO(outcome.diagnostics.format());
            CHECK(outcome.exit_code == 0);
            // hoso dossier on the saved file writes the bytes it writes from the example.
            auto dossier = [&](const std::filesystem::path& input, const std::string& out) {
                app::Request d;
                d.command = app::Command::Dossier;
                d.inputs = {input};
                d.output_dir = dir / out;
                const auto o = app::run(d, test_env());
                INFO(o.diagnostics.format());
                REQUIRE(o.exit_code == 0);
                std::vector<std::pair<std::string, std::string>> files;
                for (const auto& f : o.written) files.emplace_back(f.filename().string(), test::slurp(f));
                return files;
            };
            const auto from_saved = dossier(file, "saved");
            CHECK(from_saved.size() == 6);
            CHECK(from_saved == dossier(test::source_dir() / "examples" / (name + ".xml"), "example"));
        }
    }
}

TEST_CASE("render: the bytes hoso dossier writes from the example", "[serve]") {
    for (const auto& name : examples()) {
        DYNAMIC_SECTION(name) {
            const auto dir = std::filesystem::temp_directory_path() / ("hoso-serve-test-dossier-" + name);
            std::filesystem::remove_all(dir);
            app::Request r;
            r.command = app::Command::Dossier;
            r.inputs = {test::source_dir() / "examples" / (name + ".xml")};
            r.output_dir = dir;
            const auto outcome = app::run(r, test_env());
            INFO(outcome.diagnostics.format());
            REQUIRE(outcome.exit_code == 0);
            REQUIRE(outcome.written.size() == 6);
            const Json state = state_of(name);
            for (const auto& path : outcome.written) {
                const std::string file = path.filename().string();
                const std::string format = path.extension() == ".pdf" ? "pdf" : "docx";
                const std::string stem = path.stem().string();
                const std::string document = stem.substr(stem.rfind('_') + 1);
                const Json req{{"state", state}, {"format", format}, {"document", document}};
                const auto res = call("POST", "/api/render", req.dump());
                INFO(file << ": " << res.status << " " << res.body.substr(0, 500));
                REQUIRE(res.status == 200);
                CHECK(res.filename == file);
                CHECK(res.body == test::slurp(path));
            }
            const Json zreq{{"state", state}, {"format", "zip"}};
            const auto zip = call("POST", "/api/render", zreq.dump());
            REQUIRE(zip.status == 200);
            CHECK(zip.content_type == "application/zip");
            CHECK(zip.body.rfind("PK\x03\x04", 0) == 0);
            CHECK(call("POST", "/api/render", zreq.dump()).body == zip.body);  // deterministic
            for (const auto& path : outcome.written) {
                // Entries are stored: each file's bytes are in the archive as they are.
                CHECK(zip.body.find(test::slurp(path)) != std::string::npos);
                CHECK(zip.body.find(path.filename().string()) != std::string::npos);
            }
        }
    }
}

TEST_CASE("render refuses a unit below its requested level: diagnostics, no file", "[serve]") {
    Json state = state_of("tt24-huyen");
    state["indicators"][index_of(state, "T2.C2")]["numerator"] = "40";
    const Json req{{"state", state}, {"format", "zip"}};
    const Json j = call_json("POST", "/api/render", req.dump(), "application/json", 422);
    CHECK(j["error"] == "invalid");
    CHECK(!j["diagnostics"].empty());
    // Mẫu 02 alone can still be printed (hoso dossier --only mau02-bao-cao).
    const Json only{{"state", state}, {"format", "pdf"}, {"document", "mau02-bao-cao"}};
    const auto r = call("POST", "/api/render", only.dump());
    CHECK(r.status == 200);
    CHECK(r.body.rfind("%PDF-", 0) == 0);
    // A state with an error renders nothing either.
    state = state_of("tt24-huyen");
    state["unit"]["members"] = "bốn mươi";
    const Json bad{{"state", state}, {"format", "pdf"}, {"document", "mau01-to-trinh"}};
    const Json k = call_json("POST", "/api/render", bad.dump(), "application/json", 422);
    bool marked = false;
    for (const auto& d : k["diagnostics"]) marked = marked || d["field"] == "/unit/members";
    CHECK(marked);
}

TEST_CASE("bad requests get a 4xx JSON answer with a message", "[serve]") {
    auto refused = [](const serve::Response& r, int status, const std::string& code) {
        INFO(r.status << " " << r.body);
        CHECK(r.status == status);
        const Json j = Json::parse(r.body);
        CHECK(j["error"] == code);
        CHECK(!j["message"].get<std::string>().empty());
    };
    refused(call("POST", "/api/evaluate", "{\"form\": "), 400, "malformed-json");
    refused(call("POST", "/api/evaluate", "[1, 2]"), 400, "malformed-json");
    refused(call("POST", "/api/evaluate", "{\"form\": \"tt24-huyen\"}", "text/plain"), 415, "unsupported-media-type");
    refused(call("POST", "/api/evaluate", std::string(serve::kMaxBodyBytes + 1, ' ')), 413, "too-large");
    refused(call("POST", "/api/evaluate", std::string(40, '[') + std::string(40, ']')), 400, "too-deep");
    refused(call("POST", "/api/evaluate", "{\"a\":" + std::string(100000, '[')), 400, "too-deep");
    refused(call("POST", "/api/evaluate", "{\"form\": 24}"), 400, "bad-state");
    refused(call("POST", "/api/evaluate", "{\"unit\": {\"name\": \"a\\u0001b\"}}"), 400, "bad-state");
    refused(call("POST", "/api/evaluate", "{\"unit\": {\"name\": \"" + std::string(200000, 'a') + "\"}}"), 400,
            "bad-state");
    refused(call("POST", "/api/evaluate", "{\"indicators\": {}}"), 400, "bad-state");
    refused(call("POST", "/api/evaluate", "{\"unit\": {\"name\": \"\xff\"}}"), 400, "malformed-json");
    refused(call("GET", "/api/evaluate"), 405, "method-not-allowed");
    refused(call("GET", "/api/forms/tt99"), 404, "not-found");
    refused(call("GET", "/api/nothing"), 404, "not-found");
    refused(call("POST", "/api/render", "{\"state\": {}, \"format\": \"exe\"}"), 400, "bad-request");
    refused(call("POST", "/api/render", "{\"state\": {}, \"format\": \"pdf\", \"document\": \"../x\"}"), 400,
            "bad-request");
    refused(call("POST", "/api/state", "<hoso-data", "application/json"), 415, "unsupported-media-type");
    // No path from the client reaches the file system.
    refused(call("GET", "/../CMakeLists.txt"), 404, "not-found");
    refused(call("GET", "/API.md"), 404, "not-found");
    refused(call("GET", "/%2e%2e/README.md"), 404, "not-found");
}

TEST_CASE("a malformed or hostile data file uploaded: diagnostics, never a crash", "[serve]") {
    for (const std::string& xml : {std::string("<hoso-data"), std::string("not xml at all"),
                                  std::string(100, '<'), std::string("<hoso-data form=\"tt24-huyen\"><x/></hoso-data>"),
                                  std::string(200, 'a') + "\xff"}) {
        const Json j = call_json("POST", "/api/state", xml, "application/xml");
        CHECK(!j["diagnostics"].empty());
        CHECK(j["state"].is_object());
    }
}

TEST_CASE("partial and wrong values evaluate provisionally without a crash", "[serve]") {
    const Json forms = call_json("GET", "/api/forms");
    for (const auto& form : forms["forms"]) {
        const std::string id = form["id"];
        DYNAMIC_SECTION(id) {
            const Json blank = call_json("GET", "/api/forms/" + id + "/new");
            CHECK(blank["form"] == id);
            CHECK(!blank["indicators"].empty());
            const Json ev = evaluate(blank);
            CHECK(ev["valid"] == false);
            CHECK(ev["evaluation"].is_object());
        }
    }
    Json base = state_of("tt25-tinh");
    const std::vector<std::string> values = {"", "abc", "-1", "1e309", "0", "99999999999", "có", "không",
                                             "2024-02-30", "1.234", "muc-do-9"};
    for (std::size_t i = 0; i < base["indicators"].size(); ++i) {
        for (const char* key : {"numerator", "denominator", "count", "met", "level", "applicable"}) {
            for (const auto& v : values) {
                Json s = base;
                s["indicators"][i][key] = v;
                const auto r = call("POST", "/api/evaluate", s.dump());
                REQUIRE(r.status == 200);
            }
        }
    }
    for (const char* key : {"year", "level", "kind"}) {
        for (const auto& v : values) {
            Json s = base;
            s["assessment"][key] = v;
            REQUIRE(call("POST", "/api/evaluate", s.dump()).status == 200);
        }
    }
    Json s = base;
    s["unit"]["type"] = "khong-co";
    s["form"] = "tt24-huyen";
    REQUIRE(call("POST", "/api/evaluate", s.dump()).status == 200);
    s["form"] = "khong-co";
    const Json ev = evaluate(s);
    CHECK(ev["evaluation"].is_null());
}

TEST_CASE("form list and definitions come from forms/*.xml", "[serve]") {
    const Json list = call_json("GET", "/api/forms");
    REQUIRE(list["forms"].size() == 5);
    const Json f = call_json("GET", "/api/forms/tt24-huyen");
    CHECK(f["circular"]["number"] == "24/2023/TT-BGDĐT");
    CHECK(f["dossier"].size() == 3);
    CHECK(f["unverified"].size() >= 4);
    const Json* t22 = nullptr;
    const Json* t35 = nullptr;
    for (const auto& c : f["criteria"]) {
        for (const auto& i : c["indicators"]) {
            if (i["id"] == "T2.C2") t22 = &i;
            if (i["id"] == "T3.C5") t35 = &i;
        }
    }
    REQUIRE(t22 != nullptr);
    CHECK((*t22)["measure"] == "ratio");
    CHECK((*t22)["requirements"][0]["summary"] == "Tối thiểu 90%");
    CHECK((*t22)["inputs"][0]["name"] == "numerator");
    REQUIRE(t35 != nullptr);  // vocational schools only
    const auto& types = (*t35)["applies"]["unit_types"];
    CHECK(std::find(types.begin(), types.end(), "tieu-hoc-cong-lap") == types.end());
    CHECK(!types.empty());
}

TEST_CASE("concurrent evaluations from several threads give the same answers", "[serve]") {
    const std::string body = state_of("tt24-tinh").dump();
    const std::string expected = call("POST", "/api/evaluate", body).body;
    std::atomic<int> wrong{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&] {
            for (int k = 0; k < 10; ++k) {
                const auto r = call("POST", "/api/evaluate", body);
                if (r.status != 200 || r.body != expected) ++wrong;
            }
        });
    }
    for (auto& t : threads) t.join();
    CHECK(wrong == 0);
}

TEST_CASE("static files: read once from the web folder, nothing else", "[serve]") {
    const auto dir = std::filesystem::temp_directory_path() / "hoso-serve-test-web";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir / "css");
    std::ofstream(dir / "index.html") << "<!doctype html><title>hoso</title>";
    std::ofstream(dir / "css" / "app.css") << "body{}";
    std::ofstream(dir / "notes.md") << "not served";
    Diagnostics diags;
    const serve::Service s(test_env(), dir, diags);
    CHECK(s.static_files() == 2);
    std::filesystem::remove_all(dir);  // served from memory
    auto get = [&](const std::string& p) { return s.handle({"GET", p, "", ""}); };
    CHECK(get("/").status == 200);
    CHECK(get("/").content_type.rfind("text/html", 0) == 0);
    CHECK(get("/css/app.css").body == "body{}");
    CHECK(get("/notes.md").status == 404);
    CHECK(get("/css/../index.html").status == 404);
    CHECK(s.handle({"POST", "/index.html", "", ""}).status == 405);
}
