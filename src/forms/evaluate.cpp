// The engine: every indicator, criterion and level of a form, decided for one unit.
//
// Rules (each from the form file, see examples/README.md):
//   - an indicator is Đạt when its figures meet the level's threshold and, where the form's
//     evidence policy is "required" (TT24 khoản 3 Điều 9 / khoản 3 Điều 15), it has suitable
//     minh chứng: an item with a description, a number or a date (a bare code is not checkable);
//   - an indicator that does not apply to the unit is "Không áp dụng" (policy "exclude") or
//     Không đạt (policy "fail");
//   - a criterion is Đạt when all its (applicable) indicators are (TT24 khoản 4 Điều 9);
//   - a level is reached when all its criteria are (TT24 Điều 8; TT25 khoản 1 Điều 8, 13, 18);
//   - the requested level is granted when it is reached and, for an upgrade, at least
//     `upgrade_months` passed from the level-1 decision to the Tờ trình (TT24 khoản 3 Điều 5);
//     an upgrade asked earlier is evaluated all the same, the request marked not in order with
//     the earliest date it may be made;
//   - recognition is kept `validity_years` years following the year recognised (khoản 4 Điều 5):
//     the year the decision is signed when the data gives it; without it, validity-base says
//     which year to assume (the assessed year, or the year after it).
#include "forms/forms.h"

#include <algorithm>
#include <cmath>

#include "forms/detail/common.h"
#include "text/text.h"

