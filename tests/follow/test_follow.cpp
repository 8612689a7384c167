// Follower displays: the URL, the polling schedule, LivePlan following a scripted source (no
// timing: poll() is driven by hand), and HttpSource against a real feed and a raw loopback
// server that hangs, sends garbage or too much. tests/follow/test_followers.py runs real
// processes.

#include "../feed/feed_fixture.hpp"
#include "dashboard/core/live_plan.hpp"
#include "dashboard/core/source_url.hpp"
#include "dashboard/feed/encoding.hpp"
#include "dashboard/follow/follow.hpp"
#include "dashboard/serve/serve.hpp"
#include "dashboard/serve/systemd.hpp"
#include "dashboard/spreadsheet/source.hpp"

#include <arpa/inet.h>
#include <atomic>
#include <deque>
#include <doctest/doctest.h>
#include <thread>
#include <zlib.h>

using namespace actionboard;
using feed_test::read_text;
using feed_test::time_scale;
using std::chrono::milliseconds;

namespace {

const feed_test::fs::path data_dir = ACTIONBOARD_TEST_DATA_DIR;

// ---- a source whose answers the test scripts ----

struct ScriptedSource final : RemoteSource {
    std::string url = "http://source.test:8080";
    std::deque<RemoteFetch> answers;
    std::vector<std::string> validators_sent;
    std::vector<bool> delays_after; // the `succeeded` of each next_delay call
    std::atomic<bool> interrupted{false};

    const std::string& name() const override { return url; }
    RemoteFetch fetch(const std::string& if_none_match) override {
        validators_sent.push_back(if_none_match);
        REQUIRE_FALSE(answers.empty());
        RemoteFetch next = answers.front();
        answers.pop_front();
        return next;
    }
    milliseconds next_delay(bool succeeded) override {
        delays_after.push_back(succeeded);
        return milliseconds(0); // poll() fetches every time
    }
    void interrupt() override { interrupted = true; }
};

RemoteFetch fetched(std::string bytes, std::string etag) {
    RemoteFetch fetch;
    fetch.outcome = RemoteFetch::Outcome::fetched;
    fetch.bytes = std::move(bytes);
    fetch.media_type = "application/json";
    fetch.etag = std::move(etag);
    return fetch;
}

RemoteFetch failed(RemoteFetch::Outcome outcome, std::string error) {
    RemoteFetch fetch;
    fetch.outcome = outcome;
    fetch.error = std::move(error);
    return fetch;
}

RemoteFetch unchanged() {
    RemoteFetch fetch;
    fetch.outcome = RemoteFetch::Outcome::unchanged;
    return fetch;
}

std::string titled(const std::string& plan, const std::string& title) {
    std::string text = plan;
    text.replace(text.find("Minimal plan"), 12, title);
    return text;
}

struct Following {
    std::shared_ptr<ScriptedSource> source = std::make_shared<ScriptedSource>();
    std::vector<std::string> log;
    std::unique_ptr<LivePlan> live;
    std::string valid = read_text(data_dir / "valid/minimal.json");

    Following() {
        LivePlanOptions options;
        options.remote = source;
        options.log = [this](const std::string& line) { log.push_back(line); };
        live = std::make_unique<LivePlan>(options);
    }
};

// ---- a raw loopback server that answers as the test says ----

class RawServer {
public:
    // `reply`: the bytes sent back after a request head; empty: never answer (hang).
    explicit RawServer(std::string reply) : reply_(std::move(reply)) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
        REQUIRE(::listen(fd_, 16) == 0);
        socklen_t length = sizeof address;
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length);
        port_ = ntohs(address.sin_port);
        thread_ = std::thread([this] { run(); });
    }
    ~RawServer() {
        stopping_ = true;
        ::shutdown(fd_, SHUT_RDWR);
        thread_.join();
        for (int client : clients_)
            ::close(client);
        ::close(fd_);
    }
    RawServer(const RawServer&) = delete;
    RawServer& operator=(const RawServer&) = delete;

    int port() const { return port_; }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    int requests() const { return requests_; }

