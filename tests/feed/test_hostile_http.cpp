// Hostile HTTP over raw sockets: each malformed or hostile request gets the status it should,
// or a closed connection, and the server keeps serving others. docs/security.md lists what
// each case guards against.

#include "feed_fixture.hpp"

#include <chrono>
#include <sys/resource.h>
#include <thread>

using namespace feed_test;

namespace {

using Clock = std::chrono::steady_clock;

// What a hostile request must get back.
struct Expect {
    int status = 0;      // the exact status
    bool closes = false; // and then the server closes the connection
};

struct HostileCase {
    const char* name;
    std::string request;
    Expect expect;
};

std::string with_host(const std::string& request_line, const std::string& headers = {}) {
    return request_line + "\r\nHost: 127.0.0.1\r\n" + headers + "\r\n";
}

std::vector<HostileCase> hostile_corpus() {
    std::string thousand_headers;
    for (int i = 0; i < 1000; ++i)
        thousand_headers += "X-Header-" + std::to_string(i) + ": v\r\n";
    return {
        // Methods: the feed is read-only.
        {"unknown method", with_host("BREW / HTTP/1.1"), {405}},
        {"lower-case get", with_host("get /api/v1/summary HTTP/1.1"), {405}},
        {"lower-case post", with_host("post /api/v1/summary HTTP/1.1"), {405}},
        {"TRACE", with_host("TRACE / HTTP/1.1"), {405}},
        {"DELETE", with_host("DELETE /api/v1/plan HTTP/1.1"), {405}},
        {"CONNECT in authority form", with_host("CONNECT evil.example:443 HTTP/1.1"), {405}},
        {"OPTIONS *", with_host("OPTIONS * HTTP/1.1"), {405}},
        // Request targets. The absolute form must be accepted (RFC 9112 3.2.2): its host is
        // ignored, as Host is, and the path served.
        {"absolute-form URI", with_host("GET http://127.0.0.1/api/v1/summary HTTP/1.1"), {200}},
        {"absolute-form URI, another host",
         with_host("GET http://evil.example/api/v1/summary HTTP/1.1"),
         {200}},
        {"absolute-form URI, no path", with_host("GET http://evil.example HTTP/1.1"), {200}},
        {"target without a leading slash", with_host("GET api/v1/summary HTTP/1.1"), {400}},
        // Path traversal: there is no file system behind the feed, only fixed paths.
        {"traversal /../", with_host("GET /../../etc/passwd HTTP/1.1"), {404}},
        {"traversal under /api/v1", with_host("GET /api/v1/../../../etc/passwd HTTP/1.1"), {404}},
        {"traversal %2e%2e", with_host("GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1"), {404}},
        {"traversal %2e%2e to a real path",
         with_host("GET /api/v1/%2e%2e/summary HTTP/1.1"),
         {404}},
        {"an encoded slash %2f is not a separator",
         with_host("GET /api%2fv1%2fsummary HTTP/1.1"),
         {404}},
        {"a malformed percent-escape", with_host("GET /api/v1/summ%zzary HTTP/1.1"), {400}},
        // NUL and invalid UTF-8, raw and encoded.
        {"raw NUL in the path",
         with_host(std::string("GET /api/v1/summary\0 HTTP/1.1", 30)),
         {400, true}},
        {"encoded NUL in the path", with_host("GET /api/v1/summary%00 HTTP/1.1"), {404}},
        {"encoded NUL in the query",
         with_host("GET /api/v1/recommendations?q=a%00b HTTP/1.1"),
         {400}},
        {"raw invalid UTF-8 in the path", with_host("GET /api/v1/\xff\xfe HTTP/1.1"), {400, true}},
        {"encoded invalid UTF-8 in the path", with_host("GET /api/v1/%ff%fe HTTP/1.1"), {404}},
        {"encoded invalid UTF-8 in q",
         with_host("GET /api/v1/recommendations?q=%c3%28 HTTP/1.1"),
         {400}},
        {"an encoded surrogate in lead",
         with_host("GET /api/v1/recommendations?lead=%ed%a0%80 HTTP/1.1"),
         {400}},
        {"raw invalid UTF-8 in the query",
         with_host("GET /api/v1/recommendations?q=\xc3\x28 HTTP/1.1"),
         {400, true}},
        {"CR LF in q (header injection)",
         with_host("GET /api/v1/recommendations?q=%0d%0aSet-Cookie:%20a=b HTTP/1.1"),
         {400}},
        {"a fragment in the target", with_host("GET /api/v1/summary#top HTTP/1.1"), {400, true}},
        // Heads too large, or not HTTP/1.1.
        {"a 100 KB header",
         with_host("GET /api/v1/summary HTTP/1.1", "X-Big: " + std::string(100000, 'a') + "\r\n"),
         {431, true}},
        {"1,000 headers", with_host("GET /api/v1/summary HTTP/1.1", thousand_headers), {431, true}},
        {"a 1 MB q=",
         with_host("GET /api/v1/recommendations?q=" + std::string(1000000, 'a') + " HTTP/1.1"),
         {414, true}},
        {"a 7 KB q= (within the request line, over q's limit)",
         with_host("GET /api/v1/recommendations?q=" + std::string(7000, 'a') + " HTTP/1.1"),
         {400}},
        {"an HTTP/0.9 request", "GET /api/v1/summary\r\n", {400, true}},
        {"the HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", {505, true}},
        {"HTTP/9.9", with_host("GET / HTTP/9.9"), {505, true}},
        {"two spaces in the request line", with_host("GET  /api/v1/summary HTTP/1.1"), {400, true}},
        {"HTTP/1.1 without Host", "GET /api/v1/summary HTTP/1.1\r\n\r\n", {400, true}},
        {"two Host headers",
         with_host("GET /api/v1/summary HTTP/1.1", "Host: evil.example\r\n"),
         {400, true}},
        {"bare LF line ends", "GET /api/v1/summary HTTP/1.1\nHost: x\n\n", {400, true}},
        {"a space before the colon",
         "GET /api/v1/summary HTTP/1.1\r\nHost : x\r\n\r\n",
         {400, true}},
        {"obsolete line folding",
         with_host("GET /api/v1/summary HTTP/1.1", "X-A: a\r\n b\r\n"),
         {400, true}},
        {"a control character in a header value",
         with_host("GET /api/v1/summary HTTP/1.1", std::string("X-A: a\x01\x02\r\n")),
         {400, true}},
        // Bodies: the feed reads none.
        {"a 10 MB body on GET",
         with_host("GET /api/v1/summary HTTP/1.1", "Content-Length: 10485760\r\n") +
             std::string(10485760, 'x'),
         {413, true}},
        {"a large body announced with Expect: 100-continue",
         with_host("GET /api/v1/summary HTTP/1.1",
                   "Expect: 100-continue\r\nContent-Length: 100000\r\n"),
         {413, true}},
        {"bad chunked encoding",
         with_host("GET /api/v1/summary HTTP/1.1", "Transfer-Encoding: chunked\r\n") +
             "zz\r\nhello\r\n0\r\n\r\n",
         {400, true}},
        {"chunked and Content-Length together (smuggling)",
         with_host("GET /api/v1/summary HTTP/1.1",
                   "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n") +
             "0\r\n\r\n",
         {400, true}},
        {"a negative Content-Length",
         with_host("GET /api/v1/summary HTTP/1.1", "Content-Length: -1\r\n"),
         {400, true}},
        {"two different Content-Lengths",
         with_host("GET /api/v1/summary HTTP/1.1", "Content-Length: 5\r\nContent-Length: 6\r\n"),
         {400, true}},
        // Parameters.
        {"a repeated parameter",
         with_host("GET /api/v1/recommendations?chapter=1&chapter=2 HTTP/1.1"),
         {400}},
        {"conflicting parameters",
         with_host("GET /api/v1/recommendations?rag=red&rag=green HTTP/1.1"),
         {400}},
        {"an unknown parameter", with_host("GET /api/v1/summary?debug=1 HTTP/1.1"), {400}},
        {"as_of far in the past",
         with_host("GET /api/v1/summary?as_of=0001-01-01 HTTP/1.1"),
         {200}},
        {"as_of far in the future",
         with_host("GET /api/v1/summary?as_of=9999-12-31 HTTP/1.1"),
         {200}},
        {"as_of past year 9999",
         with_host("GET /api/v1/summary?as_of=10000-01-01 HTTP/1.1"),
         {400}},
        {"as_of not a calendar date",
         with_host("GET /api/v1/summary?as_of=2009-02-30 HTTP/1.1"),
         {400}},
        {"as_of malformed", with_host("GET /api/v1/summary?as_of=tomorrow%27%3B HTTP/1.1"), {400}},
        {"as_of empty", with_host("GET /api/v1/summary?as_of= HTTP/1.1"), {400}},
        {"a chapter number past any int",
         with_host("GET /api/v1/chapters/99999999999999999999 HTTP/1.1"),
         {404}},
    };
}

// Raises the open-file limit so that 500 client and 500 server sockets fit in this process.
void allow_many_sockets() {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < 4096) {
        limit.rlim_cur = std::min<rlim_t>(4096, limit.rlim_max);
        setrlimit(RLIMIT_NOFILE, &limit);
    }
}

