#include "csv_reader.hpp"

#include "dashboard/core/text_encoding.hpp"

#include <csv.h>
#include <memory>

namespace actionboard::spreadsheet {

namespace {

// UTF-8 sequences of two or more bytes that are well formed: a file holding any is UTF-8 text
// with a fault, not Windows-1252.
bool has_utf8_characters(std::string_view bytes) {
    for (std::size_t i = 0; i + 1 < bytes.size(); ++i) {
        auto lead = static_cast<unsigned char>(bytes[i]);
        int length = lead >= 0xF0 && lead <= 0xF4 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0;
        if (length == 0 || lead > 0xF4 || i + std::size_t(length) > bytes.size())
            continue;
        bool ok = true;
        for (int k = 1; k < length; ++k)
            ok = ok && (static_cast<unsigned char>(bytes[i + std::size_t(k)]) & 0xC0) == 0x80;
        if (ok)
            return true;
    }
    return false;
}

struct Parse {
    Sheet sheet;
    const CsvLimits* limits = nullptr;
    int line = 1;   // the line being fed
    int row = 0;    // the record being built
    int column = 0; // the field being built
    int row_start_line = 1;
    bool row_has_fields = false;
    int pending_start = 1; // where the next field starts, for a quote left open at the end
    std::optional<Problem> problem;

    void fail(Problem found) {
        if (!problem)
            problem = std::move(found);
    }
};

int count_breaks(std::string_view text) {
    int breaks = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n')))
            ++breaks;
    }
    return breaks;
}

void on_field(void* data, std::size_t length, void* context_pointer) {
    auto& parse = *static_cast<Parse*>(context_pointer);
    std::string_view text(static_cast<const char*>(data), data ? length : 0);
    int start_line = parse.line - count_breaks(text);
    if (!parse.row_has_fields) {
        parse.row_has_fields = true;
        parse.row_start_line = start_line;
    }
    int column = parse.column++;
    parse.pending_start = parse.line;
    if (parse.problem || text.empty())
        return;
    if (column >= parse.limits->max_columns)
        return parse.fail(csv_problem(start_line, column,
                                      "more than " + std::to_string(parse.limits->max_columns) +
                                          " columns: this is not an action plan"));
    if (text.size() > parse.limits->max_cell_bytes)
        return parse.fail(csv_problem(start_line, column,
                                      "the cell holds more than " +
                                          std::to_string(parse.limits->max_cell_bytes) + " bytes"));
    if (int(parse.sheet.rows.size()) >= parse.limits->max_rows &&
        !parse.sheet.rows.count(parse.row))
        return parse.fail(
            csv_problem(start_line, column,
                        "the file has more than " + std::to_string(parse.limits->max_rows) +
                            " rows with values: this is not an action plan (the limit "
                            "is " +
                            std::to_string(parse.limits->max_rows) + " rows)"));
    Cell cell;
    cell.text = normalise_breaks(text);
    cell.line = start_line;
    parse.sheet.rows[parse.row][column] = std::move(cell);
}

void on_record(int, void* context_pointer) {
    auto& parse = *static_cast<Parse*>(context_pointer);
    if (parse.row_has_fields)
        parse.sheet.row_lines[parse.row] = parse.row_start_line;
    ++parse.row;
    parse.column = 0;
    parse.row_has_fields = false;
    parse.pending_start = parse.line + 1;
}

int is_space(unsigned char c) {
    return c == ' ' ? 1 : 0;
}

} // namespace

