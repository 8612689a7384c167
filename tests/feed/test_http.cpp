// HTTP behaviour: ETag and 304, gzip, HEAD, headers, errors and limits, keep-alive, shutdown,
// and that no input can take the server down.

#include "dashboard/feed/encoding.hpp"
#include "dashboard/feed/http_engine.hpp"
#include "feed_fixture.hpp"

#include <random>
#include <sys/resource.h>
#include <thread>

using namespace feed_test;
using namespace actionboard;

namespace {

// Every body prepared for the default view.
std::vector<std::string> prepared_paths(const Feed& feed) {
    std::vector<std::string> paths;
    for (const auto& [path, body] : feed.live->current()->bodies)
        paths.push_back(path);
    REQUIRE(paths.size() > 60);
    return paths;
}

json error_of(const httplib::Result& result) {
    REQUIRE(result);
    CHECK(result->get_header_value("Content-Type") == "application/json; charset=utf-8");
    json body = json::parse(result->body);
    REQUIRE(body.contains("error"));
    CHECK(body["error"]["code"] == result->status);
    CHECK(body["error"]["message"].is_string());
    return body["error"];
}

} // namespace

TEST_CASE("a strong ETag per representation, and If-None-Match gives 304") {
    Feed feed;
    auto client = feed.client();
    for (const auto& path : prepared_paths(feed)) {
        auto identity = client.Get(path);
        REQUIRE(identity);
        REQUIRE(identity->status == 200);
        std::string etag = identity->get_header_value("ETag");
        CHECK_MESSAGE(etag.size() > 2, path);
        CHECK(etag.front() == '"'); // strong: no W/ prefix
        auto gzipped = client.Get(path, {{"Accept-Encoding", "gzip"}});
        REQUIRE(gzipped);
        if (gzipped->get_header_value("Content-Encoding") == "gzip")
            CHECK_MESSAGE(gzipped->get_header_value("ETag") != etag, path);

        auto again = client.Get(path, {{"If-None-Match", etag}});
        REQUIRE(again);
        CHECK_MESSAGE(again->status == 304, path);
        CHECK(again->body.empty());
        CHECK(again->get_header_value("ETag") == etag);
        CHECK_FALSE(again->has_header("Content-Length"));
        // "/" is JSON or the browser dashboard by Accept (test_web.cpp).
        CHECK(again->get_header_value("Vary") ==
              (path == "/" ? "Accept, Accept-Encoding" : "Accept-Encoding"));
        CHECK(again->get_header_value("Cache-Control") == "no-cache");
    }

    auto first = client.Get("/api/v1/summary");
    REQUIRE(first);
    std::string etag = first->get_header_value("ETag");
    auto status_with = [&](const std::string& if_none_match) {
        auto result = client.Get("/api/v1/summary", {{"If-None-Match", if_none_match}});
        REQUIRE(result);
        return result->status;
    };
    CHECK(status_with("\"other\", " + etag) == 304);
    CHECK(status_with("W/" + etag) == 304); // If-None-Match compares weakly
    CHECK(status_with("*") == 304);
    CHECK(status_with("\"other\"") == 200);
    CHECK(status_with(etag.substr(0, etag.size() - 2) + "\"") == 200);

    // Bodies made per request (as_of, filters) carry ETags too.
    auto filtered = client.Get("/api/v1/recommendations?rag=red");
    REQUIRE(filtered);
    std::string filtered_etag = filtered->get_header_value("ETag");
    CHECK_FALSE(filtered_etag.empty());
    CHECK(status_with(filtered_etag) == 200); // another resource's tag
    auto filtered_again =
        client.Get("/api/v1/recommendations?rag=red", {{"If-None-Match", filtered_etag}});
    REQUIRE(filtered_again);
    CHECK(filtered_again->status == 304);
}

