#include "live_plan.hpp"

#include "embedded_plan.hpp"
#include "plan_format.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <pthread.h>
#include <sys/stat.h>

namespace actionboard {

namespace {

std::string summarise(const std::vector<Problem>& problems) {
    if (problems.empty())
        return "invalid plan";
    std::string text = format_problem(problems.front());
    if (problems.size() > 1)
        text += " (and " + std::to_string(problems.size() - 1) + " more problems)";
    return text;
}

void log_to_stderr(const std::string& message) {
    std::fprintf(stderr, "actionboard: %s\n", message.c_str());
    std::fflush(stderr);
}

// "14:05", local time: what the banner says a source has been unreachable since.
std::string hours_minutes(std::chrono::system_clock::time_point when) {
    std::time_t t = std::chrono::system_clock::to_time_t(when);
    std::tm local{};
    localtime_r(&t, &local);
    char text[8];
    std::strftime(text, sizeof text, "%H:%M", &local);
    return text;
}

// The format of what a source sent: what the bytes say when they say it (a zip archive is a
// workbook, JSON text a JSON plan, whatever the label), else its Content-Type when that names a
// plan format (another actionboard labels /api/v1/source so), else the URL's own extension (a
// plain web server's application/octet-stream for plan.xlsx).
PlanFormat remote_format(const RemoteFetch& fetch, const std::string& url) {
    if (auto format = plan_format_for_content(fetch.bytes))
        return *format;
    if (auto format = plan_format_for_media_type(fetch.media_type))
        return *format;
    std::string_view path = url;
    path = path.substr(0, path.find_first_of("?#"));
    return plan_format_for_name(path);
}

} // namespace

LivePlan::LivePlan(LivePlanOptions options) : options_(std::move(options)) {
    state_.store(std::make_shared<const ReloadState>());
}

LivePlan::~LivePlan() {
    stop();
}

void LivePlan::log(const std::string& message) const {
    if (options_.log)
        options_.log(message);
    else
        log_to_stderr(message);
}

Date LivePlan::resolve_as_of(const Plan& plan) const {
    return options_.as_of.resolve(plan.info.as_of, options_.today());
}

int LivePlan::resolve_amber(const Plan& plan) const {
    return options_.amber_days.value_or(plan.info.amber_days);
}

LivePlan::FileSignature LivePlan::stat_file() const {
    FileSignature signature;
    struct stat info {};
    if (!options_.path || ::stat(options_.path->c_str(), &info) != 0)
        return signature;
    signature.exists = true;
    signature.mtime_ns =
        static_cast<long long>(info.st_mtim.tv_sec) * 1'000'000'000LL + info.st_mtim.tv_nsec;
    signature.size = static_cast<long long>(info.st_size);
    signature.inode = static_cast<unsigned long long>(info.st_ino);
    return signature;
}

LoadResult LivePlan::load_initial() {
    if (options_.remote)
        return load_remote_initial();
    std::string bytes;
    if (options_.path) {
        // Stat before reading: a change after this is seen by the next poll.
        last_signature_ = stat_file();
        FileRead read = read_plan_file(*options_.path, options_.limits.max_bytes);
        if (!read.bytes) {
            LoadResult result;
            result.problems.push_back(*read.problem);
            return result;
        }
        bytes = std::move(*read.bytes);
    } else {
        bytes = std::string(embedded_plan_json());
    }
    LoadResult result = options_.path ? parse_file(bytes) : parse_plan(bytes, options_.limits);
    if (result.ok()) {
        auto plan = std::make_shared<const Plan>(*result.plan);
        auto now = std::chrono::system_clock::now();
        std::string version = content_hash(bytes);
        std::string_view media_type = file_media_type(bytes);
        publish(plan, std::make_shared<const std::string>(std::move(bytes)), media_type,
                std::move(version), resolve_as_of(*plan), now,
                options_.path ? modified_at(last_signature_) : now);
    }
    return result;
}

// The bytes a source sent, read as a plan of their format. An HTML page (a proxy's or a
// portal's error page) is named as such rather than as a JSON syntax error.
LoadResult LivePlan::parse_remote(const RemoteFetch& fetch) const {
    if (fetch.media_type == "text/html") {
        LoadResult result;
        result.problems.push_back(
            Problem{{}, 0, 0, "it sent an HTML page (text/html), not a plan"});
        return result;
    }
    PlanFormat format = remote_format(fetch, options_.remote->name());
    if (!options_.parse || format == PlanFormat::json)
        return parse_plan(fetch.bytes, options_.limits);
    // The reader chooses by the name's extension; the URL stays first for its messages.
    std::string name = options_.remote->name() + "#plan." + std::string(to_string(format));
    return options_.parse(fetch.bytes, name,
                          fetch.modified.value_or(std::chrono::system_clock::now()),
                          options_.limits);
}

std::string_view LivePlan::file_media_type(std::string_view bytes) const {
    return plan_media_type(options_.path ? plan_format_for(*options_.path, bytes)
                                         : PlanFormat::json);
}

LoadResult LivePlan::parse_file(std::string_view bytes) const {
    if (!options_.parse)
        return parse_plan(bytes, options_.limits);
    return options_.parse(bytes, *options_.path, modified_at(last_signature_), options_.limits);
}

LoadResult LivePlan::load_remote_initial() {
    next_fetch_at_ = {}; // due now
    poll_remote();
    LoadResult result;
    if (auto snapshot = current())
        result.plan = *snapshot->plan;
    else
        result.problems.push_back(Problem{{}, 0, 0, state()->last_error});
    return result;
}

std::chrono::system_clock::time_point LivePlan::modified_at(const FileSignature& signature) const {
    if (!signature.exists)
        return std::chrono::system_clock::now();
    return std::chrono::system_clock::time_point(
        std::chrono::duration_cast<std::chrono::system_clock::duration>(
            std::chrono::nanoseconds(signature.mtime_ns)));
}

void LivePlan::publish(std::shared_ptr<const Plan> plan, std::shared_ptr<const std::string> bytes,
                       std::string_view media_type, std::string data_version, Date as_of,
                       std::chrono::system_clock::time_point loaded_at,
                       std::chrono::system_clock::time_point data_updated_at) {
    auto snapshot = std::make_shared<Snapshot>();
    snapshot->view = compute_view(*plan, as_of, resolve_amber(*plan));
    snapshot->plan = std::move(plan);
    snapshot->source = options_.remote ? options_.remote->name()
                       : options_.path ? *options_.path
                                       : std::string(embedded_plan_name);
    snapshot->source_bytes = std::move(bytes);
    snapshot->source_media_type = media_type;
    snapshot->data_version = std::move(data_version);
    snapshot->loaded_at = loaded_at;
    snapshot->data_updated_at = data_updated_at;
    snapshot->generation = ++generation_;
    if (options_.prepare_bodies)
        snapshot->bodies = options_.prepare_bodies(*snapshot);
    std::shared_ptr<const Snapshot> published = std::move(snapshot);
    snapshot_.store(published);
    if (options_.on_publish)
        options_.on_publish(std::move(published));
}

void LivePlan::set_error(const std::string& error) {
    auto previous = state_.load();
    auto next = std::make_shared<ReloadState>(*previous);
    next->degraded = true;
    next->last_error = error;
    next->last_error_at = std::chrono::system_clock::now();
    ++next->failed_reloads;
    state_.store(std::move(next));
    if (error != last_logged_error_) { // a file that stays broken is reported once
        log(current() ? "reload refused, keeping the last good plan: " + error
                      : "no plan yet: " + error);
        last_logged_error_ = error;
    }
}

void LivePlan::clear_error() {
    auto previous = state_.load();
    if (!previous->degraded)
        return;
    auto next = std::make_shared<ReloadState>(*previous);
    next->degraded = false;
    state_.store(std::move(next));
    last_logged_error_.clear();
}

bool LivePlan::reload_file() {
    FileRead read = read_plan_file(*options_.path, options_.limits.max_bytes);
    // A file rewritten in place while it was being read gives a mix of two versions, which may
    // even parse. The file must still be as it was when it settled; if not, this read is
    // dropped and the next polls wait for it to settle again.
    if (!(stat_file() == last_signature_)) {
        last_signature_ = FileSignature{};
        last_signature_.size = -1; // matches no file, present or missing
        return false;
    }
    if (!read.bytes) {
        set_error(format_problem(*read.problem));
        return true;
    }
    std::string version = content_hash(*read.bytes);
    auto current_snapshot = current();
    if (current_snapshot && current_snapshot->data_version == version) {
        // Same bytes as the plan on show (touched, or restored after a bad save).
        bool was_degraded = state()->degraded;
        clear_error();
        return was_degraded;
    }
    LoadResult result = parse_file(*read.bytes);
    if (!result.ok()) {
        set_error(*options_.path + ": " + summarise(result.problems));
        return true;
    }
    auto plan = std::make_shared<const Plan>(std::move(*result.plan));
    Date as_of = resolve_as_of(*plan);
    std::string_view media_type = file_media_type(*read.bytes);
    publish(std::move(plan), std::make_shared<const std::string>(std::move(*read.bytes)),
            media_type, version, as_of, std::chrono::system_clock::now(),
            modified_at(last_signature_));
    clear_error();
    auto next = std::make_shared<ReloadState>(*state());
    ++next->reloads;
    state_.store(std::move(next));
    log("reloaded " + *options_.path + " (data version " + version + ")");
    return true;
}

bool LivePlan::refresh_date() {
    if (options_.as_of.mode != AsOfSetting::Mode::today)
        return false;
    auto snapshot = current();
    if (!snapshot)
        return false;
    Date as_of = resolve_as_of(*snapshot->plan);
    if (as_of == snapshot->view.as_of)
        return false;
    publish(snapshot->plan, snapshot->source_bytes, snapshot->source_media_type,
            snapshot->data_version, as_of, snapshot->loaded_at, snapshot->data_updated_at);
    return true;
}

// A failure to follow the source: the message is what the banner and /healthz say. Repeats of
// the same failure (a source down for an hour) change nothing and are counted once.
bool LivePlan::remote_failed(const std::string& error) {
    std::string message = error + " (" + options_.remote->name() + ")";
    auto state = this->state();
    if (state->degraded && state->last_error == message)
        return false;
    set_error(message);
    return true;
}

bool LivePlan::remote_ok() {
    if (!state()->degraded)
        return false;
    clear_error();
    log("the source " + options_.remote->name() + " answers with a valid plan again");
    return true;
}

bool LivePlan::poll_remote() {
    if (std::chrono::steady_clock::now() < next_fetch_at_)
        return false;
    RemoteSource& remote = *options_.remote;
    RemoteFetch fetch = remote.fetch(remote_etag_);
    bool succeeded = false;
    bool changed = false;
    switch (fetch.outcome) {
    case RemoteFetch::Outcome::unchanged:
        succeeded = true;
        changed = remote_ok();
        break;
    case RemoteFetch::Outcome::fetched: {
        std::string version = content_hash(fetch.bytes);
        auto current_snapshot = current();
        if (current_snapshot && current_snapshot->data_version == version) {
            // The plan on show, under another validator (the source restarted, or a proxy).
            remote_etag_ = std::move(fetch.etag);
            succeeded = true;
            changed = remote_ok();
            break;
        }
        LoadResult result = parse_remote(fetch);
        if (!result.ok()) {
            changed = remote_failed("source sent an invalid plan: " + summarise(result.problems));
            break;
        }
        auto plan = std::make_shared<const Plan>(std::move(*result.plan));
        auto now = std::chrono::system_clock::now();
        Date as_of = resolve_as_of(*plan);
        bool first = !current_snapshot; // the source was down when the display started
        std::string_view media_type = plan_media_type(remote_format(fetch, remote.name()));
        publish(std::move(plan), std::make_shared<const std::string>(std::move(fetch.bytes)),
                media_type, version, as_of, now, fetch.modified.value_or(now));
        remote_etag_ = std::move(fetch.etag);
        succeeded = true;
        clear_error();
        if (!first) {
            auto next = std::make_shared<ReloadState>(*state());
            ++next->reloads;
            state_.store(std::move(next));
        }
        log(std::string(first ? "loaded the plan from " : "reloaded from ") + remote.name() +
            " (data version " + version + ")");
        changed = true;
        break;
    }
    case RemoteFetch::Outcome::invalid:
        changed = remote_failed("source sent an invalid plan: " + fetch.error);
        break;
    case RemoteFetch::Outcome::unreachable:
        if (!unreachable_since_)
            unreachable_since_ = std::chrono::system_clock::now();
        changed = remote_failed("source unreachable since " + hours_minutes(*unreachable_since_) +
                                ": " + fetch.error);
        break;
    }
    if (fetch.outcome != RemoteFetch::Outcome::unreachable)
        unreachable_since_.reset();
    next_fetch_at_ = std::chrono::steady_clock::now() + remote.next_delay(succeeded);
    return changed;
}

bool LivePlan::poll() {
    bool changed = false;
    if (options_.remote) {
        changed = poll_remote();
    } else if (options_.path) {
        FileSignature signature = stat_file();
        auto now = std::chrono::steady_clock::now();
        if (!signature.exists) {
            pending_signature_.reset();
            if (!missing_since_)
                missing_since_ = now;
            bool reported = last_signature_ == signature && state()->degraded;
            if (!reported && now - *missing_since_ >= options_.missing_grace) {
                last_signature_ = signature;
                set_error(*options_.path + ": the file is missing");
                changed = true;
            }
        } else {
            missing_since_.reset();
            if (signature == last_signature_) {
                pending_signature_.reset();
            } else if (pending_signature_ != signature) {
                pending_signature_ = signature; // wait one interval for the writer to finish
            } else {
                pending_signature_.reset();
                last_signature_ = signature;
                changed = reload_file();
            }
        }
    }
    changed = refresh_date() || changed;
    if (changed && options_.on_change)
        options_.on_change();
    return changed;
}

std::shared_ptr<const Snapshot> LivePlan::at(Date as_of) const {
    auto snapshot = current();
    if (!snapshot)
        return nullptr;
    auto other = std::make_shared<Snapshot>();
    other->plan = snapshot->plan;
    other->view = compute_view(*snapshot->plan, as_of, snapshot->view.amber_days);
    other->source = snapshot->source;
    other->source_bytes = snapshot->source_bytes;
    other->data_version = snapshot->data_version;
    other->loaded_at = snapshot->loaded_at;
    other->data_updated_at = snapshot->data_updated_at;
    other->generation = snapshot->generation;
    return other;
}

// How long the watcher sleeps between polls. With no file, only the date can change (and a
// followed source, when it is due): a coarse interval is enough.
std::chrono::milliseconds LivePlan::watch_interval() const {
    constexpr std::chrono::milliseconds coarse{1000};
    if (options_.remote) {
        auto until_fetch = std::chrono::duration_cast<std::chrono::milliseconds>(
            next_fetch_at_ - std::chrono::steady_clock::now());
        return std::clamp(until_fetch, std::chrono::milliseconds(1), coarse);
    }
    return options_.path ? options_.poll_interval : coarse;
}

void LivePlan::start_watching() {
    if (watcher_.joinable())
        return;
    bool needs_thread =
        options_.remote || options_.path || options_.as_of.mode == AsOfSetting::Mode::today;
    if (!needs_thread)
        return;
    {
        std::lock_guard lock(stop_mutex_);
        stopping_ = false;
    }
    watcher_ = std::thread([this] {
        ::pthread_setname_np(::pthread_self(), "plan-watch"); // for top -H
        std::unique_lock lock(stop_mutex_);
        while (!stopping_) {
            lock.unlock();
            poll();
            auto interval = watch_interval();
            lock.lock();
            stop_signal_.wait_for(lock, interval, [this] { return stopping_; });
        }
    });
}

void LivePlan::stop() {
    {
        std::lock_guard lock(stop_mutex_);
        stopping_ = true;
    }
    stop_signal_.notify_all();
    if (options_.remote)
        options_.remote->interrupt(); // a fetch in progress ends now, not at its timeout
    if (watcher_.joinable())
        watcher_.join();
}

} // namespace actionboard
