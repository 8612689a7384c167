// The live plan: atomic snapshots, reload of valid versions, refusal of invalid ones, editors'
// ways of saving, and the midnight roll-over. poll() is driven by hand: no timing in the tests.

#include "dashboard/core/live_plan.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>
#include <vector>

using namespace actionboard;
using testing::read_text;
namespace fs = std::filesystem;

namespace {

const fs::path data_dir = ACTIONBOARD_TEST_DATA_DIR;

void write_text(const fs::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

struct Fixture {
    testing::ScratchDir scratch;
    fs::path dir = scratch.path;
    fs::path file;
    std::string valid = read_text(data_dir / "valid/minimal.json");
    std::vector<std::string> log;
    int changes = 0;

    Fixture() {
        file = dir / "plan.json";
        write_text(file, valid);
    }

    LivePlanOptions options() {
        LivePlanOptions options;
        options.path = file.string();
        options.missing_grace = std::chrono::milliseconds(0);
        options.log = [this](const std::string& line) { log.push_back(line); };
        options.on_change = [this] { ++changes; };
        return options;
    }

    // A later modification time than the last write, as a real edit would have.
    void bump_mtime() {
        auto when = fs::last_write_time(file) + std::chrono::seconds(1);
        fs::last_write_time(file, when);
    }

    std::string titled(const std::string& title) {
        std::string text = valid;
        text.replace(text.find("Minimal plan"), 12, title);
        return text;
    }
};

// Changes are loaded once the file has looked the same for two polls (the writer has finished).
void settle(LivePlan& live) {
    live.poll();
    live.poll();
}

} // namespace

TEST_CASE("initial load publishes one snapshot with version and view") {
    Fixture f;
    LivePlan live(f.options());
    LoadResult result = live.load_initial();
    REQUIRE(result.ok());
    auto snapshot = live.current();
    REQUIRE(snapshot);
    CHECK(snapshot->plan->info.title == "Minimal plan");
    CHECK(snapshot->source == f.file.string());
    CHECK(snapshot->data_version == content_hash(f.valid));
    CHECK(snapshot->view.as_of == make_date(2010, 1, 15));
    CHECK(snapshot->generation == 1);
    CHECK_FALSE(live.state()->degraded);
}

TEST_CASE("an invalid first load publishes nothing") {
    Fixture f;
    write_text(f.file, "{");
    LivePlan live(f.options());
    CHECK_FALSE(live.load_initial().ok());
    CHECK_FALSE(live.current());
}

TEST_CASE("the embedded plan loads with no file") {
    LivePlanOptions options;
    LivePlan live(options);
    REQUIRE(live.load_initial().ok());
    CHECK(live.current()->plan->recommendations.size() == 58);
    CHECK_FALSE(live.poll()); // nothing to watch
}

TEST_CASE("a valid new version replaces the snapshot") {
    Fixture f;
    LivePlan live(f.options());
    REQUIRE(live.load_initial().ok());
    auto before = live.current();
    write_text(f.file, f.titled("Second version"));
    f.bump_mtime();
    settle(live);
    auto after = live.current();
    CHECK(after->plan->info.title == "Second version");
    CHECK(after->generation == before->generation + 1);
    CHECK(after->data_version != before->data_version);
    CHECK(before->plan->info.title == "Minimal plan"); // a holder keeps its snapshot intact
    CHECK(live.state()->reloads == 1);
    CHECK(f.changes == 1);
}

TEST_CASE("an invalid version is refused, logged once, and the last good plan stays") {
    Fixture f;
    LivePlan live(f.options());
    REQUIRE(live.load_initial().ok());
    auto good = live.current();

    write_text(f.file, "{\"format\": ");
    f.bump_mtime();
    settle(live);
    CHECK(live.current() == good);
    auto state = live.state();
    CHECK(state->degraded);
    CHECK(state->last_error.find("line 1") != std::string::npos);
    CHECK(state->failed_reloads == 1);
    REQUIRE(f.log.size() == 1);
    CHECK(f.log[0].find("keeping the last good plan") != std::string::npos);

    // The same broken file polled again: no new log line.
    for (int i = 0; i < 5; ++i)
        live.poll();
    CHECK(f.log.size() == 1);

    // Fixed: served again, no longer degraded, the error remembered for /healthz.
    write_text(f.file, f.titled("Fixed"));
    f.bump_mtime();
    settle(live);
    CHECK(live.current()->plan->info.title == "Fixed");
    CHECK_FALSE(live.state()->degraded);
    CHECK_FALSE(live.state()->last_error.empty());
}

TEST_CASE("restoring the same bytes after a bad save clears the error without a new version") {
    Fixture f;
    LivePlan live(f.options());
    REQUIRE(live.load_initial().ok());
    auto good = live.current();
    write_text(f.file, "");
    f.bump_mtime();
    settle(live);
    CHECK(live.state()->degraded);
    write_text(f.file, f.valid);
    f.bump_mtime();
    f.bump_mtime();
    settle(live);
    CHECK_FALSE(live.state()->degraded);
    CHECK(live.current() == good);
}

TEST_CASE("editors' ways of saving: rename over, delete then create, briefly missing") {
    Fixture f;
    LivePlanOptions options = f.options();
    options.missing_grace = std::chrono::hours(1); // a brief absence is not an error
    LivePlan live(options);
    REQUIRE(live.load_initial().ok());

    SUBCASE("write to a temporary file, then rename over") {
        fs::path temp = f.dir / ".plan.json.swp";
        write_text(temp, f.titled("Renamed"));
        fs::rename(temp, f.file);
        settle(live);
        CHECK(live.current()->plan->info.title == "Renamed");
    }
    SUBCASE("delete, then create") {
        fs::remove(f.file);
        settle(live);
        CHECK_FALSE(live.state()->degraded); // within the grace period
        CHECK(live.current()->plan->info.title == "Minimal plan");
        write_text(f.file, f.titled("Recreated"));
        settle(live);
        CHECK(live.current()->plan->info.title == "Recreated");
        CHECK_FALSE(live.state()->degraded);
    }
    SUBCASE("write in place") {
        write_text(f.file, f.titled("In place, longer title"));
        f.bump_mtime();
        settle(live);
        CHECK(live.current()->plan->info.title == "In place, longer title");
    }
}

TEST_CASE("a file missing past the grace period is reported once") {
    Fixture f;
    LivePlan live(f.options()); // grace 0
    REQUIRE(live.load_initial().ok());
    fs::remove(f.file);
    live.poll();
    CHECK(live.state()->degraded);
    CHECK(live.state()->last_error.find("missing") != std::string::npos);
    live.poll();
    live.poll();
    CHECK(live.state()->failed_reloads == 1);
    CHECK(live.current()->plan->info.title == "Minimal plan");
}

TEST_CASE("a change is loaded only once the file has settled") {
    Fixture f;
    LivePlan live(f.options());
    REQUIRE(live.load_initial().ok());
    write_text(f.file, f.titled("Settled"));
    f.bump_mtime();
    CHECK_FALSE(live.poll()); // seen, not yet loaded
    CHECK(live.current()->plan->info.title == "Minimal plan");
    CHECK(live.poll());
    CHECK(live.current()->plan->info.title == "Settled");
}

TEST_CASE("--as-of today rolls over at midnight") {
    Fixture f;
    Date today = make_date(2010, 1, 30);
    LivePlanOptions options = f.options();
    options.as_of = *parse_as_of("today");
    options.today = [&today] { return today; };
    LivePlan live(options);
    REQUIRE(live.load_initial().ok());
    CHECK(live.current()->view.as_of == make_date(2010, 1, 30));
    // "January 2010" is due 31 January: amber today, red after midnight.
    auto rag_of_rec1 = [&] { return live.current()->view.find("1")->rag; };
    CHECK(rag_of_rec1() == Rag::amber);
    CHECK_FALSE(live.poll());
    today = make_date(2010, 2, 1);
    CHECK(live.poll());
    CHECK(live.current()->view.as_of == make_date(2010, 2, 1));
    CHECK(rag_of_rec1() == Rag::red);
}

TEST_CASE("prepared bodies are built once per snapshot") {
    Fixture f;
    int builds = 0;
    LivePlanOptions options = f.options();
    options.prepare_bodies = [&builds](const Snapshot& snapshot) {
        ++builds;
        return PreparedBodies{{"/x", {"text/plain", snapshot.plan->info.title, "", "\"1\""}}};
    };
    LivePlan live(options);
    REQUIRE(live.load_initial().ok());
    CHECK(builds == 1);
    CHECK(live.current()->bodies.at("/x").identity == "Minimal plan");
    for (int i = 0; i < 3; ++i)
        live.poll();
    CHECK(builds == 1);
    auto other = live.at(make_date(2011, 1, 1)); // another date: computed, not cached
    CHECK(other->view.as_of == make_date(2011, 1, 1));
    CHECK(other->bodies.empty());
    CHECK(builds == 1);
}

TEST_CASE("the watcher thread reloads on its own and stops promptly") {
    Fixture f;
    LivePlanOptions options = f.options();
    options.poll_interval = std::chrono::milliseconds(5);
    std::atomic<int> changes{0};
    options.on_change = [&changes] { ++changes; };
    LivePlan live(options);
    REQUIRE(live.load_initial().ok());
    live.start_watching();
    write_text(f.file, f.titled("Threaded"));
    f.bump_mtime();
    // Wait for the change (bounded): this checks behaviour, not speed.
    for (int i = 0; i < 2000 && changes == 0; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    CHECK(live.current()->plan->info.title == "Threaded");
    live.stop();
}

TEST_CASE("on_publish hands on every published snapshot, after it is current") {
    Fixture f;
    Date today = make_date(2010, 1, 30);
    std::vector<std::shared_ptr<const Snapshot>> handed;
    LivePlan* live_ptr = nullptr;
    bool current_when_handed = true;
    LivePlanOptions options = f.options();
    options.as_of = *parse_as_of("today");
    options.today = [&today] { return today; };
    options.on_publish = [&](std::shared_ptr<const Snapshot> snapshot) {
        current_when_handed = current_when_handed && live_ptr->current() == snapshot;
        handed.push_back(std::move(snapshot));
    };
    LivePlan live(options);
    live_ptr = &live;
    REQUIRE(live.load_initial().ok());
    REQUIRE(handed.size() == 1);
    CHECK(handed[0]->plan->info.title == "Minimal plan");

    // A refused version publishes nothing.
    write_text(f.file, "{ not json");
    f.bump_mtime();
    settle(live);
    CHECK(handed.size() == 1);

    // A valid new version, then the same version at a new date.
    write_text(f.file, f.titled("Second"));
    f.bump_mtime();
    settle(live);
    REQUIRE(handed.size() == 2);
    CHECK(handed[1]->plan->info.title == "Second");
    today = make_date(2010, 2, 1);
    live.poll();
    REQUIRE(handed.size() == 3);
    CHECK(handed[2]->data_version == handed[1]->data_version);
    CHECK(handed[2]->view.as_of == make_date(2010, 2, 1));
    CHECK(current_when_handed);
}