TEST_CASE("gzip: compressed once, and the decompressed body equals the identity body") {
    Feed feed;
    auto client = feed.client();
    int compressed = 0;
    for (const auto& path : prepared_paths(feed)) {
        auto identity = client.Get(path);
        auto gzipped = client.Get(path, {{"Accept-Encoding", "gzip, deflate, br"}});
        REQUIRE(identity);
        REQUIRE(gzipped);
        CHECK_FALSE(identity->has_header("Content-Encoding"));
        CHECK(identity->get_header_value("Vary") ==
              (path == "/" ? "Accept, Accept-Encoding" : "Accept-Encoding"));
        if (gzipped->get_header_value("Content-Encoding") != "gzip") {
            CHECK(gzipped->body == identity->body); // too small to gain
            continue;
        }
        ++compressed;
        CHECK(gzipped->get_header_value_count("Content-Encoding") == 1);
        CHECK(gzipped->body.size() < identity->body.size());
        // One gunzip gives the identity bytes: never compressed twice.
        CHECK_MESSAGE(feed::gzip_decompress(gzipped->body) == identity->body, path);
    }
    CHECK(compressed > 60);

    // Text types too, which httplib would otherwise compress itself (text/csv, text/plain).
    for (std::string path :
         {"/api/v1/recommendations.csv", "/metrics", "/api/v1/recommendations.csv?rag=red"}) {
        auto identity = client.Get(path);
        auto gzipped = client.Get(path, {{"Accept-Encoding", "gzip"}});
        REQUIRE(identity);
        REQUIRE(gzipped);
        CHECK_MESSAGE(!identity->has_header("Content-Encoding"), path);
        REQUIRE(gzipped->get_header_value("Content-Encoding") == "gzip");
        std::string once = feed::gzip_decompress(gzipped->body);
        if (path == "/metrics")
            CHECK(once.rfind("# HELP", 0) == 0);
        else
            CHECK(once == identity->body);
    }

    // Bodies made per request.
    auto identity = client.Get("/api/v1/plan?as_of=2009-12-01");
    auto gzipped = client.Get("/api/v1/plan?as_of=2009-12-01", {{"Accept-Encoding", "gzip"}});
    REQUIRE(identity);
    REQUIRE(gzipped);
    REQUIRE(gzipped->get_header_value("Content-Encoding") == "gzip");
    CHECK(feed::gzip_decompress(gzipped->body) == identity->body);

    // Refused or unknown codings give identity.
    for (std::string accept : {"gzip;q=0", "br", "identity", "deflate", "*;q=0", "gzip;q=0, *"}) {
        auto result = client.Get("/api/v1/summary", {{"Accept-Encoding", accept}});
        REQUIRE(result);
        CHECK_MESSAGE(!result->has_header("Content-Encoding"), accept);
    }
    for (std::string accept : {"GZIP", "x-gzip", "*", "br;q=1, gzip;q=0.5"}) {
        auto result = client.Get("/api/v1/summary", {{"Accept-Encoding", accept}});
        REQUIRE(result);
        CHECK_MESSAGE(result->get_header_value("Content-Encoding") == "gzip", accept);
    }
}

TEST_CASE("HEAD gives GET's headers and no body") {
    Feed feed;
    auto client = feed.client();
    for (std::string path : {"/", "/api/v1/summary", "/api/v1/plan", "/api/v1/recommendations/2",
                             "/api/v1/recommendations?rag=red", "/healthz", "/metrics"}) {
        for (std::string accept : {"", "gzip"}) {
            httplib::Headers headers;
            if (!accept.empty())
                headers.emplace("Accept-Encoding", accept);
            auto get = client.Get(path, headers);
            auto head = client.Head(path, headers);
            REQUIRE(get);
            REQUIRE(head);
            CHECK(head->status == 200);
            CHECK(head->body.empty());
            CHECK_MESSAGE(head->get_header_value("Content-Type") ==
                              get->get_header_value("Content-Type"),
                          path);
            CHECK(head->get_header_value("Content-Encoding") ==
                  get->get_header_value("Content-Encoding"));
            if (path != "/metrics" && path != "/healthz") { // these change between two requests
                CHECK_MESSAGE(head->get_header_value("ETag") == get->get_header_value("ETag"),
                              path);
                CHECK(head->get_header_value("Content-Length") == std::to_string(get->body.size()));
            }
        }
    }
    RawConnection raw(feed.port());
    REQUIRE(raw.send("HEAD /api/v1/summary HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz "
                     "HTTP/1.1\r\nHost: x\r\n\r\n"));
    auto head = raw.read_response(true);
    REQUIRE(head);
    CHECK(head->status == 200);
    auto next = raw.read_response(); // no stray body bytes in between
    REQUIRE(next);
    CHECK(next->status == 200);
    CHECK(json::parse(next->body)["status"] == "ok");
}

