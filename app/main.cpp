// actionboard: shows an action plan. This file only wires the library together:
// command line -> live plan -> history (its own thread) -> feed server (every mode) ->
// dashboard or headless wait.

#include "cli.hpp"
#include "dashboard/core/check_report.hpp"
#include "dashboard/core/embedded_plan.hpp"
#include "dashboard/core/live_plan.hpp"
#include "dashboard/feed/history_shapes.hpp"
#include "dashboard/feed/server.hpp"
#include "dashboard/history/history.hpp"
#include "dashboard/history/paths.hpp"
#include "dashboard/spreadsheet/export.hpp"
#include "dashboard/spreadsheet/source.hpp"
#include "dashboard/ui/dashboard.hpp"
#include "dashboard/ui/font_coverage.hpp"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <pthread.h>
#include <thread>

namespace {

using namespace actionboard;

int run_check(const app::Options& options) {
    std::string source = options.data_file ? *options.data_file : std::string(embedded_plan_name);
    LoadResult result = options.data_file ? spreadsheet::load_plan_source(*options.data_file)
                                          : parse_plan(embedded_plan_json());
    std::optional<PlanView> view;
    std::vector<GlyphFinding> cannot_draw;
    if (result.ok()) {
        const Plan& plan = *result.plan;
        view = compute_view(plan, options.as_of.resolve(plan.info.as_of, today_local()),
                            options.amber_days.value_or(plan.info.amber_days));
        ui::FontCoverage font; // the embedded font's own cmap: no display needed
        cannot_draw =
            undrawable_characters(plan, *view, [&font](char32_t c) { return font.can_draw(c); });
    }
    CheckInput input{source, &result, view ? &*view : nullptr, &cannot_draw};
    std::cout << (options.format == app::OutputFormat::json ? check_report_json(input)
                                                            : check_report_text(input));
    return result.ok() ? 0 : 1;
}

ui::DashboardOptions dashboard_options(const app::Options& options) {
    ui::DashboardOptions out;
    out.mode = options.mode == app::Mode::kiosk     ? ui::Mode::kiosk
               : options.mode == app::Mode::present ? ui::Mode::present
                                                    : ui::Mode::desktop;
    out.monitor = options.monitor;
    out.cycle_seconds = options.cycle_seconds;
    out.chapter_pages = options.chapter_pages;
    out.allow_exit = options.allow_exit;
    out.dim_minutes = options.dim_minutes;
    out.light_theme = options.light_theme;
    out.stale_days = options.stale_days;
    out.public_url = options.public_url;
    return out;
}

void print_problems(const std::string& source, const LoadResult& result);

// The database: --history FILE, or the default place (made when missing); none with --no-history.
// `why_none` is set when history is wanted but there is nowhere to keep it.
std::optional<std::string> history_path(const app::Options& options, std::string& why_none) {
    if (options.no_history)
        return std::nullopt;
    if (options.history_file)
        return options.history_file;
    history::DefaultPath found = history::default_history_path();
    if (!found.path) {
        why_none = found.why_none;
        return std::nullopt;
    }
    if (std::string error = history::make_state_directory(*found.path); !error.empty())
        std::cerr << "actionboard: history: " << error << "\n"; // opening it will say so too
    return found.path;
}

history::HistoryOptions history_options(const app::Options& options, ui::Waker* waker) {
    history::HistoryOptions out;
    out.path = history_path(options, out.no_path);
    if (options.since)
        out.since = history::parse_since(*options.since);
    out.prepare_bodies = feed::prepare_history_bodies;
    if (waker)
        out.on_change = [waker] { waker->wake(); };
    return out;
}

// --history-import FILE...: every file is read and checked first; then each valid version is
// recorded at its reporting date (noon UTC that day), once.
int run_import(const app::Options& options) {
    std::string why_none;
    std::optional<std::string> path = history_path(options, why_none);
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
    for (const auto& file : options.history_import) {
        FileRead read = read_plan_file(file, LoadLimits{}.max_bytes);
        if (!read.bytes) {
            std::cerr << "actionboard: " << file << ": " << format_problem(*read.problem) << "\n";
            all_valid = false;
            continue;
        }
        LoadResult result = parse_plan(*read.bytes);
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
        std::cerr << "actionboard: nothing was recorded: correct the files above and run it again\n";
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
            history::RecordOutcome outcome = opened.store->record(version, history::Dedupe::anywhere);
            std::cout << what << (outcome.inserted ? ": recorded as version " : ": already recorded as version ")
                      << outcome.id << std::endl;
        } catch (const history::StoreError& error) {
            std::cerr << "actionboard: " << what << ": not recorded: " << error.what() << "\n";
            return 1;
        }
    }
    std::cout << "history: " << *path << std::endl;
    return 0;
}

