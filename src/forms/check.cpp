// Validation of a unit data file against its form: every problem at once, each with its place.
#include "forms/forms.h"

#include <algorithm>
#include <cmath>

#include "forms/detail/common.h"
#include "text/text.h"

namespace hoso::forms {
namespace {

std::string join(const std::vector<std::string>& items, const std::string& sep = ", ") {
    std::string s;
    for (const auto& i : items) s += (s.empty() ? "" : sep) + i;
    return s;
}

std::string date_text(const Date& d) {
    if (d.day == 0 && d.month == 0) return std::to_string(d.year);
    if (d.day == 0) return text::two_digits(d.month) + "/" + std::to_string(d.year);
    return text::short_date(d);
}

// Earliest possible day of a date whose day or month may be blank.
Date earliest(const Date& d) { return Date{d.year, d.month == 0 ? 1 : d.month, d.day == 0 ? 1 : d.day}; }
// Latest possible day of such a date (day 31 sorts after every real day of its month).
Date latest(const Date& d) { return Date{d.year, d.month == 0 ? 12 : d.month, d.day == 0 ? 31 : d.day}; }

class Checker {
public:
    Checker(const Form& form, const data::UnitData& unit, Diagnostics& d)
        : m_form(form), m_unit(unit), m_diag(d), m_tag(form.circular.short_name) {}

    void run() {
        check_form_id();
        check_unit();
        check_settings();
        m_settings = effective_settings(m_form, m_unit);
        m_flags = detail::unit_flags(m_form, m_unit);
        check_documents();
        check_request();
        check_indicators();
    }

private:
    std::string cite(const std::string& c) const { return detail::cite(m_form, c); }

    void error(const SourceLocation& w, const std::string& field, const std::string& vi, const std::string& en) {
        m_diag.error(where(w), field, vi, en);
    }
    void warning(const SourceLocation& w, const std::string& field, const std::string& vi, const std::string& en) {
        m_diag.warning(where(w), field, vi, en);
    }
    SourceLocation where(const SourceLocation& w) const {
        if (!w.file.empty()) return w;
        return SourceLocation{m_unit.source.string(), w.line, w.column};
    }

    void check_form_id() {
        if (!m_unit.form_id.value.empty() && m_unit.form_id.value != m_form.id) {
            error(m_unit.form_id.where, "form",
                  "tệp số liệu ghi bộ tiêu chí '" + m_unit.form_id.value + "' nhưng đang kiểm tra theo '" + m_form.id + "'",
                  "the data file names form '" + m_unit.form_id.value + "' but is checked against '" + m_form.id + "'");
        }
    }

    void check_unit() {
        const auto& type = m_unit.unit.type;
        if (!type.value.empty() && m_form.find_unit_type(type.value) == nullptr) {
            std::vector<std::string> codes;
            for (const auto& t : m_form.unit_types) codes.push_back(t.code);
            error(type.where, "unit.type",
                  "loại đơn vị '" + type.value + "' không có trong bộ tiêu chí " + m_form.id + "; dùng một trong: " + join(codes),
                  "unknown unit type '" + type.value + "' for form " + m_form.id + "; use one of: " + join(codes));
        }
        std::set<std::string> seen;
        for (const auto& t : m_unit.unit.traits) {
            if (m_form.find_trait(t.value) == nullptr) {
                std::vector<std::string> codes;
                for (const auto& x : m_form.traits) codes.push_back(x.code);
                error(t.where, "unit.trait",
                      "đặc điểm '" + t.value + "' không có trong bộ tiêu chí " + m_form.id +
                          (codes.empty() ? " (bộ tiêu chí này không dùng đặc điểm)" : "; dùng một trong: " + join(codes)),
                      "unknown trait '" + t.value + "' for form " + m_form.id);
            } else if (!seen.insert(t.value).second) {
                warning(t.where, "unit.trait", "đặc điểm '" + t.value + "' khai hai lần", "trait '" + t.value + "' given twice");
            }
        }
    }

    void check_settings() {
        for (const auto& [name, value] : m_unit.settings) {
            const auto values = setting_values(name);
            if (values.empty()) {
                error(value.where, "settings." + name,
                      "thiết lập không có: '" + name + "' (có: " + join(setting_names()) + ")",
                      "unknown setting '" + name + "' (known: " + join(setting_names()) + ")");
            } else if (std::find(values.begin(), values.end(), value.value) == values.end()) {
                error(value.where, "settings." + name,
                      "giá trị '" + value.value + "' không hợp lệ cho " + name + " (dùng: " + join(values) + ")",
                      "invalid value '" + value.value + "' for " + name + " (use: " + join(values) + ")");
            } else if (value.value != setting_value(m_form.settings, name)) {
                warning(value.where, "settings." + name,
                        "thay đổi thiết lập mặc định của bộ tiêu chí: " + name + " = " + value.value +
                            " (mặc định: " + setting_value(m_form.settings, name) + ")",
                        "form default overridden: " + name + " = " + value.value);
            }
        }
    }

