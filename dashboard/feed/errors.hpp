#pragma once
// Error bodies. Every error the feed sends is JSON:
//   {"error": {"code": 404, "message": "...", ...}}
// with `code` the HTTP status, and for a bad parameter also `parameter` and `accepts`.

#include "query.hpp"

#include <string>
#include <string_view>

namespace actionboard::feed {

// "Not Found", "Method Not Allowed", ...
std::string_view status_text(int status);

std::string error_body(int status, std::string_view message);
std::string bad_parameter_body(const BadParameter& error);

// The methods every endpoint answers, for the Allow header of a 405.
inline constexpr std::string_view allowed_methods = "GET, HEAD";

} // namespace actionboard::feed
