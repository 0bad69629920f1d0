// template: the document templates in templates/ (XML) → model::Document. A template holds
// wording, never geometry: the ND30 parts are elements (<header>, <title>, <addressees>,
// <signature>, <appendix>), and the data comes in as a tree of Values. Templates are compiled
// once (parse + check of every expression and filter) and can then be rendered many times.
//
// Syntax (full reference in README, "Templates"):
//   text with {{ unit.name | upper }} placeholders; filters: upper, lower, nd30_date,
//   place_date, short_date, number, decimal, percent, two_digits, words, default, join, sort,
//   sort_by, group_by, reverse, select, reject, count, first, last, capitalize, roman, year, add
//   <if test="assessment.kind == 'upgrade'"> … <elif test="…"> … <else/> … </if>
//   <for each="c in criteria"> … </for>, or the attribute for="x in list" on any element
//   (inside a loop: loop.index, loop.number (1-based), loop.first, loop.last, loop.count)
//   inline formatting <b>, <i>, <u>; a whitespace-only gap between two inline elements is a space.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/core.h"
#include "model/model.h"

namespace hoso::tmpl {

// A value in the data tree templates read: null, text, number, boolean, date, list or map.
class Value {
public:
    enum class Kind : std::uint8_t { Null = 0, String, Number, Bool, Date, List, Map };
    using List = std::vector<Value>;
    using Map = std::map<std::string, Value, std::less<>>;

    Value() = default;
    Value(std::string s);
    Value(const char* s);
    Value(double n);
    Value(int n);
    Value(long long n);
    Value(bool b);
    Value(hoso::Date d);
    Value(List l);
    Value(Map m);

    Kind kind() const noexcept { return m_kind; }
    bool is_null() const noexcept { return m_kind == Kind::Null; }
    const std::string& str() const noexcept { return m_string; }  // String only
    double number() const noexcept { return m_number; }           // Number only
    bool boolean() const noexcept { return m_bool; }              // Bool only
    const hoso::Date& date() const noexcept { return m_date; }    // Date only
    const List& list() const noexcept;                            // List only (else empty)
    const Map& map() const noexcept;                              // Map only (else empty)
    List& mutable_list();
    Map& mutable_map();

    // Member of a map (nullptr when absent or not a map).
    const Value* find(std::string_view key) const noexcept;
    // Sets a member; turns a null value into a map.
    Value& set(const std::string& key, Value v);
    // Appends to a list; turns a null value into a list.
    Value& push(Value v);

    // Truthiness in <if>: null, false, 0, "" and empty lists/maps are false.
    bool truthy() const noexcept;
    // How the value prints in text: integers without grouping ("2024"), other numbers with a
    // decimal comma ("93,75"), dates as ND30 dates ("ngày 05 tháng 02 năm 2025"), true/false
    // as "Có"/"Không", lists joined with ", ".
    std::string to_text() const;

private:
    Kind m_kind = Kind::Null;
    std::string m_string;
    double m_number = 0;
    bool m_bool = false;
    hoso::Date m_date{};
    std::shared_ptr<List> m_list;  // shared: values are immutable once built, copies are cheap
    std::shared_ptr<Map> m_map;
};

class CompiledTemplate;

// A compiled template. Cheap to copy (shares the compiled tree).
class Template {
public:
    // Compiles `xml`. Every syntax problem (XML, unknown element or attribute, bad expression,
    // unknown filter, misplaced <elif>/<else>) is reported in `diagnostics` with `file_name`
    // and line; the result is then empty (valid() == false).
    static Template compile(std::string_view xml, const std::string& file_name, Diagnostics& diagnostics);
    static Template load(const std::filesystem::path& path, Diagnostics& diagnostics);

    bool valid() const noexcept { return static_cast<bool>(m_compiled); }
    const std::string& id() const noexcept;    // <template id="…">
    const std::string& name() const noexcept;  // <template name="…">
    // <template document="…">: which entry of the data file's <documents> gives this
    // document's number and date ("to-trinh", "bao-cao", …); empty if none.
    const std::string& document_key() const noexcept;

    // Renders with `data` as the root scope. A placeholder naming a field that is absent from
    // the data, a filter applied to the wrong kind of value, or a loop over a non-list is an
    // error with the template's file:line. Text is NFC-normalised. The document gets the
    // default ND30 style sheet with body text at <template body-size="…"> (default 14) plus
    // any <style> the template defines.
    model::Document render(const Value& data, Diagnostics& diagnostics) const;

private:
    std::shared_ptr<const CompiledTemplate> m_compiled;
};

// Loads every *.xml template of a directory, keyed by template id. Problems go to
// `diagnostics`; a template with errors is left out.
std::map<std::string, Template> load_directory(const std::filesystem::path& dir, Diagnostics& diagnostics);

}  // namespace hoso::tmpl
