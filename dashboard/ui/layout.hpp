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
Frame frame_layout(Rect screen, const Metrics& m, int banner_lines);

struct Grid {
    int columns = 1;
    int rows = 1;
    std::vector<Rect> cells;
};
// `count` cells of equal size filling `area`, choosing the column count whose cells come
// closest to `aspect` (width / height): 4×2 on a landscape screen, 2×4 on a portrait one.
Grid grid_layout(Rect area, int count, float gap, float aspect);

struct OverviewLayout {
    // 1 when figures and tiles fit one screen. Otherwise the figures get the first slice and
    // the tiles as many more as keep every tile legible (portrait screens, long plans).
    int slices = 1;
    std::vector<Rect> figures; // headline figures (none on tile slices)
    Grid tiles;                // this slice's tiles
    int first_tile = 0;        // index of the chapter drawn in tiles.cells[0]
};
// The smallest tile that still shows a title, the compliance bar and the RAG counts.
float minimum_tile_height(const Metrics& m);
OverviewLayout overview_layout(Rect content, const Metrics& m, int figure_count, int chapter_count,
                               int slice = 0);

struct ChapterLayout {
    Rect title;
    Rect key_points;
    Rect position;
    Rect table;
    float header_height = 0;
    float row_height = 0;
    int rows_per_page = 1;
    bool stacked_rows = false; // narrow screens: the text goes under the row's other cells
};
ChapterLayout chapter_layout(Rect content, const Metrics& m);

struct DeadlinesLayout {
    Rect timeline;
    Rect overdue;
    Rect due_soon;
};
DeadlinesLayout deadlines_layout(Rect content, const Metrics& m);

struct QualityLayout {
    Rect no_timescale;
    Rect no_lead;
    Rect cannot_draw; // empty unless asked for: the characters the font cannot draw
};
// With `cannot_draw`, a third panel takes the lower half of the second column (landscape) or the
// bottom third (portrait).
QualityLayout quality_layout(Rect content, const Metrics& m, bool cannot_draw = false);

// How many pages a list of `rows` needs at `rows_per_page` (at least one).
int pages_needed(int rows, int rows_per_page);

} // namespace actionboard::ui
