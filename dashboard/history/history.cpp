#include "history.hpp"

#include <cstdio>
#include <ctime>
#include <pthread.h>

namespace actionboard::history {

std::string_view to_string(HistoryStatus status) {
    switch (status) {
    case HistoryStatus::off: return "off";
    case HistoryStatus::ok: return "ok";
    case HistoryStatus::not_recording: return "not_recording";
    case HistoryStatus::unavailable: return "unavailable";
    }
    return "off";
}

Date local_day_of(Clock::time_point time) {
    std::time_t seconds = Clock::to_time_t(time);
    std::tm parts{};
    localtime_r(&seconds, &parts);
    return make_date(parts.tm_year + 1900, unsigned(parts.tm_mon + 1), unsigned(parts.tm_mday));
}

std::string HistoryState::status_line() const {
    switch (status) {
    case HistoryStatus::ok: return "";
    case HistoryStatus::off: return "history off (--no-history)";
    case HistoryStatus::not_recording: return "history not recording: " + error;
    case HistoryStatus::unavailable: return "history unavailable: " + error;
    }
    return "";
}

ChangesResult changes_at(const HistoryState& state, const std::optional<Since>& since,
                         std::optional<Date> as_of) {
    ChangesResult result;
    if (!state.snapshot) {
        result.why_none = "no plan is loaded yet";
        return result;
    }
    const Snapshot& snapshot = *state.snapshot;
    result.as_of = as_of.value_or(snapshot.view.as_of);
    if (!state.timeline) {
        result.why_none = state.status_line();
        return result;
    }
    if (result.as_of == snapshot.view.as_of && state.current_facts)
        result.current_facts = state.current_facts;
    else
        result.current_facts = std::make_shared<const VersionFacts>(
            facts_of(*snapshot.plan, compute_view(*snapshot.plan, result.as_of, snapshot.view.amber_days)));
    const Timeline& timeline = *state.timeline;
    result.baseline = since ? baseline_since(timeline, *since)
                            : default_baseline(timeline, snapshot.plan->info.meetings, result.as_of);
    if (!result.baseline.baseline) {
        result.why_none = result.baseline.why_none;
        return result;
    }
    if (!state.current) {
        result.why_none = "the plan on show is not in the history yet";
        return result;
    }
    result.comparison = compare(timeline, result.baseline.baseline->index, *state.current,
                                *result.current_facts, result.baseline.baseline->label_date);
    return result;
}

namespace {

void log_to_stderr(const std::string& message) {
    std::fprintf(stderr, "actionboard: %s\n", message.c_str());
    std::fflush(stderr);
}

std::string describe_version(const Version& version) {
    const VersionFacts& facts = *version.facts;
    return "data version " + version.hash + ", plan " + facts.plan_version + " reporting " +
           format_iso(facts.reporting_date);
}

} // namespace

Version version_of(const Snapshot& snapshot, Clock::time_point now, Date recorded_day) {
    const Plan& plan = *snapshot.plan;
    Version version;
    version.recorded_at = now;
    version.recorded_day = recorded_day;
    version.hash = snapshot.data_version;
    version.source = snapshot.source;
    bool at_reporting_date =
        snapshot.view.as_of == plan.info.as_of && snapshot.view.amber_days == plan.info.amber_days;
    version.facts = std::make_shared<const VersionFacts>(
        at_reporting_date ? facts_of(plan, snapshot.view) : facts_at_reporting_date(plan));
    return version;
}

void fill_state(HistoryState& state, std::vector<Version> versions) {
    state.timeline = std::make_shared<const Timeline>(make_timeline(std::move(versions)));
    state.current = state.timeline->latest_with_hash(state.snapshot->data_version);
    state.current_facts =
        std::make_shared<const VersionFacts>(facts_of(*state.snapshot->plan, state.snapshot->view));
    ChangesResult result = changes_at(state, state.since, std::nullopt);
    state.baseline = std::move(result.baseline);
    state.comparison = std::move(result.comparison);
    state.trend = trend(*state.timeline);
}

std::shared_ptr<const HistoryState> read_state(const std::string& path,
                                               std::shared_ptr<const Snapshot> snapshot,
                                               std::optional<Since> since, Clock::time_point now) {
    auto state = std::make_shared<HistoryState>();
    state->file = path;
    state->since = std::move(since);
    state->snapshot = snapshot;
    state->generation = 1;
    OpenOutcome opened = Store::open_read_only(path);
    if (!opened.store) {
        state->status = HistoryStatus::unavailable;
        state->error = opened.error;
        return state;
    }
    try {
        Store::Loaded loaded = opened.store->load();
        std::vector<Version> versions = std::move(loaded.versions);
        // The plan on show, as a running actionboard would record it (unless it is the latest:
        // load() gives the versions in recording order).
        if (versions.empty() || versions.back().hash != snapshot->data_version)
            versions.push_back(version_of(*snapshot, now, local_day_of(now)));
        fill_state(*state, std::move(versions));
        state->status = HistoryStatus::ok;
    } catch (const std::exception& error) {
        state->status = HistoryStatus::unavailable;
        state->error = std::string("cannot read ") + path + ": " + error.what();
        state->timeline.reset();
        state->current.reset();
        state->comparison.reset();
        state->trend.clear();
    }
    return state;
}

History::History(HistoryOptions options) : options_(std::move(options)) {
    auto state = std::make_shared<HistoryState>();
    bool wanted = options_.path || !options_.no_path.empty();
    state->status = wanted ? HistoryStatus::unavailable : HistoryStatus::off;
    state->file = options_.path.value_or("");
    state->error = options_.path ? "not opened yet" : options_.no_path;
    state->since = options_.since;
    state_.store(std::move(state));
}

History::~History() { stop(); }

void History::log(const std::string& message) {
    if (options_.log)
        options_.log(message);
    else
        log_to_stderr(message);
}

void History::offer(std::shared_ptr<const Snapshot> snapshot) {
    {
        std::lock_guard lock(mutex_);
        offered_.push_back(std::move(snapshot));
    }
    wake_.notify_one();
}

void History::ensure_open() {
    OpenOutcome outcome = Store::open(*options_.path, options_.now(), options_.busy_timeout);
    if (!outcome.note.empty()) {
        note_ = outcome.note;
        log("history: " + outcome.note);
    }
    if (!outcome.store) {
        if (outcome.error != open_error_)
            log("history unavailable (the dashboard and the feed go on without it): " + outcome.error);
        open_error_ = outcome.error;
        next_open_attempt_ = options_.now() + options_.retry_interval;
        return;
    }
    if (!open_error_.empty())
        log("history: " + *options_.path + " is open again");
    open_error_.clear();
    next_open_attempt_.reset();
    store_ = std::move(outcome.store);
    loaded_ = false;
}

void History::reload() {
    try {
        Store::Loaded loaded = store_->load();
        store_->changed_elsewhere(); // note the version read
        recorded_ = std::move(loaded.versions);
        loaded_ = true;
        if (loaded.torn > 0) {
            note_ = std::to_string(loaded.torn) + " incomplete version(s) in " + *options_.path + " were left out";
            log("history: " + note_);
        }
    } catch (const StoreError& error) {
        open_error_ = std::string("cannot read ") + *options_.path + ": " + error.what();
        log("history unavailable: " + open_error_);
        store_.reset();
        recorded_.clear();
        loaded_ = false;
        next_open_attempt_ = options_.now() + options_.retry_interval;
    }
}

bool History::record_waiting() {
    bool any = false;
    while (store_ && !waiting_.empty()) {
        Version& version = waiting_.front();
        try {
            RecordOutcome outcome = store_->record(version, Dedupe::against_latest);
            if (outcome.inserted) {
                version.id = outcome.id;
                log("history: recorded version " + std::to_string(outcome.id) + " (" +
                    describe_version(version) + ")");
                recorded_.push_back(std::move(version));
            }
            waiting_.pop_front();
            any = true;
            if (!write_error_.empty())
                log("history: recording again");
            write_error_.clear();
        } catch (const StoreError& error) {
            std::string why = std::string("cannot record ") + describe_version(version) + ": " + error.what();
            if (why != write_error_)
                log("history not recording (kept in memory, tried again later): " + why);
            write_error_ = why;
            next_open_attempt_ = options_.now() + options_.retry_interval;
            int primary = error.code() & 0xff;
            if (primary == 11 /* SQLITE_CORRUPT */ || primary == 26 /* SQLITE_NOTADB */) {
                store_.reset(); // reopened later, and set aside there
                open_error_ = why;
                loaded_ = false;
            }
            break;
        }
    }
    return any;
}

bool History::process() {
    std::deque<std::shared_ptr<const Snapshot>> taken;
    {
        std::lock_guard lock(mutex_);
        taken.swap(offered_);
    }
    bool changed = false;
    bool new_version = false;
    for (auto& snapshot : taken) {
        if (!snapshot_ || snapshot_->data_version != snapshot->data_version) {
            // Recorded when the history takes it: moments after it was published.
            auto now = options_.now();
            Version version = version_of(*snapshot, now, options_.local_day(now));
            if (options_.path) {
                waiting_.push_back(std::move(version));
                if (waiting_.size() > options_.max_waiting)
                    waiting_.pop_front();
            }
            new_version = true;
        }
        snapshot_ = std::move(snapshot);
        changed = true;
    }
    if (options_.path) {
        auto now = options_.now();
        bool retry_due = !next_open_attempt_ || now >= *next_open_attempt_;
        std::string open_before = open_error_, write_before = write_error_, note_before = note_;
        bool had_store = store_ != nullptr;
        if (!store_ && retry_due)
            ensure_open();
        if (store_ && (!loaded_ || store_->changed_elsewhere())) {
            reload();
            changed = true;
        }
        if (store_ && !waiting_.empty() && (new_version || retry_due))
            changed = record_waiting() || changed;
        changed = changed || open_before != open_error_ || write_before != write_error_ ||
                  note_before != note_ || had_store != (store_ != nullptr);
    }
    if (!changed || !snapshot_)
        return false;
    publish();
    return true;
}

void History::publish() {
    auto state = std::make_shared<HistoryState>();
    state->file = options_.path.value_or("");
    state->note = note_;
    state->since = options_.since;
    state->snapshot = snapshot_;
    if (!options_.path) {
        state->status = options_.no_path.empty() ? HistoryStatus::off : HistoryStatus::unavailable;
        state->error = options_.no_path;
    } else if (!store_) {
        state->status = HistoryStatus::unavailable;
        state->error = open_error_.empty() ? "not opened yet" : open_error_;
    } else {
        state->status = write_error_.empty() ? HistoryStatus::ok : HistoryStatus::not_recording;
        state->error = write_error_;
        std::vector<Version> versions = recorded_;
        versions.insert(versions.end(), waiting_.begin(), waiting_.end());
        try {
            fill_state(*state, std::move(versions));
        } catch (const std::exception& error) {
            // On the history thread: never end the process. The history says why instead.
            log(std::string("history: cannot compare versions: ") + error.what());
            state->status = HistoryStatus::unavailable;
            state->error = std::string("cannot compare versions: ") + error.what();
            state->timeline.reset();
            state->current.reset();
            state->comparison.reset();
            state->trend.clear();
        }
    }
    state->generation = ++generation_;
    if (options_.prepare_bodies)
        state->bodies = options_.prepare_bodies(*state);
    state_.store(std::move(state));
    if (options_.on_change)
        options_.on_change();
}

void History::start() {
    if (thread_.joinable())
        return;
    {
        std::lock_guard lock(mutex_);
        stopping_ = false;
    }
    thread_ = std::thread([this] {
        ::pthread_setname_np(::pthread_self(), "history");
        std::unique_lock lock(mutex_);
        while (!stopping_) {
            lock.unlock();
            try {
                process();
            } catch (const std::exception& error) {
                // Never end the process over the history: say so, and try again on the next wake.
                log(std::string("history: ") + error.what());
            }
            lock.lock();
            // Also wakes every retry_interval: to retry a failed open or write, and to see versions
            // another process (--history-import) has recorded meanwhile.
            if (!options_.path)
                wake_.wait(lock, [this] { return stopping_ || !offered_.empty(); });
            else
                wake_.wait_for(lock, options_.retry_interval,
                               [this] { return stopping_ || !offered_.empty(); });
        }
    });
}

void History::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable())
        thread_.join();
}

} // namespace actionboard::history
