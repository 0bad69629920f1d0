// Internal to the template module: placeholder expressions, conditions and filters.
#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "template/template.h"

namespace hoso::tmpl::detail {

// Evaluation errors are returned as messages; the caller adds file:line.
struct EvalError {
    std::string vi;
    std::string en;
};

// One step of a path: a field name, or a list index when it is all digits ("items.0.name").
struct PathSegment {
    std::string name;
    bool numeric = false;
    std::size_t index = 0;  // numeric segments
    // Where `name` was last found in a map (Value::find's hint). Compiled templates are shared
    // between threads: relaxed atomic, a wrong hint only costs the ordinary lookup.
    mutable std::atomic<std::size_t> hint{0};

    PathSegment(std::string n, bool num, std::size_t i) : name(std::move(n)), numeric(num), index(i) {}
    PathSegment(const PathSegment& o) : name(o.name), numeric(o.numeric), index(o.index), hint(o.hint.load(std::memory_order_relaxed)) {}
    PathSegment& operator=(const PathSegment& o) {
        name = o.name;
        numeric = o.numeric;
        index = o.index;
        hint.store(o.hint.load(std::memory_order_relaxed), std::memory_order_relaxed);
        return *this;
    }
    // Lookup of `name` in `map` through the hint.
    const Value* find_in(const Value& map) const noexcept {
        std::size_t h = hint.load(std::memory_order_relaxed);
        const std::size_t before = h;
        const Value* v = map.find(name, h);
        if (h != before) hint.store(h, std::memory_order_relaxed);
        return v;
    }
};

// A dotted path, split and classified once when the template is compiled.
struct Path {
    std::vector<PathSegment> segments;  // "unit.name" → {"unit", "name"}
    bool is_loop = false;  // starts with "loop"
    // "loop.<field>" with a known loop field: its number (Scope::LoopField), else -1.
    int loop_field = -1;
};

struct Operand {
    bool is_path = false;
    Path path;
    Value literal;
};

using FilterFn = std::optional<Value> (*)(const Value& in, const std::vector<Value>& args, EvalError& error);

struct FilterCall {
    std::string name;
    std::vector<Operand> args;
    FilterFn fn = nullptr;  // resolved when parsed
};

struct Pipeline {
    Operand base;
    std::vector<FilterCall> filters;
    std::string source;  // as written, for messages
};

struct Condition {
    enum class Kind : std::uint8_t { Test = 0, Compare, Not, And, Or };
    enum class Op : std::uint8_t { Eq = 0, Ne, Lt, Gt, Le, Ge };
    Kind kind = Kind::Test;
    Pipeline lhs;
    Pipeline rhs;
    Op op = Op::Eq;  // == != < > <= >=
    std::shared_ptr<Condition> a;
    std::shared_ptr<Condition> b;
};

// A piece of text with placeholders: literal parts and {{ … }} parts in order.
struct TextPart {
    bool is_expr = false;
    std::string literal;
    Pipeline expr;
    // A literal of printable bytes and single spaces only (see simple_wording).
    bool simple = false;
};
using Interpolated = std::vector<TextPart>;

struct Loop {
    std::string variable;
    Pipeline list;
};

// Parsers return nullopt and set `error` (English + Vietnamese in one string) on failure.
std::optional<Pipeline> parse_pipeline(std::string_view src, std::string& error);
std::optional<Condition> parse_condition(std::string_view src, std::string& error);
std::optional<Interpolated> parse_interpolated(std::string_view src, std::string& error);
std::optional<Loop> parse_loop(std::string_view src, std::string& error);

// Variables visible while rendering: loop variables (innermost last) over the root data.
class Scope {
public:
    // The fields of "loop" inside a loop.
    enum LoopField : int { Index = 0, Number, First, Last, Count, FieldCount };
    static int loop_field(std::string_view name);

    explicit Scope(const Value& root) : m_root(root) { m_frames.reserve(8); }
    // One iteration of a loop: `name` is `item` (both outlive the iteration), and "loop"
    // describes item `index` of `count`.
    void push(std::string_view name, const Value& item, std::size_t index, std::size_t count);
    void pop() { m_frames.pop_back(); }
    // nullptr when the path does not resolve; `missing` then names the path up to the first
    // missing segment.
    const Value* resolve(const Path& path, std::string& missing) const;

private:
    struct Frame {
        std::string_view name;
        const Value* item = nullptr;
        Value fields[FieldCount];
        mutable Value loop;  // the "loop" map, built when a template reads it whole
    };
    const Value& m_root;
    std::vector<Frame> m_frames;
};

// The value of a pipeline: a pointer into the data or the compiled template, or to
// `storage` when a filter made a new value; nullptr (and `error`) on failure.
const Value* evaluate(const Pipeline& p, const Scope& scope, Value& storage, EvalError& error);
// As evaluate, for a placeholder that is printed: a map is an error.
const Value* evaluate_printable(const Pipeline& p, const Scope& scope, Value& storage, EvalError& error);
std::optional<bool> evaluate(const Condition& c, const Scope& scope, EvalError& error);
// Appends the text of `t` to `out`; false (and `error`) on failure.
bool evaluate(const Interpolated& t, const Scope& scope, std::string& out, EvalError& error);

// True when template wording `s` needs no whitespace collapsing inside: no control
// characters, tabs, newlines, U+E000 lead bytes (0xEE) or two spaces in a row. It may start or
// end with one space.
bool simple_wording(std::string_view s) noexcept;

// The filter `name` when it exists and accepts `args` arguments; else nullptr and `error`.
FilterFn find_filter(const std::string& name, std::size_t args, std::string& error);

}  // namespace hoso::tmpl::detail
