// forms/*.xml → Form, with every problem of a form file reported (file:line:column).
#include "forms/forms.h"

#include <tinyxml2.h>

#include <algorithm>
#include <charconv>
#include <initializer_list>
#include <system_error>

#include "forms/detail/common.h"
#include "text/text.h"

namespace hoso::forms {
namespace {

using tinyxml2::XMLAttribute;
using tinyxml2::XMLElement;
using tinyxml2::XMLNode;

using data::collapse_whitespace;

std::vector<std::string> split_words(const std::string& s) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < s.size()) {
        const auto j = std::min(s.find(' ', i), s.size());
        if (j > i) out.push_back(s.substr(i, j - i));
        i = j + 1;
    }
    return out;
}

class FormReader {
public:
    FormReader(std::string_view src, std::string file, Diagnostics& d)
        : m_lines(src, std::move(file)), m_diag(d) {}

    Diagnostics& diag() { return m_diag; }
    const std::string& file() const { return m_lines.file(); }

    SourceLocation find_on_line(int line, std::string_view needle) const {
        return m_lines.find_on_line(line, needle);
    }
    SourceLocation at(const XMLElement* e) const {
        return find_on_line(e->GetLineNum(), std::string("<") + e->Name());
    }
    SourceLocation at_attr(const XMLElement* e, const char* name) const {
        for (const XMLAttribute* a = e->FirstAttribute(); a != nullptr; a = a->Next()) {
            if (std::string_view(a->Name()) == name) {
                return find_on_line(a->GetLineNum(), std::string(name) + "=");
            }
        }
        return at(e);
    }

    void error(const SourceLocation& w, const std::string& vi, const std::string& en) {
        m_diag.error(w, "", "bộ tiêu chí: " + vi, "form file: " + en);
    }

    std::string norm(std::string_view raw) {
        std::string s = collapse_whitespace(raw);
        if (!text::is_nfc(s)) s = text::to_nfc(s);
        return s;
    }

    std::string text(const XMLElement* e) {
        std::string raw;
        for (const XMLNode* n = e->FirstChild(); n != nullptr; n = n->NextSibling()) {
            if (n->ToText() != nullptr) {
                raw += n->Value();
            } else if (const XMLElement* c = n->ToElement()) {
                error(at(c), std::string("phần tử <") + c->Name() + "> không được phép ở đây",
                      std::string("element <") + c->Name() + "> not allowed here");
            }
        }
        return norm(raw);
    }

    std::string attr(const XMLElement* e, const char* name) {
        const char* v = e->Attribute(name);
        return v == nullptr ? std::string() : norm(v);
    }
    bool has_attr(const XMLElement* e, const char* name) { return e->Attribute(name) != nullptr; }

    std::string required_attr(const XMLElement* e, const char* name) {
        std::string v = attr(e, name);
        if (v.empty()) {
            error(at(e), std::string("thiếu thuộc tính ") + name + " của <" + e->Name() + ">",
                  std::string("missing attribute ") + name + " on <" + e->Name() + ">");
        }
        return v;
    }

    std::string required_child_text(const XMLElement* parent, const char* name) {
        const XMLElement* c = parent->FirstChildElement(name);
        if (c == nullptr) {
            error(at(parent), std::string("thiếu <") + name + "> trong <" + parent->Name() + ">",
                  std::string("missing <") + name + "> in <" + parent->Name() + ">");
            return {};
        }
        std::string t = text(c);
        if (t.empty()) {
            error(at(c), std::string("<") + name + "> đang trống", std::string("<") + name + "> is empty");
        }
        return t;
    }

    std::string child_text(const XMLElement* parent, const char* name) {
        const XMLElement* c = parent->FirstChildElement(name);
        return c == nullptr ? std::string() : text(c);
    }

    void check_structure(const XMLElement* e, std::initializer_list<std::string_view> attrs,
                         std::initializer_list<std::string_view> children, bool text_allowed = false) {
        for (const XMLAttribute* a = e->FirstAttribute(); a != nullptr; a = a->Next()) {
            if (std::find(attrs.begin(), attrs.end(), std::string_view(a->Name())) == attrs.end()) {
                error(find_on_line(a->GetLineNum(), std::string(a->Name()) + "="),
                      std::string("thuộc tính không hợp lệ '") + a->Name() + "' trong <" + e->Name() + ">",
                      std::string("unknown attribute '") + a->Name() + "' on <" + e->Name() + ">");
            }
        }
        if (text_allowed) return;
        for (const XMLNode* n = e->FirstChild(); n != nullptr; n = n->NextSibling()) {
            if (const XMLElement* c = n->ToElement()) {
                if (std::find(children.begin(), children.end(), std::string_view(c->Name())) ==
                    children.end()) {
                    error(at(c), std::string("phần tử không hợp lệ <") + c->Name() + "> trong <" + e->Name() + ">",
                          std::string("unknown element <") + c->Name() + "> in <" + e->Name() + ">");
                }
            } else if (n->ToText() != nullptr && !collapse_whitespace(n->Value()).empty()) {
                error(find_on_line(n->GetLineNum(), ""), std::string("văn bản thừa trong <") + e->Name() + ">",
                      std::string("unexpected text in <") + e->Name() + ">");
            }
        }
    }

