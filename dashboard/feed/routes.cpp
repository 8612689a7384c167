#include "routes.hpp"

#include "dashboard/core/ref.hpp"

#include <optional>

namespace actionboard::feed {

namespace {

constexpr std::string_view chapter_prefix = "/api/v1/chapters/";
constexpr std::string_view recommendation_prefix = "/api/v1/recommendations/";
constexpr std::string_view recommendation_page_prefix = "/recommendations/";

// The browser dashboard's page paths: the feed's paths without "/api/v1".
RouteMatch match_page(std::string_view path) {
    constexpr std::string_view chapter = "/chapters/";
    constexpr std::string_view recommendation = recommendation_page_prefix;
    RouteMatch match{Route::page};
    if (path == "/deadlines")
        match.page = WebPage::deadlines;
    else if (path == "/quality")
        match.page = WebPage::quality;
    else if (path == "/recommendations")
        match.page = WebPage::recommendations;
    else if (path == "/changes")
        match.page = WebPage::changes;
    else if (path == "/trend")
        match.page = WebPage::trend;
    else if (path.rfind(chapter, 0) == 0) {
        auto number = parse_number(path.substr(chapter.size()));
        if (!number)
            return {};
        match.page = WebPage::chapter;
        match.number = *number;
    } else if (path.rfind(recommendation, 0) == 0) {
        std::string_view ref = path.substr(recommendation.size());
        if (ref.empty() || ref.size() > 64 || ref.find('/') != std::string_view::npos)
            return {};
        match.page = WebPage::recommendation;
        match.ref = std::string(ref);
    } else
        return {};
    return match;
}

// "/web/app.js": a plain file name, no further slash.
RouteMatch match_asset(std::string_view path) {
    std::string_view name = path.substr(paths::web_assets.size());
    if (name.empty() || name.size() > 64 || name.find('/') != std::string_view::npos)
        return {};
    return {Route::asset, 0, std::string(name)};
}

} // namespace

std::optional<int> parse_number(std::string_view text) {
    if (text.empty() || text.size() > 9)
        return std::nullopt;
    int value = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

RouteMatch match_route(std::string_view path) {
    if (path == paths::index)
        return {Route::index};
    if (path == paths::healthz)
        return {Route::healthz};
    if (path == paths::metrics)
        return {Route::metrics};
    if (path.rfind(paths::web_assets, 0) == 0)
        return match_asset(path);
    if (path.rfind("/api/v1/", 0) != 0)
        return match_page(path);
    if (path == paths::summary)
        return {Route::summary};
    if (path == paths::chapters)
        return {Route::chapters};
    if (path == paths::recommendations)
        return {Route::recommendations};
    if (path == paths::recommendations_csv)
        return {Route::recommendations_csv};
    if (path == paths::deadlines)
        return {Route::deadlines};
    if (path == paths::quality)
        return {Route::quality};
    if (path == paths::plan)
        return {Route::plan};
    if (path == paths::history)
        return {Route::history};
    if (path == paths::changes)
        return {Route::changes};
    if (path == paths::trend)
        return {Route::trend};
    if (path == paths::openapi)
        return {Route::openapi};
    if (path == paths::source)
        return {Route::source};
    if (path.rfind(chapter_prefix, 0) == 0) {
        if (auto number = parse_number(path.substr(chapter_prefix.size())))
            return {Route::chapter, *number};
        return {};
    }
    if (path.rfind(recommendation_prefix, 0) == 0) {
        std::string_view ref = path.substr(recommendation_prefix.size());
        // A ref never holds '/', so "/api/v1/recommendations/3/x" names nothing.
        if (!ref.empty() && ref.size() <= 64 && ref.find('/') == std::string_view::npos)
            return {Route::recommendation, 0, std::string(ref)};
        return {};
    }
    return {};
}

std::string_view route_template(Route route) {
    switch (route) {
    case Route::index:
        return paths::index;
    case Route::summary:
        return paths::summary;
    case Route::chapters:
        return paths::chapters;
    case Route::chapter:
        return "/api/v1/chapters/{n}";
    case Route::recommendations:
        return paths::recommendations;
    case Route::recommendation:
        return "/api/v1/recommendations/{ref}";
    case Route::recommendations_csv:
        return paths::recommendations_csv;
    case Route::deadlines:
        return paths::deadlines;
    case Route::quality:
        return paths::quality;
    case Route::plan:
        return paths::plan;
    case Route::history:
        return paths::history;
    case Route::changes:
        return paths::changes;
    case Route::trend:
        return paths::trend;
    case Route::openapi:
        return paths::openapi;
    case Route::source:
        return paths::source;
    case Route::healthz:
        return paths::healthz;
    case Route::metrics:
        return paths::metrics;
    case Route::page:
        return "/{page}";
    case Route::asset:
        return "/web/{file}";
    case Route::unknown:
        break;
    }
    return "other";
}

std::string chapter_path(int number) {
    return std::string(chapter_prefix) + std::to_string(number);
}

std::string recommendation_path(std::string_view ref) {
    return std::string(recommendation_prefix) + encode_ref_for_path(ref);
}

std::string recommendation_page_path(std::string_view ref) {
    return std::string(recommendation_page_prefix) + encode_ref_for_path(ref);
}

bool takes_as_of(Route route) {
    return route != Route::index && route != Route::healthz && route != Route::metrics &&
           route != Route::page && route != Route::asset && route != Route::history &&
           route != Route::trend && route != Route::unknown;
}

bool is_history_route(Route route) {
    return route == Route::history || route == Route::changes || route == Route::trend;
}

} // namespace actionboard::feed
