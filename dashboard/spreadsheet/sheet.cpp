#include "sheet.hpp"

#include <charconv>
#include <cmath>

namespace actionboard::spreadsheet {

const Cell* Sheet::at(int row, int column) const {
    auto r = rows.find(row);
    if (r == rows.end())
        return nullptr;
    auto c = r->second.find(column);
    return c == r->second.end() ? nullptr : &c->second;
}

const Merge* Sheet::merge_at(int row, int column) const {
    for (const auto& merge : merges) {
        if (merge.first_row == row && merge.first_column == column)
            return &merge;
    }
    return nullptr;
}

std::string column_letters(int column) {
    std::string letters;
    for (int n = column + 1; n > 0; n = (n - 1) / 26)
        letters.insert(letters.begin(), char('A' + (n - 1) % 26));
    return letters;
}

std::string cell_name(const Sheet& sheet, int row, int column) {
    bool plain = !sheet.name.empty();
    for (char c : sheet.name)
        plain = plain && (std::isalnum(static_cast<unsigned char>(c)) || c == '_' ||
                          static_cast<unsigned char>(c) >= 0x80);
    std::string name = plain ? sheet.name : "'" + sheet.name + "'";
    return name + "!" + column_letters(column) + std::to_string(row + 1);
}

std::string csv_place(int line, int column, std::string_view header) {
    std::string place = line > 0 ? "line " + std::to_string(line) + ", " : std::string();
    place += "column " + column_letters(column);
    if (!header.empty())
        place.append(" (").append(header).append(")");
    return place;
}

Problem csv_problem(int line, int column, std::string message, std::string_view header) {
    Problem problem{"", line, column + 1, std::move(message), csv_place(line, column, header)};
    problem.counts = Problem::Counts::field;
    return problem;
}

namespace {

// The line a CSV cell starts on: its own (a quoted cell may span lines), else its record's.
int csv_line(const Sheet& sheet, int row, int column) {
    if (const Cell* cell = sheet.at(row, column); cell && cell->line > 0)
        return cell->line;
    if (auto it = sheet.row_lines.find(row); it != sheet.row_lines.end())
        return it->second;
    return 0;
}

} // namespace

std::string cell_place(const Sheet& sheet, int row, int column, std::string_view header) {
    if (sheet.csv)
        return csv_place(csv_line(sheet, row, column), column, header);
    return cell_name(sheet, row, column);
}

Problem cell_problem(const Sheet& sheet, int row, int column, std::string message,
                     std::string_view header) {
    if (sheet.csv)
        return csv_problem(csv_line(sheet, row, column), column, std::move(message), header);
    return Problem{"", 0, 0, std::move(message), cell_name(sheet, row, column)};
}

Problem sheet_problem(const Sheet& sheet, std::string message) {
    if (sheet.csv)
        return Problem{"", 0, 0, std::move(message)};
    return Problem{"", 0, 0, std::move(message), sheet.name};
}

std::optional<Date> excel_serial_date(double serial, bool date1904) {
    if (!std::isfinite(serial) || serial < 0 || serial >= 2958466)
        return std::nullopt;
    auto days = static_cast<long>(std::floor(serial));
    using namespace std::chrono;
    sys_days day;
    if (date1904) {
        day = sys_days(year(1904) / January / 1) + std::chrono::days(days);
    } else {
        if (days < 1)
            return std::nullopt; // Excel's 0 January 1900
        // 1 is 1 January 1900; Excel's 60 is 29 February 1900, which never was.
        day = days < 61 ? sys_days(year(1899) / December / 31) + std::chrono::days(days)
                        : sys_days(year(1899) / December / 30) + std::chrono::days(days);
    }
    Date date{day};
    if (int(date.year()) > 9999)
        return std::nullopt;
    return date;
}

double excel_serial(Date date) {
    using namespace std::chrono;
    auto days = (sys_days(date) - sys_days(year(1899) / December / 30)).count();
    return double(days < 61 ? days - 1 : days);
}

std::string number_text(double value) {
    if (std::isfinite(value) && std::trunc(value) == value && std::fabs(value) < 1e15) {
        return std::to_string(static_cast<long long>(value));
    }
    char buffer[64];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    if (ec != std::errc{})
        return "0";
    return std::string(buffer, end);
}

std::string normalise_breaks(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r') {
            out += '\n';
            if (i + 1 < text.size() && text[i + 1] == '\n')
                ++i;
        } else {
            out += text[i];
        }
    }
    return out;
}

} // namespace actionboard::spreadsheet
