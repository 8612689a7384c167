// actionboard: shows an action plan. This file only wires the library together:
// command line -> check, screenshot, or serving (dashboard/serve: live plan, feed, dashboard).

#include "cli.hpp"
#include "dashboard/core/check_report.hpp"
#include "dashboard/serve/serve.hpp"

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

int run_check(const app::Options& options) {
    serve::PlanSetting plan = plan_setting(options);
    LoadResult result = serve::load_plan_once(plan);
    std::optional<PlanView> view;
    if (result.ok()) {
        const Plan& loaded = *result.plan;
        view = compute_view(loaded, options.as_of.resolve(loaded.info.as_of, today_local()),
                            options.amber_days.value_or(loaded.info.amber_days));
    }
    CheckInput input{serve::plan_name(plan), &result, view ? &*view : nullptr};
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
    out.allow_exit = options.allow_exit;
    out.dim_minutes = options.dim_minutes;
    out.light_theme = options.light_theme;
    out.stale_days = options.stale_days;
    return out;
}

int run_screenshot(const app::Options& options) {
    serve::PlanSetting plan = plan_setting(options);
    LivePlanOptions live_options;
    std::string error;
    if (!serve::live_plan_options(plan, live_options, error)) {
        std::cerr << "actionboard: " << error << "\n";
        return 1;
    }
    LivePlan live(std::move(live_options));
    LoadResult result = live.load_initial();
    if (!result.ok()) {
        serve::print_problems(serve::plan_name(plan), result);
        return 1;
    }
    ui::ScreenshotRequest request{*options.screenshot, options.page, options.width, options.height};
    int code = ui::render_screenshot(live, dashboard_options(options), request, error);
    if (code != 0)
        std::cerr << "actionboard: " << error << "\n";
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
    if (options.check)
        return run_check(options);
    if (options.screenshot)
        return run_screenshot(options);
    serve::ServeOptions serving{plan_setting(options), {options.bind, options.port, options.cors},
                                std::nullopt, std::string(app::to_string(options.mode))};
    if (options.mode != app::Mode::headless)
        serving.dashboard = dashboard_options(options);
    return serve::run_serving(serving);
}