    void check_documents() {
        const int y = m_unit.assessment.year;
        std::vector<std::string> kinds;
        for (const auto& d : m_form.procedure.documents) kinds.push_back(d.kind);
        for (const auto& [kind, doc] : m_unit.documents) {
            if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) {
                error(doc.where, "documents." + kind,
                      "loại văn bản '" + kind + "' không có trong hồ sơ của bộ tiêu chí (có: " + join(kinds) + ")",
                      "document kind '" + kind + "' is not part of this form's dossier (known: " + join(kinds) + ")");
                continue;
            }
            if (y == 0 || doc.date.year == 0) continue;
            if (doc.date.year <= y) {
                error(doc.where, "documents." + kind + ".date",
                      "ngày văn bản (" + date_text(doc.date) + ") phải sau năm đánh giá " + std::to_string(y) +
                          ": số liệu tính từ 01/01 đến 31/12/" + std::to_string(y) + " (" +
                          cite(m_form.rules.period_citation) + ")",
                      "the document date (" + date_text(doc.date) + ") must fall after the assessed year " +
                          std::to_string(y));
            }
        }
        const auto it = m_unit.documents.find("to-trinh");
        if (it == m_unit.documents.end()) {
            error(m_unit.form_id.where, "documents.to-trinh",
                  "thiếu thông tin Tờ trình (<document kind=\"to-trinh\" number=… date=…/>)",
                  "missing the Tờ trình (<document kind=\"to-trinh\" number=… date=…/>)");
            return;
        }
        const auto& tt = it->second;
        if (tt.date.year == 0) {
            if (m_unit.refused("documents.to-trinh.date")) return;  // a wrong date, reported as such
            error(tt.where, "documents.to-trinh.date",
                  "thiếu ngày Tờ trình (date; có thể để trống ngày: YYYY-MM)",
                  "missing the Tờ trình date (date; the day may be left blank: YYYY-MM)");
            return;
        }
        m_ref = earliest(tt.date);
        const auto& pr = m_form.procedure;
        if (y != 0 && pr.deadline_month != 0 && tt.date.year > y) {
            const Date deadline{y + 1, pr.deadline_month, pr.deadline_day};
            if (*m_ref >= deadline) {
                warning(tt.where, "documents.to-trinh.date",
                        "Tờ trình ngày " + date_text(tt.date) + " sau hạn gửi hồ sơ: " + pr.dossier_deadline + " (" +
                            cite(pr.deadline_citation) + ")",
                        "the Tờ trình (" + date_text(tt.date) + ") is after the dossier deadline " + to_iso(deadline));
            }
        }
        if (*m_ref < m_form.effective_from) {
            error(tt.where, "documents.to-trinh.date",
                  "Thông tư số " + m_form.circular.number + " có hiệu lực từ ngày " + text::short_date(m_form.effective_from) +
                      "; hồ sơ ngày " + date_text(tt.date) + " không đánh giá theo bộ tiêu chí này",
                  "circular " + m_form.circular.number + " is in force from " + to_iso(m_form.effective_from) +
                      "; a dossier dated " + date_text(tt.date) + " cannot use this form");
        }
        if (m_form.effective_until && *m_ref > *m_form.effective_until) {
            error(tt.where, "documents.to-trinh.date",
                  "bộ tiêu chí " + m_form.id + " hết hiệu lực từ sau ngày " + text::short_date(*m_form.effective_until) +
                      "; dùng bộ tiêu chí mới",
                  "form " + m_form.id + " is no longer in force after " + to_iso(*m_form.effective_until));
        }
        for (const auto& c : m_form.caveats) {
            if (*m_ref >= c.from && (!c.until || *m_ref <= *c.until)) {
                warning(tt.where, "documents.to-trinh.date", c.vi, c.en);
            }
        }
    }

    // Last day the previous recognition is kept (khoản 4 Điều 5: 03 năm tiếp theo năm được công nhận).
    // The year the decision was signed, as for the current recognition (evaluate): its date is known.
    Date previous_valid_until(const data::PreviousDecision& p) const {
        return valid_until(m_form, p.date.year);
    }

