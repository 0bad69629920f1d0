// hoso decision: from a council's list of appraised units, the recognition decision (NĐ 30
// Mẫu 1.2) with its attached list (Mẫu 2.1), a reply letter (Mẫu 1.5) to every unit that does
// not qualify, and the council file's optional dispatch — all from templates. Units given by
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

struct FailedIndicator {
    int criterion_number = 0;
    std::string criterion_title;
    int number = 0;
    std::string text;
    std::string citation;
    std::string requirement;
    std::string value;
    std::string reason;
};

// One unit of the council's list with everything the documents print about it.
struct Resolved {
    const data::CouncilUnit* entry = nullptr;
    std::string name;
    SourceLocation where;  // where the unit is named (the <unit> element or the CSV line)
    std::string type, type_name;
    int level = 0;
    data::RequestKind kind = data::RequestKind::First;
    bool granted = false;
    std::vector<std::string> reasons;
    std::vector<FailedIndicator> failed;
    std::string addressee;
    std::string request_number;
    std::optional<Date> request_date;
    std::optional<int> reached_level;
    std::optional<Date> valid_until;
    std::string note;
    std::optional<forms::Evaluation> evaluation;  // units given by file
    std::string outputs;                          // the documents about it, for ket-qua.xlsx
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
    if (d.assessment.year != council.year) {
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
        if (own && *own != decided) {
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
    if (!ev.granted) {
        // The failed indicators go into the letter's table; the summary reason that lists
        // them by hoso's labels is left out, the others (upgrade timing, …) are kept.
        const forms::LevelResult* lr = ev.level(out.level);
        const forms::Level* lv = form.find_level(out.level);
        const std::string summary = lv ? "Chưa đạt " + lv->name + ":" : std::string("\x01");
        for (const auto& reason : ev.reasons) {
            if (lr && lr->status != forms::Status::Pass && reason.rfind(summary, 0) == 0) continue;
            out.reasons.push_back(reason);
        }
        if (lr) {
            for (const auto& c : lr->criteria) {
                for (const auto& i : c.indicators) {
                    if (i.status != forms::Status::Fail) continue;
                    out.failed.push_back({c.number, c.title, i.number, i.text, i.citation, i.requirement, i.value, i.reason});
                }
            }
        }
    }
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
void resolve_listed_unit(const forms::Form& form, const data::CouncilUnit& entry, Resolved& out, Diagnostics& diags) {
    out.name = entry.name.value;
    out.level = entry.level;
    out.kind = entry.kind;
    out.granted = entry.granted.value_or(false);
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

// ket-qua.xlsx: one row per unit with its result at every level, every criterion and indicator
// of the requested level (units given by file: hoso's evaluation; listed units: the council's
// result and the indicators it named), the reasons for each Không đạt and its documents.
std::string results_workbook(const forms::Form& form, const std::vector<Resolved>& units, int year, const Date& created,
                             const std::string& author) {
    xlsx::Sheet sheet;
    sheet.name = "Kết quả";
    sheet.header = {"STT", "Tên đơn vị", "Loại đơn vị", "Mức độ đề nghị", "Hình thức", "Kết quả", "Mức độ đạt"};
    sheet.widths = {5, 40, 24, 9, 14, 11, 9};
    for (const auto& l : form.levels) {
        sheet.header.push_back("Mức độ " + std::to_string(l.number));
        sheet.widths.push_back(10);
    }
    std::vector<const forms::Indicator*> indicators;
    for (const auto& c : form.criteria) {
        sheet.header.push_back("Tiêu chí " + std::to_string(c.number));
        sheet.widths.push_back(10);
        for (const auto& i : c.indicators) {
            sheet.header.push_back("TC" + std::to_string(c.number) + ".CT" + std::to_string(i.number));
            sheet.widths.push_back(10);
            indicators.push_back(&i);
        }
    }
    sheet.header.push_back("Lý do không đạt");
    sheet.widths.push_back(60);
    sheet.header.push_back("Văn bản");
    sheet.widths.push_back(36);
    sheet.frozen_columns = 2;
    int n = 0;
    for (const auto& u : units) {
        std::vector<xlsx::Cell> row;
        row.push_back(xlsx::Cell::of(static_cast<double>(++n)));
        row.push_back(xlsx::Cell::of(u.name));
        row.push_back(xlsx::Cell::of(u.type_name));
        row.push_back(xlsx::Cell::of(static_cast<double>(u.level)));
        row.push_back(xlsx::Cell::of(forms::kind_text(u.kind)));
        row.push_back(xlsx::Cell::of(u.granted ? "Đạt" : "Không đạt"));
        row.push_back(u.reached_level ? xlsx::Cell::of(static_cast<double>(*u.reached_level))
                                      : u.granted ? xlsx::Cell::of(static_cast<double>(u.level)) : xlsx::Cell::of(""));
        const forms::LevelResult* requested = u.evaluation ? u.evaluation->level(u.level) : nullptr;
        for (const auto& l : form.levels) {
            if (u.evaluation) {
                const forms::LevelResult* lr = u.evaluation->level(l.number);
                row.push_back(xlsx::Cell::of(lr ? forms::status_text(lr->status) : ""));
            } else {
                row.push_back(xlsx::Cell::of(l.number == u.level ? (u.granted ? "Đạt" : "Không đạt") : ""));
            }
        }

        for (const auto& c : form.criteria) {
            const forms::CriterionResult* cr = nullptr;
            if (requested) {
                for (const auto& x : requested->criteria) {
                    if (x.id == c.id) cr = &x;
                }
            }
            const bool named_failed = std::any_of(u.failed.begin(), u.failed.end(),
                                                  [&](const FailedIndicator& f) { return f.criterion_number == c.number; });
            row.push_back(xlsx::Cell::of(cr ? forms::status_text(cr->status) : named_failed ? "Không đạt" : ""));
            for (const auto& i : c.indicators) {
                const forms::IndicatorResult* ir = nullptr;
                if (cr) {
                    for (const auto& x : cr->indicators) {
                        if (x.id == i.id) ir = &x;
                    }
                }
                const bool failed = std::any_of(u.failed.begin(), u.failed.end(), [&](const FailedIndicator& f) {
                    return f.criterion_number == c.number && f.number == i.number;
                });
                row.push_back(xlsx::Cell::of(ir ? forms::status_text(ir->status) : failed ? "Không đạt" : ""));
            }
        }
        std::string reasons;
        for (const auto& f : u.failed) {
            reasons += (reasons.empty() ? "" : "\n") + std::string("Tiêu chí ") + std::to_string(f.criterion_number) +
                       ", chỉ tiêu " + std::to_string(f.number) + (f.citation.empty() ? "" : " (" + f.citation + ")") +
                       ": " + (f.value.empty() ? "" : f.value + " — ") + f.reason;
        }
        for (const auto& r : u.reasons) reasons += (reasons.empty() ? "" : "\n") + r;
        row.push_back(xlsx::Cell::of(reasons));
        row.push_back(xlsx::Cell::of(u.outputs));
        sheet.rows.push_back(std::move(row));
    }
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
            resolve_listed_unit(*form, entry, u, diags);
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
