#include "template/expression.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

#include "text/text.h"

namespace hoso::tmpl::detail {

namespace {

// ---------------------------------------------------------------------------
// Tokenizer

struct Token {
    enum class Kind : std::uint8_t { End = 0, Ident, String, Number, Dot, Pipe, Colon, Comma, Op, Bad };
    Kind kind = Kind::End;
    std::string text;
    double number = 0;
};

class Lexer {
public:
    explicit Lexer(std::string_view s) : m_s(s) {}

    Token next() {
        while (m_pos < m_s.size() && (m_s[m_pos] == ' ' || m_s[m_pos] == '\t' || m_s[m_pos] == '\n' ||
                                      m_s[m_pos] == '\r')) {
            ++m_pos;
        }
        Token t;
        if (m_pos >= m_s.size()) return t;
        const char c = m_s[m_pos];
        const auto is_ident_start = [](char ch) {
            return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_';
        };
        const auto is_ident = [&](char ch) { return is_ident_start(ch) || (ch >= '0' && ch <= '9'); };
        if (is_ident_start(c)) {
            const std::size_t start = m_pos;
            while (m_pos < m_s.size() && is_ident(m_s[m_pos])) ++m_pos;
            t.kind = Token::Kind::Ident;
            t.text = std::string(m_s.substr(start, m_pos - start));
            return t;
        }
        if ((c >= '0' && c <= '9') || (c == '-' && m_pos + 1 < m_s.size() && m_s[m_pos + 1] >= '0' &&
                                       m_s[m_pos + 1] <= '9')) {
            const std::size_t start = m_pos;
            ++m_pos;
            // "1.5" is a number; in "items.0.name" the '.' after 0 is a path separator.
            while (m_pos < m_s.size() &&
                   ((m_s[m_pos] >= '0' && m_s[m_pos] <= '9') ||
                    (m_s[m_pos] == '.' && m_pos + 1 < m_s.size() && m_s[m_pos + 1] >= '0' && m_s[m_pos + 1] <= '9'))) {
                ++m_pos;
            }
            t.text = std::string(m_s.substr(start, m_pos - start));
            const auto r = std::from_chars(t.text.data(), t.text.data() + t.text.size(), t.number);
            t.kind = (r.ec == std::errc() && r.ptr == t.text.data() + t.text.size()) ? Token::Kind::Number
                                                                                        : Token::Kind::Bad;
            return t;
        }
        if (c == '\'' || c == '"') {
            const std::size_t end = m_s.find(c, m_pos + 1);
            if (end == std::string_view::npos) {
                t.kind = Token::Kind::Bad;
                t.text = "unterminated string";
                m_pos = m_s.size();
                return t;
            }
            t.kind = Token::Kind::String;
            t.text = std::string(m_s.substr(m_pos + 1, end - m_pos - 1));
            m_pos = end + 1;
            return t;
        }
        ++m_pos;
        switch (c) {
            case '.': t.kind = Token::Kind::Dot; return t;
            case '|': t.kind = Token::Kind::Pipe; return t;
            case ':': t.kind = Token::Kind::Colon; return t;
            case ',': t.kind = Token::Kind::Comma; return t;
            case '=':
            case '!':
            case '<':
            case '>': {
                t.kind = Token::Kind::Op;
                t.text = std::string(1, c);
                if (m_pos < m_s.size() && m_s[m_pos] == '=') {
                    t.text += '=';
                    ++m_pos;
                }
                if (t.text == "=" || t.text == "!") t.kind = Token::Kind::Bad;
                return t;
            }
            default:
                t.kind = Token::Kind::Bad;
                t.text = std::string(1, c);
                return t;
        }
    }

private:
    std::string_view m_s;
    std::size_t m_pos = 0;
};

class Parser {
public:
    explicit Parser(std::string_view s) : m_lex(s), m_src(s) { advance(); }

