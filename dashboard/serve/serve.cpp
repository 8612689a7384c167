#include "serve.hpp"

#include "dashboard/core/check_report.hpp"
#include "dashboard/core/embedded_plan.hpp"
#include "dashboard/core/plan_text.hpp"
#include "dashboard/core/source_url.hpp"
#include "dashboard/feed/history_shapes.hpp"
#include "dashboard/history/history.hpp"
#include "dashboard/history/paths.hpp"
#include "dashboard/spreadsheet/source.hpp"
#include "dashboard/ui/font_coverage.hpp"
#include "systemd.hpp"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <ctime>
#include <iostream>
#include <pthread.h>
#include <thread>

namespace actionboard::serve {

std::string plan_name(const PlanSetting& setting) {
    return setting.data.value_or(std::string(embedded_plan_name));
}

bool live_plan_options(const PlanSetting& setting, LivePlanOptions& out, std::string& error) {
    out.as_of = setting.as_of;
    out.amber_days = setting.amber_days;
    // .xlsx and .csv as well as JSON; --as-of DATE is the reporting date of one that has none.
    out.parse = spreadsheet::plan_source_parser(setting.as_of.fixed_date());
    if (setting.data && looks_like_url(*setting.data)) {
        follow::SourceResult made = follow::make_source(*setting.data, setting.follow);
        if (!made.source) {
            error = made.error;
            return false;
        }
        out.remote = std::move(made.source);
    } else {
        out.path = setting.data;
    }
    return true;
}

LoadResult load_plan_once(const PlanSetting& setting) {
    if (!setting.data)
        return parse_plan(embedded_plan_json());
    if (!looks_like_url(*setting.data))
        return spreadsheet::load_plan_source(*setting.data, {}, setting.as_of.fixed_date());
    // One poll of a live plan: the same reading by media type as a follower's.
    LivePlanOptions options;
    std::string error;
    if (!live_plan_options(setting, options, error)) {
        LoadResult result;
        result.problems.push_back(Problem{{}, 0, 0, error});
        return result;
    }
    options.log = [](const std::string&) {};
    LivePlan live(std::move(options));
    return live.load_initial();
}

void print_problems(const std::string& source, const LoadResult& result) {
    std::cerr << "actionboard: " << source << " is not a valid plan:\n";
    for (const auto& problem : result.problems)
        std::cerr << "  " << format_problem(problem) << "\n";
}

int run_check(const PlanSetting& setting, bool json, std::ostream& out) {
    LoadResult result = load_plan_once(setting);
    std::optional<PlanView> view;
    std::vector<GlyphFinding> cannot_draw;
    if (result.ok()) {
        const Plan& plan = *result.plan;
        view = compute_view(plan, setting.as_of.resolve(plan.info.as_of, today_local()),
                            setting.amber_days.value_or(plan.info.amber_days));
        ui::FontCoverage font; // the embedded font's own cmap: no display needed
        cannot_draw =
            undrawable_characters(plan, *view, [&font](char32_t c) { return font.can_draw(c); });
    }
    CheckInput input{plan_name(setting), &result, view ? &*view : nullptr, &cannot_draw};
    out << (json ? check_report_json(input) : check_report_text(input));
    return result.ok() ? 0 : 1;
}

int run_screenshot(const PlanSetting& setting, const ui::DashboardOptions& dashboard,
                   const ui::ScreenshotRequest& request, const HistorySetting& history) {
    LivePlanOptions options;
    std::string error;
    if (!live_plan_options(setting, options, error)) {
        std::cerr << "actionboard: " << error << "\n";
        return 1;
    }
    LivePlan live(std::move(options));
    LoadResult result = live.load_initial();
    if (!result.ok()) {
        print_problems(plan_name(setting), result);
        return 1;
    }
    ui::DashboardOptions shown = dashboard;
    if (history.file && !history.off) {
        std::optional<history::Since> since;
        if (history.since)
            since = history::parse_since(*history.since);
        std::shared_ptr<const history::HistoryState> state = history::read_state(
            *history.file, live.current(), since, std::chrono::system_clock::now());
        if (!state->error.empty())
            std::cerr << "actionboard: history: " << state->error << "\n";
        shown.history = [state] { return state; };
    }
    int code = ui::render_screenshot(live, shown, request, error);
    if (code != 0)
        std::cerr << "actionboard: " << error << "\n";
    return code;
}

namespace {

// The database: --history FILE, or the default place (made when missing); none with --no-history.
// `why_none` is set when history is wanted but there is nowhere to keep it.
std::optional<std::string> history_path(const HistorySetting& setting, std::string& why_none) {
    if (setting.off)
        return std::nullopt;
    if (setting.file)
        return setting.file;
    history::DefaultPath found = history::default_history_path();
    if (!found.path) {
        why_none = found.why_none;
        return std::nullopt;
    }
    if (std::string error = history::make_state_directory(*found.path); !error.empty())
        std::cerr << "actionboard: history: " << error << "\n"; // opening it will say so too
    return found.path;
}

history::HistoryOptions history_options(const HistorySetting& setting, ui::Waker* waker) {
    history::HistoryOptions out;
    out.path = history_path(setting, out.no_path);
    if (setting.since)
        out.since = history::parse_since(*setting.since);
    out.prepare_bodies = feed::prepare_history_bodies;
    if (waker)
        out.on_change = [waker] { waker->wake(); };
    return out;
}

} // namespace

int run_history_import(const HistorySetting& setting, const std::vector<std::string>& files) {
    std::string why_none;
    std::optional<std::string> path = history_path(setting, why_none);
    if (!path) {
        std::cerr << "actionboard: --history-import: " << why_none << "\n";
        return 1;
    }
    struct Loaded {
        std::string file;
        std::string hash;
        std::shared_ptr<const history::VersionFacts> facts;
    };
    std::vector<Loaded> loaded;
    bool all_valid = true;
    for (const auto& file : files) {
        FileRead read = read_plan_file(file, LoadLimits{}.max_bytes);
        if (!read.bytes) {
            std::cerr << "actionboard: " << file << ": " << format_problem(*read.problem) << "\n";
            all_valid = false;
            continue;
        }
        // Any format --data reads; a workbook with no reporting date takes the file's day.
        LoadResult result =
            spreadsheet::parse_plan_source(*read.bytes, file, spreadsheet::file_modified(file));
        if (!result.ok()) {
            print_problems(file, result);
            all_valid = false;
            continue;
        }
        loaded.push_back({file, content_hash(*read.bytes),
                          std::make_shared<const history::VersionFacts>(
                              history::facts_at_reporting_date(*result.plan))});
    }
    if (!all_valid) {
        std::cerr
            << "actionboard: nothing was recorded: correct the files above and run it again\n";
        return 1;
    }
    history::OpenOutcome opened = history::Store::open(*path, std::chrono::system_clock::now());
    if (!opened.note.empty())
        std::cerr << "actionboard: history: " << opened.note << "\n";
    if (!opened.store) {
        std::cerr << "actionboard: --history-import: " << opened.error << "\n";
        return 1;
    }
    for (const auto& item : loaded) {
        history::Version version;
        version.recorded_day = item.facts->reporting_date;
        version.recorded_at = std::chrono::sys_days(version.recorded_day) + std::chrono::hours(12);
        version.hash = item.hash;
        version.source = item.file;
        version.imported = true;
        version.facts = item.facts;
        std::string what = item.file + ": plan " + item.facts->plan_version + " reporting " +
                           format_iso(item.facts->reporting_date);
        try {
            history::RecordOutcome outcome =
                opened.store->record(version, history::Dedupe::anywhere);
            std::cout << what
                      << (outcome.inserted ? ": recorded as version "
                                           : ": already recorded as version ")
                      << outcome.id << std::endl;
        } catch (const history::StoreError& error) {
            std::cerr << "actionboard: " << what << ": not recorded: " << error.what() << "\n";
            return 1;
        }
    }
    std::cout << "history: " << *path << std::endl;
    return 0;
}

namespace {

// SIGINT and SIGTERM are blocked in every thread and taken by one waiting thread, so shutdown
// runs as ordinary code rather than inside a signal handler.
sigset_t shutdown_signals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGUSR1); // sent by run_serving itself to end the waiting thread
    return set;
}

