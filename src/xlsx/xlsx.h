// xlsx: writes a workbook of plain tables (Vietnamese headers, frozen header row, filters,
// column widths) with libxlsxwriter, for the results workbook ket-qua.xlsx of `hoso batch` and
// `hoso decision`. Deterministic: the same workbook gives the same bytes — the document's
// creation time is the date given here (from the data), never the clock.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/core.h"

namespace hoso::xlsx {

struct Cell {
    std::string text;              // written as text unless `number` is set
    std::optional<double> number;
    static Cell of(std::string s) { return {std::move(s), std::nullopt}; }
    static Cell of(double v) { return {{}, v}; }
};

struct Sheet {
    std::string name;                      // at most 31 characters, none of []:*?/\ (Excel's rules)
    std::vector<std::string> header;       // one row, bold, wrapped, frozen, with filters
    std::vector<double> widths;            // per column, in Excel's character units (missing: 12)
    int frozen_columns = 0;                // columns kept in view when scrolling right

    // Rows below the header. They are kept packed (a tag byte, then the number or the text):
    // a batch holds its whole results sheet until its last unit, and 10 000 units as vectors
    // of Cells took 45 MB (4.4 KB a unit, bench/run's peak-RSS batch), packed about 0.5 KB.
    void add_row(const std::vector<Cell>& cells);
    std::size_t row_count() const { return m_row_ends.size(); }
    std::vector<Cell> row(std::size_t r) const;  // 0-based

private:
    std::string m_packed;
    std::vector<std::size_t> m_row_ends;  // end of each row in m_packed
};

struct Workbook {
    std::vector<Sheet> sheets;
    std::string title, subject, author;
    Date created;                          // docProps/core.xml created and modified (00:00 UTC)
};

// The .xlsx bytes. Throws hoso::Error when libxlsxwriter fails (a bug: names and sizes are the
// caller's) and IoError when its temporary file cannot be written.
std::string write_xlsx(const Workbook& workbook);

}  // namespace hoso::xlsx
