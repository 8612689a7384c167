#pragma once
// Page layout as pure functions of the screen and the font metrics: rectangles only, no ImGui,
// so the invariants (inside the screen, no overlap) are unit-tested at every size.

#include <string>
#include <vector>

namespace actionboard::ui {

struct Rect {
    float x = 0, y = 0, w = 0, h = 0;
    float right() const { return x + w; }
    float bottom() const { return y + h; }
    bool contains(const Rect& other, float tolerance = 0.5f) const;
    bool overlaps(const Rect& other) const; // interiors intersect
    Rect inset(float by) const { return {x + by, y + by, w - 2 * by, h - 2 * by}; }
    Rect inset(float dx, float dy) const { return {x + dx, y + dy, w - 2 * dx, h - 2 * dy}; }
};

// Pixel sizes of the fonts and spacing, all derived from the screen.
struct Metrics {
    float label = 13;    // smallest text: legends, captions
    float body = 16;     // table rows and lists
    float heading = 22;  // page and tile titles
    float headline = 60; // the big figures
    float pad = 8;       // inside boxes
    float gap = 10;      // between boxes
    float line(float font) const { return font * 1.25f; }
};

enum class Density { wall, desktop };

// Kiosk and present (wall): the smallest text is at least 1/40 of the screen height and the
// headline figures at least 1/10. Desktop scales with the window instead.
Metrics metrics_for(Density density, float width, float height);

struct Frame {
    int header_rows = 2; // page title and clock; plan and dates (split in two when narrow)
    int legend_lines = 1;
    Rect header;
    Rect banner; // zero height when no banner is shown
    Rect content;
    Rect legend;
};
// `reported_legend`: the legend also explains the reported RAG and the disagreement mark.
Frame frame_layout(Rect screen, const Metrics& m, int banner_lines, bool reported_legend = false);

struct Grid {
    int columns = 1;
    int rows = 1;
    std::vector<Rect> cells;
};
// `count` cells of equal size filling `area`, choosing the column count whose cells come
// closest to `aspect` (width / height): 4×2 on a landscape screen, 2×4 on a portrait one.
Grid grid_layout(Rect area, int count, float gap, float aspect);

struct OverviewLayout {
    // 1 when figures and tiles fit one screen. Otherwise the figures and the tiles that fit
    // under them get the first slice, and the other tiles as many more as keep every tile
    // legible (portrait screens, long plans).
    int slices = 1;
    std::vector<Rect> figures;  // headline figures (none on tile slices)
    bool figure_rows = false;   // one figure a row, its caption beside the number (portrait)
    int caption_lines = 1;      // 2 when the figures share one row only with their captions wrapped
    Grid tiles;                 // this slice's tiles: their cells, at most this high
    int first_tile = 0;         // index of the chapter drawn in tiles.cells[0]
    bool compact_tiles = false; // portrait: one column of tiles sized to their content, no
                                // local position
};
// A chapter tile's parts, from the top: its title (bold body text, up to two lines) with the
// chapter's worst RAG; its RAG mix as a stacked bar with the compliance beside it; its counts
// as badges; then (landscape) the local position's first bullets in what is left.
// `direction_line`: with a baseline, a line for the compliance's change ("+9 since 7 Jul") under
// the bar, where the row beside the bar has no room for it (docs/history.md).
float tile_spacing(const Metrics& m);
float tile_height(const Metrics& m, int title_lines,
                  bool direction_line = false); // without the local position
// The smallest tile that still shows a two-line title, the bar and the counts.
float minimum_tile_height(const Metrics& m, bool direction_line = false);
// `paged` (kiosk, present): slices as above. The desktop has one page: the figures in a row
// and every tile in a grid below, however small. `direction_lines`: tiles have the line for
// the compliance's change (there is a baseline).
OverviewLayout overview_layout(Rect content, const Metrics& m, int figure_count, int chapter_count,
                               int slice = 0, bool paged = true, bool direction_lines = false);

struct ChapterLayout {
    Rect title;
    Rect key_points; // the chapter's first page only: zero height on later pages
    Rect position;
    Rect table;
    float header_height = 0;
    float row_height = 0;
    int rows_per_page = 1;
    bool stacked_rows = false; // narrow screens: the text goes under the row's other cells
    // Dense rows (a long chapter on the wall): one line of label-size text (at least 1/40 of the
    // screen height), two when stacked, instead of two lines of body text (three when stacked).
    bool dense = false;
    int row_lines() const { return stacked_rows ? (dense ? 2 : 3) : (dense ? 1 : 2); }
};
// A chapter page: the key points and the local position above the table on its first page
// only; later pages give that height to rows.
ChapterLayout chapter_layout(Rect content, const Metrics& m, bool first_page = true,
                             bool dense = false);

// How many recommendation rows a chapter page holds at this size.
struct ChapterRows {
    int first = 1;       // the first page, under the key points and local position
    int later = 1;       // later pages
    int first_dense = 1; // the same with dense rows
    int later_dense = 1;
    int on_page(int page, bool dense) const {
        return page == 0 ? (dense ? first_dense : first) : (dense ? later_dense : later);
    }
};
ChapterRows chapter_rows(Rect content, const Metrics& m);
// The rows of a chapter's wall pages when `context`: its first page has the key points and
// local position boxes. A chapter with neither gets no boxes on the wall (two boxes saying
// "No … recorded" took a quarter of the page from its rows): its first page holds as many rows
// as a later one.
inline ChapterRows chapter_rows_for(const ChapterRows& rows, bool context) {
    return context ? rows : ChapterRows{rows.later, rows.later, rows.later_dense, rows.later_dense};
}

struct DeadlinesLayout {
    Rect timeline;
    Rect overdue;
    Rect due_soon;
};
DeadlinesLayout deadlines_layout(Rect content, const Metrics& m);

// "Changes since …" on the wall: a summary line, the column names, fixed rows (so the rotation
// counts the pages drawn), and a foot line for "and N more" on the last page. A row holds a
// change's description on up to two lines with "first seen" beside it; on a narrow screen the
// "first seen" goes on a third line under the description.
struct ChangesLayout {
    Rect summary;
    Rect header;
    Rect rows;
    Rect foot;
    float row_height = 0;
    int rows_per_page = 1;
    bool narrow = false;
    int row_lines() const { return narrow ? 3 : 2; }
};
ChangesLayout changes_layout(Rect content, const Metrics& m);

// The trend page: a summary line, the chart (axes, points, meeting ticks and their dates), and
// a legend line under it.
struct TrendLayout {
    Rect summary;
    Rect chart;
    Rect legend;
    int summary_lines = 1; // two on a narrow screen
    int legend_lines = 1;
};
TrendLayout trend_layout(Rect content, const Metrics& m);

struct QualityLayout {
    Rect no_timescale;
    Rect no_lead;
    Rect cannot_draw; // empty unless asked for: the characters the font cannot draw
};
// With `cannot_draw`, a third panel takes the lower half of the second column (landscape) or the
// bottom third (portrait).
QualityLayout quality_layout(Rect content, const Metrics& m, bool cannot_draw = false);

} // namespace actionboard::ui