TEST_CASE("Range and If-Range are ignored on every path: the response is as without them") {
    // RFC 9110 14.2: a server that does not serve ranges ignores Range, whatever its value.
    // httplib answered 416 to every value it could not read, on every path (issue case c08).
    Feed feed;
    const std::vector<std::string> paths = {"/api/v1/summary",
                                            "/api/v1/recommendations?q=training",
                                            "/api/v1/recommendations.csv",
                                            "/",
                                            "/nope",
                                            "/api/v1/chapters/99",
                                            "/api/v1/summary?rag=purple"};
    const std::vector<std::string> ranges = {
        "bytes=0-3",      "bytes=0-10", "bytes=0-1,3-4",       "bytes=-5",
        "bytes=9999999-", "bytes=5-1",  "bytes=abc",           "bytes=",
        "bytes=0-0,-1",   "items=0-3",  "Bytes=0-3",           "BYTES=0-3",
        "none",           "",           "bytes=0-3, items=1-2"};
    auto request = [&feed](const std::string& method, const std::string& path,
                           const std::string& headers) {
        RawConnection raw(feed.port());
        REQUIRE(raw.connected());
        REQUIRE(
            raw.send(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers + "\r\n"));
        auto response = raw.read_response(method == "HEAD");
        REQUIRE(response);
        return *response;
    };
    for (std::string method : {"GET", "HEAD"}) {
        for (const auto& path : paths) {
            RawResponse plain = request(method, path, "");
            CHECK(plain.status != 416);
            std::vector<std::string> headers;
            for (const auto& range : ranges) {
                headers.push_back("Range: " + range + "\r\n");
                headers.push_back("range: " + range + "\r\n");
                headers.push_back("RANGE: " + range + "\r\n");
            }
            headers.push_back("Range: bytes=0-3\r\nRange: items=1-2\r\n");
            headers.push_back("Range: bytes=0-3\r\nIf-Range: \"" + plain.header("ETag") + "\"\r\n");
            headers.push_back("Range: bytes=0-3\r\nIf-Range: Wed, 21 Oct 2015 07:28:00 GMT\r\n");
            headers.push_back("If-Range: \"x\"\r\n");
            for (const auto& header : headers) {
                CAPTURE(method);
                CAPTURE(path);
                CAPTURE(header);
                RawResponse ranged = request(method, path, header);
                CHECK(ranged.status == plain.status);
                CHECK(ranged.body == plain.body);
                CHECK(ranged.header("Content-Length") == plain.header("Content-Length"));
                CHECK(ranged.header("ETag") == plain.header("ETag"));
                CHECK(ranged.header("Content-Range").empty());
                if (method == "HEAD")
                    CHECK(ranged.header("Accept-Ranges") == "none");
            }
        }
    }
    // The issue's paths and values, with the expected statuses themselves.
    auto summary = request("GET", "/api/v1/summary", "Range: bytes=0-3\r\n");
    CHECK(summary.status == 200);
    CHECK(json::parse(summary.body)["plan"]["id"].is_string()); // the whole body, not 4 bytes
    for (std::string range : {"items=0-3", "Bytes=0-3", "bytes=abc", "bytes=5-1"}) {
        CAPTURE(range);
        CHECK(request("GET", "/api/v1/summary", "Range: " + range + "\r\n").status == 200);
        CHECK(request("HEAD", "/api/v1/summary", "Range: " + range + "\r\n").status == 200);
        CHECK(request("GET", "/nope", "Range: " + range + "\r\n").status == 404);
        CHECK(request("HEAD", "/nope", "Range: " + range + "\r\n").status == 404);
    }
    // A revalidation with Range is still a 304.
    std::string etag = summary.header("ETag");
    REQUIRE_FALSE(etag.empty());
    CHECK(request("GET", "/api/v1/summary", "If-None-Match: " + etag + "\r\nRange: bytes=0-3\r\n")
              .status == 304);
    // Taking the header out leaves what follows it on a kept-alive connection intact.
    RawConnection raw(feed.port());
    REQUIRE(raw.send("GET /nope HTTP/1.1\r\nHost: x\r\nRange: items=0-3\r\n\r\n"
                     "GET /healthz HTTP/1.1\r\nRange: bytes=5-1\r\nHost: x\r\n\r\n"));
    auto first = raw.read_response();
    REQUIRE(first);
    CHECK(first->status == 404);
    auto second = raw.read_response();
    REQUIRE(second);
    CHECK(second->status == 200);
    CHECK(json::parse(second->body)["status"] == "ok");
}