LivePlanOptions live_options(const app::Options& options, bool serving, ui::Waker* waker) {
    LivePlanOptions live;
    live.path = options.data_file;
    live.as_of = options.as_of;
    live.amber_days = options.amber_days;
    live.parse = spreadsheet::plan_source_parser(); // .xlsx and .csv as well as JSON
    if (serving) // the feed's bodies are built only by a process that serves them
        live.prepare_bodies = feed::prepare_bodies;
    if (waker)
        live.on_change = [waker] { waker->wake(); };
    return live;
}

void print_problems(const std::string& source, const LoadResult& result) {
    std::cerr << "actionboard: " << source << " is not a valid plan:\n";
    for (const auto& problem : result.problems)
        std::cerr << "  " << format_problem(problem) << "\n";
}

int run_screenshot(const app::Options& options) {
    LivePlan live(live_options(options, false, nullptr));
    LoadResult result = live.load_initial();
    if (!result.ok()) {
        print_problems(options.data_file.value_or(std::string(embedded_plan_name)), result);
        return 1;
    }
    ui::ScreenshotRequest request{*options.screenshot, options.page, options.width, options.height};
    std::string error;
    int code = ui::render_screenshot(live, dashboard_options(options), request, error);
    if (code != 0)
        std::cerr << "actionboard: " << error << "\n";
    return code;
}

// SIGINT and SIGTERM are blocked in every thread and taken by one waiting thread, so shutdown
// runs as ordinary code rather than inside a signal handler.
sigset_t shutdown_signals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGUSR1); // sent by main itself to end the waiting thread
    return set;
}

int run_serving(const app::Options& options) {
    bool with_ui = options.mode != app::Mode::headless;
    if (with_ui) {
        std::string why;
        if (!ui::display_available(why)) {
            std::cerr << "actionboard: cannot open the " << app::to_string(options.mode)
                      << " dashboard: " << why
                      << ".\nUse --mode headless to serve the JSON feed without a display.\n";
            return 1;
        }
    }

    sigset_t signals = shutdown_signals();
    pthread_sigmask(SIG_BLOCK, &signals, nullptr); // before any thread starts
    std::signal(SIGPIPE, SIG_IGN);

    ui::Waker waker;
    // Every published snapshot goes to the history, whose own thread records it: a reload never
    // waits for the database.
    history::History history(history_options(options, with_ui ? &waker : nullptr));
    LivePlanOptions live_settings = live_options(options, true, with_ui ? &waker : nullptr);
    live_settings.on_publish = [&history](std::shared_ptr<const Snapshot> snapshot) {
        history.offer(std::move(snapshot));
    };
    LivePlan live(std::move(live_settings));
    LoadResult result = live.load_initial();
    if (!result.ok()) {
        print_problems(options.data_file.value_or(std::string(embedded_plan_name)), result);
        return 1;
    }
    history.start();
    live.start_watching();

    feed::ServerOptions server_options{options.bind, options.port, options.cors};
    server_options.history = &history;
    feed::Server server(live, server_options);
    std::string error;
    if (!server.start(error)) {
        std::cerr << "actionboard: " << error << "\n";
        return 1;
    }
    std::cout << "listening on " << server.url() << std::endl;

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
        ui::DashboardOptions dashboard = dashboard_options(options);
        dashboard.feed_url = server.url();
        code = ui::run_dashboard(live, dashboard, quit, waker);
        if (!quit)
            pthread_kill(signal_waiter.native_handle(), SIGUSR1);
        signal_waiter.join();
    }
    server.stop();
    live.stop();
    history.stop();
    return code;
}

} // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    app::ParseResult parsed = app::parse_command_line(args);
    if (!parsed.options) {
        std::cerr << "actionboard: " << parsed.error << "\n\n" << app::usage_text();
        return 2;
    }
    const app::Options& options = *parsed.options;
    if (options.help) {
        std::cout << app::usage_text();
        return 0;
    }
    if (options.version) {
        std::cout << app::version_text();
        return 0;
    }
    if (options.export_file)
        return spreadsheet::run_export(*options.export_file, options.data_file, std::cout,
                                       std::cerr);
    if (options.check)
        return run_check(options);
    if (options.screenshot)
        return run_screenshot(options);
    if (!options.history_import.empty())
        return run_import(options);
    return run_serving(options);
}
