// The page's state ↔ the unit data file (web/API.md, "Page state").
#include "serve/detail/state.h"

#include <charconv>
#include <map>
#include <set>

namespace hoso::serve::detail {
namespace {

const std::vector<std::string> kRootKeys = {"form", "version", "unit", "assessment", "documents", "addressees",
                                            "signer", "authorities", "distribution", "team", "settings",
                                            "indicators", "report"};
const std::vector<std::string> kUnitKeys = {"type", "name", "parent-agency", "issuing-line", "abbreviation",
                                            "place", "district", "commune", "members", "trait"};
const std::vector<std::string> kAssessmentKeys = {"year", "level", "kind", "decision-date", "previous-decision"};
const std::vector<std::string> kPreviousKeys = {"number", "date", "level", "year"};
const std::vector<std::string> kDocumentKeys = {"kind", "number", "date"};
const std::vector<std::string> kSignerKeys = {"authority", "name"};
const std::vector<std::string> kAuthoritiesKeys = {"profile", "confirmed"};
const std::vector<std::string> kSettingKeys = {"name", "value"};
const std::vector<std::string> kIndicatorKeys = {"id", "applicable", "met", "numerator", "denominator", "count",
                                                 "level", "figures", "evidence", "note"};
const std::vector<std::string> kFigureKeys = {"name", "value"};
const std::vector<std::string> kEvidenceKeys = {"code", "date", "description"};
const std::vector<std::string> kSectionKeys = {"key", "title", "p"};
// The indicator's single values, in the order they are written.
const std::vector<std::string> kIndicatorValues = {"applicable", "met", "numerator", "denominator", "count", "level"};

[[noreturn]] void bad_state(const std::string& path, const std::string& vi, const std::string& en) {
    throw Refusal(400, "bad-state", (path.empty() ? std::string("/") : path) + ": " + vi + " (" + en + ")");
}

// Reads the state with its types checked; every value comes out as the string to write.
class Reader {
public:
    static const Json* object(const Json& parent, const std::string& key, const std::string& path) {
        const auto it = parent.find(key);
        if (it == parent.end() || it->is_null()) return nullptr;
        if (!it->is_object()) bad_state(path + "/" + key, "cần một đối tượng", "expected an object");
        return &*it;
    }

    static std::string string(const Json* parent, const std::string& key, const std::string& path) {
        if (parent == nullptr) return {};
        const auto it = parent->find(key);
        if (it == parent->end() || it->is_null()) return {};
        return value(*it, path + "/" + key);
    }

    static std::string value(const Json& v, const std::string& path) {
        if (!v.is_string()) bad_state(path, "cần một chuỗi ký tự", "expected a string");
        std::string s = v.get<std::string>();
        if (s.size() > kMaxStringBytes) {
            bad_state(path, "chuỗi quá dài (tối đa " + std::to_string(kMaxStringBytes) + " byte)",
                      "string too long (limit " + std::to_string(kMaxStringBytes) + " bytes)");
        }
        for (char& c : s) {
            const auto b = static_cast<unsigned char>(c);
            if (b == '\t' || b == '\n' || b == '\r') {
                c = ' ';  // the data file makes every run of white space one space
            } else if (b < 0x20 || b == 0x7F) {
                bad_state(path, "ký tự điều khiển không được phép", "control character not allowed");
            }
        }
        return s;
    }

    static const Json* array(const Json* parent, const std::string& key, const std::string& path) {
        if (parent == nullptr) return nullptr;
        const auto it = parent->find(key);
        if (it == parent->end() || it->is_null()) return nullptr;
        if (!it->is_array()) bad_state(path + "/" + key, "cần một danh sách", "expected a list");
        if (it->size() > kMaxListItems) {
            bad_state(path + "/" + key, "danh sách quá dài (tối đa " + std::to_string(kMaxListItems) + " mục)",
                      "list too long (limit " + std::to_string(kMaxListItems) + " items)");
        }
        return &*it;
    }

    static std::vector<std::string> strings(const Json* parent, const std::string& key, const std::string& path) {
        std::vector<std::string> out;
        const Json* a = array(parent, key, path);
        if (a == nullptr) return out;
        for (std::size_t i = 0; i < a->size(); ++i) out.push_back(value((*a)[i], path + "/" + key + "/" + std::to_string(i)));
        return out;
    }

