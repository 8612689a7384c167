#pragma once
// `--data` names a file, or a URL to follow (http:// or https://). This reads the URL; the
// request itself is dashboard/follow's. No HTTP here.

#include <optional>
#include <string>
#include <string_view>

namespace actionboard {

struct SourceUrl {
    bool https = false;
    std::string host; // a name, an IPv4 address, or an IPv6 address without its brackets
    int port = 0;     // 80 or 443 when the URL gives none
    // What is requested: "/api/v1/source" for a bare "http://HOST:PORT" (another actionboard);
    // a path ending in '/' (an actionboard behind a proxy under a prefix) gets "api/v1/source"
    // added; any other path (a plan file on a web server) is requested as written.
    std::string path;

    // "http://host:port", with brackets around an IPv6 address: what httplib's client takes.
    std::string origin() const;
};

struct SourceUrlResult {
    std::optional<SourceUrl> url;
    std::string error; // why the text is not a URL actionboard can follow
};

// Whether `--data TEXT` names a URL rather than a file: it starts with "http://" or
// "https://" (any letter case). A file of that name can still be given as ./http:...
bool looks_like_url(std::string_view text);

SourceUrlResult parse_source_url(std::string_view text);

} // namespace actionboard