private:
    void run() {
        while (!stopping_) {
            int client = ::accept(fd_, nullptr, nullptr);
            if (client < 0)
                return;
            clients_.push_back(client);
            std::string head;
            char buffer[4096];
            while (head.find("\r\n\r\n") == std::string::npos) {
                ssize_t n = ::recv(client, buffer, sizeof buffer, 0);
                if (n <= 0)
                    break;
                head.append(buffer, std::size_t(n));
            }
            ++requests_;
            if (reply_.empty())
                continue; // hang: the connection stays open, unanswered
            std::size_t sent = 0;
            while (sent < reply_.size()) {
                ssize_t n =
                    ::send(client, reply_.data() + sent, reply_.size() - sent, MSG_NOSIGNAL);
                if (n <= 0)
                    break;
                sent += std::size_t(n);
            }
            ::shutdown(client, SHUT_WR);
        }
    }

    std::string reply_;
    int fd_ = -1;
    int port_ = 0;
    std::atomic<bool> stopping_{false};
    std::atomic<int> requests_{0};
    std::vector<int> clients_;
    std::thread thread_;
};

follow::FollowOptions quick_options() {
    follow::FollowOptions options;
    options.connect_timeout = milliseconds(2000 * time_scale());
    options.read_timeout = milliseconds(500 * time_scale());
    options.total_timeout = milliseconds(5000 * time_scale());
    return options;
}

std::shared_ptr<RemoteSource> source_for(const std::string& url,
                                         follow::FollowOptions options = quick_options()) {
    follow::SourceResult made = follow::make_source(url, options);
    REQUIRE_MESSAGE(made.source, made.error);
    return made.source;
}

std::string http_response(const std::string& status, const std::string& headers,
                          const std::string& body) {
    return "HTTP/1.1 " + status + "\r\nContent-Length: " + std::to_string(body.size()) +
           "\r\nConnection: close\r\n" + headers + "\r\n" + body;
}

} // namespace

// ---- the URL ----

TEST_CASE("--data URL: what is requested, and what is refused with a reason") {
    auto path_of = [](const char* text) {
        SourceUrlResult parsed = parse_source_url(text);
        REQUIRE_MESSAGE(parsed.url, text << ": " << parsed.error);
        return parsed.url->path;
    };
    CHECK(path_of("http://team-pc:8080") == "/api/v1/source");
    CHECK(path_of("http://team-pc:8080/") == "/api/v1/source");
    CHECK(path_of("https://plans.example.gov.uk/safeguarding/") == "/safeguarding/api/v1/source");
    CHECK(path_of("https://www.example.org/plans/plan.json") == "/plans/plan.json");
    CHECK(path_of("http://h/plan.json?v=2") == "/plan.json?v=2");

    SourceUrl url = *parse_source_url("HTTPS://[::1]:8443").url;
    CHECK(url.https);
    CHECK(url.host == "::1");
    CHECK(url.port == 8443);
    CHECK(url.origin() == "https://[::1]:8443");
    CHECK(parse_source_url("http://10.0.0.5").url->port == 80);
    CHECK(parse_source_url("https://10.0.0.5").url->port == 443);

    CHECK(looks_like_url("http://x"));
    CHECK(looks_like_url("Https://x"));
    CHECK_FALSE(looks_like_url("plan.json"));
    CHECK_FALSE(looks_like_url("./http://x"));

    struct Bad {
        const char* text;
        const char* says;
    };
    for (Bad bad :
         {Bad{"ftp://h/plan.json", "http:// or https://"}, Bad{"http://", "names no host"},
          Bad{"http://:8080", "names no host"}, Bad{"http://h:", "no port number"},
          Bad{"http://h:0", "from 1 to 65535"}, Bad{"http://h:70000", "from 1 to 65535"},
          Bad{"http://h:80x", "not a port number"},
          Bad{"http://user:secret@h:8080", "user name or password"},
          Bad{"http://h:8080/#/overview", "#fragment"}, Bad{"http://h o/x", "space"},
          Bad{"http://[::1:8080", "closing ']'"},
          Bad{"http://[fe80::1%eth0]:80", "not an IPv6 address"},
          Bad{"http://h!/x", "not a host name"}}) {
        SourceUrlResult parsed = parse_source_url(bad.text);
        CHECK_MESSAGE(!parsed.url, bad.text);
        CHECK_MESSAGE(parsed.error.find(bad.says) != std::string::npos,
                      bad.text << " -> " << parsed.error);
    }
}

