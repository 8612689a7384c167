// The history service with a real LivePlan on a real file: every published version recorded, the
// comparison and the trend published with it, and the plan unaffected when the database is
// missing, locked or corrupt. process() and poll() are driven by hand: no timing.

#include "dashboard/core/live_plan.hpp"
#include "dashboard/history/history.hpp"
#include "history_support.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <sqlite3.h>
#include <sstream>

using namespace history_test;
namespace fs = std::filesystem;

namespace {

struct Scratch {
    fs::path path;
    Scratch() {
        std::string pattern = (fs::temp_directory_path() / "actionboard-history-XXXXXX").string();
        path = mkdtemp(pattern.data());
    }
    ~Scratch() {
        std::error_code ignored;
        fs::remove_all(path, ignored);
    }
};

void write_text(const fs::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

const std::vector<std::string> meetings{"2009-05-12", "2009-07-14", "2009-09-15"};

std::string v1() {
    return plan_text("2009-07-01", {recommendation("1", 1, "in_progress", {milestone("June 2010")}),
                                    recommendation("2", 1, "in_progress", {milestone("August 2009", "SSCB", "Train")})},
                     meetings, "v1");
}
std::string v2() { // 1 compliant; 2's August slips to October
    return plan_text("2009-07-20", {recommendation("1", 1, "compliant", {milestone("June 2010")}),
                                    recommendation("2", 1, "in_progress", {milestone("October 2009", "SSCB", "Train")})},
                     meetings, "v2");
}

struct Rig {
    Scratch scratch;
    fs::path plan_file = scratch.path / "plan.json";
    fs::path db = scratch.path / "history.sqlite3";
    std::vector<std::string> log;
    int bodies_prepared = 0;
    Clock::time_point clock = Clock::time_point(std::chrono::sys_days(std::chrono::year(2009) / 7 / 1) +
                                                std::chrono::hours(9));
    std::unique_ptr<LivePlan> live;
    std::unique_ptr<History> history;

    explicit Rig(std::optional<std::string> db_path = std::string{}, std::optional<Since> since = std::nullopt) {
        write_text(plan_file, v1());
        HistoryOptions options;
        options.path = db_path && db_path->empty() ? std::optional<std::string>(db.string()) : db_path;
        options.since = since;
        options.retry_interval = std::chrono::milliseconds(0);
        options.busy_timeout = std::chrono::milliseconds(20);
        options.log = [this](const std::string& line) { log.push_back(line); };
        options.now = [this] { return clock; };
        options.local_day = local_day_of_utc;
        options.prepare_bodies = [this](const HistoryState& state) {
            ++bodies_prepared;
            return PreparedBodies{{"/g", {"text/plain", std::to_string(state.generation), "", "\"g\""}}};
        };
        history = std::make_unique<History>(options);
        LivePlanOptions live_options;
        live_options.path = plan_file.string();
        live_options.missing_grace = std::chrono::milliseconds(0);
        live_options.log = [this](const std::string& line) { log.push_back(line); };
        live_options.on_publish = [this](std::shared_ptr<const Snapshot> s) { history->offer(std::move(s)); };
        live = std::make_unique<LivePlan>(live_options);
        REQUIRE(live->load_initial().ok());
    }

    // Replaces the plan file and lets the live plan load it.
    void edit(const std::string& text) {
        write_text(plan_file, text);
        fs::last_write_time(plan_file, fs::last_write_time(plan_file) + std::chrono::seconds(5));
        live->poll();
        live->poll();
    }

    std::shared_ptr<const HistoryState> state() const { return history->current(); }
};

std::vector<std::string> kinds(const Comparison& comparison) {
    std::vector<std::string> out;
    for (const auto& change : comparison.changes)
        out.push_back(std::string(to_string(change.kind)) + ":" + change.ref);
    return out;
}

} // namespace

TEST_CASE("service: an edited plan file records a new version, and the changes say what changed") {
    Rig rig(std::string{}, parse_since("1"));
    CHECK(rig.history->process());
    auto first = rig.state();
    CHECK(first->status == HistoryStatus::ok);
    CHECK(first->status_line().empty());
    REQUIRE(first->timeline);
    REQUIRE(first->timeline->versions.size() == 1);
    CHECK(first->timeline->versions[0].id == 1);
    CHECK(first->current == 0u);
    REQUIRE(first->comparison);
    CHECK(first->comparison->changes.empty());

    rig.edit(v2());
    CHECK(rig.history->process());
    auto second = rig.state();
    REQUIRE(second->timeline->versions.size() == 2);
    CHECK(second->timeline->versions[1].id == 2);
    CHECK(second->current == 1u);
    CHECK(second->snapshot == rig.live->current());
    REQUIRE(second->comparison);
    CHECK(kinds(*second->comparison) == std::vector<std::string>{"slipped:2", "newly_compliant:1"});
    CHECK(second->trend.size() == 2);
    CHECK(second->bodies.at("/g").identity == std::to_string(second->generation));
    CHECK(rig.log.back().find("history: recorded version 2 (data version ") == 0);
    CHECK_FALSE(rig.history->process()); // nothing new: nothing published
}

TEST_CASE("service: 'since the last committee' by default, the same version at a later date shows new overdue") {
    Rig rig;
    rig.history->process();
    // v1 as of 1 July: the last meeting before it is 12 May, before anything was recorded.
    CHECK_FALSE(rig.state()->comparison);
    CHECK(rig.state()->baseline.why_none.find("no version was recorded by the meeting of 2009-05-12") == 0);
    rig.clock += std::chrono::hours(24 * 19); // 20 July
    rig.edit(v2()); // as of 20 July: since the meeting of 14 July
    rig.history->process();
    auto state = rig.state();
    REQUIRE(state->baseline.baseline);
    CHECK(state->baseline.baseline->meeting == make_date(2009, 7, 14));
    CHECK(state->timeline->versions[state->baseline.baseline->index].id == 1);
    CHECK(kinds(*state->comparison) == std::vector<std::string>{"slipped:2", "newly_compliant:1"});
    // The same plan viewed on 1 November: since the meeting of 15 September (by which v2 was
    // recorded), October is overdue now; nothing else changed.
    ChangesResult later = changes_at(*state, std::nullopt, make_date(2009, 11, 1));
    REQUIRE(later.comparison);
    CHECK(later.baseline.baseline->meeting == make_date(2009, 9, 15));
    CHECK(kinds(*later.comparison) == std::vector<std::string>{"newly_overdue:2"});
    // Since version 1 instead, at the same date: all three.
    ChangesResult since_one = changes_at(*state, parse_since("1"), make_date(2009, 11, 1));
    REQUIRE(since_one.comparison);
    CHECK(kinds(*since_one.comparison) == std::vector<std::string>{"newly_overdue:2", "slipped:2", "newly_compliant:1"});
}

TEST_CASE("service: --no-history records nothing and says so") {
    Rig rig(std::nullopt);
    CHECK(rig.history->process());
    auto state = rig.state();
    CHECK(state->status == HistoryStatus::off);
    CHECK(state->status_line() == "history off (--no-history)");
    CHECK_FALSE(state->timeline);
    CHECK_FALSE(fs::exists(rig.db));
}

TEST_CASE("service: a database that cannot be opened leaves the plan as it was, and is retried") {
    Scratch elsewhere;
    fs::path missing_dir = elsewhere.path / "not-yet";
    Rig rig((missing_dir / "history.sqlite3").string());
    CHECK(rig.history->process());
    auto state = rig.state();
    CHECK(state->status == HistoryStatus::unavailable);
    CHECK(state->status_line().find("history unavailable: cannot use " + (missing_dir / "history.sqlite3").string() +
                                    ": its directory") == 0);
    CHECK_FALSE(state->timeline);
    // The plan itself goes on: a new version is loaded and served.
    rig.edit(v2());
    CHECK(rig.live->current()->plan->info.version == "v2");
    // Once the directory is there, both versions loaded meanwhile are recorded, in order.
    fs::create_directory(missing_dir);
    CHECK(rig.history->process());
    state = rig.state();
    CHECK(state->status == HistoryStatus::ok);
    REQUIRE(state->timeline->versions.size() == 2);
    CHECK(state->timeline->versions[0].facts->plan_version == "v1");
    CHECK(state->timeline->versions[1].facts->plan_version == "v2");
}

TEST_CASE("service: a locked database keeps the version waiting in memory, then records it") {
    Rig rig;
    rig.history->process();
    sqlite3* other = nullptr;
    REQUIRE(sqlite3_open(rig.db.c_str(), &other) == SQLITE_OK);
    REQUIRE(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK);
    rig.edit(v2());
    CHECK(rig.history->process());
    auto state = rig.state();
    CHECK(state->status == HistoryStatus::not_recording);
    CHECK(state->status_line().find("history not recording: cannot record data version") == 0);
    CHECK(state->status_line().find("database is locked") != std::string::npos);
    // What is waiting is shown all the same (id 0), and compared.
    REQUIRE(state->timeline->versions.size() == 2);
    CHECK(state->timeline->versions[1].id == 0);
    REQUIRE(state->current);
    CHECK(*state->current == 1u);
    REQUIRE(sqlite3_exec(other, "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(other);
    CHECK(rig.history->process()); // the retry
    state = rig.state();
    CHECK(state->status == HistoryStatus::ok);
    CHECK(state->timeline->versions[1].id == 2);
}

TEST_CASE("service: a corrupt database is set aside and said once, history starts again") {
    Scratch scratch;
    fs::path db = scratch.path / "history.sqlite3";
    write_text(db, std::string(3000, 'z'));
    Rig rig(db.string());
    rig.history->process();
    auto state = rig.state();
    CHECK(state->status == HistoryStatus::ok);
    CHECK(state->note.find("was corrupt") != std::string::npos);
    CHECK(state->timeline->versions.size() == 1);
    bool aside = false;
    for (const auto& entry : fs::directory_iterator(scratch.path))
        aside = aside || entry.path().filename().string().rfind("history.sqlite3.corrupt-", 0) == 0;
    CHECK(aside);
}

TEST_CASE("service: versions recorded by another process (an import) appear without a restart") {
    Rig rig;
    rig.history->process();
    {
        OpenOutcome other = Store::open(rig.db.string(), rig.clock);
        REQUIRE(other.store);
        Version imported = version(0, "2009-05-01", plan_text("2009-05-01", {recommendation("1", 1, "not_started", {})},
                                                              meetings, "v0"));
        imported.imported = true;
        CHECK(other.store->record(imported, Dedupe::anywhere).inserted);
    }
    CHECK(rig.history->process());
    auto state = rig.state();
    REQUIRE(state->timeline->versions.size() == 2);
    CHECK(state->timeline->versions[0].facts->plan_version == "v0"); // earlier, so first
    CHECK(state->timeline->versions[0].imported);
    CHECK(*state->current == 1u);
}

TEST_CASE("service: the same version again (a restart, a touch) is recorded once") {
    Rig rig;
    rig.history->process();
    rig.history->offer(rig.live->current());
    rig.history->process();
    Rig again(rig.db.string()); // a second process on the same plan and database
    again.history->process();
    CHECK(again.state()->timeline->versions.size() == 1);
}
