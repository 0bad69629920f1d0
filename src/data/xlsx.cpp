// Reading a council's units workbook (XLSX, Office Open XML SpreadsheetML) with libzip and
// tinyxml2 — no C/C++ XLSX reader is packaged in Debian, and the part of the format a list of
// units needs is small: workbook.xml (sheet names, the 1900/1904 date system), its _rels (where
// each sheet is), sharedStrings.xml (plain and rich text), and the sheet's cells (shared and
// inline strings, numbers, booleans, formula results, error values). Everything else (styles,
// drawings, comments) is not read.
//
// Every limit is checked before memory is spent: the file size, the expanded size of each part
// and of all parts together (a zip bomb stops at the limit, whatever its headers claim), the
// number of rows (counted while the sheet is inflated, so 10^6 rows are refused after reading
// the first 10 000), the nesting depth and UTF-8 of each part, the length of a cell.
//
// Cells become a table (detail::Table) that the CSV reader shares (council.cpp): the header row,
// found under any title rows, names the columns; every problem names the file, the sheet and
// the cell ("don-vi.xlsx: Sheet1!C14") and the column's header.
#include <zip.h>

#include <tinyxml2.h>

#include <charconv>
#include <cmath>
#include <cstring>
#include <map>
#include <memory>

#include "data/data.h"
#include "data/detail/table.h"
#include "text/text.h"

