// The ND30 nodes: header block, title, Kính gửi, signature block, appendix heading.
#include <catch2/catch.hpp>

#include "layout_helpers.h"

using namespace hoso;
using namespace hoso::test;

namespace {

model::Document single(model::Block b) {
    model::Document doc;
    model::Section s;
    s.blocks.push_back(std::move(b));
    doc.sections.push_back(std::move(s));
    return doc;
}

layout::PagedDocument run(const model::Document& doc, const layout::TextMeasurer& m) {
    Diagnostics w;
    auto out = layout_document(doc, m, w);
    CHECK(w.empty());
    return out;
}

double center_of(const std::vector<layout::TextItem>& line, const layout::TextMeasurer& m) {
    return (line.front().x + right_edge(line.back(), m)) / 2;
}

}  // namespace

TEST_CASE("ND30 Phụ lục I II.1: the Tiêu ngữ rule is exactly as long as the Tiêu ngữ, centred under it",
          "[layout][nd30]") {
    FixedWidthMeasurer m;
    for (const char* motto : {"Độc lập - Tự do - Hạnh phúc", "Độc lập"}) {
        auto h = sample_header();
        h.motto = motto;
        const auto doc = single(h);
        const auto out = run(doc, m);
        const auto rs = rules(out.pages.at(0), "motto-rule");
        REQUIRE(rs.size() == 1);
        const double size = doc.styles.at(model::style::kMotto).font_size;
        const double w = m.width(motto, layout::Face::Bold, size);
        CHECK(rs[0].x2 - rs[0].x1 == Approx(w).margin(1e-9));
        CHECK(rs[0].y1 == rs[0].y2);
        CHECK(rs[0].width == 0.5);
        const auto line = visual_lines(out.pages[0], model::style::kMotto).at(0);
        CHECK((rs[0].x1 + rs[0].x2) / 2 == Approx(center_of(line, m)).margin(0.01));
        CHECK(rs[0].x1 == Approx(line.front().x).margin(0.01));
        // Below the motto's descent, above the date line.
        const double desc = 0.216 * size;
        CHECK(rs[0].y1 < line.front().y - desc);
        CHECK(rs[0].y1 > line.front().y - desc - 5);
        const auto date = with_style(out, model::style::kPlaceDate).at(0);
        CHECK(date.y + 0.891 * date.size < rs[0].y1);
    }
}

TEST_CASE("ND30 ô 3 and ô 4: place and date on the same baseline as the Số line", "[layout][nd30]") {
    FixedWidthMeasurer m;
    SECTION("plain") {}
    auto h = sample_header();
    SECTION("two-line agency, no parent agency") {
        h.parent_agency.clear();
        h.issuing_agency = {"ỦY BAN NHÂN DÂN", "HUYỆN PHONG THỔ"};
    }
    SECTION("three parent lines, công văn subject") {
        h.parent_agency = {"TỈNH LAI CHÂU", "UBND HUYỆN PHONG THỔ", "PHÒNG GIÁO DỤC"};
        h.subject = {"V/v triển khai thực hiện Thông tư", "số 24/2023/TT-BGDĐT"};
    }
    SECTION("a very long agency name wraps inside its column") {
        h.issuing_agency = {"TRUNG TÂM GIÁO DỤC NGHỀ NGHIỆP - GIÁO DỤC THƯỜNG XUYÊN HUYỆN PHONG THỔ"};
    }
    const auto doc = single(h);
    const auto out = run(doc, m);
    const auto number = with_style(out, model::style::kNumber);
    const auto date = with_style(out, model::style::kPlaceDate);
    REQUIRE_FALSE(number.empty());
    REQUIRE_FALSE(date.empty());
    CHECK(number.front().y == Approx(date.front().y).margin(1e-9));
    check_inside(doc, out, m);

    // Columns: left = 40 % of the text width, right = the rest; every line centred in its column.
    const auto& ps = doc.sections[0].page;
    const double lw = ps.text_width() * doc.nd30.header_left_fraction;
    const double lc = ps.margin_left + lw / 2, rc = ps.margin_left + lw + (ps.text_width() - lw) / 2;
    for (const char* st : {model::style::kAgencyParent, model::style::kAgency, model::style::kNumber,
                           model::style::kSubject}) {
        for (const auto& line : visual_lines(out.pages[0], st)) {
            CHECK(center_of(line, m) == Approx(lc).margin(0.01));
            CHECK(right_edge(line.back(), m) <= ps.margin_left + lw + 0.01);
        }
    }
    for (const char* st : {model::style::kNationalName, model::style::kMotto, model::style::kPlaceDate}) {
        for (const auto& line : visual_lines(out.pages[0], st)) {
            CHECK(center_of(line, m) == Approx(rc).margin(0.01));
            CHECK(line.front().x >= ps.margin_left + lw - 0.01);
        }
    }
    // The header starts at the top margin: the first line's ascent touches it.
    const auto nat = with_style(out, model::style::kNationalName).at(0);
    CHECK(nat.y + 0.891 * nat.size == Approx(ps.height - ps.margin_top).margin(1e-9));
}

