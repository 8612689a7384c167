// Live reload over HTTP: a valid new version is served with a new ETag, an invalid one is
// refused while the last good plan stays on show, and requests in flight meanwhile all succeed.
// The watcher is driven by hand (LivePlan::poll), so nothing depends on timing.

#include "dashboard/feed/encoding.hpp"
#include "feed_fixture.hpp"

#include <atomic>
#include <mutex>
#include <set>
#include <thread>

using namespace feed_test;
using namespace actionboard;

namespace {

std::string retitled(std::string text, const std::string& title) {
    const std::string original = "\"title\": \"Minimal plan\"";
    auto at = text.find(original);
    REQUIRE(at != std::string::npos);
    text.replace(at, original.size(), "\"title\": \"" + title + "\"");
    return text;
}

// A later modification time than the last write, as a real edit would have, then two polls:
// the watcher loads a change once the file has looked the same twice.
void save_and_settle(Feed& feed, const fs::path& file, const std::string& text) {
    write_text(file, text);
    fs::last_write_time(file, fs::last_write_time(file) + std::chrono::seconds(1));
    feed.live->poll();
    feed.live->poll();
}

struct Clients {
    std::atomic<bool> stop{false};
    std::atomic<int> answered{0};
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    std::mutex mutex;
    std::set<std::string> titles_seen;
    std::string first_failure;

    void fail(const std::string& what) {
        ++failures;
        std::lock_guard lock(mutex);
        if (first_failure.empty())
            first_failure = what;
    }

    // Each client polls like a display: keep-alive, summary and plan, gzip and not.
    void start(int port, int count) {
        for (int i = 0; i < count; ++i) {
            threads.emplace_back([this, port, i] {
                httplib::Client client("127.0.0.1", port);
                client.set_keep_alive(true);
                client.set_decompress(false);
                client.set_read_timeout(10, 0);
                for (int n = 0; n < 100000 && !stop; ++n) { // bounded even if stop never came
                    bool gzip = (n + i) % 2 == 0;
                    const char* path = n % 3 == 0 ? "/api/v1/plan" : "/api/v1/summary";
                    httplib::Headers headers;
                    if (gzip)
                        headers.emplace("Accept-Encoding", "gzip");
                    auto result = client.Get(path, headers);
                    if (!result || result->status != 200) {
                        fail(std::string(path) + ": " +
                             (result ? std::to_string(result->status)
                                     : httplib::to_string(result.error())));
                        continue;
                    }
                    std::string body =
                        gzip && result->get_header_value("Content-Encoding") == "gzip"
                            ? feed::gzip_decompress(result->body)
                            : result->body;
                    try {
                        json value = json::parse(body);
                        std::lock_guard lock(mutex);
                        titles_seen.insert(value["plan"]["title"].get<std::string>());
                    } catch (const std::exception& error) {
                        fail(std::string(path) + ": " + error.what());
                        continue;
                    }
                    ++answered;
                }
            });
        }
    }

