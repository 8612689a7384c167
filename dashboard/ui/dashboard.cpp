// The render loop (GLFW + OpenGL 3) and off-screen screenshots. The loop never spins: it blocks in
// glfwWaitEventsTimeout until input, a posted wake (data change, signal), the next page rotation
// or the next minute of the clock, and draws only then.

#define GL_GLEXT_PROTOTYPES
#include "dashboard.hpp"

#include "dashboard/core/plan_text.hpp"
#include "font_coverage.hpp"
#include "fonts.hpp"
#include "frame.hpp"
#include "png.hpp"
#include "theme.hpp"
#include "ui_state.hpp"
#include "views.hpp"

#include <GL/gl.h>
#include <GL/glext.h>
#include <GLFW/glfw3.h>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <exception>
#include <fstream>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <vector>

namespace actionboard::ui {

// [SECTION] Waking the loop from other threads

void Waker::wake() {
    std::lock_guard lock(mutex_);
    if (attached_)
        glfwPostEmptyEvent();
}

void Waker::attach() {
    std::lock_guard lock(mutex_);
    attached_ = true;
}

void Waker::detach() {
    std::lock_guard lock(mutex_);
    attached_ = false;
}

namespace {

// [SECTION] Time helpers

std::tm local_time(std::chrono::system_clock::time_point when) {
    std::time_t t = std::chrono::system_clock::to_time_t(when);
    std::tm local{};
    localtime_r(&t, &local);
    return local;
}

FrameContext make_context(const Snapshot& snapshot, const ReloadState& reload,
                          const DashboardOptions& options,
                          std::chrono::system_clock::time_point now,
                          const history::HistoryState* history) {
    FrameContext context;
    context.snapshot = &snapshot;
    context.history = history;
    context.reload = &reload;
    context.clock = format_time(now, "%H:%M");
    context.data_updated = format_time(snapshot.data_updated_at, "%-d %b %Y %H:%M");
    context.loaded_at = format_time(snapshot.loaded_at, "%H:%M");
    context.stale_days = options.stale_days;
    context.stale = data_is_stale(snapshot, now, options.stale_days);
    context.feed_url = options.feed_url;
    return context;
}

int minutes_of_day(std::chrono::system_clock::time_point now) {
    std::tm local = local_time(now);
    return local.tm_hour * 60 + local.tm_min;
}

bool in_dim_period(const DashboardOptions& options, std::chrono::system_clock::time_point now) {
    if (!options.dim_minutes)
        return false;
    auto [start, end] = *options.dim_minutes;
    int minute = minutes_of_day(now);
    return start < end ? (minute >= start && minute < end) : (minute >= start || minute < end);
}

// Burn-in guard: the whole picture moves by a pixel or two every three minutes.
ImVec2 burn_in_offset(std::chrono::system_clock::time_point now) {
    constexpr float offsets[][2] = {{0, 0},  {1, 0},   {2, 1},   {1, 2}, {0, 1},
                                    {-1, 0}, {-2, -1}, {-1, -2}, {0, -1}};
    auto minutes = std::chrono::duration_cast<std::chrono::minutes>(now.time_since_epoch()).count();
    const float* offset = offsets[(minutes / 3) % 9];
    return {offset[0], offset[1]};
}

const char* glsl_version = "#version 150";

// What the fonts must hold for a snapshot, and what they cannot draw: worked out again only
// when the snapshot or the reload state changes (render thread).
// The history's strings (a change's deadline text may hold characters the plan on show no
// longer has) are added to `extra`.
struct GlyphPlan {
    std::shared_ptr<const Snapshot> snapshot;
    std::shared_ptr<const ReloadState> reload;
    std::shared_ptr<const history::HistoryState> history;
    CharacterSet characters;
    std::vector<GlyphFinding> cannot_draw;

