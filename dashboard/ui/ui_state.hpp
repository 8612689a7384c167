#pragma once
// Everything the dashboard remembers between frames, owned by the app loop and passed to the
// views explicitly (no statics, no globals).

#include "dashboard.hpp"
#include "dashboard/core/plan_text.hpp"
#include "dashboard/history/history.hpp"
#include "pages.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace actionboard::ui {

struct TableFilters {
    int chapter = 0;    // 0: all
    int status = -1;    // -1: all, else Status
    int rag = -1;       // -1: all, else Rag
    std::string lead;   // empty: all
    bool disagreements_only = false; // reported RAG disagreeing with the computed one
    std::array<char, 128> search{};
};

// A key as the dashboard understands it, from the keyboard or a clicker (keys.hpp says what each
// does in each mode).
// clang-format off
enum class Key {
    next,     // → PgDn Space ↓
    previous, // ← PgUp Backspace ↑
    home,
    digit1, digit2, digit3, digit4, digit5, digit6, digit7, digit8, digit9,
    escape,
    start_overview, // F5
    start_here,     // Shift+F5
    black,          // B or .
    white,          // W or ,
    quit,           // Ctrl+Q
    other,          // any other key (it still returns from a blank screen)
};
// clang-format on

// Present mode's blank screen (slide software's B and W).
enum class Blank { none, black, white };

struct UiState {
    Mode mode = Mode::desktop;
    std::vector<Page> rotation;     // kiosk and present
    int page_index = 0;
    double page_shown_at = 0;       // seconds (glfwGetTime) when the page appeared
    Page desktop_page;              // desktop
    std::optional<std::string> open_ref; // a recommendation opened from a page (desktop, present)
    TableFilters filters;
    std::vector<Key> pending_keys; // from the key callback, applied before the next frame
    Blank blank = Blank::none;     // present: the screen is blacked or whited out
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
    // The plan's characters the font cannot draw (for the data-quality page).
    std::span<const GlyphFinding> cannot_draw;
    // The history (arrows, changes, trend); null when there is none to show.
    const history::HistoryState* history = nullptr;

    // The comparison with the baseline, when there is one: arrows and the changes pages.
    const history::Comparison* comparison() const {
        return history && history->comparison ? &*history->comparison : nullptr;
    }
};

} // namespace actionboard::ui
