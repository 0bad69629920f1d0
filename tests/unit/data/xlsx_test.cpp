// The council's units workbook (XLSX): workbooks written here part by part with libzip, read
// back through data::parse_council_xlsx — the sheet, strings, numbers, dates, title rows, and
// every bad input of the issue (not a zip, a zip bomb, 10^6 rows, formulas without cached
// values, no header, a header twice, text in a date column), each with its cell.
#include <zip.h>

#include <filesystem>
#include <map>

#include "data/data.h"
#include "data/detail/table.h"
#include "support.h"

using namespace hoso;

namespace {

// A workbook from its parts; `sheets` are (name, sheet XML) in order.
std::string make_xlsx(const std::vector<std::pair<std::string, std::string>>& sheets,
                      const std::vector<std::string>& shared = {}, const std::string& workbook_pr = "",
                      const std::map<std::string, std::string>& extra = {}) {
    std::map<std::string, std::string> parts = extra;
    std::string wb = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)" +
                     workbook_pr + "<sheets>";
    std::string rels = R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)";
    for (std::size_t i = 0; i < sheets.size(); ++i) {
        const std::string n = std::to_string(i + 1);
        wb += "<sheet name=\"" + sheets[i].first + "\" sheetId=\"" + n + "\" r:id=\"rId" + n + "\"/>";
        rels += "<Relationship Id=\"rId" + n + "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet" + n + ".xml\"/>";
        parts["xl/worksheets/sheet" + n + ".xml"] = sheets[i].second;
    }
    rels += "<Relationship Id=\"rIdS\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>";
    parts["xl/workbook.xml"] = wb + "</sheets></workbook>";
    parts["xl/_rels/workbook.xml.rels"] = rels;
    std::string sst = "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">";
    for (const auto& s : shared) sst += "<si><t xml:space=\"preserve\">" + s + "</t></si>";
    parts["xl/sharedStrings.xml"] = sst + "</sst>";
    parts["[Content_Types].xml"] = "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>";

    const auto path = std::filesystem::temp_directory_path() / ("hoso-xlsx-test-" + std::to_string(::getpid()) + ".xlsx");
    int err = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
    REQUIRE(z != nullptr);
    std::vector<std::string> keep;  // libzip reads the buffers at zip_close
    keep.reserve(parts.size());
    for (const auto& [name, bytes] : parts) {
        keep.push_back(bytes);
        zip_source_t* src = zip_source_buffer(z, keep.back().data(), keep.back().size(), 0);
        REQUIRE(src != nullptr);
        REQUIRE(zip_file_add(z, name.c_str(), src, ZIP_FL_OVERWRITE) >= 0);
    }
    REQUIRE(zip_close(z) == 0);
    std::string out = read_file(path);
    std::filesystem::remove(path);
    return out;
}

std::string sheet_xml(const std::string& rows, const std::string& merges = "") {
    return R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)" + rows +
           "</sheetData>" + (merges.empty() ? "" : "<mergeCells>" + merges + "</mergeCells>") + "</worksheet>";
}

std::string inl(const std::string& ref, const std::string& text) {
    return "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + text + "</t></is></c>";
}
std::string num(const std::string& ref, const std::string& v) { return "<c r=\"" + ref + "\"><v>" + v + "</v></c>"; }
std::string row(int r, const std::string& cells) { return "<row r=\"" + std::to_string(r) + "\">" + cells + "</row>"; }

// A header row 3 under a merged title: STT, Tên đơn vị, Mức độ, Kết quả, Lý do, Ngày tờ trình.
std::string header_rows() {
    return row(1, inl("A1", "DANH SÁCH ĐƠN VỊ ĐỀ NGHỊ CÔNG NHẬN NĂM 2024")) +
           row(3, inl("A3", "STT") + inl("B3", "Tên đơn vị") + inl("C3", "Mức độ") + inl("D3", "Kết quả") +
                      inl("E3", "Lý do") + inl("F3", "Ngày tờ trình")) +
           row(4, inl("A4", "(1)") + inl("B4", "(2)") + inl("C4", "(3)") + inl("D4", "(4)") + inl("E4", "(5)") +
                      inl("F4", "(6)"));
}

std::vector<data::CouncilUnit> read_ok(const std::string& xlsx, Diagnostics& d, const std::string& sheet = "") {
    auto units = data::parse_council_xlsx(xlsx, "u.xlsx", sheet, {}, d);
    INFO(d.format());
    REQUIRE_FALSE(d.has_errors());
    return units;
}

std::string errors_of(const std::string& xlsx, const std::string& sheet = "") {
    Diagnostics d;
    const auto units = data::parse_council_xlsx(xlsx, "u.xlsx", sheet, {}, d);
    CHECK(d.has_errors());
    return d.format();
}

}  // namespace

