// The SQLite store on real files: schema, round trip, one version per transaction, deduplication,
// and files that are corrupt, someone else's, from a newer schema, locked or missing.

#include "dashboard/core/live_plan.hpp"
#include "dashboard/history/history.hpp"
#include "dashboard/history/store.hpp"
#include "history_support.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <sqlite3.h>
#include <sstream>

using namespace history_test;
namespace fs = std::filesystem;

namespace {

const fs::path data_dir = ACTIONBOARD_TEST_DATA_DIR;

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

std::string read_bytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

void write_bytes(const fs::path& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

const Clock::time_point noon = Clock::time_point(std::chrono::sys_days(std::chrono::year(2009) / 7 / 7) +
                                                 std::chrono::hours(12));

std::unique_ptr<Store> open_store(const fs::path& file) {
    OpenOutcome outcome = Store::open(file.string(), noon, std::chrono::milliseconds(50));
    INFO(outcome.error);
    REQUIRE(outcome.store);
    return std::move(outcome.store);
}

// A second, plain connection, as the sqlite3 shell or another process would have.
struct Raw {
    sqlite3* db = nullptr;
    explicit Raw(const fs::path& file) { REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK); }
    ~Raw() { sqlite3_close(db); }
    int exec(const std::string& sql) { return sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr); }
    std::string text(const std::string& sql) {
        sqlite3_stmt* stmt = nullptr;
        REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK);
        std::string out;
        if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0))
            out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
        sqlite3_finalize(stmt);
        return out;
    }
};

std::string laming() { return read_bytes(ACTIONBOARD_PLAN_FILE); }

Version laming_version(const std::string& text, Clock::time_point at) {
    Plan plan = parse(text);
    Version version;
    version.recorded_at = at;
    version.recorded_day = local_day_of_utc(at);
    version.hash = content_hash(text);
    version.source = "data/laming-2009.json";
    version.facts = std::make_shared<const VersionFacts>(facts_at_reporting_date(plan));
    return version;
}

} // namespace

TEST_CASE("store: a new file gets the documented schema, in WAL mode") {
    Scratch scratch;
    fs::path file = scratch.path / "history.sqlite3";
    auto store = open_store(file);
    Raw raw(file);
    CHECK(raw.text("PRAGMA journal_mode") == "wal");
    CHECK(raw.text("SELECT value FROM actionboard_history WHERE key = 'schema'") == "1");
    for (const char* table : {"versions", "chapters", "recommendations", "milestones"})
        CHECK_MESSAGE(raw.text(std::string("SELECT name FROM sqlite_schema WHERE type = 'table' AND name = '") +
                               table + "'") == table,
                      table);
    // docs/history.md prints schema_sql(); it is what SQLite holds.
    std::string versions_sql = raw.text("SELECT sql FROM sqlite_schema WHERE name = 'versions'");
    CHECK(std::string(schema_sql()).find(versions_sql) != std::string::npos);
}

TEST_CASE("store: a version round-trips whole, timestamps keep their microseconds") {
    Scratch scratch;
    fs::path file = scratch.path / "history.sqlite3";
    std::string text = laming();
    Version version = laming_version(text, noon + std::chrono::microseconds(123456));
    {
        auto store = open_store(file);
        RecordOutcome outcome = store->record(version, Dedupe::against_latest);
        CHECK(outcome.inserted);
        CHECK(outcome.id == 1);
    }
    auto store = open_store(file);
    Store::Loaded loaded = store->load();
    CHECK(loaded.torn == 0);
    REQUIRE(loaded.versions.size() == 1);
    const Version& back = loaded.versions[0];
    CHECK(back.id == 1);
    CHECK(back.recorded_at == version.recorded_at);
    CHECK(back.recorded_day == version.recorded_day);
    CHECK(back.hash == version.hash);
    CHECK_FALSE(back.imported);
    const VersionFacts& a = *version.facts;
    const VersionFacts& b = *back.facts;
    CHECK(b.plan_version == "v1.5");
    CHECK(b.reporting_date == make_date(2009, 7, 7));
    CHECK(b.chapters.size() == a.chapters.size());
    REQUIRE(b.recommendations.size() == a.recommendations.size());
    REQUIRE(b.milestones.size() == a.milestones.size());
    for (std::size_t i = 0; i < a.recommendations.size(); ++i) {
        CHECK(b.recommendations[i].ref == a.recommendations[i].ref);
        CHECK(b.recommendations[i].status == a.recommendations[i].status);
        CHECK(b.recommendations[i].rag == a.recommendations[i].rag);
    }
    for (std::size_t i = 0; i < a.milestones.size(); ++i) {
        const MilestoneFacts& x = a.milestones[i];
        const MilestoneFacts& y = b.milestones[i];
        CHECK(std::tie(x.ref, x.part, x.entry, x.reading, x.deadline, x.lead, x.action) ==
              std::tie(y.ref, y.part, y.entry, y.reading, y.deadline, y.lead, y.action));
        CHECK(x.kind == y.kind);
        CHECK(x.due == y.due);
        CHECK(x.start == y.start);
        CHECK(x.complete == y.complete);
        CHECK(x.rag == y.rag);
    }
    CHECK(format_timestamp(version.recorded_at) == "2009-07-07T12:00:00.123456Z");
    CHECK(parse_timestamp("2009-07-07T12:00:00.123456Z") == version.recorded_at);
    CHECK_FALSE(parse_timestamp("2009-07-07T12:00:00Z"));
}

