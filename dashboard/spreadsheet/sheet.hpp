#pragma once
// A spreadsheet as the readers hand it over: sheets of cells, each cell's value as the program
// showed it (a date as a date, a number as its decimal), and where each cell is, so that every
// problem can name its cell ("Actions!D14") or its CSV line and column ("line 4, column F
// (Status)"). Nothing here knows what
// a plan is: table.hpp reads a plan from these cells.

#include "dashboard/core/date.hpp"
#include "dashboard/core/loader.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace actionboard::spreadsheet {

struct Cell {
    enum class Kind { text, number, date, boolean, error };
    Kind kind = Kind::text;
    // The value as text: a string as written (line breaks as "\n"), a number's shortest decimal
    // ("12", "1.1"), a date's ISO form ("2010-03-31"), "TRUE"/"FALSE", or an error ("#REF!").
    std::string text;
    double number = 0;        // Kind::number
    std::optional<Date> date; // Kind::date
    int line = 0;             // CSV: the line the cell starts on (a quoted cell may span lines)
};

// A merged range, 0-based and inclusive.
struct Merge {
    int first_row = 0;
    int last_row = 0;
    int first_column = 0;
    int last_column = 0;
};

struct Sheet {
    std::string name;
    bool csv = false; // a CSV file: cells are named by line and column, not A1
    // Non-empty cells only, by 0-based row and column.
    std::map<int, std::map<int, Cell>> rows;
    std::vector<Merge> merges;
    std::map<int, int> row_lines; // CSV: the line each record starts on

    const Cell* at(int row, int column) const;
    // The merge whose top-left cell this is, if any.
    const Merge* merge_at(int row, int column) const;
};

struct Workbook {
    std::vector<Sheet> sheets;           // the sheets read, in workbook order
    std::vector<std::string> all_sheets; // every sheet's name, in workbook order
    bool date1904 = false;
    std::vector<std::string> notes; // how the file was read (encoding, delimiter), for --check
};

// "A", "Z", "AA": the column's letters (0-based column).
std::string column_letters(int column);
// "Actions!D14" (a sheet name with spaces or punctuation is quoted: 'My plan'!D14).
std::string cell_name(const Sheet& sheet, int row, int column);
// A CSV cell's place: "line 4, column F (Status)", the line its record (or the cell, when a
// quoted cell spans lines) starts on, the column's letter as a spreadsheet shows it, and the
// header over it when one is given. "Column" in a CSV message always means this column, never
// a character: a byte that is not text is at "line 5, character 5".
std::string csv_place(int line, int column, std::string_view header = {});
// A problem at a CSV cell (0-based column), placed as csv_place says.
Problem csv_problem(int line, int column, std::string message, std::string_view header = {});
// The place of a cell: its name for a workbook, csv_place for a CSV file (with `header`, the
// header over the cell, when it is known).
std::string cell_place(const Sheet& sheet, int row, int column, std::string_view header = {});
// A problem at a cell, placed as cell_place says.
Problem cell_problem(const Sheet& sheet, int row, int column, std::string message,
                     std::string_view header = {});
// A problem about a whole sheet ("Actions: ...") or, for CSV, the whole file.
Problem sheet_problem(const Sheet& sheet, std::string message);

// Excel's day number (1900 or 1904 date system) as a date; nullopt outside 1900-01-01 to
// 9999-12-31. Excel counts 29 February 1900, which never was: serials from 61 on are shifted.
std::optional<Date> excel_serial_date(double serial, bool date1904);
// The day number Excel stores for a date in the 1900 date system.
double excel_serial(Date date);

// The shortest decimal that reads back as `value`: "12", "1.1", "0.000125".
std::string number_text(double value);

// A cell's text with its line breaks as "\n", whatever the writer used ("\r\n", "\r"): both
// readers hand the table one kind of break.
std::string normalise_breaks(std::string_view text);

} // namespace actionboard::spreadsheet
