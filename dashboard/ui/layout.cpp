#include "layout.hpp"

#include <algorithm>
#include <cmath>

namespace actionboard::ui {

bool Rect::contains(const Rect& other, float tolerance) const {
    return other.x >= x - tolerance && other.y >= y - tolerance &&
           other.right() <= right() + tolerance && other.bottom() <= bottom() + tolerance;
}

bool Rect::overlaps(const Rect& other) const {
    return x < other.right() && other.x < right() && y < other.bottom() && other.y < bottom();
}

Metrics metrics_for(Density density, float width, float height) {
    Metrics m;
    if (density == Density::wall) {
        // Portrait screens have less width per line: size from the height, but never let a
        // body line hold fewer than about 40 characters.
        float base = height / 36.0f;
        float width_cap = width / 22.0f;
        m.body = std::floor(std::max(height / 40.0f, std::min(base, width_cap)));
        m.label = std::ceil(height / 40.0f);
        m.body = std::max(m.body, m.label);
        m.heading = std::floor(m.body * 1.3f);
        m.headline = std::ceil(std::max(height / 10.0f, m.body * 2.5f));
    } else {
        // A tall, narrow window (a desktop on a portrait monitor) sizes from its width too.
        m.body = std::floor(std::clamp(std::min(height / 52.0f, width / 40.0f), 13.0f, 40.0f));
        m.label = std::floor(m.body * 0.9f);
        m.heading = std::floor(m.body * 1.3f);
        m.headline = std::floor(m.body * 2.6f);
    }
    m.pad = std::floor(m.body * 0.45f);
    m.gap = std::floor(m.body * 0.6f);
    return m;
}

Frame frame_layout(Rect screen, const Metrics& m, int banner_lines, bool reported_legend) {
    Frame frame;
    float margin = m.gap;
    float x = screen.x + margin, w = screen.w - 2 * margin;
    // On a narrow screen the plan's name and its dates get a row each. The legend's five
    // entries take about 41 label-heights of width (57 with the reported RAG's two); wrap them
    // rather than cut them.
    bool narrow = w < m.label * 48;
    frame.header_rows = narrow ? 3 : 2;
    float legend_w = reported_legend ? 57.0f : 41.0f;
    frame.legend_lines = std::max(1, int(std::ceil(m.label * legend_w / w)));
    float header_h = m.line(m.heading) + float(frame.header_rows - 1) * m.line(m.label) + 2 * m.pad;
    float legend_h = float(frame.legend_lines) * m.line(m.label) +
                     float(frame.legend_lines - 1) * m.pad * 0.5f + 2 * m.pad;
    float banner_h = banner_lines > 0 ? banner_lines * m.line(m.body) + 2 * m.pad : 0.0f;
    frame.header = {x, screen.y + margin, w, header_h};
    float y = frame.header.bottom() + (banner_h > 0 ? m.gap : 0.0f);
    frame.banner = {x, y, w, banner_h};
    frame.legend = {x, screen.bottom() - margin - legend_h, w, legend_h};
    float content_top = frame.banner.bottom() + m.gap;
    frame.content = {x, content_top, w, std::max(0.0f, frame.legend.y - m.gap - content_top)};
    return frame;
}

Grid grid_layout(Rect area, int count, float gap, float aspect) {
    Grid best;
    count = std::max(count, 1);
    float best_score = -1;
    for (int columns = 1; columns <= count; ++columns) {
        int rows = (count + columns - 1) / columns;
        float w = (area.w - gap * float(columns - 1)) / float(columns);
        float h = (area.h - gap * float(rows - 1)) / float(rows);
        if (w <= 0 || h <= 0)
            continue;
        // Closeness of the cell's shape to the wanted one, penalising empty cells.
        float shape = std::min(w / h, aspect) / std::max(w / h, aspect);
        float fill = float(count) / float(rows * columns);
        float score = shape * fill;
        if (score > best_score) {
            best_score = score;
            best.columns = columns;
            best.rows = rows;
        }
    }
    float w = (area.w - gap * float(best.columns - 1)) / float(best.columns);
    float h = (area.h - gap * float(best.rows - 1)) / float(best.rows);
    for (int i = 0; i < count; ++i) {
        int column = i % best.columns, row = i / best.columns;
        best.cells.push_back(
            {area.x + float(column) * (w + gap), area.y + float(row) * (h + gap), w, h});
    }
    return best;
}

float tile_spacing(const Metrics& m) {
    return m.pad * 0.4f;
}

float tile_height(const Metrics& m, int title_lines, bool direction_line) {
    return 2 * m.pad + float(title_lines) * m.line(m.body) + tile_spacing(m) + m.line(m.label) +
           tile_spacing(m) + m.line(m.body) +
           (direction_line ? m.line(m.label) + tile_spacing(m) : 0.0f);
}

float minimum_tile_height(const Metrics& m, bool direction_line) {
    return tile_height(m, 2, direction_line);
}

namespace {
std::vector<Rect> figure_rects(Rect area, const Metrics& m, int count, int rows, float height) {
    std::vector<Rect> figures;
    int per_row = (count + rows - 1) / std::max(rows, 1);
    float w = (area.w - m.gap * float(per_row - 1)) / float(std::max(per_row, 1));
    for (int i = 0; i < count; ++i) {
        int row = i / per_row, column = i % per_row;
        figures.push_back({area.x + float(column) * (w + m.gap),
                           area.y + float(row) * (height + m.gap), w, height});
    }
    return figures;
}

// How many tiles fit `area` at a legible size: a grid (landscape) or one column of tiles of
// the minimum height (portrait), at most `limit`.
int tiles_fitting(Rect area, const Metrics& m, bool column, float aspect, int limit,
                  bool direction_line) {
    float minimum = minimum_tile_height(m, direction_line);
    if (area.h < minimum)
        return 0;
    if (column)
        return std::min(limit, int((area.h + m.gap) / (minimum + m.gap)));
    int fit = 0;
    for (int count = 1; count <= limit; ++count) {
        Grid grid = grid_layout(area, count, m.gap, aspect);
        if (grid.cells.empty() || grid.cells.front().h < minimum)
            break;
        fit = count;
    }
    return fit;
}

Grid tile_cells(Rect area, const Metrics& m, bool column, float aspect, int per_slice, int count,
                bool direction_line) {
    if (!column) {
        Grid grid = grid_layout(area, per_slice, m.gap, aspect);
        grid.cells.resize(std::size_t(std::max(count, 0)));
        return grid;
    }
    Grid grid;
    grid.columns = 1;
    grid.rows = count;
    float h = minimum_tile_height(m, direction_line);
    for (int i = 0; i < count; ++i)
        grid.cells.push_back({area.x, area.y + float(i) * (h + m.gap), area.w, h});
    return grid;
}
} // namespace

OverviewLayout overview_layout(Rect content, const Metrics& m, int figure_count, int chapter_count,
                               int slice, bool paged, bool direction_lines) {
    OverviewLayout layout;
    chapter_count = std::max(chapter_count, 0);
    bool portrait = paged && content.h > content.w;
    // Figures: on a portrait screen one a row, the caption beside the number, when they all
    // fit so; otherwise as many a row as keep a caption whole ("Due within 30 days" and its
    // badge take about 12 label-heights), one row when wide.
    float row_figure_h = m.headline * 1.02f + m.pad;
    float rows_h = float(figure_count) * row_figure_h + float(figure_count - 1) * m.gap;
    layout.figure_rows = portrait && rows_h <= content.h;
    int per_row = layout.figure_rows ? 1
                                     : std::clamp(int(content.w / (m.label * 12.5f)), 1,
                                                  std::max(figure_count, 1));
    // Six figures (a plan with reported RAGs) take one row of a 16:9 screen, and three rows of
    // two in portrait, only with their captions on two lines: a line more rather than a row
    // more. As many a row as still hold the longest caption word ("Recommendations", about 9.2
    // label-heights) whole.
    for (int p = figure_count; !layout.figure_rows && p > per_row; --p) {
        float inner = (content.w - float(p - 1) * m.gap) / float(p) - 2 * m.pad;
        if (inner >= m.label * 9.2f) {
            per_row = p;
            layout.caption_lines = 2;
            break;
        }
    }
    int rows = (figure_count + per_row - 1) / per_row;
    float figure_h =
        layout.figure_rows
            ? row_figure_h
            : m.headline * 1.02f + float(layout.caption_lines) * m.line(m.label) + 2 * m.pad;
    float figures_h = float(rows) * figure_h + float(rows - 1) * m.gap;

    // Tiles: a grid in landscape; one column of compact tiles in portrait, where a grid's
    // narrow tiles cut every title to a few letters.
    layout.compact_tiles = portrait;
    float aspect = 2.0f;
    Rect below{content.x, content.y + figures_h + m.gap, content.w,
               std::max(0.0f, content.h - figures_h - m.gap)};
    if (!paged) {
        layout.figures = figure_rects(content, m, figure_count, rows, figure_h);
        if (chapter_count > 0)
            layout.tiles = grid_layout(below, chapter_count, m.gap, aspect);
        return layout;
    }
    int first_fit = tiles_fitting(below, m, portrait, aspect, chapter_count, direction_lines);
    int later_fit =
        std::max(1, tiles_fitting(content, m, portrait, aspect, chapter_count, direction_lines));
    if (first_fit >= chapter_count) {
        layout.slices = 1;
    } else {
        layout.slices = 1 + (chapter_count - first_fit + later_fit - 1) / later_fit;
    }
    if (slice == 0) {
        layout.figures = figure_rects(content, m, figure_count, rows, figure_h);
        int count = std::min(first_fit, chapter_count);
        if (count > 0)
            layout.tiles = tile_cells(below, m, portrait, aspect, count, count, direction_lines);
        return layout;
    }
    layout.first_tile = std::min(chapter_count, first_fit + (slice - 1) * later_fit);
    int count = std::min(later_fit, chapter_count - layout.first_tile);
    layout.tiles = tile_cells(content, m, portrait, aspect, later_fit, count, direction_lines);
    return layout;
}

ChapterLayout chapter_layout(Rect content, const Metrics& m, bool first_page, bool dense) {
    ChapterLayout layout;
    layout.stacked_rows = content.w < m.body * 40;
    // The chapter's counts: one row, or on a narrow screen the words above the RAG badges.
    float title_h = layout.stacked_rows ? 2 * m.line(m.body) + m.pad : m.line(m.heading) + m.pad;
    layout.title = {content.x, content.y, content.w, title_h};
    float top = layout.title.bottom() + m.gap;
    bool portrait = content.h > content.w;
    float table_top = top;
    if (first_page) {
        // Key points and the local position side by side, above the recommendations table.
        // They get about a third of the height; the table gets the rest.
        float context_h = std::floor((content.bottom() - top) * (portrait ? 0.30f : 0.36f));
        float half = (content.w - m.gap) / 2;
        layout.key_points = {content.x, top, half, context_h};
        layout.position = {content.x + half + m.gap, top, half, context_h};
        table_top = top + context_h + m.gap;
    } else {
        layout.key_points = {content.x, top, 0, 0};
        layout.position = {content.x, top, 0, 0};
    }
    layout.table = {content.x, table_top, content.w, std::max(0.0f, content.bottom() - table_top)};
    layout.header_height = m.line(m.label) + m.pad;
    // Two lines of recommendation text per row. On a narrow screen a row is three lines: ref,
    // status, RAG and due date; the text, cut to one line; the lead. Dense rows are one line of
    // label text (two when stacked: the lead is left out).
    layout.dense = dense;
    float line = dense ? m.line(m.label) : m.line(m.body);
    layout.row_height = float(layout.row_lines()) * line + (dense ? m.pad * 0.8f : m.pad);
    layout.rows_per_page =
        std::max(1, int((layout.table.h - layout.header_height) / layout.row_height));
    return layout;
}

ChapterRows chapter_rows(Rect content, const Metrics& m) {
    ChapterRows rows;
    rows.first = chapter_layout(content, m, true, false).rows_per_page;
    rows.later = chapter_layout(content, m, false, false).rows_per_page;
    rows.first_dense = chapter_layout(content, m, true, true).rows_per_page;
    rows.later_dense = chapter_layout(content, m, false, true).rows_per_page;
    return rows;
}

DeadlinesLayout deadlines_layout(Rect content, const Metrics& m) {
    DeadlinesLayout layout;
    float timeline_h = std::floor(content.h * 0.40f);
    layout.timeline = {content.x, content.y, content.w, timeline_h};
    float top = layout.timeline.bottom() + m.gap;
    float h = std::max(0.0f, content.bottom() - top);
    bool portrait = content.h > content.w;
    if (portrait) {
        float half = (h - m.gap) / 2;
        layout.overdue = {content.x, top, content.w, half};
        layout.due_soon = {content.x, top + half + m.gap, content.w, half};
    } else {
        float half = (content.w - m.gap) / 2;
        layout.overdue = {content.x, top, half, h};
        layout.due_soon = {content.x + half + m.gap, top, half, h};
    }
    return layout;
}

ChangesLayout changes_layout(Rect content, const Metrics& m) {
    ChangesLayout layout;
    layout.narrow = content.w < m.body * 40; // as chapter rows stack
    float summary_h = float(layout.narrow ? 2 : 1) * m.line(m.body) + m.pad;
    layout.summary = {content.x, content.y, content.w, summary_h};
    float header_h = m.line(m.label) + m.pad * 0.5f;
    layout.header = {content.x, layout.summary.bottom(), content.w, header_h};
    float foot_h = m.line(m.label) + m.pad * 0.5f;
    layout.foot = {content.x, content.bottom() - foot_h, content.w, foot_h};
    float top = layout.header.bottom();
    layout.rows = {content.x, top, content.w, std::max(0.0f, layout.foot.y - top)};
    layout.row_height = 2 * m.line(m.body) + (layout.narrow ? m.line(m.label) : 0.0f) + m.pad;
    layout.rows_per_page = std::max(1, int((layout.rows.h + 0.01f) / layout.row_height));
    return layout;
}

TrendLayout trend_layout(Rect content, const Metrics& m) {
    TrendLayout layout;
    bool narrow = content.w < m.body * 40;
    layout.summary_lines = narrow ? 2 : 1;
    // Four keys: one line when wide enough for all four (about 64 label-heights), else two or four.
    layout.legend_lines = content.w >= m.label * 64 ? 1 : content.w >= m.label * 34 ? 2 : 4;
    float summary_h = float(layout.summary_lines) * m.line(m.body) + m.pad;
    float legend_h = float(layout.legend_lines) * m.line(m.label) + m.pad;
    layout.summary = {content.x, content.y, content.w, summary_h};
    layout.legend = {content.x, content.bottom() - legend_h, content.w, legend_h};
    float top = layout.summary.bottom() + m.gap;
    layout.chart = {content.x, top, content.w, std::max(0.0f, layout.legend.y - m.gap - top)};
    return layout;
}

QualityLayout quality_layout(Rect content, const Metrics& m, bool cannot_draw) {
    QualityLayout layout;
    bool portrait = content.h > content.w;
    if (portrait) {
        int panels = cannot_draw ? 3 : 2;
        float each = (content.h - float(panels - 1) * m.gap) / float(panels);
        layout.no_timescale = {content.x, content.y, content.w, each};
        layout.no_lead = {content.x, content.y + each + m.gap, content.w, each};
        if (cannot_draw)
            layout.cannot_draw = {content.x, content.y + 2 * (each + m.gap), content.w, each};
    } else {
        float half = (content.w - m.gap) / 2;
        layout.no_timescale = {content.x, content.y, half, content.h};
        layout.no_lead = {content.x + half + m.gap, content.y, half, content.h};
        if (cannot_draw) {
            float top = (content.h - m.gap) / 2;
            layout.no_lead.h = top;
            layout.cannot_draw = {layout.no_lead.x, content.y + top + m.gap, half, top};
        }
    }
    return layout;
}

} // namespace actionboard::ui
