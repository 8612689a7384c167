// actionboard: shows an action plan. This file only turns the command line into the library's
// options: check, export, screenshot, history import, or serving (dashboard/serve: live plan,
// history, feed, dashboard).

#include "cli.hpp"
#include "dashboard/serve/serve.hpp"
#include "dashboard/spreadsheet/export.hpp"

#include <iostream>

namespace {

using namespace actionboard;

serve::PlanSetting plan_setting(const app::Options& options) {
    serve::PlanSetting plan{options.data_file, options.as_of, options.amber_days, {}};
    if (options.poll_seconds)
        plan.follow.poll = std::chrono::seconds(*options.poll_seconds);
    plan.follow.user_agent = std::string("actionboard/") + ACTIONBOARD_VERSION;
    return plan;
}

serve::HistorySetting history_setting(const app::Options& options) {
    return {options.no_history, options.history_file, options.since};
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
        return serve::run_check(plan_setting(options), options.format == app::OutputFormat::json,
                                std::cout);
    if (options.screenshot)
        return serve::run_screenshot(
            plan_setting(options), dashboard_options(options),
            {*options.screenshot, options.page, options.width, options.height},
            history_setting(options));
    if (!options.history_import.empty())
        return serve::run_history_import(history_setting(options), options.history_import);
    serve::ServeOptions serving;
    serving.plan = plan_setting(options);
    serving.feed.bind = options.bind;
    serving.feed.port = options.port;
    serving.feed.cors = options.cors;
    serving.feed.stale_days = options.stale_days;
    serving.history = history_setting(options);
    serving.mode_name = app::to_string(options.mode);
    if (options.mode != app::Mode::headless)
        serving.dashboard = dashboard_options(options);
    return serve::run_serving(serving);
}
