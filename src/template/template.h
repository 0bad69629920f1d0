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

#include <atomic>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/core.h"
#include "model/model.h"

namespace hoso::tmpl {

namespace detail {
// The shared payload of a long text, a list or a map (value.cpp).
struct Shared {
    std::atomic<std::uint32_t> refs{1};
};
}  // namespace detail

// A value in the data tree templates read: null, text, number, boolean, date, list or map.
// 16 bytes: numbers, booleans, dates and texts up to 14 bytes are held inline; longer texts,
// lists and maps are shared, immutable once built (copying a value never copies them; the
// mutating calls copy a shared list or map first). Reference counts are atomic, so a tree
// may be read by several threads.
class Value {
public:
    enum class Kind : std::uint8_t { Null = 0, String, Number, Bool, Date, List, Map };
    using List = std::vector<Value>;
    using Member = std::pair<std::string, Value>;
    // A map's members, sorted by key, each key once. Value(Map) sorts the members it is given
    // (keeping the last of a repeated key); already sorted input costs one comparison a member.
    using Map = std::vector<Member>;

    Value() noexcept : m_bytes{} {}
    Value(std::string_view s);
    Value(const std::string& s) : Value(std::string_view(s)) {}
    Value(const char* s) : Value(std::string_view(s)) {}
    Value(double n) noexcept;
    Value(int n) noexcept : Value(static_cast<double>(n)) {}
    Value(long long n) noexcept : Value(static_cast<double>(n)) {}
    Value(bool b) noexcept;
    Value(hoso::Date d) noexcept;
    Value(List l);
    Value(Map m);
    // A map from members already sorted by key, each key once, as Value(Map) would leave them:
    // for builders that write their keys in order (and test that they do); not checked.
    static Value sorted_map(Map m);

    Value(const Value& other) noexcept {
        std::memcpy(m_bytes, other.m_bytes, sizeof m_bytes);
        if (m_bytes[0] & kShared) shared()->refs.fetch_add(1, std::memory_order_relaxed);
    }
    Value(Value&& other) noexcept {
        std::memcpy(m_bytes, other.m_bytes, sizeof m_bytes);
        other.m_bytes[0] = 0;
    }
    Value& operator=(const Value& other) noexcept;
    Value& operator=(Value&& other) noexcept;
    ~Value() {
        if (m_bytes[0] & kShared) release();
    }

    Kind kind() const noexcept { return static_cast<Kind>(m_bytes[0] & ~kShared); }
    bool is_null() const noexcept { return m_bytes[0] == 0; }
    std::string_view str() const noexcept;  // String only (else empty)
    double number() const noexcept;         // Number only
    bool boolean() const noexcept { return kind() == Kind::Bool && m_bytes[1] != 0; }  // Bool only
    hoso::Date date() const noexcept;       // Date only
    const List& list() const noexcept;      // List only (else empty)
    const Map& map() const noexcept;        // Map only (else empty)
    List& mutable_list();
    Map& mutable_map();

    // Member of a map (nullptr when absent or not a map).
    const Value* find(std::string_view key) const noexcept;
    // The same, trying the member at `hint` first and leaving there the position it was found
    // at: repeated lookups in maps of one shape (every indicator of a list) cost one comparison.
    const Value* find(std::string_view key, std::size_t& hint) const noexcept;
    // Sets a member; turns a null value into a map.
    Value& set(std::string_view key, Value v);
    // Appends to a list; turns a null value into a list.
    Value& push(Value v);

    // Truthiness in <if>: null, false, 0, "" and empty lists/maps are false.
    bool truthy() const noexcept;
    // How the value prints in text: integers without grouping ("2024"), other numbers with a
    // decimal comma ("93,75"), dates as ND30 dates ("ngày 05 tháng 02 năm 2025"), true/false
    // as "Có"/"Không", lists joined with ", ".
    std::string to_text() const;
    // Appends to_text() to `out`.
    void append_text(std::string& out) const;

private:
    static constexpr unsigned char kShared = 0x80;  // in m_bytes[0]: a shared payload at offset 8
    static constexpr std::size_t kInline = 14;      // longest text held inline (bytes 2–15)

    detail::Shared* shared() const noexcept {
        detail::Shared* s;
        std::memcpy(&s, m_bytes + 8, sizeof s);
        return s;
    }
    void set_shared(Kind k, detail::Shared* s) noexcept;
    void release() noexcept;

    // [0] kind (| kShared), [1] inline text length or boolean, [2..15] inline text,
    // [4..15] date (year, month, day), [8..15] number or shared payload.
    alignas(8) unsigned char m_bytes[16];
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
// Every *.xml in `dir` except authorities.xml (a province's authority profile).
std::map<std::string, Template> load_directory(const std::filesystem::path& dir, Diagnostics& diagnostics);

}  // namespace hoso::tmpl
