#include "store.hpp"

#include <sqlite3.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <sys/stat.h>

namespace actionboard::history {

namespace {

constexpr const char* schema_text = R"sql(CREATE TABLE actionboard_history (
  key TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
);
CREATE TABLE versions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  recorded_at TEXT NOT NULL,
  recorded_day TEXT NOT NULL,
  origin TEXT NOT NULL CHECK (origin IN ('load', 'import')),
  source TEXT NOT NULL,
  hash TEXT NOT NULL,
  plan_id TEXT NOT NULL,
  plan_title TEXT NOT NULL,
  plan_version TEXT NOT NULL,
  as_of TEXT NOT NULL,
  amber_days INTEGER NOT NULL,
  meetings TEXT NOT NULL,
  recommendations INTEGER NOT NULL,
  milestones INTEGER NOT NULL,
  compliant INTEGER NOT NULL,
  overdue INTEGER NOT NULL
);
CREATE INDEX versions_by_hash ON versions (hash);
CREATE INDEX versions_by_time ON versions (recorded_at, id);
CREATE TABLE chapters (
  version_id INTEGER NOT NULL REFERENCES versions (id),
  position INTEGER NOT NULL,
  number INTEGER NOT NULL,
  title TEXT NOT NULL,
  PRIMARY KEY (version_id, position)
) WITHOUT ROWID;
CREATE TABLE recommendations (
  version_id INTEGER NOT NULL REFERENCES versions (id),
  position INTEGER NOT NULL,
  ref TEXT NOT NULL,
  chapter INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('compliant', 'in_progress', 'awaiting_national', 'not_started')),
  rag TEXT NOT NULL CHECK (rag IN ('red', 'amber', 'green', 'blue', 'none')),
  reported_rag TEXT CHECK (reported_rag IN ('red', 'amber', 'green', 'blue', 'none')),
  PRIMARY KEY (version_id, position)
) WITHOUT ROWID;
CREATE TABLE milestones (
  version_id INTEGER NOT NULL REFERENCES versions (id),
  position INTEGER NOT NULL,
  ref TEXT NOT NULL,
  part TEXT NOT NULL,
  entry INTEGER NOT NULL,
  reading INTEGER NOT NULL,
  deadline TEXT NOT NULL,
  lead TEXT,
  action TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('dated', 'ongoing', 'recurring', 'complete', 'unscheduled')),
  start TEXT,
  due TEXT,
  complete INTEGER NOT NULL CHECK (complete IN (0, 1)),
  completed_on TEXT,
  rag TEXT NOT NULL CHECK (rag IN ('red', 'amber', 'green', 'blue', 'none')),
  PRIMARY KEY (version_id, position)
) WITHOUT ROWID;
)sql";

std::string message_of(sqlite3* db, int code) {
    const char* text = db ? sqlite3_errmsg(db) : sqlite3_errstr(code);
    return text ? text : sqlite3_errstr(code);
}

[[noreturn]] void fail(sqlite3* db, int code, const std::string& doing) {
    throw StoreError(code, doing + ": " + message_of(db, code));
}

bool is_corruption(int code) {
    int primary = code & 0xff;
    return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
}