    void update(const std::shared_ptr<const Snapshot>& now,
                const std::shared_ptr<const ReloadState>& reload_now,
                const std::shared_ptr<const history::HistoryState>& history_now,
                std::string_view extra, bool typing, const FontCoverage& coverage) {
        if (now == snapshot && reload_now == reload && history_now == history)
            return;
        if (now != snapshot)
            cannot_draw = undrawable_characters(
                *now->plan, now->view, [&coverage](char32_t c) { return coverage.can_draw(c); });
        characters =
            characters_for(*now, reload_now.get(),
                           std::string(extra) + history_strings(history_now.get()), typing);
        snapshot = now;
        reload = reload_now;
        history = history_now;
    }
};

std::shared_ptr<const history::HistoryState> history_of(const DashboardOptions& options) {
    return options.history ? options.history() : nullptr;
}

// The history as the sidecar states it: what the views were given.
nlohmann::json history_json(const history::HistoryState* state, const std::vector<Page>& rotation) {
    if (!state)
        return nullptr;
    nlohmann::json out = {{"status", history::to_string(state->status)},
                          {"line", state->status_line()},
                          {"versions", state->timeline ? state->timeline->versions.size() : 0},
                          {"trend_points", state->trend.size()},
                          {"baseline", nullptr},
                          {"changes", nullptr},
                          {"why_none", state->comparison
                                           ? nlohmann::json(nullptr)
                                           : nlohmann::json(state->baseline.why_none)}};
    int changes_pages = 0;
    for (const Page& page : rotation)
        changes_pages += page.kind == PageKind::changes;
    if (const auto& comparison = state->comparison) {
        const history::Version& base = state->timeline->versions.at(comparison->baseline);
        out["baseline"] = {{"id", base.id == 0 ? nlohmann::json(nullptr) : nlohmann::json(base.id)},
                           {"label_date", format_iso(comparison->label_date)},
                           {"since", since_text(*comparison)}};
        std::size_t exceptions = 0;
        for (const auto& change : comparison->changes)
            exceptions += change.exception;
        out["changes"] = {{"count", comparison->changes.size()},
                          {"exceptions", exceptions},
                          {"wall_pages", changes_pages}};
        out["overall"] = {{"direction", history::to_string(comparison->overall.direction)},
                          {"label", comparison->overall.label}};
    }
    return out;
}

// A rebuilt atlas into the renderer: the old texture is deleted before the new one is made, so
// the GPU never holds two, and the CPU copy of the pixels is freed once uploaded. The first
// time, the backend's device objects are made here with the texture: left to the first
// NewFrame, they would upload a second texture over the first without deleting it (ImGui 1.86's
// CreateDeviceObjects) and, the pixels being freed, build the atlas again.
void upload_font_texture(bool& device_objects) {
    if (device_objects) {
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
    } else {
        ImGui_ImplOpenGL3_CreateDeviceObjects(); // shaders, buffers and the font texture
        device_objects = true;
    }
    ImGui::GetIO().Fonts->ClearTexData();
}

void set_gl_hints() {
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 2);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
}

void log_glfw_error(int code, const char* description) {
    std::fprintf(stderr, "actionboard: GLFW error %d: %s\n", code, description);
}

// [SECTION] The live window

struct LoopState {
    UiState ui;
    int frames_to_draw = 2; // ImGui settles hover and layout over a couple of frames
};

LoopState* loop_state(GLFWwindow* window) {
    return static_cast<LoopState*>(glfwGetWindowUserPointer(window));
}

// A GLFW key event as the dashboard's Key; nullopt for a modifier pressed alone (Shift before
// F5 must not count as a key of its own). Letters are read as the keyboard layout names them
// (Ctrl+Q is the key marked Q); "." and "," also by position, as a clicker's US-layout keys
// arrive.
std::optional<Key> key_for(int key, int scancode, int mods) {
    switch (key) {
    case GLFW_KEY_LEFT_SHIFT:
    case GLFW_KEY_RIGHT_SHIFT:
    case GLFW_KEY_LEFT_CONTROL:
    case GLFW_KEY_RIGHT_CONTROL:
    case GLFW_KEY_LEFT_ALT:
    case GLFW_KEY_RIGHT_ALT:
    case GLFW_KEY_LEFT_SUPER:
    case GLFW_KEY_RIGHT_SUPER:
    case GLFW_KEY_CAPS_LOCK:
    case GLFW_KEY_NUM_LOCK:
    case GLFW_KEY_UNKNOWN:
        return std::nullopt;
    default:
        break;
    }
    const char* name = glfwGetKeyName(key, scancode);
    std::string_view label = name ? name : "";
    auto is = [&](std::string_view letter, int fallback) {
        return label.empty() ? key == fallback : label == letter;
    };
    bool control = mods & GLFW_MOD_CONTROL;
    if (control)
        return is("q", GLFW_KEY_Q) ? Key::quit : Key::other;
    if (mods & (GLFW_MOD_ALT | GLFW_MOD_SUPER))
        return Key::other;
    switch (key) {
    case GLFW_KEY_RIGHT:
    case GLFW_KEY_PAGE_DOWN:
    case GLFW_KEY_SPACE:
    case GLFW_KEY_DOWN:
        return Key::next;
    case GLFW_KEY_LEFT:
    case GLFW_KEY_PAGE_UP:
    case GLFW_KEY_BACKSPACE:
    case GLFW_KEY_UP:
        return Key::previous;
    case GLFW_KEY_HOME:
        return Key::home;
    case GLFW_KEY_ESCAPE:
        return Key::escape;
    case GLFW_KEY_F5:
        return (mods & GLFW_MOD_SHIFT) ? Key::start_here : Key::start_overview;
    default:
        break;
    }
    if (key >= GLFW_KEY_1 && key <= GLFW_KEY_9)
        return Key(int(Key::digit1) + key - GLFW_KEY_1);
    if (key >= GLFW_KEY_KP_1 && key <= GLFW_KEY_KP_9)
        return Key(int(Key::digit1) + key - GLFW_KEY_KP_1);
    if (is("b", GLFW_KEY_B) || is(".", GLFW_KEY_PERIOD) || key == GLFW_KEY_PERIOD)
        return Key::black;
    if (is("w", GLFW_KEY_W) || is(",", GLFW_KEY_COMMA) || key == GLFW_KEY_COMMA)
        return Key::white;
    return Key::other;
}

// Installed before ImGui's own callbacks, which chain to these: any input means a redraw.
void on_key(GLFWwindow* window, int key, int scancode, int action, int mods) {
    LoopState* state = loop_state(window);
    state->frames_to_draw = 3;
    if (action != GLFW_PRESS && action != GLFW_REPEAT)
        return;
    std::optional<Key> pressed = key_for(key, scancode, mods);
    if (!pressed)
        return;
    // Held keys repeat; only moving through pages repeats, never a blank screen or F5.
    bool moves = *pressed == Key::next || *pressed == Key::previous;
    if (action == GLFW_REPEAT && (!moves || state->ui.blank != Blank::none))
        return;
    state->ui.pending_keys.push_back(*pressed);
}
void on_mouse_button(GLFWwindow* window, int, int, int) {
    loop_state(window)->frames_to_draw = 3;
}
void on_cursor(GLFWwindow* window, double, double) {
    loop_state(window)->frames_to_draw = 2;
}
void on_scroll(GLFWwindow* window, double, double) {
    loop_state(window)->frames_to_draw = 3;
}
void on_char(GLFWwindow* window, unsigned int) {
    loop_state(window)->frames_to_draw = 3;
}
void on_refresh(GLFWwindow* window) {
    loop_state(window)->frames_to_draw = 2;
}
void on_framebuffer(GLFWwindow* window, int, int) {
    loop_state(window)->frames_to_draw = 2;
}
void on_focus(GLFWwindow* window, int) {
    loop_state(window)->frames_to_draw = 2;
}

// Monitor `wanted`, or the primary when there is no such monitor (now), or none at all.
GLFWmonitor* monitor_or_primary(int wanted) {
    int count = 0;
    GLFWmonitor** monitors = glfwGetMonitors(&count);
    if (count == 0)
        return nullptr;
    return wanted < count ? monitors[wanted] : glfwGetPrimaryMonitor();
}

GLFWmonitor* choose_monitor(int wanted) {
    int count = 0;
    glfwGetMonitors(&count);
    if (count > 0 && wanted >= count)
        std::fprintf(stderr, "actionboard: there is no monitor %d (found %d); using the primary\n",
                     wanted, count);
    return monitor_or_primary(wanted);
}

// The rectangle a kiosk or presentation window should cover, in screen coordinates.
struct MonitorArea {
    int x = 0, y = 0, width = 0, height = 0;
    bool operator==(const MonitorArea&) const = default;
};

// Kiosk and present: keeps the window covering its monitor. When the monitor comes back after
// being unplugged, changes resolution or turns to portrait, the window is moved and sized to
// cover it again (a window operation: the monitor's video mode is never touched). With no
// monitor at all the window is left alone until one appears. `fitted` remembers the last area
// asked for, so that a window manager that will not comply is not asked again and again.
void keep_covering_monitor(GLFWwindow* window, int wanted, MonitorArea& fitted) {
    GLFWmonitor* monitor = monitor_or_primary(wanted);
    if (!monitor)
        return;
    const GLFWvidmode* mode = glfwGetVideoMode(monitor);
    if (!mode || mode->width <= 0 || mode->height <= 0)
        return;
    MonitorArea area{0, 0, mode->width, mode->height};
    glfwGetMonitorPos(monitor, &area.x, &area.y);
    MonitorArea now;
    glfwGetWindowPos(window, &now.x, &now.y);
    glfwGetWindowSize(window, &now.width, &now.height);
    if (now == area || area == fitted)
        return;
    fitted = area;
    const char* name = glfwGetMonitorName(monitor);
    std::fprintf(stderr, "actionboard: the monitor changed; covering %s at %dx%d+%d+%d\n",
                 name ? name : "the monitor", area.width, area.height, area.x, area.y);
    glfwSetWindowPos(window, area.x, area.y);
    glfwSetWindowSize(window, area.width, area.height);
}

GLFWwindow* create_window(const DashboardOptions& options, const std::string& title) {
    set_gl_hints();
    if (options.mode == Mode::desktop) {
        int width = 1440, height = 900;
        if (GLFWmonitor* primary = glfwGetPrimaryMonitor()) {
            int x, y, w, h;
            glfwGetMonitorWorkarea(primary, &x, &y, &w, &h);
            if (w > 0 && h > 0) {
                width = std::min(width, int(w * 0.9));
                height = std::min(height, int(h * 0.9));
            }
        }
        return glfwCreateWindow(width, height, title.c_str(), nullptr, nullptr);
    }
    // Kiosk and present: a borderless window above the others, covering the monitor at the
    // mode it is in. Not a GLFW full-screen window: on X11 that sets a video mode (GLFW's
    // nearest match to the current one, often a different mode id) and restores it on exit or
    // unplug, and a mode the server refuses ends the program in Xlib's error handler.
    GLFWmonitor* monitor = choose_monitor(options.monitor);
    if (!monitor)
        return nullptr;
    const GLFWvidmode* mode = glfwGetVideoMode(monitor);
    if (!mode)
        return nullptr;
    int x = 0, y = 0;
    glfwGetMonitorPos(monitor, &x, &y);
    glfwWindowHint(GLFW_DECORATED, GLFW_FALSE);
    // Above the others, except on XWayland: there a Wayland compositor manages the window, and
    // cage (the kiosk compositor of docs/deploy.md) gives the only window the whole output
    // anyway, but draws nothing of an X11 window that asks to stay on top (cage 0.1.4).
    const char* wayland = std::getenv("WAYLAND_DISPLAY");
    glfwWindowHint(GLFW_FLOATING, wayland && *wayland ? GLFW_FALSE : GLFW_TRUE);
    glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE); // shown once in place
    GLFWwindow* window =
        glfwCreateWindow(mode->width, mode->height, title.c_str(), nullptr, nullptr);
    if (window) {
        glfwSetWindowPos(window, x, y);
        glfwShowWindow(window);
    }
    return window;
}

