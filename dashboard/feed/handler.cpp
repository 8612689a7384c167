#include "handler.hpp"

#include "encoding.hpp"
#include "errors.hpp"
#include "history_shapes.hpp"
#include "render.hpp"
#include "shapes.hpp"
#include "target.hpp"
#include "web.hpp"

namespace actionboard::feed {

namespace {

// Bodies up to this size are copied into the response; larger ones are written straight from
// the snapshot, which the response keeps alive (measured: copying is as fast at 34 KB, streaming
// faster at 196 KB).
constexpr std::size_t copy_limit = 64 * 1024;
// Bodies made per request are compressed only from this size: below it gzip saves little.
constexpr std::size_t compress_from = 1024;

bool wants_gzip(const httplib::Request& request) {
    auto it = request.headers.find(HttpEngine::accept_encoding_header);
    return it != request.headers.end() && accepts_gzip(it->second);
}

bool not_modified(const httplib::Request& request, std::string_view etag) {
    auto it = request.headers.find("If-None-Match");
    return it != request.headers.end() && etag_matches(it->second, etag);
}

void send_error(httplib::Response& response, int status, std::string body) {
    response.status = status;
    response.headers.erase("Content-Type");
    response.set_header("Content-Type", std::string(json_type));
    response.body = std::move(body);
}

// The only parameter is as_of, and it names the default view's date.
bool asks_default_view(const QueryParams& params, const Query& query, const Snapshot& snapshot) {
    if (params.empty())
        return true;
    return params.size() == 1 && query.as_of && *query.as_of == snapshot.view.as_of;
}

std::optional<std::string_view> accept_of(const httplib::Request& request) {
    auto it = request.headers.find("Accept");
    if (it == request.headers.end())
        return std::nullopt;
    return std::string_view(it->second);
}

// "/" (and a 404) answer JSON or HTML by Accept: caches must keep them apart.
void vary_by_accept(httplib::Response& response) {
    response.headers.erase("Vary");
    response.set_header("Vary", "Accept, Accept-Encoding");
}

// Whether a browser page names a chapter or recommendation the plan has (the other pages always
// exist).
bool page_exists(const RouteMatch& match, const Snapshot& snapshot) {
    if (match.page == WebPage::chapter)
        return snapshot.plan->find_chapter(match.number) != nullptr;
    if (match.page == WebPage::recommendation)
        return recommendation_index(*snapshot.plan, match.ref).has_value();
    return match.route == Route::page || match.route == Route::index;
}

// The target as the client sent it (the engine puts it in request.target).
ParsedTarget target_of(const httplib::Request& request) {
    return parse_target(request.target.empty() ? request.path : request.target);
}

// "/api/v1/recommendations/2b" or "/recommendations/2b" where the plan has no recommendation 2b
// but recommendation 2 has a part b, as the wall and the quality page write it: a temporary
// redirect (307: the plan may change) to recommendation 2, at the same kind of path, with the
// same query. Answers whether it redirected (docs/feed.md).
bool redirect_part_ref(const httplib::Request& request, httplib::Response& response,
                       const RouteMatch& match, const Plan& plan) {
    bool page = match.route == Route::page && match.page == WebPage::recommendation;
    if (!page && match.route != Route::recommendation)
        return false;
    auto part = plan.find_part_ref(match.ref);
    if (!part)
        return false;
    const Recommendation& rec = plan.recommendations[part->recommendation];
    std::string location = page ? recommendation_page_path(rec.ref) : recommendation_path(rec.ref);
    std::string_view target = request.target;
    if (auto query = target.find('?'); query != std::string_view::npos)
        location += target.substr(query);
    response.status = 307;
    response.set_header("Location", location);
    response.headers.erase("Content-Type");
    response.set_header("Content-Type", std::string(json_type));
    const std::string& label = rec.parts[part->part].label;
    response.body =
        to_text(nlohmann::json{{"redirect",
                                {{"code", 307},
                                 {"message", match.ref.substr(0, 64) + " is part " + label +
                                                 " of recommendation " + rec.ref},
                                 {"ref", rec.ref},
                                 {"part", label},
                                 {"location", location}}}});
    return true;
}

std::string not_found_message(RouteMatch match, std::string_view path) {
    if (match.route == Route::chapter)
        return "there is no chapter " + std::to_string(match.number) + " in this plan";
    if (match.route == Route::recommendation)
        return "there is no recommendation " + match.ref.substr(0, 64) + " in this plan";
    std::string shown(path.substr(0, 200));
    return "no such path: " + shown + " (GET / lists the endpoints)";
}

} // namespace

Handler::Handler(const LivePlan& live, bool cors, const history::History* history, int stale_days)
    : live_(live), cors_(cors), history_(history), stale_days_(stale_days) {
    prepare_web_assets(); // before the first request, not during it
}

httplib::Headers Handler::default_headers() const {
    httplib::Headers headers{{"Cache-Control", "no-cache"},
                             {"Vary", "Accept-Encoding"},
                             {"X-Content-Type-Options", "nosniff"},
                             {"Content-Security-Policy", std::string(content_security_policy)},
                             {"Referrer-Policy", "no-referrer"}};
    if (cors_)
        headers.emplace("Access-Control-Allow-Origin", "*");
    return headers;
}

void Handler::handle(const httplib::Request& request, httplib::Response& response) const {
    if (request.method == "HEAD")
        response.set_header("Accept-Ranges", "none");
    ParsedTarget target = target_of(request);
    if (target.error) {
        send_error(response, 400, error_body(400, *target.error));
        return;
    }
    const std::string& path = target.target.path;
    const QueryParams& params = target.target.params;
    RouteMatch match = match_route(path);
    if (match.route == Route::asset) {
        if (const PreparedBody* asset = web_asset(match.ref))
            serve_static(request, response, *asset, 200);
        else
            send_error(response, 404, error_body(404, "no such file: " + path.substr(0, 200)));
        return;
    }
    // The browser dashboard: its pages, "/" for a browser, and a browser's 404s.
    bool html = prefers_html(accept_of(request));
    if (match.route == Route::index || match.route == Route::unknown)
        vary_by_accept(response);
    if (match.route == Route::page ||
        (html && (match.route == Route::index || match.route == Route::unknown))) {
        std::shared_ptr<const Snapshot> snapshot = live_.current();
        int status = !snapshot ? 503 : page_exists(match, *snapshot) ? 200 : 404;
        if (status == 404 && redirect_part_ref(request, response, match, *snapshot->plan))
            return;
        serve_static(request, response, web_shell(), status);
        return;
    }
    if (match.route == Route::unknown) {
        send_error(response, 404, error_body(404, not_found_message(match, path)));
        return;
    }
    QueryResult parsed = parse_query(match.route, params);
    if (parsed.error) {
        send_error(response, 400, bad_parameter_body(*parsed.error));
        return;
    }

    std::shared_ptr<const Snapshot> snapshot = live_.current(); // once per request
    if (!snapshot) { // a follower whose source has not sent a valid plan yet
        std::string message = "no plan is loaded yet";
        if (auto state = live_.state(); !state->last_error.empty())
            message += ": " + state->last_error;
        send_error(response, 503, error_body(503, message));
        return;
    }
    if (match.route == Route::healthz) {
        auto history_state = history_ ? history_->current() : nullptr;
        serve_rendered(request, response, match.route, json_type,
                       to_text(health_json(*snapshot, *live_.state(), history_state.get(),
                                           stale_days_, std::chrono::system_clock::now())));
        return;
    }
    if (is_history_route(match.route)) {
        serve_history(request, response, match, params, parsed.query);
        return;
    }
    if (match.route == Route::metrics) {
        auto history_state = history_ ? history_->current() : nullptr;
        serve_rendered(request, response, match.route, prometheus_type,
                       render_metrics(snapshot.get(), *live_.state(), counters_,
                                      std::chrono::system_clock::now(), history_state.get()));
        return;
    }

    if (match.route == Route::source) // when the plan last changed: a follower's stale banner
        response.set_header("Last-Modified", http_date(snapshot->data_updated_at));

    if (asks_default_view(params, parsed.query, *snapshot)) {
        // "/recommendations/3A" and "/recommendations/3a" are one body, stored under the ref
        // as the plan writes it.
        std::string key = path;
        if (match.route == Route::recommendation) {
            if (auto index = recommendation_index(*snapshot->plan, match.ref))
                key = recommendation_path(snapshot->plan->recommendations[*index].ref);
        }
        auto prepared = snapshot->bodies.find(key);
        if (prepared != snapshot->bodies.end()) {
            serve_prepared(request, response, match.route, snapshot, prepared->second);
            return;
        }
    }
    // Another date or a filter: rendered for this request only, the snapshot left as it is.
    std::shared_ptr<const Snapshot> view = snapshot;
    if (parsed.query.as_of && *parsed.query.as_of != snapshot->view.as_of)
        view = live_.at(*parsed.query.as_of);
    std::optional<Rendered> rendered = view ? render(match, *view, parsed.query) : std::nullopt;
    if (!rendered && view && redirect_part_ref(request, response, match, *view->plan))
        return;
    if (!rendered) {
        send_error(response, 404, error_body(404, not_found_message(match, path)));
        return;
    }
    serve_rendered(request, response, match.route, rendered->content_type,
                   std::move(rendered->body));
}

void Handler::serve_history(const httplib::Request& request, httplib::Response& response,
                            const RouteMatch& match, const QueryParams& params,
                            const Query& query) const {
    std::shared_ptr<const history::HistoryState> state = history_ ? history_->current() : nullptr;
    if (!state || !state->available() || !state->snapshot) {
        std::string why = !state ? std::string("history off (--no-history)")
                          : !state->snapshot && state->available()
                              ? std::string("history: no plan is loaded yet")
                              : state->status_line();
        send_error(response, 503, error_body(503, why));
        return;
    }
    bool default_view = params.empty() || (params.size() == 1 && query.as_of &&
                                           *query.as_of == state->snapshot->view.as_of);
    if (default_view) {
        auto prepared = state->bodies.find(std::string(route_template(match.route)));
        if (prepared != state->bodies.end()) {
            serve_prepared(request, response, match.route, state, prepared->second);
            return;
        }
    }
    nlohmann::json body;
    try {
        if (match.route == Route::history) {
            body = history_json(*state);
        } else if (match.route == Route::trend) {
            body = trend_json(*state);
        } else {
            history::ChangesResult result =
                history::changes_at(*state, query.since ? query.since : state->since, query.as_of);
            if (result.baseline.unknown_version) {
                send_error(response, 404, error_body(404, result.baseline.why_none));
                return;
            }
            body = changes_json(*state, result);
        }
    } catch (const std::exception& error) {
        send_error(response, 500, error_body(500, std::string("history: ") + error.what()));
        return;
    }
    serve_rendered(request, response, match.route, json_type, to_text(body));
}

void Handler::serve_prepared(const httplib::Request& request, httplib::Response& response,
                             Route route, std::shared_ptr<const void> snapshot,
                             const PreparedBody& body) const {
    bool gzip = !body.gzip.empty() && wants_gzip(request);
    const std::string& bytes = gzip ? body.gzip : body.identity;
    std::string etag = gzip ? gzip_etag(body.etag) : body.etag;
    if (not_modified(request, etag)) {
        response.status = 304;
        response.set_header("ETag", etag);
        return;
    }
    response.status = 200;
    response.set_header("ETag", etag);
    if (gzip)
        response.set_header("Content-Encoding", "gzip");
    if (route == Route::recommendations_csv)
        response.set_header("Content-Disposition", "attachment; filename=\"recommendations.csv\"");
    if (request.method == "HEAD") {
        response.set_header("Content-Type", body.content_type);
        response.set_header("Content-Length", std::to_string(bytes.size()));
        return;
    }
    if (bytes.size() <= copy_limit) {
        response.set_header("Content-Type", body.content_type);
        response.body = bytes;
        return;
    }
    const char* data = bytes.data();
    response.set_content_provider(bytes.size(), body.content_type,
                                  [snapshot = std::move(snapshot), data](std::size_t offset,
                                                                         std::size_t length,
                                                                         httplib::DataSink& sink) {
                                      return sink.write(data + offset, length);
                                  });
}

void Handler::serve_static(const httplib::Request& request, httplib::Response& response,
                           const PreparedBody& body, int status) const {
    bool gzip = !body.gzip.empty() && wants_gzip(request);
    const std::string& bytes = gzip ? body.gzip : body.identity;
    std::string etag = gzip ? gzip_etag(body.etag) : body.etag;
    if (status == 200) { // a 404 page is never "not modified"
        response.set_header("ETag", etag);
        if (not_modified(request, etag)) {
            response.status = 304;
            return;
        }
    }
    response.status = status;
    if (gzip)
        response.set_header("Content-Encoding", "gzip");
    response.set_header("Content-Type", body.content_type);
    if (request.method == "HEAD") {
        response.set_header("Content-Length", std::to_string(bytes.size()));
        return;
    }
    response.body = bytes; // every file is small: copied
}

void Handler::serve_rendered(const httplib::Request& request, httplib::Response& response,
                             Route route, std::string_view content_type, std::string body) const {
    std::string etag = make_etag(body);
    bool gzip = body.size() >= compress_from && wants_gzip(request);
    std::string compressed;
    if (gzip) {
        compressed = gzip_compress(body, fast_compression);
        gzip = !compressed.empty() && compressed.size() < body.size();
    }
    if (gzip)
        etag = gzip_etag(etag);
    response.set_header("ETag", etag);
    if (not_modified(request, etag)) {
        response.status = 304;
        return;
    }
    response.status = 200;
    if (gzip)
        response.set_header("Content-Encoding", "gzip");
    if (route == Route::recommendations_csv)
        response.set_header("Content-Disposition", "attachment; filename=\"recommendations.csv\"");
    response.set_header("Content-Type", std::string(content_type));
    std::string& bytes = gzip ? compressed : body;
    if (request.method == "HEAD") {
        response.set_header("Content-Length", std::to_string(bytes.size()));
        return;
    }
    response.body = std::move(bytes);
}

void Handler::complete_error(const httplib::Request&, httplib::Response& response) const {
    if (!response.body.empty())
        return; // ours already
    std::string message;
    switch (response.status) {
    case 400:
        message = "the request could not be read as HTTP/1.1";
        break;
    case 414:
        message = "the request line is too long";
        break;
    default:
        message = std::string(status_text(response.status));
        break;
    }
    send_error(response, response.status, error_body(response.status, message));
}

void Handler::finish(const httplib::Request&, httplib::Response& response) const {
    // httplib writes "Content-Length: 0" on every empty response; on a 304 it would claim the
    // representation is empty (RFC 9110 8.6).
    if (response.status == 304)
        response.headers.erase("Content-Length");
    response.set_header("Date", http_date(std::chrono::system_clock::now()));
}

void Handler::count(const httplib::Request& request, const httplib::Response& response) {
    counters_.record(match_route(target_of(request).target.path).route, response.status);
}

EarlyReply Handler::early_reply(const EarlyRequest& request) {
    ParsedTarget parsed = parse_target(request.target);
    const std::string& target = parsed.target.path;
    RouteMatch match = parsed.error ? RouteMatch{} : match_route(target);
    std::string method(request.method.substr(0, 16));
    EarlyReply reply;
    switch (request.why) {
    case Rejection::method_not_allowed:
        // "CONNECT host:443" or "OPTIONS *" name no path at all: the method is what is wrong.
        if (match.route == Route::unknown && !parsed.error) {
            reply.status = 404;
            reply.body = error_body(404, not_found_message(match, target));
        } else {
            reply.status = 405;
            reply.body = error_body(
                405, "method " + method +
                         " is not allowed: the feed is read-only and answers GET and HEAD");
        }
        break;
    case Rejection::body_too_large:
        reply.status = 413;
        reply.body =
            error_body(413, "the request body is too large: the feed reads no request bodies");
        break;
    case Rejection::chunked_body:
        reply.status = 400;
        reply.body = error_body(400, "a request body with Transfer-Encoding is not accepted");
        break;
    case Rejection::bad_length:
        reply.status = 400;
        reply.body = error_body(400, "the Content-Length header could not be read");
        break;
    case Rejection::head_too_large:
        reply.status = 431;
        reply.body = error_body(431, "the request headers are too large");
        break;
    case Rejection::uri_too_long:
        reply.status = 414;
        reply.body = error_body(414, "the request line is too long");
        break;
    case Rejection::malformed:
        reply.status = 400;
        reply.body = error_body(400, "the request could not be read as HTTP/1.1: " +
                                         std::string(request.detail));
        break;
    case Rejection::head_timeout:
        reply.status = 408;
        reply.body = error_body(408, "the request head did not arrive in time");
        break;
    case Rejection::version_not_supported:
        reply.status = 505;
        reply.body = error_body(505, std::string(request.detail));
        break;
    }
    counters_.record(match.route, reply.status);
    return reply;
}

} // namespace actionboard::feed
