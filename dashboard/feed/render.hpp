#pragma once
// Builds the body of a plan route (everything but /healthz and /metrics) from a snapshot and a
// query. prepare_bodies() runs it once per snapshot with the default query; requests with
// as_of= or filters run it on demand.

#include "dashboard/core/snapshot.hpp"
#include "query.hpp"
#include "routes.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace actionboard::feed {

struct Rendered {
    std::string_view content_type;
    std::string body;
};

// nullopt when the path names a chapter or recommendation the plan does not have, or the route
// is not a plan route.
std::optional<Rendered> render(RouteMatch match, const Snapshot& snapshot, const Query& query);

// The index of the recommendation whose ref is same_ref() as `ref` ("3A" finds "3a").
std::optional<std::size_t> recommendation_index(const Plan& plan, std::string_view ref);

// Every default-view body of the snapshot, keyed by request path (a recommendation's under
// recommendation_path() of its own ref).
PreparedBodies prepare_all(const Snapshot& snapshot);

} // namespace actionboard::feed
