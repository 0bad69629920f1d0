// forms: the criteria sets of Thông tư 24/2023/TT-BGDĐT ("Đơn vị học tập") and Thông tư
// 25/2023/TT-BGDĐT ("Cộng đồng học tập") as data (forms/*.xml), and the engine that decides,
// for one unit's data file, every indicator, criterion and level exactly as the circulars do.
//
// Nothing legal is hard-coded here: wording, thresholds, applicability, articles, deadlines,
// authorities and the UNVERIFIED policies ("settings") all come from the form file. A new or
// amended circular is a new form file. The form file format is documented in
// forms/README.md.
//
// Typical use:
//     Diagnostics d;
//     auto lib = forms::FormLibrary::load_directory("forms", d);
//     const forms::Form* form = lib.find(unit.form_id.value);
//     forms::check(*form, unit, d);                  // every form-dependent problem
//     if (!d.has_errors()) print(forms::evaluation_text(*form, forms::evaluate(*form, unit)));
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/core.h"
#include "data/data.h"

namespace hoso::forms {

// --- Form description (read from forms/*.xml) ----------------------------------------------

enum class Measure : std::uint8_t {
    YesNo = 0,  // <met>có|không</met>
    Ratio,      // numerator / denominator ≥ min %; optional sub-ratio, variants, alternative population
    Count,      // count ≥ min ("tối thiểu 04 chương trình")
    Level,      // a step of an ordered scale ≥ min step (phổ cập mức độ 1–3; chuyển đổi số)
    Trend,      // this year's value increased (or decreased) against the previous year's
};
// The measure's code as form files write it: "yes-no", "ratio", "count", "level", "trend".
const char* measure_name(Measure m);

enum class Status : std::uint8_t { Pass = 0, Fail, NotApplicable };

// How an indicator that does not apply to the unit counts (UNVERIFIED: the circulars are silent).
enum class NotApplicablePolicy : std::uint8_t {
    Exclude = 0,  // left out: a criterion is Đạt when all its applicable indicators are
    Fail,         // counted as Không đạt
};

// What a missing minh chứng does. "Minh chứng phù hợp" needs something a reviewer can check:
// an <evidence> item with no description, no document number and no date does not count.
enum class EvidencePolicy : std::uint8_t {
    Required = 0,  // Không đạt without suitable evidence (TT24 khoản 3 Điều 9, khoản 3 Điều 15)
    Recommended,   // judged on the figures; check() warns about the missing evidence
    Optional,      // not looked at
};

// Why an indicator's evidence does not count (policies required and recommended).
enum class EvidenceIssue : std::uint8_t {
    None = 0,  // at least one item with a description, a document number or a date
    Missing,   // no <evidence> at all
    Blank,     // only items with a code and nothing a reviewer can check
};

// TT24 T3.C1: "Tối thiểu 90% Thành viên … Đối với đơn vị là Cơ sở giáo dục … tối thiểu 95%
// Người học …" — UNVERIFIED whether the second sentence adds to or replaces the first.
enum class AlternativeMode : std::uint8_t {
    Both = 0,  // education units must meet both the Thành viên and the Người học threshold
    Replace,   // education units are judged on Người học only
};

// "bảo lưu trong thời hạn 03 năm (36 tháng) tiếp theo năm được công nhận" — UNVERIFIED whether
// "năm được công nhận" is the assessed year or the year the decision is signed. DecisionYear
// takes the decision's year from the data (<assessment decision-date>, or the council's
// <decision date> in `hoso decision`); without it, the year after the assessed year (decisions
// are due early in that year).
enum class ValidityBase : std::uint8_t { AssessmentYear = 0, DecisionYear };

struct Settings {
    NotApplicablePolicy not_applicable = NotApplicablePolicy::Exclude;
    EvidencePolicy evidence = EvidencePolicy::Required;
    AlternativeMode alternative = AlternativeMode::Both;
    ValidityBase validity_base = ValidityBase::AssessmentYear;
};

// Setting names and values as written in form and data files ("not-applicable" = "exclude").
std::vector<std::string> setting_names();
std::vector<std::string> setting_values(const std::string& name);  // empty if unknown name
// Applies name=value to `s`; false (and `s` unchanged) if the name or value is unknown.
bool apply_setting(Settings& s, const std::string& name, const std::string& value);
std::string setting_value(const Settings& s, const std::string& name);

struct Flag {  // a property of unit types, e.g. "public-body"
    std::string code;
    std::string name;  // "cơ quan, đơn vị sự nghiệp công lập của nhà nước"
};

struct UnitType {
    std::string code;             // "truong-tieu-hoc-cong-lap"
    std::string name;             // "Trường tiểu học công lập"
    std::set<std::string> flags;  // "public-body", "education", "general-school", …
    SourceLocation where;
};

struct Trait {  // a property the data file declares for the unit itself (<trait>)
    std::string code;  // "vung-kho-khan"
    std::string name;  // "Xã thuộc vùng khó khăn"
};

struct ScaleStep {
    std::string code;  // "muc-do-2"
    std::string name;  // "Mức độ 2"
};

struct Scale {  // ordered from lowest to highest
    std::string id;
    std::vector<ScaleStep> steps;
    int rank(const std::string& code) const;  // index, or -1
};

// Unit types an indicator applies to: any of `any_of` flags (empty = every unit), and none of
// `none_of`. The description is generated from the flag names for printing.
struct Applicability {
    std::vector<std::string> any_of;
    std::vector<std::string> none_of;
    bool all() const { return any_of.empty() && none_of.empty(); }
};

// A threshold variant chosen by a unit trait (TT25 xã T5.C2: "Đối với xã thuộc vùng khó khăn …").
struct Variant {
    std::string trait;
    double min_percent = 0;
    std::optional<double> sub_min_percent;
};

// The indicator at one level: its wording there and what it requires.
struct Requirement {
    int level = 0;
    std::string text;       // official wording at this level, full sentence
    std::string citation;   // "điểm a khoản 2 Điều 6"
    std::string summary;    // "Yêu cầu" column: "Tối thiểu 90%", "Mức đáp ứng cơ bản trở lên", …
    Applicability applies;  // per level (TT24 H.T3.C3 mức độ 2 only for public bodies)
    // Ratio
    double min_percent = 0;
    std::optional<double> sub_min_percent;        // of the denominator (TT25 xã T5.C2)
    std::optional<double> alternative_min_percent;  // Người học threshold (TT24 T3.C1)
    std::string numerator_figure;                   // "" = <numerator>; else a named figure
    std::vector<Variant> variants;
    // Count
    double min_count = 0;
    // Level
    std::string min_step;  // scale step code
    SourceLocation where;
};

// Names and labels of the raw figures an indicator needs (for hoso init and messages).
struct FigureSpec {
    std::string name;   // "numerator", "denominator", "count", "met", "level", or a figure name
    std::string label;  // "Số Thành viên tuân thủ kỷ luật lao động, …"
};

// TT24 T3.C1: a second population judged when the unit has `flag` ("learners": Người học).
struct Alternative {
    std::string flag;
    std::string label;        // "Người học"
    std::string numerator;    // figure names
    std::string denominator;
};

enum class Direction : std::uint8_t { Increase = 0, Decrease };

struct Indicator {
    std::string id;        // "T2.C1" (hoso's label, not official)
    int number = 0;        // Chỉ tiêu 1
    std::string point;     // "a" (điểm a)
    std::string short_name;  // short label for terminal tables
    std::string text;      // default official wording (levels may override)
    Measure measure = Measure::YesNo;
    // Labels of the raw figures, in the order hoso init lists them.
    std::vector<FigureSpec> figures;
    bool denominator_is_members = false;  // blank <denominator> = <members> of the unit
    bool whole_numbers = true;            // figures are counts of people/units
    // Ratio
    std::string population;  // "Thành viên": printed when an alternative population is judged too
    std::string sub_figure;  // e.g. "university"
    std::string sub_label;   // "trình độ đại học trở lên"
    std::optional<Alternative> alternative;
    // Count
    std::string count_unit;  // "chương trình"
    // Level
    std::string scale;
    // Trend
    Direction direction = Direction::Increase;
    std::string value_unit;  // "%", "triệu đồng"
    // Yes/no
    std::string yes_text = "Có";
    std::string no_text = "Không";
    // Explicit "không áp dụng" in the data file is allowed only when this is non-empty.
    std::string may_be_not_applicable;  // the condition, e.g. "Tỉnh không có trường đại học trực thuộc"
    Applicability applies;
    std::vector<Requirement> requirements;  // one per level it belongs to, ascending
    SourceLocation where;

