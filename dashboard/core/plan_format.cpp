#include "plan_format.hpp"

#include "ascii.hpp"

#include <utility>

namespace actionboard {

namespace {

constexpr std::string_view json_type = "application/json";
constexpr std::string_view json_served = "application/json; charset=utf-8"; // RFC 8259: UTF-8
constexpr std::string_view xlsx_type =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
constexpr std::string_view csv_type = "text/csv";

// How a message about a file in another format ends: what the program reads.
constexpr std::string_view save_as_plan = "save it as .xlsx (Excel Workbook) or CSV";
// How a message about a file that holds no plan ends.
constexpr std::string_view what_a_plan_is =
    "a plan is an .xlsx workbook, a CSV file or a JSON plan (docs/spreadsheets.md)";

bool starts(std::string_view bytes, std::string_view prefix) {
    return bytes.substr(0, prefix.size()) == prefix;
}

bool is_zip(std::string_view bytes) {
    return starts(bytes, "PK\x03\x04") || starts(bytes, "PK\x05\x06"); // or an empty archive
}

// The text after UTF-8 byte order marks and white space.
std::string_view text_start(std::string_view bytes) {
    constexpr std::string_view bom = "\xEF\xBB\xBF";
    while (starts(bytes, bom))
        bytes.remove_prefix(bom.size());
    std::size_t first = bytes.find_first_not_of(" \t\r\n");
    return first == std::string_view::npos ? std::string_view() : bytes.substr(first);
}

// A JSON object as a plan starts: "{", white space, then a name or the end of the object. A CSV
// file's first cell could be "{Council}" or "[Draft]"; no plan is an array.
bool starts_as_json_object(std::string_view text) {
    if (!starts(text, "{"))
        return false;
    std::size_t next = text.find_first_not_of(" \t\r\n", 1);
    return next != std::string_view::npos && (text[next] == '"' || text[next] == '}');
}

// Whether an OLE2 compound file holds a stream or storage of this name: its directory entry
// holds the name in UTF-16LE, ended by a zero character.
bool has_ole2_entry(std::string_view bytes, std::string_view name) {
    std::string wide;
    for (char c : name)
        wide.append({c, '\0'});
    wide.append(2, '\0');
    return bytes.find(wide) != std::string_view::npos;
}

std::string ole2_problem(std::string_view bytes) {
    std::string out = "the file is ";
    if (has_ole2_entry(bytes, "EncryptedPackage"))
        return out +
               "an encrypted workbook (it has a password to open), which this program "
               "cannot read: in Excel, clear the password (File, Info, Protect Workbook, "
               "Encrypt with Password) and " +
               std::string(save_as_plan);
    if (has_ole2_entry(bytes, "WordDocument"))
        return out + "a Word 97-2003 document (.doc), not a plan: copy its table into Excel and " +
               std::string(save_as_plan);
    if (has_ole2_entry(bytes, "Workbook") || has_ole2_entry(bytes, "Book"))
        return out +
               "an Excel 97-2003 workbook (.xls), an old format this program does not "
               "read: open it in Excel (or LibreOffice) and " +
               std::string(save_as_plan);
    return out +
           "an Excel 97-2003 workbook (.xls) or another Office 97-2003 file (an OLE2 "
           "compound file), which this program does not read: open it in Excel (or "
           "LibreOffice) and " +
           std::string(save_as_plan);
}

// The mimetype an OpenDocument zip stores first, uncompressed, at a fixed place (OpenDocument
// 1.2, part 3, section 3.3); empty when the zip does not start so.
std::string_view opendocument_mimetype(std::string_view bytes) {
    constexpr std::size_t name_at = 30, length = 8;
    if (bytes.size() < name_at + length || bytes.substr(name_at, length) != "mimetype")
        return {};
    auto byte = [&bytes](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
    std::size_t stored = byte(18) | byte(19) << 8 | byte(20) << 16 | std::size_t(byte(21)) << 24;
    std::size_t extra = byte(28) | byte(29) << 8;
    bool uncompressed = byte(8) == 0 && byte(9) == 0;
    std::size_t at = name_at + length + extra;
    if (!uncompressed || stored > 100 || at + stored > bytes.size())
        return {};
    return bytes.substr(at, stored);
}

// Excel 2003's XML spreadsheet, a flat OpenDocument file, a web page, or other XML, told by
// the first 4 KiB.
std::optional<std::string> markup_problem(std::string_view text) {
    std::string_view head = text.substr(0, 4096);
    auto holds = [&head](std::string_view what) {
        return head.find(what) != std::string_view::npos;
    };
    if (istarts_with(head, "<!doctype html") || istarts_with(head, "<html") ||
        (starts(head, "<?xml") && holds("<html")))
        return "the file is a web page (HTML), not a plan: open it in Excel and " +
               std::string(save_as_plan);
    if (!starts(head, "<?xml"))
        return std::nullopt;
    if (holds("opendocument.spreadsheet"))
        return "the file is a flat OpenDocument spreadsheet (.fods), which this program does "
               "not read: " +
               std::string(save_as_plan);
    if (holds("Excel.Sheet") || holds("urn:schemas-microsoft-com:office:spreadsheet"))
        return "the file is an Excel 2003 XML spreadsheet, which this program does not read: "
               "open it in Excel and " +
               std::string(save_as_plan);
    return "the file is an XML document, not a plan: " + std::string(what_a_plan_is);
}

} // namespace

std::optional<PlanFormat> plan_format_for_content(std::string_view bytes) {
    if (is_zip(bytes))
        return PlanFormat::xlsx;
    if (starts_as_json_object(text_start(bytes)))
        return PlanFormat::json;
    return std::nullopt;
}

PlanFormat plan_format_for(std::string_view name, std::string_view bytes) {
    return plan_format_for_content(bytes).value_or(plan_format_for_name(name));
}

std::string opendocument_problem(std::string_view mimetype) {
    constexpr std::string_view prefix = "application/vnd.oasis.opendocument.";
    std::string_view kind =
        starts(mimetype, prefix) ? mimetype.substr(prefix.size()) : std::string_view();
    if (kind == "spreadsheet" || kind == "spreadsheet-template")
        return "the file is an OpenDocument spreadsheet (.ods), LibreOffice's own format, which "
               "this program does not read: " +
               std::string(save_as_plan) +
               " (in LibreOffice: File, Save As, file type Excel 2007-365 or Text CSV)";
    if (kind == "text" || kind == "text-template")
        return "the file is an OpenDocument text document (.odt), not a plan: copy its table "
               "into a spreadsheet and " +
               std::string(save_as_plan);
    std::string named; // the mimetype as the file has it, printable ASCII only
    for (char c : mimetype.substr(0, 80))
        named += c > ' ' && c < 0x7f ? c : '?';
    return "the file is an OpenDocument file" + (named.empty() ? "" : " (" + named + ")") +
           ", not a plan: " + std::string(save_as_plan);
}

std::optional<std::string> foreign_file_problem(std::string_view bytes) {
    if (starts(bytes, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"))
        return ole2_problem(bytes);
    if (is_zip(bytes)) {
        std::string_view mimetype = opendocument_mimetype(bytes);
        if (!mimetype.empty())
            return opendocument_problem(mimetype);
        return std::nullopt; // a workbook, or a zip the workbook reader names
    }
    if (starts(bytes, "%PDF-"))
        return "the file is a PDF document, not a plan (a PDF's tables cannot be read back): "
               "save the plan from the program that made the PDF as .xlsx (Excel Workbook) or "
               "CSV";
    for (auto [signature, name] :
         {std::pair<std::string_view, std::string_view>{"\x89PNG\r\n\x1A\n", "a PNG image"},
          {"\xFF\xD8\xFF", "a JPEG image"},
          {"GIF8", "a GIF image"}}) {
        if (starts(bytes, signature))
            return "the file is " + std::string(name) +
                   ", not a plan: " + std::string(what_a_plan_is);
    }
    std::string_view text = text_start(bytes);
    if (starts(text, "{\\rtf"))
        return "the file is a Rich Text Format (.rtf) document, not a plan: copy its table into "
               "Excel and " +
               std::string(save_as_plan);
    if (starts(text, "<"))
        return markup_problem(text);
    return std::nullopt;
}

PlanFormat plan_format_for_name(std::string_view path) {
    auto slash = path.rfind('/');
    std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
    auto dot = name.rfind('.');
    if (dot == std::string_view::npos)
        return PlanFormat::json;
    std::string_view extension = name.substr(dot + 1);
    if (iequals(extension, "xlsx") || iequals(extension, "xlsm"))
        return PlanFormat::xlsx;
    if (iequals(extension, "csv") || iequals(extension, "txt") || iequals(extension, "tsv"))
        return PlanFormat::csv;
    return PlanFormat::json;
}

std::string_view plan_media_type(PlanFormat format) {
    switch (format) {
    case PlanFormat::xlsx:
        return xlsx_type;
    case PlanFormat::csv:
        return csv_type;
    case PlanFormat::json:
        break;
    }
    return json_served;
}

std::optional<PlanFormat> plan_format_for_media_type(std::string_view content_type) {
    std::string_view type = trim_whitespace(content_type.substr(0, content_type.find(';')));
    if (iequals(type, json_type) ||
        (type.size() > 5 && iequals(type.substr(type.size() - 5), "+json")))
        return PlanFormat::json;
    if (iequals(type, xlsx_type))
        return PlanFormat::xlsx;
    if (iequals(type, csv_type) || iequals(type, "application/csv") ||
        iequals(type, "text/tab-separated-values"))
        return PlanFormat::csv;
    return std::nullopt;
}

std::string_view to_string(PlanFormat format) {
    switch (format) {
    case PlanFormat::xlsx:
        return "xlsx";
    case PlanFormat::csv:
        return "csv";
    case PlanFormat::json:
        break;
    }
    return "json";
}

} // namespace actionboard
