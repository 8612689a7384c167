#pragma once
// The feed's paths: which route a request path names, the route's label for /metrics, and the
// path each prepared body is stored under. docs/feed.md lists the endpoints.

#include <optional>
#include <string>
#include <string_view>

namespace actionboard::feed {

enum class Route {
    index,
    summary,
    chapters,
    chapter,
    recommendations,
    recommendation,
    recommendations_csv,
    deadlines,
    quality,
    plan,
    history,
    changes,
    trend,
    openapi,
    source, // the plan's bytes as loaded, for followers (docs/deploy.md)
    healthz,
    metrics,
    page,  // a page of the browser dashboard: the HTML shell (dashboard/web/index.html)
    asset, // a file of the browser dashboard under /web/
    unknown,
};
inline constexpr int route_count = int(Route::unknown) + 1;

// 1 to 9 decimal digits: enough for any chapter or ref, and never overflows an int.
std::optional<int> parse_number(std::string_view text);

namespace paths {
inline constexpr std::string_view index = "/";
inline constexpr std::string_view summary = "/api/v1/summary";
inline constexpr std::string_view chapters = "/api/v1/chapters";
inline constexpr std::string_view recommendations = "/api/v1/recommendations";
inline constexpr std::string_view recommendations_csv = "/api/v1/recommendations.csv";
inline constexpr std::string_view deadlines = "/api/v1/deadlines";
inline constexpr std::string_view quality = "/api/v1/quality";
inline constexpr std::string_view plan = "/api/v1/plan";
inline constexpr std::string_view history = "/api/v1/history";
inline constexpr std::string_view changes = "/api/v1/changes";
inline constexpr std::string_view trend = "/api/v1/trend";
inline constexpr std::string_view openapi = "/api/v1/openapi.json";
inline constexpr std::string_view source = "/api/v1/source";
inline constexpr std::string_view healthz = "/healthz";
inline constexpr std::string_view metrics = "/metrics";
inline constexpr std::string_view web_assets = "/web/";
} // namespace paths

// The browser dashboard's pages (docs/browser.md): "/" (the overview, for a client that asks for
// HTML), "/chapters/{n}", "/deadlines", "/quality", "/recommendations", "/recommendations/{ref}".
enum class WebPage {
    none,
    overview,
    chapter,
    deadlines,
    quality,
    recommendations,
    recommendation,
    changes, // "Changes since …" (docs/history.md)
    trend,
};

struct RouteMatch {
    RouteMatch() = default;
    RouteMatch(Route route_, int number_ = 0, std::string ref_ = {})
        : route(route_), number(number_), ref(std::move(ref_)) {}
    Route route = Route::unknown;
    int number = 0;  // the chapter number named in the path
    std::string ref; // the recommendation ref named in the path, percent-decoded; an asset's name
    WebPage page = WebPage::none; // Route::page: which page (number and ref as above)
};

// Which route a (percent-decoded) path names. "/" is Route::index: the handler serves the JSON
// index or the overview page by the request's Accept header. Chapter numbers are plain decimal
// digits; a recommendation's ref is the rest of the path, matched later ignoring case.
RouteMatch match_route(std::string_view path);

// The route's path template, e.g. "/api/v1/chapters/{n}"; "other" for unknown paths. It is the
// `route` label of /metrics, so its set of values is fixed.
std::string_view route_template(Route route);

std::string chapter_path(int number);
// The recommendation's URL path, its ref percent-encoded: "/api/v1/recommendations/R%2012".
std::string recommendation_path(std::string_view ref);
// Its page in the browser dashboard: "/recommendations/R%2012".
std::string recommendation_page_path(std::string_view ref);

// Whether the route takes `as_of=` (every /api/v1 route does but /history and /trend, whose
// versions each have their own).
bool takes_as_of(Route route);

// /api/v1/history, /changes and /trend: served from the history's state, not the plan's snapshot.
bool is_history_route(Route route);

} // namespace actionboard::feed