class Statement {
public:
    Statement(sqlite3* db, const char* sql) : db_(db) {
        int rc = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr);
        if (rc != SQLITE_OK)
            throw StoreError(rc, message_of(db, rc));
    }
    ~Statement() { sqlite3_finalize(stmt_); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int i, const std::string& text) {
        check(sqlite3_bind_text(stmt_, i, text.data(), int(text.size()), SQLITE_TRANSIENT));
        return *this;
    }
    Statement& bind(int i, std::string_view text) { return bind(i, std::string(text)); }
    Statement& bind(int i, const char* text) { return bind(i, std::string(text)); }
    Statement& bind(int i, long long value) {
        check(sqlite3_bind_int64(stmt_, i, value));
        return *this;
    }
    Statement& bind(int i, int value) { return bind(i, static_cast<long long>(value)); }
    Statement& bind(int i, const std::optional<std::string>& text) {
        if (!text) {
            check(sqlite3_bind_null(stmt_, i));
            return *this;
        }
        return bind(i, *text);
    }
    Statement& bind(int i, const std::optional<Date>& date) {
        return bind(i, date ? std::optional<std::string>(format_iso(*date)) : std::nullopt);
    }

    // True while there is a row.
    bool step() {
        int rc = sqlite3_step(stmt_);
        if (rc == SQLITE_ROW)
            return true;
        if (rc == SQLITE_DONE)
            return false;
        fail(db_, rc, "reading or writing the history");
    }
    void run() {
        while (step()) {
        }
        sqlite3_reset(stmt_);
        sqlite3_clear_bindings(stmt_);
    }

    long long integer(int column) const { return sqlite3_column_int64(stmt_, column); }
    bool is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
    std::string text(int column) const {
        const unsigned char* value = sqlite3_column_text(stmt_, column);
        return value ? std::string(reinterpret_cast<const char*>(value),
                                   std::size_t(sqlite3_column_bytes(stmt_, column)))
                     : std::string();
    }
    std::optional<std::string> optional_text(int column) const {
        if (is_null(column))
            return std::nullopt;
        return text(column);
    }
    std::optional<Date> optional_date(int column) const {
        if (is_null(column))
            return std::nullopt;
        return date(column);
    }
    Date date(int column) const {
        auto parsed = parse_iso_date(text(column));
        if (!parsed)
            throw StoreError(SQLITE_MISMATCH, "the history holds a date that cannot be read: " + text(column));
        return *parsed;
    }

private:
    void check(int rc) {
        if (rc != SQLITE_OK)
            fail(db_, rc, "binding a value");
    }
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

void exec(sqlite3* db, const char* sql, const std::string& doing) {
    char* error = nullptr;
    int rc = sqlite3_exec(db, sql, nullptr, nullptr, &error);
    if (rc != SQLITE_OK) {
        std::string message = error ? error : sqlite3_errstr(rc);
        sqlite3_free(error);
        throw StoreError(rc, doing + ": " + message);
    }
}

std::string single_text(sqlite3* db, const char* sql) {
    Statement statement(db, sql);
    return statement.step() ? statement.text(0) : std::string();
}

template <typename Enum>
Enum parse_or_throw(std::optional<Enum> value, const std::string& text) {
    if (!value)
        throw StoreError(SQLITE_MISMATCH, "the history holds a value that cannot be read: " + text);
    return *value;
}

// "history.sqlite3.corrupt-20250101T120000Z"
std::string aside_name(const std::string& path, Clock::time_point now) {
    std::time_t seconds = Clock::to_time_t(now);
    std::tm parts{};
    gmtime_r(&seconds, &parts);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &parts);
    std::string base = path + ".corrupt-" + stamp;
    std::string name = base;
    std::error_code ec;
    for (int n = 2; std::filesystem::exists(name, ec); ++n)
        name = base + "-" + std::to_string(n);
    return name;
}

struct Attempt {
    sqlite3* db = nullptr;
    std::string error;
    bool corrupt = false;
};