    void check_request() {
        const auto& a = m_unit.assessment;
        if (a.requested_level != 0 && m_form.find_level(a.requested_level) == nullptr) {
            std::vector<std::string> levels;
            for (const auto& l : m_form.levels) levels.push_back(std::to_string(l.number));
            error(a.where, "assessment.level",
                  "bộ tiêu chí không có mức độ " + std::to_string(a.requested_level) + " (có: " + join(levels) + ")",
                  "the form has no level " + std::to_string(a.requested_level) + " (levels: " + join(levels) + ")");
        }
        check_decision_date();
        if (!a.previous) return;
        const auto& p = *a.previous;
        if (a.kind == data::RequestKind::First) {
            if (m_unit.refused("assessment.kind")) return;  // the kind is wrong, not the decision
            warning(p.where, "assessment.previous-decision",
                    "đề nghị công nhận lần đầu nhưng có khai quyết định công nhận trước; kiểm tra kind (renewal = công nhận lại, upgrade = nâng mức độ)",
                    "a first request lists a previous decision; check kind (renewal or upgrade)");
            return;
        }
        if (p.level != 0 && m_form.find_level(p.level) == nullptr) {
            error(p.where, "assessment.previous-decision.level", "mức độ đã công nhận không hợp lệ: " + std::to_string(p.level),
                  "invalid previous level " + std::to_string(p.level));
        }
        if (!is_valid_date(p.date)) return;
        if (m_ref && p.date > *m_ref) {
            error(p.where, "assessment.previous-decision.date",
                  "ngày quyết định công nhận trước (" + text::short_date(p.date) + ") sau ngày Tờ trình",
                  "the previous decision (" + to_iso(p.date) + ") is dated after the Tờ trình");
            return;
        }
        const Date until = previous_valid_until(p);
        if (a.kind == data::RequestKind::Renewal) {
            if (m_ref && *m_ref <= until) {
                warning(p.where, "assessment.kind",
                        "kết quả công nhận theo quyết định " + p.number.value + " còn được bảo lưu đến " + text::short_date(until) +
                            " (" + cite(m_form.rules.validity_citation) + "); công nhận lại thực hiện sau khi hết thời hạn",
                        "the previous recognition is kept until " + to_iso(until) + "; renewal applies after it expires");
            }
            return;
        }
        // Upgrade (nâng mức độ).
        if (!m_form.rules.upgrade_allowed) {
            error(a.where, "assessment.kind", "bộ tiêu chí " + m_form.id + " không quy định công nhận nâng mức độ",
                  "form " + m_form.id + " has no upgrade procedure");
            return;
        }
        const int top = m_form.levels.empty() ? 0 : m_form.levels.back().number;
        const bool levels_known =
            !m_unit.refused("assessment.level") && !m_unit.refused("assessment.previous-decision.level");
        if (levels_known && (p.level != 1 || a.requested_level != top)) {
            error(a.where, "assessment.kind",
                  "nâng mức độ: đơn vị đã được công nhận mức độ 1 đề nghị công nhận mức độ " + std::to_string(top) + " (" +
                      cite(m_form.rules.upgrade_citation) + "); hiện khai mức độ trước " + std::to_string(p.level) +
                      ", đề nghị mức độ " + std::to_string(a.requested_level),
                  "upgrade means level 1 → level " + std::to_string(top) + "; the file gives " + std::to_string(p.level) +
                      " → " + std::to_string(a.requested_level));
        }
        if (m_ref) {
            // TT24 khoản 3 Điều 5: an outcome for the request (evaluate marks it not in order),
            // not an input error: the evaluation is still shown.
            const int months = months_between(p.date, *m_ref);
            if (months < m_form.rules.upgrade_months) {
                const Date earliest = add_months(p.date, m_form.rules.upgrade_months);
                warning(p.where, "assessment.previous-decision.date",
                        "đề nghị nâng mức độ khi chưa đủ " + std::to_string(m_form.rules.upgrade_months) +
                            " tháng kể từ ngày ra quyết định công nhận mức độ 1 (" + text::short_date(p.date) +
                            " đến ngày Tờ trình " + text::short_date(*m_ref) + ": " + std::to_string(std::max(0, months)) +
                            " tháng) (" + cite(m_form.rules.upgrade_citation) +
                            "): đề nghị chưa đúng thời hạn, không lập được Tờ trình; Tờ trình đề nghị nâng mức độ lập sớm nhất từ ngày " +
                            text::short_date(earliest),
                        "upgrade requested " + std::to_string(std::max(0, months)) + " months after the level-1 decision; at least " +
                            std::to_string(m_form.rules.upgrade_months) +
                            " are required: the request is not in order and no Tờ trình is made; the earliest date for it is " +
                            to_iso(earliest));
            }
            if (*m_ref > until) {
                warning(p.where, "assessment.kind",
                        "quyết định công nhận mức độ 1 đã hết thời hạn bảo lưu (" + text::short_date(until) +
                            "); nên đề nghị công nhận lại",
                        "the level-1 recognition expired on " + to_iso(until) + "; consider a renewal");
            }
        }
    }