    static const Json& item_object(const Json& a, std::size_t i, const std::string& path) {
        const Json& v = a[i];
        if (!v.is_object()) bad_state(path, "cần một đối tượng", "expected an object");
        return v;
    }
};

class XmlWriter {
public:
    XmlWriter() { m_out.lines.emplace_back(); }

    void line(int depth, const std::string& text, LineOrigin origin = {}) {
        m_out.xml.append(static_cast<std::size_t>(depth) * 2, ' ');
        m_out.xml += text;
        m_out.xml += '\n';
        m_out.lines.push_back(std::move(origin));
    }

    // <name>value</name> when value is not empty.
    void value(int depth, const std::string& name, const std::string& v, const std::string& pointer,
               const std::string& indicator = {}) {
        if (v.empty()) return;
        line(depth, "<" + name + ">" + data::xml_escape(v) + "</" + name + ">", {pointer, {}, {}, indicator});
    }

    GeneratedXml take() { return std::move(m_out); }

private:
    GeneratedXml m_out;
};

// ` name="value"` (always, or only when not empty).
std::string attr(const std::string& name, const std::string& v, bool always = false) {
    if (v.empty() && !always) return {};
    return " " + name + "=\"" + data::xml_escape(v) + "\"";
}

std::string number_text(double v) {
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
    std::string s(buf, r.ptr);
    for (char& c : s) {
        if (c == '.') c = ',';  // Vietnamese decimal comma, as the clerk writes it
    }
    return s;
}

std::string date_text(const Date& d) {
    if (d.year == 0) return {};
    if (d.month == 0) return std::to_string(d.year);
    if (d.day == 0) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%04d-%02d", d.year, d.month);
        return buf;
    }
    return to_iso(d);
}

std::string bool_text(const std::optional<bool>& b) {
    if (!b) return {};
    return *b ? "có" : "không";
}

Json string_list(const std::vector<data::Text>& v) {
    Json a = Json::array();
    for (const auto& t : v) a.push_back(t.value);
    return a;
}

}  // namespace

