#pragma once
// The formats a plan's bytes come in, and their media types. One rule, used by the spreadsheet
// reader to choose a parser, by the feed's /api/v1/source to label the bytes it serves, and by a
// follower to read what a source sent (docs/deploy.md, "Followers").

#include <optional>
#include <string_view>

namespace actionboard {

enum class PlanFormat { json, xlsx, csv };

// By the file name's extension, ignoring case: .xlsx and .xlsm are workbooks; .csv, .txt and
// .tsv are CSV files; anything else (.json, none) is a JSON plan.
PlanFormat plan_format_for_name(std::string_view path);

// The media type served for a plan of that format: "application/json; charset=utf-8",
// "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" or "text/csv". A static
// string, safe to keep as a string_view.
std::string_view plan_media_type(PlanFormat format);

// The format a Content-Type names (parameters and letter case ignored); none for a type that
// says nothing about it (application/octet-stream, text/plain), when the URL's own extension
// decides.
std::optional<PlanFormat> plan_format_for_media_type(std::string_view content_type);

// "json", "xlsx" or "csv".
std::string_view to_string(PlanFormat format);

} // namespace actionboard
