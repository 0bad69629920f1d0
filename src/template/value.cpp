#include "template/template.h"

#include <algorithm>
#include <cmath>
#include <new>

#include "text/text.h"

namespace hoso::tmpl {

namespace {

// A text longer than Value holds inline: the header, then the bytes.
struct SharedText : detail::Shared {
    std::size_t size = 0;
    char* chars() noexcept { return reinterpret_cast<char*>(this + 1); }
};

struct SharedList : detail::Shared {
    Value::List items;
};

struct SharedMap : detail::Shared {
    Value::Map members;
};

static_assert(sizeof(Value) == 16);
static_assert(sizeof(hoso::Date) == 12);

// Sorts members by key (stable) and keeps the last of each repeated key.
// a < b for keys (as std::string compares them), without a library call: keys are short and
// most neighbours differ in their first bytes.
bool key_less(std::string_view a, std::string_view b) noexcept {
    const std::size_t n = std::min(a.size(), b.size());
    for (std::size_t i = 0; i < n; ++i) {
        if (a[i] != b[i]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[i]);
    }
    return a.size() < b.size();
}

bool same_key(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i] != b[i]) return false;
    }
    return true;
}

void normalise_members(Value::Map& m) {
    bool sorted = true;
    for (std::size_t i = 1; i < m.size() && sorted; ++i) sorted = key_less(m[i - 1].first, m[i].first);
    if (sorted) return;
    if (m.size() <= 32) {
        for (std::size_t i = 1; i < m.size(); ++i) {
            for (std::size_t j = i; j > 0 && m[j].first < m[j - 1].first; --j) std::swap(m[j], m[j - 1]);
        }
    } else {
        std::stable_sort(m.begin(), m.end(), [](const Value::Member& a, const Value::Member& b) { return a.first < b.first; });
    }
    std::size_t w = 0;
    for (std::size_t i = 0; i < m.size(); ++i) {
        if (w > 0 && m[w - 1].first == m[i].first) {
            m[w - 1] = std::move(m[i]);
        } else {
            if (w != i) m[w] = std::move(m[i]);
            ++w;
        }
    }
    m.resize(w);
}

}  // namespace

Value::Value(std::string_view s) : m_bytes{} {
    if (s.size() <= kInline) {
        m_bytes[0] = static_cast<unsigned char>(Kind::String);
        m_bytes[1] = static_cast<unsigned char>(s.size());
        // Two overlapping fixed-size copies instead of a library call for a variable size.
        const std::size_t n = s.size();
        unsigned char* dst = m_bytes + 2;
        if (n >= 8) {
            std::memcpy(dst, s.data(), 8);
            std::memcpy(dst + n - 8, s.data() + n - 8, 8);
        } else if (n >= 4) {
            std::memcpy(dst, s.data(), 4);
            std::memcpy(dst + n - 4, s.data() + n - 4, 4);
        } else {
            for (std::size_t i = 0; i < n; ++i) dst[i] = static_cast<unsigned char>(s[i]);
        }
        return;
    }
    void* mem = ::operator new(sizeof(SharedText) + s.size());
    auto* t = new (mem) SharedText;
    t->size = s.size();
    std::memcpy(t->chars(), s.data(), s.size());
    set_shared(Kind::String, t);
}

Value::Value(double n) noexcept : m_bytes{} {
    m_bytes[0] = static_cast<unsigned char>(Kind::Number);
    std::memcpy(m_bytes + 8, &n, sizeof n);
}

Value::Value(bool b) noexcept : m_bytes{} {
    m_bytes[0] = static_cast<unsigned char>(Kind::Bool);
    m_bytes[1] = b ? 1 : 0;
}

Value::Value(hoso::Date d) noexcept : m_bytes{} {
    m_bytes[0] = static_cast<unsigned char>(Kind::Date);
    std::memcpy(m_bytes + 4, &d, sizeof d);
}

Value::Value(List l) : m_bytes{} {
    m_bytes[0] = static_cast<unsigned char>(Kind::List);
    if (l.empty()) return;
    auto* s = new SharedList;
    s->items = std::move(l);
    set_shared(Kind::List, s);
}

