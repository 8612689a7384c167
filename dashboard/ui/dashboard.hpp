#pragma once
// The Dear ImGui dashboard: desktop overview, wall kiosk and committee presentation, plus
// off-screen screenshots. Everything ImGui runs on the thread that calls these functions.

#include "dashboard/core/live_plan.hpp"

#include <atomic>
#include <mutex>
#include <nlohmann/json.hpp>
#include <vector>
#include <optional>
#include <string>
#include <utility>

struct GLFWwindow;

namespace actionboard::ui {

enum class Mode { desktop, kiosk, present };

struct DashboardOptions {
    Mode mode = Mode::desktop;
    int monitor = 0;
    int cycle_seconds = 20;
    int chapter_pages = 2; // kiosk and present: pages per chapter (red and amber always shown)
    bool allow_exit = false;
    std::optional<std::pair<int, int>> dim_minutes; // [start, end) minutes after midnight
    bool light_theme = false;
    int stale_days = 14;
    std::string feed_url; // shown in the desktop status bar
};

struct ScreenshotRequest {
    std::string path;
    std::string page = "overview"; // overview | chapter:N | deadlines | quality | rec:N
    int width = 1920;
    int height = 1080;
};

// Whether a window can be opened here; `why` says what is missing when not.
bool display_available(std::string& why);

// Wakes the render loop from other threads (a reload, a signal). Owned by main; the render
// thread attaches it while GLFW is initialised, so a wake before or after is harmless.
class Waker {
public:
    void wake();
    void attach();
    void detach();

private:
    std::mutex mutex_;
    bool attached_ = false;
};

// Runs the window until it is closed or `quit` becomes true. Returns the exit code.
int run_dashboard(const LivePlan& live, const DashboardOptions& options,
                  const std::atomic<bool>& quit, Waker& waker);

// One page rendered off-screen: RGBA pixels, top row first, and the sidecar describing it.
struct RenderedPage {
    int width = 0;
    int height = 0;
    std::vector<unsigned char> rgba;
    nlohmann::json sidecar;
};
// Renders pages into an off-screen framebuffer. A hidden window provides the OpenGL context,
// kept for the renderer's lifetime so many pages cost one context.
class OffscreenRenderer {
public:
    OffscreenRenderer();
    ~OffscreenRenderer();
    OffscreenRenderer(const OffscreenRenderer&) = delete;
    OffscreenRenderer& operator=(const OffscreenRenderer&) = delete;

    bool ready() const { return window_ != nullptr; }
    const std::string& error() const { return error_; }
    // Returns false with `error` set when the page cannot be drawn.
    bool render(const LivePlan& live, const DashboardOptions& options,
                const ScreenshotRequest& request, RenderedPage& out, std::string& error);

private:
    ::GLFWwindow* window_ = nullptr;
    std::string error_;
};

// Renders one page, writes the PNG and its sidecar JSON beside it (OUT.png.json); 0 or 1.
int render_screenshot(const LivePlan& live, const DashboardOptions& options,
                      const ScreenshotRequest& request, std::string& error);

} // namespace actionboard::ui