TEST_CASE("store: a loaded version is recorded unless it is the latest, an import unless it is there at all") {
    Scratch scratch;
    auto store = open_store(scratch.path / "history.sqlite3");
    std::string a = laming();
    std::string b = a;
    b.replace(b.find("\"v1.5\""), 6, "\"v1.6\"");
    Version va = laming_version(a, noon);
    Version vb = laming_version(b, noon + std::chrono::hours(1));
    Version va_again = laming_version(a, noon + std::chrono::hours(2));
    CHECK(store->record(va, Dedupe::against_latest).inserted);
    CHECK_FALSE(store->record(va, Dedupe::against_latest).inserted); // restarted on the same file
    CHECK(store->record(vb, Dedupe::against_latest).inserted);
    RecordOutcome back = store->record(va_again, Dedupe::against_latest); // the plan went back
    CHECK(back.inserted);
    CHECK(back.id == 3);
    Version imported = laming_version(b, noon - std::chrono::hours(24 * 30));
    imported.imported = true;
    RecordOutcome twice = store->record(imported, Dedupe::anywhere);
    CHECK_FALSE(twice.inserted);
    CHECK(twice.id == 2);
    CHECK(store->load().versions.size() == 3);
}

TEST_CASE("store: a file that is not a database is set aside, whole, and a new one started") {
    Scratch scratch;
    fs::path file = scratch.path / "history.sqlite3";
    std::string garbage(5000, 'x');
    write_bytes(file, garbage);
    OpenOutcome outcome = Store::open(file.string(), noon);
    REQUIRE(outcome.store);
    fs::path aside = scratch.path / "history.sqlite3.corrupt-20090707T120000Z";
    CHECK(outcome.note == "the history file " + file.string() + " was corrupt (file is not a database); it was "
                          "set aside as " + aside.string() + " and a new one was started");
    CHECK(read_bytes(aside) == garbage);
    CHECK(outcome.store->load().versions.empty());
    CHECK(outcome.store->record(laming_version(laming(), noon), Dedupe::against_latest).inserted);
}

TEST_CASE("store: a damaged page fails quick_check and is set aside, recorded versions stay in the copy") {
    Scratch scratch;
    fs::path file = scratch.path / "history.sqlite3";
    {
        auto store = open_store(file);
        store->record(laming_version(laming(), noon), Dedupe::against_latest);
        Raw raw(file);
        REQUIRE(raw.exec("PRAGMA wal_checkpoint(TRUNCATE)") == SQLITE_OK);
    }
    std::string bytes = read_bytes(file);
    REQUIRE(bytes.size() > 3 * 4096);
    for (std::size_t i = 4096 + 8; i < 4096 + 200; ++i) // the second page's header and cell pointers
        bytes[i] = char(0xA5);
    write_bytes(file, bytes);
    OpenOutcome outcome = Store::open(file.string(), noon + std::chrono::hours(1));
    REQUIRE(outcome.store);
    CHECK(outcome.note.find("was corrupt") != std::string::npos);
    CHECK(outcome.note.find("set aside as " + file.string() + ".corrupt-20090707T130000Z") != std::string::npos);
    CHECK(read_bytes(file.string() + ".corrupt-20090707T130000Z") == bytes);
}