    // An attribute read as a number in [lo, hi]; absent is nullopt (an error if required).
    template <typename T>
    std::optional<T> ranged_attr(const XMLElement* e, const char* name, T lo, T hi, bool required) {
        const std::string v = attr(e, name);
        if (v.empty()) {
            if (required) required_attr(e, name);
            return std::nullopt;
        }
        T out{};
        const auto r = std::from_chars(v.data(), v.data() + v.size(), out);
        if (r.ec != std::errc() || r.ptr != v.data() + v.size() || out < lo || out > hi) {
            error(at_attr(e, name), std::string("giá trị ") + name + " không hợp lệ: '" + v + "'",
                  std::string("invalid ") + name + ": '" + v + "'");
            return std::nullopt;
        }
        return out;
    }

    std::optional<int> int_attr(const XMLElement* e, const char* name, int lo, int hi, bool required) {
        return ranged_attr<int>(e, name, lo, hi, required);
    }

    std::optional<double> number_attr(const XMLElement* e, const char* name, double lo, double hi) {
        return ranged_attr<double>(e, name, lo, hi, false);
    }

    std::optional<Date> date_attr(const XMLElement* e, const char* name, bool required) {
        const std::string v = attr(e, name);
        if (v.empty()) {
            if (required) required_attr(e, name);
            return std::nullopt;
        }
        auto d = parse_date(v);
        if (!d) {
            error(at_attr(e, name), std::string("ngày không hợp lệ ") + name + "='" + v + "'",
                  std::string("invalid date ") + name + "='" + v + "'");
        }
        return d;
    }

    std::optional<bool> bool_attr(const XMLElement* e, const char* name) {
        const std::string v = attr(e, name);
        if (v.empty()) return std::nullopt;
        if (v == "yes" || v == "true") return true;
        if (v == "no" || v == "false") return false;
        error(at_attr(e, name), std::string("giá trị ") + name + " phải là yes hoặc no",
              std::string(name) + " must be yes or no");
        return std::nullopt;
    }

private:
    data::SourceLines m_lines;
    Diagnostics& m_diag;
};

Applicability read_applicability(FormReader& r, const XMLElement* e) {
    Applicability a;
    a.any_of = split_words(r.attr(e, "applies-to"));
    a.none_of = split_words(r.attr(e, "excludes"));
    return a;
}

// "Tối thiểu 90%", generated so that it can never disagree with the threshold.
std::string ratio_summary(const Indicator& ind, const Requirement& req, const Form& form) {
    auto pct = [](double v) { return detail::fmt_percent(v); };
    std::string s = "Tối thiểu " + pct(req.min_percent);
    if (req.sub_min_percent) s += ", trong đó " + ind.sub_label + " tối thiểu " + pct(*req.sub_min_percent);
    for (const auto& v : req.variants) {
        const Trait* t = form.find_trait(v.trait);
        s += "; " + text::to_lower(t != nullptr ? t->name : v.trait) + ": tối thiểu " + pct(v.min_percent);
        if (v.sub_min_percent) s += ", trong đó " + ind.sub_label + " tối thiểu " + pct(*v.sub_min_percent);
    }
    if (ind.alternative && req.alternative_min_percent) {
        if (!ind.population.empty()) s = ind.population + ": " + text::to_lower(s.substr(0, 1)) + s.substr(1);
        s += "; " + ind.alternative->label + ": tối thiểu " + pct(*req.alternative_min_percent);
    }
    return s;
}

std::string make_summary(const Indicator& ind, const Requirement& req, const Form& form) {
    switch (ind.measure) {
        case Measure::YesNo: return ind.yes_text;
        case Measure::Ratio: return ratio_summary(ind, req, form);
        case Measure::Count:
            return "Tối thiểu " + detail::fmt_count(req.min_count) +
                   (ind.count_unit.empty() ? "" : " " + ind.count_unit);
        case Measure::Level: {
            const Scale* sc = form.find_scale(ind.scale);
            if (sc == nullptr) return req.min_step;
            const int rank = sc->rank(req.min_step);
            if (rank < 0) return req.min_step;
            std::string name = sc->steps[static_cast<std::size_t>(rank)].name;
            if (static_cast<std::size_t>(rank) + 1 < sc->steps.size()) name += " trở lên";
            return name;
        }
        case Measure::Trend:
            return ind.direction == Direction::Increase ? "Tăng so với năm trước liền kề"
                                                        : "Giảm so với năm trước liền kề";
    }
    return {};
}

bool is_token(const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
               (c >= 'A' && c <= 'Z');
    });
}