    std::optional<Pipeline> pipeline(std::string& error) {
        Pipeline p;
        p.source = std::string(m_src);
        auto base = operand(error);
        if (!base) return std::nullopt;
        p.base = std::move(*base);
        while (m_tok.kind == Token::Kind::Pipe) {
            advance();
            if (m_tok.kind != Token::Kind::Ident) {
                error = "expected a filter name after '|' (thiếu tên bộ lọc sau '|')";
                return std::nullopt;
            }
            FilterCall f;
            f.name = m_tok.text;
            advance();
            if (m_tok.kind == Token::Kind::Colon) {
                do {
                    advance();
                    auto arg = operand(error);
                    if (!arg) return std::nullopt;
                    f.args.push_back(std::move(*arg));
                } while (m_tok.kind == Token::Kind::Comma);
            }
            f.fn = find_filter(f.name, f.args.size(), error);
            if (!f.fn) return std::nullopt;
            p.filters.push_back(std::move(f));
        }
        return p;
    }

    std::optional<Condition> condition(std::string& error) {
        auto left = conjunction(error);
        if (!left) return std::nullopt;
        while (m_tok.kind == Token::Kind::Ident && m_tok.text == "or") {
            advance();
            auto right = conjunction(error);
            if (!right) return std::nullopt;
            Condition c;
            c.kind = Condition::Kind::Or;
            c.a = std::make_shared<Condition>(std::move(*left));
            c.b = std::make_shared<Condition>(std::move(*right));
            left = std::move(c);
        }
        return left;
    }

    bool at_end() const { return m_tok.kind == Token::Kind::End; }
    const Token& token() const { return m_tok; }
    void advance() { m_tok = m_lex.next(); }

    std::optional<Operand> operand(std::string& error) {
        Operand o;
        if (m_tok.kind == Token::Kind::String) {
            o.literal = Value(m_tok.text);
            advance();
            return o;
        }
        if (m_tok.kind == Token::Kind::Number) {
            o.literal = Value(m_tok.number);
            advance();
            return o;
        }
        if (m_tok.kind == Token::Kind::Ident) {
            if (m_tok.text == "true" || m_tok.text == "false") {
                o.literal = Value(m_tok.text == "true");
                advance();
                return o;
            }
            o.is_path = true;
            auto& segments = o.path.segments;
            segments.push_back({m_tok.text, false, 0});
            advance();
            while (m_tok.kind == Token::Kind::Dot) {
                advance();
                if (m_tok.kind == Token::Kind::Ident) {
                    segments.push_back({m_tok.text, false, 0});
                } else if (m_tok.kind == Token::Kind::Number && m_tok.number >= 0 &&
                           std::floor(m_tok.number) == m_tok.number) {
                    PathSegment seg(m_tok.text, true, 0);
                    // An index too large for size_t reads as 0, as it always has.
                    std::from_chars(seg.name.data(), seg.name.data() + seg.name.size(), seg.index);
                    segments.push_back(std::move(seg));
                } else {
                    error = "expected a field name after '.' (thiếu tên trường sau '.')";
                    return std::nullopt;
                }
                advance();
            }
            o.path.is_loop = segments[0].name == "loop";
            if (segments.size() >= 2 && o.path.is_loop && !segments[1].numeric) {
                o.path.loop_field = Scope::loop_field(segments[1].name);
            }
            return o;
        }
        error = m_tok.kind == Token::Kind::End
                    ? "expression is empty or incomplete (biểu thức trống hoặc chưa đủ)"
                    : "unexpected '" + m_tok.text + "' (ký tự không hợp lệ)";
        return std::nullopt;
    }

private:
    std::optional<Condition> conjunction(std::string& error) {
        auto left = negation(error);
        if (!left) return std::nullopt;
        while (m_tok.kind == Token::Kind::Ident && m_tok.text == "and") {
            advance();
            auto right = negation(error);
            if (!right) return std::nullopt;
            Condition c;
            c.kind = Condition::Kind::And;
            c.a = std::make_shared<Condition>(std::move(*left));
            c.b = std::make_shared<Condition>(std::move(*right));
            left = std::move(c);
        }
        return left;
    }