// Waits up to `delay` for a shutdown signal. False when one came.
bool wait_unless_signalled(const sigset_t& signals, std::chrono::milliseconds delay) {
    timespec timeout{static_cast<time_t>(delay.count() / 1000),
                     static_cast<long>(delay.count() % 1000) * 1'000'000L};
    while (true) {
        int signal = sigtimedwait(&signals, nullptr, &timeout);
        if (signal > 0)
            return false;
        if (errno == EAGAIN)
            return true;
        // EINTR: another signal; wait again (a little longer than asked at most).
    }
}

} // namespace

int run_serving(const ServeOptions& options) {
    bool with_ui = options.dashboard.has_value();
    if (with_ui) {
        std::string why;
        if (!ui::display_available(why)) {
            std::cerr << "actionboard: cannot open the " << options.mode_name
                      << " dashboard: " << why
                      << ".\nUse --mode headless to serve the JSON feed without a display.\n";
            return 1;
        }
    }

    sigset_t signals = shutdown_signals();
    pthread_sigmask(SIG_BLOCK, &signals, nullptr); // before any thread starts
    std::signal(SIGPIPE, SIG_IGN);

    SystemdNotifier systemd;
    ui::Waker waker;
    LivePlanOptions plan_options;
    std::string error;
    if (!live_plan_options(options.plan, plan_options, error)) {
        std::cerr << "actionboard: " << error << "\n";
        return 1;
    }
    plan_options.prepare_bodies = feed::prepare_bodies; // built once per version, off requests
    if (with_ui)
        plan_options.on_change = [&waker] { waker.wake(); };
    // Every published snapshot goes to the history, whose own thread records it: a reload never
    // waits for the database.
    history::History history(history_options(options.history, with_ui ? &waker : nullptr));
    plan_options.on_publish = [&history](std::shared_ptr<const Snapshot> snapshot) {
        history.offer(std::move(snapshot));
    };
    std::string name = plan_name(options.plan);
    LivePlan live(std::move(plan_options));

    LoadResult result = live.load_initial();
    // A followed source that is down or sends nothing valid at start is waited for: the feed
    // answers 503 saying why, and the watcher publishes the first valid plan it gets.
    if (!result.ok() && !live.follows_source()) {
        print_problems(name, result);
        return 1;
    }
    history.start();
    live.start_watching();

    feed::ServerOptions feed_options = options.feed;
    feed_options.history = &history;
    feed::Server server(live, feed_options);
    if (!server.start(error)) {
        std::cerr << "actionboard: " << error << "\n";
        return 1;
    }
    std::cout << "listening on " << server.url() << std::endl;
    systemd.ready((live.current() ? "serving " : "waiting for the first plan from ") + name +
                  " on " + server.url());
    systemd.start_watchdog([&server](std::chrono::milliseconds timeout) {
        return feed_answers(server.bind(), server.port(), timeout);
    });

    if (with_ui && !live.current()) { // the window shows a plan: wait for the first one
        bool signalled = false;
        while (!live.current() && !signalled)
            signalled = !wait_unless_signalled(signals, std::chrono::milliseconds(250));
        if (signalled) {
            systemd.stopping();
            server.stop();
            live.stop();
            history.stop();
            return 0;
        }
        systemd.status("serving " + name + " on " + server.url());
    }

    std::atomic<bool> quit{false};
    int code = 0;
    if (!with_ui) {
        int signal = 0;
        sigwait(&signals, &signal);
    } else {
        std::thread signal_waiter([&signals, &quit, &waker] {
            int signal = 0;
            sigwait(&signals, &signal);
            quit = true;
            waker.wake();
        });
        ui::DashboardOptions dashboard = *options.dashboard;
        dashboard.feed_url = server.url();
        dashboard.history = [&history] { return history.current(); };
        code = ui::run_dashboard(live, dashboard, quit, waker);
        if (!quit)
            pthread_kill(signal_waiter.native_handle(), SIGUSR1);
        signal_waiter.join();
    }
    systemd.stopping();
    server.stop();
    live.stop();
    history.stop();
    return code;
}

} // namespace actionboard::serve