// ---- the schedule ----

TEST_CASE("polls are jittered within one poll, and back off to five minutes while failing") {
    follow::PollSchedule schedule(milliseconds(10000), milliseconds(300000), 42);
    std::vector<long long> seen;
    for (int i = 0; i < 200; ++i) {
        long long delay = schedule.next(true).count();
        CHECK(delay >= 7500);
        CHECK(delay <= 10000); // never more than --poll: an edit shows within one poll
        seen.push_back(delay);
    }
    std::sort(seen.begin(), seen.end());
    CHECK(seen.back() - seen.front() > 1000); // spread, not one value

    // Failures double the base: 20 s, 40 s, 80 s, 160 s, then 300 s for as long as it lasts.
    long long expected[] = {20000, 40000, 80000, 160000, 300000, 300000, 300000};
    for (long long base : expected) {
        long long delay = schedule.next(false).count();
        CHECK(delay >= base * 3 / 4);
        CHECK(delay <= base);
    }
    CHECK(schedule.failures() == 7);
    CHECK(schedule.next(true).count() <= 10000); // one success: back to the poll interval
    CHECK(schedule.failures() == 0);

    // A poll longer than five minutes is never shortened by the cap.
    follow::PollSchedule slow(milliseconds(600000), milliseconds(300000), 1);
    CHECK(slow.base(3).count() == 600000);

    // Two displays started together drift apart.
    follow::PollSchedule a(milliseconds(10000), milliseconds(300000), 1);
    follow::PollSchedule b(milliseconds(10000), milliseconds(300000), 2);
    long long total_a = 0, total_b = 0;
    for (int i = 0; i < 10; ++i) {
        total_a += a.next(true).count();
        total_b += b.next(true).count();
    }
    CHECK(total_a != total_b);
}

// ---- LivePlan following a scripted source ----

TEST_CASE("following: the first plan, an unchanged source, then a new version") {
    Following f;
    f.source->answers.push_back(fetched(f.valid, "\"v1\""));
    REQUIRE(f.live->load_initial().ok());
    auto first = f.live->current();
    CHECK(first->source == "http://source.test:8080");
    CHECK(first->data_version == content_hash(f.valid));
    REQUIRE(first->source_bytes);
    CHECK(*first->source_bytes == f.valid); // served again as /api/v1/source, byte for byte
    CHECK(f.source->validators_sent.back().empty());

    f.source->answers.push_back(unchanged());
    CHECK_FALSE(f.live->poll());
    CHECK(f.source->validators_sent.back() == "\"v1\"");
    CHECK(f.live->current() == first);

    std::string edited = titled(f.valid, "Edited at the source");
    f.source->answers.push_back(fetched(edited, "\"v2\""));
    CHECK(f.live->poll());
    CHECK(f.live->current()->plan->info.title == "Edited at the source");
    CHECK(f.live->current()->generation == 2);
    CHECK(f.live->state()->reloads == 1);
    f.source->answers.push_back(unchanged());
    f.live->poll();
    CHECK(f.source->validators_sent.back() == "\"v2\"");
}

