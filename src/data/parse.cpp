// Unit data file (XML) → UnitData. Every problem is collected; nothing throws for bad data.
#include "data/data.h"

#include <tinyxml2.h>

#include <algorithm>
#include <charconv>
#include <iterator>
#include <set>
#include <system_error>

#include "data/detail/xml_input.h"
#include "text/text.h"

namespace hoso::data {
namespace {

using detail::parse_int;
using Reader = detail::XmlReader;
using tinyxml2::XMLElement;

// --- Values ------------------------------------------------------------------------------

struct NumberResult {
    std::optional<double> value;
    std::string vi, en;  // error, if any
};

// "45", "93.75", "93,75". Thousands separators are refused: "1.234" is ambiguous between
// the Vietnamese 1234 and the English 1.234.
NumberResult parse_number(const std::string& s) {
    NumberResult r;
    if (s.empty()) return r;
    std::size_t i = 0;
    if (s[0] == '-' || s[0] == '+') i = 1;
    std::size_t int_digits = 0, frac_digits = 0;
    char sep = 0;
    for (std::size_t j = i; j < s.size(); ++j) {
        const char c = s[j];
        if (c >= '0' && c <= '9') {
            (sep ? frac_digits : int_digits) += 1;
        } else if ((c == '.' || c == ',') && sep == 0) {
            sep = c;
        } else {
            r.vi = "'" + s + "' không phải là số";
            r.en = "'" + s + "' is not a number";
            return r;
        }
    }
    if (int_digits == 0 || (sep != 0 && frac_digits == 0)) {
        r.vi = "'" + s + "' không phải là số";
        r.en = "'" + s + "' is not a number";
        return r;
    }
    if (sep == '.' && frac_digits == 3) {
        r.vi = "số '" + s +
               "' không rõ nghĩa: viết số nguyên không có dấu phân cách hàng nghìn (ví dụ 1234), "
               "phần thập phân sau dấu phẩy (ví dụ 93,75)";
        r.en = "ambiguous number '" + s +
               "': write whole numbers without thousands separators (1234) and decimals with a "
               "comma or a point (93,75)";
        return r;
    }
    if (int_digits + frac_digits > 15) {
        r.vi = "số '" + s + "' quá lớn";
        r.en = "number '" + s + "' is too large";
        return r;
    }
    if (s[0] == '-') {
        r.vi = "số liệu không được âm: '" + s + "'";
        r.en = "figures cannot be negative: '" + s + "'";
        return r;
    }
    std::string plain = s.substr(i);
    std::replace(plain.begin(), plain.end(), ',', '.');
    double v = 0;
    const auto res = std::from_chars(plain.data(), plain.data() + plain.size(), v);
    if (res.ec != std::errc() || res.ptr != plain.data() + plain.size()) {
        r.vi = "'" + s + "' không phải là số";
        r.en = "'" + s + "' is not a number";
        return r;
    }
    r.value = v;
    return r;
}

std::optional<bool> parse_bool(const std::string& nfc) {
    static constexpr std::string_view yes[] = {"có", "co", "yes", "true", "1", "đạt", "dat"};
    static constexpr std::string_view no[] = {"không", "khong", "no", "false", "0", "không đạt",
                                              "khong dat", "chưa đạt", "chua dat"};
    auto lookup = [](std::string_view s) -> std::optional<bool> {
        if (std::find(std::begin(yes), std::end(yes), s) != std::end(yes)) return true;
        if (std::find(std::begin(no), std::end(no), s) != std::end(no)) return false;
        return std::nullopt;
    };
    // The words are lower case, so a value written exactly as one of them needs no case
    // mapping (to_lower leaves it unchanged).
    if (auto b = lookup(nfc)) return b;
    return lookup(text::to_lower(nfc));
}

std::optional<RequestKind> parse_kind(const std::string& s) {
    if (s == "first" || s == "lan-dau") return RequestKind::First;
    if (s == "renewal" || s == "cong-nhan-lai" || s == "lai") return RequestKind::Renewal;
    if (s == "upgrade" || s == "nang-muc-do") return RequestKind::Upgrade;
    return std::nullopt;
}

bool is_name_token(std::string_view s) {
    if (s.empty() || s.size() > 64) return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    });
}

// --- Sections of the file -----------------------------------------------------------------

