#pragma once
// The formats a plan's bytes come in, and their media types. One rule, used by the spreadsheet
// reader to choose a parser, by the feed's /api/v1/source to label the bytes it serves, and by a
// follower to read what a source sent (docs/deploy.md, "Followers"). The bytes decide first,
// whatever the file is called (a workbook saved as plan.json is a workbook); the name decides
// only what the bytes leave open (docs/spreadsheets.md, "What a file is").

#include <optional>
#include <string>
#include <string_view>

namespace actionboard {

enum class PlanFormat { json, xlsx, csv };

// By the file name's extension, ignoring case: .xlsx and .xlsm are workbooks; .csv, .txt and
// .tsv are CSV files; anything else (.json, none) is a JSON plan.
PlanFormat plan_format_for_name(std::string_view path);

// The format the first bytes say, when they say one: a zip archive (PK 03 04) is an .xlsx
// workbook (the workbook reader names an OpenDocument spreadsheet, a Word document or another
// zip), text whose first character after byte order marks and white space is { or [ is JSON
// (an RTF document's {\rtf is not). None for any other bytes: CSV text, or a file that is no
// plan (foreign_file_problem).
std::optional<PlanFormat> plan_format_for_content(std::string_view bytes);

// The format to read `bytes` as: what they say (plan_format_for_content), else the name's.
PlanFormat plan_format_for(std::string_view name, std::string_view bytes);

// Why a file is no plan, when its first bytes say what it is, named so that an office user
// knows it: an OpenDocument spreadsheet (.ods, flat .fods, or another OpenDocument file), an
// Excel 97-2003 workbook (.xls), an encrypted workbook or a Word 97-2003 document (OLE2
// compound files), an Excel 2003 XML spreadsheet, a PDF, an RTF or HTML document, an image.
// Each message ends with how to save the plan so that it is read: as .xlsx (Excel Workbook)
// or CSV. None for anything else (text, an .xlsx workbook, a zip that is not OpenDocument).
// Cheap: reads the first bytes, and an OLE2 file's bytes for its streams' names.
std::optional<std::string> foreign_file_problem(std::string_view bytes);

// The message for an OpenDocument file of this mimetype ("application/vnd.oasis.opendocument.
// spreadsheet" is an .ods), as foreign_file_problem says it.
std::string opendocument_problem(std::string_view mimetype);

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