void read_indicator(FormReader& r, const XMLElement* e, Form& form, Criterion& crit, Indicator& ind) {
    r.check_structure(e,
                      {"id", "number", "point", "measure", "applies-to", "excludes", "yes", "no",
                       "scale", "count-unit", "direction", "value-unit", "whole-numbers", "sub-figure",
                       "sub-label", "population"},
                      {"short", "text", "figure", "alternative", "may-be-not-applicable", "at"});
    ind.where = r.at(e);
    ind.id = r.required_attr(e, "id");
    if (!ind.id.empty() && !is_token(ind.id)) {
        r.error(r.at_attr(e, "id"), "mã chỉ tiêu không hợp lệ '" + ind.id + "'", "invalid indicator id '" + ind.id + "'");
    }
    ind.number = r.int_attr(e, "number", 1, 99, true).value_or(0);
    ind.point = r.attr(e, "point");
    const std::string measure = r.required_attr(e, "measure");
    if (auto m = detail::parse_measure(measure)) {
        ind.measure = *m;
    } else if (!measure.empty()) {
        r.error(r.at_attr(e, "measure"), "loại đo không hợp lệ '" + measure + "' (yes-no, ratio, count, level, trend)",
                "invalid measure '" + measure + "'");
    }
    ind.applies = read_applicability(r, e);
    if (r.has_attr(e, "yes")) ind.yes_text = r.attr(e, "yes");
    if (r.has_attr(e, "no")) ind.no_text = r.attr(e, "no");
    ind.scale = r.attr(e, "scale");
    ind.count_unit = r.attr(e, "count-unit");
    ind.value_unit = r.attr(e, "value-unit");
    const std::string dir = r.attr(e, "direction");
    if (dir == "decrease") ind.direction = Direction::Decrease;
    else if (!dir.empty() && dir != "increase")
        r.error(r.at_attr(e, "direction"), "direction phải là increase hoặc decrease", "direction must be increase or decrease");
    if (auto w = r.bool_attr(e, "whole-numbers")) ind.whole_numbers = *w;
    ind.sub_figure = r.attr(e, "sub-figure");
    ind.sub_label = r.attr(e, "sub-label");
    ind.population = r.attr(e, "population");
    ind.short_name = r.required_child_text(e, "short");
    ind.text = r.child_text(e, "text");

    for (const XMLElement* f = e->FirstChildElement("figure"); f != nullptr; f = f->NextSiblingElement("figure")) {
        r.check_structure(f, {"name", "members"}, {}, true);
        FigureSpec spec;
        spec.name = r.required_attr(f, "name");
        spec.label = r.text(f);
        if (spec.label.empty()) r.error(r.at(f), "<figure> thiếu nhãn (label)", "<figure> has no label");
        if (auto m = r.bool_attr(f, "members")) {
            if (spec.name != "denominator") {
                r.error(r.at_attr(f, "members"), "members chỉ dùng cho denominator", "members only applies to the denominator");
            }
            ind.denominator_is_members = *m;
        }
        if (!ind.label_of(spec.name).empty() ||
            std::any_of(ind.figures.begin(), ind.figures.end(), [&](const FigureSpec& s) { return s.name == spec.name; })) {
            r.error(r.at(f), "số liệu '" + spec.name + "' khai hai lần", "figure '" + spec.name + "' declared twice");
        }
        ind.figures.push_back(std::move(spec));
    }
    if (ind.measure == Measure::YesNo && ind.label_of("met").empty()) {
        ind.figures.insert(ind.figures.begin(), FigureSpec{"met", ind.short_name});
    }
    if (const XMLElement* a = e->FirstChildElement("alternative")) {
        r.check_structure(a, {"flag", "numerator", "denominator"}, {}, true);
        Alternative alt;
        alt.flag = r.required_attr(a, "flag");
        alt.numerator = r.required_attr(a, "numerator");
        alt.denominator = r.required_attr(a, "denominator");
        alt.label = r.text(a);
        ind.alternative = alt;
    }
    if (const XMLElement* n = e->FirstChildElement("may-be-not-applicable")) {
        ind.may_be_not_applicable = r.text(n);
    }

    // Figures each measure needs.
    auto need = [&](const std::string& name) {
        if (!name.empty() && ind.label_of(name).empty()) {
            r.error(ind.where, "chỉ tiêu " + ind.id + " thiếu khai báo <figure name=\"" + name + "\">",
                    "indicator " + ind.id + " does not declare <figure name=\"" + name + "\">");
        }
    };
    switch (ind.measure) {
        case Measure::YesNo: need("met"); break;
        case Measure::Ratio: need("numerator"); need("denominator"); need(ind.sub_figure); break;
        case Measure::Count: need("count"); break;
        case Measure::Level:
            need("level");
            if (form.find_scale(ind.scale) == nullptr) {
                r.error(ind.where, "chỉ tiêu " + ind.id + ": thang mức độ '" + ind.scale + "' chưa khai báo",
                        "indicator " + ind.id + ": undeclared scale '" + ind.scale + "'");
            }
            break;
        case Measure::Trend: need("previous"); need("current"); break;
    }
    if (ind.alternative) {
        need(ind.alternative->numerator);
        need(ind.alternative->denominator);
        if (form.find_flag(ind.alternative->flag) == nullptr) {
            r.error(ind.where, "cờ '" + ind.alternative->flag + "' chưa khai báo", "undeclared flag '" + ind.alternative->flag + "'");
        }
    }
    if (!ind.sub_figure.empty() && ind.sub_label.empty()) {
        r.error(ind.where, "thiếu sub-label cho sub-figure", "sub-figure needs a sub-label");
    }
    auto check_flags = [&](const Applicability& a, const SourceLocation& w) {
        for (const auto* list : {&a.any_of, &a.none_of}) {
            for (const auto& f : *list) {
                if (form.find_flag(f) == nullptr) {
                    r.error(w, "cờ loại đơn vị '" + f + "' chưa khai báo trong <flags>", "undeclared flag '" + f + "'");
                }
            }
        }
    };
    check_flags(ind.applies, ind.where);

    const XMLElement* first_at = e->FirstChildElement("at");
    auto make_req = [&](int level, const XMLElement* at) {
        Requirement req;
        req.level = level;
        req.where = at != nullptr ? r.at(at) : ind.where;
        req.text = ind.text;
        if (at != nullptr) {
            r.check_structure(at,
                              {"level", "min-percent", "sub-min-percent", "alternative-min-percent",
                               "numerator", "min", "applies-to", "excludes"},
                              {"text", "summary", "variant"});
            if (const XMLElement* t = at->FirstChildElement("text")) req.text = r.text(t);
            req.applies = read_applicability(r, at);
            check_flags(req.applies, req.where);
            if (auto v = r.number_attr(at, "min-percent", 0, 100)) req.min_percent = *v;
            req.sub_min_percent = r.number_attr(at, "sub-min-percent", 0, 100);
            req.alternative_min_percent = r.number_attr(at, "alternative-min-percent", 0, 100);
            req.numerator_figure = r.attr(at, "numerator");
            if (!req.numerator_figure.empty()) need(req.numerator_figure);
            const std::string min = r.attr(at, "min");
            if (ind.measure == Measure::Count) {
                if (auto v = r.number_attr(at, "min", 0, 1e9)) req.min_count = *v;
                else if (min.empty()) r.error(req.where, "chỉ tiêu đếm cần min", "count indicator needs min");
            } else if (ind.measure == Measure::Level) {
                req.min_step = min;
                const Scale* sc = form.find_scale(ind.scale);
                if (sc != nullptr && sc->rank(min) < 0) {
                    r.error(r.at_attr(at, "min"), "mức '" + min + "' không có trong thang '" + ind.scale + "'",
                            "step '" + min + "' is not in scale '" + ind.scale + "'");
                }
            }
            if (ind.measure == Measure::Ratio && !r.has_attr(at, "min-percent")) {
                r.error(req.where, "chỉ tiêu tỷ lệ cần min-percent", "ratio indicator needs min-percent");
            }
            if (ind.measure == Measure::Ratio && !ind.sub_figure.empty() && !req.sub_min_percent) {
                r.error(req.where, "thiếu sub-min-percent", "missing sub-min-percent");
            }
            if (ind.alternative && !req.alternative_min_percent) {
                r.error(req.where, "thiếu alternative-min-percent", "missing alternative-min-percent");
            }
            for (const XMLElement* v = at->FirstChildElement("variant"); v != nullptr; v = v->NextSiblingElement("variant")) {
                r.check_structure(v, {"trait", "min-percent", "sub-min-percent"}, {});
                Variant var;
                var.trait = r.required_attr(v, "trait");
                if (form.find_trait(var.trait) == nullptr) {
                    r.error(r.at(v), "đặc điểm '" + var.trait + "' chưa khai báo trong <traits>", "undeclared trait '" + var.trait + "'");
                }
                var.min_percent = r.number_attr(v, "min-percent", 0, 100).value_or(0);
                var.sub_min_percent = r.number_attr(v, "sub-min-percent", 0, 100);
                req.variants.push_back(std::move(var));
            }
            if (const XMLElement* s = at->FirstChildElement("summary")) req.summary = r.text(s);
        } else if (ind.measure != Measure::YesNo && ind.measure != Measure::Trend) {
            r.error(ind.where, "chỉ tiêu " + ind.id + " cần <at level=…> với ngưỡng cho từng mức độ",
                    "indicator " + ind.id + " needs <at level=…> thresholds per level");
        }
        if (req.text.empty()) {
            r.error(req.where, "chỉ tiêu " + ind.id + " thiếu nội dung <text> ở mức độ " + std::to_string(level),
                    "indicator " + ind.id + " has no <text> at level " + std::to_string(level));
        }
        const auto cit = crit.citations.find(level);
        if (cit == crit.citations.end()) {
            r.error(req.where, "tiêu chí " + crit.id + " thiếu <citation level=\"" + std::to_string(level) + "\">",
                    "criterion " + crit.id + " lacks <citation level=\"" + std::to_string(level) + "\">");
        } else {
            req.citation = (ind.point.empty() ? "" : "điểm " + ind.point + " ") + cit->second;
        }
        if (req.summary.empty()) req.summary = make_summary(ind, req, form);
        return req;
    };
    if (first_at == nullptr) {
        for (const auto& l : form.levels) ind.requirements.push_back(make_req(l.number, nullptr));
    } else {
        for (const XMLElement* at = first_at; at != nullptr; at = at->NextSiblingElement("at")) {
            const auto level = r.int_attr(at, "level", 1, 9, true);
            if (!level) continue;
            if (form.find_level(*level) == nullptr) {
                r.error(r.at(at), "mức độ " + std::to_string(*level) + " chưa khai báo trong <level>",
                        "level " + std::to_string(*level) + " is not declared");
                continue;
            }
            if (ind.at(*level) != nullptr) {
                r.error(r.at(at), "mức độ " + std::to_string(*level) + " khai hai lần", "level given twice");
                continue;
            }
            ind.requirements.push_back(make_req(*level, at));
        }
        std::sort(ind.requirements.begin(), ind.requirements.end(),
                  [](const Requirement& a, const Requirement& b) { return a.level < b.level; });
    }
}

