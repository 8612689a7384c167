#include "target.hpp"

#include "dashboard/core/ascii.hpp"

namespace actionboard::feed {

namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Decodes %XX escapes; nullopt when an escape is cut short or not hexadecimal.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space,
                                          bool keep_encoded_slash) {
    std::string decoded;
    decoded.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '+' && plus_is_space) {
            decoded += ' ';
            continue;
        }
        if (c != '%') {
            decoded += c;
            continue;
        }
        if (i + 2 >= text.size())
            return std::nullopt;
        int high = hex_value(text[i + 1]);
        int low = hex_value(text[i + 2]);
        if (high < 0 || low < 0)
            return std::nullopt;
        char byte = char(high * 16 + low);
        if (byte == '/' && keep_encoded_slash)
            decoded.append(text.substr(i, 3));
        else
            decoded += byte;
        i += 2;
    }
    return decoded;
}

} // namespace

ParsedTarget parse_target(std::string_view raw) {
    ParsedTarget parsed;
    // Absolute form: drop "scheme://authority", keep the path (or "/" when there is none).
    for (std::string_view scheme : {"http://", "https://"}) {
        if (istarts_with(raw, scheme)) {
            std::string_view rest = raw.substr(scheme.size());
            std::size_t path_start = rest.find_first_of("/?");
            raw = path_start == std::string_view::npos ? std::string_view("/")
                                                       : rest.substr(path_start);
            if (!raw.empty() && raw.front() == '?') {
                parsed.error = "the request target has a query but no path";
                return parsed;
            }
            break;
        }
    }
    if (raw.empty() || raw.front() != '/') {
        parsed.error = "the request target must be a path starting with '/'";
        return parsed;
    }
    std::size_t question = raw.find('?');
    auto path = percent_decode(raw.substr(0, question), false, true);
    if (!path) {
        parsed.error = "the path has a malformed percent-escape (% must be followed by two "
                       "hexadecimal digits)";
        return parsed;
    }
    parsed.target.path = std::move(*path);
    if (question == std::string_view::npos)
        return parsed;

    std::string_view query = raw.substr(question + 1);
    while (!query.empty()) {
        std::size_t amp = query.find('&');
        std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
        if (pair.empty())
            continue; // "a=1&&b=2"
        std::size_t equals = pair.find('=');
        auto name = percent_decode(pair.substr(0, equals), true, false);
        auto value = equals == std::string_view::npos
                         ? std::optional<std::string>(std::string())
                         : percent_decode(pair.substr(equals + 1), true, false);
        if (!name || !value) {
            parsed.error = "the query has a malformed percent-escape (% must be followed by two "
                           "hexadecimal digits)";
            return parsed;
        }
        parsed.target.params.emplace(std::move(*name), std::move(*value));
    }
    return parsed;
}

} // namespace actionboard::feed