TEST_CASE("every response: JSON in UTF-8, no-cache, Vary, nosniff, CORS for GET") {
    SUBCASE("CORS on") {
        Feed feed;
        for (std::string path :
             {"/", "/api/v1/summary", "/healthz", "/nope", "/api/v1/recommendations?rag=x"}) {
            auto result = feed.get(path);
            REQUIRE(result);
            CHECK_MESSAGE(result->get_header_value("Access-Control-Allow-Origin") == "*", path);
            CHECK(result->get_header_value("X-Content-Type-Options") == "nosniff");
            CHECK(result->get_header_value("Cache-Control") == "no-cache");
            CHECK(result->get_header_value("Content-Type") == "application/json; charset=utf-8");
            CHECK(result->get_header_value("Date").size() == 29); // "Sun, 06 Nov 1994 08:49:37 GMT"
        }
        auto metrics = feed.get("/metrics");
        REQUIRE(metrics);
        CHECK(metrics->get_header_value("Content-Type") ==
              "text/plain; version=0.0.4; charset=utf-8");
    }
    SUBCASE("CORS off (--no-cors)") {
        Feed feed(FeedOptions{std::nullopt, false});
        auto result = feed.get("/api/v1/summary");
        REQUIRE(result);
        CHECK(result->status == 200);
        CHECK_FALSE(result->has_header("Access-Control-Allow-Origin"));
        CHECK(result->get_header_value("X-Content-Type-Options") == "nosniff");
    }
}

TEST_CASE("other methods give 405 with Allow, unknown paths 404, all as JSON") {
    Feed feed;
    auto client = feed.client();
    std::vector<httplib::Result> refused;
    refused.push_back(client.Post("/api/v1/summary", "x=1", "application/x-www-form-urlencoded"));
    refused.push_back(client.Post("/api/v1/summary"));
    refused.push_back(client.Put("/api/v1/recommendations/2", "{}", "application/json"));
    refused.push_back(client.Patch("/api/v1/plan", "{}", "application/json"));
    refused.push_back(client.Delete("/api/v1/recommendations/2"));
    refused.push_back(client.Options("/api/v1/summary"));
    for (auto& result : refused) {
        json error = error_of(result);
        CHECK(result->status == 405);
        CHECK(result->get_header_value("Allow") == "GET, HEAD");
    }
    RawConnection raw(feed.port());
    REQUIRE(raw.send("BREW /api/v1/summary HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz "
                     "HTTP/1.1\r\nHost: x\r\n\r\n"));
    auto brew = raw.read_response();
    REQUIRE(brew);
    CHECK(brew->status == 405);
    CHECK(brew->header("Allow") == "GET, HEAD");
    auto after = raw.read_response(); // the connection stays usable
    REQUIRE(after);
    CHECK(after->status == 200);

    // A client waiting for "100 Continue" before sending its body is refused at once.
    RawConnection expecting(feed.port());
    REQUIRE(expecting.send("POST /api/v1/summary HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n"
                           "Expect: 100-continue\r\n\r\n"));
    auto early = expecting.read_response();
    REQUIRE(early);
    CHECK(early->status == 405);

    for (std::string path :
         {"/nope", "/api/v1", "/api/v1/", "/api/v2/summary", "/API/V1/SUMMARY", "/healthz/"}) {
        auto result = client.Get(path);
        error_of(result);
        CHECK_MESSAGE(result->status == 404, path);
    }
    auto post_unknown = client.Post("/nope", "", "text/plain");
    error_of(post_unknown);
    CHECK(post_unknown->status == 404);
}