    std::optional<Condition> negation(std::string& error) {
        if (m_tok.kind == Token::Kind::Ident && m_tok.text == "not") {
            advance();
            auto inner = negation(error);
            if (!inner) return std::nullopt;
            Condition c;
            c.kind = Condition::Kind::Not;
            c.a = std::make_shared<Condition>(std::move(*inner));
            return c;
        }
        auto lhs = pipeline(error);
        if (!lhs) return std::nullopt;
        Condition c;
        c.lhs = std::move(*lhs);
        if (m_tok.kind == Token::Kind::Op) {
            c.kind = Condition::Kind::Compare;
            const std::string& op = m_tok.text;
            c.op = op == "==" ? Condition::Op::Eq
                 : op == "!=" ? Condition::Op::Ne
                 : op == "<"  ? Condition::Op::Lt
                 : op == ">"  ? Condition::Op::Gt
                 : op == "<=" ? Condition::Op::Le
                              : Condition::Op::Ge;
            advance();
            auto rhs = pipeline(error);
            if (!rhs) return std::nullopt;
            c.rhs = std::move(*rhs);
        }
        return c;
    }

    Lexer m_lex;
    std::string_view m_src;
    Token m_tok;
};

std::string trim(std::string_view s) {
    std::size_t a = 0, b = s.size();
    while (a < b && (s[a] == ' ' || s[a] == '\t' || s[a] == '\n' || s[a] == '\r')) ++a;
    while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\n' || s[b - 1] == '\r')) --b;
    return std::string(s.substr(a, b - a));
}

// ---------------------------------------------------------------------------
// Filters

struct FilterDef {
    std::size_t min_args;
    std::size_t max_args;
    FilterFn fn;
};

EvalError kind_error(const char* filter, const char* expected) {
    return {std::string("bộ lọc ") + filter + " cần " + expected,
            std::string("filter ") + filter + " expects " + expected};
}

std::optional<double> as_number(const Value& v) {
    if (v.kind() == Value::Kind::Number) return v.number();
    if (v.kind() == Value::Kind::String) {
        double d = 0;
        const auto& s = v.str();
        const auto r = std::from_chars(s.data(), s.data() + s.size(), d);
        if (r.ec == std::errc() && r.ptr == s.data() + s.size()) return d;
    }
    return std::nullopt;
}

std::optional<Date> as_date(const Value& v) {
    if (v.kind() == Value::Kind::Date) return v.date();
    if (v.kind() == Value::Kind::String) return parse_date(v.str());
    return std::nullopt;
}

std::string roman(long long n) {
    static const std::pair<int, const char*> table[] = {{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"},
                                                        {100, "C"},  {90, "XC"},  {50, "L"},  {40, "XL"},
                                                        {10, "X"},   {9, "IX"},   {5, "V"},   {4, "IV"},
                                                        {1, "I"}};
    std::string out;
    for (const auto& [v, s] : table) {
        while (n >= v) {
            out += s;
            n -= v;
        }
    }
    return out;
}

int compare_values(const Value& a, const Value& b, const text::Collator& collator) {
    if (a.kind() == Value::Kind::Number && b.kind() == Value::Kind::Number) {
        return a.number() < b.number() ? -1 : (a.number() > b.number() ? 1 : 0);
    }
    if (a.kind() == Value::Kind::Date && b.kind() == Value::Kind::Date) {
        return a.date() < b.date() ? -1 : (b.date() < a.date() ? 1 : 0);
    }
    return collator.compare(a.to_text(), b.to_text());
}

const text::Collator& shared_collator() {
    thread_local text::Collator collator;
    return collator;
}

// select / reject: keeps the items of a list whose field args[0] equals (keep = true) or
// differs from (keep = false) every one of args[1..].
std::optional<Value> by_field(const char* name, const Value& in, const std::vector<Value>& args, bool keep,
                              EvalError& e) {
    if (in.kind() != Value::Kind::List) {
        e = kind_error(name, "một danh sách (a list)");
        return std::nullopt;
    }
    const std::string key = args[0].to_text();
    Value::List kept;
    for (const auto& item : in.list()) {
        const Value* f = item.find(key);
        const std::string v = f ? f->to_text() : "";
        bool matches = false;
        for (std::size_t i = 1; i < args.size(); ++i) matches = matches || v == args[i].to_text();
        if (matches == keep) kept.push_back(item);
    }
    return Value(std::move(kept));
}

const std::map<std::string, FilterDef>& filters() {
    static const std::map<std::string, FilterDef> table = {
        {"upper",
         {0, 0,
          [](const Value& in, const std::vector<Value>&, EvalError&) -> std::optional<Value> {
              return Value(text::to_upper(in.to_text()));
          }}},
        {"lower",
         {0, 0,
          [](const Value& in, const std::vector<Value>&, EvalError&) -> std::optional<Value> {
              return Value(text::to_lower(in.to_text()));
          }}},
        {"capitalize",
         {0, 0,
          [](const Value& in, const std::vector<Value>&, EvalError&) -> std::optional<Value> {
              const std::string s = in.to_text();
              const auto bounds = text::grapheme_boundaries(s);
              const std::size_t first = bounds.empty() ? s.size() : bounds.front();
              return Value(text::to_upper(s.substr(0, first)) + s.substr(first));
          }}},
        {"nd30_date",
         {0, 0,
          [](const Value& in, const std::vector<Value>&, EvalError& e) -> std::optional<Value> {
              const auto d = as_date(in);
              if (!d) {
                  e = kind_error("nd30_date", "một ngày (a date)");
                  return std::nullopt;
              }
              return Value(text::nd30_date(*d));
          }}},
        {"place_date",
         {1, 1,
          [](const Value& in, const std::vector<Value>& args, EvalError& e) -> std::optional<Value> {
              const auto d = as_date(in);
              if (!d) {
                  e = kind_error("place_date", "một ngày (a date)");
                  return std::nullopt;
              }
              return Value(text::nd30_place_date(args[0].to_text(), *d));
          }}},
        {"short_date",
         {0, 0,
          [](const Value& in, const std::vector<Value>&, EvalError& e) -> std::optional<Value> {
              const auto d = as_date(in);
              if (!d) {
                  e = kind_error("short_date", "một ngày (a date)");
                  return std::nullopt;
              }
              return Value(text::short_date(*d));
          }}},
        {"year",
         {0, 0,
          [](const Value& in, const std::vector<Value>&, EvalError& e) -> std::optional<Value> {
              const auto d = as_date(in);
              if (!d) {
                  e = kind_error("year", "một ngày (a date)");
                  return std::nullopt;
              }
              return Value(d->year);
          }}},
        {"number",
         {0, 0,
          [](const Value& in, const std::vector<Value>&, EvalError& e) -> std::optional<Value> {
              const auto n = as_number(in);
              if (!n) {
                  e = kind_error("number", "một số (a number)");
                  return std::nullopt;
              }
              return Value(text::format_integer(std::llround(*n)));
          }}},
        {"decimal",
         {0, 1,
          [](const Value& in, const std::vector<Value>& args, EvalError& e) -> std::optional<Value> {
              const auto n = as_number(in);
              if (!n) {
                  e = kind_error("decimal", "một số (a number)");
                  return std::nullopt;
              }
              const int places = args.empty() ? 2 : static_cast<int>(as_number(args[0]).value_or(2));
              return Value(text::format_decimal(*n, places));
          }}},
        {"percent",
         {0, 1,
          [](const Value& in, const std::vector<Value>& args, EvalError& e) -> std::optional<Value> {
              const auto n = as_number(in);
              if (!n) {
                  e = kind_error("percent", "một số (a number)");
                  return std::nullopt;
              }
              const int places = args.empty() ? 2 : static_cast<int>(as_number(args[0]).value_or(2));
              return Value(text::format_percent(*n, places));
          }}},
        {"two_digits",
         {0, 0,
          [](const Value& in, const std::vector<Value>&, EvalError&) -> std::optional<Value> {
              const auto n = as_number(in);
              if (!n) return Value(in.to_text());  // "…" or a blank number stays as written
              return Value(text::two_digits(static_cast<int>(std::llround(*n))));
          }}},
        {"words",
         {0, 0,
          [](const Value& in, const std::vector<Value>&, EvalError& e) -> std::optional<Value> {
              const auto n = as_number(in);
              if (!n) {
                  e = kind_error("words", "một số (a number)");
                  return std::nullopt;
              }
              return Value(text::spell_out(std::llround(*n)));
          }}},
        {"roman",
         {0, 0,
          [](const Value& in, const std::vector<Value>&, EvalError& e) -> std::optional<Value> {
              const auto n = as_number(in);
              if (!n || *n < 1 || *n > 3999) {
                  e = kind_error("roman", "một số từ 1 đến 3999 (a number 1–3999)");
                  return std::nullopt;
              }
              return Value(roman(std::llround(*n)));
          }}},
        {"default",
         {1, 1,
          [](const Value& in, const std::vector<Value>& args, EvalError&) -> std::optional<Value> {
              return in.truthy() ? in : args[0];
          }}},
        {"join",
         {0, 1,
          [](const Value& in, const std::vector<Value>& args, EvalError& e) -> std::optional<Value> {
              if (in.kind() != Value::Kind::List) {
                  e = kind_error("join", "một danh sách (a list)");
                  return std::nullopt;
              }
              const std::string sep = args.empty() ? ", " : args[0].to_text();
              std::string out;
              for (std::size_t i = 0; i < in.list().size(); ++i) {
                  if (i) out += sep;
                  out += in.list()[i].to_text();
              }
              return Value(out);
          }}},
        {"count",
         {0, 0,
          [](const Value& in, const std::vector<Value>&, EvalError&) -> std::optional<Value> {
              if (in.kind() == Value::Kind::List) return Value(static_cast<long long>(in.list().size()));
              if (in.kind() == Value::Kind::Map) return Value(static_cast<long long>(in.map().size()));
              if (in.kind() == Value::Kind::Null) return Value(0);
              return Value(static_cast<long long>(text::to_utf32(in.to_text()).size()));
          }}},
        {"first",
         {0, 0,
          [](const Value& in, const std::vector<Value>&, EvalError& e) -> std::optional<Value> {
              if (in.kind() != Value::Kind::List) {
                  e = kind_error("first", "một danh sách (a list)");
                  return std::nullopt;
              }
              return in.list().empty() ? Value() : in.list().front();
          }}},
        {"last",
         {0, 0,
          [](const Value& in, const std::vector<Value>&, EvalError& e) -> std::optional<Value> {
              if (in.kind() != Value::Kind::List) {
                  e = kind_error("last", "một danh sách (a list)");
                  return std::nullopt;
              }
              return in.list().empty() ? Value() : in.list().back();
          }}},
        {"sort",
         {0, 0,
          [](const Value& in, const std::vector<Value>&, EvalError& e) -> std::optional<Value> {
              if (in.kind() != Value::Kind::List) {
                  e = kind_error("sort", "một danh sách (a list)");
                  return std::nullopt;
              }
              Value::List items = in.list();
              const auto& coll = shared_collator();
              std::stable_sort(items.begin(), items.end(), [&](const Value& a, const Value& b) {
                  return compare_values(a, b, coll) < 0;
              });
              return Value(std::move(items));
          }}},
        {"reverse",
         {0, 0,
          [](const Value& in, const std::vector<Value>&, EvalError& e) -> std::optional<Value> {
              // list | reverse — the items in the opposite order (e.g. after sort_by: highest first).
              if (in.kind() != Value::Kind::List) {
                  e = kind_error("reverse", "một danh sách (a list)");
                  return std::nullopt;
              }
              Value::List items(in.list().rbegin(), in.list().rend());
              return Value(std::move(items));
          }}},
        {"sort_by",
         {1, 1,
          [](const Value& in, const std::vector<Value>& args, EvalError& e) -> std::optional<Value> {
              if (in.kind() != Value::Kind::List) {
                  e = kind_error("sort_by", "một danh sách (a list)");
                  return std::nullopt;
              }
              const std::string key = args[0].to_text();
              Value::List items = in.list();
              const auto& coll = shared_collator();
              static const Value null_value;
              auto field = [&](const Value& v) -> const Value& {
                  const Value* f = v.find(key);
                  return f ? *f : null_value;
              };
              std::stable_sort(items.begin(), items.end(), [&](const Value& a, const Value& b) {
                  return compare_values(field(a), field(b), coll) < 0;
              });
              return Value(std::move(items));
          }}},
        {"add",
         {1, 1,
          [](const Value& in, const std::vector<Value>& args, EvalError& e) -> std::optional<Value> {
              const auto a = as_number(in), b = as_number(args[0]);
              if (!a || !b) {
                  e = kind_error("add", "hai số (two numbers)");
                  return std::nullopt;
              }
              return Value(*a + *b);
          }}},
        {"reject",
         {2, 9,
          [](const Value& in, const std::vector<Value>& args, EvalError& e) -> std::optional<Value> {
              // list | reject:'key','a','b' — drops the items whose field `key` equals one of the values.
              return by_field("reject", in, args, false, e);
          }}},
        {"select",
         {2, 9,
          [](const Value& in, const std::vector<Value>& args, EvalError& e) -> std::optional<Value> {
              // list | select:'key','a','b' — keeps the items whose field `key` equals one of the values.
              return by_field("select", in, args, true, e);
          }}},
        {"group_by",
         {1, 1,
          [](const Value& in, const std::vector<Value>& args, EvalError& e) -> std::optional<Value> {
              if (in.kind() != Value::Kind::List) {
                  e = kind_error("group_by", "một danh sách (a list)");
                  return std::nullopt;
              }
              const std::string key = args[0].to_text();
              Value::List groups;
              std::vector<std::string> keys;
              for (const auto& item : in.list()) {
                  const Value* f = item.find(key);
                  const Value k = f ? *f : Value();
                  const std::string ks = k.to_text();
                  auto it = std::find(keys.begin(), keys.end(), ks);
                  if (it == keys.end()) {
                      keys.push_back(ks);
                      Value g;
                      g.set("key", k);
                      g.set("items", Value(Value::List{}));
                      groups.push_back(std::move(g));
                      it = keys.end() - 1;
                  }
                  Value& g = groups[static_cast<std::size_t>(it - keys.begin())];
                  Value items = *g.find("items");
                  items.push(item);
                  g.set("items", std::move(items));
              }
              return Value(std::move(groups));
          }}},
    };
    return table;
}

}  // namespace

FilterFn find_filter(const std::string& name, std::size_t args, std::string& error) {
    const auto& table = filters();
    const auto it = table.find(name);
    if (it == table.end()) {
        error = "unknown filter '" + name + "' (bộ lọc không tồn tại)";
        return nullptr;
    }
    if (args < it->second.min_args || args > it->second.max_args) {
        error = "filter '" + name + "' takes " + std::to_string(it->second.min_args) +
                (it->second.max_args != it->second.min_args ? "–" + std::to_string(it->second.max_args) : "") +
                " argument(s), got " + std::to_string(args) + " (sai số tham số của bộ lọc)";
        return nullptr;
    }
    return it->second.fn;
}

std::optional<Pipeline> parse_pipeline(std::string_view src, std::string& error) {
    Parser p(src);
    auto result = p.pipeline(error);
    if (!result) return std::nullopt;
    if (!p.at_end()) {
        error = "unexpected '" + p.token().text + "' in expression (thừa ký tự trong biểu thức)";
        return std::nullopt;
    }
    result->source = trim(src);
    return result;
}

std::optional<Condition> parse_condition(std::string_view src, std::string& error) {
    Parser p(src);
    auto result = p.condition(error);
    if (!result) return std::nullopt;
    if (!p.at_end()) {
        error = "unexpected '" + p.token().text + "' in condition (thừa ký tự trong điều kiện)";
        return std::nullopt;
    }
    return result;
}

std::optional<Loop> parse_loop(std::string_view src, std::string& error) {
    Parser p(src);
    if (p.token().kind != Token::Kind::Ident) {
        error = "a loop reads 'name in list' (vòng lặp phải có dạng 'tên in danh_sách')";
        return std::nullopt;
    }
    Loop loop;
    loop.variable = p.token().text;
    p.advance();
    if (p.token().kind != Token::Kind::Ident || p.token().text != "in") {
        error = "a loop reads 'name in list' (vòng lặp phải có dạng 'tên in danh_sách')";
        return std::nullopt;
    }
    p.advance();
    auto list = p.pipeline(error);
    if (!list) return std::nullopt;
    if (!p.at_end()) {
        error = "unexpected '" + p.token().text + "' in loop (thừa ký tự trong vòng lặp)";
        return std::nullopt;
    }
    loop.list = std::move(*list);
    loop.list.source = trim(src.substr(src.find(" in ") + 4));
    if (loop.variable == "loop") {
        error = "'loop' is reserved (tên 'loop' đã dành riêng)";
        return std::nullopt;
    }
    return loop;
}

std::optional<Interpolated> parse_interpolated(std::string_view src, std::string& error) {
    Interpolated out;
    std::size_t pos = 0;
    while (pos < src.size()) {
        const std::size_t open = src.find("{{", pos);
        if (open == std::string_view::npos) {
            out.push_back({false, std::string(src.substr(pos)), {}, simple_wording(src.substr(pos))});
            break;
        }
        if (open > pos) {
            const std::string_view literal = src.substr(pos, open - pos);
            out.push_back({false, std::string(literal), {}, simple_wording(literal)});
        }
        const std::size_t close = src.find("}}", open + 2);
        if (close == std::string_view::npos) {
            error = "'{{' without '}}' (thiếu '}}')";
            return std::nullopt;
        }
        auto p = parse_pipeline(src.substr(open + 2, close - open - 2), error);
        if (!p) return std::nullopt;
        out.push_back({true, {}, std::move(*p)});
        pos = close + 2;
    }
    if (src.find("}}") != std::string_view::npos) {
        // A stray "}}" with no opening: easy to write by mistake.
        std::size_t depth_check = 0, i = 0;
        while (i < src.size()) {
            if (src.compare(i, 2, "{{") == 0) {
                ++depth_check;
                i += 2;
            } else if (src.compare(i, 2, "}}") == 0) {
                if (depth_check == 0) {
                    error = "'}}' without '{{' (thừa '}}')";
                    return std::nullopt;
                }
                --depth_check;
                i += 2;
            } else {
                ++i;
            }
        }
    }
    return out;
}

bool simple_wording(std::string_view s) noexcept {
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == ' ') {
            if (i > 0 && s[i - 1] == ' ') return false;
        } else if (c < 0x20 || c == 0x7f || c == 0xEE) {
            return false;
        }
    }
    return true;
}