TEST_CASE(
    "following: an invalid plan is refused, the last good one stays, and is asked for again") {
    Following f;
    f.source->answers.push_back(fetched(f.valid, "\"good\""));
    REQUIRE(f.live->load_initial().ok());
    auto good = f.live->current();

    f.source->answers.push_back(fetched("{\"plan\": 3", "\"bad\""));
    CHECK(f.live->poll());
    CHECK(f.live->current() == good);
    auto state = f.live->state();
    CHECK(state->degraded);
    CHECK(state->last_error.rfind("source sent an invalid plan: ", 0) == 0);
    CHECK(state->last_error.find("(http://source.test:8080)") != std::string::npos);
    CHECK(state->failed_reloads == 1);
    CHECK(f.source->delays_after.back() == false); // backs off

    // The refused version's validator is not kept: a 304 to it must not clear the error.
    f.source->answers.push_back(fetched("{\"plan\": 3", "\"bad\""));
    CHECK_FALSE(f.live->poll()); // the same refusal again: nothing new, counted once
    CHECK(f.source->validators_sent.back() == "\"good\"");
    CHECK(f.live->state()->failed_reloads == 1);

    // Over the limit, or not a plan at all (an HTML error page).
    f.source->answers.push_back(
        failed(RemoteFetch::Outcome::invalid, "it is larger than the 16 MiB limit"));
    CHECK(f.live->poll());
    CHECK(f.live->state()->last_error.find("larger than the 16 MiB limit") != std::string::npos);
    RemoteFetch html = fetched("<html>Proxy error</html>", "\"html\"");
    html.media_type = "text/html";
    f.source->answers.push_back(html);
    CHECK(f.live->poll());
    CHECK(f.live->state()->last_error.find("HTML page") != std::string::npos);
    CHECK(f.live->current() == good);

    // The source goes back to the good plan: a 304 to the good validator clears the error.
    f.source->answers.push_back(unchanged());
    CHECK(f.live->poll());
    CHECK_FALSE(f.live->state()->degraded);
    CHECK(f.live->current() == good);
}

TEST_CASE("following: unreachable since the first failure, kept while it lasts, cleared after") {
    Following f;
    f.source->answers.push_back(fetched(f.valid, "\"v1\""));
    REQUIRE(f.live->load_initial().ok());
    auto good = f.live->current();

    f.source->answers.push_back(failed(RemoteFetch::Outcome::unreachable, "cannot connect"));
    CHECK(f.live->poll());
    std::string first = f.live->state()->last_error;
    CHECK(first.rfind("source unreachable since ", 0) == 0);
    // "since HH:MM:" in local time
    std::string since = first.substr(25, 5);
    CHECK(since.size() == 5);
    CHECK(since[2] == ':');
    CHECK(std::isdigit(static_cast<unsigned char>(since[0])));
    CHECK(f.live->current() == good);

    f.source->answers.push_back(failed(RemoteFetch::Outcome::unreachable, "cannot connect"));
    CHECK_FALSE(f.live->poll()); // nothing new to show
    CHECK(f.live->state()->failed_reloads == 1);
    f.source->answers.push_back(failed(RemoteFetch::Outcome::unreachable, "timed out"));
    CHECK(f.live->poll());
    CHECK(f.live->state()->last_error.substr(0, 30) == first.substr(0, 30)); // same "since"
    CHECK(f.live->state()->last_error.find("timed out") != std::string::npos);

    // Back, with the same plan under a new validator (the source restarted): no new version.
    f.source->answers.push_back(fetched(f.valid, "\"v1-after-restart\""));
    CHECK(f.live->poll());
    CHECK_FALSE(f.live->state()->degraded);
    CHECK(f.live->current() == good);
    CHECK(f.live->state()->reloads == 0);
    f.source->answers.push_back(unchanged());
    f.live->poll();
    CHECK(f.source->validators_sent.back() == "\"v1-after-restart\"");
    bool logged_back = false;
    for (const auto& line : f.log)
        logged_back =
            logged_back || line.find("answers with a valid plan again") != std::string::npos;
    CHECK(logged_back);
}

