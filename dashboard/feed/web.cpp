#include "web.hpp"

#include "dashboard/core/ascii.hpp"
#include "encoding.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <string>

namespace actionboard::feed {

namespace {

struct Prepared {
    std::map<std::string, PreparedBody, std::less<>> assets;
    PreparedBody shell;
};

// Built once, on first use (thread-safe static initialisation); never changes afterwards.
const Prepared& prepared() {
    static const Prepared all = [] {
        Prepared built;
        for (const EmbeddedFile& file : embedded_web_files()) {
            PreparedBody body =
                prepare_body(web_content_type(file.name), std::string(file.bytes));
            if (file.name == "index.html")
                built.shell = body;
            built.assets.emplace(std::string(file.name), std::move(body));
        }
        return built;
    }();
    return all;
}

bool ends_with(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

} // namespace

std::string_view web_content_type(std::string_view name) {
    if (ends_with(name, ".html"))
        return "text/html; charset=utf-8";
    if (ends_with(name, ".css"))
        return "text/css; charset=utf-8";
    if (ends_with(name, ".js"))
        return "text/javascript; charset=utf-8";
    if (ends_with(name, ".svg"))
        return "image/svg+xml; charset=utf-8";
    if (ends_with(name, ".json"))
        return json_type;
    return "application/octet-stream";
}

const PreparedBody* web_asset(std::string_view name) {
    const auto& assets = prepared().assets;
    auto it = assets.find(name);
    return it == assets.end() ? nullptr : &it->second;
}

const PreparedBody& web_shell() {
    return prepared().shell;
}

void prepare_web_assets() {
    (void)prepared();
}

bool prefers_html(std::optional<std::string_view> accept) {
    if (!accept)
        return false;
    // Most specific match wins for JSON: application/json, then application/*, then */*.
    double html = -1, json = -1, application_any = -1, any = -1;
    std::string_view rest = *accept;
    while (!rest.empty()) {
        std::size_t comma = rest.find(',');
        std::string_view element = rest.substr(0, comma);
        rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
        std::size_t semicolon = element.find(';');
        std::string_view range = trim_whitespace(element.substr(0, semicolon));
        double quality =
            semicolon == std::string_view::npos
                ? 1.0
                : quality_value(element.substr(semicolon + 1)).value_or(-1); // unreadable: ignored
        if (quality < 0)
            continue;
        if (iequals(range, "text/html"))
            html = std::max(html, quality);
        else if (iequals(range, "application/json"))
            json = std::max(json, quality);
        else if (iequals(range, "application/*"))
            application_any = std::max(application_any, quality);
        else if (range == "*/*")
            any = std::max(any, quality);
    }
    double json_quality = json >= 0 ? json : application_any >= 0 ? application_any : any;
    return html > 0 && html >= json_quality;
}

} // namespace actionboard::feed
