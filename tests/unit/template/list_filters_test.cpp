// The filters a recognition list is built with: sort_by (Vietnamese collation), group_by,
// reverse — as templates/quyet-dinh-cong-nhan.xml chains them.
#include "template/template.h"

#include "support.h"

using namespace hoso;
using tmpl::Template;
using tmpl::Value;

namespace {

Value unit(const std::string& name, int level) {
    Value v;
    v.set("name", name);
    v.set("level", level);
    return v;
}

std::vector<std::string> texts_of(const model::Document& doc) {
    std::vector<std::string> out;
    for (const auto& b : doc.sections.at(0).blocks) {
        if (const auto* p = std::get_if<model::Paragraph>(&b)) out.push_back(p->plain_text());
    }
    return out;
}

model::Document render(const std::string& xml, const Value& data) {
    Diagnostics d;
    const Template t = Template::compile(xml, "t.xml", d);
    INFO(d.format());
    REQUIRE(t.valid());
    auto doc = t.render(data, d);
    REQUIRE_FALSE(d.has_errors());
    return doc;
}

}  // namespace

TEST_CASE("reverse turns a list around and refuses a non-list", "[template][filters]") {
    Value root;
    root.set("xs", Value(Value::List{Value(1), Value(2), Value(3)}));
    root.set("empty", Value(Value::List{}));
    root.set("word", "abc");
    const auto doc = render(R"(<template id="t"><section>
      <p>{{ xs | reverse | join:',' }}</p>
      <p>[{{ empty | reverse | join:',' }}]</p>
    </section></template>)",
                            root);
    CHECK(texts_of(doc) == std::vector<std::string>{"3,2,1", "[]"});

    Diagnostics d;
    const Template bad = Template::compile(R"(<template id="t"><section><p>{{ word | reverse }}</p></section></template>)", "t.xml", d);
    REQUIRE(bad.valid());
    bad.render(root, d);
    CHECK(d.has_errors());
    CHECK(d.format().find("reverse") != std::string::npos);
    CHECK(d.format().find("t.xml:1") != std::string::npos);
}

TEST_CASE("recognition list: groups by level, highest first, names in Vietnamese order (TT24 list, ND30 Mẫu 2.1)",
          "[template][filters]") {
    // Vietnamese alphabet: A < Ă < Â < B … D < Đ … U < Ư; byte order would put "Ư", "Đ", "Â",
    // "Ă" after "Z".
    Value list(Value::List{});
    for (const auto& [name, level] : std::vector<std::pair<std::string, int>>{
             {"Ủy ban nhân dân xã Bản Lang", 1}, {"Ăn Chơi tổ chức", 2}, {"Âu Cơ trường mầm non", 2},
             {"Đông Hải trường tiểu học", 1}, {"Anh Đào trường mầm non", 2}, {"Dương Quỳ trường THCS", 1},
             {"Ưng Hòa trường tiểu học", 2}, {"Uyên Minh trường THCS", 2}, {"Bình Lư hội khuyến học", 1}}) {
        list.push(unit(name, level));
    }
    Value root;
    root.set("recognised", list);
    const auto doc = render(R"(<template id="t"><section>
      <for each="g in recognised | sort_by:'name' | group_by:'level' | sort_by:'key' | reverse">
        <p>{{ loop.number | roman }}. MỨC ĐỘ {{ g.key }} ({{ g.items | count | two_digits }})</p>
        <p for="u in g.items">{{ loop.number }}. {{ u.name }}</p>
      </for>
    </section></template>)",
                            root);
    CHECK(texts_of(doc) == std::vector<std::string>{
                               "I. MỨC ĐỘ 2 (05)",
                               "1. Anh Đào trường mầm non",
                               "2. Ăn Chơi tổ chức",
                               "3. Âu Cơ trường mầm non",
                               "4. Uyên Minh trường THCS",
                               "5. Ưng Hòa trường tiểu học",
                               "II. MỨC ĐỘ 1 (04)",
                               "1. Bình Lư hội khuyến học",
                               "2. Dương Quỳ trường THCS",
                               "3. Đông Hải trường tiểu học",
                               "4. Ủy ban nhân dân xã Bản Lang",
                           });
}