void read_criterion(FormReader& r, const XMLElement* e, Form& form, Criterion& c) {
    r.check_structure(e, {"id", "number"}, {"title", "citation", "indicator"});
    c.where = r.at(e);
    c.id = r.required_attr(e, "id");
    c.number = r.int_attr(e, "number", 1, 99, true).value_or(0);
    for (const XMLElement* t = e->FirstChildElement("title"); t != nullptr; t = t->NextSiblingElement("title")) {
        r.check_structure(t, {"level"}, {}, true);
        if (r.has_attr(t, "level")) {
            if (auto l = r.int_attr(t, "level", 1, 9, true)) c.titles[*l] = r.text(t);
        } else {
            c.title = r.text(t);
        }
    }
    if (c.title.empty()) r.error(c.where, "tiêu chí " + c.id + " thiếu <title>", "criterion " + c.id + " has no <title>");
    for (const XMLElement* t = e->FirstChildElement("citation"); t != nullptr; t = t->NextSiblingElement("citation")) {
        r.check_structure(t, {"level"}, {}, true);
        if (auto l = r.int_attr(t, "level", 1, 9, true)) c.citations[*l] = r.text(t);
    }
    for (const XMLElement* i = e->FirstChildElement("indicator"); i != nullptr; i = i->NextSiblingElement("indicator")) {
        Indicator ind;
        read_indicator(r, i, form, c, ind);
        if (form.find_indicator(ind.id) != nullptr ||
            std::any_of(c.indicators.begin(), c.indicators.end(), [&](const Indicator& x) { return x.id == ind.id; })) {
            r.error(ind.where, "mã chỉ tiêu '" + ind.id + "' bị lặp", "duplicate indicator id '" + ind.id + "'");
            continue;
        }
        c.indicators.push_back(std::move(ind));
    }
    if (c.indicators.empty()) r.error(c.where, "tiêu chí " + c.id + " không có chỉ tiêu", "criterion " + c.id + " has no indicators");
}