Value::Value(Map m) : m_bytes{} {
    m_bytes[0] = static_cast<unsigned char>(Kind::Map);
    if (m.empty()) return;
    normalise_members(m);
    auto* s = new SharedMap;
    s->members = std::move(m);
    set_shared(Kind::Map, s);
}

Value Value::sorted_map(Map m) {
    Value v;
    v.m_bytes[0] = static_cast<unsigned char>(Kind::Map);
    if (m.empty()) return v;
    auto* s = new SharedMap;
    s->members = std::move(m);
    v.set_shared(Kind::Map, s);
    return v;
}

Value& Value::operator=(const Value& other) noexcept {
    unsigned char bytes[sizeof m_bytes];
    std::memcpy(bytes, other.m_bytes, sizeof bytes);
    if (bytes[0] & kShared) other.shared()->refs.fetch_add(1, std::memory_order_relaxed);
    if (m_bytes[0] & kShared) release();  // may destroy `other` if it lives in this payload
    std::memcpy(m_bytes, bytes, sizeof bytes);
    return *this;
}

Value& Value::operator=(Value&& other) noexcept {
    if (this == &other) return *this;
    unsigned char bytes[sizeof m_bytes];
    std::memcpy(bytes, other.m_bytes, sizeof bytes);
    other.m_bytes[0] = 0;
    if (m_bytes[0] & kShared) release();
    std::memcpy(m_bytes, bytes, sizeof bytes);
    return *this;
}

void Value::set_shared(Kind k, detail::Shared* s) noexcept {
    m_bytes[0] = static_cast<unsigned char>(static_cast<unsigned char>(k) | kShared);
    std::memcpy(m_bytes + 8, &s, sizeof s);
}

void Value::release() noexcept {
    detail::Shared* s = shared();
    const Kind k = kind();
    m_bytes[0] = 0;
    // The last owner need not decrement: nobody else can reach the payload any more.
    if (s->refs.load(std::memory_order_acquire) != 1 && s->refs.fetch_sub(1, std::memory_order_acq_rel) != 1) return;
    switch (k) {
        case Kind::String: {
            auto* t = static_cast<SharedText*>(s);
            t->~SharedText();
            ::operator delete(t);
            return;
        }
        case Kind::List: delete static_cast<SharedList*>(s); return;
        case Kind::Map: delete static_cast<SharedMap*>(s); return;
        default: return;
    }
}

std::string_view Value::str() const noexcept {
    if (kind() != Kind::String) return {};
    if (m_bytes[0] & kShared) {
        auto* t = static_cast<SharedText*>(shared());
        return {t->chars(), t->size};
    }
    return {reinterpret_cast<const char*>(m_bytes + 2), m_bytes[1]};
}

double Value::number() const noexcept {
    if (kind() != Kind::Number) return 0;
    double n;
    std::memcpy(&n, m_bytes + 8, sizeof n);
    return n;
}

hoso::Date Value::date() const noexcept {
    hoso::Date d{};
    if (kind() == Kind::Date) std::memcpy(&d, m_bytes + 4, sizeof d);
    return d;
}

const Value::List& Value::list() const noexcept {
    static const List empty;
    if (m_bytes[0] != (static_cast<unsigned char>(Kind::List) | kShared)) return empty;
    return static_cast<const SharedList*>(shared())->items;
}

const Value::Map& Value::map() const noexcept {
    static const Map empty;
    if (m_bytes[0] != (static_cast<unsigned char>(Kind::Map) | kShared)) return empty;
    return static_cast<const SharedMap*>(shared())->members;
}

Value::List& Value::mutable_list() {
    if (is_null()) m_bytes[0] = static_cast<unsigned char>(Kind::List);
    if (kind() != Kind::List) throw Error("Value::mutable_list on a non-list value");
    if (!(m_bytes[0] & kShared)) {
        set_shared(Kind::List, new SharedList);
    } else if (shared()->refs.load(std::memory_order_acquire) != 1) {  // copy on write
        auto* copy = new SharedList;
        copy->items = static_cast<const SharedList*>(shared())->items;
        release();
        set_shared(Kind::List, copy);
    }
    return static_cast<SharedList*>(shared())->items;
}

