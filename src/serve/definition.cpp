// GET /api/forms/{id}: the form definition the page is built from, generated from forms/<id>.xml.
#include "serve/detail/definition.h"

#include <algorithm>

namespace hoso::serve::detail {
namespace {

std::string date_or_empty(const Date& d) { return d.year == 0 ? std::string() : to_iso(d); }

// What each setting decides (the setting names are the forms module's vocabulary; the values
// and defaults are each form's). The same text as examples/README.md, section 3.
struct SettingText {
    const char* name;
    const char* vi;
    const char* en;
};
constexpr SettingText kSettingTexts[] = {
    {"not-applicable",
     "Thông tư không nói chỉ tiêu không áp dụng cho đơn vị được tính thế nào (exclude: không tính; fail: tính là "
     "không đạt)",
     "the circular does not say how an indicator that does not apply counts (exclude: left out; fail: Không đạt)"},
    {"evidence",
     "Chỉ tiêu không có minh chứng phù hợp (required: không đạt; recommended: xét theo số liệu và cảnh báo; "
     "optional: không xét)",
     "an indicator without suitable evidence (required: Không đạt; recommended: judged on the figures, with a "
     "warning; optional: not looked at)"},
    {"alternative-population",
     "Với cơ sở giáo dục, yêu cầu về Người học bổ sung (both) hay thay thế (replace) yêu cầu về Thành viên",
     "for education institutions, whether the Người học requirement adds to (both) or replaces (replace) the "
     "Thành viên one"},
    {"validity-base",
     "Khi chưa có ngày quyết định: thời hạn bảo lưu tính từ năm đánh giá (assessment-year) hay năm sau năm đánh giá "
     "(decision-year)",
     "before the decision date is known: the validity counts from the assessed year (assessment-year) or the year "
     "after it (decision-year)"},
};

Json string_array(const std::vector<std::string>& v) {
    Json a = Json::array();
    for (const auto& s : v) a.push_back(s);
    return a;
}

}  // namespace

Json forms_list_json(const forms::FormLibrary& library) {
    Json list = Json::array();
    for (const auto& f : library.forms()) {
        Json levels = Json::array();
        for (const auto& l : f.levels) levels.push_back(l.number);
        list.push_back(Json{{"id", f.id},
                            {"title", f.title},
                            {"scope", f.scope},
                            {"circular", f.circular.number},
                            {"levels", std::move(levels)}});
    }
    return Json{{"forms", std::move(list)}};
}

Json form_definition_json(const forms::Form& f, const std::vector<std::pair<std::string, std::string>>& dossier) {
    Json j;
    j["id"] = f.id;
    j["title"] = f.title;
    j["name"] = f.name;
    j["scope"] = f.scope;
    j["unit_noun"] = f.unit_noun;
    j["circular"] = Json{{"number", f.circular.number},
                         {"short_name", f.circular.short_name},
                         {"date", date_or_empty(f.circular.date)},
                         {"issuer", f.circular.issuer},
                         {"subject", f.circular.subject},
                         {"citation", f.circular.citation}};
    j["effective_from"] = date_or_empty(f.effective_from);
    j["effective_until"] = f.effective_until ? Json(to_iso(*f.effective_until)) : Json(nullptr);
    Json docs = Json::array();
    for (const auto& d : f.procedure.documents) docs.push_back(Json{{"kind", d.kind}, {"name", d.name}});
    j["procedure"] = Json{{"addressee", f.procedure.addressee},
                          {"decider", f.procedure.decider},
                          {"dossier_deadline", f.procedure.dossier_deadline},
                          {"decision_deadline", f.procedure.decision_deadline},
                          {"documents", docs}};
    Json dossier_json = Json::array();
    for (const auto& [id, kind] : dossier) {
        std::string name;
        for (const auto& d : f.procedure.documents) {
            if (d.kind == kind) name = d.name;
        }
        dossier_json.push_back(Json{{"id", id}, {"kind", kind}, {"name", name}});
    }
    j["dossier"] = std::move(dossier_json);
    Json levels = Json::array();
    for (const auto& l : f.levels) {
        levels.push_back(Json{{"number", l.number}, {"name", l.name}, {"article", l.article}, {"condition", l.condition}});
    }
    j["levels"] = std::move(levels);
    Json kinds = Json::array();
    for (const auto& [code, k] : {std::pair{"first", data::RequestKind::First},
                                  std::pair{"renewal", data::RequestKind::Renewal},
                                  std::pair{"upgrade", data::RequestKind::Upgrade}}) {
        kinds.push_back(Json{{"code", code}, {"name", forms::kind_text(k)}});
    }
    j["kinds"] = std::move(kinds);
    Json types = Json::array();
    for (const auto& t : f.unit_types) {
        types.push_back(Json{{"code", t.code},
                             {"name", t.name},
                             {"flags", string_array(std::vector<std::string>(t.flags.begin(), t.flags.end()))}});
    }
    j["unit_types"] = std::move(types);
    Json flags = Json::array();
    for (const auto& fl : f.flags) flags.push_back(Json{{"code", fl.code}, {"name", fl.name}});
    j["flags"] = std::move(flags);
    Json traits = Json::array();
    for (const auto& t : f.traits) traits.push_back(Json{{"code", t.code}, {"name", t.name}});
    j["traits"] = std::move(traits);
    Json scales = Json::array();
    for (const auto& s : f.scales) {
        Json steps = Json::array();
        for (const auto& st : s.steps) steps.push_back(Json{{"code", st.code}, {"name", st.name}});
        scales.push_back(Json{{"id", s.id}, {"steps", std::move(steps)}});
    }
    j["scales"] = std::move(scales);
    Json settings = Json::array();
    Json unverified = Json::array();
    for (const auto& name : forms::setting_names()) {
        const std::string value = forms::setting_value(f.settings, name);
        settings.push_back(Json{{"name", name}, {"value", value}, {"values", string_array(forms::setting_values(name))}});
        for (const auto& t : kSettingTexts) {
            if (name == t.name) {
                unverified.push_back(Json{{"kind", "setting"},
                                          {"name", name},
                                          {"value", value},
                                          {"vi", std::string(t.vi) + " — mặc định của bộ tiêu chí: " + value},
                                          {"en", std::string(t.en) + " — the form's default: " + value}});
            }
        }
    }
    j["settings"] = std::move(settings);
    for (const auto& c : f.caveats) {
        unverified.push_back(Json{{"kind", "caveat"},
                                  {"from", date_or_empty(c.from)},
                                  {"until", c.until ? Json(to_iso(*c.until)) : Json(nullptr)},
                                  {"vi", c.vi},
                                  {"en", c.en}});
    }
    j["unverified"] = std::move(unverified);

    Json criteria = Json::array();
    for (const auto& c : f.criteria) {
        Json titles = Json::object(), citations = Json::object();
        for (const auto& [level, t] : c.titles) titles[std::to_string(level)] = t;
        for (const auto& [level, t] : c.citations) citations[std::to_string(level)] = t;
        Json indicators = Json::array();
        for (const auto& ind : c.indicators) {
            // Unit types of each requirement, and of the indicator at any level.
            Json requirements = Json::array();
            std::vector<std::string> any_level;
            for (const auto& r : ind.requirements) {
                std::vector<std::string> codes;
                for (const auto& t : f.unit_types) {
                    if (!forms::applies_to(ind, r, t)) continue;
                    codes.push_back(t.code);
                    if (std::find(any_level.begin(), any_level.end(), t.code) == any_level.end()) any_level.push_back(t.code);
                }
                requirements.push_back(Json{{"level", r.level},
                                            {"text", r.text},
                                            {"citation", r.citation},
                                            {"summary", r.summary},
                                            {"applies_text", f.describe(r.applies)},
                                            {"unit_types", string_array(codes)}});
            }
            std::vector<std::string> ordered;  // in the form's order of unit types
            for (const auto& t : f.unit_types) {
                if (std::find(any_level.begin(), any_level.end(), t.code) != any_level.end()) ordered.push_back(t.code);
            }
            Json inputs = Json::array();
            for (const auto& spec : ind.figures) {
                Json in{{"name", spec.name},
                        {"label", spec.label},
                        {"kind", spec.name == "met" ? "yes-no" : spec.name == "level" ? "level" : "number"}};
                if (spec.name == "denominator" && ind.denominator_is_members) in["blank_means_members"] = true;
                if (ind.alternative && (spec.name == ind.alternative->numerator || spec.name == ind.alternative->denominator)) {
                    std::vector<std::string> with_flag;
                    for (const auto& t : f.unit_types) {
                        if (t.flags.count(ind.alternative->flag) != 0) with_flag.push_back(t.code);
                    }
                    in["unit_types"] = string_array(with_flag);
                }
                inputs.push_back(std::move(in));
            }
            indicators.push_back(Json{
                {"id", ind.id},
                {"number", ind.number},
                {"point", ind.point},
                {"short_name", ind.short_name},
                {"text", ind.text},
                {"measure", forms::measure_name(ind.measure)},
                {"inputs", std::move(inputs)},
                {"whole_numbers", ind.whole_numbers},
                {"count_unit", ind.count_unit},
                {"scale", ind.scale},
                {"direction", ind.measure == forms::Measure::Trend
                                  ? (ind.direction == forms::Direction::Increase ? "increase" : "decrease")
                                  : ""},
                {"value_unit", ind.value_unit},
                {"yes_text", ind.yes_text},
                {"no_text", ind.no_text},
                {"may_be_not_applicable", ind.may_be_not_applicable},
                {"applies", Json{{"text", f.describe(ind.applies)}, {"unit_types", string_array(ordered)}}},
                {"requirements", std::move(requirements)}});
        }
        criteria.push_back(Json{{"id", c.id},
                                {"number", c.number},
                                {"title", c.title},
                                {"titles", std::move(titles)},
                                {"citations", std::move(citations)},
                                {"indicators", std::move(indicators)}});
    }
    j["criteria"] = std::move(criteria);
    return j;
}

}  // namespace hoso::serve::detail