struct Redraw {
    std::uint64_t generation = 0;
    const ReloadState* reload = nullptr;
    long long minute = -1;
    int width = 0, height = 0;
    bool dimmed = false;
    std::uint64_t history = 0; // the history state's generation
};

} // namespace

bool display_available(std::string& why) {
    glfwSetErrorCallback(nullptr);
    if (!glfwInit()) {
        const char* description = nullptr;
        glfwGetError(&description);
        why = std::string("no display could be opened (") +
              (description ? description : "GLFW failed to initialise") + ")";
        return false;
    }
    glfwTerminate();
    return true;
}

int run_dashboard(const LivePlan& live, const DashboardOptions& options,
                  const std::atomic<bool>& quit, Waker& waker) {
    glfwSetErrorCallback(log_glfw_error);
    if (!glfwInit())
        return 1;
    auto snapshot = live.current();
    GLFWwindow* window = create_window(options, snapshot->plan->info.title);
    if (!window) {
        std::fprintf(stderr, "actionboard: could not open a window (OpenGL 3.2 needed)\n");
        glfwTerminate();
        return 1;
    }
    glfwMakeContextCurrent(window);
    glfwSwapInterval(1);
    if (options.mode == Mode::kiosk)
        glfwSetInputMode(window, GLFW_CURSOR, GLFW_CURSOR_HIDDEN);

    LoopState loop;
    loop.ui.mode = options.mode;
    glfwSetWindowUserPointer(window, &loop);
    glfwSetKeyCallback(window, on_key);
    glfwSetMouseButtonCallback(window, on_mouse_button);
    glfwSetCursorPosCallback(window, on_cursor);
    glfwSetScrollCallback(window, on_scroll);
    glfwSetCharCallback(window, on_char);
    glfwSetWindowRefreshCallback(window, on_refresh);
    glfwSetFramebufferSizeCallback(window, on_framebuffer);
    glfwSetWindowFocusCallback(window, on_focus);

    FontAtlas atlas; // outlives the context, which shares it
    FontCoverage coverage;
    GlyphPlan glyphs;
    IMGUI_CHECKVERSION();
    ImGui::CreateContext(atlas.imgui_atlas());
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr; // nothing is written to disk
    io.LogFilename = nullptr;
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init(glsl_version);
    waker.attach();

    Theme theme = options.light_theme ? light_theme() : dark_theme();
    Redraw last;
    std::string window_title;
    double page_started = glfwGetTime();
    MonitorArea covered;
    bool device_objects = false; // the OpenGL backend's shaders, buffers and font texture
    int exit_code = 0;

    while (!quit && !glfwWindowShouldClose(window)) {
        // Sleep until something can change what is on screen.
        auto now = std::chrono::system_clock::now();
        double until_minute =
            60.0 -
            double(std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch())
                       .count() %
                   60000) /
                1000.0;
        double timeout = until_minute + 0.05;
        if (options.mode == Mode::kiosk)
            timeout = std::min(timeout, page_started + options.cycle_seconds - glfwGetTime());
        if (loop.frames_to_draw > 0)
            timeout = 0;
        glfwWaitEventsTimeout(std::max(timeout, 0.0));
        if (quit || glfwWindowShouldClose(window))
            break;
        if (options.mode != Mode::desktop)
            keep_covering_monitor(window, options.monitor, covered);

        snapshot = live.current();
        auto reload = live.state();
        auto history = history_of(options);
        now = std::chrono::system_clock::now();
        int width = 0, height = 0;
        glfwGetFramebufferSize(window, &width, &height);
        if (width <= 0 || height <= 0)
            continue; // minimised, or the monitor went away: nothing to draw on
        if (!apply_keys(loop.ui, *snapshot, options))
            break;
        if (options.mode == Mode::present) { // no pointer over a blank screen
            int cursor = loop.ui.blank != Blank::none ? GLFW_CURSOR_HIDDEN : GLFW_CURSOR_NORMAL;
            if (glfwGetInputMode(window, GLFW_CURSOR) != cursor)
                glfwSetInputMode(window, GLFW_CURSOR, cursor);
        }

        Metrics metrics = metrics_for(density_for(options.mode), float(width), float(height));
        if (options.mode != Mode::desktop)
            refresh_rotation(loop.ui, make_context(*snapshot, *reload, options, now, history.get()),
                             options, metrics, float(width), float(height));
        if (options.mode == Mode::kiosk && glfwGetTime() - page_started >= options.cycle_seconds) {
            loop.ui.page_index = next_in_rotation(loop.ui.rotation, loop.ui.page_index);
            page_started = glfwGetTime();
            loop.frames_to_draw = std::max(loop.frames_to_draw, 1);
        }
        long long minute =
            std::chrono::duration_cast<std::chrono::minutes>(now.time_since_epoch()).count();
        bool dimmed = options.mode == Mode::kiosk && in_dim_period(options, now);
        std::uint64_t history_generation = history ? history->generation : 0;
        bool changed = snapshot->generation != last.generation || reload.get() != last.reload ||
                       minute != last.minute || width != last.width || height != last.height ||
                       dimmed != last.dimmed || history_generation != last.history;
        if (!changed && loop.frames_to_draw <= 0)
            continue;
        last = {snapshot->generation, reload.get(), minute, width, height, dimmed,
                history_generation};
        loop.frames_to_draw = std::max(loop.frames_to_draw - 1, 0);

        // A reload that brings new characters rebuilds the atlas here, between frames; the
        // feed's threads never wait for it (they serve their own snapshot).
        glyphs.update(snapshot, reload, history, options.feed_url, options.mode == Mode::desktop,
                      coverage);
        if (atlas.ensure(metrics, glyphs.characters)) {
            upload_font_texture(device_objects);
            apply_imgui_style(theme, metrics);
        }
        io.FontDefault = atlas.fonts().body;
        FrameContext context = make_context(*snapshot, *reload, options, now, history.get());
        context.cannot_draw = glyphs.cannot_draw;
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        std::optional<ImVec2> click;
        if (ImGui::IsMouseClicked(ImGuiMouseButton_Left))
            click = io.MousePos;
        ImVec2 shift = options.mode == Mode::kiosk ? burn_in_offset(now) : ImVec2{0, 0};
        float w = io.DisplaySize.x, h = io.DisplaySize.y;
        draw_frame(loop.ui, context, options, atlas.fonts(), theme, metrics, w, h,
                   {shift.x, shift.y, w, h}, nullptr, click);
        if (dimmed) // out of hours: a dark veil over everything, the clock still turning
            ImGui::GetForegroundDrawList()->AddRectFilled({0, 0}, {w, h}, IM_COL32(0, 0, 0, 225));
        ImGui::Render();
        glViewport(0, 0, width, height);
        glClearColor(theme.background.r / 255.0f, theme.background.g / 255.0f,
                     theme.background.b / 255.0f, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        glfwSwapBuffers(window);

        // The window title names the page (task bars, and scripts that drive a presentation).
        std::string title =
            page_title(shown_page(loop.ui), *snapshot->plan, false, changes_since(context)) +
            " \xE2\x80\x93 " + snapshot->plan->info.title;
        if (std::string counter = page_counter(loop.ui); !counter.empty())
            title += " \xE2\x80\x93 " + counter;
        if (title != window_title) {
            glfwSetWindowTitle(window, title.c_str());
            window_title = title;
        }
    }

    waker.detach();
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    return exit_code;
}

