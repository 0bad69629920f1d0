// hoso decision: from a council's list of appraised units, the recognition decision (NĐ 30
// Mẫu 1.2) with its attached list (Mẫu 2.1), a reply letter (Mẫu 1.5) to every unit that does
// not qualify, the council file's optional dispatch and its optional annual results report to
// the body above (Mẫu 1.4) — all from templates. Units given by
// file are loaded, checked and evaluated exactly as `hoso evaluate` does; inline and CSV units
// carry the council's result. Every problem of the council file, its CSV imports and its unit
// files is reported at once; nothing is written unless every document rendered.
//
// The data tree the templates read is documented in examples/council/README.md ("Template data").
#include <algorithm>
#include <map>
#include <set>

#include "app/context.h"
#include "app/pipeline.h"
#include "data/data.h"
#include "forms/forms.h"
#include "text/text.h"
#include "xlsx/xlsx.h"

namespace hoso::app {

using tmpl::Value;

namespace {

const char* const kDecisionTemplate = "quyet-dinh-cong-nhan";
const char* const kLetterTemplate = "cong-van-tra-loi";
const char* const kDispatchTemplate = "cong-van-trien-khai";
const char* const kReportTemplate = "bao-cao-ket-qua";

// One unit of the council's list with everything the documents print about it.
struct Resolved : UnitResult {
    const data::CouncilUnit* entry = nullptr;
    SourceLocation where;  // where the unit is named (the <unit> element or the CSV line)
    std::string addressee;
    std::string request_number;
    std::optional<Date> request_date;
    std::string note;
    std::optional<forms::Evaluation> evaluation;  // units given by file
};

const char* source_code(data::CouncilSource s) {
    switch (s) {
        case data::CouncilSource::File: return "file";
        case data::CouncilSource::Inline: return "inline";
        case data::CouncilSource::Csv: return "csv";
        case data::CouncilSource::Xlsx: return "xlsx";
    }
    return "inline";
}

// "Hiệu trưởng" from the signer lines {"KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG"}, "Chủ tịch" from
// {"TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"}: the head of the unit, to whom the reply is addressed.
std::string head_title(const std::vector<data::Text>& authority) {
    for (const auto& line : authority) {
        std::string s = line.value;
        if (s.rfind("TM.", 0) == 0) continue;
        for (const char* prefix : {"KT.", "Q.", "TL.", "TUQ."}) {
            if (s.rfind(prefix, 0) == 0) s.erase(0, std::string(prefix).size());
        }
        while (!s.empty() && s.front() == ' ') s.erase(0, 1);
        if (s.empty()) return {};
        const std::string lower = text::to_lower(s);
        const auto bounds = text::grapheme_boundaries(lower);
        const std::size_t first = bounds.empty() ? lower.size() : bounds.front();
        return text::to_upper(lower.substr(0, first)) + lower.substr(first);
    }
    return {};
}

// Case- and space-insensitive key for finding a unit listed twice.
std::string name_key(const std::string& name) {
    std::string out;
    bool space = false;
    for (char c : text::to_lower(name)) {
        if (c == ' ') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

std::string where_text(const SourceLocation& w) {
    if (w.line == 0) return w.file;  // a cell of a workbook: "don-vi.xlsx: Sheet1!A14"
    return w.file + ":" + std::to_string(w.line) + (w.column ? ":" + std::to_string(w.column) : "");
}

Value texts(const std::vector<data::Text>& items) {
    Value::List out;
    for (const auto& t : items) out.emplace_back(t.value);
    return Value(std::move(out));
}

Value signer_value(const data::Signer& s) {
    Value v;
    v.set("authority", texts(s.authority));
    v.set("name", s.name.value);
    return v;
}

Value issuer_value(const data::IssuerBlock& b) {
    Value v;
    v.set("parent_agency", texts(b.parent_agency));
    v.set("agency", texts(b.agency));
    v.set("abbreviation", b.abbreviation.value);
    v.set("place", b.place.value);
    v.set("name", b.name.value);
    return v;
}

// Fills a unit given by file: loads, checks and evaluates it with the dossier's code.
void resolve_file_unit(const Resources& res, const data::CouncilData& council, const forms::Form& form,
                       const data::CouncilUnit& entry, Resolved& out, Diagnostics& diags) {
    const std::size_t errors_before = diags.error_count();
    LoadedUnit unit;
    try {
        unit = load_unit(entry.file, res.fonts, res.library, diags);
    } catch (const IoError& e) {
        diags.error(entry.file_attr.where, "units.unit.file",
                    "không đọc được tệp số liệu '" + entry.file.string() + "': " + e.message(),
                    "cannot read the unit data file '" + entry.file.string() + "'");
        return;
    }
    if (diags.error_count() != errors_before) return;
    const auto& d = unit.data;
    out.name = d.unit.name.value;
    if (d.form_id.value != form.id) {
        diags.error(d.form_id.where, "form",
                    "đơn vị dùng bộ tiêu chí '" + d.form_id.value + "', Hội đồng xét bộ '" + form.id + "' (" +
                        where_text(entry.where) + ")",
                    "the unit uses form '" + d.form_id.value + "', the council appraises '" + form.id + "'");
        return;
    }
    // A council year that could not be read is reported once, by load_council.
    if (council.year != 0 && d.assessment.year != council.year) {
        diags.error(d.assessment.where, "assessment.year",
                    "đơn vị đánh giá năm " + std::to_string(d.assessment.year) + ", Hội đồng xét năm " +
                        std::to_string(council.year) + " (" + where_text(entry.where) + ")",
                    "the unit assessed " + std::to_string(d.assessment.year) + ", the council appraises " +
                        std::to_string(council.year));
        return;
    }
    // This decision recognises the unit: its date is the decision date of the assessment (the
    // validity follows its year under validity-base = decision-year).
    const Date& decided = council.decision.date;
    if (decided.year != 0) {
        const auto& own = d.assessment.decision_date;
        // A unit file may give the year alone, or the month: only what both give must agree.
        const auto agree = [](int a, int b) { return a == 0 || b == 0 || a == b; };
        if (own && !(own->year == decided.year && agree(own->month, decided.month) && agree(own->day, decided.day))) {
            diags.warning(d.assessment.where, "assessment.decision-date",
                          "ngày quyết định ghi trong tệp đơn vị (" + text::short_date(*own) +
                              ") khác ngày quyết định của Hội đồng (" + text::short_date(decided) +
                              "); dùng ngày của quyết định (" + where_text(council.decision.where) + ")",
                          "the unit file's decision date differs from the council's decision; the decision's is used");
        }
        unit.data.assessment.decision_date = decided;
    }
    const auto ev = forms::evaluate(form, d);
    out.evaluation = ev;
    out.type = d.unit.type.value;
    const forms::UnitType* type = form.find_unit_type(out.type);
    out.type_name = type ? type->name : out.type;
    out.level = d.assessment.requested_level;
    out.kind = d.assessment.kind;
    out.reached_level = ev.reached_level;
    const bool council_refuses = entry.granted.has_value() && !*entry.granted;
    out.granted = ev.granted && !council_refuses;
    if (out.granted) out.valid_until = ev.valid_until;
    add_failures(form, ev, out.level, out);
    for (const auto& t : entry.reasons) out.reasons.push_back(t.value);
    const std::string head = entry.head.value.empty() ? head_title(d.signer.authority) : entry.head.value;
    out.addressee = !entry.addressee.value.empty() ? entry.addressee.value : (head.empty() ? out.name : head + " " + out.name);
    if (const auto it = d.documents.find("to-trinh"); it != d.documents.end()) {
        if (!it->second.number.value.empty()) {
            out.request_number = number_text(it->second.number.value) + "/TTr-" + d.unit.abbreviation.value;
        }
        if (it->second.date.year != 0) out.request_date = it->second.date;
    }
    out.note = entry.note.value;
}

// Fills an inline or CSV unit and checks it against the form.
void resolve_listed_unit(const data::CouncilData& council, const forms::Form& form, const data::CouncilUnit& entry,
                         Resolved& out, Diagnostics& diags) {
    out.name = entry.name.value;
    out.level = entry.level;
    out.kind = entry.kind;
    out.granted = entry.granted.value_or(false);
    // Kept "03 năm tiếp theo năm được công nhận" (khoản 4 Điều 5): this decision's year, as for a
    // unit given by file.
    if (out.granted && council.decision.date.year != 0) {
        out.valid_until = forms::valid_until(form, council.decision.date.year);
    }
    if (out.level != 0 && !form.find_level(out.level)) {
        diags.error(entry.where, "level", "bộ tiêu chí '" + form.id + "' không có mức độ " + std::to_string(out.level),
                    "form '" + form.id + "' has no level " + std::to_string(out.level));
    }
    out.type = entry.type.value;
    if (!out.type.empty()) {
        const forms::UnitType* type = form.find_unit_type(out.type);
        if (type) {
            out.type_name = type->name;
        } else {
            std::string codes;
            for (const auto& t : form.unit_types) codes += (codes.empty() ? "" : ", ") + t.code;
            diags.error(entry.type.where, "type", "loại đơn vị không có trong bộ tiêu chí: '" + out.type + "' (có: " + codes + ")",
                        "unknown unit type '" + out.type + "' (see the form's unit types)");
        }
    }
    for (const auto& f : entry.failed) {
        const forms::Indicator* ind = form.find_indicator(f.id.value);
        const forms::Criterion* crit = form.criterion_of(f.id.value);
        const forms::Requirement* req = ind ? ind->at(out.level) : nullptr;
        if (!ind || !crit) {
            diags.error(f.id.where, "indicator", "bộ tiêu chí '" + form.id + "' không có chỉ tiêu '" + f.id.value + "'",
                        "form '" + form.id + "' has no indicator '" + f.id.value + "'");
            continue;
        }
        if (!req) {
            diags.error(f.id.where, "indicator",
                        "chỉ tiêu '" + f.id.value + "' không thuộc mức độ " + std::to_string(out.level),
                        "indicator '" + f.id.value + "' is not part of level " + std::to_string(out.level));
            continue;
        }
        out.failed.push_back({crit->number, crit->title_at(out.level), ind->number,
                              req->text.empty() ? ind->text : req->text, req->citation, req->summary, f.value.value,
                              f.reason.value});
    }
    for (const auto& t : entry.reasons) out.reasons.push_back(t.value);
    out.addressee = !entry.addressee.value.empty() ? entry.addressee.value
                                                   : (entry.head.value.empty() ? out.name : entry.head.value + " " + out.name);
    out.request_number = entry.request_number.value;
    out.request_date = entry.request_date;
    out.note = entry.note.value;
}

Value unit_value(const Resolved& u, const forms::Form& form) {
    Value v;
    v.set("name", u.name);
    v.set("type", u.type);
    v.set("type_name", u.type_name);
    v.set("level", u.level);
    const forms::Level* lv = form.find_level(u.level);
    v.set("level_name", lv ? lv->name : "mức độ " + std::to_string(u.level));
    v.set("kind", kind_code(u.kind));
    v.set("kind_text", forms::kind_text(u.kind));
    v.set("source", source_code(u.entry->source));
    v.set("granted", u.granted);
    v.set("note", u.note);
    v.set("addressee", u.addressee);
    v.set("request_number", u.request_number);
    v.set("request_date", u.request_date ? Value(*u.request_date) : Value());
    v.set("reached_level", u.reached_level ? Value(*u.reached_level) : Value());
    v.set("valid_until", u.valid_until ? Value(*u.valid_until) : Value());
    v.set("reasons", list_of(u.reasons));
    Value failed(Value::List{});
    for (const auto& f : u.failed) {
        Value fv;
        fv.set("criterion_number", f.criterion_number);
        fv.set("criterion_title", f.criterion_title);
        fv.set("number", f.number);
        fv.set("text", f.text);
        fv.set("citation", f.citation);
        fv.set("requirement", f.requirement);
        fv.set("value", f.value);
        fv.set("reason", f.reason);
        failed.push(fv);
    }
    v.set("failed", failed);
    return v;
}

Value dispatch_value(const data::CouncilDispatch& d, const data::CouncilDecision& decision) {
    Value v;
    v.set("number", number_text(d.number.value));
    v.set("date", Value(d.date));
    v.set("symbol", d.symbol.value);
    v.set("subject", d.subject.value);
    v.set("addressees", texts(d.addressees));
    v.set("opening", texts(d.opening));
    Value sections(Value::List{});
    for (const auto& s : d.sections) {
        Value sv;
        sv.set("title", s.title.value);
        sv.set("paragraphs", texts(s.paragraphs));
        sv.set("items", texts(s.items));
        sections.push(sv);
    }
    v.set("sections", sections);
    v.set("closing", texts(d.closing));
    v.set("signer", signer_value(d.signer.authority.empty() ? decision.signer : d.signer));
    v.set("distribution", texts(d.distribution));
    return v;
}

Value report_value(const data::CouncilReport& p, const forms::Form& form) {
    Value v = issuer_value(p.issuer);
    v.set("number", number_text(p.number.value));
    v.set("date", Value(p.date));
    v.set("addressees", texts(p.addressees));
    Value bases(Value::List{});
    if (p.bases.empty()) bases.push(Value(form.circular.citation));
    for (const auto& b : p.bases) bases.push(Value(b.circular ? form.circular.citation : b.text.value));
    v.set("bases", bases);
    v.set("paragraphs", texts(p.paragraphs));
    v.set("signer", signer_value(p.signer));
    v.set("distribution", texts(p.distribution));
    return v;
}

// "summary": the figures of the results report — units assessed, recognised at each level of
// the form, not recognised, and the share recognised — per unit type (in the form's order;
// units without a type last, type_name empty) and in total. Counted here, once, so the
// report's table and its sentences cannot disagree with the decision and the letters.
Value summary_value(const forms::Form& form, const std::vector<Resolved>& units) {
    struct Counts {
        std::string type, type_name;
        long long assessed = 0, recognised = 0;
        std::map<int, long long> by_level;
    };
    auto value_of = [&](const Counts& c) {
        Value v;
        v.set("type", c.type);
        v.set("type_name", c.type_name);
        v.set("assessed", c.assessed);
        v.set("recognised", c.recognised);
        v.set("not_recognised", c.assessed - c.recognised);
        v.set("percent", c.assessed == 0 ? 0.0 : 100.0 * static_cast<double>(c.recognised) / static_cast<double>(c.assessed));
        Value levels(Value::List{});
        for (const auto& l : form.levels) {
            Value lv;
            lv.set("level", l.number);
            lv.set("name", l.name);
            const auto it = c.by_level.find(l.number);
            lv.set("recognised", it == c.by_level.end() ? 0LL : it->second);
            levels.push(lv);
        }
        v.set("levels", levels);
        return v;
    };
    std::vector<Counts> rows;
    for (const auto& t : form.unit_types) rows.push_back({t.code, t.name, 0, 0, {}});
    rows.push_back({});  // no type given
    Counts total;
    for (const auto& u : units) {
        auto it = std::find_if(rows.begin(), rows.end(), [&](const Counts& c) { return c.type == u.type; });
        if (it == rows.end()) it = rows.end() - 1;
        for (Counts* c : {&*it, &total}) {
            ++c->assessed;
            if (u.granted) {
                ++c->recognised;
                ++c->by_level[u.level];
            }
        }
    }
    Value list(Value::List{});
    for (const auto& c : rows) {
        if (c.assessed > 0) list.push(value_of(c));
    }
    Value v;
    v.set("rows", list);
    v.set("total", value_of(total));
    return v;
}

// ket-qua.xlsx: one row per unit with its results (results.cpp).
std::string results_workbook(const forms::Form& form, const std::vector<Resolved>& units, int year, const Date& created,
                             const std::string& author) {
    xlsx::Sheet sheet = results_sheet(form, "Kết quả");
    int n = 0;
    for (const auto& u : units) sheet.add_row(results_row(form, u, u.evaluation ? &*u.evaluation : nullptr, ++n));
    xlsx::Workbook wb;
    wb.title = "Kết quả đánh giá, công nhận " + form.title + " năm " + std::to_string(year);
    wb.subject = form.circular.number;
    wb.author = author;
    wb.created = created;
    wb.sheets.push_back(std::move(sheet));
    return xlsx::write_xlsx(wb);
}

}  // namespace

Outcome run_decision(const Request& r, const Environment& env) {
    Outcome out;
    Diagnostics& diags = out.diagnostics;
    const Resources res = load_resources(r, env, diags);
    if (diags.has_errors()) {
        out.exit_code = 1;
        return out;
    }
    const std::filesystem::path& input = r.inputs.at(0);
    const data::CouncilData council = data::load_council(input, load_options(res.fonts), diags);
    const forms::Form* form = council.form_id.value.empty() ? nullptr : res.library.find(council.form_id.value);
    if (!form) {
        if (!council.form_id.value.empty()) {
            diags.error(council.form_id.where, "form", "không có bộ tiêu chí '" + council.form_id.value + "' (xem: hoso forms)",
                        "unknown form '" + council.form_id.value + "' (see: hoso forms)");
        }
        out.exit_code = 1;
        return out;
    }

    // Who decides on the decision's date (the authority profile in force).
    const auto authorities =
        forms::resolve_authorities(res.library, *form, council.decision.date, nullptr, nullptr, council.decision.where, diags);

    // Resolve every unit; all problems are reported, in list order.
    std::vector<Resolved> units;
    std::map<std::string, SourceLocation> seen_names;
    std::map<std::string, SourceLocation> seen_files;
    for (const auto& entry : council.units) {
        Resolved u;
        u.entry = &entry;
        u.where = entry.where;
        if (entry.source == data::CouncilSource::File) {
            if (entry.file.empty()) continue;
            std::error_code ec;
            const auto canonical = std::filesystem::weakly_canonical(entry.file, ec);
            const std::string file_key = ec ? entry.file.lexically_normal().string() : canonical.string();
            if (const auto it = seen_files.find(file_key); it != seen_files.end()) {
                diags.error(entry.file_attr.where, "units.unit.file",
                            "tệp số liệu đã có trong danh sách (" + where_text(it->second) + ")",
                            "the data file is listed twice (first at " + where_text(it->second) + ")");
                continue;
            }
            seen_files.emplace(file_key, entry.where);
            const std::size_t errors_before = diags.error_count();
            resolve_file_unit(res, council, *form, entry, u, diags);
            if (diags.error_count() != errors_before) continue;
        } else {
            resolve_listed_unit(council, *form, entry, u, diags);
        }
        if (u.name.empty()) continue;
        const std::string key = name_key(u.name);
        if (const auto it = seen_names.find(key); it != seen_names.end()) {
            diags.error(u.where, "units", "đơn vị '" + u.name + "' đã có trong danh sách (" + where_text(it->second) + ")",
                        "unit '" + u.name + "' is listed twice (first at " + where_text(it->second) + ")");
            continue;
        }
        seen_names.emplace(key, u.where);
        units.push_back(std::move(u));
    }
    if (council.units.empty() && council.decision.where.line != 0) {
        diags.error({input.string(), 0, 0}, "units", "danh sách đơn vị trống", "the list of units is empty");
    }
    bool any_failed = false, any_granted = false;
    for (const auto& u : units) (u.granted ? any_granted : any_failed) = true;
    if (any_failed && council.letters.where.line == 0) {
        diags.error({input.string(), 0, 0}, "letters",
                    "có đơn vị không đạt: cần <letters> (cơ quan trả lời bằng văn bản, nêu rõ lý do)",
                    "some units do not qualify: <letters> is needed (the reply letters state the reasons)");
    }
    if (diags.has_errors()) {
        out.exit_code = 1;
        return out;
    }

    // The data tree every council template reads.
    Value root;
    root.set("form", form_context(*form, authorities ? &*authorities : nullptr));
    if (authorities) root.set("authorities", authorities_context(*authorities));
    {
        Value c;
        c.set("year", council.year);
        c.set("name", council.council_name.value);
        c.set("date", council.meeting_date ? Value(*council.meeting_date) : Value());
        c.set("units_count", static_cast<long long>(units.size()));
        root.set("council", c);
    }
    {
        const auto& d = council.decision;
        Value v = issuer_value(d.issuer);
        v.set("number", number_text(d.number.value));
        v.set("date", Value(d.date));
        v.set("authority", d.authority.value);
        v.set("issuer", d.issuer_title.value);
        Value bases(Value::List{});
        if (d.bases.empty()) bases.push(Value(form->circular.citation));
        for (const auto& b : d.bases) bases.push(Value(b.circular ? form->circular.citation : b.text.value));
        v.set("bases", bases);
        v.set("proposal", d.proposal.value);
        v.set("executors", texts(d.executors));
        v.set("signer", signer_value(d.signer));
        v.set("distribution", texts(d.distribution));
        root.set("decision", v);
    }
    {
        const auto& l = council.letters;
        Value v = issuer_value(l.issuer);
        v.set("drafting_unit", l.drafting_unit.value);
        v.set("symbol", l.issuer.abbreviation.value + (l.drafting_unit.value.empty() ? "" : "-" + l.drafting_unit.value));
        v.set("date", Value(l.date));
        v.set("signer", signer_value(l.signer));
        v.set("distribution", texts(l.distribution));
        v.set("guidance", texts(l.guidance));
        root.set("letters", v);
    }
    Value recognised(Value::List{}), not_recognised(Value::List{}), all(Value::List{});
    std::vector<Value> letter_units;
    int letter_index = 0;
    for (const auto& u : units) {
        Value v = unit_value(u, *form);
        if (!u.granted) {
            Value letter;
            const auto& first = council.letters.first_number;
            letter.set("number", first ? number_text(std::to_string(*first + letter_index)) : number_text(""));
            letter.set("date", Value(council.letters.date));
            v.set("letter", letter);
            ++letter_index;
            not_recognised.push(v);
            letter_units.push_back(v);
        } else {
            recognised.push(v);
        }
        all.push(v);
    }
    root.set("recognised", recognised);
    root.set("not_recognised", not_recognised);
    root.set("units", all);
    root.set("dispatch", council.dispatch ? dispatch_value(*council.dispatch, council.decision) : Value());
    root.set("report", council.report ? report_value(*council.report, *form) : Value());
    root.set("summary", summary_value(*form, units));

    // Render everything in memory first.
    std::vector<RenderedFile> files;
    const std::string decision_base = council.decision.number.value.empty()
                                          ? "quyet-dinh"
                                          : "quyet-dinh-" + text::ascii_slug(number_text(council.decision.number.value), 20);
    const std::string council_name = council.council_name.value.empty() ? input.stem().string() : council.council_name.value;
    if (any_granted) {
        for (auto& f : render_document(res, r, kDecisionTemplate, root, r.output_dir / decision_base, council_name, diags)) {
            files.push_back(std::move(f));
        }
    } else {
        diags.warning({input.string(), 0, 0}, "units", "không có đơn vị nào đạt: không lập quyết định công nhận",
                      "no unit qualifies: no recognition decision is written");
    }
    std::set<std::string> taken;
    std::map<std::string, std::string> letter_paths;  // unit name → its letter's base path
    for (const auto& v : letter_units) {
        const std::string name(v.find("name")->str());
        const std::string slug = text::ascii_slug(name, 60);
        std::string unique = slug;
        for (int k = 2; !taken.insert(unique).second; ++k) unique = slug + "-" + std::to_string(k);
        letter_paths[name] = "cong-van/" + unique;
        Value ctx = root;
        ctx.set("unit", v);
        ctx.set("letter", *v.find("letter"));
        for (auto& f : render_document(res, r, kLetterTemplate, ctx, r.output_dir / "cong-van" / unique, name, diags)) {
            files.push_back(std::move(f));
        }
    }
    if (council.dispatch) {
        const std::string n = council.dispatch->number.value;
        const std::string base = n.empty() ? "cong-van-trien-khai" : "cong-van-trien-khai-" + text::ascii_slug(number_text(n), 20);
        for (auto& f : render_document(res, r, kDispatchTemplate, root, r.output_dir / base, council_name, diags)) {
            files.push_back(std::move(f));
        }
    }
    if (council.report) {
        const std::string n = council.report->number.value;
        const std::string base = n.empty() ? "bao-cao-ket-qua" : "bao-cao-ket-qua-" + text::ascii_slug(number_text(n), 20);
        for (auto& f : render_document(res, r, kReportTemplate, root, r.output_dir / base, council_name, diags)) {
            files.push_back(std::move(f));
        }
    }
    if (diags.has_errors()) {
        out.exit_code = 1;
        return out;
    }
    {
        std::string ext;
        if (r.formats.count(Format::Pdf)) ext += ".pdf";
        if (r.formats.count(Format::Docx)) ext += ext.empty() ? ".docx" : ", .docx";
        for (auto& u : units) {
            u.outputs = (u.granted ? decision_base : letter_paths[u.name]) + ext;
        }
        Date created = council.decision.date;
        if (created.month == 0) created.month = 1;
        if (created.day == 0) created.day = 1;
        files.push_back({r.output_dir / "ket-qua.xlsx",
                         results_workbook(*form, units, council.year, created, council.decision.issuer_title.value),
                         council_name, "ket-qua", "xlsx", 0});
    }
    std::error_code ec;
    std::filesystem::create_directories(r.output_dir, ec);
    if (ec) throw IoError(r.output_dir, "không tạo được thư mục (cannot create directory): " + ec.message());
    if (!letter_units.empty()) {
        std::filesystem::create_directories(r.output_dir / "cong-van", ec);
        if (ec) throw IoError(r.output_dir / "cong-van", "không tạo được thư mục (cannot create directory): " + ec.message());
    }
    write_all(files, r.output_dir, out);
    out.output = std::to_string(units.size()) + " đơn vị (units): " +
                 std::to_string(units.size() - static_cast<std::size_t>(letter_index)) + " được công nhận (recognised), " +
                 std::to_string(letter_index) + " không đạt, có công văn trả lời (letters)\n";
    return out;
}

}  // namespace hoso::app