    const Requirement* at(int level) const;
    std::string label_of(const std::string& figure) const;  // "" if not declared
};

struct Criterion {
    std::string id;   // "T2"
    int number = 0;   // Tiêu chí 2
    std::string title;                     // "Về kết quả học tập của Thành viên trong đơn vị"
    std::map<int, std::string> titles;     // per level, where the wording differs
    std::map<int, std::string> citations;  // per level: "khoản 2 Điều 6"
    std::vector<Indicator> indicators;
    SourceLocation where;

    const std::string& title_at(int level) const;
};

struct Level {
    int number = 0;
    std::string name;       // "mức độ 1"
    std::string article;    // "Điều 6" (the criteria of this level)
    std::string condition;  // "khoản 1 Điều 8" (recognised when all criteria are met)
};

struct Circular {
    std::string number;        // "24/2023/TT-BGDĐT"
    std::string short_name;    // "TT24" (in reasons: "Thiếu minh chứng (TT24 khoản 3 Điều 9)")
    Date date;                 // 2023-12-11
    std::string issuer;        // "Bộ Giáo dục và Đào tạo"
    std::string issuer_title;  // "Bộ trưởng Bộ Giáo dục và Đào tạo"
    std::string subject;       // "quy định về đánh giá, công nhận “Đơn vị học tập” cấp huyện, tỉnh"
    // Full sentence for căn cứ lines: "Thông tư số 24/2023/TT-BGDĐT ngày 11/12/2023 của Bộ
    // trưởng Bộ Giáo dục và Đào tạo quy định về đánh giá, công nhận “Đơn vị học tập” cấp huyện, tỉnh"
    std::string citation;
};

struct DossierDocument {
    std::string kind;  // "to-trinh", "bao-cao", "tong-hop"
    std::string name;  // "Tờ trình đề nghị đánh giá, công nhận “Đơn vị học tập” cấp huyện"
};

struct Procedure {
    std::string addressee;          // default Kính gửi: "Phòng Giáo dục và Đào tạo"
    std::string decider;            // "Chủ tịch Ủy ban nhân dân cấp huyện"
    std::string decider_citation;   // "khoản 1 Điều 5"
    std::string self_assessment;    // who self-assesses: "Thủ trưởng đơn vị thành lập Tổ đánh giá"
    std::string dossier_deadline;   // "trước ngày 15 tháng 01 của năm liền kề sau năm đánh giá"
    int deadline_month = 0;         // dossier due before this day of the year after the assessed
    int deadline_day = 0;           //   year (0 = not modelled)
    std::string deadline_citation;  // "điểm c khoản 1 Điều 10"
    std::string decision_deadline;  // "trước ngày 15 tháng 02 của năm liền kề sau năm đánh giá"
    std::string process_article;    // "Điều 10"
    std::vector<DossierDocument> documents;
};

struct Rules {
    int validity_years = 3;
    std::string validity_citation;  // "khoản 4 Điều 5"
    bool upgrade_allowed = true;
    int upgrade_months = 12;
    std::string upgrade_citation;   // "khoản 3 Điều 5"
    std::string method_citation;    // "Điều 9" (cách thức đánh giá)
    std::string evidence_citation;  // "khoản 3 Điều 9" (empty when the circular has no such rule)
    std::string period_citation;    // "điểm b khoản 1 Điều 10" (data 01/01–31/12)
};

// A warning check() gives for dossiers dated in [from, until] (e.g. the 2025 two-level
// local government reform, whose effect on the circular is unverified).
struct Caveat {
    Date from;
    std::optional<Date> until;
    std::string vi, en;
};

struct Form {
    std::string id;          // "tt24-huyen"
    std::string title;       // "“Đơn vị học tập” cấp huyện" (quotes as the circular prints them)
    std::string name;        // "“Đơn vị học tập”"
    std::string scope;       // "cấp huyện"
    std::string unit_noun;   // "đơn vị" / "xã" / "huyện" / "tỉnh" (in sentences)
    Circular circular;
    Date effective_from;
    std::optional<Date> effective_until;
    Procedure procedure;
    Rules rules;
    Settings settings;  // defaults; a data file may override them (<settings>)
    std::vector<Flag> flags;
    std::vector<UnitType> unit_types;
    std::vector<Trait> traits;
    std::vector<Scale> scales;
    std::vector<Level> levels;  // ascending
    std::vector<Criterion> criteria;
    std::vector<Caveat> caveats;
    std::filesystem::path source;

