#include "plan_format.hpp"

#include "ascii.hpp"

namespace actionboard {

namespace {

constexpr std::string_view json_type = "application/json";
constexpr std::string_view json_served = "application/json; charset=utf-8"; // RFC 8259: UTF-8
constexpr std::string_view xlsx_type =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
constexpr std::string_view csv_type = "text/csv";

} // namespace

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
