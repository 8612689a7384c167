#pragma once
// The dashboard's pages, one function each, drawn with the Canvas into rectangles from
// layout.hpp. They take const data and return what the user clicked; they keep no state.

#include "canvas.hpp"
#include "layout.hpp"
#include "pages.hpp"
#include "ui_state.hpp"

#include <chrono>
#include <optional>
#include <string>

namespace actionboard::ui {

struct Clicked {
    std::optional<int> chapter;
    std::optional<std::string> ref;
};

// [SECTION] Frame pieces shown on every page
void draw_header(Canvas& canvas, const Frame& frame, const FrameContext& context,
                 const std::string& page_title, const std::string& page_counter);
// `reported`: also the reported RAG's outlined badge and the disagreement mark.
void draw_legend(Canvas& canvas, const Frame& frame, int amber_days, bool reported = false);
int banner_lines(const FrameContext& context);
void draw_banners(Canvas& canvas, Rect rect, const FrameContext& context);
// The muted line that says the history cannot be used ("history unavailable: …", "history not
// recording: …"); empty when it is fine, off, or not known yet.
std::string history_line(const FrameContext& context);

// [SECTION] Pages
// `comparison`, on every page that takes one: the history's comparison with the baseline, for
// the direction-of-travel arrows (null: no baseline, no arrows).
// `paged`: the wall's overview slices; the desktop shows everything on one page.
Clicked draw_overview(Canvas& canvas, Rect content, const Snapshot& snapshot, const Page& page,
                      bool paged, const history::Comparison* comparison = nullptr);
// A chapter page on the wall: the rows chapter_wall() puts on `page` for `chapter_pages`.
Clicked draw_chapter(Canvas& canvas, Rect content, const Snapshot& snapshot, const Page& page,
                     int chapter_pages, const history::Comparison* comparison = nullptr);
// The chapter's summary, key points and local position; returns the rectangle left for the
// recommendations table (the desktop fills it with an interactive table).
Rect draw_chapter_context(Canvas& canvas, Rect content, const Snapshot& snapshot, int chapter,
                          const history::Comparison* comparison = nullptr);
// How many changes, how many exceptions, and the overall compliance's arrow and label (or why
// there is nothing to compare with), on one line (two when `narrow`). Returns the height used.
// Said where the list of changes would be when the baseline and now do not differ: a blank
// table under "No changes since …" reads as a drawing fault.
inline constexpr const char* no_changes_sentence =
    "Nothing to list: every recommendation, milestone, deadline and status is as it was then.";
float draw_changes_summary(Canvas& canvas, Rect rect, const history::HistoryState& history,
                           bool narrow);
// "Changes since …" on the wall: the changes changes_wall() puts on `page`, exceptions first,
// for `page_budget` pages.
void draw_changes(Canvas& canvas, Rect content, const history::HistoryState& history,
                  const Page& page, int page_budget);
// The trend: compliance (left axis) and overdue milestones (right axis), one point per
// recorded version, the committee meetings marked, the baseline ringed.
void draw_trend(Canvas& canvas, Rect content, const history::HistoryState& history);
void draw_deadlines(Canvas& canvas, Rect content, const Snapshot& snapshot);
// `cannot_draw`: the plan's characters the font lacks (undrawable_characters), shown in a panel
// of their own when there are any.
void draw_quality(Canvas& canvas, Rect content, const Snapshot& snapshot,
                  std::span<const GlyphFinding> cannot_draw);
void draw_recommendation(Canvas& canvas, Rect content, const Snapshot& snapshot,
                         std::string_view ref, const history::Comparison* comparison = nullptr);

// [SECTION] The history's words, shared with the desktop
// The comparison's chapter `number`, or null (no comparison, or new since the baseline).
const history::ComplianceChange* chapter_change(const history::Comparison* comparison, int number);
// The direction of recommendation `ref`'s RAG, or null (none, or new since the baseline).
const history::RecommendationDirection* rec_direction(const history::Comparison* comparison,
                                                      std::string_view ref);
// "was amber on 29 Sep": what a recommendation's arrow compares with.
std::string rec_direction_label(const history::RecommendationDirection& direction,
                                const history::Comparison& comparison);
// "29 Sep": the baseline's label date as "since" names it.
std::string since_text(const history::Comparison& comparison);
// "first seen 22 Sep" for a change.
std::string first_seen_text(const history::HistoryState& history, const history::Change& change);
// Every string the history's views can draw, for the font atlas.
std::string history_strings(const history::HistoryState* history);

// Text helpers shared with the desktop tables.
std::string short_date(Date date); // "31 Jul 2009"
// A moment in local time by strftime's `format` ("%H:%M": "14:05"), as the header's clock.
std::string format_time(std::chrono::system_clock::time_point when, const char* format);
std::string next_milestone_text(const Snapshot& snapshot, std::size_t rec_index);
std::string lead_text(const Snapshot& snapshot, std::size_t rec_index);
std::vector<std::string> block_items(const Blocks& blocks); // lists flattened to "– item"
std::string one_line(const Blocks& blocks);                 // paragraphs and items joined by spaces

// The reported RAG (docs/rag.md), shown only for a plan that gives any.
bool reports_rag(const Snapshot& snapshot);
// Beside a computed RAG badge of height `h`: the recommendation's reported RAG as an outlined
// badge and, when the two disagree, the disagreement mark. Nothing when it has none. Returns
// the box drawn (zero wide when nothing).
Rect draw_reported_rag(Canvas& canvas, float x, float y, float h, const Snapshot& snapshot,
                       std::size_t rec_index);
float reported_rag_width(const Canvas& canvas, float h); // the widest draw_reported_rag draws

} // namespace actionboard::ui
