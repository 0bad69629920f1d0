#include "template/template.h"

#include "support.h"

using namespace hoso;
using tmpl::Template;
using tmpl::Value;

namespace {

Template compile_ok(const std::string& xml) {
    Diagnostics d;
    Template t = Template::compile(xml, "t.xml", d);
    INFO(d.format());
    REQUIRE(t.valid());
    REQUIRE(d.empty());
    return t;
}

std::string compile_errors(const std::string& xml) {
    Diagnostics d;
    Template t = Template::compile(xml, "t.xml", d);
    CHECK_FALSE(t.valid());
    return d.format();
}

Value sample_data() {
    Value unit;
    unit.set("name", "Trường Tiểu học Đông Hải");
    unit.set("place", "Phong Thổ");
    unit.set("members", Value(1234.0));
    Value criteria;
    for (int i = 1; i <= 3; ++i) {
        Value c;
        c.set("number", i);
        c.set("title", "Tiêu chí " + std::to_string(i));
        c.set("passed", i != 2);
        criteria.push(c);
    }
    Value root;
    root.set("unit", unit);
    root.set("criteria", criteria);
    root.set("date", Value(Date{2025, 2, 5}));
    root.set("kind", "upgrade");
    root.set("nothing", Value());
    root.set("names", Value(Value::List{Value("Ưng"), Value("Anh"), Value("Đặng"), Value("Dung")}));
    return root;
}

model::Document render(const Template& t, const Value& data) {
    Diagnostics d;
    auto doc = t.render(data, d);
    INFO(d.format());
    REQUIRE(d.empty());
    return doc;
}

const model::Paragraph& para(const model::Document& doc, std::size_t i) {
    return std::get<model::Paragraph>(doc.sections.at(0).blocks.at(i));
}

}  // namespace

TEST_CASE("placeholders, filters and inline formatting render into runs", "[template]") {
    const auto t = compile_ok(R"(<template id="t">
  <section>
    <p>Kính gửi <b>{{ unit.name | upper }}</b> <i>{{ unit.place }}</i>, {{ date | nd30_date }}.</p>
    <p style="basis">Số thành viên: {{ unit.members | number }}; {{ 95.5 | percent:1 }}; {{ nothing | default:'…' }}</p>
    <p>{{ names | sort | join:', ' }} — {{ 2 | roman }} — {{ 5 | two_digits }} — {{ 125 | words }}</p>
  </section>
</template>)");
    const auto doc = render(t, sample_data());
    const auto& p = para(doc, 0);
    REQUIRE(p.runs.size() == 5);
    CHECK(p.runs[0].text == "Kính gửi ");
    CHECK(p.runs[1].text == "TRƯỜNG TIỂU HỌC ĐÔNG HẢI");
    CHECK(p.runs[1].style.bold);
    CHECK(p.runs[2].text == " ");  // the gap between </b> and <i> survives the XML parser
    CHECK(p.runs[3].text == "Phong Thổ");
    CHECK(p.runs[3].style.italic);
    CHECK(p.runs[4].text == ", ngày 05 tháng 02 năm 2025.");
    CHECK(para(doc, 1).style == "basis");
    CHECK(para(doc, 1).plain_text() == "Số thành viên: 1.234; 95,5%; …");
    CHECK(para(doc, 2).plain_text() == "Anh, Dung, Đặng, Ưng — II — 05 — một trăm hai mươi lăm");
}

TEST_CASE("loops, loop variables and if/elif/else", "[template]") {
    const auto t = compile_ok(R"(<template id="t">
  <section>
    <for each="c in criteria">
      <p>{{ loop.number }}/{{ loop.count }}. {{ c.title }}: <if test="c.passed">Đạt<else/>Không đạt</if><if test="loop.last">.</if></p>
    </for>
    <p for="n in names | sort">{{ n }}</p>
    <if test="kind == 'first'"><p>lần đầu</p><elif test="kind == 'upgrade'"/><p>nâng mức độ</p><else/><p>lại</p></if>
    <if test="not nothing and criteria | count > 2"><p>ok</p></if>
  </section>
</template>)");
    const auto doc = render(t, sample_data());
    const auto& blocks = doc.sections.at(0).blocks;
    REQUIRE(blocks.size() == 3 + 4 + 1 + 1);
    CHECK(para(doc, 0).plain_text() == "1/3. Tiêu chí 1: Đạt");
    CHECK(para(doc, 1).plain_text() == "2/3. Tiêu chí 2: Không đạt");
    CHECK(para(doc, 2).plain_text() == "3/3. Tiêu chí 3: Đạt.");
    CHECK(para(doc, 3).plain_text() == "Anh");
    CHECK(para(doc, 6).plain_text() == "Ưng");
    CHECK(para(doc, 7).plain_text() == "nâng mức độ");
    CHECK(para(doc, 8).plain_text() == "ok");
}

