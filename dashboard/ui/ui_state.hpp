#pragma once
// Everything the dashboard remembers between frames, owned by the app loop and passed to the
// views explicitly (no statics, no globals).

#include "dashboard.hpp"
#include "pages.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace actionboard::ui {

struct TableFilters {
    int chapter = 0;    // 0: all
    int status = -1;    // -1: all, else Status
    int rag = -1;       // -1: all, else Rag
    std::string lead;   // empty: all
    std::array<char, 128> search{};
};

struct UiState {
    Mode mode = Mode::desktop;
    std::vector<Page> rotation;     // kiosk and present
    int page_index = 0;
    double page_shown_at = 0;       // seconds (glfwGetTime) when the page appeared
    Page desktop_page;              // desktop
    std::optional<std::string> open_ref; // a recommendation opened from a page (desktop, present)
    TableFilters filters;
    std::vector<NavKey> pending_keys; // from the key callback, applied before the next frame
    bool escape_pressed = false;
    bool exit_requested = false;
    std::uint64_t shown_generation = 0;
};

// What the loop knows about this frame, for the views.
struct FrameContext {
    const Snapshot* snapshot = nullptr;
    const ReloadState* reload = nullptr;
    std::string clock;        // "21:14"
    std::string data_updated; // "22 Nov 2026 20:41"
    std::string loaded_at;    // "20:41"
    bool stale = false;
    int stale_days = 14;
    std::string feed_url;
};

} // namespace actionboard::ui
