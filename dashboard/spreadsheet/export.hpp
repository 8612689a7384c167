#pragma once
// `actionboard --export FILE [--data SOURCE]`: the plan written as .xlsx, .csv or .json, in the
// layout the readers read (docs/spreadsheets.md), so an office can start from a template and a
// workbook written here loads back as the same plan. The file is written beside its final name
// and renamed into place; the source file is never written.

#include "dashboard/core/plan.hpp"

#include <iosfwd>
#include <optional>
#include <string>

namespace actionboard::spreadsheet {

// The Actions sheet's rows as CSV text: UTF-8 with a byte order mark (so Excel reads it as
// UTF-8), RFC 4180 quoting, CRLF line ends.
std::string plan_csv(const Plan& plan);

// Writes `plan` to `path` as .xlsx (Actions, Plan and Chapters sheets). Empty on success, else
// why not.
std::string write_xlsx(const Plan& plan, const std::string& path);

// Writes `plan` to `path` in the format its extension names. Empty on success, else why not.
std::string export_plan(const Plan& plan, const std::string& path);

// The mode's entry point: loads SOURCE (or the embedded plan), refuses to write over it, writes
// FILE. Returns the exit code (0 written, 1 the source is invalid or the file cannot be written,
// 2 a file name the program will not write).
int run_export(const std::string& file, const std::optional<std::string>& source, std::ostream& out,
               std::ostream& err);

} // namespace actionboard::spreadsheet
