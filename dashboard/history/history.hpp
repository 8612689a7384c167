#pragma once
// The history service: records every distinct version of the plan that is published, on its own
// thread, and publishes an immutable HistoryState (the timeline, the comparison with the baseline,
// the trend and the feed's prepared bodies) for the feed and the dashboard to read without a lock.
//
// Never required: when the database cannot be opened or written, the plan, the dashboard and the
// feed go on as before; the state says why (status_line()), and versions waiting to be recorded
// are kept in memory and retried. docs/history.md describes it all.

#include "compare.hpp"
#include "dashboard/core/shared_slot.hpp"
#include "dashboard/core/snapshot.hpp"
#include "store.hpp"

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace actionboard::history {

enum class HistoryStatus {
    off,           // --no-history
    ok,            // every version on show is recorded
    not_recording, // recorded versions are read, but the latest cannot be written (disk full, locked, ...)
    unavailable,   // the database cannot be opened
};
std::string_view to_string(HistoryStatus status); // "off", "ok", "not_recording", "unavailable"

// The local calendar day of an instant (the machine's time zone).
Date local_day_of(Clock::time_point time);

struct HistoryState {
    HistoryStatus status = HistoryStatus::off;
    std::string file;  // the database's path (empty when off)
    std::string error; // why not ok
    std::string note;  // said once it happened: a corrupt file set aside
    std::shared_ptr<const Timeline> timeline; // recorded versions, then any waiting to be (id 0)
    std::shared_ptr<const Snapshot> snapshot; // the plan on show this state was made for
    std::optional<std::size_t> current;       // its version in the timeline
    std::shared_ptr<const VersionFacts> current_facts; // its facts at its as-of date
    std::optional<Since> since;                        // --since, when given
    BaselineChoice baseline;                           // the default (or --since) baseline
    std::optional<Comparison> comparison;              // when there is a baseline
    std::vector<TrendPoint> trend;
    PreparedBodies bodies; // the feed's default bodies (/api/v1/history, /changes, /trend)
    std::uint64_t generation = 0;

    bool available() const {
        return status == HistoryStatus::ok || status == HistoryStatus::not_recording;
    }
    // "" when ok; "history off (--no-history)"; "history not recording: <why>";
    // "history unavailable: <why>".
    std::string status_line() const;
};

// A comparison other than the default: another baseline (`since`) and/or another as-of date.
struct ChangesResult {
    BaselineChoice baseline;
    std::optional<Comparison> comparison;
    std::shared_ptr<const VersionFacts> current_facts;
    Date as_of{};
    std::string why_none; // no comparison: why (no baseline, or the plan on show is not recorded)
};
ChangesResult changes_at(const HistoryState& state, const std::optional<Since>& since,
                         std::optional<Date> as_of);

// The version a published snapshot is recorded as (not recorded yet: id 0), at `now`: its facts
// at the plan's own reporting date.
Version version_of(const Snapshot& snapshot, Clock::time_point now, Date recorded_day);

// Fills `state`'s timeline, current version, baseline (`state.since`, else the last committee),
// comparison and trend from `versions` (recorded ones, then any waiting to be, id 0), for
// `state.snapshot`. Pure; throws what the comparison throws.
void fill_state(HistoryState& state, std::vector<Version> versions);

// What --screenshot shows: the history at `path` read, never written (opened read-only), with
// the plan on show added as a version not recorded (id 0) unless it is the latest recorded one,
// as a running actionboard would record it. When the file cannot be read, the state is
// `unavailable` and says why.
std::shared_ptr<const HistoryState> read_state(const std::string& path,
                                               std::shared_ptr<const Snapshot> snapshot,
                                               std::optional<Since> since, Clock::time_point now);

struct HistoryOptions {
    std::optional<std::string> path; // none: history off (or unavailable, when `no_path` says why)
    std::string no_path;             // no path and this set: unavailable, for this reason
    std::optional<Since> since;      // --since: replaces "since the last committee"
    // Fills HistoryState::bodies; runs on the history thread.
    std::function<PreparedBodies(const HistoryState&)> prepare_bodies;
    // Called after a new state is published.
    std::function<void()> on_change;
    // Where messages go (stderr by default); each distinct error is said once.
    std::function<void(const std::string&)> log;
    // How long to wait before trying again to open or write the database.
    std::chrono::milliseconds retry_interval{30000};
    // At most this many versions wait in memory to be recorded; older ones are dropped.
    std::size_t max_waiting = 100;
    // How long a write waits for another process's write (an import) before it is retried later.
    std::chrono::milliseconds busy_timeout{2000};
    std::function<Clock::time_point()> now = [] { return Clock::now(); };
    std::function<Date(Clock::time_point)> local_day = local_day_of;
};

class History {
public:
    explicit History(HistoryOptions options);
    ~History();
    History(const History&) = delete;
    History& operator=(const History&) = delete;

    // Hands a published snapshot over; returns at once (LivePlanOptions::on_publish).
    void offer(std::shared_ptr<const Snapshot> snapshot);

    std::shared_ptr<const HistoryState> current() const { return state_.load(); }

    // The history thread: processes what is offered, and retries a failed open or write every
    // retry_interval. stop() joins it; the destructor stops too.
    void start();
    void stop();

    // One step of the thread's work, on the calling thread: records what was offered (or retries)
    // and publishes a new state. Returns true when a state was published. For tests and for
    // processes without the thread.
    bool process();

private:
    void log(const std::string& message);
    void ensure_open();
    bool record_waiting();
    void reload();
    void publish();

    HistoryOptions options_;
    SharedSlot<HistoryState> state_;

    // Offered snapshots, guarded by mutex_.
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::shared_ptr<const Snapshot>> offered_;
    bool stopping_ = false;
    std::thread thread_;

    // History-thread state.
    std::unique_ptr<Store> store_;
    std::optional<Clock::time_point> next_open_attempt_;
    std::string open_error_;
    std::string write_error_;
    std::string note_;
    std::vector<Version> recorded_;
    std::deque<Version> waiting_;
    std::shared_ptr<const Snapshot> snapshot_;
    std::string last_logged_;
    bool loaded_ = false;
    std::uint64_t generation_ = 0;
};

} // namespace actionboard::history