TEST_CASE("xlsx: Excel date serials in the 1900 and 1904 systems", "[data][xlsx]") {
    using data::detail::excel_serial_date;
    CHECK(excel_serial_date(1, false) == Date{1900, 1, 1});
    CHECK(excel_serial_date(59, false) == Date{1900, 2, 28});
    CHECK_FALSE(excel_serial_date(60, false).has_value());  // Excel's 29/02/1900
    CHECK(excel_serial_date(61, false) == Date{1900, 3, 1});
    CHECK(excel_serial_date(45667, false) == Date{2025, 1, 10});
    CHECK(excel_serial_date(45667.75, false) == Date{2025, 1, 10});  // a time of day is dropped
    CHECK(excel_serial_date(44205, true) == Date{2025, 1, 10});      // 1904: 1462 days fewer
    CHECK_FALSE(excel_serial_date(0, false).has_value());
    CHECK_FALSE(excel_serial_date(1e9, false).has_value());
}

TEST_CASE("xlsx: a council's sheet — title, header by name, column numbers, strings, numbers, dates", "[data][xlsx]") {
    const std::vector<std::string> shared = {"Trường Tiểu học Bản Lang", "đạt", "không đạt", "Thiếu minh chứng; Tỷ lệ 82%"};
    const std::string rows =
        header_rows() + row(5, inl("A5", "I. MỨC ĐỘ 2")) +  // a group heading, merged across the row
        row(6, num("A6", "1") + "<c r=\"B6\" t=\"s\"><v>0</v></c>" + num("C6", "2") + "<c r=\"D6\" t=\"s\"><v>1</v></c>" +
                   num("F6", "45667")) +
        row(7, num("A7", "2") + inl("B7", "Tr\u00ADêng MÇm non Hoa Ban") + num("C7", "1") +
                   "<c r=\"D7\" t=\"s\"><v>2</v></c>" + "<c r=\"E7\" t=\"s\"><v>3</v></c>" + inl("F7", "08/01/2025")) +
        row(8, num("A8", "3") + "<c r=\"B8\" t=\"str\"><f>UPPER(\"x\")</f><v>Công an huyện</v></c>" + num("C8", "1") +
                   inl("D8", "Đạt"));
    const std::string xlsx =
        make_xlsx({{"Danh sách", sheet_xml(rows, "<mergeCell ref=\"A1:F1\"/><mergeCell ref=\"A5:F5\"/>")}}, shared);
    Diagnostics d;
    const auto units = read_ok(xlsx, d);
    REQUIRE(units.size() == 3);
    CHECK(units[0].name.value == "Trường Tiểu học Bản Lang");
    CHECK(units[0].source == data::CouncilSource::Xlsx);
    CHECK(units[0].where.file == "u.xlsx: Danh sách!A6");
    CHECK(units[0].level == 2);
    CHECK(units[0].granted == std::optional<bool>(true));
    CHECK(units[0].request_date == std::optional<Date>(Date{2025, 1, 10}));
    CHECK(units[1].name.value == "Trường Mầm non Hoa Ban");  // typed in TCVN3
    REQUIRE(units[1].reasons.size() == 2);
    CHECK(units[1].reasons[1].value == "Tỷ lệ 82%");
    CHECK(units[1].request_date == std::optional<Date>(Date{2025, 1, 8}));
    CHECK(units[2].name.value == "Công an huyện");  // a formula's cached result
    // The conversion is a warning naming the cell, the column and the encoding.
    const std::string report = d.format();
    CHECK(report.find("u.xlsx: Danh sách!B7: cảnh báo: đã chuyển từ bảng mã TCVN3 (ABC, .VnTime) sang Unicode") !=
          std::string::npos);
    CHECK(report.find("[Tên đơn vị]") != std::string::npos);
}

TEST_CASE("xlsx: the first sheet or a named one; the 1904 date system", "[data][xlsx]") {
    const std::string list = sheet_xml(row(1, inl("A1", "name") + inl("B1", "level") + inl("C1", "result") + inl("D1", "request_date")) +
                                       row(2, inl("A2", "Trường A") + num("B2", "1") + inl("C2", "đạt") + num("D2", "44205")));
    const std::string other = sheet_xml(row(1, inl("A1", "ghi chú")));
    Diagnostics d;
    CHECK(read_ok(make_xlsx({{"Bìa", other}, {"Đơn vị", list}}, {}, "<workbookPr date1904=\"1\"/>"), d, "Đơn vị")
              .at(0)
              .request_date == std::optional<Date>(Date{2025, 1, 10}));
    CHECK(errors_of(make_xlsx({{"Bìa", other}, {"Đơn vị", list}}), "Danh sach")
              .find("u.xlsx: lỗi: bảng tính không có trang 'Danh sach' (có: 'Bìa', 'Đơn vị')") != std::string::npos);
    CHECK(errors_of(make_xlsx({{"Bìa", other}, {"Đơn vị", list}})).find("không tìm thấy dòng tiêu đề") != std::string::npos);
}

