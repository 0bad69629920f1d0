#include "app/context.h"

#include <algorithm>
#include <cctype>

#include "text/text.h"

namespace hoso::app {

using tmpl::Value;

Value list_of(const std::vector<std::string>& items) {
    Value::List out;
    out.reserve(items.size());
    for (const auto& s : items) out.emplace_back(s);
    return Value(std::move(out));
}

namespace {

using app::list_of;

Value list_of(const std::vector<data::Text>& items) {
    Value::List out;
    out.reserve(items.size());
    for (const auto& t : items) out.emplace_back(t.value);
    return Value(std::move(out));
}

Value optional_number(const std::optional<double>& v) { return v ? Value(*v) : Value(); }

const char* status_code(forms::Status s) {
    switch (s) {
        case forms::Status::Pass: return "pass";
        case forms::Status::Fail: return "fail";
        case forms::Status::NotApplicable: return "na";
    }
    return "fail";
}

// "to-trinh" → "to_trinh": template paths use identifiers without '-'.
std::string key_of(std::string s) {
    for (char& c : s) {
        if (c == '-') c = '_';
    }
    return s;
}

// The maps below are written in key order and made with ordered(), which does not check:
// tests/unit/app/context_test.cpp walks the whole tree and checks every map is sorted.
// Maps with keys from the data (documents, sections) go through Value(Map), which sorts.
Value::Map members(std::size_t n) {
    Value::Map m;
    m.reserve(n);
    return m;
}

Value ordered(Value::Map m) { return Value::sorted_map(std::move(m)); }

// Appends a member whose key is a literal (its length known without strlen).
template <std::size_t N>
void add(Value::Map& m, const char (&key)[N], Value v) {
    m.emplace_back(std::string(key, N - 1), std::move(v));
}

// Items of a vector sorted by id, in their original order among equal ids.
template <class T>
struct ById {
    std::string_view id;
    std::size_t seq = 0;
    const T* item = nullptr;
};

template <class T>
void sort_by_id(std::vector<ById<T>>& v) {
    std::sort(v.begin(), v.end(), [](const ById<T>& a, const ById<T>& b) {
        const int c = a.id.compare(b.id);
        return c < 0 || (c == 0 && a.seq < b.seq);
    });
}

// Position of the first item with `id`, or v.size().
template <class T>
std::size_t first_of(const std::vector<ById<T>>& v, std::string_view id) {
    const auto it = std::lower_bound(v.begin(), v.end(), id, [](const ById<T>& e, std::string_view k) { return e.id < k; });
    return it != v.end() && it->id == id ? static_cast<std::size_t>(it - v.begin()) : v.size();
}

// What every level of one evaluation shares: lookups by indicator id, the status words, and
// what comes from the form or the data file and is the same at every level (an indicator's
// short name, its evidence entries), made once.
class LevelContext {
public:
    struct Definition {
        const forms::Indicator* indicator = nullptr;
        Value short_name;
    };

    LevelContext(const data::UnitData& unit, const forms::Form& form)
        : m_status{Value(forms::status_text(forms::Status::Pass)), Value(forms::status_text(forms::Status::Fail)),
                   Value(forms::status_text(forms::Status::NotApplicable))} {
        for (const auto& c : form.criteria) {
            for (const auto& i : c.indicators) m_indicators.push_back({i.id, m_indicators.size(), &i});
        }
        sort_by_id(m_indicators);  // the first of an id wins, as Form::find_indicator
        m_definitions.resize(m_indicators.size());
        for (const auto& in : unit.indicators) m_inputs.push_back({in.id.value, m_inputs.size(), &in});
        sort_by_id(m_inputs);
        m_evidence.resize(m_inputs.size());
    }

    const Value& status_text(forms::Status s) const {
        switch (s) {
            case forms::Status::Pass: return m_status[0];
            case forms::Status::Fail: return m_status[1];
            case forms::Status::NotApplicable: return m_status[2];
        }
        return m_status[1];
    }