TEST_CASE("following: a source down at start is waited for, and its first plan published") {
    Following f;
    f.source->answers.push_back(failed(RemoteFetch::Outcome::unreachable, "cannot connect"));
    LoadResult result = f.live->load_initial();
    REQUIRE_FALSE(result.ok());
    CHECK(format_problem(result.problems.front()).rfind("source unreachable since ", 0) == 0);
    CHECK_FALSE(f.live->current()); // the feed answers 503 with the reason meanwhile
    CHECK(f.live->state()->degraded);
    REQUIRE_FALSE(f.log.empty());
    CHECK(f.log.back().rfind("no plan yet: source unreachable since ", 0) == 0);

    f.source->answers.push_back(failed(RemoteFetch::Outcome::unreachable, "cannot connect"));
    CHECK_FALSE(f.live->poll());
    f.source->answers.push_back(fetched(f.valid, "\"v1\""));
    CHECK(f.live->poll());
    REQUIRE(f.live->current());
    CHECK(f.live->current()->plan->info.title == "Minimal plan");
    CHECK_FALSE(f.live->state()->degraded);
    CHECK(f.live->state()->reloads == 0); // the first plan, not a reload
    CHECK(f.log.back().rfind("loaded the plan from http://source.test:8080", 0) == 0);

    // An invalid plan at start is reported as such, and nothing is published.
    Following g;
    g.source->answers.push_back(
        failed(RemoteFetch::Outcome::invalid, "it is larger than the 16 MiB limit"));
    LoadResult refused = g.live->load_initial();
    REQUIRE_FALSE(refused.ok());
    CHECK(format_problem(refused.problems.front()).rfind("source sent an invalid plan: ", 0) == 0);
    CHECK_FALSE(g.live->current());
}

TEST_CASE("following: stop() interrupts the source") {
    Following f;
    f.source->answers.push_back(fetched(f.valid, "\"v1\""));
    REQUIRE(f.live->load_initial().ok());
    f.live->stop();
    CHECK(f.source->interrupted);
}

// ---- HttpSource over loopback ----

TEST_CASE("HttpSource: a real feed's /api/v1/source, then 304 with If-None-Match") {
    feed_test::Feed source({(data_dir / "valid/minimal.json").string()});
    auto remote = source_for("http://127.0.0.1:" + std::to_string(source.port()));
    RemoteFetch first = remote->fetch({});
    REQUIRE(first.outcome == RemoteFetch::Outcome::fetched);
    CHECK(first.bytes == read_text(data_dir / "valid/minimal.json"));
    CHECK(first.media_type == "application/json");
    // gzip was asked for: its ETag, the data version with -gzip (or the identity one when
    // gzip would not help); the bytes arrive inflated.
    std::string version = source.live->current()->data_version;
    CHECK((first.etag == "\"" + version + "-gzip\"" || first.etag == "\"" + version + "\""));
    REQUIRE(first.modified);

    RemoteFetch again = remote->fetch(first.etag);
    CHECK(again.outcome == RemoteFetch::Outcome::unchanged);

    // A follower of this follower sees the same bytes, so the same version and ETags.
    RemoteFetch old_tag = remote->fetch("\"0000000000000000\"");
    CHECK(old_tag.outcome == RemoteFetch::Outcome::fetched);
    CHECK(content_hash(old_tag.bytes) == version);
}