    const UnitType* find_unit_type(const std::string& code) const;
    const Trait* find_trait(const std::string& code) const;
    const Flag* find_flag(const std::string& code) const;
    const Scale* find_scale(const std::string& id) const;
    const Level* find_level(int number) const;
    const Indicator* find_indicator(const std::string& id) const;
    const Criterion* criterion_of(const std::string& indicator_id) const;
    // "chỉ áp dụng đối với: cơ sở giáo dục phổ thông" / "không áp dụng đối với: tổ chức kinh tế"
    std::string describe(const Applicability& a) const;
};

// --- Authorities by date (forms/authorities/*.xml) --------------------------------------------
//
// Who receives the Tờ trình (Kính gửi), who appraises, who signs the decision and the deadline
// wording are not fixed by the form once the 2025 two-level local government took effect: they
// are an authority profile in force on the document's date. A setting a profile leaves out is
// the form's own (<procedure>, the circular's text). Format: forms/README.md.

struct AuthoritySetting {
    std::string text;         // empty = the form's own wording
    bool verified = true;     // false: an UNVERIFIED successor, to be confirmed
    std::string source;       // where it comes from (a citation, or why it is assumed)
};

struct FormAuthorities {
    std::string form_id;
    // The level the form assesses no longer exists (tt25-huyen from 01/07/2025): dossiers refused.
    bool abolished = false;
    std::string abolished_vi, abolished_en;
    AuthoritySetting addressee;      // Kính gửi of the Tờ trình
    std::string addressee_of;        // appended from the unit: "district", "commune" or "" (nothing)
    AuthoritySetting appraiser;      // receives and appraises the dossier (thẩm định)
    AuthoritySetting decider;        // signs the recognition decision
    AuthoritySetting dossier_deadline;
    AuthoritySetting decision_deadline;
    SourceLocation where;
};

struct AuthorityProfile {
    std::string id;                // "ba-cap", "hai-cap", or a province's own
    std::string name;              // "Chính quyền địa phương ba cấp (đến hết ngày 30/06/2025)"
    Date from;                     // in force from (inclusive); year 0 = always
    std::optional<Date> until;     // inclusive
    bool province = false;         // read from a province's templates folder (authorities.xml)
    std::filesystem::path source;
    std::vector<FormAuthorities> forms;