// Opens and checks; on any failure the connection is closed and the reason given.
Attempt try_open(const std::string& path, std::chrono::milliseconds busy_timeout) {
    Attempt attempt;
    std::filesystem::path parent = std::filesystem::path(path).parent_path();
    std::error_code ec;
    if (!parent.empty() && !std::filesystem::is_directory(parent, ec)) {
        attempt.error = "its directory " + parent.string() + " does not exist";
        return attempt;
    }
    sqlite3* db = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &db,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        attempt.error = message_of(db, rc);
        sqlite3_close(db);
        return attempt;
    }
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, int(busy_timeout.count()));
    try {
        if (sqlite3_db_readonly(db, "main") == 1)
            throw StoreError(SQLITE_READONLY, "the file is read-only");
        // Ours, empty, or someone else's? Asked first, so that someone else's database is left
        // exactly as it was (not even switched to WAL).
        bool ours = false, others = false;
        {
            Statement tables(db, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
            while (tables.step()) {
                if (tables.text(0) == "actionboard_history")
                    ours = true;
                else
                    others = true;
            }
        }
        if (!ours && others)
            throw StoreError(SQLITE_ERROR, "it is an SQLite database, but not an actionboard history "
                                           "(choose another file with --history)");
        std::string check = single_text(db, "PRAGMA quick_check");
        if (check != "ok")
            throw StoreError(SQLITE_CORRUPT, "quick_check: " + check);
        std::string mode = single_text(db, "PRAGMA journal_mode=WAL");
        if (mode != "wal")
            throw StoreError(SQLITE_ERROR, "SQLite could not use a write-ahead log here (journal mode " + mode + ")");
        exec(db, "PRAGMA synchronous=FULL", "setting synchronous=FULL");
        exec(db, "PRAGMA foreign_keys=ON", "setting foreign_keys=ON");
        if (!ours) {
            exec(db, "BEGIN IMMEDIATE", "starting the history");
            try {
                exec(db, schema_text, "creating the history's tables");
                Statement meta(db, "INSERT INTO actionboard_history (key, value) VALUES ('schema', ?1)");
                meta.bind(1, schema_version).run();
                exec(db, "COMMIT", "starting the history");
            } catch (...) {
                sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
                throw;
            }
        } else {
            std::string version =
                single_text(db, "SELECT value FROM actionboard_history WHERE key = 'schema'");
            if (version != std::to_string(schema_version))
                throw StoreError(SQLITE_ERROR, "it was made by another version of actionboard (schema " +
                                                   (version.empty() ? std::string("unknown") : version) +
                                                   ", this one reads " + std::to_string(schema_version) + ")");
        }
    } catch (const StoreError& error) {
        attempt.error = error.what();
        attempt.corrupt = is_corruption(error.code());
        sqlite3_close(db);
        return attempt;
    }
    attempt.db = db;
    return attempt;
}

} // namespace

std::string format_timestamp(Clock::time_point time) {
    auto micros = std::chrono::floor<std::chrono::microseconds>(time);
    auto day = std::chrono::floor<std::chrono::days>(micros);
    std::chrono::year_month_day date(day);
    std::chrono::hh_mm_ss<std::chrono::microseconds> clock(micros - day);
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02d.%06lldZ", int(date.year()),
                  unsigned(date.month()), unsigned(date.day()), int(clock.hours().count()),
                  int(clock.minutes().count()), int(clock.seconds().count()),
                  static_cast<long long>(clock.subseconds().count()));
    return buffer;
}

std::optional<Clock::time_point> parse_timestamp(std::string_view text) {
    if (text.size() != 27 || text[10] != 'T' || text[19] != '.' || text[26] != 'Z')
        return std::nullopt;
    auto date = parse_iso_date(text.substr(0, 10));
    if (!date)
        return std::nullopt;
    int hours = 0, minutes = 0, seconds = 0;
    long long micros = 0;
    std::string rest(text.substr(11));
    if (std::sscanf(rest.c_str(), "%2d:%2d:%2d.%6lld", &hours, &minutes, &seconds, &micros) != 4)
        return std::nullopt;
    return Clock::time_point(std::chrono::duration_cast<Clock::duration>(
        std::chrono::sys_days(*date).time_since_epoch() + std::chrono::hours(hours) +
        std::chrono::minutes(minutes) + std::chrono::seconds(seconds) + std::chrono::microseconds(micros)));
}

std::string_view schema_sql() { return schema_text; }

Store::Store(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}

Store::~Store() { sqlite3_close(db_); }

