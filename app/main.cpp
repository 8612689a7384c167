// actionboard: shows an action plan. This file only wires the library together.

#include "cli.hpp"
#include "dashboard/core/check_report.hpp"
#include "dashboard/core/embedded_plan.hpp"
#include "dashboard/core/loader.hpp"
#include "dashboard/core/view.hpp"

#include <cstdio>
#include <iostream>

namespace {

using namespace actionboard;

struct Loaded {
    std::string source;
    LoadResult result;
};

Loaded load(const app::Options& options) {
    if (options.data_file)
        return {*options.data_file, load_plan_file(*options.data_file)};
    return {std::string(embedded_plan_name), parse_plan(embedded_plan_json())};
}

int run_check(const app::Options& options) {
    Loaded loaded = load(options);
    std::optional<PlanView> view;
    if (loaded.result.ok()) {
        const Plan& plan = *loaded.result.plan;
        view = compute_view(plan, options.as_of.resolve(plan.info.as_of, today_local()),
                            options.amber_days.value_or(plan.info.amber_days));
    }
    CheckInput input{loaded.source, &loaded.result, view ? &*view : nullptr};
    std::cout << (options.format == app::OutputFormat::json ? check_report_json(input)
                                                            : check_report_text(input));
    return loaded.result.ok() ? 0 : 1;
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
    // Until the dashboard and feed land, a run without --check prints the same summary.
    return run_check(options);
}
