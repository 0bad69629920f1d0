// Internal to serve: the page's state (JSON, web/API.md) ↔ the unit data file (XML), and the
// data file's diagnostics mapped back onto the state's fields. The state holds the values as
// the clerk typed them; nothing here judges a value (the data parser and forms do).
#pragma once

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>
#include <vector>

#include "core/core.h"
#include "data/data.h"
#include "forms/forms.h"

namespace hoso::serve::detail {

using Json = nlohmann::ordered_json;

// A request the server refuses: HTTP status, error code and message (web/API.md, Errors).
struct Refusal : std::runtime_error {
    Refusal(int status_, std::string code_, const std::string& message)
        : std::runtime_error(message), status(status_), code(std::move(code_)) {}
    int status;
    std::string code;
};

inline constexpr std::size_t kMaxStringBytes = data::kMaxValueBytes;
inline constexpr std::size_t kMaxListItems = 2000;

// Where one line of the generated XML came from: the state's JSON Pointer of the element on
// that line, the keys of that object written on the same line (attributes) and, for a value
// element, nothing else.
struct LineOrigin {
    std::string pointer;              // "/indicators/6", "/unit/name"; "" = no field
    std::vector<std::string> keys;    // state keys of `pointer` that are on this line
    std::string value_key;            // the key a diagnostic about this element's text means
    std::string indicator;            // the indicator id the line belongs to, if any
};

struct GeneratedXml {
    std::string xml;
    std::vector<LineOrigin> lines;  // index = line number (0 unused)
};

// Writes the state as a unit data file, one value per line. Throws Refusal (400 bad-state) for
// a value of the wrong JSON type, a string or list over the limits, or a control character.
GeneratedXml state_to_xml(const Json& state);

// The canonical state of parsed data (every key present; lists in canonical order).
Json unit_to_state(const data::UnitData& unit, const std::vector<std::string>& document_kinds);

// A blank state for a form: what hoso init writes, parsed.
// (Made by the caller from forms::skeleton_xml and unit_to_state.)

// One diagnostic as the API gives it; `origin` = the generated XML's line table (null for an
// uploaded file: no field).
Json diagnostic_json(const Diagnostic& d, const GeneratedXml* origin, const Json* state);

}  // namespace hoso::serve::detail