int Scope::loop_field(std::string_view name) {
    if (name == "index") return Index;
    if (name == "number") return Number;
    if (name == "first") return First;
    if (name == "last") return Last;
    if (name == "count") return Count;
    return -1;
}

void Scope::push(std::string_view name, const Value& item, std::size_t index, std::size_t count) {
    Frame& f = m_frames.emplace_back();
    f.name = name;
    f.item = &item;
    f.fields[Index] = Value(static_cast<long long>(index));
    f.fields[Number] = Value(static_cast<long long>(index + 1));
    f.fields[First] = Value(index == 0);
    f.fields[Last] = Value(index + 1 == count);
    f.fields[Count] = Value(static_cast<long long>(count));
}

const Value* Scope::resolve(const Path& path, std::string& missing) const {
    const auto& segs = path.segments;
    if (segs.empty()) return nullptr;
    const Value* current = nullptr;
    std::size_t next = 1;
    if (path.is_loop && !m_frames.empty()) {
        const Frame& f = m_frames.back();
        if (path.loop_field >= 0) {
            current = &f.fields[path.loop_field];
            next = 2;
        } else {
            if (f.loop.is_null()) {
                Value::Map m;
                m.reserve(FieldCount);
                m.emplace_back("count", f.fields[Count]);
                m.emplace_back("first", f.fields[First]);
                m.emplace_back("index", f.fields[Index]);
                m.emplace_back("last", f.fields[Last]);
                m.emplace_back("number", f.fields[Number]);
                f.loop = Value(std::move(m));
            }
            current = &f.loop;
        }
    } else {
        for (auto it = m_frames.rbegin(); it != m_frames.rend(); ++it) {
            if (it->name == segs[0].name) {
                current = it->item;
                break;
            }
        }
    }
    if (!current) current = segs[0].find_in(m_root);
    if (!current) {
        missing = segs[0].name;
        return nullptr;
    }
    for (std::size_t i = next; i < segs.size(); ++i) {
        const PathSegment& seg = segs[i];
        const Value* step = nullptr;
        if (seg.numeric && current->kind() == Value::Kind::List) {
            if (seg.index < current->list().size()) step = &current->list()[seg.index];
        } else {
            step = seg.find_in(*current);
        }
        if (!step) {
            missing = segs[0].name;
            for (std::size_t j = 1; j <= i; ++j) missing += "." + segs[j].name;
            return nullptr;
        }
        current = step;
    }
    return current;
}