    const FormAuthorities* find(const std::string& form_id) const;
    bool covers(const Date& d) const;
};

// The authorities one document uses: its profile's entry for the form, the form's own wording
// where the profile says nothing.
struct Authorities {
    std::string profile;        // id of the profile ("" = none covers the date: the form's wording)
    std::string profile_name;
    std::string addressee;      // the whole Kính gửi line, with the unit's district/commune
    std::string appraiser;
    std::string decider;
    std::string dossier_deadline;
    std::string decision_deadline;
    std::vector<std::string> unverified;  // "Kính gửi: Phòng Văn hóa - Xã hội", … (not confirmed)
};

class FormLibrary {
public:
    // Reads every *.xml in `dir` (in name order). Problems in form files are reported with
    // file:line:column; a form with errors is left out. Throws IoError if `dir` is unreadable.
    static FormLibrary load_directory(const std::filesystem::path& dir, Diagnostics& diagnostics);
    // One form file (for tests and `--forms` overrides).
    static std::optional<Form> load_file(const std::filesystem::path& path, Diagnostics& diagnostics);
    static std::optional<Form> parse(std::string_view xml, const std::string& file_name,
                                     Diagnostics& diagnostics);

    const Form* find(const std::string& id) const;
    std::vector<std::string> ids() const;  // sorted
    const std::vector<Form>& forms() const { return m_forms; }
    void add(Form form);  // replaces a form with the same id

