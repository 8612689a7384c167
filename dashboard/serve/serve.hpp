#pragma once
// The serving modes' entry point (desktop, kiosk, present, headless): the live plan (a file, a
// followed URL or the embedded plan), the feed in every mode, the dashboard or a headless
// wait, signals, and systemd's notifications. app/main.cpp only turns the command line into
// these options.

#include "dashboard/core/as_of.hpp"
#include "dashboard/core/live_plan.hpp"
#include "dashboard/feed/server.hpp"
#include "dashboard/follow/follow.hpp"
#include "dashboard/ui/dashboard.hpp"

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace actionboard::serve {

// Where the plan comes from, as --data, --as-of, --amber-days and --poll say.
struct PlanSetting {
    std::optional<std::string> data; // a file, an http(s):// URL to follow; none: embedded
    AsOfSetting as_of;
    std::optional<int> amber_days;
    follow::FollowOptions follow;
};

// Where the history is kept, as --history, --no-history and --since say (docs/history.md).
struct HistorySetting {
    bool off = false;                 // --no-history
    std::optional<std::string> file;  // --history FILE; none: the default place
    std::optional<std::string> since; // --since DATE: the baseline instead of the last committee
};

// The plan's name in messages: the file, the URL, or the embedded plan's name.
std::string plan_name(const PlanSetting& setting);

// LivePlanOptions for the setting. False, with `error`, for a URL that cannot be followed.
bool live_plan_options(const PlanSetting& setting, LivePlanOptions& out, std::string& error);

// Loads once, for --check and --screenshot: the file (JSON, .xlsx or .csv), one request to
// the URL (read as its media type says), or the embedded plan.
LoadResult load_plan_once(const PlanSetting& setting);

// --check: validates the plan and prints the summary (text, or JSON when `json`) on `out`,
// with the characters the dashboard's font cannot draw. Returns 0, or 1 for an invalid plan.
int run_check(const PlanSetting& setting, bool json, std::ostream& out);

// --screenshot: renders one page of the dashboard to a PNG. Returns 0, or 1 with a message on
// stderr (invalid plan, no display, a page the plan does not have, a file not written). With
// --history FILE (`history.file`) the history is read, never written, and the plan on show is
// compared with it as a running actionboard would (--since too); without it a screenshot shows
// no history, so that it is the same whoever takes it (docs/history.md).
int run_screenshot(const PlanSetting& setting, const ui::DashboardOptions& dashboard,
                   const ui::ScreenshotRequest& request, const HistorySetting& history = {});

// --history-import FILE...: every file (any format --data reads) is read and checked first;
// then each valid version is recorded at its reporting date (noon UTC that day), once. Returns
// 0, or 1 when a file is invalid (nothing is then recorded) or the database cannot be written.
int run_history_import(const HistorySetting& setting, const std::vector<std::string>& files);

// "actionboard: SOURCE is not a valid plan:" and every problem, on stderr.
void print_problems(const std::string& source, const LoadResult& result);

struct ServeOptions {
    PlanSetting plan;
    feed::ServerOptions feed;
    std::optional<ui::DashboardOptions> dashboard; // none: headless
    HistorySetting history;
    std::string mode_name = "desktop"; // for the no-display message
};

// Serves until SIGINT or SIGTERM (or the window closes). Returns the exit code: 0, or 1 when
// the plan is invalid, the port cannot be bound or there is no display. A followed source
// that cannot be reached at start is waited for (with back-off), since a building's displays
// and their source start together after a power cut.
int run_serving(const ServeOptions& options);

} // namespace actionboard::serve