    // <assessment decision-date>: the decision recognising this assessment comes after the
    // assessed year and after the Tờ trình.
    void check_decision_date() {
        const auto& a = m_unit.assessment;
        if (!a.decision_date) return;
        const Date& d = *a.decision_date;
        if (a.year != 0 && d.year <= a.year) {
            error(a.where, "assessment.decision-date",
                  "ngày quyết định công nhận (" + date_text(d) + ") phải sau năm đánh giá " + std::to_string(a.year),
                  "the recognition decision (" + date_text(d) + ") must come after the assessed year " +
                      std::to_string(a.year));
        } else if (m_ref && latest(d) < *m_ref) {
            error(a.where, "assessment.decision-date",
                  "ngày quyết định công nhận (" + date_text(d) + ") trước ngày Tờ trình (" + text::short_date(*m_ref) + ")",
                  "the recognition decision (" + date_text(d) + ") is dated before the Tờ trình");
        }
    }

    bool applicable_somewhere(const Indicator& ind) const {
        return std::any_of(ind.requirements.begin(), ind.requirements.end(),
                           [&](const Requirement& r) { return detail::applies(ind, r, m_flags); });
    }

    void check_indicators() {
        std::map<std::string, const data::IndicatorInput*> seen;
        for (const auto& in : m_unit.indicators) {
            if (in.id.value.empty()) continue;
            const auto [it, fresh] = seen.emplace(in.id.value, &in);
            if (!fresh) {
                error(in.where, "indicator[" + in.id.value + "]",
                      "chỉ tiêu " + in.id.value + " được khai hai lần (lần đầu ở dòng " + std::to_string(it->second->where.line) + ")",
                      "indicator " + in.id.value + " is given twice (first on line " + std::to_string(it->second->where.line) + ")");
                continue;
            }
            const Indicator* ind = m_form.find_indicator(in.id.value);
            if (ind == nullptr) {
                std::vector<std::string> ids;
                for (const auto& c : m_form.criteria)
                    for (const auto& i : c.indicators) ids.push_back(i.id);
                error(in.id.where, "indicator[" + in.id.value + "]",
                      "chỉ tiêu '" + in.id.value + "' không có trong bộ tiêu chí " + m_form.id + " (có: " + join(ids) + ")",
                      "unknown indicator '" + in.id.value + "' for form " + m_form.id);
                continue;
            }
            check_indicator(*ind, in);
        }
        for (const auto& c : m_form.criteria) {
            for (const auto& ind : c.indicators) {
                if (seen.count(ind.id) != 0 || !applicable_somewhere(ind)) continue;
                error(m_unit.form_id.where, "indicator[" + ind.id + "]",
                      "thiếu chỉ tiêu " + ind.id + " (Tiêu chí " + std::to_string(c.number) + ", chỉ tiêu " +
                          std::to_string(ind.number) + ": " + ind.short_name + ")",
                      "missing indicator " + ind.id + " (" + ind.short_name + ")");
            }
        }
    }

    // The figures one indicator needs, in name order without repeats (as a std::set would
    // give them); the names live in the form or are literals.
    class Names {
    public:
        void insert(const char* n) { insert(std::string_view(n)); }
        void insert(const std::string& n) { insert(std::string_view(n)); }
        void insert(std::string&&) = delete;  // a view of a temporary would dangle
        void insert(std::string_view n) {
            const auto it = std::lower_bound(m_names.begin(), m_names.end(), n);
            if (it == m_names.end() || *it != n) m_names.insert(it, n);
        }
        std::size_t count(std::string_view n) const {
            return std::binary_search(m_names.begin(), m_names.end(), n) ? 1 : 0;
        }
        auto begin() const { return m_names.begin(); }
        auto end() const { return m_names.end(); }

    private:
        std::vector<std::string_view> m_names;
    };