    // The form's indicator `id`; nullptr when the form has none.
    const Definition* definition(const std::string& id) {
        const std::size_t i = first_of(m_indicators, id);
        if (i == m_indicators.size()) return nullptr;
        Definition& d = m_definitions[i];
        if (!d.indicator) {
            d.indicator = m_indicators[i].item;
            d.short_name = Value(d.indicator->short_name);
        }
        return &d;
    }

    // The full evidence entries (code, description, number, date) of the data file's indicator(s) `id`.
    Value evidence_items(const std::string& id) {
        const std::size_t first = first_of(m_inputs, id);
        if (first == m_inputs.size()) return Value(Value::List{});
        Value& cached = m_evidence[first];
        if (!cached.is_null()) return cached;
        Value::List items;
        for (std::size_t i = first; i < m_inputs.size() && m_inputs[i].id == id; ++i) {
            for (const auto& e : m_inputs[i].item->evidence) {
                auto item = members(4);
                add(item, "code", e.code.value);
                add(item, "date", e.date ? Value(*e.date) : Value());
                add(item, "description", e.description.value);
                add(item, "number", e.number.value);
                items.push_back(ordered(std::move(item)));
            }
        }
        cached = Value(std::move(items));
        return cached;
    }

private:
    Value m_status[3];
    std::vector<ById<forms::Indicator>> m_indicators;
    std::vector<Definition> m_definitions;  // by position in m_indicators, made when first asked
    std::vector<ById<data::IndicatorInput>> m_inputs;
    std::vector<Value> m_evidence;  // evidence_items by position in m_inputs, made when first asked
};

Value indicator_value(const forms::IndicatorResult& r, LevelContext& ctx) {
    const LevelContext::Definition* def = ctx.definition(r.id);
    Value evidence = list_of(r.evidence);
    std::string evidence_text = evidence.to_text();
    auto v = members(19);
    add(v, "citation", r.citation);
    add(v, "evidence", std::move(evidence));
    add(v, "evidence_issue", forms::evidence_issue_code(r.evidence_issue));
    add(v, "evidence_items", ctx.evidence_items(r.id));
    add(v, "evidence_text", evidence_text);
    add(v, "figures_met", r.figures_met ? Value(*r.figures_met) : Value());
    add(v, "id", r.id);
    add(v, "measure", def ? forms::measure_name(def->indicator->measure) : "yes-no");
    add(v, "note", r.note);
    add(v, "number", r.number);
    add(v, "passed", r.status == forms::Status::Pass);
    add(v, "percent", optional_number(r.percent));
    add(v, "reason", r.reason);
    add(v, "requirement", r.requirement);
    add(v, "short_name", def ? def->short_name : Value(""));
    add(v, "status", status_code(r.status));
    add(v, "status_text", ctx.status_text(r.status));
    add(v, "text", r.text);
    add(v, "value", r.value);
    return ordered(std::move(v));
}

Value level_value(const forms::LevelResult& l, LevelContext& ctx) {
    int ind_passed = 0, ind_failed = 0, ind_na = 0;
    Value::List criteria;
    criteria.reserve(l.criteria.size());
    for (const auto& c : l.criteria) {
        ind_passed += c.passed;
        ind_failed += c.failed;
        ind_na += c.not_applicable;
        Value::List inds;
        inds.reserve(c.indicators.size());
        for (const auto& i : c.indicators) inds.push_back(indicator_value(i, ctx));
        auto cv = members(12);
        add(cv, "citation", c.citation);
        add(cv, "id", c.id);
        add(cv, "indicators", Value(std::move(inds)));
        add(cv, "indicators_failed", c.failed);
        add(cv, "indicators_na", c.not_applicable);
        add(cv, "indicators_passed", c.passed);
        add(cv, "indicators_total", static_cast<long long>(c.indicators.size()));
        add(cv, "number", c.number);
        add(cv, "passed", c.status == forms::Status::Pass);
        add(cv, "status", status_code(c.status));
        add(cv, "status_text", ctx.status_text(c.status));
        add(cv, "title", c.title);
        criteria.push_back(ordered(std::move(cv)));
    }
    auto v = members(11);
    add(v, "article", l.article);
    add(v, "criteria", Value(std::move(criteria)));
    add(v, "criteria_passed", l.criteria_passed);
    add(v, "criteria_total", l.criteria_total);
    add(v, "indicators_failed", ind_failed);
    add(v, "indicators_na", ind_na);
    add(v, "indicators_passed", ind_passed);
    add(v, "indicators_total", ind_passed + ind_failed + ind_na);
    add(v, "level", l.level);
    add(v, "passed", l.status == forms::Status::Pass);
    add(v, "status_text", ctx.status_text(l.status));
    return ordered(std::move(v));
}

}  // namespace

// A document number as printed after "Số:": "5" → "05"; blank → spaces for the hand-written
// number (numbers are given at issuance by the văn thư).
const char* kind_code(data::RequestKind k) {
    switch (k) {
        case data::RequestKind::First: return "first";
        case data::RequestKind::Renewal: return "renewal";
        case data::RequestKind::Upgrade: return "upgrade";
    }
    return "first";
}

std::string number_text(const std::string& n) {
    if (n.empty()) return "     ";
    bool digits = true;
    for (char c : n) digits = digits && std::isdigit(static_cast<unsigned char>(c));
    if (digits && n.size() <= 9) return text::two_digits(std::stoi(n));
    return n;
}

Value authorities_context(const forms::Authorities& a) {
    auto v = members(8);
    add(v, "addressee", a.addressee);
    add(v, "appraiser", a.appraiser);
    add(v, "decider", a.decider);
    add(v, "decision_deadline", a.decision_deadline);
    add(v, "dossier_deadline", a.dossier_deadline);
    add(v, "profile", a.profile);
    add(v, "profile_name", a.profile_name);
    add(v, "unverified", list_of(a.unverified));
    return ordered(std::move(v));
}

Value form_context(const forms::Form& form, const forms::Authorities* authorities) {
    auto circ = members(7);
    add(circ, "citation", form.circular.citation);
    add(circ, "date", Value(form.circular.date));
    add(circ, "issuer", form.circular.issuer);
    add(circ, "issuer_title", form.circular.issuer_title);
    add(circ, "number", form.circular.number);
    add(circ, "short_name", form.circular.short_name);
    add(circ, "subject", form.circular.subject);
    Value::Map docs;  // keyed by kind: sorted by Value(Map), the last of a repeated kind kept
    for (const auto& doc : form.procedure.documents) docs.emplace_back(key_of(doc.kind), doc.name);
    Value::List levels;
    levels.reserve(form.levels.size());
    for (const auto& l : form.levels) {
        auto lv = members(4);
        add(lv, "article", l.article);
        add(lv, "condition", l.condition);
        add(lv, "name", l.name);
        add(lv, "number", l.number);
        levels.push_back(ordered(std::move(lv)));
    }
    auto f = members(16);
    add(f, "addressee", form.procedure.addressee);
    add(f, "circular", ordered(std::move(circ)));
    add(f, "decider", authorities ? authorities->decider : form.procedure.decider);
    add(f, "documents", docs.empty() ? Value() : Value(std::move(docs)));
    add(f, "dossier_deadline", authorities ? authorities->dossier_deadline : form.procedure.dossier_deadline);
    add(f, "id", form.id);
    add(f, "levels", Value(std::move(levels)));
    add(f, "method_citation", form.rules.method_citation);
    add(f, "name", form.name);
    add(f, "process_article", form.procedure.process_article);
    add(f, "scope", form.scope);
    add(f, "title", form.title);
    add(f, "unit_noun", form.unit_noun);
    add(f, "upgrade_months", form.rules.upgrade_months);
    add(f, "validity_citation", form.rules.validity_citation);
    add(f, "validity_years", form.rules.validity_years);
    return ordered(std::move(f));
}

Value unit_context(const data::UnitData& d, const forms::Form& form, const forms::Evaluation& ev,
                   const forms::Authorities& authorities) {
    const forms::UnitType* type = form.find_unit_type(d.unit.type.value);
    auto unit = members(10);
    add(unit, "abbreviation", d.unit.abbreviation.value);
    add(unit, "commune", d.unit.commune.value);
    add(unit, "district", d.unit.district.value);
    add(unit, "header_lines", d.unit.issuing_lines.empty() ? Value(Value::List{Value(d.unit.name.value)})
                                                                   : list_of(d.unit.issuing_lines));
    add(unit, "members", d.unit.members ? Value(*d.unit.members) : Value());
    add(unit, "name", d.unit.name.value);
    add(unit, "parent_agency", list_of(d.unit.parent_agency));
    add(unit, "place", d.unit.place.value);
    add(unit, "traits", list_of(d.unit.traits));
    add(unit, "type", d.unit.type.value);
    add(unit, "type_name", type ? type->name : d.unit.type.value);

    auto assessment = members(7);
    add(assessment, "kind", kind_code(d.assessment.kind));
    add(assessment, "kind_text", forms::kind_text(d.assessment.kind));
    add(assessment, "level", d.assessment.requested_level);
    add(assessment, "period_end", Value(Date{d.assessment.year, 12, 31}));
    add(assessment, "period_start", Value(Date{d.assessment.year, 1, 1}));
    if (d.assessment.previous) {
        const auto& p = *d.assessment.previous;
        auto prev = members(4);
        add(prev, "date", Value(p.date));
        add(prev, "level", p.level);
        add(prev, "number", p.number.value);
        add(prev, "year", p.year ? Value(p.year) : Value());
        add(assessment, "previous", ordered(std::move(prev)));
    } else {
        add(assessment, "previous", Value());
    }
    add(assessment, "year", d.assessment.year);

    LevelContext level_ctx(d, form);
    Value requested;
    Value::List all_levels;
    all_levels.reserve(ev.levels.size());
    for (const auto& l : ev.levels) {
        Value lv = level_value(l, level_ctx);
        if (l.level == ev.requested_level) requested = lv;
        all_levels.push_back(std::move(lv));
    }
    auto e = members(9);
    add(e, "earliest_request_date", ev.earliest_request_date ? Value(*ev.earliest_request_date) : Value());
    add(e, "granted", ev.granted);
    add(e, "levels", Value(std::move(all_levels)));
    add(e, "months_since_previous", ev.months_since_previous ? Value(*ev.months_since_previous) : Value());
    add(e, "reached_level", ev.reached_level);
    add(e, "reasons", list_of(ev.reasons));
    add(e, "request_in_order", ev.request_in_order);
    add(e, "requested", std::move(requested));
    add(e, "valid_until", ev.valid_until ? Value(*ev.valid_until) : Value());

    Value addressees;
    if (!d.addressees.empty()) {
        addressees = list_of(d.addressees);
    } else {
        addressees = Value(Value::List{Value(authorities.addressee)});
    }

    auto signer = members(2);
    add(signer, "authority", list_of(d.signer.authority));
    add(signer, "name", d.signer.name.value);

    Value::List report;
    report.reserve(d.report.size());
    Value::Map report_by_key;  // sorted by Value(Map); the last of a repeated key kept
    for (const auto& s : d.report) {
        auto sv = members(3);
        add(sv, "key", s.key.value);
        add(sv, "paragraphs", list_of(s.paragraphs));
        add(sv, "title", s.title.value);
        Value section = ordered(std::move(sv));
        report_by_key.emplace_back(key_of(s.key.value), section);
        report.push_back(std::move(section));
    }

    Value::Map documents;
    for (const auto& [key, info] : d.documents) {
        auto dv = members(2);
        add(dv, "date", Value(info.date));
        add(dv, "number", number_text(info.number.value));
        documents.emplace_back(key_of(key), ordered(std::move(dv)));
    }

    auto root = members(11);
    add(root, "addressees", std::move(addressees));
    add(root, "assessment", ordered(std::move(assessment)));
    add(root, "authorities", authorities_context(authorities));
    add(root, "distribution", list_of(d.distribution));
    add(root, "documents", Value(std::move(documents)));
    add(root, "evaluation", ordered(std::move(e)));
    add(root, "form", form_context(form, &authorities));
    add(root, "report", Value(std::move(report)));
    add(root, "sections", Value(std::move(report_by_key)));
    add(root, "signer", ordered(std::move(signer)));
    add(root, "team", list_of(d.team));
    add(root, "unit", ordered(std::move(unit)));
    return ordered(std::move(root));
}

namespace {

Value signer_context(const data::Signer& s) {
    auto v = members(2);
    add(v, "authority", list_of(s.authority));
    add(v, "name", s.name.value);
    return ordered(std::move(v));
}

Value section_context(const data::DocumentSection& sec, int number) {
    Value::List content;
    for (const auto& c : sec.content) {
        auto cv = members(2);
        add(cv, "item", c.item);
        add(cv, "text", c.text.value);
        content.push_back(ordered(std::move(cv)));
    }
    Value::List subs;
    int n = 0;
    for (const auto& sub : sec.sections) subs.push_back(section_context(sub, ++n));
    auto v = members(4);
    add(v, "content", Value(std::move(content)));
    add(v, "number", number);
    add(v, "sections", Value(std::move(subs)));
    add(v, "title", sec.title.value);
    return ordered(std::move(v));
}

}  // namespace

Value document_context(const data::DocumentData& d) {
    Value::List issuers;
    std::string symbol;
    for (const auto& is : d.issuers) {
        auto iv = members(4);
        add(iv, "abbreviation", is.abbreviation.value);
        add(iv, "name", is.name.value);
        add(iv, "parent_agency", list_of(is.parent_agency));
        add(iv, "signer", signer_context(is.signer));
        issuers.push_back(ordered(std::move(iv)));
        symbol += (symbol.empty() ? "" : "-") + is.abbreviation.value;
    }
    Value lead = issuers.empty() ? Value() : issuers.front();
    Value partner = issuers.size() > 1 ? issuers[1] : Value();
    Value::List sections;
    int n = 0;
    for (const auto& sec : d.sections) sections.push_back(section_context(sec, ++n));

    auto document = members(14);
    add(document, "addressees", list_of(d.addressees));
    add(document, "closing", list_of(d.closing));
    add(document, "distribution", list_of(d.distribution));
    add(document, "issuers", Value(std::move(issuers)));
    add(document, "joint", d.issuers.size() > 1);
    add(document, "lead", std::move(lead));
    add(document, "opening", list_of(d.opening));
    add(document, "partner", std::move(partner));
    add(document, "place", d.place.value);
    add(document, "sections", Value(std::move(sections)));
    add(document, "summary", list_of(d.summary));
    add(document, "symbol", symbol);
    add(document, "template", d.template_id.value);

    auto doc = members(2);
    add(doc, "date", Value(d.date));
    add(doc, "number", number_text(d.number.value));
    auto root = members(2);
    add(root, "doc", ordered(std::move(doc)));
    add(root, "document", ordered(std::move(document)));
    return ordered(std::move(root));
}

Value with_document(const Value& base, const data::UnitData& unit, const std::string& key) {
    auto doc = members(2);
    const auto it = unit.documents.find(key);
    if (it != unit.documents.end()) {
        add(doc, "date", Value(it->second.date));
        add(doc, "number", number_text(it->second.number.value));
    } else {
        // Undated document: the date is left blank for the signer, in the year after the
        // assessed year (when dossiers are sent).
        add(doc, "date", Value(Date{unit.assessment.year + 1, 0, 0}));
        add(doc, "number", number_text(""));
    }
    Value ctx = base;
    ctx.set("doc", ordered(std::move(doc)));
    return ctx;
}

}  // namespace hoso::app