bool read_form(FormReader& r, const XMLElement* root, Form& form) {
    const std::size_t errors_before = r.diag().error_count();
    r.check_structure(root, {"id", "version"},
                      {"title", "name", "scope", "unit-noun", "circular", "in-force", "procedure",
                       "rules", "settings", "caveat", "flags", "unit-types", "traits", "scale",
                       "level", "criterion"});
    form.id = r.required_attr(root, "id");
    if (const std::string v = r.attr(root, "version"); !v.empty() && v != "1") {
        r.error(r.at_attr(root, "version"), "phiên bản không hỗ trợ '" + v + "'", "unsupported version '" + v + "'");
    }
    form.title = r.required_child_text(root, "title");
    form.name = r.required_child_text(root, "name");
    form.scope = r.required_child_text(root, "scope");
    form.unit_noun = r.required_child_text(root, "unit-noun");

    if (const XMLElement* c = root->FirstChildElement("circular")) {
        r.check_structure(c, {"number", "short", "date"}, {"issuer", "issuer-title", "subject", "citation"});
        form.circular.number = r.required_attr(c, "number");
        form.circular.short_name = r.required_attr(c, "short");
        if (auto d = r.date_attr(c, "date", true)) form.circular.date = *d;
        form.circular.issuer = r.required_child_text(c, "issuer");
        form.circular.issuer_title = r.required_child_text(c, "issuer-title");
        form.circular.subject = r.required_child_text(c, "subject");
        form.circular.citation = r.required_child_text(c, "citation");
    } else {
        r.error(r.at(root), "thiếu <circular>", "missing <circular>");
    }
    if (const XMLElement* f = root->FirstChildElement("in-force")) {
        r.check_structure(f, {"from", "until"}, {});
        if (auto d = r.date_attr(f, "from", true)) form.effective_from = *d;
        form.effective_until = r.date_attr(f, "until", false);
    } else {
        r.error(r.at(root), "thiếu <in-force from=…>", "missing <in-force from=…>");
    }
    if (const XMLElement* p = root->FirstChildElement("procedure")) {
        r.check_structure(p, {"article"},
                          {"addressee", "decider", "self-assessment", "dossier-deadline", "decision-deadline", "document"});
        auto& pr = form.procedure;
        pr.process_article = r.required_attr(p, "article");
        pr.addressee = r.required_child_text(p, "addressee");
        pr.decider = r.required_child_text(p, "decider");
        if (const XMLElement* d = p->FirstChildElement("decider")) {
            r.check_structure(d, {"citation"}, {}, true);
            pr.decider_citation = r.attr(d, "citation");
        }
        pr.self_assessment = r.child_text(p, "self-assessment");
        pr.dossier_deadline = r.required_child_text(p, "dossier-deadline");
        if (const XMLElement* d = p->FirstChildElement("dossier-deadline")) {
            r.check_structure(d, {"month", "day", "citation"}, {}, true);
            pr.deadline_month = r.int_attr(d, "month", 1, 12, false).value_or(0);
            pr.deadline_day = r.int_attr(d, "day", 1, 31, false).value_or(0);
            pr.deadline_citation = r.attr(d, "citation");
        }
        pr.decision_deadline = r.child_text(p, "decision-deadline");
        for (const XMLElement* d = p->FirstChildElement("document"); d != nullptr; d = d->NextSiblingElement("document")) {
            r.check_structure(d, {"kind"}, {}, true);
            pr.documents.push_back({r.required_attr(d, "kind"), r.text(d)});
        }
    } else {
        r.error(r.at(root), "thiếu <procedure>", "missing <procedure>");
    }
    if (const XMLElement* ru = root->FirstChildElement("rules")) {
        r.check_structure(ru, {"validity-years", "validity-citation", "upgrade-allowed", "upgrade-months",
                               "upgrade-citation", "method-citation", "evidence-citation", "period-citation"},
                          {});
        auto& rules = form.rules;
        rules.validity_years = r.int_attr(ru, "validity-years", 1, 50, true).value_or(3);
        rules.validity_citation = r.attr(ru, "validity-citation");
        rules.upgrade_allowed = r.bool_attr(ru, "upgrade-allowed").value_or(true);
        rules.upgrade_months = r.int_attr(ru, "upgrade-months", 0, 600, rules.upgrade_allowed).value_or(12);
        rules.upgrade_citation = r.attr(ru, "upgrade-citation");
        rules.method_citation = r.attr(ru, "method-citation");
        rules.evidence_citation = r.attr(ru, "evidence-citation");
        rules.period_citation = r.attr(ru, "period-citation");
    } else {
        r.error(r.at(root), "thiếu <rules>", "missing <rules>");
    }
    if (const XMLElement* s = root->FirstChildElement("settings")) {
        r.check_structure(s, {}, {"setting"});
        for (const XMLElement* x = s->FirstChildElement("setting"); x != nullptr; x = x->NextSiblingElement("setting")) {
            r.check_structure(x, {"name", "value"}, {});
            const std::string name = r.required_attr(x, "name");
            const std::string value = r.required_attr(x, "value");
            if (!apply_setting(form.settings, name, value)) {
                r.error(r.at(x), "thiết lập không hợp lệ " + name + "='" + value + "'",
                        "invalid setting " + name + "='" + value + "'");
            }
        }
    }
    for (const XMLElement* c = root->FirstChildElement("caveat"); c != nullptr; c = c->NextSiblingElement("caveat")) {
        r.check_structure(c, {"from", "until"}, {"vi", "en"});
        Caveat cv;
        if (auto d = r.date_attr(c, "from", true)) cv.from = *d;
        cv.until = r.date_attr(c, "until", false);
        cv.vi = r.required_child_text(c, "vi");
        cv.en = r.required_child_text(c, "en");
        form.caveats.push_back(std::move(cv));
    }
    if (const XMLElement* fl = root->FirstChildElement("flags")) {
        r.check_structure(fl, {}, {"flag"});
        for (const XMLElement* x = fl->FirstChildElement("flag"); x != nullptr; x = x->NextSiblingElement("flag")) {
            r.check_structure(x, {"code"}, {}, true);
            Flag f{r.required_attr(x, "code"), r.text(x)};
            if (form.find_flag(f.code) != nullptr) r.error(r.at(x), "cờ '" + f.code + "' bị lặp", "duplicate flag '" + f.code + "'");
            form.flags.push_back(std::move(f));
        }
    }
    if (const XMLElement* ut = root->FirstChildElement("unit-types")) {
        r.check_structure(ut, {}, {"unit-type"});
        for (const XMLElement* x = ut->FirstChildElement("unit-type"); x != nullptr; x = x->NextSiblingElement("unit-type")) {
            r.check_structure(x, {"code", "flags"}, {}, true);
            UnitType t;
            t.where = r.at(x);
            t.code = r.required_attr(x, "code");
            t.name = r.text(x);
            for (const auto& f : split_words(r.attr(x, "flags"))) {
                if (form.find_flag(f) == nullptr) {
                    r.error(r.at_attr(x, "flags"), "cờ '" + f + "' chưa khai báo trong <flags>", "undeclared flag '" + f + "'");
                }
                t.flags.insert(f);
            }
            if (form.find_unit_type(t.code) != nullptr) {
                r.error(t.where, "loại đơn vị '" + t.code + "' bị lặp", "duplicate unit type '" + t.code + "'");
            }
            form.unit_types.push_back(std::move(t));
        }
    }
    if (form.unit_types.empty()) r.error(r.at(root), "thiếu <unit-types>", "missing <unit-types>");
    if (const XMLElement* tr = root->FirstChildElement("traits")) {
        r.check_structure(tr, {}, {"trait"});
        for (const XMLElement* x = tr->FirstChildElement("trait"); x != nullptr; x = x->NextSiblingElement("trait")) {
            r.check_structure(x, {"code"}, {}, true);
            form.traits.push_back({r.required_attr(x, "code"), r.text(x)});
        }
    }
    for (const XMLElement* s = root->FirstChildElement("scale"); s != nullptr; s = s->NextSiblingElement("scale")) {
        r.check_structure(s, {"id"}, {"step"});
        Scale sc;
        sc.id = r.required_attr(s, "id");
        for (const XMLElement* x = s->FirstChildElement("step"); x != nullptr; x = x->NextSiblingElement("step")) {
            r.check_structure(x, {"code"}, {}, true);
            ScaleStep st{r.required_attr(x, "code"), r.text(x)};
            if (sc.rank(st.code) >= 0) r.error(r.at(x), "mức '" + st.code + "' bị lặp", "duplicate step '" + st.code + "'");
            sc.steps.push_back(std::move(st));
        }
        if (form.find_scale(sc.id) != nullptr) r.error(r.at(s), "thang '" + sc.id + "' bị lặp", "duplicate scale '" + sc.id + "'");
        form.scales.push_back(std::move(sc));
    }
    for (const XMLElement* l = root->FirstChildElement("level"); l != nullptr; l = l->NextSiblingElement("level")) {
        r.check_structure(l, {"number", "article", "condition"}, {}, true);
        Level lv;
        lv.number = r.int_attr(l, "number", 1, 9, true).value_or(0);
        lv.article = r.required_attr(l, "article");
        lv.condition = r.attr(l, "condition");
        lv.name = r.text(l);
        if (lv.name.empty()) lv.name = "mức độ " + std::to_string(lv.number);
        if (form.find_level(lv.number) != nullptr || (!form.levels.empty() && form.levels.back().number >= lv.number)) {
            r.error(r.at(l), "các mức độ phải tăng dần và không lặp", "levels must be ascending and unique");
        }
        form.levels.push_back(std::move(lv));
    }
    if (form.levels.empty()) r.error(r.at(root), "thiếu <level>", "missing <level>");
    for (const XMLElement* c = root->FirstChildElement("criterion"); c != nullptr; c = c->NextSiblingElement("criterion")) {
        Criterion crit;
        read_criterion(r, c, form, crit);
        if (std::any_of(form.criteria.begin(), form.criteria.end(), [&](const Criterion& x) { return x.id == crit.id; })) {
            r.error(crit.where, "tiêu chí '" + crit.id + "' bị lặp", "duplicate criterion '" + crit.id + "'");
        }
        form.criteria.push_back(std::move(crit));
    }
    if (form.criteria.empty()) r.error(r.at(root), "thiếu <criterion>", "missing <criterion>");
    return r.diag().error_count() == errors_before;
}

