// The data tree templates read (templates/README.md, "Data of a unit's documents"): built for
// every example, it has the documented fields at every level, and every map in it is sorted
// by key with each key once — context.cpp writes its maps in key order without a check, so
// this test is what keeps a misplaced key from making a field impossible to find.
#include "app/context.h"

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "support.h"

using namespace hoso;
using tmpl::Value;

namespace {

void check_sorted(const Value& v, const std::string& path) {
    if (v.kind() == Value::Kind::Map) {
        const auto& m = v.map();
        for (std::size_t i = 0; i < m.size(); ++i) {
            INFO("map " << path << ", member " << m[i].first);
            if (i > 0) CHECK(m[i - 1].first < m[i].first);
            REQUIRE(v.find(m[i].first) == &m[i].second);
            check_sorted(m[i].second, path + "." + m[i].first);
        }
    } else if (v.kind() == Value::Kind::List) {
        for (std::size_t i = 0; i < v.list().size(); ++i) check_sorted(v.list()[i], path + "." + std::to_string(i));
    }
}

std::set<std::string> keys(const Value& v) {
    std::set<std::string> out;
    for (const auto& [k, x] : v.map()) out.insert(k);
    return out;
}

struct Example {
    data::UnitData unit;
    const forms::Form* form = nullptr;
    forms::Evaluation evaluation;
};

}  // namespace

TEST_CASE("unit_context: the documented fields, every map sorted, for every example", "[app][context]") {
    Diagnostics d;
    const auto library = forms::FormLibrary::load_directory(test::source_dir() / "forms", d);
    REQUIRE_FALSE(d.has_errors());
    int examples = 0;
    bool saw_previous = false, saw_no_previous = false;
    for (const auto& entry : std::filesystem::directory_iterator(test::source_dir() / "examples")) {
        if (entry.path().extension() != ".xml") continue;
        ++examples;
        INFO(entry.path().filename().string());
        Diagnostics du;
        const data::UnitData unit = data::load_unit(entry.path(), {}, du);
        REQUIRE_FALSE(du.has_errors());
        const forms::Form* form = library.find(unit.form_id.value);
        REQUIRE(form != nullptr);
        const auto evaluation = forms::evaluate(*form, unit);
        const auto authorities = forms::resolve_authorities(library, *form, unit, du);
        REQUIRE(authorities);
        const Value root = app::with_document(app::unit_context(unit, *form, evaluation, *authorities), unit, "bao-cao");
        check_sorted(root, "root");

        CHECK(keys(root) == std::set<std::string>{"addressees", "assessment", "authorities", "distribution", "doc",
                                                  "documents", "evaluation", "form", "report", "sections", "signer",
                                                  "team", "unit"});
        CHECK(keys(*root.find("authorities")) ==
              std::set<std::string>{"addressee", "appraiser", "decider", "decision_deadline", "dossier_deadline",
                                    "profile", "profile_name", "unverified"});
        CHECK(keys(*root.find("unit")) ==
              std::set<std::string>{"abbreviation", "commune", "district", "header_lines", "members", "name",
                                    "parent_agency", "place", "traits", "type", "type_name"});
        const Value& assessment = *root.find("assessment");
        CHECK(keys(assessment) == std::set<std::string>{"kind", "kind_text", "level", "period_end", "period_start",
                                                        "previous", "year"});
        if (assessment.find("previous")->is_null()) {
            saw_no_previous = true;
        } else {
            saw_previous = true;
            CHECK(keys(*assessment.find("previous")) == std::set<std::string>{"date", "level", "number", "year"});
        }
        CHECK(keys(*root.find("doc")) == std::set<std::string>{"date", "number"});
        CHECK(keys(*root.find("signer")) == std::set<std::string>{"authority", "name"});
        const Value& f = *root.find("form");
        CHECK(keys(f) == std::set<std::string>{"addressee", "circular", "decider", "documents", "dossier_deadline",
                                               "id", "levels", "method_citation", "name", "process_article", "scope",
                                               "title", "unit_noun", "upgrade_months", "validity_citation",
                                               "validity_years"});
        CHECK(keys(*f.find("circular")) == std::set<std::string>{"citation", "date", "issuer", "issuer_title",
                                                                 "number", "short_name", "subject"});
        REQUIRE_FALSE(f.find("levels")->list().empty());
        CHECK(keys(f.find("levels")->list()[0]) == std::set<std::string>{"article", "condition", "name", "number"});

        const Value& ev = *root.find("evaluation");
        CHECK(keys(ev) == std::set<std::string>{"earliest_request_date", "granted", "levels", "months_since_previous",
                                                "reached_level", "reasons", "request_in_order", "requested",
                                                "valid_until"});
        REQUIRE(ev.find("levels")->list().size() == evaluation.levels.size());
        for (const auto& level : ev.find("levels")->list()) {
            CHECK(keys(level) == std::set<std::string>{"article", "criteria", "criteria_passed", "criteria_total",
                                                       "indicators_failed", "indicators_na", "indicators_passed",
                                                       "indicators_total", "level", "passed", "status_text"});
            for (const auto& c : level.find("criteria")->list()) {
                CHECK(keys(c) == std::set<std::string>{"citation", "id", "indicators", "indicators_failed",
                                                       "indicators_na", "indicators_passed", "indicators_total",
                                                       "number", "passed", "status", "status_text", "title"});
                for (const auto& i : c.find("indicators")->list()) {
                    CHECK(keys(i) == std::set<std::string>{"citation", "evidence", "evidence_issue", "evidence_items",
                                                           "evidence_text", "figures_met", "id", "measure", "note",
                                                           "number", "passed", "percent",
                                                           "reason", "requirement", "short_name", "status",
                                                           "status_text", "text", "value"});
                    for (const auto& e : i.find("evidence_items")->list()) {
                        CHECK(keys(e) == std::set<std::string>{"code", "date", "description", "number"});
                    }
                }
            }
        }
        // The requested level is the same tree as its entry in levels.
        for (const auto& level : ev.find("levels")->list()) {
            if (level.find("level")->number() == evaluation.requested_level) {
                CHECK(ev.find("requested")->find("criteria")->list().size() == level.find("criteria")->list().size());
            }
        }
        for (const auto& s : root.find("report")->list()) {
            CHECK(keys(s) == std::set<std::string>{"key", "paragraphs", "title"});
        }
    }
    CHECK(examples >= 5);
    CHECK(saw_previous);
    CHECK(saw_no_previous);
}