CsvText decode_csv(std::string_view bytes) {
    CsvText result;
    TextEncoding encoding = check_text_encoding(bytes);
    if (!encoding.problem) {
        result.text = std::string(bytes.substr(encoding.bom_bytes));
        return result;
    }
    const Problem& problem = *encoding.problem;
    bool whole_file = problem.line == 0; // UTF-16 or UTF-32
    if (whole_file) {
        result.problem = Problem{"", 0, 0,
                                 problem.message.substr(0, problem.message.find(": save")) +
                                     ": save it as \"CSV UTF-8 (Comma delimited)\" or plain "
                                     "\"CSV (Comma delimited)\""};
        return result;
    }
    // A byte that is not text is at a character of its line, not in a column.
    Problem at_character = problem;
    at_character.counts = Problem::Counts::character;
    if (bytes.find('\0') != std::string_view::npos) {
        at_character.message = "byte 0x00 (NUL) is not text: this is not a CSV file (a "
                               "workbook or another binary file named .csv?)";
        result.problem = at_character;
        return result;
    }
    if (has_utf8_characters(bytes)) {
        result.problem = at_character; // UTF-8 with a fault: name the byte
        return result;
    }
    std::size_t bad = 0;
    auto decoded = decode_windows_1252(bytes, &bad);
    if (!decoded) {
        result.problem = at_character;
        return result;
    }
    result.text = std::move(*decoded);
    result.note = "the file is Windows-1252 (what Excel's \"CSV (Comma delimited)\" writes on "
                  "Windows), not UTF-8: read as Windows-1252";
    return result;
}

std::optional<char> csv_separator_line(std::string_view text) {
    if (text.size() >= 5 && (text.substr(0, 4) == "sep=" || text.substr(0, 4) == "SEP=")) {
        char c = text[4];
        if ((c == ',' || c == ';' || c == '\t') &&
            (text.size() == 5 || text[5] == '\n' || text[5] == '\r'))
            return c;
    }
    return std::nullopt;
}

CsvRead parse_csv(std::string_view text, char delimiter, const std::string& name,
                  const CsvLimits& limits) {
    CsvRead result;
    Parse parse;
    parse.sheet.name = name;
    parse.sheet.csv = true;
    parse.limits = &limits;

    if (csv_separator_line(text)) { // "sep=;" is not a row
        std::size_t end = text.find_first_of("\r\n");
        end = end == std::string_view::npos ? text.size() : end;
        if (end < text.size() && text[end] == '\r')
            ++end;
        if (end < text.size() && text[end] == '\n')
            ++end;
        text.remove_prefix(end);
        parse.line = 2;
        parse.pending_start = 2;
    }

    csv_parser parser;
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0) {
        result.problem = Problem{"", 0, 0, "out of memory reading the CSV file"};
        return result;
    }
    std::unique_ptr<csv_parser, void (*)(csv_parser*)> guard(&parser, csv_free);
    csv_set_delim(&parser, static_cast<unsigned char>(delimiter));
    csv_set_space_func(&parser, is_space);

    // Fed a line at a time, so each field's line is known when it completes.
    std::size_t at = 0;
    while (at < text.size() && !parse.problem) {
        std::size_t end = text.find_first_of("\r\n", at);
        if (end == std::string_view::npos)
            end = text.size();
        else if (text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n')
            end += 2;
        else
            end += 1;
        std::string_view chunk = text.substr(at, end - at);
        if (csv_parse(&parser, chunk.data(), chunk.size(), on_field, on_record, &parse) !=
            chunk.size()) {
            parse.fail(csv_problem(parse.line, parse.column,
                                   csv_error(&parser) == CSV_EPARSE
                                       ? "a quote in the middle of a cell, or text after a "
                                         "closing quote: a cell holding quotes must be quoted "
                                         "whole, with each quote doubled (\"\")"
                                       : "the CSV file is too large to read"));
            break;
        }
        at = end;
        if (chunk.find_first_of("\r\n") != std::string_view::npos)
            ++parse.line;
    }
    if (!parse.problem && csv_fini(&parser, on_field, on_record, &parse) != 0 &&
        csv_error(&parser) == CSV_EPARSE)
        parse.fail(csv_problem(parse.pending_start, parse.column,
                               "a quoted cell starts here and is never closed: the file ends "
                               "inside it"));
    if (parse.problem) {
        result.problem = std::move(parse.problem);
        return result;
    }
    result.sheet = std::move(parse.sheet);
    return result;
}

} // namespace actionboard::spreadsheet