// Parses `xml` into `doc` and returns its root if it is <root_name>; otherwise reports the
// malformed XML or the wrong root (`what_vi` / `what_en` name the kind of file) and returns null.
const XMLElement* parse_root(tinyxml2::XMLDocument& doc, std::string_view xml, const std::string& file_name,
                             std::string_view root_name, const std::string& what_vi, const std::string& what_en,
                             Diagnostics& diagnostics) {
    if (!data::preflight_xml(xml, file_name, diagnostics)) return nullptr;
    doc.Parse(xml.data(), xml.size());
    if (doc.Error()) {
        diagnostics.error({file_name, doc.ErrorLineNum(), 0}, "",
                          what_vi + ": tệp XML không hợp lệ (bị cắt cụt hoặc sai cú pháp)",
                          what_en + ": malformed XML (" + (doc.ErrorStr() ? doc.ErrorStr() : "") + ")");
        return nullptr;
    }
    const XMLElement* root = doc.RootElement();
    if (root == nullptr || std::string_view(root->Name()) != root_name) {
        const std::string tag = "<" + std::string(root_name) + ">";
        diagnostics.error({file_name, root ? root->GetLineNum() : 0, 0}, "",
                          what_vi + ": phần tử gốc phải là " + tag, what_en + ": the root element must be " + tag);
        return nullptr;
    }
    return root;
}

}  // namespace