namespace hoso::data {

namespace {

using tinyxml2::XMLDocument;
using tinyxml2::XMLElement;

// "x:row" → "row": some writers prefix the SpreadsheetML namespace.
std::string_view local_name(const XMLElement* e) {
    std::string_view n = e->Name();
    const auto colon = n.find(':');
    return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

const XMLElement* child(const XMLElement* e, std::string_view name) {
    for (const XMLElement* c = e ? e->FirstChildElement() : nullptr; c != nullptr; c = c->NextSiblingElement()) {
        if (local_name(c) == name) return c;
    }
    return nullptr;
}

template <typename F>
void for_children(const XMLElement* e, std::string_view name, F&& f) {
    for (const XMLElement* c = e ? e->FirstChildElement() : nullptr; c != nullptr; c = c->NextSiblingElement()) {
        if (local_name(c) == name) f(c);
    }
}

const char* attr(const XMLElement* e, const char* name) {
    const char* v = e->Attribute(name);
    return v ? v : "";
}

// Column letters of a 1-based column number: 1 → "A", 28 → "AB".
std::string column_letters(int col) {
    std::string s;
    for (; col > 0; col = (col - 1) / 26) s.insert(s.begin(), static_cast<char>('A' + (col - 1) % 26));
    return s;
}

// "C14" → column 3, row 14; false when malformed.
bool parse_cell_ref(std::string_view ref, int& col, int& row) {
    std::size_t i = 0;
    col = 0;
    while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z' && col <= 16384) col = col * 26 + (ref[i++] - 'A' + 1);
    if (i == 0 || i == ref.size() || col > 16384) return false;
    const auto r = std::from_chars(ref.data() + i, ref.data() + ref.size(), row);
    return r.ec == std::errc() && r.ptr == ref.data() + ref.size() && row >= 1;
}

class Workbook {
public:
    Workbook(std::string_view bytes, std::string file, Diagnostics& d) : m_file(std::move(file)), m_diag(d) {
        zip_error_t err;
        zip_error_init(&err);
        zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
        if (src != nullptr) {
            m_zip = zip_open_from_source(src, ZIP_RDONLY, &err);
            if (m_zip == nullptr) zip_source_free(src);
        }
        zip_error_fini(&err);
    }
    ~Workbook() {
        if (m_zip) zip_discard(m_zip);
    }
    Workbook(const Workbook&) = delete;
    Workbook& operator=(const Workbook&) = delete;

    bool is_zip() const { return m_zip != nullptr; }
    SourceLocation here(const std::string& part = {}) const {
        return {part.empty() ? m_file : m_file + ": " + part, 0, 0};
    }

    // A part's bytes, inflated up to the limits; nullopt (reported) when missing or too large.
    // With `rows`, counts the sheet's rows while inflating and stops past kMaxXlsxRows.
    std::optional<std::string> part(const std::string& name, bool required, int* rows = nullptr) {
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat(m_zip, name.c_str(), 0, &st) != 0) {
            if (required) {
                m_diag.error(here(), "", "bảng tính thiếu phần '" + name + "': tệp không phải XLSX hợp lệ",
                             "the workbook has no part '" + name + "': not a valid XLSX file");
            }
            return std::nullopt;
        }
        zip_file_t* f = zip_fopen(m_zip, name.c_str(), 0);
        if (f == nullptr) {
            m_diag.error(here(name), "", "không đọc được phần này của bảng tính (nén hỏng hoặc có mật khẩu)",
                         "cannot read this part of the workbook (damaged or encrypted)");
            return std::nullopt;
        }
        std::string out;
        char buf[1 << 16];
        bool ok = true;
        std::size_t scanned = 0;
        for (;;) {
            const zip_int64_t n = zip_fread(f, buf, sizeof buf);
            if (n < 0) {
                m_diag.error(here(name), "", "dữ liệu nén của bảng tính bị hỏng", "the workbook's compressed data is damaged");
                ok = false;
                break;
            }
            if (n == 0) break;
            if (out.size() + static_cast<std::size_t>(n) > kMaxXlsxPartBytes ||
                m_expanded + out.size() + static_cast<std::size_t>(n) > kMaxXlsxExpandedBytes) {
                m_diag.error(here(name), "",
                             "bảng tính giải nén quá lớn (quá " + std::to_string(kMaxXlsxPartBytes >> 20) + " MiB mỗi phần, " +
                                 std::to_string(kMaxXlsxExpandedBytes >> 20) + " MiB tất cả): không đọc",
                             "the workbook expands beyond the limit (" + std::to_string(kMaxXlsxPartBytes >> 20) +
                                 " MiB per part, " + std::to_string(kMaxXlsxExpandedBytes >> 20) + " MiB in all): not read");
                ok = false;
                break;
            }
            out.append(buf, static_cast<std::size_t>(n));
            if (rows != nullptr) {
                // Rows are counted as "<row" or ":row" (a prefixed namespace) followed by a space or '>'.
                for (std::size_t i = scanned > 4 ? scanned - 4 : 0; i + 4 < out.size(); ++i) {
                    if ((out[i] == '<' || out[i] == ':') && out.compare(i + 1, 3, "row") == 0 &&
                        (out[i + 4] == ' ' || out[i + 4] == '>')) {
                        ++*rows;
                    }
                }
                scanned = out.size() > 4 ? out.size() - 4 : 0;
                if (*rows > kMaxXlsxRows) {
                    ok = false;
                    break;
                }
            }
        }
        zip_fclose(f);
        m_expanded += out.size();
        if (!ok) return std::nullopt;
        if (const auto bad = text::find_invalid_utf8(out)) {
            m_diag.error(locate(out, *bad, m_file + ": " + name), "", "phần XML của bảng tính không phải UTF-8 hợp lệ",
                         "a part of the workbook is not valid UTF-8");
            return std::nullopt;
        }
        return out;
    }

    // Parses a part as XML (depth and UTF-8 checked first).
    bool parse(const std::string& name, const std::string& bytes, XMLDocument& doc) {
        int depth = 0, max_depth = 0;
        for (std::size_t i = 0; i + 1 < bytes.size(); ++i) {
            if (bytes[i] != '<') continue;
            const char n = bytes[i + 1];
            if (n == '/') {
                --depth;
            } else if (n != '?' && n != '!') {
                const std::size_t close = bytes.find('>', i);
                if (close != std::string::npos && bytes[close - 1] != '/') max_depth = std::max(max_depth, ++depth);
            }
        }
        if (max_depth > kMaxXmlDepth) {
            m_diag.error(here(name), "", "phần XML lồng quá sâu", "XML nested too deeply");
            return false;
        }
        doc.Parse(bytes.data(), bytes.size());
        if (doc.Error()) {
            m_diag.error({m_file + ": " + name, doc.ErrorLineNum(), 0}, "", "phần XML của bảng tính bị hỏng",
                         std::string("a part of the workbook is not well-formed XML: ") + doc.ErrorStr());
            return false;
        }
        return true;
    }

private:
    std::string m_file;
    Diagnostics& m_diag;
    zip_t* m_zip = nullptr;
    std::size_t m_expanded = 0;
};

// A rels file: Id → target part name (resolved against `base`, e.g. "xl/").
std::map<std::string, std::string> read_rels(Workbook& wb, const std::string& name, const std::string& base) {
    std::map<std::string, std::string> out;
    const auto bytes = wb.part(name, false);
    if (!bytes) return out;
    XMLDocument doc;
    if (!wb.parse(name, *bytes, doc)) return out;
    for_children(doc.RootElement(), "Relationship", [&](const XMLElement* r) {
        std::string target = attr(r, "Target");
        target = target.rfind('/', 0) == 0 ? target.substr(1) : base + target;
        out[attr(r, "Id")] = target;
    });
    return out;
}

// The text of an <si> or <is>: a <t>, or the <t> of each run <r>; phonetic runs (<rPh>) are not text.
std::string string_item(const XMLElement* si) {
    std::string s;
    for (const XMLElement* c = si->FirstChildElement(); c != nullptr; c = c->NextSiblingElement()) {
        const std::string_view n = local_name(c);
        if (n == "t") {
            if (const char* t = c->GetText()) s += t;
        } else if (n == "r") {
            if (const XMLElement* t = child(c, "t"); t && t->GetText()) s += t->GetText();
        }
    }
    return s;
}

// Days since 1970-01-01 → civil date (proleptic Gregorian).
Date civil_from_days(long long z) {
    z += 719468;
    const long long era = (z >= 0 ? z : z - 146096) / 146097;
    const long long doe = z - era * 146097;
    const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long long mp = (5 * doy + 2) / 153;
    const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    return {static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0)), m, d};
}

