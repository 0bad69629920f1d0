// Helpers shared by the forms implementation files (not part of the public API).
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "data/data.h"
#include "forms/forms.h"

namespace hoso::forms::detail {

std::optional<Measure> parse_measure(const std::string& s);

// The flags of the unit's type (empty if the type is unknown).
std::set<std::string> unit_flags(const Form& form, const data::UnitData& unit);
bool has_trait(const data::UnitData& unit, const std::string& trait);
bool applies(const Applicability& a, const std::set<std::string>& flags);
// Applicability of `ind` at level `req` (both the indicator's and the level's conditions).
bool applies(const Indicator& ind, const Requirement& req, const std::set<std::string>& flags);

const data::IndicatorInput* find_input(const data::UnitData& unit, const std::string& id);

// find_input for many lookups on one unit: the inputs sorted by id once (the first of a
// repeated id wins, as in find_input). `unit` must outlive it.
class InputIndex {
public:
    explicit InputIndex(const data::UnitData& unit);
    const data::IndicatorInput* find(std::string_view id) const;

private:
    std::vector<const data::IndicatorInput*> m_sorted;
};
// A raw figure by name ("numerator", "denominator", "count" or a named figure). The
// denominator falls back to the unit's <members> when the form says so.
std::optional<double> figure(const Indicator& ind, const data::UnitData& unit,
                             const data::IndicatorInput& in, const std::string& name);

// Vietnamese number formatting via hoso::text.
std::string fmt_number(double v);                 // "1.234", "45,5"
std::string fmt_percent(double v);                // "93,75%"
// The percentage as printed next to a threshold: enough decimals that the printed value
// never contradicts the verdict (89,996% must not print as "90%" when it fails).
std::string fmt_percent_vs(double value, double threshold);
std::string fmt_count(double v);                  // "04", "12", "1.234"

// An indicator's figures judged against one level's requirement (evidence not considered).
struct Judgement {
    bool pass = false;
    std::string value;
    std::string reason;
    std::optional<double> percent;
    std::vector<std::string> missing;  // labels of figures not given
    bool invalid = false;              // figures given but impossible (check() reports them)
};
Judgement judge(const Form& form, const Indicator& ind, const Requirement& req,
                const data::UnitData& unit, const data::IndicatorInput& in,
                const std::set<std::string>& flags, const Settings& settings);
// The requirement as it applies to this unit (chosen variant, populations judged).
std::string unit_requirement(const Form& form, const Indicator& ind, const Requirement& req,
                             const data::UnitData& unit, const std::set<std::string>& flags,
                             const Settings& settings);

// The text of a citation with the circular's short name: "TT24 khoản 3 Điều 9".
std::string cite(const Form& form, const std::string& citation);

// --- Evidence ("minh chứng phù hợp", TT24 khoản 3 Điều 9) ---------------------------------

// An item a reviewer can check: it has a description (name, number, date of the document), or
// at least the document's number or date. A code alone does not count.
bool checkable(const data::Evidence& e);

struct EvidenceState {
    EvidenceIssue issue = EvidenceIssue::None;
    std::vector<std::string> blank;  // codes of the items that do not count, in file order
};
EvidenceState evidence_state(const data::IndicatorInput& in);

// What makes evidence required, for reasons: "TT24 khoản 3 Điều 9", or the setting when the
// circular has no such rule ("thiết lập evidence=required").
std::string evidence_basis(const Form& form);
// "minh chứng H1-01, H1-02 không có mô tả, số, ngày văn bản"
std::string blank_evidence_text(const std::vector<std::string>& codes);

}  // namespace hoso::forms::detail