// [SECTION] Screenshots: one page into an off-screen framebuffer

namespace {

struct OffscreenTarget {
    GLuint framebuffer = 0;
    GLuint colour = 0;
    bool create(int width, int height) {
        glGenFramebuffers(1, &framebuffer);
        glBindFramebuffer(GL_FRAMEBUFFER, framebuffer);
        glGenRenderbuffers(1, &colour);
        glBindRenderbuffer(GL_RENDERBUFFER, colour);
        glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, width, height);
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, colour);
        return glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
    }
    ~OffscreenTarget() {
        if (colour)
            glDeleteRenderbuffers(1, &colour);
        if (framebuffer)
            glDeleteFramebuffers(1, &framebuffer);
    }
};

} // namespace

OffscreenRenderer::OffscreenRenderer()
    : atlas_(std::make_unique<FontAtlas>()), coverage_(std::make_unique<FontCoverage>()) {
    glfwSetErrorCallback(nullptr);
    if (!glfwInit()) {
        const char* description = nullptr;
        glfwGetError(&description);
        error_ = std::string("screenshots need a display for their OpenGL context (") +
                 (description ? description : "none found") + "; run under xvfb-run)";
        return;
    }
    set_gl_hints();
    glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
    window_ = glfwCreateWindow(64, 64, "actionboard screenshot", nullptr, nullptr);
    if (!window_) {
        error_ = "could not create an OpenGL 3.2 context for the screenshot";
        glfwTerminate();
    }
}