TEST_CASE("store: someone else's database, or a newer schema, is refused and left alone") {
    Scratch scratch;
    fs::path other = scratch.path / "other.sqlite3";
    {
        Raw raw(other);
        REQUIRE(raw.exec("CREATE TABLE accounts (id INTEGER); INSERT INTO accounts VALUES (1)") == SQLITE_OK);
    }
    std::string before = read_bytes(other);
    OpenOutcome outcome = Store::open(other.string(), noon);
    CHECK_FALSE(outcome.store);
    CHECK(outcome.error == "cannot use " + other.string() +
                               ": it is an SQLite database, but not an actionboard history (choose another file with --history)");
    CHECK(outcome.note.empty());
    CHECK(read_bytes(other) == before);

    fs::path newer = scratch.path / "newer.sqlite3";
    open_store(newer);
    {
        Raw raw(newer);
        REQUIRE(raw.exec("UPDATE actionboard_history SET value = '2' WHERE key = 'schema'") == SQLITE_OK);
    }
    OpenOutcome refused = Store::open(newer.string(), noon);
    CHECK_FALSE(refused.store);
    CHECK(refused.error.find("made by another version of actionboard (schema 2, this one reads 1)") != std::string::npos);
    CHECK(fs::exists(newer));
}

TEST_CASE("store: a missing directory is said plainly") {
    Scratch scratch;
    OpenOutcome outcome = Store::open((scratch.path / "nowhere/history.sqlite3").string(), noon);
    CHECK_FALSE(outcome.store);
    CHECK(outcome.error.find("its directory " + (scratch.path / "nowhere").string() + " does not exist") !=
          std::string::npos);
}

TEST_CASE("store: a write blocked by another process's write fails whole and succeeds later") {
    Scratch scratch;
    fs::path file = scratch.path / "history.sqlite3";
    auto store = open_store(file);
    Raw other(file);
    REQUIRE(other.exec("BEGIN IMMEDIATE") == SQLITE_OK);
    Version version = laming_version(laming(), noon);
    bool busy = false;
    try {
        store->record(version, Dedupe::against_latest);
    } catch (const StoreError& error) {
        busy = (error.code() & 0xff) == SQLITE_BUSY;
    }
    CHECK(busy);
    CHECK(store->load().versions.empty());
    REQUIRE(other.exec("COMMIT") == SQLITE_OK);
    CHECK(store->record(version, Dedupe::against_latest).inserted);
    CHECK(store->load().versions.size() == 1);
}

TEST_CASE("store: another connection's commit is seen, a version with missing rows is left out") {
    Scratch scratch;
    fs::path file = scratch.path / "history.sqlite3";
    auto store = open_store(file);
    store->changed_elsewhere();
    CHECK_FALSE(store->changed_elsewhere());
    {
        auto other = open_store(file);
        other->record(laming_version(laming(), noon), Dedupe::against_latest);
    }
    CHECK(store->changed_elsewhere());
    CHECK_FALSE(store->changed_elsewhere());
    // Rows deleted behind its back (no write of ours can do this): the version no longer adds up.
    Raw raw(file);
    REQUIRE(raw.exec("DELETE FROM milestones WHERE position = 3") == SQLITE_OK);
    Store::Loaded loaded = store->load();
    CHECK(loaded.versions.empty());
    CHECK(loaded.torn == 1);
}