    void wait_for_answers(int at_least) {
        for (int i = 0; i < 20000 && answered < at_least && failures == 0; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }

    void join() {
        stop = true;
        for (auto& thread : threads)
            thread.join();
    }
};

} // namespace

TEST_CASE("reload over HTTP: valid, then invalid, then fixed, with requests in flight") {
    TempDir dir;
    fs::path file = dir.path / "plan.json";
    std::string valid = read_text(data_dir / "valid/minimal.json");
    write_text(file, valid);
    Feed feed(FeedOptions{file.string(), true});
    auto client = feed.client();

    json health = feed.get_json("/healthz");
    CHECK(health["status"] == "ok");
    CHECK(health["source"] == file.string());
    const std::string first_version = health["data_version"];
    const std::string first_etag = client.Get("/api/v1/summary")->get_header_value("ETag");

    Clients clients;
    clients.start(feed.port(), 4);
    clients.wait_for_answers(50);

    // A valid new version: new data version, new ETag, new content, counted as a reload.
    save_and_settle(feed, file, retitled(valid, "Second version"));
    clients.wait_for_answers(clients.answered + 50);
    health = feed.get_json("/healthz");
    CHECK(health["status"] == "ok");
    CHECK(health["reloads"] == 1);
    const std::string second_version = health["data_version"];
    CHECK(second_version != first_version);
    auto summary = client.Get("/api/v1/summary");
    REQUIRE(summary);
    CHECK(summary->get_header_value("ETag") != first_etag);
    CHECK(json::parse(summary->body)["plan"]["title"] == "Second version");
    // A client holding the old ETag gets the new body, not a 304.
    auto revalidated = client.Get("/api/v1/summary", {{"If-None-Match", first_etag}});
    REQUIRE(revalidated);
    CHECK(revalidated->status == 200);

    // An invalid version: refused, the last good plan still served, degraded, reported.
    save_and_settle(feed, file, "{\"format\": \"actionboard-plan/1\", ");
    clients.wait_for_answers(clients.answered + 50);
    health = feed.get_json("/healthz");
    CHECK(health["status"] == "degraded");
    CHECK(health["data_version"] == second_version);
    REQUIRE(health["last_reload_error"].is_string());
    CHECK(health["last_reload_error"].get<std::string>().find("plan.json") != std::string::npos);
    CHECK(health["failed_reloads"] == 1);
    CHECK(feed.get_json("/api/v1/summary")["plan"]["title"] == "Second version");
    std::string metrics = feed.get("/metrics")->body;
    CHECK(metrics.find("\nactionboard_reloads_total 1\n") != std::string::npos);
    CHECK(metrics.find("\nactionboard_reload_failures_total 1\n") != std::string::npos);
    CHECK(metrics.find("\nactionboard_degraded 1\n") != std::string::npos);

    // An invalid plan that is valid JSON is refused the same way.
    std::string no_title = valid;
    no_title.replace(no_title.find("\"title\": \"Minimal plan\","), 24, "");
    save_and_settle(feed, file, no_title);
    CHECK(feed.get_json("/healthz")["failed_reloads"] == 2);
    CHECK(feed.get_json("/api/v1/summary")["plan"]["title"] == "Second version");

    // Fixed: served again, ok, the last error still on record.
    save_and_settle(feed, file, retitled(valid, "Third version"));
    clients.wait_for_answers(clients.answered + 50);
    clients.join();
    health = feed.get_json("/healthz");
    CHECK(health["status"] == "ok");
    CHECK(health["reloads"] == 2);
    CHECK(health["last_reload_error"].is_string());
    CHECK(feed.get_json("/api/v1/summary")["plan"]["title"] == "Third version");
    CHECK(feed.get("/metrics")->body.find("\nactionboard_degraded 0\n") != std::string::npos);

    // Every request in flight was answered with a whole, valid plan of one version or another.
    CHECK_MESSAGE(clients.failures == 0, clients.first_failure);
    CHECK(clients.answered >= 150);
    for (const auto& title : clients.titles_seen)
        CHECK_MESSAGE(
            (title == "Minimal plan" || title == "Second version" || title == "Third version"),
            title);
    CHECK(clients.titles_seen.count("Second version") == 1);
}

TEST_CASE("each data version's bodies are prepared once and shared by every request") {
    TempDir dir;
    fs::path file = dir.path / "plan.json";
    std::string valid = read_text(data_dir / "valid/minimal.json");
    write_text(file, valid);
    Feed feed(FeedOptions{file.string(), true});
    auto before = feed.live->current();
    const std::string* summary_bytes = &before->bodies.at("/api/v1/summary").identity;
    for (int i = 0; i < 5; ++i)
        REQUIRE(feed.get("/api/v1/summary?as_of=2011-01-01"));
    // On-demand views leave the snapshot and its prepared bytes as they were.
    CHECK(feed.live->current() == before);
    CHECK(&feed.live->current()->bodies.at("/api/v1/summary").identity == summary_bytes);
    CHECK(feed.get("/api/v1/summary")->body == *summary_bytes);

    save_and_settle(feed, file, retitled(valid, "New"));
    auto after = feed.live->current();
    REQUIRE(after != before);
    CHECK(after->bodies.at("/api/v1/summary").etag != before->bodies.at("/api/v1/summary").etag);
    CHECK(feed.get("/api/v1/summary")->body == after->bodies.at("/api/v1/summary").identity);
}
