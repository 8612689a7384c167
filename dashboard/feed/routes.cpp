#include "routes.hpp"

#include "dashboard/core/ref.hpp"

#include <optional>

namespace actionboard::feed {

namespace {

constexpr std::string_view chapter_prefix = "/api/v1/chapters/";
constexpr std::string_view recommendation_prefix = "/api/v1/recommendations/";

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
    if (path.rfind("/api/v1/", 0) != 0)
        return {};
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
    case Route::openapi:
        return paths::openapi;
    case Route::source:
        return paths::source;
    case Route::healthz:
        return paths::healthz;
    case Route::metrics:
        return paths::metrics;
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

bool takes_as_of(Route route) {
    return route != Route::index && route != Route::healthz && route != Route::metrics &&
           route != Route::unknown;
}

} // namespace actionboard::feed