TEST_CASE("xlsx: bad cells are reported with sheet, cell and column, all at once", "[data][xlsx]") {
    const std::string rows =
        header_rows() +
        row(5, num("A5", "1") + inl("B5", "Trường A") + "<c r=\"C5\"><f>1+1</f></c>" + inl("D5", "đạt")) +   // no cached value
        row(6, num("A6", "2") + inl("B6", "Trường B") + num("C6", "1") + inl("D6", "đạt") + inl("F6", "sau Tết")) +  // text date
        row(7, num("A7", "3") + inl("B7", "Trường C") + "<c r=\"C7\" t=\"e\"><v>#N/A</v></c>" + inl("D7", "đạt")) +
        row(8, num("A8", "4") + inl("B8", "Trường D") + num("C8", "1") + inl("D8", "không đạt")) +  // no reasons
        row(9, num("A9", "5") + num("C9", "3") + inl("D9", "đạt") + inl("G9", "lạc cột"));
    const std::string report = errors_of(make_xlsx({{"Sheet1", sheet_xml(rows)}}));
    INFO(report);
    CHECK(report.find("u.xlsx: Sheet1!C5: lỗi: ô có công thức nhưng chưa có giá trị tính sẵn") != std::string::npos);
    CHECK(report.find("[Mức độ]") != std::string::npos);
    CHECK(report.find("u.xlsx: Sheet1!F6: lỗi: cột ngày chứa văn bản không phải ngày: 'sau Tết'") != std::string::npos);
    CHECK(report.find("(text in a date column") != std::string::npos);
    CHECK(report.find("[Ngày tờ trình]") != std::string::npos);
    CHECK(report.find("u.xlsx: Sheet1!C7: lỗi: ô chứa lỗi công thức #N/A") != std::string::npos);
    CHECK(report.find("u.xlsx: Sheet1!E8: lỗi: đơn vị không đạt cần lý do") != std::string::npos);
    CHECK(report.find("u.xlsx: Sheet1!G9: lỗi: ô có dữ liệu nhưng cột không có tiêu đề") != std::string::npos);
}

TEST_CASE("xlsx: missing and repeated header columns", "[data][xlsx]") {
    const std::string twice = errors_of(make_xlsx({{"Sheet1", sheet_xml(row(
        2, inl("A2", "Tên đơn vị") + inl("B2", "Mức độ") + inl("C2", "Kết quả") + inl("D2", "MỨC ĐỘ")))}}));
    CHECK(twice.find("u.xlsx: Sheet1!D2: lỗi: cột 'MỨC ĐỘ' bị lặp (B2)") != std::string::npos);
    const std::string missing = errors_of(make_xlsx({{"Sheet1", sheet_xml(row(
        1, inl("A1", "Tên đơn vị") + inl("B1", "Mức độ") + inl("C1", "Màu")))}}));
    CHECK(missing.find("u.xlsx: Sheet1!C1: lỗi: cột không hợp lệ 'Màu'") != std::string::npos);
    CHECK(missing.find("thiếu cột bắt buộc 'result' (Kết quả)") != std::string::npos);
}

TEST_CASE("xlsx: not a workbook, an old .xls, a zip bomb, 10^6 rows — refused, never read whole", "[data][xlsx]") {
    CHECK(errors_of("hello, not a zip").find("u.xlsx: lỗi: tệp không phải bảng tính XLSX (không phải tệp nén zip)") !=
          std::string::npos);
    CHECK(errors_of(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(512, '\0')).find("Excel 97–2003") !=
          std::string::npos);
    CHECK(errors_of(make_xlsx({})).find("bảng tính không có trang tính nào") != std::string::npos);
    // 40 MiB of one repeated cell compresses to a few tens of KiB.
    std::string big = header_rows() + row(5, inl("A5", std::string(40u << 20, 'a')));
    const std::string bomb = make_xlsx({{"Sheet1", sheet_xml(big)}});
    CHECK(bomb.size() < (1u << 20));
    CHECK(errors_of(bomb).find("bảng tính giải nén quá lớn") != std::string::npos);
    // 10^6 rows: refused after the first 10 000 are counted.
    std::string rows;
    rows.reserve(40u << 20);
    for (int r = 1; r <= 1000000; ++r) rows += "<row r=\"" + std::to_string(r) + "\"><c r=\"A" + std::to_string(r) + "\"><v>1</v></c></row>";
    const std::string million = make_xlsx({{"Sheet1", sheet_xml(rows)}});
    const std::string report = errors_of(million);
    CHECK(report.find("u.xlsx: Sheet1!A10001: lỗi: trang tính có hơn 10000 dòng") != std::string::npos);
    // A single row numbered past the limit.
    CHECK(errors_of(make_xlsx({{"Sheet1", sheet_xml(header_rows() + row(20000, num("A20000", "1")))}}))
              .find("u.xlsx: Sheet1!A20000: lỗi: trang tính có dòng số 20000") != std::string::npos);
}
