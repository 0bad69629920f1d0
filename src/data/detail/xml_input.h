// Internal to the data module: the XML reader and value helpers shared by the unit data
// parser (parse.cpp) and the council parser (council.cpp). Not part of the public API.
#pragma once

#include <tinyxml2.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "data/data.h"

namespace hoso::data::detail {

// A whole number in [lo, hi] written with digits only (at most 9 of them, optional '-').
std::optional<int> parse_int(std::string_view s, int lo, int hi);

// A date that may leave the day, or day and month, blank: "2025-01-08", "08/01/2025",
// "2025-01", "01/2025", "2025" (blank parts are 0).
std::optional<Date> parse_partial_date(std::string_view s);

// A list item as written may carry the list punctuation the template adds: "- Như trên;".
std::string strip_item_punctuation(std::string s);

// Vietnamese text for a tinyxml2 parse error.
const char* xml_error_vi(tinyxml2::XMLError e);

// Reports a document tinyxml2 could not parse (line of the error, column 0); `vi` names the
// problem in Vietnamese, the English text carries tinyxml2's own message.
void report_malformed_xml(const tinyxml2::XMLDocument& doc, const std::string& file,
                          Diagnostics& diagnostics, const char* vi);

// The field name of a value ("indicator[T2.C1].numerator"), kept as up to four pieces and
// joined only when a problem is reported: most values are read without one. The pieces are
// views, so a Field must not outlive the strings it was made from (pass it down, never store).
class Field {
public:
    Field(const char* s) : m_parts{std::string_view(s), {}, {}, {}} {}  // NOLINT: implicit on purpose
    Field(const std::string& s) : m_parts{std::string_view(s), {}, {}, {}} {}  // NOLINT
    Field(std::string_view a, std::string_view b, std::string_view c = {}, std::string_view d = {})
        : m_parts{a, b, c, d} {}
    std::string str() const;

private:
    std::string_view m_parts[4];
};

// Cleans a raw value from a file: length limit, whitespace, legacy encodings (TCVN3, VNI, VIQR:
// converted with a warning, or refused when ambiguous), NFC (with a warning), glyph
// coverage of the embedded fonts. Problems go to `diagnostics` under `where` and `field`.
class ValueCleaner {
public:
    ValueCleaner(const LoadOptions& options, Diagnostics& diagnostics)
        : m_options(options), m_diag(diagnostics) {}

    std::string clean(std::string_view raw, const SourceLocation& where, const Field& field,
                      bool collapse = true);

private:
    void check_legacy(std::string& s, const SourceLocation& where, const Field& field);

    const LoadOptions& m_options;
    Diagnostics& m_diag;
};

// Reads elements and attributes of a parsed document with their locations; every problem
// (unknown attributes or elements, stray text, repeats, missing values) is collected.
class XmlReader {
public:
    XmlReader(std::string_view src, std::string file, const LoadOptions& options, Diagnostics& d)
        : m_lines(src, std::move(file)), m_clean(options, d), m_diag(d) {}

    Diagnostics& diag() { return m_diag; }
    const std::string& file() const { return m_lines.file(); }
    ValueCleaner& cleaner() { return m_clean; }

    SourceLocation file_only() const { return {m_lines.file(), 0, 0}; }
    SourceLocation find_on_line(int line, std::string_view needle) const {
        return m_lines.find_on_line(line, needle);
    }
    SourceLocation at(const tinyxml2::XMLElement* e) const;
    SourceLocation at_attr(const tinyxml2::XMLElement* e, const char* name) const;

    // Text content of a leaf element (all text children joined). Child elements are errors.
    Text text(const tinyxml2::XMLElement* e, const Field& field);
    // The same, with the element's location already known (`where` = at(e)).
    Text text_at(const tinyxml2::XMLElement* e, SourceLocation where, const Field& field);
    std::optional<Text> attr(const tinyxml2::XMLElement* e, const char* name, const Field& field);

    // Unknown attributes and child elements, and stray text, are errors: data the clerk typed
    // must never be silently ignored. With `text_allowed`, children are not checked.
    void check_structure(const tinyxml2::XMLElement* e, std::initializer_list<std::string_view> attrs,
                         std::initializer_list<std::string_view> children, const Field& field,
                         bool text_allowed = false);

    // The only child named `name`, or null; a second one is an error.
    const tinyxml2::XMLElement* single(const tinyxml2::XMLElement* parent, const char* name,
                                       const Field& field);

    // Reports a missing value, unless a value written at `where` was refused while it was read
    // (too long, characters the fonts lack): that value is wrong, not missing, and its error is
    // already reported.
    void missing(const SourceLocation& where, const Field& field, const std::string& vi,
                 const std::string& en);
    // Was the value read by text()/attr() at `where` refused (see missing())? Callers then
    // report nothing more about it.
    bool refused(const SourceLocation& where) const;

    // The text of the only child `name`; a missing or empty one is reported ("thiếu vi").
    // `check_attributes`: attributes on the child are errors (the unit parser never checked
    // them and keeps not doing so).
    Text required(const tinyxml2::XMLElement* parent, const char* name, const Field& field,
                  const std::string& vi, const std::string& en, bool check_attributes = true);
    // The text of the only child `name` (attributes are errors), or an empty Text.
    Text optional_text(const tinyxml2::XMLElement* parent, const char* name, const Field& field);
    // The non-empty texts of all children `name` (attributes are errors).
    std::vector<Text> list(const tinyxml2::XMLElement* parent, const char* name, const Field& field);

    // A date attribute that may leave day or month blank; `required` reports a missing one.
    std::optional<Date> date_attr(const tinyxml2::XMLElement* e, const char* name,
                                  const Field& field, bool required);

    // The root's optional version="1" attribute; any other version is an error.
    void check_version(const tinyxml2::XMLElement* root);

private:
    std::string clean(std::string_view raw, const SourceLocation& where, const Field& field);

    SourceLines m_lines;
    ValueCleaner m_clean;
    Diagnostics& m_diag;
    std::vector<std::pair<int, int>> m_refused;  // line, column of values refused by the cleaner
};

}  // namespace hoso::data::detail
