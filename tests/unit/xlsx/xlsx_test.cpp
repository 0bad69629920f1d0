// The results workbook writer: its parts read back, the creation date from the caller, and
// the same bytes from the same workbook whenever it is written.
#include <zip.h>

#include <chrono>
#include <map>
#include <thread>

#include "support.h"
#include "xlsx/xlsx.h"

using namespace hoso;

namespace {

std::map<std::string, std::string> unzip(const std::string& data) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* src = zip_source_buffer_create(data.data(), data.size(), 0, &error);
    REQUIRE(src != nullptr);
    zip_t* z = zip_open_from_source(src, ZIP_RDONLY, &error);
    REQUIRE(z != nullptr);
    std::map<std::string, std::string> out;
    for (zip_int64_t i = 0; i < zip_get_num_entries(z, 0); ++i) {
        zip_stat_t st;
        REQUIRE(zip_stat_index(z, static_cast<zip_uint64_t>(i), 0, &st) == 0);
        zip_file_t* f = zip_fopen_index(z, static_cast<zip_uint64_t>(i), 0);
        REQUIRE(f != nullptr);
        std::string bytes(st.size, '\0');
        REQUIRE(zip_fread(f, bytes.data(), st.size) == static_cast<zip_int64_t>(st.size));
        zip_fclose(f);
        out[st.name] = bytes;
    }
    zip_discard(z);
    return out;
}

xlsx::Workbook sample() {
    xlsx::Workbook wb;
    wb.title = "Kết quả đánh giá, công nhận năm 2024";
    wb.author = "Phòng Giáo dục và Đào tạo huyện Phong Thổ";
    wb.created = {2025, 2, 10};
    xlsx::Sheet s;
    s.name = "Kết quả";
    s.header = {"STT", "Tên đơn vị", "Kết quả"};
    s.widths = {6, 40, 12};
    s.frozen_columns = 2;
    s.add_row({xlsx::Cell::of(1.0), xlsx::Cell::of("Trường Tiểu học Bản Lang"), xlsx::Cell::of("Đạt")});
    s.add_row({xlsx::Cell::of(2.0), xlsx::Cell::of("Ủy ban nhân dân xã Mường So"), xlsx::Cell::of("Không đạt")});
    wb.sheets.push_back(s);
    return wb;
}

}  // namespace

TEST_CASE("xlsx: the workbook's parts, Vietnamese text, frozen header, filters, created date", "[xlsx]") {
    const auto parts = unzip(xlsx::write_xlsx(sample()));
    REQUIRE(parts.count("xl/worksheets/sheet1.xml"));
    const std::string& sheet = parts.at("xl/worksheets/sheet1.xml");
    CHECK(sheet.find("<pane xSplit=\"2\" ySplit=\"1\" topLeftCell=\"C2\" activePane=\"bottomRight\" state=\"frozen\"/>") !=
          std::string::npos);
    CHECK(sheet.find("<autoFilter ref=\"A1:C3\"/>") != std::string::npos);
    CHECK(sheet.find("width=\"40.7109375\"") != std::string::npos);
    // Rows are streamed (libxlsxwriter's constant_memory): text is stored inline in the sheet.
    CHECK(sheet.find("<c r=\"B3\" s=\"2\" t=\"inlineStr\"><is><t>Ủy ban nhân dân xã Mường So</t></is></c>") !=
          std::string::npos);
    CHECK(parts.at("xl/workbook.xml").find("name=\"Kết quả\"") != std::string::npos);
    const std::string& core = parts.at("docProps/core.xml");
    CHECK(core.find("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2025-02-10T00:00:00Z</dcterms:created>") !=
          std::string::npos);
    CHECK(core.find("<dc:title>Kết quả đánh giá, công nhận năm 2024</dc:title>") != std::string::npos);
}

TEST_CASE("xlsx: the same workbook gives the same bytes, seconds apart", "[xlsx]") {
    const std::string a = xlsx::write_xlsx(sample());
    std::this_thread::sleep_for(std::chrono::milliseconds(2100));  // past the zip format's 2 s clock
    const std::string b = xlsx::write_xlsx(sample());
    CHECK(a == b);
    xlsx::Workbook other = sample();
    other.created = {2025, 2, 11};
    CHECK(xlsx::write_xlsx(other) != a);
}

TEST_CASE("xlsx: packed rows give back every cell: numbers, blanks, long and Vietnamese text", "[xlsx]") {
    xlsx::Sheet s;
    const std::string long_text(300, 'x');  // a length over 127 takes two bytes
    const std::vector<xlsx::Cell> a = {xlsx::Cell::of(-0.5), xlsx::Cell::of(""), xlsx::Cell::of("Không áp dụng"),
                                       xlsx::Cell::of(1e300), xlsx::Cell::of(long_text)};
    const std::vector<xlsx::Cell> b = {};
    const std::vector<xlsx::Cell> c = {xlsx::Cell::of(std::string("a\0b", 3))};
    s.add_row(a);
    s.add_row(b);
    s.add_row(c);
    REQUIRE(s.row_count() == 3);
    auto same = [](const std::vector<xlsx::Cell>& x, const std::vector<xlsx::Cell>& y) {
        if (x.size() != y.size()) return false;
        for (std::size_t i = 0; i < x.size(); ++i) {
            if (x[i].text != y[i].text || x[i].number != y[i].number) return false;
        }
        return true;
    };
    CHECK(same(s.row(0), a));
    CHECK(same(s.row(1), b));
    CHECK(same(s.row(2), c));
    CHECK_THROWS(s.row(3));
}
