#include "app/context.h"

#include <cctype>

#include "text/text.h"

namespace hoso::app {

using tmpl::Value;

Value list_of(const std::vector<std::string>& items) {
    Value::List out;
    for (const auto& s : items) out.emplace_back(s);
    return Value(std::move(out));
}

namespace {

using app::list_of;

Value list_of(const std::vector<data::Text>& items) {
    Value::List out;
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

const char* measure_code(forms::Measure m) {
    switch (m) {
        case forms::Measure::YesNo: return "yes-no";
        case forms::Measure::Ratio: return "ratio";
        case forms::Measure::Count: return "count";
        case forms::Measure::Level: return "level";
        case forms::Measure::Trend: return "trend";
    }
    return "yes-no";
}

Value indicator_value(const forms::IndicatorResult& r, const data::UnitData& unit, const forms::Form& form) {
    Value v;
    const forms::Indicator* def = form.find_indicator(r.id);
    v.set("measure", def ? measure_code(def->measure) : "yes-no");
    v.set("short_name", def ? def->short_name : "");
    v.set("id", r.id);
    v.set("number", r.number);
    v.set("text", r.text);
    v.set("citation", r.citation);
    v.set("status", status_code(r.status));
    v.set("status_text", forms::status_text(r.status));
    v.set("passed", r.status == forms::Status::Pass);
    v.set("requirement", r.requirement);
    v.set("value", r.value);
    v.set("reason", r.reason);
    v.set("percent", optional_number(r.percent));
    v.set("evidence", list_of(r.evidence));
    v.set("evidence_text", list_of(r.evidence).to_text());
    v.set("note", r.note);
    // The full evidence entries (code + description) from the data file.
    Value evidence_items(Value::List{});
    for (const auto& in : unit.indicators) {
        if (in.id.value != r.id) continue;
        for (const auto& e : in.evidence) {
            Value item;
            item.set("code", e.code.value);
            item.set("description", e.description.value);
            item.set("date", e.date ? Value(*e.date) : Value());
            evidence_items.push(item);
        }
    }
    v.set("evidence_items", evidence_items);
    return v;
}

Value level_value(const forms::LevelResult& l, const data::UnitData& unit, const forms::Form& form) {
    Value v;
    v.set("level", l.level);
    v.set("article", l.article);
    v.set("passed", l.status == forms::Status::Pass);
    v.set("status_text", forms::status_text(l.status));
    v.set("criteria_passed", l.criteria_passed);
    v.set("criteria_total", l.criteria_total);
    int ind_passed = 0, ind_failed = 0, ind_na = 0;
    Value criteria(Value::List{});
    for (const auto& c : l.criteria) {
        Value cv;
        cv.set("id", c.id);
        cv.set("number", c.number);
        cv.set("title", c.title);
        cv.set("citation", c.citation);
        cv.set("passed", c.status == forms::Status::Pass);
        cv.set("status", status_code(c.status));
        cv.set("status_text", forms::status_text(c.status));
        cv.set("indicators_passed", c.passed);
        cv.set("indicators_failed", c.failed);
        cv.set("indicators_na", c.not_applicable);
        cv.set("indicators_total", static_cast<long long>(c.indicators.size()));
        ind_passed += c.passed;
        ind_failed += c.failed;
        ind_na += c.not_applicable;
        Value inds(Value::List{});
        for (const auto& i : c.indicators) inds.push(indicator_value(i, unit, form));
        cv.set("indicators", inds);
        criteria.push(cv);
    }
    v.set("indicators_passed", ind_passed);
    v.set("indicators_failed", ind_failed);
    v.set("indicators_na", ind_na);
    v.set("indicators_total", ind_passed + ind_failed + ind_na);
    v.set("criteria", criteria);
    return v;
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

Value form_context(const forms::Form& form) {
    Value f;
    f.set("id", form.id);
    f.set("title", form.title);
    f.set("name", form.name);
    f.set("scope", form.scope);
    f.set("unit_noun", form.unit_noun);
    Value circ;
    circ.set("number", form.circular.number);
    circ.set("short_name", form.circular.short_name);
    circ.set("date", Value(form.circular.date));
    circ.set("issuer", form.circular.issuer);
    circ.set("issuer_title", form.circular.issuer_title);
    circ.set("subject", form.circular.subject);
    circ.set("citation", form.circular.citation);
    f.set("circular", circ);
    f.set("addressee", form.procedure.addressee);
    f.set("decider", form.procedure.decider);
    f.set("dossier_deadline", form.procedure.dossier_deadline);
    f.set("process_article", form.procedure.process_article);
    f.set("validity_years", form.rules.validity_years);
    f.set("validity_citation", form.rules.validity_citation);
    f.set("upgrade_months", form.rules.upgrade_months);
    f.set("method_citation", form.rules.method_citation);
    Value docs;
    for (const auto& doc : form.procedure.documents) docs.set(key_of(doc.kind), doc.name);
    f.set("documents", docs);
    Value levels(Value::List{});
    for (const auto& l : form.levels) {
        Value lv;
        lv.set("number", l.number);
        lv.set("name", l.name);
        lv.set("article", l.article);
        lv.set("condition", l.condition);
        levels.push(lv);
    }
    f.set("levels", levels);
    return f;
}

Value unit_context(const data::UnitData& d, const forms::Form& form, const forms::Evaluation& ev) {
    Value root;

    Value unit;
    unit.set("name", d.unit.name.value);
    unit.set("type", d.unit.type.value);
    const forms::UnitType* type = form.find_unit_type(d.unit.type.value);
    unit.set("type_name", type ? type->name : d.unit.type.value);
    unit.set("parent_agency", list_of(d.unit.parent_agency));
    unit.set("header_lines", d.unit.issuing_lines.empty() ? Value(Value::List{Value(d.unit.name.value)})
                                                          : list_of(d.unit.issuing_lines));
    unit.set("abbreviation", d.unit.abbreviation.value);
    unit.set("place", d.unit.place.value);
    unit.set("district", d.unit.district.value);
    unit.set("members", d.unit.members ? Value(*d.unit.members) : Value());
    unit.set("traits", list_of(d.unit.traits));
    root.set("unit", unit);

    Value assessment;
    assessment.set("year", d.assessment.year);
    assessment.set("level", d.assessment.requested_level);
    assessment.set("kind", kind_code(d.assessment.kind));
    assessment.set("kind_text", forms::kind_text(d.assessment.kind));
    assessment.set("period_start", Value(Date{d.assessment.year, 1, 1}));
    assessment.set("period_end", Value(Date{d.assessment.year, 12, 31}));
    if (d.assessment.previous) {
        Value prev;
        prev.set("number", d.assessment.previous->number.value);
        prev.set("date", Value(d.assessment.previous->date));
        prev.set("level", d.assessment.previous->level);
        prev.set("year", d.assessment.previous->year ? Value(d.assessment.previous->year) : Value());
        assessment.set("previous", prev);
    } else {
        assessment.set("previous", Value());
    }
    root.set("assessment", assessment);

    root.set("form", form_context(form));

    Value e;
    Value all_levels(Value::List{});
    for (const auto& l : ev.levels) {
        Value lv = level_value(l, d, form);
        if (l.level == ev.requested_level) e.set("requested", lv);
        all_levels.push(lv);
    }
    if (!e.find("requested")) e.set("requested", Value());
    e.set("levels", all_levels);
    e.set("reached_level", ev.reached_level);
    e.set("granted", ev.granted);
    e.set("reasons", list_of(ev.reasons));
    e.set("valid_until", ev.valid_until ? Value(*ev.valid_until) : Value());
    e.set("months_since_previous", ev.months_since_previous ? Value(*ev.months_since_previous) : Value());
    root.set("evaluation", e);

    if (!d.addressees.empty()) {
        root.set("addressees", list_of(d.addressees));
    } else {
        std::string a = form.procedure.addressee;
        if (!d.unit.district.value.empty()) a += " " + d.unit.district.value;
        root.set("addressees", Value(Value::List{Value(a)}));
    }
    Value signer;
    signer.set("authority", list_of(d.signer.authority));
    signer.set("name", d.signer.name.value);
    root.set("signer", signer);
    root.set("distribution", list_of(d.distribution));
    root.set("team", list_of(d.team));

    Value report(Value::List{});
    Value report_by_key;
    for (const auto& s : d.report) {
        Value sv;
        sv.set("key", s.key.value);
        sv.set("title", s.title.value);
        sv.set("paragraphs", list_of(s.paragraphs));
        report.push(sv);
        report_by_key.set(key_of(s.key.value), sv);
    }
    root.set("report", report);
    root.set("sections", report_by_key.is_null() ? Value(Value::Map{}) : report_by_key);

    Value documents;
    for (const auto& [key, info] : d.documents) {
        Value dv;
        dv.set("number", number_text(info.number.value));
        dv.set("date", Value(info.date));
        documents.set(key_of(key), dv);
    }
    root.set("documents", documents.is_null() ? Value(Value::Map{}) : documents);
    return root;
}

Value with_document(const Value& base, const data::UnitData& unit, const std::string& key) {
    Value ctx = base;
    Value doc;
    const auto it = unit.documents.find(key);
    if (it != unit.documents.end()) {
        doc.set("number", number_text(it->second.number.value));
        doc.set("date", Value(it->second.date));
    } else {
        doc.set("number", number_text(""));
        // Undated document: the date is left blank for the signer, in the year after the
        // assessed year (when dossiers are sent).
        doc.set("date", Value(Date{unit.assessment.year + 1, 0, 0}));
    }
    ctx.set("doc", doc);
    return ctx;
}

}  // namespace hoso::app