Value::Map& Value::mutable_map() {
    if (is_null()) m_bytes[0] = static_cast<unsigned char>(Kind::Map);
    if (kind() != Kind::Map) throw Error("Value::mutable_map on a non-map value");
    if (!(m_bytes[0] & kShared)) {
        set_shared(Kind::Map, new SharedMap);
    } else if (shared()->refs.load(std::memory_order_acquire) != 1) {
        auto* copy = new SharedMap;
        copy->members = static_cast<const SharedMap*>(shared())->members;
        release();
        set_shared(Kind::Map, copy);
    }
    return static_cast<SharedMap*>(shared())->members;
}

namespace {

// Index of the first member whose key is not less than `key`.
std::size_t lower_bound(const Value::Map& m, std::string_view key) noexcept {
    std::size_t lo = 0, hi = m.size();
    while (lo < hi) {
        const std::size_t mid = (lo + hi) / 2;
        if (key_less(m[mid].first, key)) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

}  // namespace

const Value* Value::find(std::string_view key) const noexcept {
    if (m_bytes[0] != (static_cast<unsigned char>(Kind::Map) | kShared)) return nullptr;
    const Map& m = static_cast<const SharedMap*>(shared())->members;
    const std::size_t i = lower_bound(m, key);
    return i < m.size() && !key_less(key, m[i].first) ? &m[i].second : nullptr;
}

const Value* Value::find(std::string_view key, std::size_t& hint) const noexcept {
    if (m_bytes[0] != (static_cast<unsigned char>(Kind::Map) | kShared)) return nullptr;
    const Map& m = static_cast<const SharedMap*>(shared())->members;
    if (hint < m.size()) {
        const std::string& k = m[hint].first;
        if (same_key(k, key)) return &m[hint].second;
    }
    const std::size_t i = lower_bound(m, key);
    if (i < m.size() && !key_less(key, m[i].first)) {
        hint = i;
        return &m[i].second;
    }
    return nullptr;
}

Value& Value::set(std::string_view key, Value v) {
    auto& m = mutable_map();
    const std::size_t i = lower_bound(m, key);
    if (i < m.size() && !key_less(key, m[i].first)) {
        m[i].second = std::move(v);
    } else {
        m.emplace(m.begin() + static_cast<std::ptrdiff_t>(i), std::string(key), std::move(v));
    }
    return *this;
}

Value& Value::push(Value v) {
    mutable_list().push_back(std::move(v));
    return *this;
}

bool Value::truthy() const noexcept {
    switch (kind()) {
        case Kind::Null: return false;
        case Kind::String: return !str().empty();
        case Kind::Number: return number() != 0;
        case Kind::Bool: return boolean();
        case Kind::Date: return true;
        case Kind::List: return !list().empty();
        case Kind::Map: return !map().empty();
    }
    return false;
}

std::string Value::to_text() const {
    std::string out;
    append_text(out);
    return out;
}

void Value::append_text(std::string& out) const {
    switch (kind()) {
        case Kind::Null: return;
        case Kind::String: out += str(); return;
        case Kind::Number: {
            const double n = number();
            if (std::nearbyint(n) == n && std::fabs(n) < 1e15) {
                out += std::to_string(static_cast<long long>(n));
                return;
            }
            // Non-integers use the Vietnamese decimal comma, without thousands grouping.
            std::string s = format_fixed(n, 2);
            while (!s.empty() && s.back() == '0') s.pop_back();
            if (!s.empty() && s.back() == '.') s.pop_back();
            for (char& c : s) {
                if (c == '.') c = ',';
            }
            out += s;
            return;
        }
        case Kind::Bool: out += boolean() ? "Có" : "Không"; return;
        case Kind::Date: out += text::nd30_date(date()); return;
        case Kind::List: {
            const std::size_t start = out.size();
            for (const auto& v : list()) {
                if (out.size() != start) out += ", ";
                v.append_text(out);
            }
            return;
        }
        case Kind::Map: return;
    }
}

}  // namespace hoso::tmpl
