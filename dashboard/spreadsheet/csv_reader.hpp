#pragma once
// Reads a CSV file's cells: the encoding (UTF-8 with or without a byte order mark, or
// Windows-1252, which Excel's plain "CSV (Comma delimited)" writes on Windows), then RFC 4180
// records through libcsv (quoted cells may hold delimiters, quotes and line breaks), each cell
// with the line it starts on so that problems can name line and column.

#include "sheet.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace actionboard::spreadsheet {

struct CsvLimits {
    int max_rows = 50000;
    int max_columns = 1024;
    std::size_t max_cell_bytes = 256u << 10;
};

struct CsvText {
    std::string text; // UTF-8, without a byte order mark
    std::optional<Problem> problem;
    std::optional<std::string> note; // "the file is Windows-1252 ..." when it was
};

// UTF-8 (a byte order mark is dropped) stays as it is; bytes that are not UTF-8 are read as
// Windows-1252 when the file has no UTF-8 characters at all (a file mixing both is refused, naming
// the first byte that is not UTF-8); UTF-16 and UTF-32 (Excel's "Unicode Text") are refused.
CsvText decode_csv(std::string_view bytes);

struct CsvRead {
    std::optional<Sheet> sheet;
    std::optional<Problem> problem;
};

// Splits `text` into records with `delimiter` (',', ';' or a tab). Line breaks inside cells are
// kept as "\n". A quote inside an unquoted cell, text after a closing quote, or a quoted cell
// never closed is refused with its line.
CsvRead parse_csv(std::string_view text, char delimiter, const std::string& name,
                  const CsvLimits& limits = {});

// "sep=;" on the first line (which Excel writes and reads): the delimiter it names.
std::optional<char> csv_separator_line(std::string_view text);

} // namespace actionboard::spreadsheet