    // "indicator[T2.C1]": made only for a diagnostic.
    static std::string field_of(const Indicator& ind) { return "indicator[" + ind.id + "]"; }

    SourceLocation loc(const data::IndicatorInput& in, const std::string& name) const {
        const auto it = in.locations.find(name);
        return it == in.locations.end() ? in.where : it->second;
    }

    void check_indicator(const Indicator& ind, const data::IndicatorInput& in) {
        if (!applicable_somewhere(ind)) {
            const bool has_data = in.numerator || in.denominator || in.count || in.met || in.level || !in.figures.empty();
            if (has_data) {
                const Requirement& r0 = ind.requirements.front();
                Applicability a = ind.applies;
                a.any_of.insert(a.any_of.end(), r0.applies.any_of.begin(), r0.applies.any_of.end());
                a.none_of.insert(a.none_of.end(), r0.applies.none_of.begin(), r0.applies.none_of.end());
                warning(in.where, field_of(ind),
                        "chỉ tiêu " + ind.id + " không áp dụng cho loại đơn vị '" + m_unit.unit.type.value + "' (" +
                            m_form.describe(a) + "); số liệu được bỏ qua",
                        "indicator " + ind.id + " does not apply to unit type '" + m_unit.unit.type.value + "'; figures ignored");
            }
            return;
        }
        if (in.applicable && !*in.applicable) {
            if (ind.may_be_not_applicable.empty()) {
                error(loc(in, "applicable"), field_of(ind),
                      "chỉ tiêu " + ind.id + " không được khai là không áp dụng (<applicable>không</applicable>)",
                      "indicator " + ind.id + " cannot be declared not applicable");
            } else if (in.note.value.empty()) {
                warning(loc(in, "applicable"), field_of(ind),
                        "chỉ tiêu " + ind.id + " khai không áp dụng: ghi lý do trong <note> (" + ind.may_be_not_applicable + ")",
                        "indicator " + ind.id + " declared not applicable: give the reason in <note>");
            }
            return;
        }

        // Which figures are needed for this unit.
        Names needed;
        const bool use_alt = ind.alternative && m_flags.count(ind.alternative->flag) != 0;
        switch (ind.measure) {
            case Measure::YesNo: needed.insert("met"); break;
            case Measure::Count: needed.insert("count"); break;
            case Measure::Level: needed.insert("level"); break;
            case Measure::Trend: needed.insert("previous"); needed.insert("current"); break;
            case Measure::Ratio:
                if (!(use_alt && m_settings.alternative == AlternativeMode::Replace)) {
                    for (const auto& r : ind.requirements) {
                        if (detail::applies(ind, r, m_flags)) needed.insert(r.numerator_figure.empty() ? std::string_view("numerator") : std::string_view(r.numerator_figure));
                    }
                    needed.insert("denominator");
                    if (!ind.sub_figure.empty()) needed.insert(ind.sub_figure);
                }
                if (use_alt) {
                    needed.insert(ind.alternative->numerator);
                    needed.insert(ind.alternative->denominator);
                }
                break;
        }
        if (ind.measure != Measure::YesNo && !ind.label_of("met").empty()) needed.insert("met");
        auto given = [&](std::string_view name) -> bool {
            if (name == "met") return in.met.has_value();
            if (name == "level") return in.level.has_value();
            if (name == "count") return in.count.has_value();
            if (name == "numerator") return in.numerator.has_value();
            if (name == "denominator") return in.denominator.has_value() || (ind.denominator_is_members && m_unit.unit.members);
            return in.figures.find(std::string(name)) != in.figures.end();
        };
        // A value written but refused (not a number, not yes/no…) is reported once, by
        // load_unit; so is an <applicable> that could not be read (which figures are needed is
        // then unknown), and <members> for the ratios that default to it.
        const bool applicability_unknown = in.rejected.count("applicable") != 0;
        auto refused = [&](std::string_view name) {
            if (in.rejected.count(std::string(name)) != 0) return true;
            return name == "denominator" && ind.denominator_is_members && !in.denominator &&
                   m_unit.refused("unit.members");
        };
        for (const std::string_view needed_name : needed) {
            if (given(needed_name) || applicability_unknown || refused(needed_name)) continue;
            const std::string name(needed_name);
            std::string label = ind.label_of(name);
            std::string hint;
            if (name == "denominator" && ind.denominator_is_members) hint = " (hoặc khai <members> của đơn vị)";
            if (name == "met") label += " (có / không)";
            error(loc(in, name), field_of(ind) + "." + name,
                  "chỉ tiêu " + ind.id + ": chưa nhập <" + element_of(name) + ">" + hint + " — " + label,
                  "indicator " + ind.id + ": missing value <" + element_of(name) + ">");
        }
        // Values that the form does not use.
        for (const auto& [name, value] : in.figures) {
            (void)value;
            if (needed.count(name) != 0) continue;
            if (ind.label_of(name).empty()) {
                std::vector<std::string> names;
                for (const auto& s : ind.figures)
                    if (s.name != "numerator" && s.name != "denominator" && s.name != "count" && s.name != "met" && s.name != "level")
                        names.push_back(s.name);
                error(loc(in, name), field_of(ind) + "." + name,
                      "chỉ tiêu " + ind.id + " không có số liệu tên '" + name + "'" + (names.empty() ? "" : " (có: " + join(names) + ")"),
                      "indicator " + ind.id + " has no figure named '" + name + "'");
            } else {
                warning(loc(in, name), field_of(ind) + "." + name, "số liệu '" + name + "' không dùng cho đơn vị này, bị bỏ qua",
                        "figure '" + name + "' is not used for this unit; ignored");
            }
        }
        for (const char* name : {"numerator", "denominator", "count", "met", "level"}) {
            const bool present = (std::string_view(name) == "numerator" && in.numerator) ||
                                 (std::string_view(name) == "denominator" && in.denominator) ||
                                 (std::string_view(name) == "count" && in.count) ||
                                 (std::string_view(name) == "met" && in.met) ||
                                 (std::string_view(name) == "level" && in.level);
            if (present && needed.count(name) == 0 && !(std::string_view(name) == "denominator" && use_alt)) {
                warning(loc(in, name), field_of(ind) + "." + name,
                        "chỉ tiêu " + ind.id + " (" + measure_name(ind.measure) + ") không dùng <" + name + ">, bị bỏ qua",
                        "indicator " + ind.id + " does not use <" + name + ">; ignored");
            }
        }
        check_values(ind, in, needed);
        check_evidence(ind, in);
    }