    // Authority profiles: load_directory also reads `dir`/authorities/*.xml. A province's own
    // profile file is `templates_dir`/authorities.xml (if present); its profiles win over the
    // shipped ones for the dates they cover.
    static std::optional<AuthorityProfile> parse_profile(std::string_view xml, const std::string& file_name,
                                                         Diagnostics& diagnostics);
    void add_province_profiles(const std::filesystem::path& templates_dir, Diagnostics& diagnostics);
    const std::vector<AuthorityProfile>& profiles() const { return m_profiles; }
    const AuthorityProfile* find_profile(const std::string& id) const;
    // The profile in force on `date` for `form_id`: a province's first, then the shipped one
    // with the latest start; nullptr when none covers the date or names the form.
    const AuthorityProfile* profile_for(const Date& date, const std::string& form_id) const;

private:
    std::vector<Form> m_forms;  // sorted by id
    std::vector<AuthorityProfile> m_profiles;  // in load order (shipped, then province)
};

// The authorities of a document of `form` dated `date` (blank day/month: the earliest day),
// for a unit (district/commune for the Kính gửi). `choice` names a profile and/or confirms its
// UNVERIFIED settings. Errors (with `where`): a named profile that does not exist or does not
// cover the date; a form whose level no longer exists on that date. A warning lists the
// UNVERIFIED settings used and not confirmed. nullopt only when an error was reported.
std::optional<Authorities> resolve_authorities(const FormLibrary& library, const Form& form, const Date& date,
                                               const data::Unit* unit, const data::AuthorityChoice* choice,
                                               const SourceLocation& where, Diagnostics& diagnostics);
// The same for a unit's dossier: the Tờ trình's date (undated: the year after the assessed year).
std::optional<Authorities> resolve_authorities(const FormLibrary& library, const Form& form,
                                               const data::UnitData& unit, Diagnostics& diagnostics);

// --- Validation against a form --------------------------------------------------------------

// Every form-dependent problem of `unit` (data::load_unit already checked the structure):
// unknown/duplicate/missing indicators, missing or impossible figures (numerator >
// denominator, non-whole counts, unknown levels), dates outside the assessment year or the
// form's validity, unknown unit types, traits and settings. Errors and warnings go to
// `diagnostics`. A value load_unit refused (UnitData::rejected) is not reported again.
//
// What the assessment decides is not an input error: figures that pass without suitable
// evidence, and an upgrade requested before `upgrade_months`, are warnings naming their
// consequence; evaluate() gives the verdict (Không đạt; the request not in order).
void check(const Form& form, const data::UnitData& unit, Diagnostics& diagnostics);

// The settings in force for `unit`: the form's defaults with the data file's overrides.
Settings effective_settings(const Form& form, const data::UnitData& unit);

// --- Evaluation ------------------------------------------------------------------------------

struct IndicatorResult {
    std::string id;         // "T2.C1"
    int number = 0;
    std::string text;       // the wording at this level
    std::string citation;   // "điểm a khoản 2 Điều 6"
    Status status = Status::Fail;
    std::string requirement;  // "Tối thiểu 90%"
    std::string value;        // "45/48 = 93,75%", "05 chương trình", "Có", "Mức độ 2"
    std::string reason;       // "93,75% ≥ 90%", "Thiếu minh chứng (TT24 khoản 3 Điều 9)"
    std::optional<double> percent;  // computed main percentage, if any
    std::vector<std::string> evidence;  // codes
    std::string note;                   // from the data file
    // What the figures alone decide, before evidence: nullopt when not judged (not
    // applicable, figures missing or impossible).
    std::optional<bool> figures_met;
    // Why the evidence does not count (policies required and recommended), with the codes of
    // the blank items; the reason says so too.
    EvidenceIssue evidence_issue = EvidenceIssue::None;
    std::vector<std::string> blank_evidence;
};

struct CriterionResult {
    std::string id;  // "T2"
    int number = 0;
    std::string title;
    std::string citation;  // "khoản 2 Điều 6"
    Status status = Status::Fail;
    int passed = 0, failed = 0, not_applicable = 0;
    std::vector<IndicatorResult> indicators;
};

struct LevelResult {
    int level = 0;
    std::string article;  // "Điều 6"
    Status status = Status::Fail;  // Pass or Fail
    int criteria_passed = 0, criteria_total = 0;
    std::vector<CriterionResult> criteria;
};

// Where the year recognised (khoản 4 Điều 5) comes from: the decision's date when the data gives
// it; before that, validity-base: the assessed year, or the year after it (assumed).
enum class RecognisedYearSource : std::uint8_t { DecisionDate, AssessmentYear, AssumedDecisionYear };

// 31/12 of the last year a recognition of `recognised_year` is kept.
Date valid_until(const Form& form, int recognised_year);

struct Evaluation {
    std::string form_id;
    std::string unit_name;
    int year = 0;
    int requested_level = 0;
    data::RequestKind kind = data::RequestKind::First;
    Settings settings;
    std::vector<LevelResult> levels;  // every level of the form, ascending
    int reached_level = 0;            // highest level whose criteria are all met; 0 = none
    bool granted = false;             // the requested level can be recognised
    std::vector<std::string> reasons;     // why not granted (Vietnamese, one per problem)
    std::vector<std::string> reasons_en;  // the same, in English (for diagnostics)
    // The request itself is in order. False for an upgrade the form does not allow, that is not
    // level 1 → the top level, or that is asked before `upgrade_months` (TT24 khoản 3 Điều 5):
    // the evaluation stands, only the request cannot be made yet.
    bool request_in_order = true;
    std::optional<Date> earliest_request_date;  // early upgrade: first day the Tờ trình may bear
    std::optional<int> months_since_previous;  // upgrade: months from the level-1 decision to the Tờ trình
    std::optional<Date> valid_until;           // if granted: 31/12 of the last year of validity
    // If granted: "năm được công nhận" the validity follows, and where that year comes from.
    int recognised_year = 0;
    RecognisedYearSource recognised_year_source = RecognisedYearSource::AssessmentYear;