std::optional<Form> FormLibrary::parse(std::string_view xml, const std::string& file_name,
                                       Diagnostics& diagnostics) {
    tinyxml2::XMLDocument doc(true, tinyxml2::PRESERVE_WHITESPACE);
    const XMLElement* root = parse_root(doc, xml, file_name, "form", "bộ tiêu chí", "form file", diagnostics);
    if (root == nullptr) return std::nullopt;
    FormReader r(xml, file_name, diagnostics);
    Form form;
    form.source = file_name;
    if (!read_form(r, root, form)) return std::nullopt;
    return form;
}

std::optional<Form> FormLibrary::load_file(const std::filesystem::path& path, Diagnostics& diagnostics) {
    const std::string bytes = read_file(path, data::kMaxFileBytes + 1);
    auto form = parse(bytes, path.string(), diagnostics);
    if (form) form->source = path;
    return form;
}

namespace {

// <addressee verified="no" source="…" of="district">Phòng Giáo dục và Đào tạo</addressee>
AuthoritySetting read_setting(FormReader& r, const XMLElement* parent, const char* name, bool with_of,
                              std::string* of) {
    AuthoritySetting s;
    const XMLElement* e = parent->FirstChildElement(name);
    if (e == nullptr) return s;
    if (e->NextSiblingElement(name) != nullptr) {
        r.error(r.at(e->NextSiblingElement(name)), std::string("<") + name + "> bị lặp", std::string("repeated <") + name + ">");
    }
    if (with_of) {
        r.check_structure(e, {"verified", "source", "of"}, {}, true);
        const std::string v = r.attr(e, "of");
        if (!v.empty() && v != "district" && v != "commune") {
            r.error(r.at_attr(e, "of"), "of phải là district hoặc commune, không phải '" + v + "'",
                    "of must be district or commune, not '" + v + "'");
        }
        if (of) *of = v;
    } else {
        r.check_structure(e, {"verified", "source"}, {}, true);
    }
    if (auto v = r.bool_attr(e, "verified")) s.verified = *v;
    s.source = r.attr(e, "source");
    s.text = r.text(e);
    if (s.text.empty()) r.error(r.at(e), std::string("<") + name + "> đang trống", std::string("<") + name + "> is empty");
    return s;
}

bool read_profile(FormReader& r, const XMLElement* root, AuthorityProfile& p) {
    const std::size_t errors = r.diag().error_count();
    r.check_structure(root, {"id", "from", "until", "version"}, {"name", "form"});
    p.id = r.required_attr(root, "id");
    if (auto d = r.date_attr(root, "from", false)) p.from = *d;
    p.until = r.date_attr(root, "until", false);
    p.name = r.required_child_text(root, "name");
    for (const XMLElement* f = root->FirstChildElement("form"); f != nullptr; f = f->NextSiblingElement("form")) {
        r.check_structure(f, {"id", "abolished"},
                          {"addressee", "appraiser", "decider", "dossier-deadline", "decision-deadline", "vi", "en"});
        FormAuthorities a;
        a.where = r.at(f);
        a.form_id = r.required_attr(f, "id");
        if (p.find(a.form_id) != nullptr) {
            r.error(a.where, "bộ tiêu chí '" + a.form_id + "' có hai mục trong hồ sơ thẩm quyền",
                    "form '" + a.form_id + "' is listed twice in the profile");
        }
        if (auto ab = r.bool_attr(f, "abolished")) a.abolished = *ab;
        if (a.abolished) {
            a.abolished_vi = r.required_child_text(f, "vi");
            a.abolished_en = r.required_child_text(f, "en");
        }
        a.addressee = read_setting(r, f, "addressee", true, &a.addressee_of);
        a.appraiser = read_setting(r, f, "appraiser", false, nullptr);
        a.decider = read_setting(r, f, "decider", false, nullptr);
        a.dossier_deadline = read_setting(r, f, "dossier-deadline", false, nullptr);
        a.decision_deadline = read_setting(r, f, "decision-deadline", false, nullptr);
        p.forms.push_back(std::move(a));
    }
    return r.diag().error_count() == errors;
}

std::optional<AuthorityProfile> load_profile_file(const std::filesystem::path& path, Diagnostics& diagnostics) {
    const std::string bytes = read_file(path, data::kMaxFileBytes + 1);
    auto p = FormLibrary::parse_profile(bytes, path.string(), diagnostics);
    if (p) p->source = path;
    return p;
}

}  // namespace

