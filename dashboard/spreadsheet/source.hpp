#pragma once
// A plan file of any kind the program reads, chosen by what its bytes are and then by its name
// (plan_format_for, dashboard/core/plan_format.hpp): a zip archive is a workbook and JSON text
// a JSON plan, whatever the file is called; a file that is no plan (an .ods, an .xls, a PDF) is
// refused, named; other bytes by the extension: .xlsx (and .xlsm) is a workbook, .csv (and .txt,
// .tsv) a CSV file, anything else a JSON plan. This is the reader the program hands to LivePlan
// (LivePlanOptions::parse) and uses for --check, so a workbook is validated all or nothing,
// watched and reloaded exactly as a JSON plan is.

#include "csv_reader.hpp"
#include "dashboard/core/live_plan.hpp"
#include "dashboard/core/loader.hpp"
#include "xlsx_reader.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace actionboard::spreadsheet {

enum class SourceKind { json, xlsx, csv };
// By the name alone (plan_format_for_name).
SourceKind source_kind(std::string_view path);
// By the bytes, then the name (plan_format_for): what parse_plan_source reads them as.
SourceKind source_kind(std::string_view path, std::string_view bytes);
std::string_view to_string(SourceKind kind);

struct SourceLimits {
    XlsxLimits xlsx;
    CsvLimits csv;
};

// `as_of`: the reporting date for a workbook or CSV file that states none (--as-of DATE);
// without it such a file's reporting date is the day it was modified. A JSON plan always states
// its own.
LoadResult parse_plan_source(std::string_view bytes, const std::string& path,
                             std::chrono::system_clock::time_point modified,
                             const LoadLimits& limits = {}, const SourceLimits& source_limits = {},
                             std::optional<Date> as_of = std::nullopt);

// parse_plan_source as LivePlan takes it (LivePlanOptions::parse).
PlanParser plan_source_parser(std::optional<Date> as_of = std::nullopt);

// Reads the file (bounded, as read_plan_file does) and parses it by its kind.
LoadResult load_plan_source(const std::string& path, const LoadLimits& limits = {},
                            std::optional<Date> as_of = std::nullopt);

// The file's modification time; now when it cannot be read.
std::chrono::system_clock::time_point file_modified(const std::string& path);

// The local calendar day of a time point (a file's modification day).
Date local_day(std::chrono::system_clock::time_point time);

} // namespace actionboard::spreadsheet