TEST_CASE("ND30 ô 2: agency rule 1/3–1/2 of the name, centred under it; V/v 6 pt below Số",
          "[layout][nd30]") {
    FixedWidthMeasurer m;
    auto h = sample_header();
    h.issuing_agency = {"ỦY BAN NHÂN DÂN", "XÃ ĐÔNG HẢI"};
    h.subject = {"V/v đề nghị công nhận"};
    auto doc = single(h);
    doc.nd30.short_rule_fraction = 0.45;
    const auto out = run(doc, m);
    const auto rs = rules(out.pages.at(0), "agency-rule");
    REQUIRE(rs.size() == 1);
    const double size = doc.styles.at(model::style::kAgency).font_size;
    const double widest = m.width("ỦY BAN NHÂN DÂN", layout::Face::Bold, size);
    CHECK(rs[0].x2 - rs[0].x1 == Approx(0.45 * widest).margin(1e-9));
    const auto agency = visual_lines(out.pages[0], model::style::kAgency);
    REQUIRE(agency.size() == 2);
    CHECK((rs[0].x1 + rs[0].x2) / 2 == Approx(center_of(agency[0], m)).margin(0.01));
    CHECK(rs[0].y1 < agency[1].front().y - 0.216 * size);
    const auto number = with_style(out, model::style::kNumber).at(0);
    CHECK(number.y + 0.891 * number.size < rs[0].y1);
    const auto subject = with_style(out, model::style::kSubject).at(0);
    const double number_bottom = number.y - (1.107 - 0.891) * number.size;
    const double subject_top = subject.y + 0.891 * subject.size;
    CHECK(number_bottom - subject_top == Approx(6).margin(1e-9));
}

TEST_CASE("ND30 ô 5a: title and summary centred and bold, rule under the summary", "[layout][nd30]") {
    FixedWidthMeasurer m;
    model::DocumentTitle t;
    t.doc_type = "TỜ TRÌNH";
    t.summary = {"Về việc đề nghị công nhận", "\"Đơn vị học tập\" cấp huyện năm 2025"};
    auto doc = single(t);
    doc.nd30.short_rule_fraction = 1.0 / 3;
    const auto out = run(doc, m);
    const auto& ps = doc.sections[0].page;
    const double center = ps.margin_left + ps.text_width() / 2;
    const auto dt = visual_lines(out.pages.at(0), model::style::kDocType);
    REQUIRE(dt.size() == 1);
    CHECK(dt[0].front().face == layout::Face::Bold);
    CHECK(center_of(dt[0], m) == Approx(center).margin(0.01));
    const auto sum = visual_lines(out.pages[0], model::style::kSummary);
    REQUIRE(sum.size() == 2);
    double widest = 0;
    for (const auto& l : sum) {
        CHECK(center_of(l, m) == Approx(center).margin(0.01));
        widest = std::max(widest, right_edge(l.back(), m) - l.front().x);
    }
    const auto rs = rules(out.pages[0], "summary-rule");
    REQUIRE(rs.size() == 1);
    CHECK(rs[0].x2 - rs[0].x1 == Approx(widest / 3).margin(1e-9));
    CHECK((rs[0].x1 + rs[0].x2) / 2 == Approx(center).margin(1e-9));
    CHECK(rs[0].y1 < sum[1].front().y);
}

