#pragma once
// The request target as the client sent it, split into a decoded path and query parameters.
// httplib decodes both itself, but it turns "%2F" into a path separator and cuts a value at a
// second '=' ("q=a=b" became q=b); the feed reads the raw target instead.

#include "query.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace actionboard::feed {

struct RequestTarget {
    std::string path;   // percent-decoded, except "%2F", which stays as sent and so names no route
    QueryParams params; // names and values percent-decoded, '+' read as a space
};

struct ParsedTarget {
    RequestTarget target;
    std::optional<std::string> error; // set when the target cannot be read; a sentence
};

// Reads an origin-form ("/path?query") or absolute-form ("http://host/path?query") target.
// RFC 9112 3.2.2 asks servers to accept the absolute form; its host is ignored, as Host is.
ParsedTarget parse_target(std::string_view raw);

} // namespace actionboard::feed
