#pragma once
// The live plan: loads the plan, publishes snapshots atomically, and (for a file) watches it.
// A changed file is loaded and validated on the watcher thread; a valid version replaces the
// snapshot in one atomic store, an invalid one is refused and the last good plan stays.
// A followed source (remote_source.hpp: another actionboard's feed) is polled on the same
// thread and its answers get the same treatment; an unreachable source keeps the last good plan.
// With --as-of today the snapshot is rebuilt when the date changes (midnight roll-over).

#include "as_of.hpp"
#include "remote_source.hpp"
#include "shared_slot.hpp"
#include "snapshot.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace actionboard {

// What the watcher knows about reloads: shown by /healthz, /metrics and the dashboard banner.
struct ReloadState {
    bool degraded = false;  // the latest file on disk is invalid (or missing)
    std::string last_error; // the refused version's first problem, empty when fine
    std::chrono::system_clock::time_point last_error_at{};
    std::uint64_t reloads = 0;        // successful reloads after the first load
    std::uint64_t failed_reloads = 0; // refused versions
};

// Turns a plan file's bytes into a plan. `modified` is the file's modification time (a
// spreadsheet with no reporting date takes its day).
using PlanParser = std::function<LoadResult(std::string_view bytes, const std::string& path,
                                            std::chrono::system_clock::time_point modified,
                                            const LoadLimits& limits)>;

struct LivePlanOptions {
    std::optional<std::string> path; // none: the embedded plan, never reloaded
    // A source to follow instead of a file (path is then ignored); polled when it says.
    std::shared_ptr<RemoteSource> remote;
    AsOfSetting as_of;
    std::optional<int> amber_days; // none: the plan's own
    LoadLimits limits;
    // How a file is read; none: as JSON (parse_plan). The program sets the spreadsheet reader
    // (dashboard/spreadsheet/source.hpp), which also reads .xlsx and .csv.
    PlanParser parse;
    std::chrono::milliseconds poll_interval{25};
    // A file missing for longer than this is reported (editors delete then create).
    std::chrono::milliseconds missing_grace{1000};
    // Fills Snapshot::bodies; runs on the loading thread, never on a request.
    std::function<PreparedBodies(const Snapshot&)> prepare_bodies;
    // Called after a new snapshot or state is published (the UI posts an empty event).
    std::function<void()> on_change;
    // Called with each snapshot right after it is published (a new data version, or the same
    // one at a new as-of date), on the thread that published it. The history
    // (dashboard/history) records versions through it; it must only hand the snapshot on and
    // return, so that a reload never waits for it.
    std::function<void(std::shared_ptr<const Snapshot>)> on_publish;
    // Where reload messages go (stderr by default). Each distinct error is logged once.
    std::function<void(const std::string&)> log;
    // The clock's date, replaceable by tests.
    std::function<Date()> today = today_local;
};

class LivePlan {
public:
    explicit LivePlan(LivePlanOptions options);
    ~LivePlan();
    LivePlan(const LivePlan&) = delete;
    LivePlan& operator=(const LivePlan&) = delete;

    // The first load. Returns the problems when the plan is invalid (nothing is published).
    // A followed source may be down when the display starts (after a power cut a building
    // boots at once): the caller may then start watching anyway, and the watcher publishes the
    // first valid plan the source sends; until then current() is null.
    LoadResult load_initial();
    bool follows_source() const { return options_.remote != nullptr; }

    std::shared_ptr<const Snapshot> current() const { return snapshot_.load(); }
    std::shared_ptr<const ReloadState> state() const { return state_.load(); }

    // Starts the watcher thread (only for a file). stop() joins it; the destructor stops too.
    void start_watching();
    void stop();

    // One watcher step: re-checks the file and the date. Returns true if a snapshot or the
    // state changed. Public so tests can drive it without timing.
    bool poll();

    // A view of the current plan at another date (the feed's ?as_of=): not cached.
    std::shared_ptr<const Snapshot> at(Date as_of) const;

private:
    struct FileSignature {
        bool exists = false;
        long long mtime_ns = 0;
        long long size = 0;
        unsigned long long inode = 0;
        bool operator==(const FileSignature&) const = default;
    };

    FileSignature stat_file() const;
    bool reload_file();
    LoadResult parse_file(std::string_view bytes) const;
    LoadResult parse_remote(const RemoteFetch& fetch) const;
    // Of the plan file's bytes: what they are, else the file's extension (plan_format_for).
    std::string_view file_media_type(std::string_view bytes) const;
    bool refresh_date();
    LoadResult load_remote_initial();
    bool poll_remote();
    bool remote_failed(const std::string& error);
    bool remote_ok();
    std::chrono::milliseconds watch_interval() const;
    void publish(std::shared_ptr<const Plan> plan, std::shared_ptr<const std::string> bytes,
                 std::string_view media_type, std::string data_version, Date as_of,
                 std::chrono::system_clock::time_point loaded_at,
                 std::chrono::system_clock::time_point data_updated_at);
    std::chrono::system_clock::time_point modified_at(const FileSignature& signature) const;
    void set_error(const std::string& error);
    void clear_error();
    void log(const std::string& message) const;
    Date resolve_as_of(const Plan& plan) const;
    int resolve_amber(const Plan& plan) const;

    LivePlanOptions options_;
    SharedSlot<Snapshot> snapshot_;
    SharedSlot<ReloadState> state_;
    std::uint64_t generation_ = 0;

    // Watcher-thread state.
    FileSignature last_signature_;
    std::optional<FileSignature> pending_signature_; // changed, waiting to settle
    std::optional<std::chrono::steady_clock::time_point> missing_since_;
    std::string last_logged_error_;
    // Followed-source state (watcher thread).
    std::string remote_etag_; // the validator of the plan on show
    std::chrono::steady_clock::time_point next_fetch_at_{};
    std::optional<std::chrono::system_clock::time_point> unreachable_since_;

    std::mutex stop_mutex_;
    std::condition_variable stop_signal_;
    bool stopping_ = false;
    std::thread watcher_;
};

} // namespace actionboard