GeneratedXml state_to_xml(const Json& state) {
    if (!state.is_object()) bad_state("", "trạng thái phải là một đối tượng JSON", "the state must be a JSON object");
    using R = Reader;
    XmlWriter w;
    w.line(0, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    std::string version = R::string(&state, "version", "");
    if (version.empty()) version = "1";
    w.line(0, "<hoso-data" + attr("form", R::string(&state, "form", ""), true) + attr("version", version) + ">",
           {"", kRootKeys, {}, {}});

    {  // unit
        const Json* u = R::object(state, "unit", "");
        const std::string p = "/unit";
        w.line(1, "<unit" + attr("type", R::string(u, "type", p)) + ">", {p, kUnitKeys, {}, {}});
        w.value(2, "name", R::string(u, "name", p), p + "/name");
        const auto agencies = R::strings(u, "parent-agency", p);
        for (std::size_t i = 0; i < agencies.size(); ++i)
            w.value(2, "parent-agency", agencies[i], p + "/parent-agency/" + std::to_string(i));
        const auto issuing = R::strings(u, "issuing-line", p);
        for (std::size_t i = 0; i < issuing.size(); ++i)
            w.value(2, "issuing-line", issuing[i], p + "/issuing-line/" + std::to_string(i));
        for (const char* k : {"abbreviation", "place", "district", "commune", "members"})
            w.value(2, k, R::string(u, k, p), p + "/" + k);
        const auto traits = R::strings(u, "trait", p);
        for (std::size_t i = 0; i < traits.size(); ++i) w.value(2, "trait", traits[i], p + "/trait/" + std::to_string(i));
        w.line(1, "</unit>", {p, kUnitKeys, {}, {}});
    }
    {  // assessment
        const Json* a = R::object(state, "assessment", "");
        const std::string p = "/assessment";
        std::string open = "<assessment";
        for (const char* k : {"year", "level", "kind", "decision-date"}) open += attr(k, R::string(a, k, p));
        w.line(1, open + ">", {p, kAssessmentKeys, {}, {}});
        if (a != nullptr) {
            if (const Json* prev = R::object(*a, "previous-decision", p)) {
                const std::string pp = p + "/previous-decision";
                std::string e = "<previous-decision";
                for (const char* k : {"number", "date", "level", "year"}) e += attr(k, R::string(prev, k, pp));
                w.line(2, e + "/>", {pp, kPreviousKeys, {}, {}});
            }
        }
        w.line(1, "</assessment>", {p, kAssessmentKeys, {}, {}});
    }
    {  // documents
        const Json* docs = R::array(&state, "documents", "");
        w.line(1, "<documents>", {"/documents", {}, {}, {}});
        for (std::size_t i = 0; docs != nullptr && i < docs->size(); ++i) {
            const std::string p = "/documents/" + std::to_string(i);
            const Json& d = R::item_object(*docs, i, p);
            w.line(2,
                   "<document" + attr("kind", R::string(&d, "kind", p), true) +
                       attr("number", R::string(&d, "number", p), true) + attr("date", R::string(&d, "date", p)) + "/>",
                   {p, kDocumentKeys, {}, {}});
        }
        w.line(1, "</documents>", {"/documents", {}, {}, {}});
    }
    // A list of one-value elements inside a wrapper, written only when not empty.
    auto list = [&](const char* key, const char* wrapper, const char* item) {
        const auto items = R::strings(&state, key, "");
        if (items.empty()) return;
        const std::string p = std::string("/") + key;
        w.line(1, std::string("<") + wrapper + ">", {p, {}, {}, {}});
        for (std::size_t i = 0; i < items.size(); ++i) {
            w.line(2, std::string("<") + item + ">" + data::xml_escape(items[i]) + "</" + item + ">",
                   {p + "/" + std::to_string(i), {}, {}, {}});
        }
        w.line(1, std::string("</") + wrapper + ">", {p, {}, {}, {}});
    };
    list("addressees", "addressees", "addressee");
    {  // signer
        const Json* s = R::object(state, "signer", "");
        const std::string p = "/signer";
        w.line(1, "<signer>", {p, kSignerKeys, {}, {}});
        const auto authority = R::strings(s, "authority", p);
        for (std::size_t i = 0; i < authority.size(); ++i)
            w.value(2, "authority", authority[i], p + "/authority/" + std::to_string(i));
        w.value(2, "name", R::string(s, "name", p), p + "/name");
        w.line(1, "</signer>", {p, kSignerKeys, {}, {}});
    }
    if (const Json* a = R::object(state, "authorities", "")) {
        const std::string p = "/authorities";
        w.line(1, "<authorities" + attr("profile", R::string(a, "profile", p)) +
                      attr("confirmed", R::string(a, "confirmed", p)) + "/>",
               {p, kAuthoritiesKeys, {}, {}});
    }
    list("distribution", "distribution", "recipient");
    list("team", "team", "member");
    if (const Json* settings = R::array(&state, "settings", ""); settings != nullptr && !settings->empty()) {
        w.line(1, "<settings>", {"/settings", {}, {}, {}});
        for (std::size_t i = 0; i < settings->size(); ++i) {
            const std::string p = "/settings/" + std::to_string(i);
            const Json& s = R::item_object(*settings, i, p);
            w.line(2,
                   "<setting" + attr("name", R::string(&s, "name", p), true) +
                       attr("value", R::string(&s, "value", p), true) + "/>",
                   {p, kSettingKeys, "value", {}});
        }
        w.line(1, "</settings>", {"/settings", {}, {}, {}});
    }
    {  // indicators
        const Json* inds = R::array(&state, "indicators", "");
        w.line(1, "<indicators>", {"/indicators", {}, {}, {}});
        for (std::size_t i = 0; inds != nullptr && i < inds->size(); ++i) {
            const std::string p = "/indicators/" + std::to_string(i);
            const Json& in = R::item_object(*inds, i, p);
            const std::string id = R::string(&in, "id", p);
            w.line(2, "<indicator" + attr("id", id, true) + ">", {p, kIndicatorKeys, {}, id});
            for (const auto& k : kIndicatorValues) w.value(3, k, R::string(&in, k, p), p + "/" + k, id);
            if (const Json* figs = R::array(&in, "figures", p)) {
                for (std::size_t j = 0; j < figs->size(); ++j) {
                    const std::string fp = p + "/figures/" + std::to_string(j);
                    const Json& f = R::item_object(*figs, j, fp);
                    w.line(3,
                           "<figure" + attr("name", R::string(&f, "name", fp), true) + ">" +
                               data::xml_escape(R::string(&f, "value", fp)) + "</figure>",
                           {fp, kFigureKeys, "value", id});
                }
            }
            if (const Json* evs = R::array(&in, "evidence", p)) {
                for (std::size_t j = 0; j < evs->size(); ++j) {
                    const std::string ep = p + "/evidence/" + std::to_string(j);
                    const Json& e = R::item_object(*evs, j, ep);
                    const std::string description = R::string(&e, "description", ep);
                    const std::string head = "<evidence" + attr("code", R::string(&e, "code", ep), true) +
                                             attr("date", R::string(&e, "date", ep));
                    w.line(3, description.empty() ? head + "/>" : head + ">" + data::xml_escape(description) + "</evidence>",
                           {ep, kEvidenceKeys, "description", id});
                }
            }
            w.value(3, "note", R::string(&in, "note", p), p + "/note", id);
            w.line(2, "</indicator>", {p, kIndicatorKeys, {}, id});
        }
        w.line(1, "</indicators>", {"/indicators", {}, {}, {}});
    }
    if (const Json* report = R::array(&state, "report", ""); report != nullptr && !report->empty()) {
        w.line(1, "<report>", {"/report", {}, {}, {}});
        for (std::size_t i = 0; i < report->size(); ++i) {
            const std::string p = "/report/" + std::to_string(i);
            const Json& s = R::item_object(*report, i, p);
            w.line(2,
                   "<section" + attr("key", R::string(&s, "key", p), true) + attr("title", R::string(&s, "title", p), true) +
                       ">",
                   {p, kSectionKeys, {}, {}});
            const auto ps = R::strings(&s, "p", p);
            for (std::size_t k = 0; k < ps.size(); ++k) w.value(3, "p", ps[k], p + "/p/" + std::to_string(k));
            w.line(2, "</section>", {p, kSectionKeys, {}, {}});
        }
        w.line(1, "</report>", {"/report", {}, {}, {}});
    }
    w.line(0, "</hoso-data>", {"", kRootKeys, {}, {}});
    return w.take();
}

Json unit_to_state(const data::UnitData& d, const std::vector<std::string>& document_kinds) {
    Json s = Json::object();
    s["form"] = d.form_id.value;
    s["version"] = "1";
    const auto& u = d.unit;
    s["unit"] = Json{{"type", u.type.value},
                     {"name", u.name.value},
                     {"parent-agency", string_list(u.parent_agency)},
                     {"issuing-line", string_list(u.issuing_lines)},
                     {"abbreviation", u.abbreviation.value},
                     {"place", u.place.value},
                     {"district", u.district.value},
                     {"commune", u.commune.value},
                     {"members", u.members ? std::to_string(*u.members) : std::string()},
                     {"trait", string_list(u.traits)}};
    const auto& a = d.assessment;
    Json assessment{{"year", a.year != 0 ? std::to_string(a.year) : std::string()},
                    {"level", a.requested_level != 0 ? std::to_string(a.requested_level) : std::string()},
                    {"kind", a.kind == data::RequestKind::First     ? "first"
                             : a.kind == data::RequestKind::Renewal ? "renewal"
                                                                    : "upgrade"},
                    {"decision-date", a.decision_date ? date_text(*a.decision_date) : std::string()},
                    {"previous-decision", nullptr}};
    if (a.previous) {
        assessment["previous-decision"] =
            Json{{"number", a.previous->number.value},
                 {"date", date_text(a.previous->date)},
                 {"level", a.previous->level != 0 ? std::to_string(a.previous->level) : std::string()},
                 {"year", a.previous->year != 0 ? std::to_string(a.previous->year) : std::string()}};
    }
    s["assessment"] = std::move(assessment);
    Json docs = Json::array();
    std::set<std::string> done;
    auto add_doc = [&](const std::string& kind, const data::DocumentInfo& info) {
        docs.push_back(Json{{"kind", kind}, {"number", info.number.value}, {"date", date_text(info.date)}});
        done.insert(kind);
    };
    for (const auto& kind : document_kinds) {
        if (const auto it = d.documents.find(kind); it != d.documents.end()) add_doc(kind, it->second);
    }
    for (const auto& [kind, info] : d.documents) {
        if (done.count(kind) == 0) add_doc(kind, info);
    }
    s["documents"] = std::move(docs);
    s["addressees"] = string_list(d.addressees);
    s["signer"] = Json{{"authority", string_list(d.signer.authority)}, {"name", d.signer.name.value}};
    if (d.authorities) {
        s["authorities"] = Json{{"profile", d.authorities->profile.value},
                                {"confirmed", d.authorities->confirmed ? "yes" : ""}};
    } else {
        s["authorities"] = nullptr;
    }
    s["distribution"] = string_list(d.distribution);
    s["team"] = string_list(d.team);
    Json settings = Json::array();
    for (const auto& [name, value] : d.settings) settings.push_back(Json{{"name", name}, {"value", value.value}});
    s["settings"] = std::move(settings);
    Json inds = Json::array();
    for (const auto& in : d.indicators) {
        auto num = [](const std::optional<double>& v) { return v ? number_text(*v) : std::string(); };
        Json figures = Json::array();
        for (const auto& [name, v] : in.figures) figures.push_back(Json{{"name", name}, {"value", number_text(v)}});
        Json evidence = Json::array();
        for (const auto& e : in.evidence) {
            evidence.push_back(Json{{"code", e.code.value},
                                    {"date", e.date ? date_text(*e.date) : std::string()},
                                    {"description", e.description.value}});
        }
        inds.push_back(Json{{"id", in.id.value},
                            {"applicable", bool_text(in.applicable)},
                            {"met", bool_text(in.met)},
                            {"numerator", num(in.numerator)},
                            {"denominator", num(in.denominator)},
                            {"count", num(in.count)},
                            {"level", in.level ? in.level->value : std::string()},
                            {"figures", std::move(figures)},
                            {"evidence", std::move(evidence)},
                            {"note", in.note.value}});
    }
    s["indicators"] = std::move(inds);
    Json report = Json::array();
    for (const auto& sec : d.report) {
        report.push_back(Json{{"key", sec.key.value}, {"title", sec.title.value}, {"p", string_list(sec.paragraphs)}});
    }
    s["report"] = std::move(report);
    return s;
}

namespace {

// "indicator[T2.C1].evidence.date" → "date"; "indicator[T2.C1]" → "".
std::string last_component(const std::string& name) {
    int depth = 0;
    std::size_t start = 0;
    for (std::size_t i = 0; i < name.size(); ++i) {
        if (name[i] == '[') ++depth;
        else if (name[i] == ']') --depth;
        else if (name[i] == '.' && depth == 0) start = i + 1;
    }
    if (!name.empty() && name.back() == ']') return {};
    return name.substr(start);
}

// "indicator[T2.C1].numerator" → "T2.C1".
std::string indicator_of(const std::string& name) {
    constexpr std::string_view pre = "indicator[";
    if (name.compare(0, pre.size(), pre) != 0) return {};
    const auto close = name.find(']', pre.size());
    if (close == std::string::npos) return {};
    return name.substr(pre.size(), close - pre.size());
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
    for (const auto& x : v) {
        if (x == s) return true;
    }
    return false;
}

const Json* list_of(const Json* state, const char* key) {
    if (state == nullptr || !state->is_object()) return nullptr;
    const auto it = state->find(key);
    return it != state->end() && it->is_array() ? &*it : nullptr;
}

// The index of the item of `list` whose `key` is `value`, or -1.
long find_item(const Json* list, const char* key, const std::string& value) {
    if (list == nullptr) return -1;
    for (std::size_t i = 0; i < list->size(); ++i) {
        const Json& item = (*list)[i];
        if (item.is_object()) {
            const auto it = item.find(key);
            if (it != item.end() && it->is_string() && it->get<std::string>() == value) return static_cast<long>(i);
        }
    }
    return -1;
}

// A figure of indicator `p` named `name`: its value's pointer, or "".
std::string figure_pointer(const Json* state, long indicator, const std::string& name) {
    const Json* inds = list_of(state, "indicators");
    if (inds == nullptr || indicator < 0) return {};
    const Json& in = (*inds)[static_cast<std::size_t>(indicator)];
    if (!in.is_object()) return {};
    const auto it = in.find("figures");
    if (it == in.end() || !it->is_array()) return {};
    const long j = find_item(&*it, "name", name);
    if (j < 0) return {};
    return "/indicators/" + std::to_string(indicator) + "/figures/" + std::to_string(j) + "/value";
}

// The field a diagnostic names, from its name alone (no line to go by).
std::string pointer_from_name(const std::string& name, const Json* state) {
    if (const std::string id = indicator_of(name); !id.empty()) {
        const long i = find_item(list_of(state, "indicators"), "id", id);
        if (i < 0) return {};
        const std::string p = "/indicators/" + std::to_string(i);
        const auto close = name.find(']');
        std::string rest = close + 2 <= name.size() ? name.substr(close + 2) : std::string();
        rest = rest.substr(0, rest.find('.'));
        if (rest.empty()) return p;
        if (contains(kIndicatorKeys, rest)) return p + "/" + rest;
        const std::string f = figure_pointer(state, i, rest);
        return f.empty() ? p : f;
    }
    // "unit.members", "assessment.previous-decision.date", "documents.to-trinh.date", "signer.name"
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= name.size()) {
        const auto dot = name.find('.', start);
        parts.push_back(name.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
        if (dot == std::string::npos) break;
        start = dot + 1;
    }
    if (parts.empty() || !contains(kRootKeys, parts[0])) return {};
    if (parts[0] == "documents" && parts.size() >= 2) {
        const long i = find_item(list_of(state, "documents"), "kind", parts[1]);
        if (i < 0) return "/documents";
        std::string p = "/documents/" + std::to_string(i);
        if (parts.size() >= 3 && contains(kDocumentKeys, parts[2])) p += "/" + parts[2];
        return p;
    }
    std::string p = "/" + parts[0];
    const std::vector<std::string>* keys = parts[0] == "unit"          ? &kUnitKeys
                                           : parts[0] == "assessment"  ? &kAssessmentKeys
                                           : parts[0] == "signer"      ? &kSignerKeys
                                           : parts[0] == "authorities" ? &kAuthoritiesKeys
                                                                       : nullptr;
    if (parts.size() >= 2 && keys != nullptr && contains(*keys, parts[1])) {
        p += "/" + parts[1];
        if (parts[1] == "previous-decision" && parts.size() >= 3 && contains(kPreviousKeys, parts[2])) p += "/" + parts[2];
    }
    return p;
}

}  // namespace

Json diagnostic_json(const Diagnostic& d, const GeneratedXml* origin, const Json* state) {
    std::string pointer;
    std::string indicator = indicator_of(d.field);
    if (origin != nullptr) {
        const auto line = static_cast<std::size_t>(d.where.line > 0 ? d.where.line : 0);
        if (line > 0 && line < origin->lines.size() && !origin->lines[line].pointer.empty()) {
            const LineOrigin& o = origin->lines[line];
            pointer = o.pointer;
            if (indicator.empty()) indicator = o.indicator;
            const std::string last = last_component(d.field);
            if (!last.empty() && contains(o.keys, last)) {
                pointer += "/" + last;
            } else if (!o.keys.empty() && o.keys == kIndicatorKeys && !last.empty()) {
                const long i = std::stol(o.pointer.substr(std::string("/indicators/").size()));
                if (const std::string f = figure_pointer(state, i, last); !f.empty()) pointer = f;
            } else if (!o.value_key.empty()) {
                pointer += "/" + o.value_key;
            }
        }
        if (pointer.empty()) pointer = pointer_from_name(d.field, state);
    }
    Json j;
    j["severity"] = d.severity == Severity::Error ? "error" : "warning";
    j["field"] = pointer.empty() ? Json(nullptr) : Json(pointer);
    j["indicator"] = indicator.empty() ? Json(nullptr) : Json(indicator);
    j["name"] = d.field;
    j["line"] = d.where.line;
    j["column"] = d.where.column;
    j["message_vi"] = d.message_vi;
    j["message_en"] = d.message_en;
    return j;
}

}  // namespace hoso::serve::detail
