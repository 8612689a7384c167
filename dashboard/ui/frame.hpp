#pragma once
// One frame of the dashboard, for the live window and for screenshots alike: chooses the page,
// lays out the frame and calls the page's view. Runs between ImGui::NewFrame and ImGui::Render.

#include "canvas.hpp"
#include "dashboard.hpp"
#include "ui_state.hpp"

#include <optional>

namespace actionboard::ui {

Density density_for(Mode mode);

// Kiosk and present: rebuilds the page rotation for the rows that fit at this size, under the
// banners `context` shows.
void refresh_rotation(UiState& state, const FrameContext& context, const DashboardOptions& options,
                      const Metrics& metrics, float width, float height);

// Applies the keys the callbacks collected. Returns false when the user asked to exit.
bool apply_keys(UiState& state, const Snapshot& snapshot, const DashboardOptions& options);

void draw_frame(UiState& state, const FrameContext& context, const DashboardOptions& options,
                const FontSet& fonts, const Theme& theme, const Metrics& metrics, float width,
                float height, Rect screen, Sidecar* sidecar, std::optional<ImVec2> click);

// The baseline's label date ("29 Sep") for the changes page's title; empty without a baseline.
std::string changes_since(const FrameContext& context);
// What the history adds to the wall's rotation: the changes pages (with a baseline) and the
// trend (two versions at least).
HistoryOnWall history_on_wall(const FrameContext& context);

// "page X of Y" for the present mode, empty elsewhere.
std::string page_counter(const UiState& state);

// The current page in kiosk or present mode, or the desktop's.
Page current_page(const UiState& state);
// What is on screen: the recommendation opened over the current page, else the current page.
Page shown_page(const UiState& state);

// Applies --page to the state: "chapter:3" goes to the chapter's first slice. False when the
// plan has no such chapter or recommendation, or the rotation no such slice.
bool select_page(UiState& state, const Page& page, const Plan& plan);

void apply_imgui_style(const Theme& theme, const Metrics& metrics);

} // namespace actionboard::ui