TEST_CASE("ND30 elements become model nodes", "[template]") {
    const auto t = compile_ok(R"(<template id="t" body-size="13">
  <meta title="Tờ trình {{ unit.name }}" author="{{ unit.name }}"/>
  <section>
    <header>
      <parent-agency>UBND HUYỆN PHONG THỔ</parent-agency>
      <agency>{{ unit.name | upper }}</agency>
      <number>Số: {{ 5 | two_digits }}/TTr-THĐH</number>
      <place-date>{{ date | place_date:unit.place }}</place-date>
    </header>
    <title><type>TỜ TRÌNH</type><summary>Đề nghị công nhận</summary></title>
    <addressees><to>Phòng Giáo dục và Đào tạo</to><to for="n in names">{{ n }}</to></addressees>
    <signature>
      <authority>HIỆU TRƯỞNG</authority>
      <name>Nguyễn Văn An</name>
      <recipient>Như trên</recipient>
      <recipient>Lưu: VT</recipient>
    </signature>
  </section>
  <section orientation="landscape" numbering="restart">
    <appendix><label>Phụ lục</label><title>DANH SÁCH</title><reference>(Kèm theo …)</reference></appendix>
    <table columns="1,5" header-rows="1">
      <row><cell>TT</cell><cell>Tên</cell></row>
      <row for="c in criteria"><cell>{{ loop.number }}</cell><cell rowspan="1"><p>{{ c.title }}</p><p>x</p></cell></row>
    </table>
  </section>
</template>)");
    const auto doc = render(t, sample_data());
    CHECK(doc.meta.title == "Tờ trình Trường Tiểu học Đông Hải");
    CHECK(doc.styles.at("body").font_size == 13);
    REQUIRE(doc.sections.size() == 2);
    const auto& h = std::get<model::Nd30Header>(doc.sections[0].blocks[0]);
    CHECK(h.parent_agency == std::vector<std::string>{"UBND HUYỆN PHONG THỔ"});
    CHECK(h.issuing_agency == std::vector<std::string>{"TRƯỜNG TIỂU HỌC ĐÔNG HẢI"});
    CHECK(h.number == "Số: 05/TTr-THĐH");
    CHECK(h.place_date == "Phong Thổ, ngày 05 tháng 02 năm 2025");
    const auto& a = std::get<model::Addressees>(doc.sections[0].blocks[2]);
    CHECK(a.recipients.size() == 5);
    const auto& s = std::get<model::SignatureBlock>(doc.sections[0].blocks[3]);
    CHECK(s.signer_name == "Nguyễn Văn An");
    CHECK(s.recipients == std::vector<std::string>{"Như trên", "Lưu: VT"});
    CHECK(doc.sections[1].page.landscape());
    CHECK(doc.sections[1].numbering.restart);
    const auto& table = std::get<model::Table>(doc.sections[1].blocks[1]);
    CHECK(table.rows.size() == 4);
    CHECK(table.rows[0].cells[0].paragraphs[0].style == "table-header");
    CHECK(table.rows[1].cells[0].paragraphs[0].style == "table-cell");
    CHECK(table.rows[1].cells[1].paragraphs.size() == 2);
    CHECK(model::validate(doc).empty());
}

TEST_CASE("template errors name the file and line before anything renders", "[template]") {
    CHECK(compile_errors("<template id=\"t\">\n<section>\n<p>{{ x | nofilter }}</p>\n</section>\n</template>")
              .find("t.xml:3: lỗi: biểu thức sai: bộ lọc không tồn tại (bad placeholder: unknown filter 'nofilter')") != std::string::npos);
    CHECK(compile_errors("<template id=\"t\">\n<section>\n<for each=\"c in criteria\">\n<p>x</p>\n</section>\n</template>")
              .find("t.xml:") != std::string::npos);  // unclosed loop: XML error with its line
    CHECK(compile_errors("<template id=\"t\">\n<section>\n<blink/>\n</section>\n</template>")
              .find("t.xml:3: lỗi: phần tử <blink> không được phép ở đây") != std::string::npos);
    CHECK(compile_errors("<template id=\"t\">\n<section>\n<p>{{ a | default }}</p>\n</section>\n</template>")
              .find("t.xml:3:") != std::string::npos);  // wrong filter arity
    CHECK(compile_errors("<template id=\"t\">\n<section>\n<p>{{ a </p>\n</section>\n</template>")
              .find("thiếu '}}'") != std::string::npos);
    CHECK(compile_errors("<template id=\"t\">\n<section>\n<else/>\n</section>\n</template>")
              .find("t.xml:3:") != std::string::npos);
    CHECK(compile_errors("<template id=\"t\">\n<section>\nloose text\n</section>\n</template>")
              .find("ngoài đoạn văn") != std::string::npos);
    CHECK(compile_errors("<template>\n</template>").find("id") != std::string::npos);
}

TEST_CASE("an unknown data field is an error with the template line", "[template]") {
    const auto t = compile_ok("<template id=\"t\">\n<section>\n<p>a</p>\n<p>{{ unit.nam }}</p>\n</section>\n</template>");
    Diagnostics d;
    t.render(sample_data(), d);
    CHECK(d.format() == "t.xml:4: lỗi: không có trường dữ liệu 'unit.nam' (no data field 'unit.nam')\n");
    const auto t2 = compile_ok("<template id=\"t\">\n<section>\n<p for=\"x in unit.name\">{{ x }}</p>\n</section>\n</template>");
    Diagnostics d2;
    t2.render(sample_data(), d2);
    CHECK(d2.has_errors());
}

TEST_CASE("template text is normalised to NFC", "[template]") {
    // "Việt" written with combining marks in the template itself.
    const auto t = compile_ok("<template id=\"t\"><section><p>Vi\xE1\xBA\xB9\xCC\x82t</p></section></template>");
    const auto doc = render(t, sample_data());
    CHECK(para(doc, 0).plain_text() == "Vi\xE1\xBB\x87t");
}

TEST_CASE("spaces inside a value survive, template whitespace collapses; list.0.field paths", "[template]") {
    const auto t = compile_ok(R"(<template id="t">
  <section>
    <p>Số:   {{ blank }}/TTr-THĐH,   {{ names.0 }}   {{ 1.5 | decimal:1 }}</p>
  </section>
</template>)");
    Value data = sample_data();
    data.set("blank", "     ");  // a number left blank to be written by hand
    const auto doc = render(t, data);
    CHECK(para(doc, 0).plain_text() == "Số:      /TTr-THĐH, Ưng 1,5");
}
