// Helpers for the forms tests: the real forms/ library, and unit data built in code.
#pragma once

#include <algorithm>
#include <string>

#include <catch2/catch.hpp>

#include "data/data.h"
#include "forms/forms.h"
#include "support.h"

namespace hoso::test {

inline const forms::FormLibrary& library() {
    static const forms::FormLibrary lib = [] {
        Diagnostics d;
        auto l = forms::FormLibrary::load_directory(source_dir() / "forms", d);
        if (!d.empty()) FAIL("forms/ has problems:\n" << d.format());
        return l;
    }();
    return lib;
}

inline const forms::Form& form(const std::string& id) {
    const forms::Form* f = library().find(id);
    if (f == nullptr) FAIL("no form " << id);
    return *f;
}

inline data::Text txt(const std::string& s) { return data::Text{s, {"test.xml", 1, 1}}; }

// Does indicator `ind` apply, at some level, to units of type `type`? (Built from the public
// model, to decide which indicators a realistic data file lists.)
inline bool applies_somewhere(const forms::Form& f, const forms::Indicator& ind, const std::string& type) {
    const forms::UnitType* t = f.find_unit_type(type);
    const std::set<std::string> flags = t ? t->flags : std::set<std::string>{};
    auto ok = [&](const forms::Applicability& a) {
        for (const auto& x : a.none_of)
            if (flags.count(x)) return false;
        if (a.any_of.empty()) return true;
        return std::any_of(a.any_of.begin(), a.any_of.end(), [&](const std::string& x) { return flags.count(x) != 0; });
    };
    return ok(ind.applies) && std::any_of(ind.requirements.begin(), ind.requirements.end(),
                                          [&](const forms::Requirement& r) { return ok(r.applies); });
}

// A unit whose every figure meets the highest level by a wide margin, with evidence: each test
// then changes the one figure it is about.
inline data::UnitData passing_unit(const forms::Form& f, const std::string& type, int requested_level = 1) {
    data::UnitData u;
    u.source = "test.xml";
    u.form_id = txt(f.id);
    u.unit.name = txt("Đơn vị thử nghiệm");
    u.unit.type = txt(type);
    u.unit.abbreviation = txt("ĐVTN");
    u.unit.place = txt("Phong Thổ");
    u.assessment.year = 2024;
    u.assessment.requested_level = requested_level;
    u.assessment.kind = data::RequestKind::First;
    u.documents["to-trinh"] = data::DocumentInfo{txt("05"), Date{2025, 1, 8}, {"test.xml", 2, 1}};
    u.signer.authority = {txt("THỦ TRƯỞNG")};
    u.signer.name = txt("Nguyễn Văn A");
    int line = 10;
    for (const auto& c : f.criteria) {
        for (const auto& ind : c.indicators) {
            if (!applies_somewhere(f, ind, type)) continue;
            data::IndicatorInput in;
            in.id = txt(ind.id);
            in.where = {"test.xml", line++, 5};
            switch (ind.measure) {
                case forms::Measure::YesNo: in.met = true; break;
                case forms::Measure::Ratio:
                    in.numerator = 1000;
                    in.denominator = 1000;
                    for (const auto& fig : ind.figures) {
                        if (fig.name != "numerator" && fig.name != "denominator") in.figures[fig.name] = 1000;
                    }
                    break;
                case forms::Measure::Count: in.count = 10; break;
                case forms::Measure::Level: in.level = txt(f.find_scale(ind.scale)->steps.back().code); break;
                case forms::Measure::Trend:
                    in.figures["previous"] = 100;
                    in.figures["current"] = ind.direction == forms::Direction::Increase ? 110 : 90;
                    break;
            }
            if (ind.measure != forms::Measure::YesNo && !ind.label_of("met").empty()) in.met = true;
            in.evidence.push_back(data::Evidence{txt("H-" + ind.id), txt("Minh chứng của " + ind.id), Date{2024, 6, 1}, {"test.xml", line, 7}});
            u.indicators.push_back(std::move(in));
        }
    }
    return u;
}

inline data::IndicatorInput& input(data::UnitData& u, const std::string& id) {
    for (auto& in : u.indicators) {
        if (in.id.value == id) return in;
    }
    data::IndicatorInput in;
    in.id = txt(id);
    in.where = {"test.xml", 99, 5};
    u.indicators.push_back(in);
    return u.indicators.back();
}

inline void remove_input(data::UnitData& u, const std::string& id) {
    u.indicators.erase(std::remove_if(u.indicators.begin(), u.indicators.end(),
                                      [&](const data::IndicatorInput& in) { return in.id.value == id; }),
                       u.indicators.end());
}

inline const forms::IndicatorResult& result(const forms::Evaluation& e, int level, const std::string& id) {
    const forms::LevelResult* l = e.level(level);
    if (l == nullptr) FAIL("no level " << level);
    for (const auto& c : l->criteria) {
        for (const auto& i : c.indicators) {
            if (i.id == id) return i;
        }
    }
    FAIL("no indicator " << id << " at level " << level);
    throw std::logic_error("unreachable");
}

inline const forms::CriterionResult& criterion(const forms::Evaluation& e, int level, const std::string& id) {
    const forms::LevelResult* l = e.level(level);
    if (l == nullptr) FAIL("no level " << level);
    for (const auto& c : l->criteria) {
        if (c.id == id) return c;
    }
    FAIL("no criterion " << id);
    throw std::logic_error("unreachable");
}

inline forms::Status level_status(const forms::Evaluation& e, int level) { return e.level(level)->status; }

// Diagnostics whose message contains `needle` (Vietnamese or English).
inline std::vector<Diagnostic> matching(const Diagnostics& d, const std::string& needle) {
    std::vector<Diagnostic> out;
    for (const auto& x : d.items()) {
        if (x.message_vi.find(needle) != std::string::npos || x.message_en.find(needle) != std::string::npos) out.push_back(x);
    }
    return out;
}

inline data::UnitData parse_xml(const std::string& xml, Diagnostics& d) {
    return data::parse_unit(xml, "unit.xml", {}, d);
}

}  // namespace hoso::test
