// /api/v1/history, /changes and /trend over HTTP, with the history recording a real file as it is
// edited: exactly what changed, ETags, parameters, and the feed unaffected when the history is
// off or unavailable. The watcher and the history are driven by hand: no timing.

#include "dashboard/feed/encoding.hpp"
#include "feed_fixture.hpp"

#include <set>

using namespace feed_test;
using namespace actionboard;

namespace {

std::string edited(std::string text, const std::vector<std::pair<std::string, std::string>>& edits) {
    for (const auto& [from, to] : edits) {
        auto at = text.find(from);
        REQUIRE_MESSAGE(at != std::string::npos, from);
        text.replace(at, from.size(), to);
    }
    return text;
}

void save(const fs::path& file, const std::string& text) {
    write_text(file, text);
    fs::last_write_time(file, fs::last_write_time(file) + std::chrono::seconds(1));
}

struct HistoryFeed {
    TempDir dir;
    fs::path plan = dir.path / "plan.json";
    fs::path db = dir.path / "history.sqlite3";
    std::string first = read_text(data_dir / "valid/minimal.json");
    std::unique_ptr<Feed> feed;

    explicit HistoryFeed(std::optional<std::string> since = std::nullopt, std::string plan_text = {}) {
        if (!plan_text.empty())
            first = plan_text;
        write_text(plan, first);
        FeedOptions options;
        options.plan_file = plan.string();
        options.history_file = db.string();
        options.since = since;
        feed = std::make_unique<Feed>(options);
    }
};

// The minimal plan reported again at 10 April 2010: recommendation 1 is not started after all,
// its "January 2010" milestone slips to April, and "March 2010" (due 31 March) is now overdue.
std::string second_version(const std::string& first) {
    return edited(first, {{"\"as_of\": \"2010-01-15\"", "\"as_of\": \"2010-04-10\""},
                          {"\"January 2010\"", "\"April 2010\""},
                          {"\"status\": \"in_progress\"", "\"status\": \"not_started\""}});
}

std::vector<std::string> kinds(const json& changes) {
    std::vector<std::string> out;
    for (const auto& change : changes["changes"]) {
        std::string item = change["kind"].get<std::string>();
        item += ':';
        item += change["ref"].get<std::string>();
        if (!change["milestone"].is_null()) {
            item += '/';
            item += change["milestone"]["text"].get<std::string>();
        }
        out.push_back(item);
    }
    return out;
}

} // namespace

TEST_CASE("history feed: an edited plan is a new version, and /changes lists exactly what changed") {
    HistoryFeed h;
    Feed& feed = *h.feed;
    json history = feed.get_json("/api/v1/history");
    CHECK(history["status"] == "ok");
    REQUIRE(history["count"] == 1);
    CHECK(history["versions"][0]["id"] == 1);
    CHECK(history["versions"][0]["as_of"] == "2010-01-15");
    CHECK(history["versions"][0]["hash"] == feed.live->current()->data_version);
    CHECK(history["versions"][0]["recorded_at"].get<std::string>().size() == 20);
    CHECK(history["current"]["id"] == 1);

    save(h.plan, second_version(h.first));
    feed.settle();
    history = feed.get_json("/api/v1/history");
    REQUIRE(history["count"] == 2);
    CHECK(history["versions"][1]["id"] == 2);
    CHECK(history["versions"][1]["as_of"] == "2010-04-10");
    CHECK(history["current"]["id"] == 2);

    json changes = feed.get_json("/api/v1/changes?since=1");
    CHECK(changes["as_of"] == "2010-04-10");
    CHECK(changes["baseline"]["id"] == 1);
    CHECK(changes["baseline"]["chosen_by"] == "since");
    CHECK(changes["current"]["id"] == 2);
    CHECK(kinds(changes) == std::vector<std::string>{"newly_overdue:1/March 2010", "slipped:1/April 2010",
                                                      "status_changed:1"});
    CHECK(changes["count"] == 3);
    CHECK(changes["exceptions"] == 3);
    const json& slip = changes["changes"][1];
    CHECK(slip["deadline_from"] == "January 2010");
    CHECK(slip["deadline_to"] == "April 2010");
    CHECK(slip["due_from"] == "2010-01-31");
    CHECK(slip["due_to"] == "2010-04-30");
    CHECK(slip["times_moved"] == 1);
    CHECK(slip["first_seen_version"] == 2);
    CHECK(slip["milestone"]["lead"] == "SSCB");
    const json& status = changes["changes"][2];
    CHECK(status["status_from"] == "in_progress");
    CHECK(status["status_to"] == "not_started");
    CHECK(status["times_moved"].is_null());
    CHECK(changes["direction"]["recommendations"][0]["direction"] == "worse"); // green -> red

    json trend = feed.get_json("/api/v1/trend");
    REQUIRE(trend["count"] == 2);
    CHECK(trend["points"][0]["overdue"] == 0);
    CHECK(trend["points"][1]["overdue"] == 1);
    CHECK(trend["points"][1]["compliance_percent"] == 50.0);

    // /metrics: the history's status, versions recorded, and (without a committee meeting in
    // the plan, so no default baseline) no changes.
    auto metrics = feed.get("/metrics");
    REQUIRE(metrics);
    REQUIRE(metrics->status == 200);
    CHECK(metrics->body.find("actionboard_history_status{status=\"ok\"} 1\n") != std::string::npos);
    CHECK(metrics->body.find("actionboard_history_status{status=\"off\"} 0\n") !=
          std::string::npos);
    CHECK(metrics->body.find("actionboard_history_versions{state=\"recorded\"} 2\n") !=
          std::string::npos);
    CHECK(metrics->body.find("actionboard_history_versions{state=\"waiting\"} 0\n") !=
          std::string::npos);
    CHECK(metrics->body.find("actionboard_history_changes{") == std::string::npos);
}