OffscreenRenderer::~OffscreenRenderer() {
    if (window_) {
        glfwDestroyWindow(window_);
        glfwTerminate();
    }
}

bool OffscreenRenderer::render(const LivePlan& live, const DashboardOptions& options,
                               const ScreenshotRequest& request, RenderedPage& out,
                               std::string& error) {
    if (!window_) {
        error = error_;
        return false;
    }
    auto snapshot = live.current();
    auto reload = live.state();
    auto history = history_of(options);
    auto page = parse_page(request.page);
    if (!page) {
        error = "--page \"" + request.page + "\" is not a page";
        out.bad_request = true;
        return false;
    }
    glfwMakeContextCurrent(window_);
    bool ok = true;
    {
        OffscreenTarget target;
        int width = request.width, height = request.height;
        if (!target.create(width, height)) {
            error = "could not create a " + std::to_string(width) + "x" + std::to_string(height) +
                    " off-screen framebuffer";
            ok = false;
        } else {
            IMGUI_CHECKVERSION();
            // The atlas outlives each page's context: a page of a new snapshot rebuilds it only
            // when the metrics or the characters changed, as the live window does.
            FontAtlas& atlas = *atlas_;
            ImGui::CreateContext(atlas.imgui_atlas());
            ImGuiIO& io = ImGui::GetIO();
            io.IniFilename = nullptr;
            io.LogFilename = nullptr;
            ImGui_ImplOpenGL3_Init(glsl_version);
            Theme theme = options.light_theme ? light_theme() : dark_theme();
            Metrics metrics = metrics_for(density_for(options.mode), float(width), float(height));
            std::vector<GlyphFinding> cannot_draw =
                undrawable_characters(*snapshot->plan, snapshot->view,
                                      [this](char32_t c) { return coverage_->can_draw(c); });
            auto started = std::chrono::steady_clock::now();
            bool rebuilt = atlas.ensure(metrics, characters_for(*snapshot, reload.get(),
                                                                history_strings(history.get()),
                                                                options.mode == Mode::desktop));
            double build_ms = std::chrono::duration<double, std::milli>(
                                  std::chrono::steady_clock::now() - started)
                                  .count();
            if (rebuilt)
                ++atlas_builds_;
            io.FontDefault = atlas.fonts().body;
            apply_imgui_style(theme, metrics);

            UiState state;
            state.mode = options.mode;
            FrameContext context = make_context(*snapshot, *reload, options,
                                                std::chrono::system_clock::now(), history.get());
            if (options.mode != Mode::desktop)
                refresh_rotation(state, context, options, metrics, float(width), float(height));
            bool history_page = page->kind == PageKind::changes || page->kind == PageKind::trend;
            if (history_page && !history) {
                error = "--page " + request.page +
                        ": a screenshot shows the history only with --history FILE";
                out.bad_request = true;
                ok = false;
            } else if (!select_page(state, *page, *snapshot->plan)) {
                error = "--page " + request.page + ": no such page in this plan at this size";
                if (history_page) // why the rotation has no such page
                    error += std::string(" (") +
                             (!history->status_line().empty() ? history->status_line()
                              : page->kind == PageKind::trend
                                  ? "the trend needs two recorded versions"
                                  : "no baseline: " + history->baseline.why_none) +
                             ")";
                out.bad_request = true;
                ok = false;
            }
            context.cannot_draw = cannot_draw;
            Sidecar sidecar;
            // A few frames: tables and windows settle their sizes over the first ones. Only the
            // last is rasterised (software OpenGL makes every draw count).
            constexpr int frames = 3;
            for (int frame = 0; frame < frames && ok; ++frame) {
                io.DisplaySize = {float(width), float(height)};
                io.DeltaTime = 1.0f / 60.0f;
                ImGui_ImplOpenGL3_NewFrame();
                ImGui::NewFrame();
                draw_frame(state, context, options, atlas.fonts(), theme, metrics, float(width),
                           float(height), {0, 0, float(width), float(height)}, &sidecar,
                           std::nullopt);
                ImGui::Render();
                if (frame < frames - 1)
                    continue;
                glViewport(0, 0, width, height);
                glClearColor(theme.background.r / 255.0f, theme.background.g / 255.0f,
                             theme.background.b / 255.0f, 1.0f);
                glClear(GL_COLOR_BUFFER_BIT);
                ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
            }
            if (ok) {
                // OpenGL's rows start at the bottom: read each into its place from the top.
                std::size_t row = std::size_t(width) * 4;
                out.rgba.resize(row * std::size_t(height));
                glPixelStorei(GL_PACK_ALIGNMENT, 1);
                for (int y = 0; y < height; ++y)
                    glReadPixels(0, height - 1 - y, width, 1, GL_RGBA, GL_UNSIGNED_BYTE,
                                 out.rgba.data() + std::size_t(y) * row);
                out.width = width;
                out.height = height;
                out.sidecar = {{"page", request.page},
                               {"page_title", page_title(shown_page(state), *snapshot->plan, false,
                                                         changes_since(context))},
                               {"mode", options.mode == Mode::kiosk     ? "kiosk"
                                        : options.mode == Mode::present ? "present"
                                                                        : "desktop"},
                               {"theme", options.light_theme ? "light" : "dark"},
                               {"width", width},
                               {"height", height},
                               {"fonts",
                                {{"label", metrics.label},
                                 {"body", metrics.body},
                                 {"heading", metrics.heading},
                                 {"headline", metrics.headline}}},
                               {"page_counter", page_counter(state)},
                               {"atlas",
                                {{"width", atlas.stats().width},
                                 {"height", atlas.stats().height},
                                 {"glyphs", atlas.stats().glyphs},
                                 {"rebuilt", rebuilt},
                                 {"builds", atlas_builds_},
                                 {"build_ms", build_ms}}},
                               {"cannot_draw", nlohmann::json::array()},
                               {"rotation", nlohmann::json::array()},
                               {"history", history_json(history.get(), state.rotation)},
                               {"items", sidecar.to_json()}};
                for (const Page& p : state.rotation)
                    out.sidecar["rotation"].push_back(page_id(p));
                for (const GlyphFinding& finding : cannot_draw)
                    out.sidecar["cannot_draw"].push_back(glyph_finding_json(finding));
            }
            ImGui_ImplOpenGL3_Shutdown();
            ImGui::DestroyContext();
        }
    }
    return ok;
}

int render_screenshot(const LivePlan& live, const DashboardOptions& options,
                      const ScreenshotRequest& request, std::string& error) {
    RenderedPage page;
    OffscreenRenderer renderer;
    if (!renderer.render(live, options, request, page, error))
        return page.bad_request ? 2 : 1;
    std::string png;
    try {
        png = encode_png(page.rgba.data(), page.width, page.height);
    } catch (const std::exception& failure) {
        error = "could not encode " + request.path + ": " + failure.what();
        return 1;
    }
    std::ofstream image(request.path, std::ios::binary | std::ios::trunc);
    image.write(png.data(), static_cast<std::streamsize>(png.size()));
    image.close();
    if (!image) {
        error = "could not write " + request.path;
        return 1;
    }
    std::ofstream out(request.path + ".json");
    out << page.sidecar.dump(1) << "\n";
    if (!out) {
        error = "could not write " + request.path + ".json";
        return 1;
    }
    return 0;
}

} // namespace actionboard::ui