    static std::string element_of(const std::string& name) {
        static const std::set<std::string> plain = {"numerator", "denominator", "count", "met", "level"};
        if (plain.count(name) != 0) return name;
        return "figure name=\"" + name + "\"";
    }

    void check_values(const Indicator& ind, const data::IndicatorInput& in, const Names& needed) {
        auto value = [&](const std::string& n) { return detail::figure(ind, m_unit, in, n); };
        if (ind.whole_numbers && (ind.measure == Measure::Ratio || ind.measure == Measure::Count)) {
            for (const std::string_view needed_name : needed) {
                const std::string n(needed_name);
                const auto v = value(n);
                if (v && std::fabs(*v - std::round(*v)) > 1e-9) {
                    error(loc(in, n), field_of(ind) + "." + n, "chỉ tiêu " + ind.id + ": " + element_of(n) + " phải là số nguyên (" + detail::fmt_number(*v) + ")",
                          "indicator " + ind.id + ": <" + element_of(n) + "> must be a whole number");
                }
            }
        }
        if (ind.measure == Measure::Ratio) {
            const auto den = value("denominator");
            auto pair = [&](const std::string& num_name, const std::string& den_name) {
                const auto n = value(num_name);
                const auto d = value(den_name);
                if (!n || !d) return;
                if (*d <= 0) {
                    error(loc(in, den_name), field_of(ind) + "." + den_name, "chỉ tiêu " + ind.id + ": mẫu số phải lớn hơn 0",
                          "indicator " + ind.id + ": the denominator must be greater than 0");
                } else if (*n > *d) {
                    error(loc(in, num_name), field_of(ind) + "." + num_name,
                          "chỉ tiêu " + ind.id + ": tử số (" + detail::fmt_number(*n) + ") lớn hơn mẫu số (" + detail::fmt_number(*d) + ")",
                          "indicator " + ind.id + ": numerator (" + detail::fmt_number(*n) + ") > denominator (" + detail::fmt_number(*d) + ")");
                }
            };
            for (const std::string_view needed_name : needed) {
                const std::string n(needed_name);
                if (ind.alternative && (n == ind.alternative->numerator || n == ind.alternative->denominator)) continue;
                if (n == "denominator") continue;
                pair(n, "denominator");
            }
            if (ind.alternative && needed.count(ind.alternative->numerator) != 0) {
                pair(ind.alternative->numerator, ind.alternative->denominator);
            }
            if (!ind.sub_figure.empty() && needed.count(ind.sub_figure) != 0) {
                const auto sub = value(ind.sub_figure);
                const auto num = value("numerator");
                if (sub && num && *sub > *num) {
                    error(loc(in, ind.sub_figure), field_of(ind) + "." + ind.sub_figure,
                          "chỉ tiêu " + ind.id + ": số " + ind.sub_label + " (" + detail::fmt_number(*sub) +
                              ") lớn hơn tử số (" + detail::fmt_number(*num) + ")",
                          "indicator " + ind.id + ": the sub-figure exceeds the numerator");
                }
            }
            if (ind.denominator_is_members && in.denominator && m_unit.unit.members &&
                std::fabs(*in.denominator - *m_unit.unit.members) > 1e-9) {
                warning(loc(in, "denominator"), field_of(ind) + ".denominator",
                        "chỉ tiêu " + ind.id + ": mẫu số (" + detail::fmt_number(*in.denominator) + ") khác số Thành viên khai ở <members> (" +
                            std::to_string(*m_unit.unit.members) + ")",
                        "indicator " + ind.id + ": denominator differs from <members>");
            }
            (void)den;
        }
        if (ind.measure == Measure::Level && in.level) {
            const Scale* sc = m_form.find_scale(ind.scale);
            if (sc != nullptr && sc->rank(in.level->value) < 0) {
                std::vector<std::string> steps;
                for (const auto& s : sc->steps) steps.push_back(s.code + " (" + s.name + ")");
                error(in.level->where, field_of(ind) + ".level",
                      "chỉ tiêu " + ind.id + ": mức '" + in.level->value + "' không hợp lệ; dùng một trong: " + join(steps),
                      "indicator " + ind.id + ": invalid level '" + in.level->value + "'");
            }
        }
    }