TEST_CASE("oversized requests: 413 for a body, 431 for headers, 414 for the request line") {
    Feed feed;
    auto client = feed.client();
    auto big_post =
        client.Post("/api/v1/summary", std::string(1 << 20, 'x'), "application/octet-stream");
    error_of(big_post);
    CHECK(big_post->status == 413);

    auto big_header = client.Get("/api/v1/summary", {{"X-Filler", std::string(20000, 'a')}});
    error_of(big_header);
    CHECK(big_header->status == 431);

    httplib::Headers many;
    for (int i = 0; i < 400; ++i)
        many.emplace("X-Filler-" + std::to_string(i), std::string(60, 'b'));
    auto many_headers = client.Get("/api/v1/summary", many);
    error_of(many_headers);
    CHECK(many_headers->status == 431);

    auto long_uri = client.Get("/api/v1/recommendations?q=" + std::string(9000, 'c'));
    error_of(long_uri);
    CHECK(long_uri->status == 414);

    // A GET announcing a large body, from a raw socket.
    RawConnection raw(feed.port());
    REQUIRE(raw.send(
        "GET /api/v1/summary HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\n\r\nxxxx"));
    auto response = raw.read_response();
    REQUIRE(response);
    CHECK(response->status == 413);
    CHECK(response->header("Connection") == "close");

    // A small body on a GET is skipped; the next request on the connection is read correctly.
    RawConnection small(feed.port());
    REQUIRE(small.send("GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhelloGET / "
                       "HTTP/1.1\r\nHost: x\r\n\r\n"));
    auto first = small.read_response();
    auto second = small.read_response();
    REQUIRE(first);
    REQUIRE(second);
    CHECK(first->status == 200);
    CHECK(second->status == 200);
    CHECK(json::parse(second->body).contains("endpoints"));

    // The server is still fine.
    auto health = client.Get("/healthz");
    REQUIRE(health);
    CHECK(health->status == 200);
}

TEST_CASE("malformed and random input never takes the server down") {
    Feed feed;
    std::vector<std::string> inputs = {
        "\r\n\r\n",
        "GET\r\n\r\n",
        "GET / HTTP/1.1\r\nBad header line\r\n\r\n",
        "GET /%zz%00 HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /api/v1/recommendations?q=%ff%fe HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET / HTTP/1.1\r\nContent-Length: abc\r\n\r\n",
        "GET / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n",
        "GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
        "GET / HTTP/1.1\r\nRange: bytes=zz\r\n\r\n",
        "GET /api/v1/summary HTTP/1.1\r\nRange: bytes=0-9\r\n\r\n",
        "GET /api/v1/summary HTTP/1.1\nHost: x\n\n",
        std::string("GET / HTTP/1.1\r\nX: \0\x01\x02\r\n\r\n", 26),
        "GET /api/v1/recommendations?status=compliant&status HTTP/1.1\r\n\r\n",
        "GET /api/v1/recommendations?=&&=x&q HTTP/1.1\r\n\r\n",
        "GET /api/v1/chapters/99999999999999999999 HTTP/1.1\r\n\r\n",
        "GET /api/v1/summary?as_of=99999-01-01 HTTP/1.1\r\n\r\n",
        "GET /api/v1/summary?as_of=0000-01-01 HTTP/1.1\r\n\r\n",
    };
    std::mt19937 random(20090312);
    for (int i = 0; i < 200; ++i) {
        std::string noise(std::size_t(random() % 600), '\0');
        for (char& c : noise)
            c = char(random() % 256);
        if (i % 2)
            noise = "GET /" + noise + " HTTP/1.1\r\n\r\n";
        inputs.push_back(noise);
    }
    for (const auto& input : inputs) {
        RawConnection raw(feed.port());
        REQUIRE(raw.connected());
        raw.send(input);
        raw.finish_sending(); // an unfinished head then ends instead of waiting for more
        auto response = raw.read_response();
        if (response) {
            CHECK(response->status >= 200);
            CHECK(response->status < 500);
            if (response->status >= 400 && !response->body.empty())
                CHECK(json::parse(response->body)["error"]["code"] == response->status);
        }
    }
    // Whatever happened above, the server answers.
    auto health = feed.get("/healthz");
    REQUIRE(health);
    CHECK(health->status == 200);
    auto summary = feed.get("/api/v1/summary");
    REQUIRE(summary);
    CHECK(summary->status == 200);
}

