// A realistic công văn-style Tờ trình laid out with the real Liberation Serif metrics,
// compared with tests/golden/layout/to_trinh.txt (UPDATE_GOLDEN=1 rewrites it; review the
// diff). Also re-checks the ND30 properties with the real measurer.
#include <catch2/catch.hpp>

#include "font/font.h"
#include "layout_helpers.h"

using namespace hoso;
using namespace hoso::test;

namespace {

model::Document to_trinh() {
    model::Document doc;
    doc.meta.title = "Tờ trình đề nghị công nhận Đơn vị học tập";
    model::Section s;
    model::Nd30Header h;
    h.parent_agency = {"UBND HUYỆN PHONG THỔ"};
    h.issuing_agency = {"TRƯỜNG TIỂU HỌC ĐÔNG HẢI"};
    h.number = "Số: 05/TTr-THĐH";
    h.place_date = "Phong Thổ, ngày 05 tháng 02 năm 2025";
    s.blocks.push_back(h);
    model::DocumentTitle t;
    t.doc_type = "TỜ TRÌNH";
    t.summary = {"Đề nghị đánh giá, công nhận \u201cĐơn vị học tập\u201d cấp huyện năm 2024"};
    s.blocks.push_back(t);
    model::Addressees a;
    a.recipients = {"Ủy ban nhân dân huyện Phong Thổ", "Phòng Giáo dục và Đào tạo huyện Phong Thổ"};
    s.blocks.push_back(a);
    s.blocks.push_back(para("Căn cứ Thông tư số 24/2023/TT-BGDĐT ngày 11 tháng 12 năm 2023 của Bộ trưởng "
                            "Bộ Giáo dục và Đào tạo quy định về đánh giá, công nhận \u201cĐơn vị học tập\u201d "
                            "cấp huyện, tỉnh;",
                            model::style::kBasis));
    s.blocks.push_back(para("Căn cứ kết quả tự đánh giá của Trường Tiểu học Đông Hải năm 2024.",
                            model::style::kBasis));
    s.blocks.push_back(para("I. KẾT QUẢ TỰ ĐÁNH GIÁ", model::style::kHeading));
    s.blocks.push_back(para(
        "Thực hiện Kế hoạch số 12/KH-UBND ngày 15 tháng 01 năm 2024 của Ủy ban nhân dân huyện Phong "
        "Thổ về xây dựng xã hội học tập, Trường Tiểu học Đông Hải đã thành lập Tổ đánh giá, tổ chức "
        "tự đánh giá theo các tiêu chí, chỉ tiêu quy định tại Điều 7 Thông tư số 24/2023/TT-BGDĐT. "
        "Kết quả: 3/3 tiêu chí đạt, 12/12 chỉ tiêu đạt; đơn vị đạt mức độ 1."));
    model::Table tbl;
    tbl.column_widths = {1, 6, 2};
    tbl.header_rows = 1;
    auto c = [](const std::string& text, const char* style, int rs = 1) {
        model::Cell cell;
        cell.row_span = rs;
        cell.paragraphs.push_back(para(text, style));
        return cell;
    };
    tbl.rows.push_back(model::Row{{c("TT", model::style::kTableHeader),
                                   c("Tiêu chí, chỉ tiêu", model::style::kTableHeader),
                                   c("Kết quả", model::style::kTableHeader)}});
    tbl.rows.push_back(model::Row{{c("1", model::style::kTableCellCenter, 2),
                                   c("Tiêu chí 1: Lãnh đạo, quản lý, tổ chức thực hiện xây dựng "
                                     "\u201cĐơn vị học tập\u201d", model::style::kTableCell),
                                   c("Đạt", model::style::kTableCellCenter)}});
    tbl.rows.push_back(model::Row{{c("Chỉ tiêu 1: Có kế hoạch xây dựng \u201cĐơn vị học tập\u201d hằng năm",
                                     model::style::kTableCell),
                                   c("Đạt", model::style::kTableCellCenter)}});
    s.blocks.push_back(tbl);
    s.blocks.push_back(para("Trường Tiểu học Đông Hải kính trình Ủy ban nhân dân huyện xem xét, "
                            "công nhận \u201cĐơn vị học tập\u201d cấp huyện năm 2024./."));
    model::SignatureBlock sig;
    sig.authority = {"HIỆU TRƯỞNG"};
    sig.signer_name = "Lò Thị Mai";
    sig.recipients = {"Như trên", "Lưu: VT"};
    s.blocks.push_back(sig);
    doc.sections.push_back(s);
    return doc;
}

}  // namespace

TEST_CASE("golden: a Tờ trình laid out with Liberation Serif metrics", "[layout][golden]") {
    const auto fonts = font::FontSet::load_directory(fonts_dir());
    const layout::FontMeasurer m(fonts);
    const auto doc = to_trinh();
    Diagnostics w;
    const auto out = layout_document(doc, m, w);
    CHECK(w.empty());
    check_inside(doc, out, m);
    check_golden("golden/layout/to_trinh.txt", layout::to_debug_text(out));

    // The ND30 properties hold with real metrics too.
    const auto number = with_style(out, model::style::kNumber);
    const auto date = with_style(out, model::style::kPlaceDate);
    REQUIRE(!number.empty());
    REQUIRE(!date.empty());
    CHECK(number.front().y == date.front().y);
    const auto motto_rule = rules(out.pages.at(0), "motto-rule");
    REQUIRE(motto_rule.size() == 1);
    const double motto_size = doc.styles.at(model::style::kMotto).font_size;
    CHECK(motto_rule[0].x2 - motto_rule[0].x1 ==
          Approx(fonts.face(font::Face::Bold).text_width("Độc lập - Tự do - Hạnh phúc", motto_size)));
    // Line pitch of body text: Word's single spacing for Liberation Serif, ≈ 1.15 × 14 pt.
    const auto& reg = fonts.face(font::Face::Regular);
    const double single = (reg.win_ascent_1000() + reg.win_descent_1000() + reg.line_gap_1000()) * 14 / 1000;
    CHECK(single == Approx(14 * 2355.0 / 2048));  // 1825 + 443 + 87 font units: 16.1 pt, as Word and LibreOffice
    const auto lines = visual_lines(out.pages[0], model::style::kBody);
    REQUIRE(lines.size() >= 3);
    CHECK(lines[0].front().y - lines[1].front().y == Approx(single).margin(1e-9));
}

TEST_CASE("with real metrics too, no page holds only the signature block (ND30 ô 7 kept with the text)",
          "[layout][golden][nd30]") {
    const auto fonts = font::FontSet::load_directory(fonts_dir());
    const layout::FontMeasurer m(fonts);
    std::size_t max_pages = 0;
    for (int n = 1; n <= 40; ++n) {
        const auto doc = letter(n, 5, 45);
        Diagnostics w;
        const auto out = layout_document(doc, m, w);
        CHECK(w.empty());
        check_inside(doc, out, m);
        max_pages = std::max(max_pages, out.pages.size());
        for (std::size_t pi = 0; pi < out.pages.size(); ++pi) {
            bool other = false;
            for (const auto& t : texts(out.pages[pi])) {
                other = other || t.style == model::style::kBody || t.style == model::style::kAddressee ||
                        t.style == model::style::kNationalName;
            }
            INFO("paragraphs " << n << " page " << pi + 1);
            CHECK(other);
        }
    }
    CHECK(max_pages >= 4);
}