    void check_evidence(const Indicator& ind, const data::IndicatorInput& in) {
        for (std::size_t k = 0; k < in.evidence.size(); ++k) {
            const auto& e = in.evidence[k];
            const auto repeated = [&] {
                for (std::size_t m = 0; m < k; ++m) {
                    if (in.evidence[m].code.value == e.code.value) return true;
                }
                return false;
            };
            if (repeated()) {
                warning(e.where, field_of(ind) + ".evidence", "minh chứng " + e.code.value + " khai hai lần trong chỉ tiêu " + ind.id,
                        "evidence " + e.code.value + " listed twice");
            }
            if (!e.date) continue;
            const int y = m_unit.assessment.year;
            if (m_ref && *e.date > *m_ref) {
                error(e.where, field_of(ind) + ".evidence",
                      "minh chứng " + e.code.value + " ngày " + text::short_date(*e.date) + " sau ngày Tờ trình",
                      "evidence " + e.code.value + " is dated after the Tờ trình");
            } else if (y != 0 && e.date->year != y) {
                warning(e.where, field_of(ind) + ".evidence",
                        "minh chứng " + e.code.value + " ngày " + text::short_date(*e.date) + " ngoài năm đánh giá " +
                            std::to_string(y) + " (số liệu tính từ 01/01 đến 31/12 — " + cite(m_form.rules.period_citation) + ")",
                        "evidence " + e.code.value + " is dated outside the assessed year " + std::to_string(y));
            }
        }
        const detail::EvidenceState state = detail::evidence_state(in);
        // Levels at which the figures meet the threshold (a Đạt claim).
        std::vector<int> claimed;
        for (const auto& r : ind.requirements) {
            if (!detail::applies(ind, r, m_flags)) continue;
            if (judged_pass(detail::judge(m_form, ind, r, m_unit, in, m_flags, m_settings))) claimed.push_back(r.level);
        }
        const bool policy = m_settings.evidence != EvidencePolicy::Optional;
        // An item whose number or date was refused may well be suitable once corrected: its
        // error is the one thing said about it, and the indicator's evidence is not judged yet.
        const bool unknown = std::any_of(in.evidence.begin(), in.evidence.end(),
                                         [](const data::Evidence& e) { return e.rejected && !detail::checkable(e); });
        // Said once, on the indicator, below: the blank items are why it lacks evidence.
        const bool on_indicator = policy && !claimed.empty() && state.issue == EvidenceIssue::Blank && !unknown;
        for (const auto& e : in.evidence) {
            if (!e.description.value.empty() || on_indicator || e.rejected) continue;
            if (detail::checkable(e) || !policy) {
                warning(e.where, field_of(ind) + ".evidence",
                        "minh chứng " + e.code.value + " chưa có mô tả (tên, số, ngày văn bản)",
                        "evidence " + e.code.value + " has no description");
            } else {
                warning(e.where, field_of(ind) + ".evidence",
                        detail::blank_evidence_text({e.code.value}) + " nên không được tính là minh chứng phù hợp",
                        "evidence " + e.code.value + " has no description, number or date: it does not count as evidence");
            }
        }
        if (!policy || claimed.empty() || state.issue == EvidenceIssue::None || unknown) return;
        const std::string which = state.issue == EvidenceIssue::Blank
                                      ? " (" + detail::blank_evidence_text(state.blank) + ")"
                                      : std::string();
        const std::string which_en = state.issue == EvidenceIssue::Blank ? " (its items have no description, number or date)" : "";
        if (m_settings.evidence == EvidencePolicy::Recommended) {
            if (state.issue == EvidenceIssue::Missing) {
                warning(in.where, field_of(ind) + ".evidence", "chỉ tiêu " + ind.id + " đạt theo số liệu nhưng chưa khai minh chứng",
                        "indicator " + ind.id + " meets its threshold but lists no evidence");
            } else {
                warning(in.where, field_of(ind) + ".evidence",
                        "chỉ tiêu " + ind.id + " đạt theo số liệu nhưng chưa có minh chứng phù hợp" + which,
                        "indicator " + ind.id + " meets its threshold but has no suitable evidence" + which_en);
            }
            return;
        }
        // Required (TT24 khoản 3 Điều 9): the indicator is Không đạt — a result, said with what follows.
        warning(in.where, field_of(ind) + ".evidence",
                "chỉ tiêu " + ind.id + " đạt theo số liệu nhưng không có minh chứng phù hợp" + which +
                    " nên được đánh giá là không đạt (" + detail::evidence_basis(m_form) + "): " +
                    consequence_vi(ind, claimed),
                "indicator " + ind.id + " meets its threshold but has no suitable evidence" + which_en + ", so it is not met (" +
                    detail::evidence_basis(m_form) + "): " + consequence_en(ind, claimed));
    }