TEST_CASE("HttpSource: refused, hanging, garbage, errors and oversized answers") {
    SUBCASE("nothing listens") {
        int port;
        {
            RawServer closed("x");
            port = closed.port();
        }
        RemoteFetch fetch = source_for("http://127.0.0.1:" + std::to_string(port))->fetch({});
        CHECK(fetch.outcome == RemoteFetch::Outcome::unreachable);
        CHECK(fetch.error.find("cannot connect to 127.0.0.1:") != std::string::npos);
    }
    SUBCASE("accepts and never answers: the read timeout ends it") {
        RawServer hanging("");
        RemoteFetch fetch = source_for(hanging.url())->fetch({});
        CHECK(fetch.outcome == RemoteFetch::Outcome::unreachable);
        CHECK(fetch.error.find("no complete answer") != std::string::npos);
        CHECK(hanging.requests() == 1);
    }
    SUBCASE("a trickle that never ends: the total timeout ends it") {
        // Headers then a body that never completes: each read gets a little, so only the
        // total time bounds it. Simulated with a server that promises more than it sends and
        // keeps the connection open (hang after a partial reply is the same to the client).
        follow::FollowOptions options = quick_options();
        options.read_timeout = milliseconds(5000 * time_scale());
        options.total_timeout = milliseconds(300 * time_scale());
        RawServer hanging("");
        auto start = std::chrono::steady_clock::now();
        RemoteFetch fetch = source_for(hanging.url(), options)->fetch({});
        CHECK(fetch.outcome == RemoteFetch::Outcome::unreachable);
        CHECK(fetch.error.find("no complete answer within") != std::string::npos);
        // Ended by the total timeout, long before the read timeout (a liveness bound).
        CHECK(std::chrono::steady_clock::now() - start < milliseconds(4000 * time_scale()));
    }
    SUBCASE("bytes that are not HTTP") {
        static const char junk[] = "\x00\xff\x13 this is not HTTP\r\n\r\n";
        RawServer garbage(std::string(junk, sizeof junk - 1));
        RemoteFetch fetch = source_for(garbage.url())->fetch({});
        CHECK(fetch.outcome == RemoteFetch::Outcome::unreachable);
        CHECK_FALSE(fetch.error.empty());
    }
    SUBCASE("a 200 whose body is not a plan is fetched, for LivePlan to refuse") {
        RawServer garbage(
            http_response("200 OK", "Content-Type: application/json\r\n", "{not json"));
        RemoteFetch fetch = source_for(garbage.url())->fetch({});
        REQUIRE(fetch.outcome == RemoteFetch::Outcome::fetched);
        CHECK_FALSE(parse_plan(fetch.bytes).ok());
    }
    SUBCASE("an error status names itself") {
        RawServer missing(http_response("404 Not Found", "", "{}"));
        RemoteFetch fetch = source_for(missing.url())->fetch({});
        CHECK(fetch.outcome == RemoteFetch::Outcome::unreachable);
        CHECK(fetch.error.find("HTTP 404 Not Found") != std::string::npos);
        CHECK(fetch.error.find("/api/v1/source") != std::string::npos);
    }
    SUBCASE("a redirect is not followed: the URL to use is named") {
        RawServer moved(
            http_response("301 Moved Permanently", "Location: https://plans.example.org/\r\n", ""));
        RemoteFetch fetch = source_for(moved.url())->fetch({});
        CHECK(fetch.outcome == RemoteFetch::Outcome::unreachable);
        CHECK(fetch.error.find("https://plans.example.org/") != std::string::npos);
    }
    SUBCASE("a declared length over the limit is refused unread") {
        follow::FollowOptions options = quick_options();
        options.max_bytes = 1024 * 1024;
        RawServer big("HTTP/1.1 200 OK\r\nContent-Length: 17000000\r\n\r\n{");
        RemoteFetch fetch = source_for(big.url(), options)->fetch({});
        CHECK(fetch.outcome == RemoteFetch::Outcome::invalid);
        CHECK(fetch.error == "it is larger than the 1 MiB limit");
    }
    SUBCASE("a chunked body over the limit is cut off as it comes") {
        follow::FollowOptions options = quick_options();
        options.max_bytes = 1024 * 1024;
        std::string chunk(64 * 1024, ' ');
        std::string reply = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
        char size[16];
        std::snprintf(size, sizeof size, "%zx\r\n", chunk.size());
        for (int i = 0; i < 20; ++i)
            reply += size + chunk + "\r\n";
        reply += "0\r\n\r\n";
        RawServer big(reply);
        RemoteFetch fetch = source_for(big.url(), options)->fetch({});
        CHECK(fetch.outcome == RemoteFetch::Outcome::invalid);
        CHECK(fetch.error == "it is larger than the 1 MiB limit");
    }
    SUBCASE("a small gzip body that inflates past the limit (a zip bomb) is cut off") {
        follow::FollowOptions options = quick_options();
        options.max_bytes = 1024 * 1024;
        std::string bomb = feed::gzip_compress(std::string(4 * 1024 * 1024, ' '));
        CHECK(bomb.size() < 64 * 1024);
        RawServer big(http_response("200 OK", "Content-Encoding: gzip\r\n", bomb));
        RemoteFetch fetch = source_for(big.url(), options)->fetch({});
        CHECK(fetch.outcome == RemoteFetch::Outcome::invalid);
        CHECK(fetch.error == "it is larger than the 1 MiB limit");
    }
}

