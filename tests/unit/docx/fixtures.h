// Model documents built by hand for the DOCX tests: a Tờ trình, a công văn, a long table and
// a document with a landscape appendix. Shapes follow ND30 Phụ lục III (Mẫu 1.4, 1.x, 2.1).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "model/model.h"

namespace hoso::test::docx_fixtures {

using namespace hoso::model;

inline Paragraph para(std::string style, std::vector<Run> runs) {
    Paragraph p;
    p.style = std::move(style);
    p.runs = std::move(runs);
    return p;
}
inline Paragraph text(std::string style, std::string s) { return para(std::move(style), {Run{std::move(s), {}}}); }
inline Run plain(std::string s) { return Run{std::move(s), {}}; }
inline Run bold(std::string s) { return Run{std::move(s), RunStyle{true, false, false}}; }
inline Run italic(std::string s) { return Run{std::move(s), RunStyle{false, true, false}}; }

inline Cell cell(std::string style, std::string s, int col_span = 1, int row_span = 1) {
    Cell c;
    c.col_span = col_span;
    c.row_span = row_span;
    c.paragraphs.push_back(text(std::move(style), std::move(s)));
    return c;
}

inline Nd30Header commune_header(std::vector<std::string> subject = {}) {
    Nd30Header h;
    h.parent_agency = {"UBND HUYỆN PHONG THỔ"};
    h.issuing_agency = {"ỦY BAN NHÂN DÂN", "XÃ MƯỜNG SO"};
    h.number = subject.empty() ? "Số: 05/TTr-UBND" : "Số: 112/UBND-VX";
    h.subject = std::move(subject);
    h.place_date = "Mường So, ngày 05 tháng 02 năm 2025";
    return h;
}

inline SignatureBlock commune_signature() {
    SignatureBlock s;
    s.authority = {"TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"};
    s.signer_name = "Lò Thị Hồng Nhung";
    s.recipients = {"Như trên", "TT Đảng ủy, HĐND xã", "Lưu: VT, VX."};
    return s;
}

// Tờ trình (Mẫu 1.x): header, title with trích yếu, one recipient, body, signature.
inline Document to_trinh() {
    Document doc;
    doc.meta.title = "Tờ trình đề nghị đánh giá, công nhận Cộng đồng học tập cấp xã năm 2024";
    doc.meta.subject = "Cộng đồng học tập cấp xã";
    doc.meta.author = "UBND xã Mường So";
    Section s;
    s.blocks.push_back(commune_header());
    s.blocks.push_back(DocumentTitle{"TỜ TRÌNH",
                                     {"Đề nghị đánh giá, công nhận \"Cộng đồng học tập\"", "cấp xã năm 2024"}});
    s.blocks.push_back(Addressees{"Kính gửi:", {"Phòng Giáo dục và Đào tạo huyện Phong Thổ"}});
    s.blocks.push_back(text(style::kBasis,
                            "Căn cứ Thông tư số 25/2023/TT-BGDĐT ngày 28 tháng 12 năm 2023 của Bộ trưởng Bộ "
                            "Giáo dục và Đào tạo quy định về đánh giá, công nhận \"Cộng đồng học tập\" cấp xã, "
                            "cấp huyện, cấp tỉnh;"));
    s.blocks.push_back(para(style::kBody,
                            {plain("Ủy ban nhân dân xã Mường So đã tổ chức tự đánh giá theo các tiêu chí, "
                                   "chỉ tiêu quy định tại Điều 7 Thông tư số 25/2023/TT-BGDĐT. Kết quả: xã đạt "),
                             bold("mức độ 2"),
                             plain(" với 5/5 tiêu chí đạt, 19/19 chỉ tiêu đạt.")}));
    s.blocks.push_back(text(style::kHeading, "I. KẾT QUẢ TỰ ĐÁNH GIÁ"));
    for (int i = 1; i <= 3; ++i) {
        s.blocks.push_back(para(style::kBody,
                                {plain(std::to_string(i) + ". Tiêu chí " + std::to_string(i) + ": "),
                                 italic("đạt"),
                                 plain(". Các chỉ tiêu của tiêu chí được đánh giá trên cơ sở số liệu từ ngày "
                                       "01 tháng 01 đến ngày 31 tháng 12 năm 2024, có minh chứng kèm theo.")}));
    }
    s.blocks.push_back(text(style::kBody,
                            "Ủy ban nhân dân xã Mường So kính đề nghị Phòng Giáo dục và Đào tạo huyện Phong Thổ "
                            "xem xét, đánh giá và công nhận xã Mường So đạt \"Cộng đồng học tập\" cấp xã mức độ 2 "
                            "năm 2024./."));
    s.blocks.push_back(commune_signature());
    doc.sections.push_back(std::move(s));
    return doc;
}

// Công văn (Mẫu 1.4): "V/v …" under the number, no title, three recipients.
inline Document cong_van() {
    Document doc;
    doc.meta.title = "Công văn triển khai Thông tư số 24/2023/TT-BGDĐT";
    doc.meta.author = "UBND xã Mường So";
    Section s;
    s.blocks.push_back(commune_header({"V/v triển khai thực hiện Thông tư", "số 24/2023/TT-BGDĐT"}));
    s.blocks.push_back(Addressees{"Kính gửi:",
                                  {"Các cơ quan, đơn vị trên địa bàn xã", "Trường Tiểu học Mường So",
                                   "Trường Trung học cơ sở Mường So;"}});
    s.blocks.push_back(text(style::kBody,
                            "Thực hiện Công văn số 1709/UBND-VX ngày 09/5/2024 của Ủy ban nhân dân huyện về việc "
                            "triển khai thực hiện Thông tư số 24/2023/TT-BGDĐT, Ủy ban nhân dân xã đề nghị các cơ "
                            "quan, đơn vị tổ chức thực hiện xây dựng \"Đơn vị học tập\" đảm bảo thực chất, hiệu quả./."));
    SignatureBlock sig = commune_signature();
    sig.authority = {"TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"};
    sig.recipients = {"Như trên", "Lưu: VT"};
    s.blocks.push_back(sig);
    doc.sections.push_back(std::move(s));
    return doc;
}

// Danh sách: a table with two header rows (row and column spans), grouped units spanning
// three rows each, 60 data rows: several pages with the header repeated.
inline Table results_table(int data_rows) {
    Table t;
    t.column_widths = {1.5, 5, 4, 2, 2.5};
    t.header_rows = 2;
    Row h1;
    h1.cells = {cell(style::kTableHeader, "STT", 1, 2), cell(style::kTableHeader, "Họ và tên", 1, 2),
                cell(style::kTableHeader, "Đơn vị", 1, 2), cell(style::kTableHeader, "Kết quả", 2, 1)};
    Row h2;
    h2.cells = {cell(style::kTableHeader, "Đạt"), cell(style::kTableHeader, "Không đạt")};
    t.rows = {h1, h2};
    for (int i = 1; i <= data_rows; ++i) {
        Row r;
        r.cells.push_back(cell(style::kTableCellCenter, std::to_string(i)));
        r.cells.push_back(cell(style::kTableCell, "Nguyễn Thị Người Thứ " + std::to_string(i)));
        if ((i - 1) % 3 == 0) {
            const int span = std::min(3, data_rows - i + 1);
            r.cells.push_back(cell(style::kTableCell, "Thôn Nậm Cáy " + std::to_string((i + 2) / 3), 1, span));
        }
        r.cells.push_back(cell(style::kTableCellCenter, i % 7 == 0 ? "" : "x"));
        r.cells.push_back(cell(style::kTableCellCenter, i % 7 == 0 ? "x" : ""));
        t.rows.push_back(std::move(r));
    }
    return t;
}

inline Document danh_sach() {
    Document doc;
    doc.meta.title = "Danh sách công dân học tập";
    doc.meta.author = "UBND xã Mường So";
    Section s;
    s.blocks.push_back(commune_header());
    s.blocks.push_back(DocumentTitle{"DANH SÁCH", {"Công dân học tập thôn Nậm Cáy năm 2024"}});
    s.blocks.push_back(results_table(60));
    s.blocks.push_back(text(style::kBody, "Danh sách này có 60 người./."));
    s.blocks.push_back(commune_signature());
    doc.sections.push_back(std::move(s));
    return doc;
}

// A decision-like document whose appendix is a landscape section numbered from 1 again
// (ND30 Phụ lục I III.1.đ).
inline Document with_appendix() {
    Document doc;
    doc.meta.title = "Quyết định công nhận Đơn vị học tập";
    doc.meta.author = "UBND huyện Phong Thổ";
    Section main;
    Nd30Header h;
    h.issuing_agency = {"ỦY BAN NHÂN DÂN", "HUYỆN PHONG THỔ"};
    h.number = "Số: 215/QĐ-UBND";
    h.place_date = "Phong Thổ, ngày 14 tháng 02 năm 2025";
    main.blocks.push_back(h);
    main.blocks.push_back(DocumentTitle{"QUYẾT ĐỊNH", {"Công nhận \"Đơn vị học tập\" cấp huyện năm 2024"}});
    main.blocks.push_back(text(style::kCentered, "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN PHONG THỔ"));
    for (int i = 0; i < 14; ++i) {
        main.blocks.push_back(text(style::kBasis,
                                   "Căn cứ văn bản số " + std::to_string(i + 1) +
                                       " về việc đánh giá, công nhận \"Đơn vị học tập\" cấp huyện, cấp tỉnh và "
                                       "các văn bản hướng dẫn thi hành có liên quan trên địa bàn huyện;"));
    }
    main.blocks.push_back(text(style::kCentered, "QUYẾT ĐỊNH:"));
    main.blocks.push_back(para(style::kBody,
                               {bold("Điều 1. "), plain("Công nhận 12 đơn vị đạt \"Đơn vị học tập\" cấp huyện năm "
                                                        "2024 (có danh sách kèm theo).")}));
    main.blocks.push_back(PageBreak{});
    main.blocks.push_back(para(style::kBody,
                               {bold("Điều 2. "), plain("Quyết định này có hiệu lực kể từ ngày ký./.")}));
    SignatureBlock sig;
    sig.authority = {"KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"};
    sig.signer_name = "Vàng A Dơ";
    sig.recipients = {"Như Điều 2", "Lưu: VT"};
    main.blocks.push_back(sig);
    doc.sections.push_back(std::move(main));

    Section appendix;
    appendix.page = a4_landscape(PageSetup{});
    appendix.numbering.restart = true;
    appendix.blocks.push_back(AppendixHeading{"Phụ lục", "DANH SÁCH ĐƠN VỊ HỌC TẬP CẤP HUYỆN NĂM 2024",
                                              "(Kèm theo Quyết định số 215/QĐ-UBND ngày 14 tháng 02 năm 2025 "
                                              "của Chủ tịch UBND huyện Phong Thổ)"});
    Table t;
    t.column_widths = {1, 6, 3, 3, 3};
    t.header_rows = 1;
    Row h1;
    h1.cells = {cell(style::kTableHeader, "STT"), cell(style::kTableHeader, "Tên đơn vị"),
                cell(style::kTableHeader, "Mức độ"), cell(style::kTableHeader, "Tiêu chí đạt"),
                cell(style::kTableHeader, "Ghi chú")};
    t.rows.push_back(h1);
    for (int i = 1; i <= 30; ++i) {
        Row r;
        r.cells = {cell(style::kTableCellCenter, std::to_string(i)),
                   cell(style::kTableCell, "Trường Phổ thông dân tộc bán trú số " + std::to_string(i)),
                   cell(style::kTableCellCenter, i % 2 ? "Mức độ 1" : "Mức độ 2"),
                   cell(style::kTableCellCenter, "3/3"), cell(style::kTableCell, "")};
        t.rows.push_back(std::move(r));
    }
    appendix.blocks.push_back(t);
    doc.sections.push_back(std::move(appendix));
    return doc;
}

struct Case {
    const char* name;
    Document (*build)();
};

inline const std::vector<Case>& all_cases() {
    static const std::vector<Case> cases = {
        {"to_trinh", to_trinh}, {"cong_van", cong_van}, {"danh_sach", danh_sach}, {"appendix", with_appendix}};
    return cases;
}

}  // namespace hoso::test::docx_fixtures
