#include "source_url.hpp"

#include "ascii.hpp"

namespace actionboard {

namespace {

constexpr std::string_view source_path = "/api/v1/source";

bool visible_ascii(std::string_view text) {
    for (char c : text) {
        if (c <= ' ' || c > '~')
            return false;
    }
    return true;
}

bool host_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '.' || c == '-' || c == '_';
}

SourceUrlResult fail(std::string message) {
    return {std::nullopt, std::move(message)};
}

} // namespace

std::string SourceUrl::origin() const {
    bool ipv6 = host.find(':') != std::string::npos;
    return std::string(https ? "https://" : "http://") + (ipv6 ? "[" + host + "]" : host) + ":" +
           std::to_string(port);
}

bool looks_like_url(std::string_view text) {
    return istarts_with(text, "http://") || istarts_with(text, "https://");
}

SourceUrlResult parse_source_url(std::string_view text) {
    SourceUrl url;
    if (istarts_with(text, "https://")) {
        url.https = true;
        text.remove_prefix(8);
    } else if (istarts_with(text, "http://")) {
        text.remove_prefix(7);
    } else {
        return fail("a URL to follow starts with http:// or https://");
    }
    if (!visible_ascii(text))
        return fail("the URL holds a space, a control character or a character that is not "
                    "ASCII (percent-encode it)");
    if (text.find('#') != std::string_view::npos)
        return fail("the URL has a #fragment, which names nothing on the server; leave it out");

    std::size_t authority_end = text.find_first_of("/?");
    std::string_view authority = text.substr(0, authority_end);
    std::string_view rest = authority_end == std::string_view::npos ? std::string_view{}
                                                                    : text.substr(authority_end);
    if (authority.find('@') != std::string_view::npos)
        return fail("a user name or password in the URL is not supported (the feed is public "
                    "and read-only)");

    std::string_view port_text;
    bool has_port = false; // a ':' after the host
    if (!authority.empty() && authority.front() == '[') {
        std::size_t close = authority.find(']');
        if (close == std::string_view::npos)
            return fail("the IPv6 address in the URL has no closing ']'");
        url.host = std::string(authority.substr(1, close - 1));
        std::string_view after = authority.substr(close + 1);
        if (!after.empty() && after.front() != ':')
            return fail("unexpected text after the IPv6 address in the URL");
        has_port = !after.empty();
        if (has_port)
            port_text = after.substr(1);
        if (url.host.empty() || url.host.find_first_not_of("0123456789abcdefABCDEF:.") !=
                                    std::string::npos)
            return fail("\"" + url.host + "\" is not an IPv6 address");
    } else {
        std::size_t colon = authority.rfind(':');
        url.host = std::string(authority.substr(0, colon));
        has_port = colon != std::string_view::npos;
        if (has_port)
            port_text = authority.substr(colon + 1);
        if (url.host.empty())
            return fail("the URL names no host");
        for (char c : url.host) {
            if (!host_name_char(c))
                return fail("\"" + url.host + "\" is not a host name or an address");
        }
    }

    url.port = url.https ? 443 : 80;
    if (has_port && port_text.empty())
        return fail("the URL has a ':' but no port number after it");
    if (!port_text.empty()) {
        if (port_text.size() > 5 || port_text.find_first_not_of("0123456789") != std::string_view::npos)
            return fail(std::string(1, '"').append(port_text).append("\" is not a port number"));
        int port = std::stoi(std::string(port_text));
        if (port < 1 || port > 65535)
            return fail("the port must be from 1 to 65535, not " + std::string(port_text));
        url.port = port;
    }

    std::size_t query_start = rest.find('?');
    std::string path(rest.substr(0, query_start));
    std::string query(query_start == std::string_view::npos ? std::string_view{}
                                                             : rest.substr(query_start));
    if (path.empty() || path == "/")
        path = std::string(source_path);
    else if (path.back() == '/')
        path += source_path.substr(1);
    url.path = path + query;
    return {url, {}};
}

} // namespace actionboard