TEST_CASE("HttpSource: interrupt() ends a fetch in progress, and every later one") {
    RawServer hanging("");
    follow::FollowOptions options = quick_options();
    options.read_timeout = milliseconds(60000);
    options.total_timeout = milliseconds(60000);
    auto remote = source_for(hanging.url(), options);
    std::thread stopper([&] {
        while (hanging.requests() == 0)
            std::this_thread::sleep_for(milliseconds(5));
        remote->interrupt();
    });
    auto start = std::chrono::steady_clock::now();
    RemoteFetch fetch = remote->fetch({});
    stopper.join();
    CHECK(fetch.outcome == RemoteFetch::Outcome::unreachable);
    CHECK(fetch.error == "stopped");
    CHECK(std::chrono::steady_clock::now() - start < milliseconds(10000 * time_scale()));
    CHECK(remote->fetch({}).error == "stopped");
}

TEST_CASE("--check --data URL (serve::load_plan_once): a plan, or the reason there is none") {
    feed_test::Feed source({(data_dir / "valid/minimal.json").string()});
    auto setting = [](std::string url) {
        serve::PlanSetting plan;
        plan.data = std::move(url);
        plan.follow = quick_options();
        return plan;
    };
    LoadResult ok =
        serve::load_plan_once(setting("http://127.0.0.1:" + std::to_string(source.port())));
    REQUIRE(ok.ok());
    CHECK(ok.plan->info.title == "Minimal plan");

    RawServer garbage(http_response("200 OK", "", "{\"plan\": []}"));
    LoadResult bad = serve::load_plan_once(setting(garbage.url()));
    REQUIRE_FALSE(bad.ok());
    CHECK(format_problem(bad.problems.front()).find("source sent an invalid plan") !=
          std::string::npos);

    LoadResult url = serve::load_plan_once(setting("http://h:0"));
    REQUIRE_FALSE(url.ok());
    CHECK(format_problem(url.problems.front()).find("from 1 to 65535") != std::string::npos);
}

// A source whose plan is a workbook serves it as one, and a follower reads it as one: the
// same recommendations, and the same bytes again for a follower of the follower.
TEST_CASE("following a workbook: /api/v1/source labels it, a follower reads it as a workbook") {
    const std::string xlsx_type =
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    std::string workbook = (data_dir / "spreadsheets/council.xlsx").string();
    feed_test::Feed source({workbook}, spreadsheet::plan_source_parser());
    auto served = source.get("/api/v1/source");
    REQUIRE(served);
    CHECK(served->status == 200);
    CHECK(served->get_header_value("Content-Type") == xlsx_type);
    CHECK(served->body == read_text(data_dir / "spreadsheets/council.xlsx"));

    LivePlanOptions options;
    options.remote = source_for("http://127.0.0.1:" + std::to_string(source.port()));
    options.parse = spreadsheet::plan_source_parser();
    options.log = [](const std::string&) {};
    LivePlan follower(options);
    LoadResult loaded = follower.load_initial();
    REQUIRE_MESSAGE(loaded.ok(),
                    (loaded.problems.empty() ? "" : format_problem(loaded.problems.front())));
    const Plan& original = *source.live->current()->plan;
    CHECK(loaded.plan->info.title == original.info.title);
    REQUIRE(loaded.plan->recommendations.size() == original.recommendations.size());
    for (std::size_t i = 0; i < original.recommendations.size(); ++i)
        CHECK(loaded.plan->recommendations[i].ref == original.recommendations[i].ref);
    CHECK(follower.current()->source_media_type == xlsx_type);
    CHECK(follower.current()->data_version == source.live->current()->data_version);

    // --check on the source's URL reads the workbook too.
    serve::PlanSetting plan;
    plan.data = "http://127.0.0.1:" + std::to_string(source.port());
    plan.follow = quick_options();
    LoadResult checked = serve::load_plan_once(plan);
    REQUIRE(checked.ok());
    CHECK(checked.plan->recommendations.size() == original.recommendations.size());
}