TEST_CASE(
    "store: a history opened to read only is never written: not made, converted or set aside") {
    Scratch scratch;
    fs::path missing = scratch.path / "missing.sqlite3";
    OpenOutcome none = Store::open_read_only(missing.string());
    CHECK_FALSE(none.store);
    CHECK(none.error.rfind("cannot read " + missing.string() + ": ", 0) == 0);
    CHECK_FALSE(fs::exists(missing));

    fs::path garbage = scratch.path / "garbage.sqlite3";
    write_bytes(garbage, std::string(4096, 'x'));
    OpenOutcome refused = Store::open_read_only(garbage.string());
    CHECK_FALSE(refused.store);
    CHECK(refused.error.find("not a database") != std::string::npos);
    CHECK(read_bytes(garbage) == std::string(4096, 'x'));
    CHECK(std::distance(fs::directory_iterator(scratch.path), fs::directory_iterator()) == 1);

    fs::path other = scratch.path / "other.sqlite3";
    {
        Raw raw(other);
        REQUIRE(raw.exec("CREATE TABLE accounts (id INTEGER)") == SQLITE_OK);
    }
    std::string before = read_bytes(other);
    OpenOutcome foreign = Store::open_read_only(other.string());
    CHECK_FALSE(foreign.store);
    CHECK(foreign.error.find("not an actionboard history") != std::string::npos);
    CHECK(read_bytes(other) == before);

    fs::path ours = scratch.path / "history.sqlite3";
    {
        std::unique_ptr<Store> store = open_store(ours);
        store->record(laming_version(laming(), noon), Dedupe::against_latest);
    }
    before = read_bytes(ours);
    OpenOutcome reader = Store::open_read_only(ours.string());
    REQUIRE(reader.store);
    CHECK(reader.store->load().versions.size() == 1);
    Version again = laming_version(laming() + " ", noon + std::chrono::hours(1));
    CHECK_THROWS_AS(reader.store->record(again, Dedupe::against_latest), StoreError);
    reader.store.reset();
    CHECK(read_bytes(ours) == before);
}

TEST_CASE(
    "read_state: the plan on show is compared as a running actionboard would, nothing written") {
    Scratch scratch;
    fs::path file = scratch.path / "history.sqlite3";
    std::vector<fs::path> earlier = {data_dir / "history/laming/laming-v1.3-test.json",
                                     data_dir / "history/laming/laming-v1.4-test.json",
                                     ACTIONBOARD_PLAN_FILE,
                                     data_dir / "history/laming/laming-v1.6-test.json"};
    {
        std::unique_ptr<Store> store = open_store(file);
        for (const auto& path : earlier) {
            std::string text = read_bytes(path);
            Version v = version(0, "2000-01-01", text);
            v.recorded_day = v.facts->reporting_date;
            v.recorded_at =
                Clock::time_point(std::chrono::sys_days(v.recorded_day) + std::chrono::hours(12));
            v.imported = true;
            REQUIRE(store->record(v, Dedupe::anywhere).inserted);
        }
    }
    std::string before = read_bytes(file);
    auto live_on = [](const fs::path& plan) {
        LivePlanOptions options;
        options.path = plan.string();
        auto live = std::make_unique<LivePlan>(options);
        REQUIRE(live->load_initial().ok());
        return live;
    };
    // v1.7, not recorded: added as the version on show (id 0), compared with the September one.
    auto december = live_on(data_dir / "history/laming/laming-v1.7-test.json");
    auto state = read_state(file.string(), december->current(), std::nullopt, Clock::now());
    REQUIRE(state->status == HistoryStatus::ok);
    REQUIRE(state->timeline);
    REQUIRE(state->timeline->versions.size() == 5);
    CHECK(state->timeline->versions.back().id == 0);
    CHECK(state->current == std::optional<std::size_t>(4));
    REQUIRE(state->comparison);
    CHECK(state->timeline->versions[state->comparison->baseline].id == 4);
    CHECK(state->comparison->changes.size() == 14);
    CHECK(state->trend.size() == 5);
    CHECK(state->generation > 0);
    CHECK(read_bytes(file) == before);
    {
        Raw raw(file);
        CHECK(raw.text("SELECT count(*) FROM versions") == "4");
    }
    // The latest recorded version on show: not added again. --since picks another baseline.
    auto september = live_on(data_dir / "history/laming/laming-v1.6-test.json");
    state = read_state(file.string(), september->current(), parse_since("2"), Clock::now());
    REQUIRE(state->timeline);
    CHECK(state->timeline->versions.size() == 4);
    CHECK(state->timeline->versions[*state->current].id == 4);
    REQUIRE(state->comparison);
    CHECK(state->timeline->versions[state->comparison->baseline].id == 2);
    // A file that cannot be read: unavailable, and why.
    state = read_state((scratch.path / "nope" / "h.sqlite3").string(), september->current(),
                       std::nullopt, Clock::now());
    CHECK(state->status == HistoryStatus::unavailable);
    CHECK(state->status_line().rfind("history unavailable: cannot read ", 0) == 0);
    CHECK_FALSE(state->comparison);
}
