#pragma once
// The pages a mode shows and how to move between them: pure, so rotation, pagination and the
// presenter's keys are unit-tested without a window.

#include "dashboard/core/plan.hpp"
#include "dashboard/core/view.hpp"
#include "dashboard/history/compare.hpp"
#include "layout.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace actionboard::ui {

// `changes` and `trend` come from the history (docs/history.md): "Changes since …" (split into
// slices like a chapter) and the trend chart.
enum class PageKind {
    overview,
    chapter,
    deadlines,
    quality,
    recommendation,
    recommendations,
    changes,
    trend
};

struct Page {
    Page() = default;
    Page(PageKind kind_, int chapter_ = 0, int slice_ = 0, int slices_ = 1, std::string ref_ = {})
        : kind(kind_), chapter(chapter_), slice(slice_), slices(slices_), ref(std::move(ref_)) {}
    PageKind kind = PageKind::overview;
    int chapter = 0; // chapter pages
    int slice = 0;   // chapter (and changes) pages split across several: 0-based slice
    int slices = 1;
    std::string ref; // recommendation pages: the ref as typed ("3a"), matched with same_ref()
    bool operator==(const Page&) const = default;
};

// "overview", "chapter:3", "deadlines", "quality", "changes", "trend", "rec:12", "rec:3a";
// nullopt if malformed (a ref must pass ref_problem()). A slice of a split page is written
// "chapter:5/2", "overview/2" or "changes/2" (1-based), as page_id writes it.
std::optional<Page> parse_page(std::string_view text);
std::string page_id(const Page& page); // the inverse: "chapter:3" (slices as "chapter:3/2")
// "Chapter 3 · Support for Children (1 of 2)"; compact: "3 · Support for Children (1/2)".
// `changes_since`: the baseline's label date for the changes page ("Changes since 29 Sep").
std::string page_title(const Page& page, const Plan& plan, bool compact = false,
                       std::string_view changes_since = {});

// How one chapter is shown on the wall (kiosk and present), exception-first: red, then amber,
// then the rest (green, no due date, complete), each in plan order. The key points and the
// local position take the top of the first page only. A chapter gets at most `page_budget`
// pages. When its recommendations do not fit there at the normal row height, pages switch to
// dense rows, the first page first, until they fit. When they do not fit even all dense, every
// red and amber one is shown (on more pages if need be), the others as many as fit, and those
// left out are counted on a line at the foot of the last page. The desktop and the feed list
// every one.
struct WallPage {
    std::vector<int> rows; // positions in the chapter's list
    bool dense = false;
};
struct ChapterWall {
    std::vector<WallPage> pages;
    // Left out, by RAG: never red or amber, nor one whose reported RAG disagrees.
    std::array<int, rag_count> hidden{};
    int hidden_total() const;
};
// One recommendation as its chapter's wall pages see it. `disagrees`: its reported RAG (the
// officer's) differs from the computed one. Such a one is an exception like red and amber:
// always shown, after them and before the rest, since a committee most needs to see it
// (issue 11; docs/dashboard.md).
struct WallRow {
    Rag rag = Rag::none;
    bool disagrees = false;
};
// `recommendations`: the chapter's, in its (plan) order.
ChapterWall chapter_wall(const std::vector<WallRow>& recommendations, const ChapterRows& rows,
                         int page_budget);
// The same for a chapter whose reported RAGs all agree or are absent.
ChapterWall chapter_wall(const std::vector<Rag>& rags, const ChapterRows& rows, int page_budget);
// Whether `chapter` has key points or a local position: only then does the wall draw their
// boxes on its first page (chapter_rows_for).
inline bool has_wall_context(const Chapter& chapter) {
    return !chapter.key_points.empty() || !chapter.local_position.empty();
}
// Each recommendation of the plan's chapter `chapter_index`, in plan order.
std::vector<WallRow> chapter_wall_rows(const PlanView& view, std::size_t chapter_index);

// The "Changes since …" pages on the wall: `rows_per_page` changes a page (in their order,
// exceptions first), at most `page_budget` pages (--chapter-pages), more when the exceptions
// need them: like red and amber recommendations, every exception is shown. The least pressing
// changes that do not fit are counted in `left_out` (the last page says so). At least one
// page, which says "No changes since …" when there are none.
history::ChangePages changes_wall(std::size_t count, std::size_t exceptions, int rows_per_page,
                                  int page_budget);

// What the history adds to the rotation.
struct HistoryPages {
    int changes = 0;    // "Changes since …" pages: 0 when there is no baseline
    bool trend = false; // the trend chart: two versions recorded at least
};
// What the history holds, as far as the rotation needs it.
struct HistoryOnWall {
    bool comparison = false; // a baseline: the changes pages are shown
    std::size_t changes = 0;
    std::size_t exceptions = 0;
    std::size_t trend_points = 0;
};

// The sequence kiosk and present modes step through: the overview (in `overview_slices`
// slices), the changes since the last committee and the trend (when the history has them),
// each chapter's pages (chapter_wall), deadlines, data quality.
std::vector<Page> rotation(const Plan& plan, const PlanView& view, const ChapterRows& rows,
                           int chapter_pages, int overview_slices = 1, HistoryPages history = {});
// The overview's headline figures: five, and a sixth (the reported RAGs that disagree) for a
// plan that gives reported RAGs.
int overview_figures(const PlanView& view);
// The same for a screen whose content area is `content`: what the kiosk rotates through.
std::vector<Page> wall_rotation(const Plan& plan, const PlanView& view, Rect content,
                                const Metrics& m, int chapter_pages,
                                const HistoryOnWall& history = {});

// Index of the first slice of a chapter, or of a page of that kind; 0 when absent.
int index_of_chapter(const std::vector<Page>& pages, int chapter_number);
int index_of(const std::vector<Page>& pages, PageKind kind);

enum class NavKey {
    next,
    previous,
    home,
    digit1,
    digit2,
    digit3,
    digit4,
    digit5,
    digit6,
    digit7,
    digit8,
    digit9
};

// The presenter's keys: forward and back stop at the ends (no wrap: a chair who presses once
// too often stays on the last page), Home goes to the overview, a digit jumps to that chapter.
int navigate(const std::vector<Page>& pages, int current, NavKey key, const Plan& plan);

// Kiosk rotation: the next page, wrapping.
int next_in_rotation(const std::vector<Page>& pages, int current);

} // namespace actionboard::ui
