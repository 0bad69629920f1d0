// Internal to the data module: a council's units as a table of cells, read from a CSV file
// (council.cpp) or from a sheet of an XLSX workbook (xlsx.cpp), and turned into units by one
// function, so both accept the same columns (examples/council/README.md) with the same checks.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "data/data.h"

namespace hoso::data::detail {

struct TableCell {
    std::string text;                     // as written (numbers as typed: "2", "2.5")
    SourceLocation where;                 // CSV file:line:column; XLSX "file: Sheet!C14"
    int column = 0;                       // 1-based
    std::optional<double> number;         // XLSX: a number cell (dates are serial numbers)
    bool formula_without_value = false;   // XLSX: a formula never calculated and saved
    std::string error_value;              // XLSX: "#N/A", "#REF!" …
};

struct TableRow {
    SourceLocation where;                 // CSV file:line; XLSX the row's cell in column A
    std::vector<TableCell> cells;         // CSV: one per field in order; XLSX: the non-empty cells
};

struct Table {
    std::string file;
    std::string sheet;                    // XLSX: the sheet's name (cells are named "Sheet!C14")
    bool headers_in_fields = false;       // XLSX: diagnostics name the column by its header
    bool date1904 = false;                // XLSX: the workbook's date system
    std::vector<TableRow> rows;           // CSV: the header first; XLSX: every row with content
};

// The units of a table. CSV: the first row is the header. XLSX: the header is the first row
// that names at least two known columns (rows above it, such as a merged title, are skipped),
// and a row of column numbers right under it ("(1) (2) (3)") is skipped too.
std::vector<CouncilUnit> units_from_table(const Table& table, const LoadOptions& options, Diagnostics& diagnostics);

// An Excel date serial (1900 or 1904 system) as a date; nullopt outside 1900-01-01–9999-12-31
// and for Excel's 29/02/1900, which never was.
std::optional<Date> excel_serial_date(double serial, bool date1904);

}  // namespace hoso::data::detail