void parse_unit_element(Reader& r, const XMLElement* e, Unit& u, std::set<std::string>& rejected) {
    const std::string f = "unit";
    r.check_structure(e, {"type"},
                      {"name", "parent-agency", "issuing-line", "abbreviation", "place", "district",
                       "commune", "members", "trait"},
                      f);
    u.where = r.at(e);
    if (auto t = r.attr(e, "type", "unit.type")) u.type = *t;
    if (u.type.value.empty()) {
        r.missing(u.type.where.line ? u.type.where : u.where, "unit.type",
                  "loại đơn vị (thuộc tính type của <unit>)", "unit type (attribute type of <unit>)");
        if (u.type.where.line == 0) u.type.where = u.where;
    }
    // The unit file's required texts never checked their attributes (false): kept as it was.
    u.name = r.required(e, "name", "unit.name", "tên đơn vị", "unit name", false);
    u.abbreviation =
        r.required(e, "abbreviation", "unit.abbreviation", "chữ viết tắt của đơn vị (dùng trong số, ký hiệu văn bản)",
                   "unit abbreviation (used in document numbers)", false);
    u.place = r.required(e, "place", "unit.place", "địa danh (ghi ở dòng ngày tháng)",
                         "place name (for the date line)", false);
    if (const XMLElement* d = r.single(e, "district", "unit.district")) u.district = r.text(d, "unit.district");
    if (const XMLElement* c = r.single(e, "commune", "unit.commune")) u.commune = r.text(c, "unit.commune");
    u.parent_agency = r.list(e, "parent-agency", "unit.parent-agency");
    u.issuing_lines = r.list(e, "issuing-line", "unit.issuing-line");
    u.traits = r.list(e, "trait", "unit.trait");
    if (const XMLElement* m = r.single(e, "members", "unit.members")) {
        const Text t = r.text(m, "unit.members");
        if (r.refused(t.where)) {
            rejected.insert("unit.members");
        } else if (!t.value.empty()) {
            if (auto v = parse_int(t.value, 0, 100000000)) {
                u.members = *v;
            } else {
                rejected.insert("unit.members");
                r.diag().error(t.where, "unit.members",
                               "số Thành viên phải là số nguyên không âm: '" + t.value + "'",
                               "number of members must be a whole number ≥ 0: '" + t.value + "'");
            }
        }
    }
}

