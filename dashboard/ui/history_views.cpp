// The history's pages: "Changes since …" and the trend chart (docs/history.md, "What the
// displays show"). Free functions over the const HistoryState the frame was given.

#include "views.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>

namespace actionboard::ui {

namespace {

std::string plural(std::size_t count, const char* one, const char* many) {
    return std::to_string(count) + " " + (count == 1 ? one : many);
}

std::string percent_text(double value) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%.0f%%", value);
    return buffer;
}

// Why there is nothing to compare with, in a sentence.
std::string why_no_comparison(const history::HistoryState& state) {
    if (std::string line = state.status_line(); !line.empty())
        return line;
    if (!state.baseline.why_none.empty())
        return state.baseline.why_none;
    if (!state.current)
        return "the plan on show is not in the history yet";
    return "there is no baseline to compare with";
}

// A change that made things better is marked ▲, an exception ▼ (in the worse colour); the others
// (sideways, added, brought forward) carry no mark.
std::optional<history::Direction> change_mark(const history::Change& change) {
    if (change.exception)
        return history::Direction::worse;
    if (change.kind == history::ChangeKind::newly_compliant ||
        change.kind == history::ChangeKind::milestone_completed ||
        (change.kind == history::ChangeKind::status_changed && change.group == 14))
        return history::Direction::better;
    return std::nullopt;
}

// The compliance now, its arrow and the label: "Compliance 10% ▲ +3 since 29 Sep". Returns the
// right edge.
float overall_direction(Canvas& canvas, ImFont* font, float x, float y, float room,
                        const history::Comparison& comparison) {
    const Metrics& m = canvas.metrics();
    const Theme& theme = canvas.theme();
    const history::ComplianceChange& overall = comparison.overall;
    float h = m.line(font->FontSize);
    std::string words = "Compliance " + percent_text(overall.after.percent());
    Rect text = canvas.text(font, x, y, words, theme.text, std::max(room - h, 1.0f));
    Rect arrow = canvas.arrow(text.right() + m.pad * 0.4f, y, h, overall.direction, "overall",
                              overall.label);
    float label_w = canvas.text_width(font, overall.label) + 1;
    if (arrow.right() + m.pad * 0.4f + label_w > x + room)
        return arrow.right();
    return canvas.text(font, arrow.right() + m.pad * 0.4f, y, overall.label, theme.text, label_w)
        .right();
}

} // namespace

// [SECTION] Changes since the baseline

float draw_changes_summary(Canvas& canvas, Rect rect, const history::HistoryState& state,
                           bool narrow) {
    const Metrics& m = canvas.metrics();
    const Theme& theme = canvas.theme();
    ImFont* body = canvas.fonts().body;
    float line_h = m.line(m.body);
    canvas.begin_panel("changes-summary", rect, false);
    if (!state.comparison) {
        float used = canvas.paragraph(body, rect, "No changes to show: " + why_no_comparison(state),
                                      theme.text_muted, 3);
        canvas.end_panel();
        return used;
    }
    const history::Comparison& comparison = *state.comparison;
    std::size_t exceptions = 0;
    for (const auto& change : comparison.changes)
        exceptions += change.exception;
    std::string since = since_text(comparison);
    std::string words =
        comparison.changes.empty()
            ? "No changes since " + since
            : plural(comparison.changes.size(), "change", "changes") + " since " + since +
                  (exceptions > 0 ? ", " + plural(exceptions, "exception", "exceptions") + " first"
                                  : std::string());
    float used = line_h;
    if (narrow) {
        canvas.text(body, rect.x, rect.y, words, theme.text, rect.w);
        overall_direction(canvas, body, rect.x, rect.y + line_h, rect.w, comparison);
        used = 2 * line_h;
    } else {
        Rect text = canvas.text(body, rect.x, rect.y, words, theme.text, rect.w * 0.55f);
        std::string dot = "  \xC2\xB7  ";
        Rect sep = canvas.text(body, text.right(), rect.y, dot, theme.text_muted,
                               canvas.text_width(body, dot) + 1);
        overall_direction(canvas, body, sep.right(), rect.y, rect.right() - sep.right(),
                          comparison);
    }
    canvas.end_panel();
    return used;
}