TEST_CASE("ND30 ô 9a: one recipient on the Kính gửi line, centred", "[layout][nd30]") {
    FixedWidthMeasurer m;
    model::Addressees a;
    a.recipients = {"Ủy ban nhân dân huyện Phong Thổ"};
    const auto doc = single(a);
    const auto out = run(doc, m);
    const auto lines = visual_lines(out.pages.at(0), model::style::kAddressee);
    REQUIRE(lines.size() == 1);
    CHECK(line_text(lines[0], m) == "Kính gửi: Ủy ban nhân dân huyện Phong Thổ");
    const auto& ps = doc.sections[0].page;
    CHECK(center_of(lines[0], m) == Approx(ps.margin_left + ps.text_width() / 2).margin(0.01));
}

TEST_CASE("ND30 ô 9a: several recipients as a dashed list aligned under the first, block centred",
          "[layout][nd30]") {
    FixedWidthMeasurer m;
    model::Addressees a;
    a.recipients = {"Ủy ban nhân dân huyện Phong Thổ", "Phòng Giáo dục và Đào tạo",
                    "Hội Khuyến học huyện Phong Thổ, tỉnh Lai Châu và các tổ chức chính trị - xã hội "
                    "trên địa bàn huyện"};
    const auto doc = single(a);
    const auto out = run(doc, m);
    check_inside(doc, out, m);
    const auto lines = visual_lines(out.pages.at(0), model::style::kAddressee);
    REQUIRE(lines.size() >= 4);  // the long item wraps
    CHECK(lines[0].front().text == "Kính gửi:");
    const auto dash1 = lines[0].at(1);
    CHECK(dash1.text.rfind("-", 0) == 0);
    const auto& ps = doc.sections[0].page;
    double left = 1e9, right = 0;
    int dashes = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        left = std::min(left, lines[i].front().x);
        right = std::max(right, right_edge(lines[i].back(), m));
        const auto& first = i == 0 ? lines[i].at(1) : lines[i].front();
        if (first.text.rfind("-", 0) == 0) {
            ++dashes;
            CHECK(first.x == Approx(dash1.x).margin(1e-9));
        } else {  // a continuation: under the item text, after "- "
            CHECK(first.x == Approx(dash1.x + m.width("- ", first.face, first.size)).margin(1e-9));
        }
    }
    CHECK(dashes == 3);
    CHECK(line_text(lines[1], m) == "- Phòng Giáo dục và Đào tạo;");
    CHECK(line_text(lines.back(), m).back() == '.');
    // The long item wrapped; the block (label to the end of its widest line) is centred.
    CHECK(left >= ps.margin_left - 0.01);
    CHECK(right <= ps.width - ps.margin_right + 0.01);
    CHECK((left + right) / 2 == Approx(ps.margin_left + ps.text_width() / 2).margin(0.01));

    // Short items: the block's widest line is centred.
    a.recipients = {"Sở Giáo dục và Đào tạo", "UBND huyện"};
    const auto doc2 = single(a);
    const auto out2 = run(doc2, m);
    const auto l2 = visual_lines(out2.pages.at(0), model::style::kAddressee);
    REQUIRE(l2.size() == 2);
    const double w0 = right_edge(l2[0].back(), m) - l2[0].front().x;
    CHECK(l2[0].front().x + w0 / 2 == Approx(ps.margin_left + ps.text_width() / 2).margin(0.01));
}