void parse_assessment(Reader& r, const XMLElement* e, Assessment& a, std::set<std::string>& rejected) {
    const std::string f = "assessment";
    r.check_structure(e, {"year", "level", "kind", "decision-date"}, {"previous-decision"}, f);
    a.where = r.at(e);
    // A value written but refused is recorded, so that forms::check does not report it again.
    auto refuse = [&](const std::optional<Text>& t, const std::string& field) {
        if (!t || !r.refused(t->where)) return false;
        rejected.insert(field);
        return true;
    };
    const auto year = r.attr(e, "year", "assessment.year");
    if (refuse(year, "assessment.year")) {
        // reported when it was read
    } else if (!year || year->value.empty()) {
        r.missing(year ? year->where : a.where, "assessment.year", "năm đánh giá (year)",
                  "assessed year (year)");
    } else if (auto y = parse_int(year->value, 1900, 9999)) {
        a.year = *y;
    } else {
        rejected.insert("assessment.year");
        r.diag().error(year->where, "assessment.year", "năm đánh giá không hợp lệ: '" + year->value + "'",
                       "invalid assessed year: '" + year->value + "'");
    }
    const auto level = r.attr(e, "level", "assessment.level");
    if (refuse(level, "assessment.level")) {
        // reported when it was read
    } else if (!level || level->value.empty()) {
        r.missing(level ? level->where : a.where, "assessment.level", "mức độ đề nghị công nhận (level)",
                  "requested level (level)");
    } else if (auto l = parse_int(level->value, 1, 9)) {
        a.requested_level = *l;
    } else {
        rejected.insert("assessment.level");
        r.diag().error(level->where, "assessment.level",
                       "mức độ đề nghị không hợp lệ: '" + level->value + "' (ghi 1 hoặc 2)",
                       "invalid requested level: '" + level->value + "' (write 1 or 2)");
    }
    const auto kind = r.attr(e, "kind", "assessment.kind");
    if (refuse(kind, "assessment.kind")) {
        // reported when it was read
    } else if (!kind || kind->value.empty()) {
        r.missing(kind ? kind->where : a.where, "assessment.kind",
                  "hình thức đề nghị (kind: first, renewal hoặc upgrade)",
                  "kind of request (kind: first, renewal or upgrade)");
    } else if (auto k = parse_kind(kind->value)) {
        a.kind = *k;
    } else {
        rejected.insert("assessment.kind");
        r.diag().error(kind->where, "assessment.kind",
                       "hình thức đề nghị không hợp lệ: '" + kind->value +
                           "' (first = lần đầu, renewal = công nhận lại, upgrade = nâng mức độ)",
                       "invalid kind of request: '" + kind->value + "' (first, renewal, upgrade)");
    }
    {
        const std::size_t errors = r.diag().error_count();
        if (auto d = r.date_attr(e, "decision-date", "assessment.decision-date", false)) a.decision_date = *d;
        if (r.diag().error_count() != errors) rejected.insert("assessment.decision-date");
    }
    if (const XMLElement* p = r.single(e, "previous-decision", "assessment.previous-decision")) {
        const std::string pf = "assessment.previous-decision";
        r.check_structure(p, {"number", "date", "level", "year"}, {}, pf);
        PreviousDecision prev;
        prev.where = r.at(p);
        if (auto n = r.attr(p, "number", pf + ".number")) prev.number = *n;
        if (prev.number.value.empty()) {
            r.missing(prev.where, pf + ".number", "số quyết định công nhận trước (number)",
                      "number of the previous decision (number)");
            prev.number.where = prev.where;
        }
        const auto d = r.attr(p, "date", pf + ".date");
        if (refuse(d, pf + ".date")) {
            // reported when it was read
        } else if (!d || d->value.empty()) {
            r.missing(d ? d->where : prev.where, pf + ".date", "ngày của quyết định công nhận trước (date)",
                      "date of the previous decision (date)");
        } else if (auto dd = parse_date(d->value)) {
            prev.date = *dd;
        } else {
            rejected.insert(pf + ".date");
            r.diag().error(d->where, pf + ".date",
                           "ngày không hợp lệ: '" + d->value + "' (ghi YYYY-MM-DD hoặc DD/MM/YYYY)",
                           "invalid date: '" + d->value + "' (write YYYY-MM-DD or DD/MM/YYYY)");
        }
        const auto l = r.attr(p, "level", pf + ".level");
        if (refuse(l, pf + ".level")) {
            // reported when it was read
        } else if (!l || l->value.empty()) {
            r.missing(l ? l->where : prev.where, pf + ".level", "mức độ đã được công nhận (level)",
                      "level previously recognised (level)");
        } else if (auto lv = parse_int(l->value, 1, 9)) {
            prev.level = *lv;
        } else {
            rejected.insert(pf + ".level");
            r.diag().error(l->where, pf + ".level", "mức độ không hợp lệ: '" + l->value + "'",
                           "invalid level: '" + l->value + "'");
        }
        const auto y = r.attr(p, "year", pf + ".year");
        if (!refuse(y, pf + ".year") && y && !y->value.empty()) {
            if (auto yv = parse_int(y->value, 1900, 9999)) {
                prev.year = *yv;
            } else {
                rejected.insert(pf + ".year");
                r.diag().error(y->where, pf + ".year", "năm không hợp lệ: '" + y->value + "'",
                               "invalid year: '" + y->value + "'");
            }
        }
        a.previous = std::move(prev);
    }
    if (a.kind != RequestKind::First && !a.previous && kind && parse_kind(kind->value)) {
        r.diag().error(a.where, "assessment.previous-decision",
                       "thiếu <previous-decision> (số, ngày, mức độ của quyết định công nhận trước): "
                       "bắt buộc khi công nhận lại hoặc nâng mức độ",
                       "missing <previous-decision> (number, date and level of the previous "
                       "decision): required for renewal and upgrade");
    }
}

void parse_documents(Reader& r, const XMLElement* e, std::map<std::string, DocumentInfo>& docs,
                     std::set<std::string>& rejected) {
    r.check_structure(e, {}, {"document"}, "documents");
    for (const XMLElement* d = e->FirstChildElement("document"); d != nullptr;
         d = d->NextSiblingElement("document")) {
        r.check_structure(d, {"kind", "number", "date"}, {}, "documents.document");
        DocumentInfo info;
        info.where = r.at(d);
        const auto kind = r.attr(d, "kind", "documents.document.kind");
        if (!kind || kind->value.empty()) {
            r.missing(info.where, "documents.document.kind",
                      "loại văn bản (kind: to-trinh, bao-cao, tong-hop)",
                      "document kind (kind: to-trinh, bao-cao, tong-hop)");
            continue;
        }
        const std::string f = "documents." + kind->value;
        if (auto n = r.attr(d, "number", f + ".number")) info.number = *n;
        const std::size_t errors = r.diag().error_count();
        if (auto dd = r.date_attr(d, "date", f + ".date", false)) info.date = *dd;
        if (r.diag().error_count() != errors && docs.count(kind->value) == 0) rejected.insert(f + ".date");
        if (docs.count(kind->value) != 0) {
            r.diag().error(info.where, f, "văn bản '" + kind->value + "' được khai hai lần",
                           "document '" + kind->value + "' is given twice");
            continue;
        }
        docs.emplace(kind->value, std::move(info));
    }
}

