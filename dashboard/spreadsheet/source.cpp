#include "source.hpp"

#include "dashboard/core/plan_format.hpp"
#include "table.hpp"

#include <ctime>
#include <set>
#include <sys/stat.h>

namespace actionboard::spreadsheet {

namespace {

std::string base_name(std::string_view path) {
    auto slash = path.rfind('/');
    return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

// With no "sep=" line, the delimiter is the one under which a header row is found first.
std::optional<Sheet> pick_delimiter(const std::string& text, const std::string& name,
                                    const CsvLimits& limits, std::optional<Problem>& problem,
                                    char& chosen) {
    std::optional<Sheet> best;
    int best_row = -1;
    std::optional<Problem> first_problem;
    for (char delimiter : {',', ';', '\t'}) {
        CsvRead read = parse_csv(text, delimiter, name, limits);
        if (!read.sheet) {
            if (!first_problem)
                first_problem = read.problem;
            continue;
        }
        int header = -1;
        for (const auto& [row, cells] : read.sheet->rows) {
            std::set<Field> fields;
            for (const auto& [column, cell] : cells) {
                if (auto field = header_field(cell.text))
                    fields.insert(*field);
            }
            if (fields.size() >= 3) {
                header = row;
                break;
            }
        }
        if (header >= 0 && (best_row < 0 || header < best_row)) {
            best = std::move(read.sheet);
            best_row = header;
            chosen = delimiter;
        } else if (!best && delimiter == ',') {
            best = std::move(read.sheet); // no header either way: the table reader says so
            chosen = delimiter;
        }
    }
    if (!best)
        problem = first_problem;
    return best;
}

SourceKind source_kind_of(PlanFormat format) {
    switch (format) {
    case PlanFormat::xlsx:
        return SourceKind::xlsx;
    case PlanFormat::csv:
        return SourceKind::csv;
    case PlanFormat::json:
        break;
    }
    return SourceKind::json;
}

} // namespace

SourceKind source_kind(std::string_view path) {
    return source_kind_of(plan_format_for_name(path));
}

SourceKind source_kind(std::string_view path, std::string_view bytes) {
    return source_kind_of(plan_format_for(path, bytes));
}

std::string_view to_string(SourceKind kind) {
    switch (kind) {
    case SourceKind::json:
        return "json";
    case SourceKind::xlsx:
        return "xlsx";
    case SourceKind::csv:
        return "csv";
    }
    return "json";
}

Date local_day(std::chrono::system_clock::time_point time) {
    std::time_t seconds = std::chrono::system_clock::to_time_t(time);
    std::tm local{};
    localtime_r(&seconds, &local);
    return make_date(local.tm_year + 1900, unsigned(local.tm_mon + 1), unsigned(local.tm_mday));
}

LoadResult parse_plan_source(std::string_view bytes, const std::string& path,
                             std::chrono::system_clock::time_point modified,
                             const LoadLimits& limits, const SourceLimits& source_limits,
                             std::optional<Date> as_of) {
    LoadResult result;
    if (auto foreign = foreign_file_problem(bytes)) { // an .ods, an .xls, a PDF: named
        result.problems.push_back(Problem{"", 0, 0, *foreign});
        return result;
    }
    SourceKind kind = source_kind(path, bytes);
    if (kind == SourceKind::json)
        return parse_plan(bytes, limits);
    std::string name = base_name(path);
    if (name.rfind("~$", 0) == 0) {
        result.problems.push_back(Problem{
            "", 0, 0,
            "this is Excel's lock file, which Excel writes beside a workbook while it is open, "
            "not the workbook: use --data " +
                name.substr(2) + " (the lock file is ignored)"});
        return result;
    }
    SourceFacts facts{name, local_day(modified), as_of};
    if (bytes.size() > limits.max_bytes) {
        result.problems.push_back(Problem{"", 0, 0,
                                          "the file is " + std::to_string(bytes.size()) +
                                              " bytes, over the limit of " +
                                              std::to_string(limits.max_bytes) + " bytes"});
        return result;
    }
    Workbook workbook;
    if (kind == SourceKind::xlsx) {
        XlsxRead read = read_xlsx(
            bytes,
            [](std::string_view sheet, int index) {
                std::string lowered(sheet);
                for (char& c : lowered)
                    c = char(std::tolower(static_cast<unsigned char>(c)));
                return index == 0 || lowered == "actions" || lowered == "plan" ||
                       lowered == "chapters";
            },
            source_limits.xlsx);
        if (!read.workbook) {
            result.problems.push_back(*read.problem);
            return result;
        }
        workbook = std::move(*read.workbook);
    } else {
        if (bytes.empty() || bytes.find_first_not_of(" \t\r\n") == std::string_view::npos) {
            result.problems.push_back(Problem{"", 0, 0, "the file is empty"});
            return result;
        }
        CsvText text = decode_csv(bytes);
        if (text.problem) {
            result.problems.push_back(*text.problem);
            return result;
        }
        if (text.note)
            workbook.notes.push_back(*text.note);
        std::optional<Problem> problem;
        char delimiter = ',';
        std::optional<Sheet> sheet;
        if (auto named = csv_separator_line(text.text)) {
            delimiter = *named;
            CsvRead read = parse_csv(text.text, delimiter, name, source_limits.csv);
            sheet = std::move(read.sheet);
            problem = read.problem;
        } else {
            sheet = pick_delimiter(text.text, name, source_limits.csv, problem, delimiter);
        }
        if (!sheet) {
            result.problems.push_back(*problem);
            return result;
        }
        if (delimiter != ',')
            workbook.notes.push_back(std::string("cells separated by ") +
                                     (delimiter == ';' ? "semicolons (;)" : "tabs"));
        workbook.all_sheets.push_back(name);
        workbook.sheets.push_back(std::move(*sheet));
    }
    return plan_from_workbook(workbook, facts, limits);
}

PlanParser plan_source_parser(std::optional<Date> as_of) {
    return [as_of](std::string_view bytes, const std::string& path,
                   std::chrono::system_clock::time_point modified, const LoadLimits& limits) {
        return parse_plan_source(bytes, path, modified, limits, {}, as_of);
    };
}

LoadResult load_plan_source(const std::string& path, const LoadLimits& limits,
                            std::optional<Date> as_of) {
    FileRead read = read_plan_file(path, limits.max_bytes);
    if (!read.bytes) {
        LoadResult result;
        result.problems.push_back(*read.problem);
        return result;
    }
    return parse_plan_source(*read.bytes, path, file_modified(path), limits, {}, as_of);
}

std::chrono::system_clock::time_point file_modified(const std::string& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0)
        return std::chrono::system_clock::now();
    return std::chrono::system_clock::time_point(
        std::chrono::duration_cast<std::chrono::system_clock::duration>(
            std::chrono::seconds(info.st_mtim.tv_sec) +
            std::chrono::nanoseconds(info.st_mtim.tv_nsec)));
}

} // namespace actionboard::spreadsheet
