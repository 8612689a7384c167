#pragma once
// What the keys do, whatever sent them: a keyboard or a presentation clicker. Pure, so every
// key is unit-tested without a window; dashboard.cpp only turns GLFW key events into Key.
//
// Present mode follows slide software, and no single key ends it: a clicker's start button
// sends F5 and Esc in turn (Logitech R400 and the like), and Esc must not take the dashboard
// and its feed down in front of the committee.
//
// Present mode:
// - → PgDn Space ↓: next page; ← PgUp Backspace ↑: previous page; Home: the overview; 1–9:
//   chapter N (docs/dashboard.md; pages.hpp's navigate()).
// - Esc: closes the open recommendation, else returns to the overview.
// - F5: resumes at the overview; Shift+F5: resumes at the current page.
// - B or .: black screen; W or ,: white screen. On a blank screen any key (or a click) returns
//   to the page and does nothing else.
// - Ctrl+Q: quits, also from a blank screen.
// Kiosk: no key does anything; Esc and Ctrl+Q quit only with --allow-exit.
// Desktop: Esc closes the open recommendation; Ctrl+Q quits.
// Closing the window quits in every mode (the window manager's close, e.g. Alt+F4).

#include "ui_state.hpp"

namespace actionboard::ui {

// Apply one key to the state. Returns false when the key quits the program. `rotation` and
// `page_index` in `state` are the present mode's pages; `plan` numbers the chapters for 1–9.
bool apply_key(UiState& state, Key key, const DashboardOptions& options, const Plan& plan);

} // namespace actionboard::ui