void parse_signer(Reader& r, const XMLElement* e, Signer& s) {
    r.check_structure(e, {}, {"authority", "name"}, "signer");
    s.authority = r.list(e, "authority", "signer.authority");
    if (s.authority.empty()) {
        r.missing(r.at(e), "signer.authority",
                  "chức vụ/quyền hạn người ký (<authority>, ví dụ HIỆU TRƯỞNG)",
                  "signer's title (<authority>, e.g. HIỆU TRƯỞNG)");
    }
    s.name = r.required(e, "name", "signer.name", "họ tên người ký", "signer's name", false);
}

AuthorityChoice parse_authorities(Reader& r, const XMLElement* e) {
    r.check_structure(e, {"profile", "confirmed"}, {}, "authorities");
    AuthorityChoice c;
    c.where = r.at(e);
    if (auto p = r.attr(e, "profile", "authorities.profile")) c.profile = *p;
    if (auto v = r.attr(e, "confirmed", "authorities.confirmed")) {
        if (v->value == "yes" || v->value == "có") {
            c.confirmed = true;
        } else if (v->value != "no" && v->value != "không") {
            r.diag().error(v->where, "authorities.confirmed",
                           "confirmed phải là yes hoặc no, không phải '" + v->value + "'",
                           "confirmed must be yes or no, not '" + v->value + "'");
        }
    }
    return c;
}

void parse_settings(Reader& r, const XMLElement* e, std::map<std::string, Text>& settings) {
    r.check_structure(e, {}, {"setting"}, "settings");
    for (const XMLElement* s = e->FirstChildElement("setting"); s != nullptr;
         s = s->NextSiblingElement("setting")) {
        r.check_structure(s, {"name", "value"}, {}, "settings.setting");
        const auto name = r.attr(s, "name", "settings.setting.name");
        const auto value = r.attr(s, "value", "settings.setting.value");
        if (!name || name->value.empty()) {
            r.missing(r.at(s), "settings.setting.name", "tên thiết lập (name)", "setting name (name)");
            continue;
        }
        if (!value || value->value.empty()) {
            r.missing(r.at(s), "settings." + name->value, "giá trị thiết lập (value)",
                      "setting value (value)");
            continue;
        }
        if (settings.count(name->value) != 0) {
            r.diag().error(name->where, "settings." + name->value,
                           "thiết lập '" + name->value + "' được khai hai lần",
                           "setting '" + name->value + "' is given twice");
            continue;
        }
        settings.emplace(name->value, *value);
    }
}

const std::set<std::string>& reserved_fields() {
    static const std::set<std::string> names = {"numerator", "denominator", "count", "met",
                                                "level", "applicable", "note"};
    return names;
}

void parse_figure_value(Reader& r, const XMLElement* e, const detail::Field& field,
                        IndicatorInput& in, const std::string& key, std::optional<double>& out) {
    SourceLocation where = r.at(e);
    in.locations[key] = where;
    const Text t = r.text_at(e, std::move(where), field);
    if (r.refused(t.where)) {
        in.rejected.insert(key);
        return;
    }
    if (t.value.empty()) return;
    const auto n = parse_number(t.value);
    if (!n.value) {
        in.rejected.insert(key);
        r.diag().error(t.where, field.str(), n.vi, n.en);
        return;
    }
    out = n.value;
}