TEST_CASE("keep-alive: 200 idle connections do not hold up a new request") {
    // A keep-alive timeout far beyond the test's length: any connection closed below was closed
    // to make room, not because a slow (sanitizer) build took longer than the default 5 s.
    FeedOptions options;
    options.keep_alive_timeout = std::chrono::seconds(120);
    Feed feed(options);
    IdleConnections idle = open_idle_connections(feed.port(), 200);
    // A newcomer is answered while all 200 are still open and idle...
    auto fresh = feed.get("/api/v1/summary");
    REQUIRE(fresh);
    CHECK(fresh->status == 200);
    // ...and they were not closed to make room.
    check_idle_connections_still_served(idle);
}

// The nice value of every thread of this process named `name`, read from /proc (field 19 of
// /proc/self/task/TID/stat, counted after the parenthesised name).
static std::vector<int> nice_of_threads_named(const std::string& name) {
    std::vector<int> nices;
    for (const auto& task : fs::directory_iterator("/proc/self/task")) {
        std::string comm = read_text(task.path() / "comm");
        if (comm != name + "\n")
            continue;
        std::string stat = read_text(task.path() / "stat");
        std::istringstream fields(stat.substr(stat.rfind(')') + 2));
        std::string field;
        for (int index = 3; index <= 19 && fields >> field; ++index) {
        }
        nices.push_back(std::stoi(field));
    }
    return nices;
}

TEST_CASE("keep-alive: 1500 idle connections wait in epoll, not on threads, and answer again") {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < 4096) {
        limit.rlim_cur = std::min<rlim_t>(4096, limit.rlim_max);
        setrlimit(RLIMIT_NOFILE, &limit);
    }
    FeedOptions options;
    options.keep_alive_timeout = std::chrono::seconds(120);
    Feed feed(options);
    // Each is answered in turn and stays open. With a thread per open connection (the engine
    // before the idle set) the 513th would wait, unanswered, for one of the first 512 to time
    // out: threads are capped at 512 (HttpLimits::max_threads).
    IdleConnections idle = open_idle_connections(feed.port(), 1500);
    std::size_t cap = actionboard::feed::HttpLimits{}.max_threads;
    REQUIRE(cap == 512);
    CHECK(nice_of_threads_named("feed-conn").size() <= cap);
    // ...and every one of the 1500 is still served, once more each.
    check_idle_connections_still_served(idle);
    CHECK(nice_of_threads_named("feed-conn").size() <= cap);
}

TEST_CASE("keep-alive: an idle connection is closed once the keep-alive timeout has passed") {
    FeedOptions options;
    options.keep_alive_timeout = std::chrono::milliseconds(300);
    Feed feed(options);
    RawConnection raw(feed.port());
    REQUIRE(raw.send(get_request("/healthz")));
    auto response = raw.read_response();
    REQUIRE(response);
    CHECK(response->header("Keep-Alive").find("timeout=") != std::string::npos);
    // Closed by the server after 0.3 s idle (checked every 0.25 s): within 5 s here, a bound.
    CHECK(raw.wait_readable(std::chrono::milliseconds(5000) * time_scale()));
    CHECK(raw.closed_by_peer());
}

TEST_CASE("pipelined requests are answered in order on one connection") {
    Feed feed;
    RawConnection raw(feed.port());
    REQUIRE(raw.send(get_request("/api/v1/recommendations/1") +
                     get_request("/api/v1/recommendations/2") +
                     get_request("/api/v1/recommendations/3")));
    for (int ref = 1; ref <= 3; ++ref) {
        auto response = raw.read_response();
        REQUIRE(response);
        CHECK(response->status == 200);
        CHECK(json::parse(response->body)["ref"] == std::to_string(ref));
    }
    RawConnection old(feed.port());
    REQUIRE(old.send("GET /healthz HTTP/1.0\r\n\r\n"));
    auto response = old.read_response();
    REQUIRE(response);
    CHECK(response->status == 200);
    CHECK(old.closed_by_peer()); // HTTP/1.0 without keep-alive
}


