#include "dashboard.hpp"
namespace actionboard::ui {
bool display_available(std::string& why) { why = "the dashboard is not built yet"; return false; }
int run_dashboard(const LivePlan&, const DashboardOptions&, const std::atomic<bool>&) { return 1; }
void wake() {}
int render_screenshot(const LivePlan&, const DashboardOptions&, const ScreenshotRequest&, std::string& error) { error = "not built yet"; return 1; }
}