OpenOutcome Store::open(const std::string& path, Clock::time_point now,
                        std::chrono::milliseconds busy_timeout) {
    OpenOutcome outcome;
    Attempt attempt = try_open(path, busy_timeout);
    if (attempt.corrupt) {
        // The file and its -wal and -shm go aside together (a WAL file apart from its database
        // is how databases get corrupted: https://www.sqlite.org/howtocorrupt.html), then a new
        // database starts in its place. Nothing is deleted.
        std::string aside = aside_name(path, now);
        std::string why = attempt.error;
        if (std::rename(path.c_str(), aside.c_str()) != 0) {
            outcome.error = "the history file " + path + " is corrupt (" + why +
                            ") and could not be set aside: " + std::strerror(errno);
            return outcome;
        }
        for (const char* suffix : {"-wal", "-shm", "-journal"}) {
            std::string from = path + suffix;
            std::error_code ec;
            if (std::filesystem::exists(from, ec))
                std::rename(from.c_str(), (aside + suffix).c_str());
        }
        outcome.note = "the history file " + path + " was corrupt (" + why + "); it was set aside as " +
                       aside + " and a new one was started";
        attempt = try_open(path, busy_timeout);
    }
    if (!attempt.db) {
        outcome.error = "cannot use " + path + ": " + attempt.error;
        return outcome;
    }
    outcome.store.reset(new Store(attempt.db, path));
    return outcome;
}

OpenOutcome Store::open_read_only(const std::string& path) {
    OpenOutcome outcome;
    sqlite3* db = nullptr;
    int rc =
        sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_FULLMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        outcome.error = "cannot read " + path + ": " + message_of(db, rc);
        sqlite3_close(db);
        return outcome;
    }
    sqlite3_extended_result_codes(db, 1);
    try {
        bool ours = false;
        {
            Statement tables(db, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name = "
                                 "'actionboard_history'");
            ours = tables.step();
        }
        if (!ours)
            throw StoreError(SQLITE_ERROR, "it is not an actionboard history");
        std::string version =
            single_text(db, "SELECT value FROM actionboard_history WHERE key = 'schema'");
        if (version != std::to_string(schema_version))
            throw StoreError(SQLITE_ERROR,
                             "it was made by another version of actionboard (schema " +
                                 (version.empty() ? std::string("unknown") : version) +
                                 ", this one reads " + std::to_string(schema_version) + ")");
    } catch (const StoreError& error) {
        outcome.error = "cannot read " + path + ": " + error.what();
        sqlite3_close(db);
        return outcome;
    }
    outcome.store.reset(new Store(db, path));
    return outcome;
}