void draw_changes(Canvas& canvas, Rect content, const history::HistoryState& state,
                  const Page& page, int page_budget) {
    const Metrics& m = canvas.metrics();
    const Theme& theme = canvas.theme();
    ImFont* body = canvas.fonts().body;
    ImFont* label = canvas.fonts().label;
    canvas.begin_panel("content", content, false);
    if (!state.comparison) {
        canvas.paragraph(body, content, "No changes to show: " + why_no_comparison(state),
                         theme.text_muted, 3);
        canvas.end_panel();
        return;
    }
    const history::Comparison& comparison = *state.comparison;
    const std::vector<history::Change>& changes = comparison.changes;
    std::size_t exceptions = 0;
    for (const auto& change : changes)
        exceptions += change.exception;
    ChangesLayout layout = changes_layout(content, m);
    history::ChangePages pages =
        changes_wall(changes.size(), exceptions, layout.rows_per_page, page_budget);
    std::size_t slice = std::size_t(std::clamp(page.slice, 0, int(pages.pages.size()) - 1));
    auto [begin, end] = pages.pages[slice];

    // How many, and the compliance's direction.
    float line_h = m.line(m.body);
    draw_changes_summary(canvas, layout.summary, state, layout.narrow);
    if (changes.empty()) {
        // Where the column names and the rows would be.
        Rect area{layout.rows.x, layout.header.y, layout.rows.w,
                  layout.rows.bottom() - layout.header.y};
        canvas.begin_panel("no-changes", area, false);
        canvas.paragraph(body, area.inset(m.pad, 0), no_changes_sentence, theme.text_muted, 3);
        canvas.end_panel();
        canvas.end_panel();
        return;
    }

    // The column names, then the rows: the description on up to two lines, "first seen" beside
    // it (below it on a narrow screen).
    float mark_w = line_h + m.pad * 0.6f;
    float seen_w =
        layout.narrow ? 0.0f : canvas.text_width(label, "first seen 30 Sep 2009") + m.pad;
    Rect rows = layout.rows;
    float text_x = rows.x + m.pad + mark_w;
    float text_w = std::max(1.0f, rows.right() - m.pad - seen_w - text_x);
    canvas.begin_panel("changes-header", layout.header, false);
    canvas.text(label, text_x, layout.header.y, "What changed", theme.text_muted, text_w);
    if (!layout.narrow)
        canvas.text(label, rows.right() - m.pad - seen_w, layout.header.y, "First seen",
                    theme.text_muted, seen_w);
    canvas.end_panel();

    canvas.begin_panel("changes", rows, false);
    float y = rows.y;
    for (std::size_t i = begin; i < end; ++i) {
        const history::Change& change = changes[i];
        Rect row{rows.x, y, rows.w, layout.row_height - m.pad * 0.4f};
        canvas.begin_panel("change-" + std::to_string(i + 1), row);
        std::string text = history::describe(change, comparison.as_of);
        std::string seen = first_seen_text(state, change);
        if (DrawnItem* item = canvas.mark("change", row, text))
            item->extra = {{"change_kind", history::to_string(change.kind)},
                           {"exception", change.exception},
                           {"ref", change.ref},
                           {"position", i + 1},
                           {"first_seen", seen}};
        // The row's content centred in it: one line of text or two, and "first seen".
        int text_lines = std::clamp(int(canvas.wrap(body, text, text_w, 2).size()), 1, 2);
        float content_h = float(text_lines) * line_h + (layout.narrow ? m.line(m.label) : 0.0f);
        float top = row.y + (row.h - content_h) / 2;
        if (change.exception) // a stripe of the worse colour down the row's left edge
            canvas.fill({row.x, row.y, std::max(2.0f, m.pad * 0.4f), row.h},
                        canvas.direction_colour(history::Direction::worse));
        if (auto mark = change_mark(change))
            canvas.arrow(rows.x + m.pad * 0.8f, top, line_h, *mark,
                         "change " + std::to_string(i + 1));
        canvas.paragraph(body, {text_x, top, text_w, float(text_lines) * line_h}, text, theme.text,
                         text_lines);
        if (layout.narrow)
            canvas.text(label, text_x, top + float(text_lines) * line_h, seen, theme.text_muted,
                        text_w);
        else
            canvas.text(label, rows.right() - m.pad - seen_w, top + (line_h - m.line(m.label)) / 2,
                        seen, theme.text_muted, seen_w);
        canvas.end_panel();
        y += layout.row_height;
    }
    canvas.end_panel();

    if (slice + 1 == pages.pages.size() && pages.left_out > 0) {
        canvas.begin_panel("changes-foot", layout.foot, false);
        canvas.text(label, layout.foot.x + m.pad, layout.foot.y + m.pad * 0.25f,
                    "and " + std::to_string(pages.left_out) +
                        " more, the least pressing (GET /api/v1/changes)",
                    theme.text_muted, layout.foot.w - 2 * m.pad);
        canvas.end_panel();
    }
    canvas.end_panel();
}

