#include "serve.hpp"

#include "dashboard/core/embedded_plan.hpp"
#include "dashboard/core/source_url.hpp"
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
    if (looks_like_url(*setting.data))
        return follow::fetch_plan_once(*setting.data, setting.follow);
    return load_plan_file(*setting.data);
}

void print_problems(const std::string& source, const LoadResult& result) {
    std::cerr << "actionboard: " << source << " is not a valid plan:\n";
    for (const auto& problem : result.problems)
        std::cerr << "  " << format_problem(problem) << "\n";
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
    std::string name = plan_name(options.plan);
    LivePlan live(std::move(plan_options));

    LoadResult result = live.load_initial();
    // A followed source that is down or sends nothing valid at start is waited for: the feed
    // answers 503 saying why, and the watcher publishes the first valid plan it gets.
    if (!result.ok() && !live.follows_source()) {
        print_problems(name, result);
        return 1;
    }
    live.start_watching();

    feed::Server server(live, options.feed);
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
        code = ui::run_dashboard(live, dashboard, quit, waker);
        if (!quit)
            pthread_kill(signal_waiter.native_handle(), SIGUSR1);
        signal_waiter.join();
    }
    systemd.stopping();
    server.stop();
    live.stop();
    return code;
}

} // namespace actionboard::serve