namespace {

const Value* operand_value(const Operand& o, const Scope& scope, EvalError& error) {
    if (!o.is_path) return &o.literal;
    std::string missing;
    const Value* v = scope.resolve(o.path, missing);
    if (!v) error = {"không có trường dữ liệu '" + missing + "'", "no data field '" + missing + "'"};
    return v;
}

}  // namespace

const Value* evaluate(const Pipeline& p, const Scope& scope, Value& storage, EvalError& error) {
    const Value* value = operand_value(p.base, scope, error);
    if (!value || p.filters.empty()) return value;
    std::vector<Value> args;
    for (const auto& f : p.filters) {
        args.clear();
        for (const auto& a : f.args) {
            const Value* v = operand_value(a, scope, error);
            if (!v) return nullptr;
            args.push_back(*v);
        }
        auto result = f.fn(*value, args, error);
        if (!result) {
            error.vi += " (trong '" + p.source + "')";
            error.en += " (in '" + p.source + "')";
            return nullptr;
        }
        storage = std::move(*result);
        value = &storage;
    }
    return value;
}

const Value* evaluate_printable(const Pipeline& p, const Scope& scope, Value& storage, EvalError& error) {
    const Value* v = evaluate(p, scope, storage, error);
    if (v && v->kind() == Value::Kind::Map) {
        error = {"'" + p.source + "' là một nhóm trường, không in được",
                 "'" + p.source + "' is a group of fields and cannot be printed"};
        return nullptr;
    }
    return v;
}