void parse_indicator(Reader& r, const XMLElement* e, IndicatorInput& in) {
    using detail::Field;
    in.where = r.at(e);
    if (auto id = r.attr(e, "id", "indicator.id")) in.id = std::move(*id);
    if (in.id.value.empty()) {
        r.missing(in.where, "indicator.id", "mã chỉ tiêu (id, ví dụ T2.C1)", "indicator id (id, e.g. T2.C1)");
        in.id.where = in.where;
    }
    // Field names ("indicator[T2.C1].numerator") are joined only for a diagnostic.
    const std::string_view id = in.id.value;
    constexpr std::string_view pre = "indicator[";
    r.check_structure(e, {"id"},
                      {"numerator", "denominator", "count", "met", "level", "applicable", "figure",
                       "evidence", "note"},
                      Field(pre, id, "]"));
    if (const XMLElement* x = r.single(e, "numerator", Field(pre, id, "].numerator")))
        parse_figure_value(r, x, Field(pre, id, "].numerator"), in, "numerator", in.numerator);
    if (const XMLElement* x = r.single(e, "denominator", Field(pre, id, "].denominator")))
        parse_figure_value(r, x, Field(pre, id, "].denominator"), in, "denominator", in.denominator);
    if (const XMLElement* x = r.single(e, "count", Field(pre, id, "].count")))
        parse_figure_value(r, x, Field(pre, id, "].count"), in, "count", in.count);
    for (const char* name : {"met", "applicable"}) {
        const Field field(pre, id, "].", name);
        const XMLElement* x = r.single(e, name, field);
        if (x == nullptr) continue;
        SourceLocation where = r.at(x);
        in.locations[name] = where;
        const Text t = r.text_at(x, std::move(where), field);
        if (r.refused(t.where)) {
            in.rejected.insert(name);
            continue;
        }
        if (t.value.empty()) continue;
        const auto b = parse_bool(t.value);
        if (!b) {
            in.rejected.insert(name);
            r.diag().error(t.where, field.str(),
                           "giá trị '" + t.value + "' không hợp lệ (ghi 'có' hoặc 'không')",
                           "invalid value '" + t.value + "' (write 'có'/'yes' or 'không'/'no')");
            continue;
        }
        (std::string_view(name) == "met" ? in.met : in.applicable) = *b;
    }
    if (const XMLElement* x = r.single(e, "level", Field(pre, id, "].level"))) {
        SourceLocation where = r.at(x);
        in.locations["level"] = where;
        Text t = r.text_at(x, std::move(where), Field(pre, id, "].level"));
        if (r.refused(t.where)) {
            in.rejected.insert("level");
        } else if (!t.value.empty()) {
            in.level = std::move(t);
        }
    }
    if (const XMLElement* x = r.single(e, "note", Field(pre, id, "].note"))) {
        SourceLocation where = r.at(x);
        in.locations["note"] = where;
        in.note = r.text_at(x, std::move(where), Field(pre, id, "].note"));
    }
    for (const XMLElement* x = e->FirstChildElement("figure"); x != nullptr;
         x = x->NextSiblingElement("figure")) {
        r.check_structure(x, {"name"}, {}, Field(pre, id, "].figure"), true);
        const auto name = r.attr(x, "name", Field(pre, id, "].figure.name"));
        if (!name || name->value.empty()) {
            r.missing(r.at(x), Field(pre, id, "].figure.name"), "tên số liệu (name)", "figure name (name)");
            continue;
        }
        const Field field(pre, id, "].", name->value);
        if (!is_name_token(name->value) || reserved_fields().count(name->value) != 0) {
            r.diag().error(name->where, Field(pre, id, "].figure.name").str(),
                           "tên số liệu không hợp lệ: '" + name->value + "'",
                           "invalid figure name: '" + name->value + "'");
            continue;
        }
        if (in.locations.count(name->value) != 0) {
            r.diag().error(r.at(x), field.str(),
                           "số liệu '" + name->value + "' được khai hai lần",
                           "figure '" + name->value + "' is given twice");
            continue;
        }
        std::optional<double> v;
        parse_figure_value(r, x, field, in, name->value, v);
        if (v) in.figures[name->value] = *v;
    }
    for (const XMLElement* x = e->FirstChildElement("evidence"); x != nullptr;
         x = x->NextSiblingElement("evidence")) {
        const Field field(pre, id, "].evidence");
        r.check_structure(x, {"code", "number", "date"}, {}, field, true);
        Evidence ev;
        ev.where = r.at(x);
        if (auto c = r.attr(x, "code", Field(pre, id, "].evidence.code"))) ev.code = std::move(*c);
        if (ev.code.value.empty()) {
            r.missing(ev.where, Field(pre, id, "].evidence.code"), "mã minh chứng (code, ví dụ H1-01)",
                      "evidence code (code, e.g. H1-01)");
            continue;
        }
        if (auto n = r.attr(x, "number", Field(pre, id, "].evidence.number"))) {
            if (r.refused(n->where)) ev.rejected = true;
            ev.number = std::move(*n);
        }
        if (const auto d = r.attr(x, "date", Field(pre, id, "].evidence.date")); d && r.refused(d->where)) {
            ev.rejected = true;
        } else if (d && !d->value.empty()) {
            if (auto dd = parse_date(d->value)) {
                ev.date = *dd;
            } else {
                ev.rejected = true;
                r.diag().error(d->where, Field(pre, id, "].evidence.date").str(),
                               "ngày không hợp lệ: '" + d->value + "' (ghi YYYY-MM-DD hoặc DD/MM/YYYY)",
                               "invalid date: '" + d->value + "' (write YYYY-MM-DD or DD/MM/YYYY)");
            }
        }
        // Whether an item without a description counts as evidence is the form's rule
        // (forms::check and forms::evaluate decide and report it).
        ev.description = r.text(x, field);
        in.evidence.push_back(std::move(ev));
    }
}