// The best of a few requests' times: a server held up by other clients is slow on all of them;
// one slow sample is the scheduler of a busy test machine.
std::chrono::milliseconds best_request_time(const Feed& feed, const std::string& path) {
    auto best = std::chrono::milliseconds::max();
    for (int i = 0; i < 5; ++i) {
        auto start = Clock::now();
        auto result = feed.get(path);
        auto took = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
        REQUIRE(result);
        CHECK(result->status == 200);
        best = std::min(best, took);
    }
    return best;
}

} // namespace

TEST_CASE("hostile requests: each gets its status, or a closed connection") {
    Feed feed;
    auto corpus = hostile_corpus();
    REQUIRE(corpus.size() >= 30);
    for (const auto& hostile : corpus) {
        CAPTURE(hostile.name);
        RawConnection raw(feed.port());
        REQUIRE(raw.connected());
        raw.send(hostile.request); // may fail part-way when the server refuses a large body
        auto response = raw.read_response();
        REQUIRE(response);
        CHECK(response->status == hostile.expect.status);
        if (response->status >= 400) {
            json error = json::parse(response->body);
            CHECK(error["error"]["code"] == response->status);
            CHECK(error["error"]["message"].get<std::string>().size() > 10);
        }
        if (hostile.expect.closes) {
            CHECK(response->header("Connection") == "close");
            CHECK(raw.closed_by_peer());
        } else {
            // The connection is still good for a normal request.
            REQUIRE(raw.send(get_request("/healthz")));
            auto next = raw.read_response();
            REQUIRE(next);
            CHECK(next->status == 200);
        }
        // And so is a new one.
        auto health = feed.get("/healthz");
        REQUIRE(health);
        CHECK(health->status == 200);
    }
}

