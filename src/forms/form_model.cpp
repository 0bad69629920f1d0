// Lookups on the form model, settings, and helpers shared by check/evaluate/output.
#include "forms/forms.h"

#include <algorithm>
#include <cmath>

#include "forms/detail/common.h"
#include "text/text.h"

namespace hoso::forms {

// --- Settings ------------------------------------------------------------------------------

namespace {
struct SettingDef {
    const char* name;
    std::vector<const char*> values;  // in enum order
};

const std::vector<SettingDef>& setting_defs() {
    static const std::vector<SettingDef> defs = {
        {"not-applicable", {"exclude", "fail"}},
        {"evidence", {"required", "recommended", "optional"}},
        {"alternative-population", {"both", "replace"}},
        {"validity-base", {"assessment-year", "decision-year"}},
    };
    return defs;
}

int index_of(const SettingDef& d, const std::string& value) {
    for (std::size_t i = 0; i < d.values.size(); ++i) {
        if (value == d.values[i]) return static_cast<int>(i);
    }
    return -1;
}
}  // namespace

std::vector<std::string> setting_names() {
    std::vector<std::string> out;
    for (const auto& d : setting_defs()) out.emplace_back(d.name);
    return out;
}

std::vector<std::string> setting_values(const std::string& name) {
    for (const auto& d : setting_defs()) {
        if (name == d.name) return {d.values.begin(), d.values.end()};
    }
    return {};
}

bool apply_setting(Settings& s, const std::string& name, const std::string& value) {
    for (const auto& d : setting_defs()) {
        if (name != d.name) continue;
        const int i = index_of(d, value);
        if (i < 0) return false;
        const auto u = static_cast<std::uint8_t>(i);
        if (name == "not-applicable") s.not_applicable = static_cast<NotApplicablePolicy>(u);
        else if (name == "evidence") s.evidence = static_cast<EvidencePolicy>(u);
        else if (name == "alternative-population") s.alternative = static_cast<AlternativeMode>(u);
        else if (name == "validity-base") s.validity_base = static_cast<ValidityBase>(u);
        return true;
    }
    return false;
}

std::string setting_value(const Settings& s, const std::string& name) {
    std::size_t i = 0;
    if (name == "not-applicable") i = static_cast<std::size_t>(s.not_applicable);
    else if (name == "evidence") i = static_cast<std::size_t>(s.evidence);
    else if (name == "alternative-population") i = static_cast<std::size_t>(s.alternative);
    else if (name == "validity-base") i = static_cast<std::size_t>(s.validity_base);
    else return {};
    for (const auto& d : setting_defs()) {
        if (name == d.name) return d.values.at(i);
    }
    return {};
}

Settings effective_settings(const Form& form, const data::UnitData& unit) {
    Settings s = form.settings;
    for (const auto& [name, value] : unit.settings) apply_setting(s, name, value.value);
    return s;
}

// --- Model lookups -------------------------------------------------------------------------

int Scale::rank(const std::string& code) const {
    for (std::size_t i = 0; i < steps.size(); ++i) {
        if (steps[i].code == code) return static_cast<int>(i);
    }
    return -1;
}

const Requirement* Indicator::at(int level) const {
    for (const auto& r : requirements) {
        if (r.level == level) return &r;
    }
    return nullptr;
}

std::string Indicator::label_of(const std::string& figure) const {
    for (const auto& f : figures) {
        if (f.name == figure) return f.label;
    }
    return {};
}

const std::string& Criterion::title_at(int level) const {
    const auto it = titles.find(level);
    return it == titles.end() ? title : it->second;
}

const UnitType* Form::find_unit_type(const std::string& code) const {
    for (const auto& t : unit_types) {
        if (t.code == code) return &t;
    }
    return nullptr;
}

const Trait* Form::find_trait(const std::string& code) const {
    for (const auto& t : traits) {
        if (t.code == code) return &t;
    }
    return nullptr;
}

const Flag* Form::find_flag(const std::string& code) const {
    for (const auto& f : flags) {
        if (f.code == code) return &f;
    }
    return nullptr;
}

const Scale* Form::find_scale(const std::string& id_) const {
    for (const auto& s : scales) {
        if (s.id == id_) return &s;
    }
    return nullptr;
}

const Level* Form::find_level(int number) const {
    for (const auto& l : levels) {
        if (l.number == number) return &l;
    }
    return nullptr;
}

const Indicator* Form::find_indicator(const std::string& id_) const {
    for (const auto& c : criteria) {
        for (const auto& i : c.indicators) {
            if (i.id == id_) return &i;
        }
    }
    return nullptr;
}

const Criterion* Form::criterion_of(const std::string& indicator_id) const {
    for (const auto& c : criteria) {
        for (const auto& i : c.indicators) {
            if (i.id == indicator_id) return &c;
        }
    }
    return nullptr;
}

std::string Form::describe(const Applicability& a) const {
    auto names = [this](const std::vector<std::string>& codes) {
        std::string s;
        for (const auto& c : codes) {
            if (!s.empty()) s += "; ";
            const Flag* f = find_flag(c);
            s += f != nullptr ? f->name : c;
        }
        return s;
    };
    std::string out;
    if (!a.any_of.empty()) out = "chỉ áp dụng đối với " + names(a.any_of);
    if (!a.none_of.empty()) {
        if (!out.empty()) out += ", ";
        out += "không áp dụng đối với " + names(a.none_of);
    }
    return out;
}

const LevelResult* Evaluation::level(int number) const {
    for (const auto& l : levels) {
        if (l.level == number) return &l;
    }
    return nullptr;
}

std::string status_text(Status s) {
    switch (s) {
        case Status::Pass: return "Đạt";
        case Status::Fail: return "Không đạt";
        case Status::NotApplicable: return "Không áp dụng";
    }
    return {};
}

std::string kind_text(data::RequestKind k) {
    switch (k) {
        case data::RequestKind::First: return "lần đầu";
        case data::RequestKind::Renewal: return "công nhận lại";
        case data::RequestKind::Upgrade: return "nâng mức độ";
    }
    return {};
}

const char* evidence_issue_code(EvidenceIssue i) {
    switch (i) {
        case EvidenceIssue::None: return "";
        case EvidenceIssue::Missing: return "missing";
        case EvidenceIssue::Blank: return "blank";
    }
    return "";
}

const char* measure_name(Measure m) {
    switch (m) {
        case Measure::YesNo: return "yes-no";
        case Measure::Ratio: return "ratio";
        case Measure::Count: return "count";
        case Measure::Level: return "level";
        case Measure::Trend: return "trend";
    }
    return "";
}

// --- detail -------------------------------------------------------------------------------

namespace detail {

std::optional<Measure> parse_measure(const std::string& s) {
    for (auto m : {Measure::YesNo, Measure::Ratio, Measure::Count, Measure::Level, Measure::Trend}) {
        if (s == measure_name(m)) return m;
    }
    return std::nullopt;
}

std::set<std::string> unit_flags(const Form& form, const data::UnitData& unit) {
    if (const UnitType* t = form.find_unit_type(unit.unit.type.value)) return t->flags;
    return {};
}

bool has_trait(const data::UnitData& unit, const std::string& trait) {
    return std::any_of(unit.unit.traits.begin(), unit.unit.traits.end(),
                       [&](const data::Text& t) { return t.value == trait; });
}

bool applies(const Applicability& a, const std::set<std::string>& flags) {
    for (const auto& f : a.none_of) {
        if (flags.count(f) != 0) return false;
    }
    if (a.any_of.empty()) return true;
    return std::any_of(a.any_of.begin(), a.any_of.end(),
                       [&](const std::string& f) { return flags.count(f) != 0; });
}

bool applies(const Indicator& ind, const Requirement& req, const std::set<std::string>& flags) {
    return applies(ind.applies, flags) && applies(req.applies, flags);
}

const data::IndicatorInput* find_input(const data::UnitData& unit, const std::string& id) {
    for (const auto& in : unit.indicators) {
        if (in.id.value == id) return &in;
    }
    return nullptr;
}

InputIndex::InputIndex(const data::UnitData& unit) {
    m_sorted.reserve(unit.indicators.size());
    for (const auto& in : unit.indicators) m_sorted.push_back(&in);
    std::stable_sort(m_sorted.begin(), m_sorted.end(),
                     [](const data::IndicatorInput* a, const data::IndicatorInput* b) { return a->id.value < b->id.value; });
}

const data::IndicatorInput* InputIndex::find(std::string_view id) const {
    const auto it = std::lower_bound(m_sorted.begin(), m_sorted.end(), id,
                                     [](const data::IndicatorInput* a, std::string_view b) { return a->id.value < b; });
    return it != m_sorted.end() && (*it)->id.value == id ? *it : nullptr;
}

std::optional<double> figure(const Indicator& ind, const data::UnitData& unit,
                             const data::IndicatorInput& in, const std::string& name) {
    if (name == "numerator") return in.numerator;
    if (name == "denominator") {
        if (in.denominator) return in.denominator;
        if (ind.denominator_is_members && unit.unit.members) {
            return static_cast<double>(*unit.unit.members);
        }
        return std::nullopt;
    }
    if (name == "count") return in.count;
    const auto it = in.figures.find(name);
    if (it == in.figures.end()) return std::nullopt;
    return it->second;
}

std::string fmt_number(double v) {
    if (std::fabs(v - std::round(v)) < 1e-9 && std::fabs(v) < 1e15) {
        return text::format_integer(static_cast<long long>(std::llround(v)));
    }
    return text::format_decimal(v, 2);
}

std::string fmt_percent(double v) { return text::format_percent(v, 2); }

std::string fmt_percent_vs(double value, double threshold) {
    for (int d = 2; d <= 6; ++d) {
        const double scale = std::pow(10.0, d);
        const double shown = std::round(value * scale) / scale;
        if ((value >= threshold) == (shown >= threshold)) return text::format_percent(value, d);
    }
    return text::format_percent(value, 6);
}

std::string fmt_count(double v) {
    const long long n = std::llround(v);
    if (std::fabs(v - static_cast<double>(n)) > 1e-9) return text::format_decimal(v, 2);
    if (n >= 0 && n < 10) return text::two_digits(static_cast<int>(n));
    return text::format_integer(n);
}

std::string cite(const Form& form, const std::string& citation) {
    if (citation.empty()) return form.circular.short_name;
    return form.circular.short_name + " " + citation;
}

bool checkable(const data::Evidence& e) {
    return !e.description.value.empty() || !e.number.value.empty() || e.date.has_value();
}

EvidenceState evidence_state(const data::IndicatorInput& in) {
    EvidenceState st;
    bool any = false;
    for (const auto& e : in.evidence) {
        if (checkable(e)) {
            any = true;
        } else {
            st.blank.push_back(e.code.value);
        }
    }
    if (!any) st.issue = in.evidence.empty() ? EvidenceIssue::Missing : EvidenceIssue::Blank;
    return st;
}

std::string evidence_basis(const Form& form) {
    if (form.rules.evidence_citation.empty()) return "thiết lập evidence=required";
    return cite(form, form.rules.evidence_citation);
}

std::string blank_evidence_text(const std::vector<std::string>& codes) {
    std::string list;
    for (const auto& c : codes) list += (list.empty() ? "" : ", ") + c;
    return "minh chứng " + list + " không có mô tả, số, ngày văn bản";
}

}  // namespace detail
}  // namespace hoso::forms