namespace hoso::forms {
namespace detail {
namespace {

bool at_least(double num, double den, double min_percent) {
    // num/den ≥ min% without division; exact for whole numbers.
    return num * 100.0 >= min_percent * den - 1e-9 * std::max(1.0, den);
}

std::string lower_first(const std::string& s) {
    if (s.empty()) return s;
    // Only the first code point is lowered; labels start with an ASCII or Vietnamese letter.
    std::size_t len = 1;
    const auto c = static_cast<unsigned char>(s[0]);
    if (c >= 0xF0) len = 4;
    else if (c >= 0xE0) len = 3;
    else if (c >= 0xC0) len = 2;
    return text::to_lower(s.substr(0, len)) + s.substr(len);
}

struct RatioPart {
    std::string label;  // population prefix, may be empty
    double num = 0, den = 0, min = 0;
};

void judge_ratio(const Form& form, const Indicator& ind, const Requirement& req,
                 const data::UnitData& unit, const data::IndicatorInput& in,
                 const std::set<std::string>& flags, const Settings& settings, Judgement& j) {
    (void)form;
    double min = req.min_percent;
    std::optional<double> sub_min = req.sub_min_percent;
    for (const auto& v : req.variants) {
        if (has_trait(unit, v.trait)) {
            min = v.min_percent;
            if (v.sub_min_percent) sub_min = v.sub_min_percent;
            break;
        }
    }
    const bool use_alt = ind.alternative && req.alternative_min_percent &&
                         flags.count(ind.alternative->flag) != 0;
    const bool primary = !(use_alt && settings.alternative == AlternativeMode::Replace);
    j.pass = true;
    std::vector<std::string> values, reasons;

    auto one = [&](const std::string& label, const std::string& num_name, const std::string& den_name,
                   double threshold, bool with_sub) {
        const auto num = figure(ind, unit, in, num_name);
        const auto den = figure(ind, unit, in, den_name);
        if (!num) j.missing.push_back(ind.label_of(num_name));
        if (!den) j.missing.push_back(ind.label_of(den_name));
        std::optional<double> sub;
        if (with_sub) {
            sub = figure(ind, unit, in, ind.sub_figure);
            if (!sub) j.missing.push_back(ind.label_of(ind.sub_figure));
        }
        if (!num || !den || (with_sub && !sub)) {
            j.pass = false;
            return;
        }
        const std::string prefix = label.empty() ? "" : label + ": ";
        if (*den <= 0 || *num > *den || (sub && *sub > *num)) {
            j.invalid = true;
            j.pass = false;
            values.push_back(prefix + fmt_number(*num) + "/" + fmt_number(*den));
            reasons.push_back(prefix + (*den <= 0 ? "mẫu số phải lớn hơn 0" : "số liệu không hợp lệ"));
            return;
        }
        const double p = *num / *den * 100.0;
        if (label.empty() || !j.percent) j.percent = p;
        const bool ok = at_least(*num, *den, threshold);
        j.pass = j.pass && ok;
        std::string v = prefix + fmt_number(*num) + "/" + fmt_number(*den) + " = " + fmt_percent_vs(p, threshold);
        std::string r = prefix + fmt_percent_vs(p, threshold) + (ok ? " ≥ " : " < ") + fmt_percent(threshold);
        if (sub && sub_min) {
            const double sp = *sub / *den * 100.0;
            const bool ok2 = at_least(*sub, *den, *sub_min);
            j.pass = j.pass && ok2;
            v += "; trong đó " + ind.sub_label + ": " + fmt_number(*sub) + "/" + fmt_number(*den) + " = " +
                 fmt_percent_vs(sp, *sub_min);
            r += "; " + ind.sub_label + " " + fmt_percent_vs(sp, *sub_min) + (ok2 ? " ≥ " : " < ") +
                 fmt_percent(*sub_min);
        }
        values.push_back(std::move(v));
        reasons.push_back(std::move(r));
    };

    const std::string num_name = req.numerator_figure.empty() ? "numerator" : req.numerator_figure;
    if (primary) one(use_alt ? ind.population : "", num_name, "denominator", min, !ind.sub_figure.empty());
    if (use_alt) {
        one(ind.alternative->label, ind.alternative->numerator, ind.alternative->denominator,
            *req.alternative_min_percent, false);
    }
    j.value = "";
    for (const auto& v : values) j.value += (j.value.empty() ? "" : "; ") + v;
    for (const auto& r : reasons) j.reason += (j.reason.empty() ? "" : "; ") + r;
}

}  // namespace

std::string unit_requirement(const Form& form, const Indicator& ind, const Requirement& req,
                             const data::UnitData& unit, const std::set<std::string>& flags,
                             const Settings& settings) {
    if (ind.measure != Measure::Ratio || (req.variants.empty() && !ind.alternative)) return req.summary;
    const auto pct = [](double v) { return fmt_percent(v); };
    double min = req.min_percent;
    std::optional<double> sub_min = req.sub_min_percent;
    std::string suffix;
    for (const auto& v : req.variants) {
        if (has_trait(unit, v.trait)) {
            min = v.min_percent;
            if (v.sub_min_percent) sub_min = v.sub_min_percent;
            const Trait* t = form.find_trait(v.trait);
            suffix = " (" + lower_first(t != nullptr ? t->name : v.trait) + ")";
            break;
        }
    }
    std::string s = "Tối thiểu " + pct(min);
    if (sub_min && !ind.sub_figure.empty()) s += ", trong đó " + ind.sub_label + " tối thiểu " + pct(*sub_min);
    s += suffix;
    const bool use_alt = ind.alternative && req.alternative_min_percent && flags.count(ind.alternative->flag) != 0;
    if (use_alt) {
        const std::string alt = ind.alternative->label + ": tối thiểu " + pct(*req.alternative_min_percent);
        if (settings.alternative == AlternativeMode::Replace) return alt;
        return (ind.population.empty() ? s : ind.population + ": " + lower_first(s)) + "; " + alt;
    }
    return s;
}

Judgement judge(const Form& form, const Indicator& ind, const Requirement& req,
                const data::UnitData& unit, const data::IndicatorInput& in,
                const std::set<std::string>& flags, const Settings& settings) {
    Judgement j;
    switch (ind.measure) {
        case Measure::YesNo:
            if (!in.met) {
                j.missing.push_back(ind.label_of("met"));
                break;
            }
            j.pass = *in.met;
            j.value = *in.met ? ind.yes_text : ind.no_text;
            if (!j.pass) j.reason = "Không đáp ứng yêu cầu của chỉ tiêu";
            break;
        case Measure::Ratio:
            judge_ratio(form, ind, req, unit, in, flags, settings, j);
            break;
        case Measure::Count: {
            if (!in.count) {
                j.missing.push_back(ind.label_of("count"));
                break;
            }
            j.pass = *in.count >= req.min_count;
            const std::string unit_word = ind.count_unit.empty() ? "" : " " + ind.count_unit;
            j.value = fmt_count(*in.count) + unit_word;
            j.reason = fmt_count(*in.count) + (j.pass ? " ≥ " : " < ") + fmt_count(req.min_count);
            break;
        }
        case Measure::Level: {
            if (!in.level) {
                j.missing.push_back(ind.label_of("level"));
                break;
            }
            const Scale* sc = form.find_scale(ind.scale);
            const int have = sc != nullptr ? sc->rank(in.level->value) : -1;
            const int need = sc != nullptr ? sc->rank(req.min_step) : -1;
            if (have < 0 || need < 0) {
                j.invalid = true;
                j.value = in.level->value;
                j.reason = "Mức không hợp lệ: '" + in.level->value + "'";
                break;
            }
            j.pass = have >= need;
            j.value = sc->steps[static_cast<std::size_t>(have)].name;
            if (!j.pass) {
                j.reason = j.value + " thấp hơn yêu cầu (" + sc->steps[static_cast<std::size_t>(need)].name + ")";
            }
            break;
        }
        case Measure::Trend: {
            const auto prev = figure(ind, unit, in, "previous");
            const auto cur = figure(ind, unit, in, "current");
            if (!prev) j.missing.push_back(ind.label_of("previous"));
            if (!cur) j.missing.push_back(ind.label_of("current"));
            if (!prev || !cur) break;
            auto with_unit = [&](double v) {
                if (ind.value_unit.empty()) return fmt_number(v);
                if (ind.value_unit == "%") return fmt_number(v) + "%";
                return fmt_number(v) + " " + ind.value_unit;
            };
            const bool up = ind.direction == Direction::Increase;
            j.pass = up ? *cur > *prev : *cur < *prev;
            j.value = with_unit(*cur) + " (năm trước: " + with_unit(*prev) + ")";
            const double diff = std::fabs(*cur - *prev);
            // A change of a percentage is in percentage points.
            const std::string amount = ind.value_unit == "%" ? fmt_number(diff) + " điểm phần trăm" : with_unit(diff);
            if (*cur == *prev) {
                j.reason = "Không đổi so với năm trước";
            } else if (*cur > *prev) {
                j.reason = "Tăng " + amount + " so với năm trước";
            } else {
                j.reason = "Giảm " + amount + " so với năm trước";
            }
            break;
        }
    }
    // A further yes/no condition of a measured indicator (TT25 tỉnh T3.C5: “… và tham gia xây dựng
    // nguồn tài nguyên số dùng chung …” beside “tối thiểu 04 chương trình”).
    if (ind.measure != Measure::YesNo && !ind.label_of("met").empty()) {
        if (!in.met) {
            j.missing.push_back(ind.label_of("met"));
        } else {
            j.value += "; " + (*in.met ? ind.yes_text : ind.no_text);
            if (!*in.met) {
                j.pass = false;
                j.reason += (j.reason.empty() ? "" : "; ") + std::string("không đáp ứng: ") + ind.label_of("met");
            }
        }
    }
    return j;
}

}  // namespace detail

namespace {

using detail::applies;

Applicability combined(const Indicator& ind, const Requirement& req) {
    Applicability a = ind.applies;
    a.any_of.insert(a.any_of.end(), req.applies.any_of.begin(), req.applies.any_of.end());
    a.none_of.insert(a.none_of.end(), req.applies.none_of.begin(), req.applies.none_of.end());
    return a;
}

std::string lower_first_cp(const std::string& s) {
    const std::u32string u = text::to_utf32(s);
    if (u.empty()) return s;
    return text::to_lower(text::to_utf8(u.substr(0, 1))) + text::to_utf8(u.substr(1));
}

std::string capitalise(const std::string& s) {
    if (s.empty()) return s;
    std::size_t len = 1;
    const auto c = static_cast<unsigned char>(s[0]);
    if (c >= 0xF0) len = 4;
    else if (c >= 0xE0) len = 3;
    else if (c >= 0xC0) len = 2;
    return text::to_upper(s.substr(0, len)) + s.substr(len);
}

IndicatorResult evaluate_indicator(const Form& form, const Indicator& ind, const Requirement& req,
                                   const data::UnitData& unit, const detail::InputIndex& inputs,
                                   const std::set<std::string>& flags, const Settings& settings) {
    IndicatorResult r;
    r.id = ind.id;
    r.number = ind.number;
    r.text = req.text;
    r.citation = req.citation;
    r.requirement = detail::unit_requirement(form, ind, req, unit, flags, settings);

    auto not_applicable = [&](std::string why) {
        r.status = Status::NotApplicable;
        r.reason = std::move(why);
        if (settings.not_applicable == NotApplicablePolicy::Fail) {
            r.status = Status::Fail;
            r.reason += " (tính là không đạt theo thiết lập not-applicable=fail)";
        }
        r.value = "Không áp dụng";
    };

    if (!applies(ind, req, flags)) {
        not_applicable(capitalise(form.describe(combined(ind, req))));
        return r;
    }
    const data::IndicatorInput* in = inputs.find(ind.id);
    if (in == nullptr) {
        r.status = Status::Fail;
        r.reason = "Chưa kê khai chỉ tiêu";
        return r;
    }
    r.note = in->note.value;
    for (const auto& e : in->evidence) r.evidence.push_back(e.code.value);
    if (in->applicable && !*in->applicable) {
        if (!ind.may_be_not_applicable.empty()) {
            not_applicable("Không áp dụng: " + ind.may_be_not_applicable);
        } else {
            r.status = Status::Fail;
            r.reason = "Chỉ tiêu này không được khai là không áp dụng";
        }
        return r;
    }
    detail::EvidenceState evidence;
    if (settings.evidence != EvidencePolicy::Optional) {
        evidence = detail::evidence_state(*in);
        r.evidence_issue = evidence.issue;
        if (evidence.issue != EvidenceIssue::None) r.blank_evidence = evidence.blank;
    }
    const detail::Judgement j = detail::judge(form, ind, req, unit, *in, flags, settings);
    r.value = j.value;
    r.percent = j.percent;
    if (!j.missing.empty()) {
        r.status = Status::Fail;
        r.reason = "Chưa có số liệu: ";
        for (std::size_t i = 0; i < j.missing.size(); ++i) {
            r.reason += (i > 0 ? "; " : "") + lower_first_cp(j.missing[i]);
        }
        return r;
    }
    if (!j.invalid) r.figures_met = j.pass;
    r.status = j.pass ? Status::Pass : Status::Fail;
    r.reason = j.reason;
    if (evidence.issue == EvidenceIssue::None) return r;
    // TT24 khoản 3 Điều 9: "các tiêu chí, chỉ tiêu không có minh chứng phù hợp được đánh giá là
    // không đạt" — an outcome of the assessment, not an input error.
    const std::string blank =
        evidence.issue == EvidenceIssue::Blank ? ": " + detail::blank_evidence_text(evidence.blank) : std::string();
    if (settings.evidence == EvidencePolicy::Required) {
        const std::string missing = "Thiếu minh chứng phù hợp (" + detail::evidence_basis(form) + ")" + blank;
        r.status = Status::Fail;
        r.reason = r.reason.empty() ? missing : missing + "; " + r.reason;
    } else {
        const std::string missing =
            evidence.issue == EvidenceIssue::Missing ? std::string("chưa có minh chứng") : "chưa có minh chứng phù hợp" + blank;
        r.reason += (r.reason.empty() ? "" : "; ") + missing;
    }
    return r;
}

// The date the upgrade rule is measured to: the Tờ trình's date, taking the earliest possible
// day when the day (or month) is left blank for signing.
std::optional<Date> reference_date(const data::UnitData& unit) {
    const auto it = unit.documents.find("to-trinh");
    if (it == unit.documents.end() || it->second.date.year == 0) return std::nullopt;
    Date d = it->second.date;
    if (d.month == 0) d.month = 1;
    if (d.day == 0) d.day = 1;
    return d;
}

// Nâng mức độ (TT24 khoản 3 Điều 5, 11; TT25 Điều 5, 10, 15): from level 1 to the top level, at
// least `upgrade_months` after the level-1 decision. A request that breaks these is not in
// order; the evaluation itself stands.
void check_upgrade(const Form& form, const data::UnitData& unit, Evaluation& ev) {
    if (ev.kind != data::RequestKind::Upgrade) return;
    auto refuse = [&](std::string vi, std::string en) {
        ev.request_in_order = false;
        ev.reasons.push_back(std::move(vi));
        ev.reasons_en.push_back(std::move(en));
    };
    const auto& prev = unit.assessment.previous;
    const std::string article = detail::cite(form, form.rules.upgrade_citation);
    if (!form.rules.upgrade_allowed) {
        refuse("Bộ tiêu chí này không quy định công nhận nâng mức độ", "the form has no upgrade procedure");
        return;
    }
    if (!prev) {
        refuse("Thiếu quyết định công nhận mức độ 1 trước đó", "the level-1 decision is not given");
        return;
    }
    const int want = ev.requested_level;
    const int top = form.levels.empty() ? 0 : form.levels.back().number;
    if (prev->level != 1 || want != top || want <= prev->level) {
        refuse("Nâng mức độ chỉ áp dụng cho đơn vị đã được công nhận mức độ 1 đề nghị mức độ " + std::to_string(top) +
                   " (" + article + ")",
               "an upgrade is from level 1 to level " + std::to_string(top) + " (" + article + ")");
    }
    const auto ref = reference_date(unit);
    if (!ref || !is_valid_date(prev->date)) {
        refuse("Không xác định được thời gian từ quyết định công nhận mức độ 1 đến ngày Tờ trình",
               "the time from the level-1 decision to the Tờ trình is unknown");
        return;
    }
    const int months = months_between(prev->date, *ref);
    ev.months_since_previous = months;
    if (months >= form.rules.upgrade_months) return;
    const Date earliest = add_months(prev->date, form.rules.upgrade_months);
    ev.earliest_request_date = earliest;
    const std::string need = std::to_string(form.rules.upgrade_months);
    const std::string got = std::to_string(std::max(months, 0));
    refuse("Chưa đủ " + need + " tháng kể từ ngày ra quyết định công nhận mức độ 1 (" + prev->number.value + " ngày " +
               text::short_date(prev->date) + ") đến ngày Tờ trình (" + text::short_date(*ref) + "): " + got +
               " tháng (" + article + "); Tờ trình đề nghị nâng mức độ lập sớm nhất từ ngày " +
               text::short_date(earliest),
           "the upgrade is requested " + got + " months after the level-1 decision of " + to_iso(prev->date) +
               "; at least " + need + " are required (" + article + "): the Tờ trình may be dated from " +
               to_iso(earliest));
}

}  // namespace

Date valid_until(const Form& form, int recognised_year) {
    return Date{recognised_year + form.rules.validity_years, 12, 31};
}

Evaluation evaluate(const Form& form, const data::UnitData& unit) {
    Evaluation ev;
    ev.form_id = form.id;
    ev.unit_name = unit.unit.name.value;
    ev.year = unit.assessment.year;
    ev.requested_level = unit.assessment.requested_level;
    ev.kind = unit.assessment.kind;
    ev.settings = effective_settings(form, unit);
    const auto flags = detail::unit_flags(form, unit);
    const detail::InputIndex inputs(unit);

    for (const auto& level : form.levels) {
        LevelResult lr;
        lr.level = level.number;
        lr.article = level.article;
        bool any_fail = false;
        for (const auto& crit : form.criteria) {
            CriterionResult cr;
            cr.id = crit.id;
            cr.number = crit.number;
            cr.title = crit.title_at(level.number);
            if (const auto it = crit.citations.find(level.number); it != crit.citations.end()) cr.citation = it->second;
            for (const auto& ind : crit.indicators) {
                const Requirement* req = ind.at(level.number);
                if (req == nullptr) continue;
                IndicatorResult ir = evaluate_indicator(form, ind, *req, unit, inputs, flags, ev.settings);
                if (ir.status == Status::Pass) ++cr.passed;
                else if (ir.status == Status::Fail) ++cr.failed;
                else ++cr.not_applicable;
                cr.indicators.push_back(std::move(ir));
            }
            if (cr.indicators.empty()) continue;
            cr.status = cr.failed > 0 ? Status::Fail : (cr.passed > 0 ? Status::Pass : Status::NotApplicable);
            if (cr.status == Status::Fail) any_fail = true;
            if (cr.status != Status::NotApplicable) ++lr.criteria_total;
            if (cr.status == Status::Pass) ++lr.criteria_passed;
            lr.criteria.push_back(std::move(cr));
        }
        lr.status = (!any_fail && lr.criteria_passed > 0) ? Status::Pass : Status::Fail;
        if (lr.status == Status::Pass) ev.reached_level = std::max(ev.reached_level, level.number);
        ev.levels.push_back(std::move(lr));
    }

    // Is the requested level granted?
    const int want = ev.requested_level;
    const LevelResult* wanted = ev.level(want);
    if (wanted == nullptr) {
        ev.reasons.push_back("Bộ tiêu chí không có mức độ " + std::to_string(want));
        ev.reasons_en.push_back("the form has no level " + std::to_string(want));
    } else if (wanted->status != Status::Pass) {
        std::string why = "Chưa đạt " + form.find_level(want)->name + ":";
        bool first = true;
        for (const auto& c : wanted->criteria) {
            if (c.status != Status::Fail) continue;
            std::string ids;
            for (const auto& i : c.indicators) {
                if (i.status == Status::Fail) ids += (ids.empty() ? "" : ", ") + i.id;
            }
            why += std::string(first ? " " : "; ") + "Tiêu chí " + std::to_string(c.number) +
                   " không đạt (chỉ tiêu " + ids + ")";
            first = false;
        }
        const Level* lv = form.find_level(want);
        if (lv != nullptr && !lv->condition.empty()) why += " (" + detail::cite(form, lv->condition) + ")";
        ev.reasons.push_back(why);
        ev.reasons_en.push_back("the self-assessment does not reach level " + std::to_string(want) +
                                " (hoso evaluate shows why)");
    }
    check_upgrade(form, unit, ev);
    ev.granted = ev.reasons.empty();
    if (ev.granted) {
        // "03 năm tiếp theo năm được công nhận" (khoản 4 Điều 5): a known decision date decides;
        // without one, which year to assume is UNVERIFIED (validity-base).
        const auto& decided = unit.assessment.decision_date;
        if (decided && decided->year != 0) {
            ev.recognised_year = decided->year;
            ev.recognised_year_source = RecognisedYearSource::DecisionDate;
        } else if (ev.settings.validity_base == ValidityBase::AssessmentYear) {
            ev.recognised_year = ev.year;
            ev.recognised_year_source = RecognisedYearSource::AssessmentYear;
        } else {
            ev.recognised_year = ev.year + 1;  // decisions are due early in the following year
            ev.recognised_year_source = RecognisedYearSource::AssumedDecisionYear;
        }
        ev.valid_until = valid_until(form, ev.recognised_year);
    }
    return ev;
}

bool applies_to(const Indicator& indicator, const Requirement& requirement, const UnitType& type) {
    return detail::applies(indicator, requirement, type.flags);
}

}  // namespace hoso::forms