TEST_CASE("a query value keeps its '=' and '+' reads as a space") {
    Feed feed;
    // httplib's own parser read "q=a=b" as q=b, which matches every recommendation.
    CHECK(feed.get_json("/api/v1/recommendations?q=a=b")["count"] == 0);
    CHECK(feed.get_json("/api/v1/recommendations?q=a%3Db")["count"] == 0);
    // Raw, because httplib's client would escape the '+'.
    RawConnection raw(feed.port());
    REQUIRE(raw.send(get_request("/api/v1/recommendations?q=Every+Child+Matters")));
    auto plus = raw.read_response();
    REQUIRE(plus);
    REQUIRE(plus->status == 200);
    json words = json::parse(plus->body);
    CHECK(words["count"].get<int>() > 0);
    CHECK(words == feed.get_json("/api/v1/recommendations?q=Every%20Child%20Matters"));
}

TEST_CASE("a pipelined burst of 200 requests is answered in order") {
    Feed feed;
    RawConnection raw(feed.port());
    std::string burst;
    for (int i = 0; i < 200; ++i) {
        int ref = 1 + i % 58;
        burst += i % 5 == 4 ? get_request("/api/v1/recommendations?rag=purple")
                            : get_request("/api/v1/recommendations/" + std::to_string(ref));
    }
    REQUIRE(raw.send(burst));
    for (int i = 0; i < 200; ++i) {
        CAPTURE(i);
        auto response = raw.read_response();
        REQUIRE(response);
        if (i % 5 == 4) {
            CHECK(response->status == 400);
        } else {
            CHECK(response->status == 200);
            CHECK(json::parse(response->body)["ref"] == std::to_string(1 + i % 58));
        }
    }
}

TEST_CASE("slowloris and 500 idle connections do not hold up other clients") {
    allow_many_sockets();
    // A keep-alive timeout beyond the test's length: the idle connections stay open throughout.
    FeedOptions options;
    options.keep_alive_timeout = std::chrono::seconds(120);
    Feed feed(options);
    IdleConnections idle = open_idle_connections(feed.port(), 500);

    // A client that sends its head a byte a second is cut off when the head deadline passes.
    RawConnection slow(feed.port());
    REQUIRE(slow.connected());
    const std::string head = get_request("/api/v1/summary");
    std::optional<RawResponse> slow_response;
    std::thread slow_client([&] {
        for (char byte : head) {
            // Stop sending once the server has answered: what it sent must still be readable.
            if (!slow.send(std::string(1, byte)) || slow.wait_readable(std::chrono::seconds(1)))
                break;
        }
        slow_response = slow.read_response();
    });

    // Meanwhile others are served at once (a liveness bound the issue sets, not a benchmark;
    // scaled only in sanitizer builds).
    const auto bound = std::chrono::milliseconds(100) * time_scale();
    std::this_thread::sleep_for(std::chrono::seconds(2));
    CHECK(best_request_time(feed, "/api/v1/summary") < bound);
    CHECK(best_request_time(feed, "/api/v1/recommendations?rag=red") < bound);

    slow_client.join();
    // The head never completed within the deadline: 408, then the connection closes.
    REQUIRE(slow_response);
    CHECK(slow_response->status == 408);
    CHECK(slow.closed_by_peer());

    // The idle connections were kept, not dropped to make room.
    check_idle_connections_still_served(idle);
    CHECK(best_request_time(feed, "/healthz") < bound);
}
