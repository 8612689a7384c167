#pragma once
// The history database: one SQLite file (WAL journal, synchronous=FULL), one transaction per
// version, so that a version is either whole in the file or not there at all. docs/history.md
// shows the schema (`sqlite3 FILE .schema`) and what each column holds.
//
// A Store belongs to one thread at a time (the history thread, or --history-import). Every
// method but open() throws StoreError when SQLite refuses; the caller decides what that means.

#include "facts.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;

namespace actionboard::history {

inline constexpr int schema_version = 1;

class StoreError : public std::runtime_error {
public:
    StoreError(int code, const std::string& message) : std::runtime_error(message), code_(code) {}
    int code() const { return code_; } // SQLite's (extended) result code
private:
    int code_;
};

class Store;

struct OpenOutcome {
    std::unique_ptr<Store> store; // null when the file cannot be used
    std::string error;            // why not, when null
    std::string note;             // said once: a corrupt file was set aside and a new one started
};

enum class Dedupe {
    against_latest, // a loaded version: recorded unless it is the latest version's hash
    anywhere,       // an imported version: recorded unless its hash is recorded at all
};

struct RecordOutcome {
    std::int64_t id = 0;
    bool inserted = false; // false: already there (id is the existing version's)
};

class Store {
public:
    // Opens (creating when missing) the database at `path`. A file that is not an SQLite database,
    // or fails SQLite's quick_check, is corrupt: it is renamed `path.corrupt-YYYYMMDDTHHMMSSZ`
    // (with its -wal and -shm files) and a new database is started in its place. A valid SQLite
    // database that is not actionboard's, or one made by a newer schema, is left alone and refused.
    // `busy_timeout`: how long a write waits for another process's write to finish.
    static OpenOutcome open(const std::string& path, Clock::time_point now,
                            std::chrono::milliseconds busy_timeout = std::chrono::milliseconds(2000));
    // Opens an existing history to read only (--screenshot): never created, converted, checked
    // with a write or set aside. Refused, with the reason, when it is missing, not an SQLite
    // database, not actionboard's or of another schema. record() then fails.
    static OpenOutcome open_read_only(const std::string& path);
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    const std::string& path() const { return path_; }

    // Records `version` (its facts, when, where from) in one transaction, unless `dedupe` finds it
    // recorded already. The version's id is ignored; the new one is returned.
    RecordOutcome record(const Version& version, Dedupe dedupe);

    // Every recorded version with its facts, in recording order. A version whose rows do not add
    // up to the counts recorded with it would be a torn write: none can be committed, but such a
    // version would be left out and counted in `torn`.
    struct Loaded {
        std::vector<Version> versions;
        int torn = 0;
    };
    Loaded load();

    // Whether another connection has committed since the last call (PRAGMA data_version): an
    // --history-import run while the dashboard is up. False when it cannot tell.
    bool changed_elsewhere();

private:
    Store(sqlite3* db, std::string path);
    sqlite3* db_;
    std::string path_;
    std::optional<long long> data_version_;
};

// "2009-07-07T12:00:00.000000Z" and back: how recorded_at is stored.
std::string format_timestamp(Clock::time_point time);
std::optional<Clock::time_point> parse_timestamp(std::string_view text);

// The schema, as `sqlite3 FILE .schema` prints it (less the sqlite_sequence table).
std::string_view schema_sql();

} // namespace actionboard::history