std::optional<bool> evaluate(const Condition& c, const Scope& scope, EvalError& error) {
    switch (c.kind) {
        case Condition::Kind::Test: {
            Value storage;
            const Value* v = evaluate(c.lhs, scope, storage, error);
            if (!v) return std::nullopt;
            return v->truthy();
        }
        case Condition::Kind::Not: {
            auto v = evaluate(*c.a, scope, error);
            if (!v) return std::nullopt;
            return !*v;
        }
        case Condition::Kind::And:
        case Condition::Kind::Or: {
            auto a = evaluate(*c.a, scope, error);
            if (!a) return std::nullopt;
            if (c.kind == Condition::Kind::And && !*a) return false;
            if (c.kind == Condition::Kind::Or && *a) return true;
            return evaluate(*c.b, scope, error);
        }
        case Condition::Kind::Compare: {
            Value storage_a, storage_b;
            const Value* a = evaluate(c.lhs, scope, storage_a, error);
            if (!a) return std::nullopt;
            const Value* b = evaluate(c.rhs, scope, storage_b, error);
            if (!b) return std::nullopt;
            int cmp = 0;
            const auto na = as_number(*a), nb = as_number(*b);
            if (na && nb && (a->kind() == Value::Kind::Number || b->kind() == Value::Kind::Number)) {
                cmp = *na < *nb ? -1 : (*na > *nb ? 1 : 0);
            } else if (a->kind() == Value::Kind::Bool || b->kind() == Value::Kind::Bool) {
                cmp = a->truthy() == b->truthy() ? 0 : 1;
            } else if (a->kind() == Value::Kind::String && b->kind() == Value::Kind::String) {
                const int r = a->str().compare(b->str());
                cmp = r < 0 ? -1 : (r > 0 ? 1 : 0);
            } else {
                const std::string sa = a->to_text(), sb = b->to_text();
                cmp = sa < sb ? -1 : (sa > sb ? 1 : 0);
            }
            switch (c.op) {
                case Condition::Op::Eq: return cmp == 0;
                case Condition::Op::Ne: return cmp != 0;
                case Condition::Op::Lt: return cmp < 0;
                case Condition::Op::Gt: return cmp > 0;
                case Condition::Op::Le: return cmp <= 0;
                case Condition::Op::Ge: return cmp >= 0;
            }
            return std::nullopt;
        }
    }
    return std::nullopt;
}

bool evaluate(const Interpolated& t, const Scope& scope, std::string& out, EvalError& error) {
    for (const auto& part : t) {
        if (!part.is_expr) {
            out += part.literal;
            continue;
        }
        Value storage;
        const Value* v = evaluate_printable(part.expr, scope, storage, error);
        if (!v) return false;
        v->append_text(out);
    }
    return true;
}

}  // namespace hoso::tmpl::detail