// What a file is comes from its bytes, whatever it is called (docs/spreadsheets.md, "What a
// file is"): a workbook saved as plan.json is served from /api/v1/source labelled as a workbook,
// and a follower reads it as one; a source that labels a workbook's bytes application/json under
// a .json URL is read by the bytes too, and an .ods is named.
TEST_CASE("a workbook called plan.json: served labelled as a workbook, followed as one") {
    const std::string xlsx_type =
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    std::string workbook = read_text(data_dir / "spreadsheets/council.xlsx");
    {
        feed_test::TempDir folder;
        std::string misnamed = (folder.path / "plan.json").string();
        feed_test::fs::copy_file(data_dir / "spreadsheets/council.xlsx", misnamed);
        feed_test::Feed source({misnamed}, spreadsheet::plan_source_parser());
        auto served = source.get("/api/v1/source");
        REQUIRE(served);
        CHECK(served->status == 200);
        CHECK(served->get_header_value("Content-Type") == xlsx_type);
        CHECK(served->body == workbook);

        LivePlanOptions options;
        options.remote = source_for("http://127.0.0.1:" + std::to_string(source.port()));
        options.parse = spreadsheet::plan_source_parser();
        options.log = [](const std::string&) {};
        LivePlan follower(options);
        LoadResult loaded = follower.load_initial();
        REQUIRE_MESSAGE(loaded.ok(),
                        (loaded.problems.empty() ? "" : format_problem(loaded.problems.front())));
        CHECK(loaded.plan->recommendations.size() ==
              source.live->current()->plan->recommendations.size());
        CHECK(follower.current()->source_media_type == xlsx_type);
    }

    auto scripted = std::make_shared<ScriptedSource>();
    scripted->url = "http://source.test:8080/plans/plan.json";
    LivePlanOptions options;
    options.remote = scripted;
    options.parse = spreadsheet::plan_source_parser();
    options.log = [](const std::string&) {};
    LivePlan follower(options);
    scripted->answers.push_back(fetched(workbook, "\"xlsx\"")); // labelled application/json
    LoadResult loaded = follower.load_initial();
    REQUIRE_MESSAGE(loaded.ok(),
                    (loaded.problems.empty() ? "" : format_problem(loaded.problems.front())));
    CHECK(follower.current()->source_media_type == xlsx_type);

    scripted->answers.push_back(
        fetched(read_text(data_dir / "spreadsheets/other-formats/council.ods"), "\"ods\""));
    CHECK(follower.poll());
    CHECK(follower.state()->last_error.find("OpenDocument spreadsheet (.ods)") !=
          std::string::npos);
    CHECK(follower.current()->source_media_type == xlsx_type); // the workbook stays
}

// A plain web server labels a CSV file as it likes; the URL's extension then decides, and a
// generic type never makes a workbook's bytes a JSON syntax error.
TEST_CASE("following a plan file on a web server: the URL's extension decides a generic type") {
    std::string csv = read_text(data_dir / "spreadsheets/council-semicolon.csv");
    RawServer server(http_response("200 OK", "Content-Type: application/octet-stream\r\n", csv));
    LivePlanOptions options;
    options.remote = source_for(server.url() + "/plans/council.csv");
    options.parse = spreadsheet::plan_source_parser();
    options.log = [](const std::string&) {};
    LivePlan follower(options);
    LoadResult loaded = follower.load_initial();
    REQUIRE_MESSAGE(loaded.ok(),
                    (loaded.problems.empty() ? "" : format_problem(loaded.problems.front())));
    CHECK(follower.current()->source_media_type == "text/csv");
    CHECK_FALSE(loaded.plan->recommendations.empty());
}

// ---- the systemd watchdog's probe (dashboard/serve) ----

TEST_CASE("the watchdog's probe: yes for a feed that answers, no for one that hangs") {
    feed_test::Feed feed({(data_dir / "valid/minimal.json").string()});
    CHECK(serve::feed_answers("127.0.0.1", feed.port(), milliseconds(2000 * time_scale())));
    CHECK(serve::feed_answers("0.0.0.0", feed.port(), milliseconds(2000 * time_scale())));

    RawServer hanging("");
    auto start = std::chrono::steady_clock::now();
    CHECK_FALSE(serve::feed_answers("127.0.0.1", hanging.port(), milliseconds(300)));
    CHECK(std::chrono::steady_clock::now() - start < milliseconds(3000 * time_scale()));

    int closed_port;
    {
        RawServer closed("x");
        closed_port = closed.port();
    }
    CHECK_FALSE(serve::feed_answers("127.0.0.1", closed_port, milliseconds(300)));
}