TEST_CASE("ND30 ô 7 and 9b: Nơi nhận level with the authority line, signer below the signature space",
          "[layout][nd30]") {
    FixedWidthMeasurer m;
    auto s = sample_signature();
    s.recipients.push_back("Ban Chỉ đạo xây dựng xã hội học tập huyện Phong Thổ, tỉnh Lai Châu (để báo cáo)");
    const auto doc = single(s);
    const auto out = run(doc, m);
    check_inside(doc, out, m);
    const auto& ps = doc.sections[0].page;
    const auto label = with_style(out, model::style::kRecipientsLabel);
    const auto auth = visual_lines(out.pages.at(0), model::style::kSignerAuthority);
    const auto name = visual_lines(out.pages[0], model::style::kSignerName);
    REQUIRE(label.size() == 2);  // "Nơi" "nhận:"
    REQUIRE(auth.size() == 2);
    REQUIRE(name.size() == 1);
    CHECK(label[0].y == Approx(auth[0].front().y).margin(1e-9));
    CHECK(label[0].x == Approx(ps.margin_left).margin(1e-9));
    CHECK(label[0].face == layout::Face::BoldItalic);
    CHECK(label[0].size == 12);
    const double lw = ps.text_width() * doc.nd30.recipients_fraction;
    const double rc = ps.margin_left + lw + (ps.text_width() - lw) / 2;
    for (const auto& l : auth) CHECK(center_of(l, m) == Approx(rc).margin(0.01));
    CHECK(center_of(name[0], m) == Approx(rc).margin(0.01));
    const double auth_bottom = auth[1].front().y - 0.216 * auth[1].front().size;
    const double name_top = name[0].front().y + 0.891 * name[0].front().size;
    CHECK(auth_bottom - name_top == Approx(doc.nd30.signature_space).margin(1e-6));
    // Recipients: 11 pt, "- " flush left, continuation after the dash, inside the column.
    const auto rec = visual_lines(out.pages[0], model::style::kRecipients);
    REQUIRE(rec.size() > 4);
    const double hang = m.width("- ", layout::Face::Regular, 11);
    for (const auto& l : rec) {
        CHECK(l.front().size == 11);
        CHECK(right_edge(l.back(), m) <= ps.margin_left + lw + 0.01);
        if (l.front().text.rfind("-", 0) == 0) {
            CHECK(l.front().x == Approx(ps.margin_left).margin(1e-9));
        } else {
            CHECK(l.front().x == Approx(ps.margin_left + hang).margin(1e-9));
        }
    }
    CHECK(line_text(rec[0], m) == "- Như trên;");
    CHECK(line_text(rec.back(), m).back() == '.');
}

TEST_CASE("ND30 Phụ lục I III: appendix heading with a short rule", "[layout][nd30]") {
    FixedWidthMeasurer m;
    model::AppendixHeading a;
    a.label = "Phụ lục I";
    a.title = "BẢN TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ CÁC TIÊU CHÍ, CHỈ TIÊU \"ĐƠN VỊ HỌC TẬP\" CẤP HUYỆN NĂM 2025";
    a.reference = "(Kèm theo Tờ trình số 05/TTr-UBND ngày 05 tháng 02 năm 2025 của UBND xã Đông Hải)";
    const auto doc = single(a);
    const auto out = run(doc, m);
    check_inside(doc, out, m);
    const auto title = visual_lines(out.pages.at(0), model::style::kAppendixTitle);
    REQUIRE(title.size() >= 2);
    double widest = 0;
    for (const auto& l : title) widest = std::max(widest, right_edge(l.back(), m) - l.front().x);
    const auto rs = rules(out.pages[0], "appendix-rule");
    REQUIRE(rs.size() == 1);
    CHECK(rs[0].x2 - rs[0].x1 == Approx(doc.nd30.short_rule_fraction * widest).margin(1e-9));
    const auto ref = visual_lines(out.pages[0], model::style::kAppendixReference);
    REQUIRE_FALSE(ref.empty());
    CHECK(ref.front().front().face == layout::Face::Italic);
    CHECK(rs[0].y1 < ref.back().front().y);
    const auto label = with_style(out, model::style::kAppendixLabel);
    REQUIRE_FALSE(label.empty());
    CHECK(label.front().face == layout::Face::Bold);
    CHECK(label.front().size == 14);
}