void parse_report(Reader& r, const XMLElement* e, std::vector<ReportSection>& report) {
    r.check_structure(e, {}, {"section"}, "report");
    std::set<std::string> keys;
    for (const XMLElement* s = e->FirstChildElement("section"); s != nullptr;
         s = s->NextSiblingElement("section")) {
        ReportSection sec;
        if (auto k = r.attr(s, "key", "report.section.key")) sec.key = *k;
        const std::string f = "report[" + sec.key.value + "]";
        r.check_structure(s, {"key", "title"}, {"p"}, f);
        if (sec.key.value.empty()) {
            r.missing(r.at(s), "report.section.key", "khóa của mục báo cáo (key, ví dụ dac-diem)",
                      "report section key (key, e.g. dac-diem)");
            continue;
        }
        if (!keys.insert(sec.key.value).second) {
            r.diag().error(sec.key.where, f, "mục báo cáo '" + sec.key.value + "' bị lặp",
                           "duplicate report section '" + sec.key.value + "'");
            continue;
        }
        if (auto t = r.attr(s, "title", f + ".title")) sec.title = *t;
        sec.paragraphs = r.list(s, "p", f + ".p");
        report.push_back(std::move(sec));
    }
}

// <section title="…"> <p>…</p> <item>…</item> <section title="…">…</section> </section>
void parse_document_section(Reader& r, const XMLElement* e, DocumentSection& sec, int depth) {
    const std::string f = depth == 0 ? "section" : "section.section";
    if (depth == 0) {
        r.check_structure(e, {"title"}, {"p", "item", "section"}, f);
    } else {
        r.check_structure(e, {"title"}, {"p", "item"}, f);
    }
    sec.where = r.at(e);
    if (auto t = r.attr(e, "title", f + ".title")) sec.title = *t;
    if (sec.title.value.empty()) r.missing(sec.where, f + ".title", "tên mục (title)", "section title (title)");
    for (const XMLElement* c = e->FirstChildElement(); c != nullptr; c = c->NextSiblingElement()) {
        const std::string_view name = c->Name();
        if (name == "p" || name == "item") {
            r.check_structure(c, {}, {}, f + "." + std::string(name), true);
            DocumentContent dc;
            dc.item = name == "item";
            dc.text = r.text(c, f + "." + std::string(name));
            if (!dc.text.value.empty()) sec.content.push_back(std::move(dc));
        } else if (name == "section" && depth == 0) {
            DocumentSection sub;
            parse_document_section(r, c, sub, depth + 1);
            sec.sections.push_back(std::move(sub));
        }
    }
}

}  // namespace

