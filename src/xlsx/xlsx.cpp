// libxlsxwriter (Debian libxlsxwriter-dev 1.1.4) writes a workbook only to a file: it goes to
// a private temporary file, is read back and removed; the caller writes the bytes atomically.
// Its zip entries carry a fixed date and its core properties the `created` given, so the
// bytes depend on the workbook only (tests/integration checks two runs byte for byte).
#include "xlsx/xlsx.h"

#include <xlsxwriter.h>

#include <cstring>

#include <unistd.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>

namespace hoso::xlsx {

namespace {

std::time_t midnight_utc(const Date& d) {
    std::tm tm{};
    tm.tm_year = (d.year > 0 ? d.year : 2000) - 1900;
    tm.tm_mon = (d.month > 0 ? d.month : 1) - 1;
    tm.tm_mday = d.day > 0 ? d.day : 1;
    return timegm(&tm);
}

void check(lxw_error e, const char* what) {
    if (e != LXW_NO_ERROR) throw Error(std::string("xlsx: ") + what + ": " + lxw_strerror(e));
}

}  // namespace

void Sheet::add_row(const std::vector<Cell>& cells) {
    for (const Cell& c : cells) {
        if (c.number) {
            m_packed += 'n';
            char raw[sizeof(double)];
            std::memcpy(raw, &*c.number, sizeof raw);
            m_packed.append(raw, sizeof raw);
        } else {
            m_packed += 's';
            std::size_t n = c.text.size();  // LEB128 length
            do {
                m_packed += static_cast<char>((n & 0x7F) | (n > 0x7F ? 0x80 : 0));
                n >>= 7;
            } while (n > 0);
            m_packed += c.text;
        }
    }
    m_row_ends.push_back(m_packed.size());
}

std::vector<Cell> Sheet::row(std::size_t r) const {
    std::size_t p = r == 0 ? 0 : m_row_ends.at(r - 1);
    const std::size_t end = m_row_ends.at(r);
    std::vector<Cell> out;
    while (p < end) {
        if (m_packed[p++] == 'n') {
            double v = 0;
            std::memcpy(&v, m_packed.data() + p, sizeof v);
            p += sizeof v;
            out.push_back(Cell::of(v));
        } else {
            std::size_t n = 0;
            for (int shift = 0;; shift += 7) {
                const auto b = static_cast<unsigned char>(m_packed[p++]);
                n |= static_cast<std::size_t>(b & 0x7F) << shift;
                if (!(b & 0x80)) break;
            }
            out.push_back(Cell::of(m_packed.substr(p, n)));
            p += n;
        }
    }
    return out;
}

std::string write_xlsx(const Workbook& book) {
    const std::filesystem::path dir = std::filesystem::temp_directory_path();
    std::string path = (dir / "hoso-xlsx-XXXXXX").string();
    const int fd = ::mkstemp(path.data());
    if (fd < 0) throw IoError(dir, "không tạo được tệp tạm (cannot create a temporary file)");
    ::close(fd);
    struct Remove {
        std::string p;
        ~Remove() { std::remove(p.c_str()); }
    } remove_later{path};

    std::string tmpdir = dir.string();
    lxw_workbook_options options{};
    // Each row is written out when the next begins (text inline, no shared-strings table): a
    // 10 000-unit batch's workbook no longer doubles in libxlsxwriter's memory (115 → 67 MB
    // peak for bench/run's 10 000-document batch before the rows were packed, see xlsx.h).
    options.constant_memory = LXW_TRUE;
    options.tmpdir = tmpdir.data();
    lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
    if (wb == nullptr) throw IoError(path, "libxlsxwriter không mở được tệp (cannot open the file)");

    std::string title = book.title, subject = book.subject, author = book.author;
    lxw_doc_properties props{};
    props.title = title.data();
    props.subject = subject.data();
    props.author = author.data();
    props.created = midnight_utc(book.created);
    workbook_set_properties(wb, &props);

    lxw_format* head = workbook_add_format(wb);
    format_set_bold(head);
    format_set_text_wrap(head);
    format_set_align(head, LXW_ALIGN_CENTER);
    format_set_align(head, LXW_ALIGN_VERTICAL_CENTER);
    format_set_border(head, LXW_BORDER_THIN);
    format_set_bg_color(head, 0xDDEBF7);
    lxw_format* body = workbook_add_format(wb);
    format_set_text_wrap(body);
    format_set_align(body, LXW_ALIGN_VERTICAL_TOP);
    format_set_border(body, LXW_BORDER_THIN);

    for (const auto& sheet : book.sheets) {
        lxw_worksheet* ws = workbook_add_worksheet(wb, sheet.name.c_str());
        if (ws == nullptr) {
            workbook_close(wb);
            throw Error("xlsx: bad sheet name '" + sheet.name + "'");
        }
        const auto columns = static_cast<lxw_col_t>(sheet.header.size());
        for (lxw_col_t c = 0; c < columns; ++c) {
            const double w = c < sheet.widths.size() ? sheet.widths[c] : 12.0;
            check(worksheet_set_column(ws, c, c, w, nullptr), "set_column");
            check(worksheet_write_string(ws, 0, c, sheet.header[c].c_str(), head), "write header");
        }
        for (std::size_t r = 0; r < sheet.row_count(); ++r) {
            const auto row = static_cast<lxw_row_t>(r + 1);
            const std::vector<Cell> cells = sheet.row(r);
            for (lxw_col_t c = 0; c < columns && c < cells.size(); ++c) {
                const Cell& cell = cells[c];
                if (cell.number) {
                    check(worksheet_write_number(ws, row, c, *cell.number, body), "write number");
                } else if (!cell.text.empty()) {
                    check(worksheet_write_string(ws, row, c, cell.text.c_str(), body), "write string");
                } else {
                    check(worksheet_write_blank(ws, row, c, body), "write blank");
                }
            }
        }
        worksheet_freeze_panes(ws, 1, static_cast<lxw_col_t>(sheet.frozen_columns));
        if (columns > 0) {
            check(worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(sheet.row_count()), columns - 1), "autofilter");
        }
    }
    check(workbook_close(wb), "close");
    return read_file(path, 256u << 20);
}

}  // namespace hoso::xlsx
