#pragma once
// The Dear ImGui dashboard: desktop overview, wall kiosk and committee presentation, plus
// off-screen screenshots. Everything ImGui runs on the thread that calls these functions.

#include "dashboard/core/live_plan.hpp"

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

struct GLFWwindow;

namespace actionboard::history {
struct HistoryState;
}

namespace actionboard::ui {

class FontAtlas;
class FontCoverage;

enum class Mode { desktop, kiosk, present };

// Where the dashboard reads the history from (docs/history.md): the history thread's latest
// state (History::current), or for a screenshot one read once. Called on the render thread
// before each frame; it must return at once. Empty, or a null state: no history is shown.
using HistorySource = std::function<std::shared_ptr<const history::HistoryState>()>;

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
    // Kiosk and present: the address people reach the browser view at (--public-url); a QR code
    // in the corner links to the page on screen. Empty: no QR code.
    std::string public_url;
    // Arrows, the "Changes since …" pages and the trend (docs/history.md).
    HistorySource history;
};

struct ScreenshotRequest {
    std::string path;
    std::string page =
        "overview"; // overview | chapter:N | deadlines | quality | changes | trend | rec:N
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
    // Set when render() failed for the request itself: --page names no page, or one this plan,
    // size or history does not have. A usage error (exit 2), not a fault of the data or display.
    bool bad_request = false;
};
// Renders pages into an off-screen framebuffer. A hidden window provides the OpenGL context,
// kept for the renderer's lifetime so many pages cost one context; the font atlas is kept too,
// and rebuilt only when a page needs other sizes or characters (as in the live window). The
// sidecar's "atlas" says its size, whether this page rebuilt it and in how many milliseconds,
// and "cannot_draw" lists the plan's characters the font lacks (glyph_finding_json).
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
    std::unique_ptr<FontAtlas> atlas_;       // shared by every page's ImGui context
    std::unique_ptr<FontCoverage> coverage_; // which characters the embedded font has
    int atlas_builds_ = 0;
};

// Renders one page, writes the PNG and its sidecar JSON beside it (OUT.png.json); 0 or 1.
int render_screenshot(const LivePlan& live, const DashboardOptions& options,
                      const ScreenshotRequest& request, std::string& error);

} // namespace actionboard::ui