DocumentData parse_document(std::string_view xml, const std::string& file_name, const LoadOptions& options,
                            Diagnostics& diagnostics) {
    DocumentData out;
    out.source = file_name;
    if (!preflight_xml(xml, file_name, diagnostics)) return out;
    tinyxml2::XMLDocument doc(true, tinyxml2::PRESERVE_WHITESPACE);
    doc.Parse(xml.data(), xml.size());
    if (doc.Error()) {
        detail::report_malformed_xml(doc, file_name, diagnostics, detail::xml_error_vi(doc.ErrorID()));
        return out;
    }
    Reader r(xml, file_name, options, diagnostics);
    const XMLElement* root = doc.RootElement();
    if (root == nullptr || std::string_view(root->Name()) != "hoso-document") {
        diagnostics.error(root ? r.at(root) : r.file_only(), "", "phần tử gốc phải là <hoso-document>",
                          "the root element must be <hoso-document>");
        return out;
    }
    r.check_structure(root, {"template", "version"},
                      {"issuer", "document", "summary", "addressees", "opening", "section", "closing",
                       "distribution"},
                      "");
    r.check_version(root);
    out.where = r.at(root);
    if (auto t = r.attr(root, "template", "template")) out.template_id = *t;
    if (out.template_id.value.empty()) {
        r.missing(out.where, "template", "mẫu in văn bản (thuộc tính template, ví dụ ke-hoach)",
                  "the template (attribute template, e.g. ke-hoach)");
        out.template_id.where = out.where;
    }
    for (const XMLElement* e = root->FirstChildElement("issuer"); e != nullptr; e = e->NextSiblingElement("issuer")) {
        r.check_structure(e, {}, {"parent-agency", "name", "abbreviation", "signer"}, "issuer");
        DocumentIssuer is;
        is.where = r.at(e);
        is.parent_agency = r.list(e, "parent-agency", "issuer.parent-agency");
        is.name = r.required(e, "name", "issuer.name", "tên cơ quan ban hành", "issuing body's name");
        is.abbreviation = r.required(e, "abbreviation", "issuer.abbreviation",
                                     "chữ viết tắt tên cơ quan (dùng trong ký hiệu văn bản)",
                                     "the body's abbreviation (for the ký hiệu)");
        if (const XMLElement* s = r.single(e, "signer", "issuer.signer")) {
            parse_signer(r, s, is.signer);
        } else {
            r.missing(is.where, "issuer.signer", "người ký của cơ quan (<signer>)", "the body's signer (<signer>)");
        }
        out.issuers.push_back(std::move(is));
    }
    if (out.issuers.empty()) {
        r.missing(out.where, "issuer", "cơ quan ban hành (<issuer>)", "the issuing body (<issuer>)");
    } else if (out.issuers.size() > 2) {
        r.diag().error(out.issuers[2].where, "issuer",
                       "văn bản liên tịch của hơn hai cơ quan chưa được hỗ trợ",
                       "joint documents of more than two bodies are not supported");
    }
    if (const XMLElement* e = r.single(root, "document", "document")) {
        r.check_structure(e, {"number", "date", "place"}, {}, "document");
        if (auto n = r.attr(e, "number", "document.number")) out.number = *n;
        if (auto d = r.date_attr(e, "date", "document.date", true)) out.date = *d;
        if (auto p = r.attr(e, "place", "document.place")) out.place = *p;
        if (out.place.value.empty()) r.missing(r.at(e), "document.place", "địa danh (place)", "place name (place)");
    } else {
        r.missing(out.where, "document", "số, ngày văn bản (<document number=… date=… place=…/>)",
                  "the document's number and date (<document number=… date=… place=…/>)");
    }
    for (const XMLElement* e = root->FirstChildElement("summary"); e != nullptr; e = e->NextSiblingElement("summary")) {
        r.check_structure(e, {}, {}, "summary", true);
        Text t = r.text(e, "summary");
        if (!t.value.empty()) out.summary.push_back(std::move(t));
    }
    if (out.summary.empty()) r.missing(out.where, "summary", "trích yếu (<summary>)", "the summary line (<summary>)");
    if (const XMLElement* e = r.single(root, "addressees", "addressees")) {
        r.check_structure(e, {}, {"addressee"}, "addressees");
        out.addressees = r.list(e, "addressee", "addressees");
    }
    if (const XMLElement* e = r.single(root, "opening", "opening")) {
        r.check_structure(e, {}, {"p"}, "opening");
        out.opening = r.list(e, "p", "opening.p");
    }
    for (const XMLElement* e = root->FirstChildElement("section"); e != nullptr; e = e->NextSiblingElement("section")) {
        DocumentSection sec;
        parse_document_section(r, e, sec, 0);
        out.sections.push_back(std::move(sec));
    }
    if (const XMLElement* e = r.single(root, "closing", "closing")) {
        r.check_structure(e, {}, {"p"}, "closing");
        out.closing = r.list(e, "p", "closing.p");
    }
    if (const XMLElement* e = r.single(root, "distribution", "distribution")) {
        r.check_structure(e, {}, {"recipient"}, "distribution");
        out.distribution = r.list(e, "recipient", "distribution");
        for (auto& t : out.distribution) t.value = detail::strip_item_punctuation(t.value);
    }
    return out;
}

DocumentData load_document(const std::filesystem::path& path, const LoadOptions& options, Diagnostics& diagnostics) {
    const std::string bytes = read_file(path, kMaxFileBytes + 1);
    if (bytes.size() > kMaxFileBytes) {
        DocumentData out;
        out.source = path;
        diagnostics.error({path.string(), 0, 0}, "", "tệp quá lớn, không đọc", "file too large, not read");
        return out;
    }
    DocumentData out = parse_document(bytes, path.string(), options, diagnostics);
    out.source = path;
    return out;
}

