#include "template/template.h"

#include <cmath>

#include "text/text.h"

namespace hoso::tmpl {

Value::Value(std::string s) : m_kind(Kind::String), m_string(std::move(s)) {}
Value::Value(const char* s) : m_kind(Kind::String), m_string(s) {}
Value::Value(double n) : m_kind(Kind::Number), m_number(n) {}
Value::Value(int n) : m_kind(Kind::Number), m_number(n) {}
Value::Value(long long n) : m_kind(Kind::Number), m_number(static_cast<double>(n)) {}
Value::Value(bool b) : m_kind(Kind::Bool), m_bool(b) {}
Value::Value(hoso::Date d) : m_kind(Kind::Date), m_date(d) {}
Value::Value(List l) : m_kind(Kind::List), m_list(std::make_shared<List>(std::move(l))) {}
Value::Value(Map m) : m_kind(Kind::Map), m_map(std::make_shared<Map>(std::move(m))) {}

const Value::List& Value::list() const noexcept {
    static const List empty;
    return m_list ? *m_list : empty;
}

const Value::Map& Value::map() const noexcept {
    static const Map empty;
    return m_map ? *m_map : empty;
}

Value::List& Value::mutable_list() {
    if (m_kind == Kind::Null) {
        m_kind = Kind::List;
        m_list = std::make_shared<List>();
    }
    if (m_kind != Kind::List) throw Error("Value::mutable_list on a non-list value");
    if (m_list.use_count() > 1) m_list = std::make_shared<List>(*m_list);  // copy on write
    return *m_list;
}

Value::Map& Value::mutable_map() {
    if (m_kind == Kind::Null) {
        m_kind = Kind::Map;
        m_map = std::make_shared<Map>();
    }
    if (m_kind != Kind::Map) throw Error("Value::mutable_map on a non-map value");
    if (m_map.use_count() > 1) m_map = std::make_shared<Map>(*m_map);
    return *m_map;
}

const Value* Value::find(std::string_view key) const noexcept {
    if (m_kind != Kind::Map || !m_map) return nullptr;
    const auto it = m_map->find(key);
    return it == m_map->end() ? nullptr : &it->second;
}

Value& Value::set(const std::string& key, Value v) {
    auto& m = mutable_map();
    m[key] = std::move(v);
    return *this;
}

Value& Value::push(Value v) {
    mutable_list().push_back(std::move(v));
    return *this;
}

bool Value::truthy() const noexcept {
    switch (m_kind) {
        case Kind::Null: return false;
        case Kind::String: return !m_string.empty();
        case Kind::Number: return m_number != 0;
        case Kind::Bool: return m_bool;
        case Kind::Date: return true;
        case Kind::List: return m_list && !m_list->empty();
        case Kind::Map: return m_map && !m_map->empty();
    }
    return false;
}

std::string Value::to_text() const {
    switch (m_kind) {
        case Kind::Null: return "";
        case Kind::String: return m_string;
        case Kind::Number: {
            if (std::nearbyint(m_number) == m_number && std::fabs(m_number) < 1e15) {
                return std::to_string(static_cast<long long>(m_number));
            }
            // Non-integers use the Vietnamese decimal comma, without thousands grouping.
            std::string s = format_fixed(m_number, 2);
            while (!s.empty() && s.back() == '0') s.pop_back();
            if (!s.empty() && s.back() == '.') s.pop_back();
            for (char& c : s) {
                if (c == '.') c = ',';
            }
            return s;
        }
        case Kind::Bool: return m_bool ? "Có" : "Không";
        case Kind::Date: return text::nd30_date(m_date);
        case Kind::List: {
            std::string out;
            for (const auto& v : list()) {
                if (!out.empty()) out += ", ";
                out += v.to_text();
            }
            return out;
        }
        case Kind::Map: return "";
    }
    return "";
}

}  // namespace hoso::tmpl