TEST_CASE("history feed: since a day, a date-time, the last committee, two versions the same day") {
    std::string with_meetings = edited(read_text(data_dir / "valid/minimal.json"),
                                       {{"\"amber_days\": 30", "\"amber_days\": 30, \"meetings\": [\"2000-01-01\"]"}});
    HistoryFeed h(std::nullopt, with_meetings);
    Feed& feed = *h.feed;
    save(h.plan, second_version(h.first));
    feed.settle();
    // Both versions were recorded today: the day names the later, the id and the time tell them apart.
    std::string today = feed.get_json("/api/v1/history")["versions"][1]["recorded_day"];
    json by_day = feed.get_json("/api/v1/changes?since=" + today);
    CHECK(by_day["baseline"]["id"] == 2);
    CHECK(by_day["count"] == 0);
    std::string first_at = feed.get_json("/api/v1/history")["versions"][0]["recorded_at"];
    // recorded_at as /history shows it (to the second) names that version, or a later one
    // recorded within the same second.
    json by_time = feed.get_json("/api/v1/changes?since=" + first_at);
    CHECK(by_time["baseline"]["recorded_at"] == first_at);
    json before_all = feed.get_json("/api/v1/changes?since=2000-01-01");
    CHECK(before_all["baseline"].is_null());
    CHECK(before_all["why_none"].get<std::string>().find("no version was recorded by the end of 2000-01-01") == 0);
    CHECK(before_all["count"] == 0);
    // The default: the last committee (1 January 2000) came before anything was recorded.
    json by_default = feed.get_json("/api/v1/changes");
    CHECK(by_default["baseline"].is_null());
    CHECK(by_default["why_none"].get<std::string>().find("the meeting of 2000-01-01") != std::string::npos);
    CHECK(by_default["direction"].is_null());
}

TEST_CASE("history feed: --since sets the default, as_of moves the current side") {
    HistoryFeed h("1");
    Feed& feed = *h.feed;
    save(h.plan, second_version(h.first));
    feed.settle();
    json changes = feed.get_json("/api/v1/changes");
    CHECK(changes["baseline"]["id"] == 1);
    CHECK(changes["count"] == 3);
    // /metrics counts them, as the default comparison does.
    std::string metrics = feed.get("/metrics")->body;
    CHECK(metrics.find("actionboard_history_changes{exception=\"true\"} 3\n") != std::string::npos);
    CHECK(metrics.find("actionboard_history_changes{exception=\"false\"} 0\n") !=
          std::string::npos);
    double points = changes["direction"]["overall"]["change"];
    CHECK(metrics.find("actionboard_history_compliance_change_points " +
                       std::to_string(std::lround(points))) != std::string::npos);
    // The same comparison viewed on 1 June 2010: April 2010 is overdue too.
    json later = feed.get_json("/api/v1/changes?as_of=2010-06-01");
    CHECK(later["as_of"] == "2010-06-01");
    CHECK(kinds(later)[0] == "newly_overdue:1/April 2010"); // in the plan's order
    CHECK(kinds(later)[1] == "newly_overdue:1/March 2010");
}