UnitData parse_unit(std::string_view xml, const std::string& file_name, const LoadOptions& options,
                    Diagnostics& diagnostics) {
    UnitData out;
    out.source = file_name;
    if (!preflight_xml(xml, file_name, diagnostics)) return out;

    tinyxml2::XMLDocument doc(true, tinyxml2::PRESERVE_WHITESPACE);
    doc.Parse(xml.data(), xml.size());
    if (doc.Error()) {
        detail::report_malformed_xml(doc, file_name, diagnostics, detail::xml_error_vi(doc.ErrorID()));
        return out;
    }
    Reader r(xml, file_name, options, diagnostics);
    const XMLElement* root = doc.RootElement();
    if (root == nullptr) {
        diagnostics.error(r.file_only(), "", "tệp không có phần tử gốc", "no root element");
        return out;
    }
    if (std::string_view(root->Name()) != "hoso-data") {
        diagnostics.error(r.at(root), "",
                          std::string("phần tử gốc phải là <hoso-data>, không phải <") +
                              root->Name() + ">",
                          std::string("the root element must be <hoso-data>, not <") + root->Name() + ">");
        return out;
    }
    r.check_structure(root, {"form", "version"},
                      {"unit", "assessment", "documents", "addressees", "signer", "authorities", "distribution",
                       "team", "settings", "indicators", "report"},
                      "");
    r.check_version(root);
    if (auto f = r.attr(root, "form", "form")) out.form_id = *f;
    if (out.form_id.value.empty()) {
        r.missing(r.at(root), "form", "mã bộ tiêu chí (thuộc tính form, ví dụ tt24-huyen)",
                  "form id (attribute form, e.g. tt24-huyen)");
        out.form_id.where = r.at(root);
    }

    if (const XMLElement* e = r.single(root, "unit", "unit")) {
        parse_unit_element(r, e, out.unit, out.rejected);
    } else {
        r.missing(r.at(root), "unit", "thông tin đơn vị (<unit>)", "unit information (<unit>)");
    }
    if (const XMLElement* e = r.single(root, "assessment", "assessment")) {
        parse_assessment(r, e, out.assessment, out.rejected);
    } else {
        r.missing(r.at(root), "assessment", "thông tin đợt đánh giá (<assessment>)",
                  "assessment information (<assessment>)");
    }
    if (const XMLElement* e = r.single(root, "documents", "documents")) parse_documents(r, e, out.documents, out.rejected);
    if (const XMLElement* e = r.single(root, "addressees", "addressees")) {
        r.check_structure(e, {}, {"addressee"}, "addressees");
        out.addressees = r.list(e, "addressee", "addressees");
    }
    if (const XMLElement* e = r.single(root, "signer", "signer")) {
        parse_signer(r, e, out.signer);
    } else {
        r.missing(r.at(root), "signer", "người ký (<signer>)", "signer (<signer>)");
    }
    if (const XMLElement* e = r.single(root, "authorities", "authorities")) out.authorities = parse_authorities(r, e);
    if (const XMLElement* e = r.single(root, "distribution", "distribution")) {
        r.check_structure(e, {}, {"recipient"}, "distribution");
        out.distribution = r.list(e, "recipient", "distribution");
        for (auto& t : out.distribution) t.value = detail::strip_item_punctuation(t.value);
    }
    if (const XMLElement* e = r.single(root, "team", "team")) {
        r.check_structure(e, {}, {"member"}, "team");
        out.team = r.list(e, "member", "team");
    }
    if (const XMLElement* e = r.single(root, "settings", "settings")) parse_settings(r, e, out.settings);
    if (const XMLElement* e = r.single(root, "indicators", "indicators")) {
        r.check_structure(e, {}, {"indicator"}, "indicators");
        for (const XMLElement* x = e->FirstChildElement("indicator"); x != nullptr;
             x = x->NextSiblingElement("indicator")) {
            IndicatorInput in;
            parse_indicator(r, x, in);
            out.indicators.push_back(std::move(in));
        }
    } else {
        r.missing(r.at(root), "indicators", "số liệu các chỉ tiêu (<indicators>)",
                  "indicator figures (<indicators>)");
    }
    if (const XMLElement* e = r.single(root, "report", "report")) parse_report(r, e, out.report);
    return out;
}

UnitData load_unit(const std::filesystem::path& path, const LoadOptions& options,
                   Diagnostics& diagnostics) {
    const std::string name = path.string();
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (!ec && std::filesystem::is_regular_file(status)) {
        const auto size = std::filesystem::file_size(path, ec);
        if (!ec && size > kMaxFileBytes) {
            UnitData out;
            out.source = path;
            diagnostics.error({name, 0, 0}, "",
                              "tệp quá lớn (" + std::to_string(size) + " byte; tối đa " +
                                  std::to_string(kMaxFileBytes) + " byte), không đọc",
                              "file too large (" + std::to_string(size) + " bytes; limit " +
                                  std::to_string(kMaxFileBytes) + "), not read");
            return out;
        }
    }
    // Missing files, directories and unreadable files throw IoError (with the path).
    const std::string bytes = read_file(path, kMaxFileBytes + 1);
    UnitData out = parse_unit(bytes, name, options, diagnostics);
    out.source = path;
    return out;
}

std::string xml_escape(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (const char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

}  // namespace hoso::data