    const LevelResult* level(int number) const;
};

Evaluation evaluate(const Form& form, const data::UnitData& unit);

// Whether `indicator`, at the level of `requirement`, applies to units of `type` (the test
// evaluate() makes; a unit's declared <applicable>không</applicable> aside).
bool applies_to(const Indicator& indicator, const Requirement& requirement, const UnitType& type);

// Vietnamese words for statuses: "Đạt", "Không đạt", "Không áp dụng".
std::string status_text(Status s);
// "lần đầu", "công nhận lại", "nâng mức độ"
std::string kind_text(data::RequestKind k);
// How evaluation_json and the template data name an EvidenceIssue: "", "missing", "blank".
const char* evidence_issue_code(EvidenceIssue i);

// Readable table for a terminal (fixed-width columns, widths counted in code points).
std::string evaluation_text(const Form& form, const Evaluation& evaluation);
// Machine-readable, stable key order, UTF-8, ends with a newline.
std::string evaluation_json(const Form& form, const Evaluation& evaluation);

// --- hoso init ------------------------------------------------------------------------------

// A data file skeleton: every indicator of the form in order with its wording as a comment and
// empty placeholders. It parses without XML errors; check() then reports each missing value.
std::string skeleton_xml(const Form& form);

}  // namespace hoso::forms