    // What an indicator judged Không đạt at the levels `claimed` (where its figures pass) does:
    // its criterion fails there, and at the requested level no Tờ trình can be made.
    std::string consequence_vi(const Indicator& ind, const std::vector<int>& claimed) const {
        const Criterion* c = m_form.criterion_of(ind.id);
        const std::string crit = c != nullptr ? "Tiêu chí " + std::to_string(c->number) : std::string("tiêu chí");
        const int want = m_unit.assessment.requested_level;
        if (std::find(claimed.begin(), claimed.end(), want) != claimed.end()) {
            return crit + " không đạt, đơn vị không đạt mức độ " + std::to_string(want) +
                   " đề nghị công nhận và không lập được Tờ trình";
        }
        std::string levels;
        for (int l : claimed) levels += (levels.empty() ? "" : ", ") + std::to_string(l);
        return crit + " không đạt ở mức độ " + levels;
    }
    std::string consequence_en(const Indicator& ind, const std::vector<int>& claimed) const {
        const Criterion* c = m_form.criterion_of(ind.id);
        const std::string crit = c != nullptr ? "criterion " + std::to_string(c->number) : std::string("its criterion");
        const int want = m_unit.assessment.requested_level;
        if (std::find(claimed.begin(), claimed.end(), want) != claimed.end()) {
            return crit + " fails, the requested level " + std::to_string(want) + " is not reached and no Tờ trình is made";
        }
        std::string levels;
        for (int l : claimed) levels += (levels.empty() ? "" : ", ") + std::to_string(l);
        return crit + " fails at level " + levels;
    }

    static bool judged_pass(const detail::Judgement& j) { return j.pass && j.missing.empty() && !j.invalid; }

    const Form& m_form;
    const data::UnitData& m_unit;
    Diagnostics& m_diag;
    std::string m_tag;
    Settings m_settings;
    std::set<std::string> m_flags;
    std::optional<Date> m_ref;  // the Tờ trình date (earliest possible day)
};

}  // namespace

void check(const Form& form, const data::UnitData& unit, Diagnostics& diagnostics) {
    Diagnostics found;
    Checker(form, unit, found).run();
    // Report in file order (line, then column); problems without a line come first.
    std::vector<Diagnostic> items = found.items();
    std::stable_sort(items.begin(), items.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::make_pair(a.where.line, a.where.column) < std::make_pair(b.where.line, b.where.column);
    });
    for (auto& d : items) diagnostics.add(std::move(d));
}

}  // namespace hoso::forms
