#pragma once
// Reads the cells of an .xlsx workbook (Office Open XML, as Excel and LibreOffice save it):
// libzip opens the archive from memory, expat streams each XML part. Only what a plan needs is
// read: the sheet list and date system (workbook.xml), shared strings, the cell styles' number
// formats (to tell a date from a number), and the cells and merged ranges of the sheets asked for.
//
// Hostile files are refused, never followed: every part is inflated with a byte limit (the sizes
// a zip states are not trusted), a DOCTYPE or entity declaration ends the parse (no entity is
// ever expanded), and rows, columns and cell sizes are bounded.

#include "sheet.hpp"

#include <cstddef>
#include <functional>
#include <optional>
#include <string_view>

namespace actionboard::spreadsheet {

struct XlsxLimits {
    std::size_t max_part_bytes = 64u << 20;   // one XML part, inflated
    std::size_t max_total_bytes = 192u << 20; // every part read, inflated
    int max_rows = 50000;                     // rows holding a value, per sheet
    int max_columns = 1024;                   // a value past this column is refused
    std::size_t max_cell_bytes = 256u << 10; // one cell's text (Excel's limit is 32,767 characters)
    int max_sheets = 1024;
};

struct XlsxRead {
    std::optional<Workbook> workbook;
    std::optional<Problem> problem; // set when the workbook could not be read
};

// Reads the sheets for which `wanted(name, index)` is true (index 0 is the first sheet).
XlsxRead read_xlsx(std::string_view bytes,
                   const std::function<bool(std::string_view name, int index)>& wanted,
                   const XlsxLimits& limits = {});

// Whether a number format (a built-in id, or a custom format code) shows a date.
bool is_date_format(int id, std::string_view code);

} // namespace actionboard::spreadsheet