TEST_CASE("history feed: bodies are prepared once per state, with ETags, 304 and gzip") {
    HistoryFeed h;
    Feed& feed = *h.feed;
    for (const char* path : {"/api/v1/history", "/api/v1/changes", "/api/v1/trend"}) {
        auto first = feed.get(path);
        REQUIRE(first);
        CHECK(first->status == 200);
        std::string etag = first->get_header_value("ETag");
        CHECK(etag.size() > 2);
        CHECK(first->get_header_value("Cache-Control") == "no-cache");
        auto again = feed.get(path, {{"If-None-Match", etag}});
        REQUIRE(again);
        CHECK_MESSAGE(again->status == 304, path);
        auto state = feed.history->current();
        CHECK(state->bodies.count(path) == 1);
        CHECK(state->bodies.at(path).etag == etag);
    }
    std::string before = feed.get("/api/v1/history")->get_header_value("ETag");
    save(h.plan, second_version(h.first));
    feed.settle();
    CHECK(feed.get("/api/v1/history")->get_header_value("ETag") != before);
}

TEST_CASE("history feed: parameters are checked like every other") {
    HistoryFeed h;
    Feed& feed = *h.feed;
    struct Case {
        std::string path;
        int status;
        std::string words;
    };
    std::vector<Case> cases = {
        {"/api/v1/changes?since=yesterday", 400, "a version id"},
        {"/api/v1/changes?since=2010-02-30", 400, "a version id"},
        {"/api/v1/changes?since=1&since=2", 400, "more than once"},
        {"/api/v1/changes?from=2010-01-01", 400, "since, as_of"},
        {"/api/v1/history?as_of=2010-01-01", 400, "no parameters"},
        {"/api/v1/trend?since=1", 400, "no parameters"},
        {"/api/v1/changes?since=99", 404, "there is no recorded version 99"},
    };
    for (const auto& c : cases) {
        auto result = feed.get(c.path);
        REQUIRE(result);
        CHECK_MESSAGE(result->status == c.status, c.path << ": " << result->body);
        CHECK_MESSAGE(result->body.find(c.words) != std::string::npos, c.path << ": " << result->body);
    }
}

TEST_CASE("history feed: off or unavailable, the history says why and the rest of the feed is as before") {
    SUBCASE("off") {
        Feed feed;
        auto result = feed.get("/api/v1/changes");
        REQUIRE(result);
        CHECK(result->status == 503);
        CHECK(json::parse(result->body)["error"]["message"] == "history off (--no-history)");
        json health = feed.get_json("/healthz");
        CHECK(health["status"] == "ok");
        CHECK(health["history"]["status"] == "off");
        CHECK(feed.get("/api/v1/summary")->status == 200);
        std::string metrics = feed.get("/metrics")->body;
        CHECK(metrics.find("actionboard_history_status{status=\"off\"} 1\n") != std::string::npos);
        CHECK(metrics.find("actionboard_history_versions{state=\"recorded\"} 0\n") !=
              std::string::npos);
    }
    SUBCASE("unavailable") {
        TempDir dir;
        FeedOptions options;
        options.history_file = (dir.path / "missing" / "history.sqlite3").string();
        Feed feed(options);
        for (const char* path : {"/api/v1/history", "/api/v1/changes", "/api/v1/trend"}) {
            auto result = feed.get(path);
            REQUIRE(result);
            CHECK(result->status == 503);
            std::string message = json::parse(result->body)["error"]["message"];
            CHECK_MESSAGE(message.rfind("history unavailable: cannot use ", 0) == 0, message);
        }
        json health = feed.get_json("/healthz");
        CHECK(health["status"] == "ok");
        CHECK(health["history"]["status"] == "unavailable");
        CHECK(health["history"]["error"].get<std::string>().find("does not exist") != std::string::npos);
        CHECK(health["history"]["file"] == *options.history_file);
        CHECK(feed.get("/api/v1/plan")->status == 200);
        CHECK(feed.get("/metrics")
                  ->body.find("actionboard_history_status{status=\"unavailable\"} 1\n") !=
              std::string::npos);
    }
    SUBCASE("ok") {
        HistoryFeed h;
        json health = h.feed->get_json("/healthz");
        CHECK(health["history"]["status"] == "ok");
        CHECK(health["history"]["versions"] == 1);
        CHECK(health["history"]["error"].is_null());
    }
}