// [SECTION] Trend

namespace {

double days_of(history::Clock::time_point time) {
    return std::chrono::duration<double, std::ratio<86400>>(time.time_since_epoch()).count();
}

Date day_of(history::Clock::time_point time) {
    return Date(std::chrono::floor<std::chrono::days>(time));
}

double days_of(Date date) {
    // Noon, as --history-import records a version on its reporting date.
    return double(std::chrono::sys_days(date).time_since_epoch().count()) + 0.5;
}

// The smallest multiple of 4 at or above `value` (at least 4), so the right axis's quarter
// lines fall on whole numbers.
int axis_top(int value) {
    return std::max(4, (value + 3) / 4 * 4);
}

} // namespace

void draw_trend(Canvas& canvas, Rect content, const history::HistoryState& state) {
    const Metrics& m = canvas.metrics();
    const Theme& theme = canvas.theme();
    ImFont* body = canvas.fonts().body;
    ImFont* label = canvas.fonts().label;
    canvas.begin_panel("content", content, false);
    if (!state.timeline || state.trend.empty()) {
        std::string why = state.status_line();
        canvas.paragraph(body, content,
                         why.empty()
                             ? "No versions recorded yet: the trend starts with the next one"
                             : "No trend to show: " + why,
                         theme.text_muted, 3);
        canvas.end_panel();
        return;
    }
    const history::Timeline& timeline = *state.timeline;
    const std::vector<history::TrendPoint>& points = state.trend;
    Date as_of = state.snapshot ? state.snapshot->view.as_of
                                : timeline.versions.back().facts->reporting_date;
    TrendLayout layout = trend_layout(content, m);
    float line_h = m.line(m.body);
    float label_h = m.line(m.label);

    // The summary: compliance now and its direction, overdue now (and at the baseline).
    const history::TrendPoint& last = points.back();
    // The baseline's version (its point is ringed), or none.
    constexpr std::size_t none = std::size_t(-1);
    std::size_t baseline = state.baseline.baseline ? state.baseline.baseline->index : none;
    canvas.begin_panel("trend-summary", layout.summary, false);
    Rect summary = layout.summary;
    std::string overdue = "Overdue milestones " + std::to_string(last.overdue);
    if (baseline < points.size() && state.comparison)
        overdue += " (was " + std::to_string(points[baseline].overdue) + " on " +
                   since_text(*state.comparison) + ")";
    if (layout.summary_lines == 1)
        overdue += "  \xC2\xB7  " + plural(points.size(), "version", "versions") + " recorded";
    if (state.comparison) {
        float right = overall_direction(canvas, body, summary.x, summary.y,
                                        layout.summary_lines > 1 ? summary.w : summary.w * 0.5f,
                                        *state.comparison);
        if (layout.summary_lines > 1)
            canvas.text(body, summary.x, summary.y + line_h, overdue, theme.text, summary.w);
        else
            canvas.text(body, right, summary.y, "  \xC2\xB7  " + overdue, theme.text,
                        summary.right() - right);
    } else {
        std::string words =
            "Compliance " + percent_text(last.compliance.percent()) + "  \xC2\xB7  ";
        if (layout.summary_lines > 1) {
            canvas.text(body, summary.x, summary.y, words, theme.text, summary.w);
            canvas.text(body, summary.x, summary.y + line_h, overdue, theme.text, summary.w);
        } else {
            canvas.text(body, summary.x, summary.y, words + overdue, theme.text, summary.w);
        }
    }
    canvas.end_panel();

    // The chart: compliance 0–100 % on the left axis, overdue milestones on the right.
    canvas.begin_panel("trend-chart", layout.chart);
    Rect inner = layout.chart.inset(m.pad);
    int overdue_top = 0;
    for (const auto& point : points)
        overdue_top = std::max(overdue_top, point.overdue);
    overdue_top = axis_top(overdue_top);
    float left_w = canvas.text_width(label, "100%") + 1;
    float right_w = canvas.text_width(label, std::to_string(overdue_top)) + 1;
    // Two rows of dates under the plot (meeting dates that would touch take the second row).
    Rect plot{inner.x + left_w + m.pad, inner.y + label_h / 2,
              inner.w - left_w - right_w - 2 * m.pad,
              inner.h - label_h / 2 - 2 * label_h - m.pad * 0.5f};
    if (plot.w <= 0 || plot.h <= 0) {
        canvas.end_panel();
        canvas.end_panel();
        return;
    }
    // Time: from the first version to the last, the as-of date or the next committee, the latest.
    double t0 = days_of(timeline.versions[points.front().version].recorded_at);
    double t1 = std::max(days_of(timeline.versions[last.version].recorded_at), days_of(as_of));
    const std::vector<Date>& meetings = state.snapshot ? state.snapshot->plan->info.meetings
                                                       : timeline.versions.back().facts->meetings;
    for (Date meeting : meetings) {
        if (meeting > as_of) { // the next committee
            t1 = std::max(t1, days_of(meeting));
            break;
        }
    }
    // Versions recorded within one day (a plan edited and saved several times in its first
    // day) are spaced evenly in their order, not piled up at the left edge.
    bool by_order = points.size() > 1 && days_of(timeline.versions[last.version].recorded_at) - t0 <
                                             1; // (t0: the first's)
    if (t1 - t0 < 1)
        t1 = t0 + 1;
    // Points keep clear of the axes' labels: the baseline's ring is the widest mark.
    float r = std::max(3.0f, m.label * 0.28f);
    float edge = r * 2.6f;
    auto x_of = [&](double days) {
        return plot.x + edge + float((days - t0) / (t1 - t0)) * (plot.w - 2 * edge);
    };
    auto x_of_point = [&](std::size_t i) {
        if (by_order)
            return plot.x + edge + float(i) / float(points.size() - 1) * (plot.w - 2 * edge);
        return x_of(days_of(timeline.versions[points[i].version].recorded_at));
    };
    auto y_percent = [&](double percent) {
        return plot.bottom() - float(percent / 100.0) * plot.h;
    };
    auto y_overdue = [&](int count) {
        return plot.bottom() - float(double(count) / double(overdue_top)) * plot.h;
    };
    ImDrawList* list = canvas.draw_list();
    float thin = std::max(1.0f, m.body / 24.0f);
    // Quarter lines, labelled on both axes.
    for (int k = 0; k <= 4; ++k) {
        float y = plot.bottom() - float(k) / 4.0f * plot.h;
        canvas.fill({plot.x, y - thin / 2, plot.w, thin}, theme.panel_border);
        std::string left = std::to_string(k * 25) + "%";
        canvas.text(label, inner.x, y - label_h / 2, left, theme.text_muted, left_w, Align::right);
        std::string right = std::to_string(overdue_top * k / 4);
        canvas.text(label, plot.right() + m.pad, y - label_h / 2, right, theme.text_muted, right_w);
    }
    // Dates under the plot, on one of two rows: the first version's and the last one's, so the
    // time axis always has its ends, then each committee meeting's under its tick (one that would
    // touch two others, or the last date, is left out: the sidecar and the feed date it).
    Date first_day = day_of(timeline.versions[points.front().version].recorded_at);
    Date last_day = day_of(timeline.versions[last.version].recorded_at);
    bool two_ends = points.size() > 1 && (last_day != first_day || by_order);
    float row_end[2] = {inner.x - m.pad - 1, inner.x - m.pad - 1};
    float dates_y = plot.bottom() + m.pad * 0.5f;
    auto label_left = [&](float x, float w) {
        return std::clamp(x - w / 2, inner.x, inner.right() - w);
    };
    std::string last_name = history::short_date(last_day, as_of);
    std::string first_name = history::short_date(first_day, as_of);
    if (by_order) { // within a day: the times of the first and the last version
        first_name +=
            " " + format_time(timeline.versions[points.front().version].recorded_at, "%H:%M");
        last_name = (last_day == first_day ? std::string() : last_name + " ") +
                    format_time(timeline.versions[last.version].recorded_at, "%H:%M");
    }
    float last_w = canvas.text_width(label, last_name) + 1;
    float last_left =
        two_ends ? label_left(x_of_point(points.size() - 1), last_w) : inner.right() + 1;
    auto date_label = [&](float x, const std::string& name, float limit) {
        float w = canvas.text_width(label, name) + 1;
        float left = label_left(x, w);
        if (left + w + m.pad > limit)
            return false;
        int row = left > row_end[0] + m.pad ? 0 : left > row_end[1] + m.pad ? 1 : -1;
        if (row < 0)
            return false;
        canvas.text(label, left, dates_y + float(row) * label_h, name, theme.text_muted, w);
        row_end[row] = left + w;
        return true;
    };
    bool first_labelled = date_label(x_of_point(0), first_name, inner.right() + m.pad + 1);
    if (DrawnItem* item =
            canvas.mark("axis-date", {x_of_point(0), dates_y, 1, label_h}, first_name))
        item->extra = {{"end", "first"}, {"labelled", first_labelled}};
    // Committee meetings: a tick across the plot and the date under it.
    for (Date meeting : meetings) {
        double at = days_of(meeting);
        if (by_order || at < t0 - 0.5 || at > t1 + 0.5)
            continue;
        float x = x_of(at);
        Rect tick{x - thin, plot.y, 2 * thin, plot.h};
        canvas.fill(tick, theme.text_muted, 0, 0.6f);
        std::string name = history::short_date(meeting, as_of);
        bool labelled = name != first_name && name != last_name && date_label(x, name, last_left);
        if (DrawnItem* item = canvas.mark("meeting", tick, name))
            item->extra = {{"date", format_iso(meeting)}, {"labelled", labelled}};
    }
    if (two_ends) {
        float x = x_of_point(points.size() - 1);
        bool labelled = date_label(x, last_name, inner.right() + m.pad + 1);
        if (DrawnItem* item = canvas.mark("axis-date", {x, dates_y, 1, label_h}, last_name))
            item->extra = {{"end", "last"}, {"labelled", labelled}};
    }
    // The two series: compliance (circles, the accent colour) and overdue milestones (squares,
    // the overdue colour, a thinner line), so that neither is told by colour alone.
    float thick = std::max(2.0f, m.body / 8.0f); // read from across a room
    Rgb compliance_colour = theme.accent;
    Rgb overdue_colour = theme.rag_colour(Rag::red);
    std::vector<ImVec2> compliance_line, overdue_line;
    for (std::size_t i = 0; i < points.size(); ++i) {
        float x = x_of_point(i);
        compliance_line.push_back({x, y_percent(points[i].compliance.percent())});
        overdue_line.push_back({x, y_overdue(points[i].overdue)});
    }
    list->AddPolyline(overdue_line.data(), int(overdue_line.size()), to_imgui(overdue_colour), 0,
                      thick * 0.7f);
    list->AddPolyline(compliance_line.data(), int(compliance_line.size()),
                      to_imgui(compliance_colour), 0, thick);
    for (std::size_t i = 0; i < points.size(); ++i) {
        const history::TrendPoint& point = points[i];
        const history::Version& version = timeline.versions[point.version];
        nlohmann::json id = version.id == 0 ? nlohmann::json(nullptr) : nlohmann::json(version.id);
        ImVec2 c = compliance_line[i], o = overdue_line[i];
        list->AddRectFilled({o.x - r, o.y - r}, {o.x + r, o.y + r}, to_imgui(overdue_colour));
        list->AddCircleFilled(c, r * 1.15f, to_imgui(compliance_colour), 20);
        if (DrawnItem* item = canvas.mark("point", {c.x - r, c.y - r, 2 * r, 2 * r},
                                          percent_text(point.compliance.percent())))
            item->extra = {{"series", "compliance"},
                           {"value", point.compliance.percent()},
                           {"version", id},
                           {"as_of", format_iso(version.facts->reporting_date)}};
        if (DrawnItem* item = canvas.mark("point", {o.x - r, o.y - r, 2 * r, 2 * r},
                                          std::to_string(point.overdue)))
            item->extra = {{"series", "overdue"},
                           {"value", point.overdue},
                           {"version", id},
                           {"as_of", format_iso(version.facts->reporting_date)}};
        if (point.version == baseline) { // the baseline, ringed
            float ring = r * 2.4f;
            list->AddCircle(c, ring, to_imgui(theme.text), 24, thin * 1.5f);
            list->AddCircle(o, ring, to_imgui(theme.text), 24, thin * 1.5f);
            if (DrawnItem* item = canvas.mark(
                    "baseline", {c.x - ring, c.y - ring, 2 * ring, 2 * ring}, "baseline"))
                item->extra = {{"version", id}};
        }
    }
    // The latest values, beside the last points.
    std::string now_percent = percent_text(last.compliance.percent());
    std::string now_overdue = std::to_string(last.overdue);
    ImVec2 c = compliance_line.back(), o = overdue_line.back();
    auto value_label = [&](ImVec2 at, const std::string& text, Rgb colour, bool above) {
        float w = canvas.text_width(canvas.fonts().bold, text) + 1;
        float x = std::clamp(at.x - w / 2, plot.x, plot.right() - w);
        float y = above ? at.y - r * 1.5f - label_h : at.y + r * 1.5f;
        y = std::clamp(y, plot.y, plot.bottom() - label_h);
        canvas.text(canvas.fonts().bold, x, y, text, colour, w, Align::left, label_h);
    };
    bool compliance_above = c.y <= o.y;
    value_label(c, now_percent, theme.text, compliance_above);
    value_label(o, now_overdue, theme.text, !compliance_above);
    canvas.end_panel();

    // The legend: each series' mark and its axis, the meeting tick, the ring.
    canvas.begin_panel("trend-legend", layout.legend, false);
    Rect legend = layout.legend.inset(m.pad, m.pad * 0.5f);
    float x = legend.x, y = legend.y;
    std::string baseline_name =
        baseline < points.size()
            ? "Baseline: plan " + timeline.versions[baseline].facts->plan_version + " of " +
                  history::short_date(timeline.versions[baseline].recorded_day, as_of)
            : std::string();
    struct Key {
        int shape; // 0 circle, 1 square, 2 tick, 3 ring
        std::string words;
    };
    std::vector<Key> keys = {{0, "Compliance % (left axis)"},
                             {1, "Overdue milestones (right axis)"},
                             {2, "Committee meeting"}};
    if (!baseline_name.empty())
        keys.push_back({3, baseline_name});
    for (const Key& key : keys) {
        float need = label_h + m.pad * 0.4f + canvas.text_width(label, key.words) + m.gap * 1.5f;
        if (x + need > legend.right() && x > legend.x) {
            x = legend.x;
            y += label_h;
        }
        if (y + label_h > layout.legend.bottom() + 0.5f)
            break;
        ImVec2 centre{x + label_h / 2, y + label_h / 2};
        switch (key.shape) {
        case 0:
            list->AddCircleFilled(centre, r * 1.15f, to_imgui(compliance_colour), 20);
            break;
        case 1:
            list->AddRectFilled({centre.x - r, centre.y - r}, {centre.x + r, centre.y + r},
                                to_imgui(overdue_colour));
            break;
        case 2:
            canvas.fill({centre.x - thin, y, 2 * thin, label_h}, theme.text_muted, 0, 0.6f);
            break;
        default:
            list->AddCircle(centre, r * 2.0f, to_imgui(theme.text), 24, thin * 1.5f);
            break;
        }
        Rect text = canvas.text(label, x + label_h + m.pad * 0.4f, y, key.words, theme.text,
                                legend.right() - x - label_h - m.pad * 0.4f);
        x = text.right() + m.gap * 1.5f;
    }
    canvas.end_panel();
    canvas.end_panel();
}

} // namespace actionboard::ui
