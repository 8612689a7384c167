#pragma once
// Answers feed requests. The default view of each path is looked up among the snapshot's
// prepared bodies and copied out (or streamed from the snapshot when large); requests with
// as_of= or filters are rendered on demand and never touch the prepared bodies.

#include "dashboard/core/live_plan.hpp"
#include "dashboard/history/history.hpp"
#include "http_engine.hpp"
#include "metrics.hpp"
#include "query.hpp"
#include "routes.hpp"

#include <httplib.h>

namespace actionboard::feed {

class Handler {
public:
    // `history`: where /api/v1/history, /changes and /trend come from; null when history is off.
    Handler(const LivePlan& live, bool cors, const history::History* history = nullptr,
            int stale_days = 14);
    Handler(const Handler&) = delete;
    Handler& operator=(const Handler&) = delete;

    // Every GET and HEAD request (installed as httplib's pre-routing handler).
    void handle(const httplib::Request& request, httplib::Response& response) const;
    // Gives the errors httplib makes itself (a malformed request line, ...) a JSON body.
    void complete_error(const httplib::Request& request, httplib::Response& response) const;
    // Last touches on every httplib response (a 304 carries no Content-Length).
    void finish(const httplib::Request& request, httplib::Response& response) const;
    // Counts a response once it is written.
    void count(const httplib::Request& request, const httplib::Response& response);
    // Replies for what the engine refuses before httplib parses it; counts them too.
    EarlyReply early_reply(const EarlyRequest& request);

    // Headers every response carries.
    httplib::Headers default_headers() const;

    const RequestCounters& counters() const { return counters_; }

private:
    // `owner` keeps `body` alive while a large body is written (a snapshot, or a history state).
    void serve_prepared(const httplib::Request& request, httplib::Response& response, Route route,
                        std::shared_ptr<const void> owner, const PreparedBody& body) const;
    // A body of the browser dashboard (a file, or the page shell), prepared once per process.
    void serve_static(const httplib::Request& request, httplib::Response& response,
                      const PreparedBody& body, int status) const;
    // /api/v1/history, /changes and /trend, from the history's current state.
    void serve_history(const httplib::Request& request, httplib::Response& response,
                       const RouteMatch& match, const QueryParams& params,
                       const Query& query) const;
    // A body made for this request: ETag and gzip are worked out here.
    void serve_rendered(const httplib::Request& request, httplib::Response& response, Route route,
                        std::string_view content_type, std::string body) const;

    const LivePlan& live_;
    bool cors_;
    const history::History* history_;
    int stale_days_;
    RequestCounters counters_;
};

} // namespace actionboard::feed
