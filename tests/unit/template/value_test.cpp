// tmpl::Value: the compact representation (inline short texts, shared long texts, lists and
// maps) must behave like a plain value tree: copies are independent, maps stay sorted with
// one member per key, and text prints as before.
#include "template/template.h"

#include <string>

#include "support.h"

using namespace hoso;
using tmpl::Value;

TEST_CASE("texts of every length round-trip, inline or shared", "[template][value]") {
    for (std::size_t n : {0u, 1u, 13u, 14u, 15u, 16u, 100u, 5000u}) {
        std::string s;
        for (std::size_t i = 0; i < n; ++i) s += static_cast<char>('a' + i % 26);
        const Value v(s);
        INFO("length " << n);
        CHECK(v.kind() == Value::Kind::String);
        CHECK(v.str() == s);
        CHECK(v.to_text() == s);
        CHECK(v.truthy() == !s.empty());
        Value copy = v;
        CHECK(copy.str() == s);
        Value moved = std::move(copy);
        CHECK(moved.str() == s);
        CHECK(v.str() == s);
    }
    // Vietnamese: "Trường" is 9 bytes (inline), a full name is not.
    CHECK(Value("Trường").str() == "Trường");
    CHECK(Value("Trường Tiểu học Đông Hải").str() == "Trường Tiểu học Đông Hải");
}

TEST_CASE("numbers, booleans and dates keep their value and print as before", "[template][value]") {
    CHECK(Value(2024).to_text() == "2024");
    CHECK(Value(93.75).to_text() == "93,75");
    CHECK(Value(1.5).to_text() == "1,5");
    CHECK(Value(-3).number() == -3);
    CHECK(Value(true).to_text() == "Có");
    CHECK(Value(false).to_text() == "Không");
    CHECK_FALSE(Value(false).truthy());
    CHECK_FALSE(Value(0).truthy());
    const Date d{2025, 2, 5};
    CHECK(Value(d).date() == d);
    CHECK(Value(d).to_text() == "ngày 05 tháng 02 năm 2025");
    CHECK(Value(Date{2024, 0, 0}).date() == Date{2024, 0, 0});
    CHECK(Value().is_null());
    CHECK(Value().to_text().empty());
}

TEST_CASE("a map built from unsorted members is sorted, the last of a repeated key kept", "[template][value]") {
    Value::Map m;
    m.emplace_back("zeta", 1);
    m.emplace_back("alpha", 2);
    m.emplace_back("mu", 3);
    m.emplace_back("alpha", 4);
    m.emplace_back("alphabet", 5);
    const Value v(std::move(m));
    REQUIRE(v.map().size() == 4);
    CHECK(v.map()[0].first == "alpha");
    CHECK(v.map()[1].first == "alphabet");
    CHECK(v.map()[2].first == "mu");
    CHECK(v.map()[3].first == "zeta");
    CHECK(v.find("alpha")->number() == 4);
    CHECK(v.find("alphabet")->number() == 5);
    CHECK(v.find("alp") == nullptr);
    CHECK(v.find("zz") == nullptr);
    CHECK(Value(1).find("alpha") == nullptr);

    // Many members (the sort for long maps) and set() in any order agree.
    Value::Map big;
    Value by_set;
    for (int i = 99; i >= 0; --i) {
        const std::string key = "k" + std::to_string(i * 37 % 100);
        big.emplace_back(key, i);
        by_set.set(key, i);
    }
    const Value sorted(std::move(big));
    REQUIRE(sorted.map().size() == 100);
    REQUIRE(by_set.map().size() == 100);
    for (std::size_t i = 0; i < 100; ++i) {
        CHECK(sorted.map()[i].first == by_set.map()[i].first);
        if (i > 0) CHECK(sorted.map()[i - 1].first < sorted.map()[i].first);
    }
}

TEST_CASE("copies are independent: changing one copies the shared list or map first", "[template][value]") {
    Value a;
    a.set("name", "Trường Tiểu học Đông Hải");
    a.set("items", Value(Value::List{Value(1), Value(2)}));
    Value b = a;
    b.set("name", "khác");
    b.set("extra", true);
    CHECK(a.find("name")->str() == "Trường Tiểu học Đông Hải");
    CHECK(a.find("extra") == nullptr);
    CHECK(b.find("name")->str() == "khác");

    Value list = *a.find("items");
    list.push(3);
    CHECK(a.find("items")->list().size() == 2);
    CHECK(list.list().size() == 3);

    Value c = a;
    c.mutable_map().clear();
    CHECK(a.map().size() == 2);
}

TEST_CASE("assigning a value from inside itself keeps it alive", "[template][value]") {
    Value v(Value::List{Value("một giá trị đủ dài để được chia sẻ"), Value(2)});
    v = v.list()[0];
    CHECK(v.str() == "một giá trị đủ dài để được chia sẻ");

    Value m;
    m.set("child", Value(Value::List{Value("phần tử con đủ dài để chia sẻ")}));
    m = std::move(m.mutable_map().front().second);
    REQUIRE(m.kind() == Value::Kind::List);
    CHECK(m.list()[0].str() == "phần tử con đủ dài để chia sẻ");

    Value self("một chuỗi dài hơn mười bốn byte");
    const Value& alias = self;
    self = alias;
    CHECK(self.str() == "một chuỗi dài hơn mười bốn byte");
}

TEST_CASE("a list prints its items joined, an item printing as nothing adds no leading comma", "[template][value]") {
    CHECK(Value(Value::List{Value(""), Value("a"), Value(""), Value("b")}).to_text() == "a, , b");
    CHECK(Value(Value::List{Value(1), Value(2.5), Value(true)}).to_text() == "1, 2,5, Có");
    CHECK(Value(Value::List{}).to_text().empty());
    CHECK_FALSE(Value(Value::List{}).truthy());
    CHECK_FALSE(Value(Value::Map{}).truthy());
    CHECK(Value(Value::Map{}).kind() == Value::Kind::Map);
    std::string out = "x: ";
    Value(Value::List{Value("a"), Value("b")}).append_text(out);
    CHECK(out == "x: a, b");
}