std::optional<AuthorityProfile> FormLibrary::parse_profile(std::string_view xml, const std::string& file_name,
                                                           Diagnostics& diagnostics) {
    tinyxml2::XMLDocument doc(true, tinyxml2::PRESERVE_WHITESPACE);
    const XMLElement* root =
        parse_root(doc, xml, file_name, "authority-profile", "hồ sơ thẩm quyền", "authority profile", diagnostics);
    if (root == nullptr) return std::nullopt;
    FormReader r(xml, file_name, diagnostics);
    AuthorityProfile p;
    p.source = file_name;
    if (!read_profile(r, root, p)) return std::nullopt;
    return p;
}

void FormLibrary::add_province_profiles(const std::filesystem::path& templates_dir, Diagnostics& diagnostics) {
    const auto path = templates_dir / "authorities.xml";
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) return;
    auto p = load_profile_file(path, diagnostics);
    if (!p) return;
    p->province = true;
    if (find_profile(p->id) != nullptr) {
        diagnostics.error({path.string(), 0, 0}, "", "hồ sơ thẩm quyền: mã '" + p->id + "' trùng với hồ sơ có sẵn",
                          "authority profile: id '" + p->id + "' is already used by a shipped profile");
        return;
    }
    m_profiles.push_back(std::move(*p));
}

const AuthorityProfile* FormLibrary::find_profile(const std::string& id) const {
    for (const auto& p : m_profiles) {
        if (p.id == id) return &p;
    }
    return nullptr;
}

const AuthorityProfile* FormLibrary::profile_for(const Date& date, const std::string& form_id) const {
    const AuthorityProfile* best = nullptr;
    for (const auto& p : m_profiles) {
        if (!p.covers(date) || p.find(form_id) == nullptr) continue;
        if (best == nullptr || (p.province && !best->province) ||
            (p.province == best->province && p.from > best->from)) {
            best = &p;
        }
    }
    return best;
}

const FormAuthorities* AuthorityProfile::find(const std::string& form_id) const {
    for (const auto& f : forms) {
        if (f.form_id == form_id) return &f;
    }
    return nullptr;
}

bool AuthorityProfile::covers(const Date& d) const { return d >= from && (!until || d <= *until); }

FormLibrary FormLibrary::load_directory(const std::filesystem::path& dir, Diagnostics& diagnostics) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) {
        throw IoError(dir, "không phải thư mục bộ tiêu chí (not a forms directory)");
    }
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        if (entry.path().extension() == ".xml" && entry.is_regular_file()) files.push_back(entry.path());
    }
    if (ec) throw IoError(dir, "không đọc được thư mục (cannot read directory): " + ec.message());
    std::sort(files.begin(), files.end());
    FormLibrary lib;
    for (const auto& f : files) {
        auto form = load_file(f, diagnostics);
        if (!form) continue;
        if (lib.find(form->id) != nullptr) {
            diagnostics.error({f.string(), 0, 0}, "", "bộ tiêu chí: mã '" + form->id + "' trùng với tệp khác",
                              "form file: id '" + form->id + "' is used by another file");
            continue;
        }
        lib.add(std::move(*form));
    }
    const auto profiles_dir = dir / "authorities";
    if (std::filesystem::is_directory(profiles_dir, ec)) {
        std::vector<std::filesystem::path> pfiles;
        for (const auto& entry : std::filesystem::directory_iterator(profiles_dir, ec)) {
            if (entry.path().extension() == ".xml" && entry.is_regular_file()) pfiles.push_back(entry.path());
        }
        if (ec) throw IoError(profiles_dir, "không đọc được thư mục (cannot read directory): " + ec.message());
        std::sort(pfiles.begin(), pfiles.end());
        for (const auto& f : pfiles) {
            auto p = load_profile_file(f, diagnostics);
            if (!p) continue;
            if (lib.find_profile(p->id) != nullptr) {
                diagnostics.error({f.string(), 0, 0}, "", "hồ sơ thẩm quyền: mã '" + p->id + "' trùng với tệp khác",
                                  "authority profile: id '" + p->id + "' is used by another file");
                continue;
            }
            lib.m_profiles.push_back(std::move(*p));
        }
    }
    return lib;
}

const Form* FormLibrary::find(const std::string& id) const {
    for (const auto& f : m_forms) {
        if (f.id == id) return &f;
    }
    return nullptr;
}

std::vector<std::string> FormLibrary::ids() const {
    std::vector<std::string> out;
    for (const auto& f : m_forms) out.push_back(f.id);
    return out;
}

void FormLibrary::add(Form form) {
    for (auto& f : m_forms) {
        if (f.id == form.id) {
            f = std::move(form);
            return;
        }
    }
    m_forms.push_back(std::move(form));
    std::sort(m_forms.begin(), m_forms.end(), [](const Form& a, const Form& b) { return a.id < b.id; });
}

}  // namespace hoso::forms
