#pragma once
// Query parameters: which ones each route accepts, and their values checked. A bad parameter is
// reported with its name and what it accepts (the 400 body says both).

#include "dashboard/core/view.hpp"
#include "dashboard/history/compare.hpp"
#include "routes.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace actionboard::feed {

// Filters of /api/v1/recommendations(.csv). Each filter is a set of accepted values (any of
// them matches); filters combine with AND. An empty filter matches everything.
struct RecommendationFilter {
    std::vector<int> chapters;
    std::vector<Status> statuses;
    std::vector<Rag> rags;
    std::vector<std::string> leads; // compared folded (core/text_fold.hpp): case, quotes, dashes
    bool no_lead = false;           // `no_lead=true`: also a milestone with no lead
    std::vector<Audience> audiences;
    std::vector<RagAgreement> agreements; // reported RAG against computed (`disagree`: both kinds)
    std::string text; // `q`: a substring of the recommendation's words, responses or milestones,
                      // folded as `leads` are
    bool empty() const;
};

// Filters of /api/v1/deadlines: due dates within [from, to], RAG among `rags`.
struct DeadlineFilter {
    std::optional<Date> from;
    std::optional<Date> to;
    std::vector<Rag> rags;
    bool empty() const { return !from && !to && rags.empty(); }
};

struct Query {
    std::optional<Date> as_of;
    std::optional<history::Since> since; // /api/v1/changes: the baseline
    RecommendationFilter recommendations;
    DeadlineFilter deadlines;
};

struct BadParameter {
    std::string parameter;
    std::string message; // a sentence naming the parameter and what it accepts
    std::string accepts; // what it accepts, on its own
};

struct QueryResult {
    Query query;
    std::optional<BadParameter> error;
};

// Parameter names are taken as given (case-sensitive); unknown names and repeated names are
// errors, so that a misspelt filter never silently returns everything.
using QueryParams = std::multimap<std::string, std::string>;
QueryResult parse_query(Route route, const QueryParams& params);

// The parameters a route accepts, in documentation order.
std::vector<std::string> accepted_parameters(Route route);

// Longest accepted value of `q` and `lead`, in bytes.
inline constexpr std::size_t max_text_parameter = 200;

} // namespace actionboard::feed
