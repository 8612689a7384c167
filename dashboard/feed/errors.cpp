#include "errors.hpp"

#include <nlohmann/json.hpp>

namespace actionboard::feed {

namespace {

std::string dump(const nlohmann::json& value) {
    // Messages may quote request bytes: replace invalid UTF-8 rather than throw.
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace

std::string_view status_text(int status) {
    switch (status) {
    case 200:
        return "OK";
    case 304:
        return "Not Modified";
    case 400:
        return "Bad Request";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 413:
        return "Payload Too Large";
    case 414:
        return "URI Too Long";
    case 416:
        return "Range Not Satisfiable";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    case 505:
        return "HTTP Version Not Supported";
    default:
        break;
    }
    return status >= 500 ? "Server Error" : status >= 400 ? "Client Error" : "Unknown";
}

std::string error_body(int status, std::string_view message) {
    return dump({{"error", {{"code", status}, {"message", message}}}});
}

std::string bad_parameter_body(const BadParameter& error) {
    return dump({{"error",
                  {{"code", 400},
                   {"message", error.message},
                   {"parameter", error.parameter},
                   {"accepts", error.accepts}}}});
}

} // namespace actionboard::feed