RecordOutcome Store::record(const Version& version, Dedupe dedupe) {
    const VersionFacts& facts = *version.facts;
    RecordOutcome outcome;
    exec(db_, "BEGIN IMMEDIATE", "starting to record a version");
    try {
        {
            Statement existing(db_, dedupe == Dedupe::anywhere
                                        ? "SELECT id, hash FROM versions WHERE hash = ?1 ORDER BY recorded_at, id LIMIT 1"
                                        : "SELECT id, hash FROM versions ORDER BY recorded_at DESC, id DESC LIMIT 1");
            if (dedupe == Dedupe::anywhere)
                existing.bind(1, version.hash);
            if (existing.step() && existing.text(1) == version.hash) {
                outcome.id = existing.integer(0);
                exec(db_, "COMMIT", "recording a version");
                return outcome;
            }
        }
        nlohmann::json meetings = nlohmann::json::array();
        for (Date meeting : facts.meetings)
            meetings.push_back(format_iso(meeting));
        Statement insert(db_, "INSERT INTO versions (recorded_at, recorded_day, origin, source, hash, plan_id, "
                              "plan_title, plan_version, as_of, amber_days, meetings, recommendations, milestones, "
                              "compliant, overdue) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
        insert.bind(1, format_timestamp(version.recorded_at))
            .bind(2, format_iso(version.recorded_day))
            .bind(3, version.imported ? "import" : "load")
            .bind(4, version.source)
            .bind(5, version.hash)
            .bind(6, facts.plan_id)
            .bind(7, facts.plan_title)
            .bind(8, facts.plan_version)
            .bind(9, format_iso(facts.reporting_date))
            .bind(10, facts.amber_days)
            .bind(11, meetings.dump())
            .bind(12, int(facts.recommendations.size()))
            .bind(13, int(facts.milestones.size()))
            .bind(14, facts.compliant())
            .bind(15, facts.overdue())
            .run();
        std::int64_t id = sqlite3_last_insert_rowid(db_);
        Statement chapter(db_, "INSERT INTO chapters (version_id, position, number, title) VALUES (?1, ?2, ?3, ?4)");
        for (std::size_t i = 0; i < facts.chapters.size(); ++i)
            chapter.bind(1, static_cast<long long>(id))
                .bind(2, int(i))
                .bind(3, facts.chapters[i].number)
                .bind(4, facts.chapters[i].title)
                .run();
        Statement rec(db_, "INSERT INTO recommendations (version_id, position, ref, chapter, status, rag, "
                           "reported_rag) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        for (std::size_t i = 0; i < facts.recommendations.size(); ++i) {
            const RecommendationFacts& r = facts.recommendations[i];
            rec.bind(1, static_cast<long long>(id))
                .bind(2, int(i))
                .bind(3, r.ref)
                .bind(4, r.chapter)
                .bind(5, to_string(r.status))
                .bind(6, to_string(r.rag))
                .bind(7, r.reported_rag ? std::optional<std::string>(std::string(to_string(*r.reported_rag)))
                                        : std::nullopt)
                .run();
        }
        Statement milestone(db_, "INSERT INTO milestones (version_id, position, ref, part, entry, reading, deadline, "
                                 "lead, action, kind, start, due, complete, completed_on, rag) VALUES "
                                 "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
        for (std::size_t i = 0; i < facts.milestones.size(); ++i) {
            const MilestoneFacts& m = facts.milestones[i];
            milestone.bind(1, static_cast<long long>(id))
                .bind(2, int(i))
                .bind(3, m.ref)
                .bind(4, m.part)
                .bind(5, m.entry)
                .bind(6, m.reading)
                .bind(7, m.deadline)
                .bind(8, m.lead)
                .bind(9, m.action)
                .bind(10, to_string(m.kind))
                .bind(11, m.start)
                .bind(12, m.due)
                .bind(13, m.complete ? 1 : 0)
                .bind(14, m.completed_on)
                .bind(15, to_string(m.rag))
                .run();
        }
        exec(db_, "COMMIT", "committing a version");
        outcome.id = id;
        outcome.inserted = true;
    } catch (...) {
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
    return outcome;
}

Store::Loaded Store::load() {
    Loaded loaded;
    exec(db_, "BEGIN", "reading the history");
    try {
        struct Pending {
            Version version;
            std::shared_ptr<VersionFacts> facts;
            long long recommendations = 0, milestones = 0;
        };
        std::map<long long, Pending> by_id;
        std::vector<long long> order;
        {
            Statement versions(db_, "SELECT id, recorded_at, recorded_day, origin, source, hash, plan_id, plan_title, "
                                    "plan_version, as_of, amber_days, meetings, recommendations, milestones "
                                    "FROM versions ORDER BY recorded_at, id");
            while (versions.step()) {
                Pending pending;
                Version& v = pending.version;
                v.id = versions.integer(0);
                auto at = parse_timestamp(versions.text(1));
                if (!at)
                    throw StoreError(SQLITE_MISMATCH, "the history holds a time that cannot be read: " + versions.text(1));
                v.recorded_at = *at;
                v.recorded_day = versions.date(2);
                v.imported = versions.text(3) == "import";
                v.source = versions.text(4);
                v.hash = versions.text(5);
                pending.facts = std::make_shared<VersionFacts>();
                VersionFacts& f = *pending.facts;
                f.plan_id = versions.text(6);
                f.plan_title = versions.text(7);
                f.plan_version = versions.text(8);
                f.reporting_date = versions.date(9);
                f.as_of = f.reporting_date;
                f.amber_days = int(versions.integer(10));
                auto meetings = nlohmann::json::parse(versions.text(11), nullptr, false);
                if (meetings.is_array()) {
                    for (const auto& m : meetings) {
                        if (m.is_string())
                            if (auto date = parse_iso_date(m.get<std::string>()))
                                f.meetings.push_back(*date);
                    }
                }
                pending.recommendations = versions.integer(12);
                pending.milestones = versions.integer(13);
                order.push_back(v.id);
                by_id.emplace(v.id, std::move(pending));
            }
        }
        {
            Statement chapters(db_, "SELECT version_id, number, title FROM chapters ORDER BY version_id, position");
            while (chapters.step()) {
                auto it = by_id.find(chapters.integer(0));
                if (it != by_id.end())
                    it->second.facts->chapters.push_back({int(chapters.integer(1)), chapters.text(2)});
            }
        }
        {
            Statement recs(db_, "SELECT version_id, ref, chapter, status, rag, reported_rag FROM recommendations "
                                "ORDER BY version_id, position");
            while (recs.step()) {
                auto it = by_id.find(recs.integer(0));
                if (it == by_id.end())
                    continue;
                RecommendationFacts r;
                r.ref = recs.text(1);
                r.chapter = int(recs.integer(2));
                r.status = parse_or_throw(parse_status(recs.text(3)), recs.text(3));
                r.rag = parse_or_throw(parse_rag(recs.text(4)), recs.text(4));
                if (auto reported = recs.optional_text(5))
                    r.reported_rag = parse_or_throw(parse_rag(*reported), *reported);
                it->second.facts->recommendations.push_back(std::move(r));
            }
        }
        {
            Statement ms(db_, "SELECT version_id, ref, part, entry, reading, deadline, lead, action, kind, start, due, "
                              "complete, completed_on, rag FROM milestones ORDER BY version_id, position");
            while (ms.step()) {
                auto it = by_id.find(ms.integer(0));
                if (it == by_id.end())
                    continue;
                MilestoneFacts m;
                m.ref = ms.text(1);
                m.part = ms.text(2);
                m.entry = int(ms.integer(3));
                m.reading = int(ms.integer(4));
                m.deadline = ms.text(5);
                m.lead = ms.optional_text(6);
                m.action = ms.text(7);
                m.kind = parse_or_throw(parse_milestone_kind(ms.text(8)), ms.text(8));
                m.start = ms.optional_date(9);
                m.due = ms.optional_date(10);
                m.complete = ms.integer(11) != 0;
                m.completed_on = ms.optional_date(12);
                m.rag = parse_or_throw(parse_rag(ms.text(13)), ms.text(13));
                it->second.facts->milestones.push_back(std::move(m));
            }
        }
        exec(db_, "COMMIT", "reading the history");
        for (long long id : order) {
            Pending& pending = by_id.at(id);
            if (static_cast<long long>(pending.facts->recommendations.size()) != pending.recommendations ||
                static_cast<long long>(pending.facts->milestones.size()) != pending.milestones) {
                ++loaded.torn;
                continue;
            }
            pending.version.facts = std::move(pending.facts);
            loaded.versions.push_back(std::move(pending.version));
        }
    } catch (...) {
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
    return loaded;
}

bool Store::changed_elsewhere() {
    long long value = 0;
    try {
        Statement statement(db_, "PRAGMA data_version");
        value = statement.step() ? statement.integer(0) : 0;
    } catch (const StoreError&) {
        return false; // the next write or read says what is wrong
    }
    bool changed = data_version_ && *data_version_ != value;
    data_version_ = value;
    return changed;
}

} // namespace actionboard::history