TEST_CASE("connection threads run below the process's priority, so reloads keep the CPU") {
    errno = 0;
    int own_nice = getpriority(PRIO_PROCESS, static_cast<id_t>(gettid()));
    REQUIRE(errno == 0);
    Feed feed;
    // Hold a connection open so at least one thread is busy with it while we look.
    RawConnection held(feed.port());
    REQUIRE(held.send(get_request("/healthz")));
    REQUIRE(held.read_response());
    auto nices = nice_of_threads_named("feed-conn");
    REQUIRE_FALSE(nices.empty());
    int expected = std::min(own_nice + actionboard::feed::HttpLimits{}.connection_nice, 19);
    if (own_nice < 19) // already the lowest priority: nothing lower to take
        CHECK(expected > own_nice);
    for (int nice : nices)
        CHECK(nice == expected);
}

TEST_CASE("stop() returns with idle and half-sent connections open, and closes them") {
    auto feed = std::make_unique<Feed>();
    RawConnection idle(feed->port());
    REQUIRE(idle.send(get_request("/healthz")));
    REQUIRE(idle.read_response());
    RawConnection half(feed->port());
    REQUIRE(half.send("GET /api/v1/summary HTTP/1.1\r\nHost:"));
    RawConnection silent(feed->port());
    REQUIRE(silent.connected());

    feed->server->stop(); // a hang here fails the test through its ctest timeout
    CHECK(idle.closed_by_peer());
    CHECK(half.closed_by_peer());
    CHECK(silent.closed_by_peer());
    feed->server->stop(); // twice is harmless
    RawConnection refused(feed->port());
    CHECK_FALSE(refused.connected());
}

TEST_CASE("a port in use is reported, not shared") {
    Feed first;
    LivePlanOptions options;
    LivePlan live(options);
    REQUIRE(live.load_initial().ok());
    feed::Server second(live, feed::ServerOptions{"127.0.0.1", first.port(), true});
    std::string error;
    CHECK_FALSE(second.start(error));
    CHECK(error.find(std::to_string(first.port())) != std::string::npos);
    CHECK(error.find("in use") != std::string::npos);

    feed::Server nowhere(live, feed::ServerOptions{"192.0.2.1", 0, true}); // TEST-NET: not ours
    CHECK_FALSE(nowhere.start(error));
    CHECK(error.find("192.0.2.1") != std::string::npos);
}

TEST_CASE("/metrics counts requests by route and code") {
    Feed feed;
    auto client = feed.client();
    for (int i = 0; i < 3; ++i)
        REQUIRE(client.Get("/api/v1/summary"));
    auto etag = client.Get("/api/v1/summary")->get_header_value("ETag");
    REQUIRE(client.Get("/api/v1/summary", {{"If-None-Match", etag}}));
    REQUIRE(client.Get("/api/v1/chapters/2"));
    REQUIRE(client.Get("/api/v1/chapters/3"));
    REQUIRE(client.Get("/nowhere"));
    REQUIRE(client.Get("/api/v1/recommendations?rag=purple"));
    REQUIRE(client.Post("/api/v1/plan", "", "text/plain"));
    std::string metrics = feed.get("/metrics")->body;
    auto has = [&](const std::string& line) {
        CHECK_MESSAGE(metrics.find("\n" + line + "\n") != std::string::npos, line);
    };
    has(R"(actionboard_http_requests_total{route="/api/v1/summary",code="200"} 4)");
    has(R"(actionboard_http_requests_total{route="/api/v1/summary",code="304"} 1)");
    has(R"(actionboard_http_requests_total{route="/api/v1/chapters/{n}",code="200"} 2)");
    has(R"(actionboard_http_requests_total{route="other",code="404"} 1)");
    has(R"(actionboard_http_requests_total{route="/api/v1/recommendations",code="400"} 1)");
    has(R"(actionboard_http_requests_total{route="/api/v1/plan",code="405"} 1)");
    has(R"(actionboard_recommendations{rag="blue",status="compliant"} 3)");
    has(R"(actionboard_chapter_recommendations{chapter="2",rag="blue",status="compliant"} 2)");
    has("actionboard_reloads_total 0");
    has("actionboard_reload_failures_total 0");
    CHECK(metrics.find("actionboard_data_age_seconds ") != std::string::npos);
}
