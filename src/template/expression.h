// Internal to the template module: placeholder expressions, conditions and filters.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "template/template.h"

namespace hoso::tmpl::detail {

struct Operand {
    bool is_path = false;
    std::vector<std::string> path;  // "unit.name" → {"unit", "name"}; numeric segments index lists
    Value literal;
};

struct FilterCall {
    std::string name;
    std::vector<Operand> args;
};

struct Pipeline {
    Operand base;
    std::vector<FilterCall> filters;
    std::string source;  // as written, for messages
};

struct Condition {
    enum class Kind : std::uint8_t { Test = 0, Compare, Not, And, Or };
    Kind kind = Kind::Test;
    Pipeline lhs;
    Pipeline rhs;
    std::string op;  // == != < > <= >=
    std::shared_ptr<Condition> a;
    std::shared_ptr<Condition> b;
};

// A piece of text with placeholders: literal parts and {{ … }} parts in order.
struct TextPart {
    bool is_expr = false;
    std::string literal;
    Pipeline expr;
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
    explicit Scope(const Value& root) : m_root(root) {}
    void push(std::string name, Value v) { m_vars.emplace_back(std::move(name), std::move(v)); }
    void pop() { m_vars.pop_back(); }
    // nullptr when the path does not resolve; `missing` then names the first missing segment.
    const Value* resolve(const std::vector<std::string>& path, std::string& missing) const;

private:
    const Value& m_root;
    std::vector<std::pair<std::string, Value>> m_vars;
};

// Evaluation errors are returned as messages; the caller adds file:line.
struct EvalError {
    std::string vi;
    std::string en;
};

std::optional<Value> evaluate(const Pipeline& p, const Scope& scope, EvalError& error);
std::optional<bool> evaluate(const Condition& c, const Scope& scope, EvalError& error);
std::optional<std::string> evaluate(const Interpolated& t, const Scope& scope, EvalError& error);

// True when `name` is a known filter and accepts `args` arguments.
bool filter_exists(const std::string& name, std::size_t args, std::string& error);

}  // namespace hoso::tmpl::detail