// "2" for 2.0, "2.5" for 2.5 (as typed in the cell).
std::string number_text(double v) {
    if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}

}  // namespace

std::optional<Date> detail::excel_serial_date(double serial, bool date1904) {
    if (!std::isfinite(serial) || serial < 1 || serial > 2958465) return std::nullopt;  // 9999-12-31
    const auto days = static_cast<long long>(std::floor(serial));
    if (date1904) return civil_from_days(days - 24107);  // 1904-01-01 is day 0
    if (days == 60) return std::nullopt;                 // Excel's 29/02/1900, which never was
    return civil_from_days(days - (days < 60 ? 25568 : 25569));
}

std::vector<CouncilUnit> parse_council_xlsx(std::string_view bytes, const std::string& file_name,
                                            const std::string& sheet, const LoadOptions& options,
                                            Diagnostics& diagnostics) {
    if (bytes.size() > kMaxFileBytes) {
        diagnostics.error({file_name, 0, 0}, "", "tệp quá lớn, không đọc", "file too large, not read");
        return {};
    }
    if (bytes.substr(0, 8) == std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) {
        diagnostics.error({file_name, 0, 0}, "",
                          "tệp Excel 97–2003 (.xls): hãy mở bằng Excel hoặc LibreOffice và lưu dạng .xlsx",
                          "an Excel 97–2003 file (.xls): open it in Excel or LibreOffice and save it as .xlsx");
        return {};
    }
    Workbook wb(bytes, file_name, diagnostics);
    if (!wb.is_zip()) {
        diagnostics.error({file_name, 0, 0}, "", "tệp không phải bảng tính XLSX (không phải tệp nén zip)",
                          "not an XLSX workbook (not a zip file)");
        return {};
    }
    // workbook.xml: the sheets in order and the date system.
    const auto workbook_xml = wb.part("xl/workbook.xml", true);
    XMLDocument workbook_doc;
    if (!workbook_xml || !wb.parse("xl/workbook.xml", *workbook_xml, workbook_doc)) return {};
    const XMLElement* wroot = workbook_doc.RootElement();
    bool date1904 = false;
    if (const XMLElement* pr = child(wroot, "workbookPr")) {
        const std::string v = attr(pr, "date1904");
        date1904 = v == "1" || v == "true";
    }
    const auto rels = read_rels(wb, "xl/_rels/workbook.xml.rels", "xl/");
    std::vector<std::pair<std::string, std::string>> sheets;  // name, part
    for_children(child(wroot, "sheets"), "sheet", [&](const XMLElement* s) {
        const char* rid = s->Attribute("r:id");
        if (rid == nullptr) {  // another prefix for the relationships namespace
            for (const auto* a = s->FirstAttribute(); a != nullptr; a = a->Next()) {
                const std::string_view n = a->Name();
                if (n.size() > 3 && n.substr(n.size() - 3) == ":id") rid = a->Value();
            }
        }
        const auto it = rid ? rels.find(rid) : rels.end();
        sheets.emplace_back(attr(s, "name"), it == rels.end() ? std::string() : it->second);
    });
    if (sheets.empty()) {
        diagnostics.error(wb.here(), "", "bảng tính không có trang tính nào", "the workbook has no sheet");
        return {};
    }
    const std::pair<std::string, std::string>* chosen = &sheets.front();
    if (!sheet.empty()) {
        chosen = nullptr;
        std::string names;
        for (const auto& s : sheets) {
            if (s.first == sheet) chosen = &s;
            names += (names.empty() ? "'" : ", '") + s.first + "'";
        }
        if (chosen == nullptr) {
            diagnostics.error(wb.here(), "sheet", "bảng tính không có trang '" + sheet + "' (có: " + names + ")",
                              "the workbook has no sheet '" + sheet + "' (it has " + names + ")");
            return {};
        }
    }
    const std::string& sheet_name = chosen->first;
    if (chosen->second.empty()) {
        diagnostics.error(wb.here(), "", "không tìm thấy dữ liệu của trang '" + sheet_name + "'",
                          "cannot find the data of sheet '" + sheet_name + "'");
        return {};
    }
    // Shared strings (optional: a sheet of numbers and inline strings has none).
    std::vector<std::string> shared;
    {
        std::string path = "xl/sharedStrings.xml";
        for (const auto& [id, target] : rels) {
            if (target.size() >= 17 && target.compare(target.size() - 17, 17, "sharedStrings.xml") == 0) path = target;
        }
        if (const auto bytes_ss = wb.part(path, false)) {
            XMLDocument doc;
            if (!wb.parse(path, *bytes_ss, doc)) return {};
            for_children(doc.RootElement(), "si", [&](const XMLElement* si) { shared.push_back(string_item(si)); });
        }
    }
    int row_count = 0;
    const auto sheet_xml = wb.part(chosen->second, true, &row_count);
    if (row_count > kMaxXlsxRows) {
        diagnostics.error({file_name + ": " + sheet_name + "!A" + std::to_string(kMaxXlsxRows + 1), 0, 0}, "",
                          "trang tính có hơn " + std::to_string(kMaxXlsxRows) + " dòng: hoso không đọc (chia danh sách thành nhiều tệp)",
                          "the sheet has more than " + std::to_string(kMaxXlsxRows) + " rows: not read (split the list)");
        return {};
    }
    if (!sheet_xml) return {};
    XMLDocument doc;
    if (!wb.parse(chosen->second, *sheet_xml, doc)) return {};
    const XMLElement* root = doc.RootElement();

    auto cell_where = [&](int col, int row) {
        return SourceLocation{file_name + ": " + sheet_name + "!" + column_letters(col) + std::to_string(row), 0, 0};
    };
    // Merged ranges: a row whose only content is one range across several columns is a title
    // or a group heading ("I. MỨC ĐỘ 2"), not a unit.
    std::map<std::pair<int, int>, int> merged_width;  // top-left (row, col) → columns spanned
    for_children(child(root, "mergeCells"), "mergeCell", [&](const XMLElement* m) {
        const std::string ref = attr(m, "ref");
        const auto colon = ref.find(':');
        int c1 = 0, r1 = 0, c2 = 0, r2 = 0;
        if (colon != std::string::npos && parse_cell_ref(ref.substr(0, colon), c1, r1) &&
            parse_cell_ref(ref.substr(colon + 1), c2, r2) && c2 > c1) {
            merged_width[{r1, c1}] = c2 - c1 + 1;
        }
    });

    detail::Table table;
    table.file = file_name;
    table.headers_in_fields = true;
    bool ok = true;
    int next_row = 1;
    for_children(child(root, "sheetData"), "row", [&](const XMLElement* row) {
        int r = next_row;
        if (const char* rr = row->Attribute("r")) {
            int v = 0;
            const auto res = std::from_chars(rr, rr + std::strlen(rr), v);
            if (res.ec == std::errc() && v >= 1) r = v;
        }
        next_row = r + 1;
        if (r > kMaxXlsxRows) {
            if (ok) {
                diagnostics.error(cell_where(1, r), "",
                                  "trang tính có dòng số " + std::to_string(r) + ", quá " + std::to_string(kMaxXlsxRows) + " dòng",
                                  "the sheet has a row " + std::to_string(r) + ", beyond " + std::to_string(kMaxXlsxRows) + " rows");
            }
            ok = false;
            return;
        }
        detail::TableRow out;
        out.where = cell_where(1, r);
        int next_col = 1;
        for_children(row, "c", [&](const XMLElement* c) {
            int col = next_col, rr = r;
            if (const char* ref = c->Attribute("r"); ref && !parse_cell_ref(ref, col, rr)) col = next_col;
            next_col = col + 1;
            if (col > kMaxXlsxColumns) return;  // checked against the header below
            detail::TableCell cell;
            cell.where = cell_where(col, r);
            cell.column = col;
            const std::string t = attr(c, "t");
            const XMLElement* v = child(c, "v");
            const char* vt = v ? v->GetText() : nullptr;
            if (t == "inlineStr") {
                if (const XMLElement* is = child(c, "is")) cell.text = string_item(is);
            } else if (child(c, "f") != nullptr && v == nullptr) {
                cell.formula_without_value = true;
            } else if (vt == nullptr) {
                return;  // an empty cell (style only)
            } else if (t == "s") {
                std::size_t idx = 0;
                const auto res = std::from_chars(vt, vt + std::strlen(vt), idx);
                if (res.ec != std::errc() || idx >= shared.size()) {
                    diagnostics.error(cell.where, "", "ô trỏ tới chuỗi dùng chung không có", "the cell refers to a missing shared string");
                    ok = false;
                    return;
                }
                cell.text = shared[idx];
            } else if (t == "str" || t == "d") {
                cell.text = vt;
            } else if (t == "b") {
                cell.text = std::string_view(vt) == "1" ? "TRUE" : "FALSE";
            } else if (t == "e") {
                cell.error_value = vt;
            } else {
                double d = 0;
                const auto res = std::from_chars(vt, vt + std::strlen(vt), d);
                if (res.ec != std::errc()) {
                    diagnostics.error(cell.where, "", std::string("ô số không đọc được: '") + vt + "'",
                                      std::string("unreadable number in the cell: '") + vt + "'");
                    ok = false;
                    return;
                }
                cell.number = d;
                cell.text = number_text(d);
            }
            if (cell.text.empty() && !cell.number && !cell.formula_without_value && cell.error_value.empty()) return;
            out.cells.push_back(std::move(cell));
        });
        if (out.cells.size() == 1 && merged_width.count({r, out.cells[0].column})) return;  // title or group heading
        if (!out.cells.empty()) table.rows.push_back(std::move(out));
    });
    if (!ok) return {};
    table.date1904 = date1904;
    table.sheet = sheet_name;
    return detail::units_from_table(table, options, diagnostics);
}

}  // namespace hoso::data
