#include "views.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

namespace actionboard::ui {

namespace {

constexpr Rag rag_order[] = {Rag::red, Rag::amber, Rag::green, Rag::blue, Rag::none};
constexpr const char* month_abbreviations[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::string percent_text(double value) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%.0f%%", value);
    return buffer;
}

std::string plural(int count, const char* one, const char* many) {
    return std::to_string(count) + " " + (count == 1 ? one : many);
}

const Milestone* next_milestone(const Snapshot& snapshot, std::size_t rec_index) {
    const RecommendationView& rec = snapshot.view.recommendations[rec_index];
    return rec.next ? &snapshot.view.milestones[*rec.next] : nullptr;
}

// A section heading inside a panel; returns the y below it.
float section_title(Canvas& canvas, float x, float y, float width, const std::string& title) {
    Rect box = canvas.text(canvas.fonts().bold, x, y, title, canvas.theme().accent, width);
    return box.bottom() + canvas.metrics().pad * 0.3f;
}

// The counts by RAG as badges with numbers, those present only, from (x, y) within `area`:
// wrapping to further rows when `wrap`, else stopping at the right edge. Returns the y of the
// last row.
float rag_counts(Canvas& canvas, float x, float y, float h, Rect area, const Counts& counts,
                 bool wrap) {
    float left = x;
    for (Rag rag : rag_order) {
        int count = counts.by_rag[int(rag)];
        if (count == 0)
            continue;
        float w = canvas.counted_badge_width(h, rag, count);
        if (x + w > area.right() + 0.5f) {
            if (!wrap)
                break;
            x = left;
            y += h + canvas.metrics().pad * 0.4f;
        }
        if (y + h > area.bottom() + 0.5f)
            break;
        x = canvas.counted_badge(x, y, h, rag, count).right() + canvas.metrics().gap;
    }
    return y;
}

} // namespace

// [SECTION] Text helpers

std::string short_date(Date date) {
    return std::to_string(unsigned(date.day())) + " " +
           month_abbreviations[unsigned(date.month()) - 1] + " " + std::to_string(int(date.year()));
}

std::string next_milestone_text(const Snapshot& snapshot, std::size_t rec_index) {
    if (const Milestone* next = next_milestone(snapshot, rec_index))
        return short_date(*next->reading.due);
    const RecommendationView& rec = snapshot.view.recommendations[rec_index];
    bool ongoing = false, recurring = false, unscheduled = false;
    for (std::size_t index : rec.milestones) {
        MilestoneKind kind = snapshot.view.milestones[index].reading.kind;
        ongoing |= kind == MilestoneKind::ongoing;
        recurring |= kind == MilestoneKind::recurring;
        unscheduled |= kind == MilestoneKind::unscheduled;
    }
    if (rec.rag == Rag::blue)
        return "Complete";
    if (recurring)
        return "Recurring";
    if (ongoing)
        return "Ongoing";
    if (unscheduled)
        return "No timescale";
    return "\xE2\x80\x93";
}

std::string lead_text(const Snapshot& snapshot, std::size_t rec_index) {
    if (const Milestone* next = next_milestone(snapshot, rec_index))
        return next->lead.value_or("No lead");
    const RecommendationView& rec = snapshot.view.recommendations[rec_index];
    for (std::size_t index : rec.milestones) {
        if (snapshot.view.milestones[index].lead)
            return *snapshot.view.milestones[index].lead;
    }
    return "\xE2\x80\x93";
}

std::string one_line(const Blocks& blocks) {
    std::string text = plain_text(blocks);
    std::replace(text.begin(), text.end(), '\n', ' ');
    return text;
}

std::vector<std::string> block_items(const Blocks& blocks) {
    std::vector<std::string> items;
    for (const auto& block : blocks) {
        if (!block.is_list()) {
            items.push_back(block.paragraph);
            continue;
        }
        for (const auto& item : block.items)
            items.push_back("\xE2\x80\x93 " + item);
    }
    return items;
}

// [SECTION] Header, legend, banners

void draw_header(Canvas& canvas, const Frame& frame, const FrameContext& context,
                 const std::string& page_title, const std::string& page_counter) {
    const Metrics& m = canvas.metrics();
    const Theme& theme = canvas.theme();
    const Snapshot& snapshot = *context.snapshot;
    Rect rect = frame.header;
    canvas.begin_panel("header", rect, false);
    canvas.fill(rect, theme.panel, m.pad * 0.6f);
    Rect inner = rect.inset(m.pad, m.pad * 0.5f);

    // Row 1: the page title, the clock on the right.
    ImFont* heading = canvas.fonts().heading;
    float clock_w = canvas.text_width(heading, context.clock) + 1;
    canvas.text(heading, inner.right() - clock_w, inner.y, context.clock, theme.text, clock_w);
    canvas.text(heading, inner.x, inner.y, page_title, theme.text, inner.w - clock_w - m.gap);

    // Then the plan, its dates and the page counter: one row, or two on a narrow screen.
    float y = inner.y + m.line(m.heading);
    ImFont* label = canvas.fonts().label;
    bool narrow = frame.header_rows >= 3;
    std::string dates = "As of " +
                        (narrow ? short_date(snapshot.view.as_of) : format_long(snapshot.view.as_of)) +
                        "  \xC2\xB7  Updated " + context.data_updated;
    if (!page_counter.empty())
        dates += "  \xC2\xB7  " + page_counter;
    const PlanInfo& info = snapshot.plan->info;
    std::string plan = info.title + " \xE2\x80\x93 " + info.authority;
    if (narrow) {
        canvas.text(label, inner.x, y, plan, theme.text_muted, inner.w);
        canvas.text(label, inner.x, y + m.line(m.label), dates, theme.text, inner.w);
    } else {
        float dates_w = std::min(canvas.text_width(label, dates) + 1, inner.w * 0.62f);
        canvas.text(label, inner.right() - dates_w, y, dates, theme.text, dates_w, Align::right);
        canvas.text(label, inner.x, y, plan, theme.text_muted, inner.w - dates_w - m.gap);
    }
    canvas.end_panel();
}

void draw_legend(Canvas& canvas, const Frame& frame, int amber_days) {
    const Metrics& m = canvas.metrics();
    Rect rect = frame.legend;
    canvas.begin_panel("legend", rect, false);
    float h = m.line(m.label);
    float line_gap = m.pad * 0.5f;
    float lines_h = float(frame.legend_lines) * h + float(frame.legend_lines - 1) * line_gap;
    float y = rect.y + (rect.h - lines_h) / 2;
    float x = rect.x + m.pad;
    ImFont* label = canvas.fonts().label;
    for (Rag rag : rag_order) {
        std::string meaning = rag_meaning(rag, amber_days);
        float need = canvas.badge_width(h, rag) + m.pad * 0.5f + canvas.text_width(label, meaning);
        if (x + need > rect.right() && x > rect.x + m.pad) { // wrap to the next line
            x = rect.x + m.pad;
            y += h + line_gap;
        }
        if (y + h > rect.bottom() + 0.5f)
            break; // never spills; each badge also carries its symbol
        Rect badge = canvas.badge(x, y, h, rag);
        Rect text = canvas.text(label, badge.right() + m.pad * 0.5f, y, meaning,
                                canvas.theme().text, rect.right() - badge.right() - m.pad * 0.5f);
        x = text.right() + m.gap * 1.5f;
    }
    canvas.end_panel();
}

int banner_lines(const FrameContext& context) {
    return (context.reload && context.reload->degraded ? 1 : 0) + (context.stale ? 1 : 0);
}

void draw_banners(Canvas& canvas, Rect rect, const FrameContext& context) {
    if (rect.h <= 0)
        return;
    const Metrics& m = canvas.metrics();
    canvas.begin_panel("banner", rect, false);
    float line_h = m.line(m.body);
    float y = rect.y;
    int lines = banner_lines(context);
    float each = rect.h / float(std::max(lines, 1));
    if (context.reload && context.reload->degraded) {
        Rect band{rect.x, y, rect.w, each};
        canvas.fill(band, canvas.theme().banner_error, m.pad * 0.5f);
        canvas.text(canvas.fonts().bold, band.x + m.pad, band.y + (band.h - line_h) / 2,
                    "Showing the plan as loaded at " + context.loaded_at + ": " +
                        context.reload->last_error,
                    {0xFF, 0xFF, 0xFF}, band.w - 2 * m.pad);
        y += each;
    }
    if (context.stale) {
        Rect band{rect.x, y, rect.w, each};
        canvas.fill(band, canvas.theme().banner_warning, m.pad * 0.5f);
        canvas.text(canvas.fonts().bold, band.x + m.pad, band.y + (band.h - line_h) / 2,
                    "Data may be out of date: last updated " + context.data_updated +
                        " (more than " + std::to_string(context.stale_days) + " days ago)",
                    {0xFF, 0xFF, 0xFF}, band.w - 2 * m.pad);
    }
    canvas.end_panel();
}

// [SECTION] Overview: compliance by chapter

namespace {

void draw_figure(Canvas& canvas, Rect box, const std::string& id, int value,
                 const std::string& caption, std::optional<Rag> tone) {
    const Metrics& m = canvas.metrics();
    const Theme& theme = canvas.theme();
    canvas.begin_panel(id, box);
    Rect inner = box.inset(m.pad, m.pad * 0.5f);
    Rgb colour = tone && value > 0 ? theme.rag_colour(*tone) : theme.text;
    std::string number = std::to_string(value);
    canvas.text(canvas.fonts().headline, inner.x, inner.y - m.line(m.headline) * 0.05f, number,
                colour, inner.w);
    float y = inner.bottom() - m.line(m.label);
    float x = inner.x;
    if (tone) {
        Rect badge = canvas.badge(x, y, m.line(m.label), *tone);
        x = badge.right() + m.pad * 0.5f;
    }
    canvas.text(canvas.fonts().label, x, y, caption, theme.text_muted, inner.right() - x);
    canvas.end_panel();
}

void draw_chapter_tile(Canvas& canvas, Rect box, const Chapter& chapter, const Counts& counts) {
    const Metrics& m = canvas.metrics();
    const Theme& theme = canvas.theme();
    std::string id = "chapter-" + std::to_string(chapter.number);
    canvas.begin_panel(id, box);
    Rect inner = box.inset(m.pad);
    float badge_h = m.line(m.body);

    // Title (up to two lines), with the chapter's worst RAG as a large badge on the right.
    float title_line = m.line(m.heading);
    float worst_w = canvas.badge_width(badge_h, counts.worst);
    canvas.badge(inner.right() - worst_w, inner.y + (title_line - badge_h) / 2, badge_h,
                 counts.worst, "worst: " + rag_meaning(counts.worst, 30));
    std::string title = std::to_string(chapter.number) + "  " + chapter.title;
    float title_w = inner.w - worst_w - m.pad;
    int title_lines = inner.h > 6 * m.line(m.body) ? 2 : 1;
    float y = inner.y + canvas.paragraph(canvas.fonts().heading, {inner.x, inner.y, title_w,
                                                                  title_line * float(title_lines)},
                                         title, theme.text, title_lines);
    y += m.pad * 0.3f;

    // "9 recommendations · 1 compliant", only if the bar and the counts still fit below it.
    float below = m.line(m.body) + m.pad * 0.5f + badge_h;
    if (y + m.line(m.label) + m.pad * 0.3f + below <= inner.bottom()) {
        canvas.text(canvas.fonts().label, inner.x, y,
                    plural(counts.recommendations, "recommendation", "recommendations") +
                        "  \xC2\xB7  " + std::to_string(counts.compliant()) + " compliant",
                    theme.text_muted, inner.w);
        y += m.line(m.label) + m.pad * 0.3f;
    }

    // Compliance bar with its percentage.
    float row_h = m.line(m.body);
    if (y + row_h <= inner.bottom()) {
        std::string pct = percent_text(counts.compliance_percent());
        float pct_w = canvas.text_width(canvas.fonts().bold, "100%") + 1;
        float bar_h = std::max(4.0f, m.body * 0.5f);
        canvas.bar({inner.x, y + (row_h - bar_h) / 2, inner.w - pct_w - m.pad, bar_h},
                   float(counts.compliance_percent() / 100.0), theme.rag_colour(Rag::blue),
                   pct + " compliant");
        canvas.text(canvas.fonts().bold, inner.right() - pct_w, y, pct, theme.text, pct_w,
                    Align::right);
        y += row_h + m.pad * 0.5f;
    }

    // Counts by RAG: a badge and a number for each RAG present, wrapping if need be.
    rag_counts(canvas, inner.x, y, badge_h, inner, counts, true);
    canvas.end_panel();
}

} // namespace

Clicked draw_overview(Canvas& canvas, Rect content, const Snapshot& snapshot, const Page& page) {
    const Metrics& m = canvas.metrics();
    const PlanView& view = snapshot.view;
    const Plan& plan = *snapshot.plan;
    const Counts& all = view.overall;
    OverviewLayout layout = overview_layout(content, m, 5, int(plan.chapters.size()), page.slice);
    canvas.begin_panel("content", content, false);
    Clicked clicked;
    if (layout.figures.size() == 5) {
    draw_figure(canvas, layout.figures[0], "figure-recommendations", all.recommendations,
                "Recommendations", std::nullopt);
    draw_figure(canvas, layout.figures[1], "figure-compliant", all.compliant(),
                "Compliant (" + percent_text(all.compliance_percent()) + ")", Rag::blue);
    draw_figure(canvas, layout.figures[2], "figure-overdue", all.overdue, "Overdue milestones",
                Rag::red);
    draw_figure(canvas, layout.figures[3], "figure-due-soon", all.due_soon,
                "Due within " + std::to_string(view.amber_days) + " days", Rag::amber);
    draw_figure(canvas, layout.figures[4], "figure-no-timescale", all.no_timescale,
                "No timescale", std::nullopt);
    }
    for (std::size_t cell = 0; cell < layout.tiles.cells.size(); ++cell) {
        std::size_t i = std::size_t(layout.first_tile) + cell;
        if (i >= plan.chapters.size())
            break;
        draw_chapter_tile(canvas, layout.tiles.cells[cell], plan.chapters[i], view.chapters[i].counts);
        if (canvas.clicked(layout.tiles.cells[cell]))
            clicked.chapter = plan.chapters[i].number;
    }
    canvas.end_panel();
    return clicked;
}

// [SECTION] Chapter: key points, local position, recommendations

Rect draw_chapter_context(Canvas& canvas, Rect content, const Snapshot& snapshot, int number) {
    const Metrics& m = canvas.metrics();
    const Theme& theme = canvas.theme();
    const Plan& plan = *snapshot.plan;
    ChapterLayout layout = chapter_layout(content, m);
    const Chapter* chapter = plan.find_chapter(number);
    if (!chapter)
        return layout.table;
    const ChapterView& chapter_view =
        snapshot.view.chapters[std::size_t(chapter - plan.chapters.data())];

    // Title row: counts for the chapter.
    {
        canvas.begin_panel("chapter-summary", layout.title, false);
        const Counts& counts = chapter_view.counts;
        Rect summary = canvas.text(
            canvas.fonts().body, layout.title.x, layout.title.y,
            plural(counts.recommendations, "recommendation", "recommendations") + "  \xC2\xB7  " +
                percent_text(counts.compliance_percent()) + " compliant",
            theme.text, layout.title.w * 0.5f);
        rag_counts(canvas, summary.right() + m.gap * 2, layout.title.y, m.line(m.body),
                   layout.title, counts, false);
        canvas.end_panel();
    }

    // Key points and the local position, side by side.
    for (auto [id, title, blocks, rect] :
         {std::tuple{"key-points", "Key points", &chapter->key_points, layout.key_points},
          std::tuple{"local-position", "Local position", &chapter->local_position, layout.position}}) {
        canvas.begin_panel(id, rect);
        Rect inner = rect.inset(m.pad, m.pad * 0.5f);
        float y = section_title(canvas, inner.x, inner.y, inner.w, title);
        std::vector<std::string> items = block_items(*blocks);
        if (items.empty()) // said, not left blank: an empty box reads as a drawing fault
            canvas.text(canvas.fonts().label, inner.x, y,
                        blocks == &chapter->local_position ? "No local position recorded"
                                                           : "No key points recorded",
                        theme.text_muted, inner.w);
        else
            canvas.bullets(canvas.fonts().label, {inner.x, y, inner.w, inner.bottom() - y},
                           items, theme.text, 2);
        canvas.end_panel();
    }
    return layout.table;
}

Clicked draw_chapter(Canvas& canvas, Rect content, const Snapshot& snapshot, const Page& page) {
    const Metrics& m = canvas.metrics();
    const Theme& theme = canvas.theme();
    const Plan& plan = *snapshot.plan;
    const PlanView& view = snapshot.view;
    Clicked clicked;
    const Chapter* chapter = plan.find_chapter(page.chapter);
    if (!chapter)
        return clicked;
    const ChapterView& chapter_view = view.chapters[std::size_t(chapter - plan.chapters.data())];
    ChapterLayout layout = chapter_layout(content, m);
    canvas.begin_panel("content", content, false);
    draw_chapter_context(canvas, content, snapshot, page.chapter);

    // The recommendations of this slice.
    std::vector<std::size_t> recs;
    for (std::size_t index : chapter_view.recommendations)
        recs.push_back(index);
    // Kiosk and present pages come pre-sliced; a page shown whole (desktop) takes what fits.
    auto [slice_first, slice_last] = slice_range(int(recs.size()), page.slice, page.slices);
    std::size_t first = std::size_t(slice_first);
    std::size_t last = std::min(std::size_t(slice_last), first + std::size_t(layout.rows_per_page));

    Rect table = layout.table;
    canvas.begin_panel("recommendations", table, false);
    ImFont* label = canvas.fonts().label;
    ImFont* body = canvas.fonts().body;
    float line_h = m.line(m.body);
    // As wide as the widest ref on the page ("R12a", "1.10"), and never more than a fifth.
    float ref_w = canvas.text_width(canvas.fonts().bold, "888");
    for (std::size_t k = first; k < last; ++k)
        ref_w = std::max(ref_w, canvas.text_width(canvas.fonts().bold,
                                                  plan.recommendations[recs[k]].ref));
    ref_w = std::min(ref_w, table.w * 0.2f) + m.pad;
    float status_w = canvas.text_width(label, "Awaiting national") + m.pad * 1.5f;
    float rag_w = canvas.badge_width(line_h, Rag::blue) + m.pad;
    float next_w = canvas.text_width(label, "30 Sep 2009") + m.pad * 1.5f;
    // Columns left to right. Stacked rows put the text and the lead on the lines below.
    float x = table.x + m.pad;
    float ref_x = x, text_x = x + ref_w, text_w = 0;
    x += ref_w;
    float lead_w = 0;
    if (!layout.stacked_rows) {
        lead_w = std::max(table.w * 0.15f, canvas.text_width(label, "Children's Services"));
        text_w = table.right() - m.pad - x - status_w - rag_w - next_w - lead_w - m.pad;
        x += text_w + m.pad;
    } else {
        text_w = table.right() - m.pad - text_x;
        lead_w = text_w;
    }
    float status_x = x, rag_x = status_x + status_w, next_x = rag_x + rag_w;
    float lead_x = layout.stacked_rows ? text_x : next_x + next_w;
    canvas.text(label, ref_x, table.y, "Ref", theme.text_muted, ref_w);
    if (!layout.stacked_rows) {
        canvas.text(label, text_x, table.y, "Recommendation", theme.text_muted, text_w);
        canvas.text(label, lead_x, table.y, "Lead", theme.text_muted, lead_w);
    }
    canvas.text(label, status_x, table.y, "Status", theme.text_muted, status_w - m.pad * 0.5f);
    canvas.text(label, rag_x, table.y, "RAG", theme.text_muted, rag_w);
    canvas.text(label, next_x, table.y, "Next due", theme.text_muted,
                table.right() - m.pad - next_x);

    float y = table.y + layout.header_height;
    for (std::size_t k = first; k < last; ++k) {
        std::size_t index = recs[k];
        const Recommendation& rec = plan.recommendations[index];
        const RecommendationView& rec_view = view.recommendations[index];
        Rect row{table.x, y, table.w, layout.row_height - m.pad * 0.4f};
        canvas.begin_panel("rec-" + rec.ref, row);
        float top = row.y + m.pad * 0.3f;
        canvas.text(canvas.fonts().bold, ref_x, top, rec.ref, theme.text, ref_w);
        canvas.status_chip(status_x, top, label, rec.status, status_w - m.pad * 0.5f);
        canvas.badge(rag_x, top, line_h, rec_view.rag,
                     "rec " + rec.ref + ": " + rag_meaning(rec_view.rag, view.amber_days));
        canvas.text(label, next_x, top, next_milestone_text(snapshot, index), theme.text,
                    table.right() - m.pad - next_x);
        if (layout.stacked_rows) {
            canvas.text(body, text_x, top + line_h, one_line(rec.text), theme.text, text_w);
            canvas.text(label, lead_x, top + 2 * line_h, "Lead: " + lead_text(snapshot, index),
                        theme.text_muted, lead_w);
        } else {
            canvas.paragraph(label, {lead_x, top, lead_w, 2 * m.line(m.label)},
                             lead_text(snapshot, index), theme.text_muted, 2);
            canvas.paragraph(body, {text_x, top, text_w, 2 * line_h}, one_line(rec.text),
                             theme.text, 2);
        }
        canvas.end_panel();
        if (canvas.clicked(row))
            clicked.ref = rec.ref;
        y += layout.row_height;
    }
    if (last < std::size_t(slice_last)) // more than fit at this size: say what is hidden
        canvas.text(label, table.x + m.pad, y, "+" + std::to_string(recs.size() - last) + " more",
                    theme.text_muted, table.w);
    canvas.end_panel();
    canvas.end_panel();
    return clicked;
}

// [SECTION] Deadlines: a timeline by month, then overdue and due-soon lists

namespace {

int month_index(Date date) { return int(date.year()) * 12 + int(unsigned(date.month())) - 1; }

std::string month_label(int index) {
    int year = index / 12;
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%s %02d", month_abbreviations[index % 12], year % 100);
    return buffer;
}

void draw_milestone_list(Canvas& canvas, Rect rect, const std::string& id, const std::string& title,
                         Rag rag, const std::vector<const Milestone*>& items) {
    const Metrics& m = canvas.metrics();
    const Theme& theme = canvas.theme();
    canvas.begin_panel(id, rect);
    Rect inner = rect.inset(m.pad, m.pad * 0.5f);
    float h = m.line(m.body);
    Rect badge = canvas.badge(inner.x, inner.y, h, rag);
    canvas.text(canvas.fonts().bold, badge.right() + m.pad * 0.5f, inner.y,
                title + " (" + std::to_string(items.size()) + ")", theme.accent,
                inner.right() - badge.right() - m.pad);
    float y = inner.y + h + m.pad * 0.5f;
    ImFont* font = canvas.fonts().body;
    for (std::size_t i = 0; i < items.size(); ++i) {
        bool last_line = y + 2 * h > inner.bottom() + 0.5f;
        if (y + h > inner.bottom() + 0.5f)
            break;
        if (last_line && i + 1 < items.size()) {
            canvas.text(font, inner.x, y, "+" + std::to_string(items.size() - i) + " more",
                        theme.text_muted, inner.w);
            break;
        }
        const Milestone& milestone = *items[i];
        std::string line = short_date(*milestone.reading.due) + "  \xC2\xB7  Rec " +
                           milestone.ref + milestone.part + "  \xC2\xB7  " +
                           milestone.lead.value_or("no lead") + "  \xC2\xB7  " +
                           (milestone.action.empty() ? milestone.text : milestone.action);
        canvas.text(font, inner.x, y, line, theme.text, inner.w);
        y += h;
    }
    canvas.end_panel();
}

} // namespace

void draw_deadlines(Canvas& canvas, Rect content, const Snapshot& snapshot) {
    const Metrics& m = canvas.metrics();
    const Theme& theme = canvas.theme();
    const PlanView& view = snapshot.view;
    DeadlinesLayout layout = deadlines_layout(content, m);
    canvas.begin_panel("content", content, false);

    // Timeline: Earlier | months around the as-of date | Later, with counts by RAG.
    canvas.begin_panel("timeline", layout.timeline);
    Rect inner = layout.timeline.inset(m.pad, m.pad * 0.5f);
    float y = section_title(canvas, inner.x, inner.y, inner.w, "Local milestones by month");
    ImFont* label = canvas.fonts().label;
    float column_min = canvas.text_width(label, "Earlier") + 2 * m.pad;
    int columns = std::clamp(int(inner.w / column_min), 4, 14);
    int months = columns - 2;
    int now = month_index(view.as_of);
    int first_month = now - months / 4;
    int last_month = first_month + months - 1;
    std::vector<std::array<int, rag_count>> counts(std::size_t(columns), std::array<int, rag_count>{});
    for (const Milestone& milestone : view.milestones) {
        if (milestone.reading.kind != MilestoneKind::dated)
            continue;
        int month = month_index(*milestone.reading.due);
        int column = month < first_month ? 0 : month > last_month ? columns - 1 : month - first_month + 1;
        ++counts[std::size_t(column)][std::size_t(int(milestone.rag))];
    }
    float column_w = inner.w / float(columns);
    float label_y = inner.bottom() - m.line(m.label);
    float badge_h = m.line(m.label);
    for (int c = 0; c < columns; ++c) {
        float x = inner.x + float(c) * column_w;
        Rect cell{x + 1, y, column_w - 2, label_y - y};
        bool is_now = c > 0 && c < columns - 1 && first_month + c - 1 == now;
        std::string name = c == 0 ? "Earlier" : c == columns - 1 ? "Later" : month_label(first_month + c - 1);
        canvas.begin_panel("month-" + std::to_string(c), {x, y, column_w, inner.bottom() - y}, false);
        if (is_now)
            canvas.outline({x + 1, y, column_w - 2, inner.bottom() - y}, theme.accent, m.pad * 0.4f,
                           std::max(2.0f, m.body / 12.0f));
        canvas.text(label, x + m.pad * 0.5f, label_y, is_now ? name + " \xE2\x97\x8F" : name,
                    is_now ? theme.accent : theme.text_muted, column_w - m.pad);
        float by = cell.y + m.pad * 0.5f;
        for (Rag rag : rag_order) {
            int count = counts[std::size_t(c)][std::size_t(int(rag))];
            if (count == 0)
                continue;
            float w = canvas.counted_badge_width(badge_h, rag, count);
            if (by + badge_h > cell.bottom() || w > column_w - m.pad)
                break;
            canvas.counted_badge(x + m.pad * 0.5f, by, badge_h, rag, count);
            by += badge_h + m.pad * 0.4f;
        }
        canvas.end_panel();
    }
    canvas.end_panel();

    std::vector<const Milestone*> overdue, due_soon;
    for (const Milestone& milestone : view.milestones) {
        if (milestone.rag == Rag::red)
            overdue.push_back(&milestone);
        else if (milestone.rag == Rag::amber)
            due_soon.push_back(&milestone);
    }
    auto by_due = [](const Milestone* a, const Milestone* b) {
        return *a->reading.due < *b->reading.due;
    };
    std::stable_sort(overdue.begin(), overdue.end(), by_due);
    std::stable_sort(due_soon.begin(), due_soon.end(), by_due);
    draw_milestone_list(canvas, layout.overdue, "overdue", "Overdue", Rag::red, overdue);
    draw_milestone_list(canvas, layout.due_soon, "due-soon",
                        "Due within " + std::to_string(view.amber_days) + " days", Rag::amber,
                        due_soon);
    canvas.end_panel();
}

// [SECTION] Data quality

void draw_quality(Canvas& canvas, Rect content, const Snapshot& snapshot,
                  std::span<const GlyphFinding> cannot_draw) {
    const Metrics& m = canvas.metrics();
    const Theme& theme = canvas.theme();
    const PlanView& view = snapshot.view;
    QualityLayout layout = quality_layout(content, m, !cannot_draw.empty());
    canvas.begin_panel("content", content, false);

    std::vector<std::string> unreadable, no_deadline, no_response, no_lead, no_position;
    for (const Finding& finding : view.findings) {
        std::string where = finding.ref + finding.part;
        if (finding.kind == FindingKind::no_local_position)
            no_position.push_back(std::to_string(finding.chapter));
        else if (finding.kind == FindingKind::no_lead)
            no_lead.push_back(where + " (" + finding.detail + ")");
        else if (finding.detail == "local actions with no deadline")
            no_deadline.push_back(where);
        else if (finding.detail == "no local response")
            no_response.push_back(where);
        else
            unreadable.push_back(where + " \xE2\x80\x9C" + finding.detail + "\xE2\x80\x9D");
    }
    auto join = [](const std::vector<std::string>& items) {
        std::string text;
        for (const auto& item : items)
            text += (text.empty() ? "" : ",  ") + item;
        return text;
    };

    auto panel = [&](const char* id, Rect rect, const std::string& title, int count,
                     std::vector<std::pair<std::string, std::string>> sections) {
        canvas.begin_panel(id, rect);
        Rect inner = rect.inset(m.pad, m.pad * 0.5f);
        Rect number = canvas.text(canvas.fonts().headline, inner.x, inner.y, std::to_string(count),
                                  count > 0 ? theme.rag_colour(Rag::amber) : theme.text, inner.w * 0.4f);
        canvas.text(canvas.fonts().heading, number.right() + m.gap,
                    inner.y + (number.h - m.line(m.heading)) / 2, title, theme.text,
                    inner.right() - number.right() - m.gap);
        float y = number.bottom() + m.pad * 0.5f;
        for (const auto& [heading, text] : sections) {
            if (text.empty() || y + 2 * m.line(m.body) > inner.bottom())
                continue;
            y = section_title(canvas, inner.x, y, inner.w, heading);
            float room = inner.bottom() - y;
            y += canvas.paragraph(canvas.fonts().body, {inner.x, y, inner.w, room}, text, theme.text) +
                 m.pad * 0.5f;
        }
        canvas.end_panel();
    };
    // A chapter with no local position is a gap in what is recorded, like a missing timescale.
    bool positions = view.overall.no_local_position > 0;
    panel("no-timescale", layout.no_timescale,
          positions ? "with no timescale or local position" : "with no timescale",
          view.overall.no_timescale + view.overall.no_local_position,
          {{"Chapters with no local position recorded", join(no_position)},
           {"Deadlines that cannot be read", join(unreadable)},
           {"Recommendations with local actions and no deadline", join(no_deadline)},
           {"Recommendations with no local response", join(no_response)}});
    panel("no-lead", layout.no_lead, "milestones with no named lead", view.overall.no_lead,
          {{"Recommendation (deadline)", join(no_lead)}});
    if (!cannot_draw.empty()) {
        // "rec 12's text: U+4E2D U+6587" for each place, in the order they occur.
        std::vector<std::string> items; // in order of first occurrence
        std::map<std::string, std::size_t> item_of_place;
        std::set<char32_t> distinct;
        for (const GlyphFinding& finding : cannot_draw) {
            std::string where = describe(finding.place);
            auto [place, added] = item_of_place.emplace(where, items.size());
            if (added)
                items.push_back(where + ":");
            items[place->second].append(" ").append(code_point_label(finding.code_point));
            distinct.insert(finding.code_point);
        }
        panel("cannot-draw", layout.cannot_draw, "characters the font cannot draw",
              int(distinct.size()), {{"Shown as \xEF\xBF\xBD instead, in", join(items)}});
    }
    canvas.end_panel();
}

// [SECTION] One recommendation in full

void draw_recommendation(Canvas& canvas, Rect content, const Snapshot& snapshot,
                         std::string_view ref) {
    const Metrics& m = canvas.metrics();
    const Theme& theme = canvas.theme();
    const Plan& plan = *snapshot.plan;
    const Recommendation* rec = plan.find_recommendation(ref);
    canvas.begin_panel("content", content, false);
    if (!rec) {
        canvas.text(canvas.fonts().heading, content.x, content.y,
                    "There is no recommendation " + std::string(ref) + " in this plan",
                    theme.text, content.w);
        canvas.end_panel();
        return;
    }
    std::size_t index = std::size_t(rec - plan.recommendations.data());
    const RecommendationView& rec_view = snapshot.view.recommendations[index];

    // Summary row: status, RAG, addressee, bodies.
    float h = m.line(m.body);
    float x = content.x;
    Rect chip = canvas.status_chip(x, content.y, canvas.fonts().body, rec->status, content.w * 0.3f);
    Rect badge = canvas.badge(chip.right() + m.gap, content.y, h, rec_view.rag,
                              rag_meaning(rec_view.rag, snapshot.view.amber_days));
    const Chapter* chapter = plan.find_chapter(rec->chapter);
    canvas.text(canvas.fonts().body, badge.right() + m.gap, content.y,
                rag_meaning(rec_view.rag, snapshot.view.amber_days) + "  \xC2\xB7  Chapter " +
                    std::to_string(rec->chapter) + (chapter ? " " + chapter->title : "") +
                    (rec->addressed_to ? "  \xC2\xB7  Addressed to " +
                                             std::string(to_string(*rec->addressed_to)) + " bodies"
                                       : std::string()),
                theme.text_muted, content.right() - badge.right() - m.gap);
    float top = content.y + h + m.gap;
    float half = (content.w - m.gap) / 2;
    Rect left{content.x, top, half, content.bottom() - top};
    Rect right{content.x + half + m.gap, top, half, content.bottom() - top};

    // Left: the recommendation and the Government response.
    canvas.begin_panel("rec-text", left);
    Rect inner = left.inset(m.pad, m.pad * 0.5f);
    float y = section_title(canvas, inner.x, inner.y, inner.w, "Recommendation");
    std::vector<std::string> text = block_items(rec->text);
    for (const auto& part : rec->parts)
        text.push_back("(" + part.label + ") " + one_line(part.text));
    y += canvas.bullets(canvas.fonts().body, {inner.x, y, inner.w, (inner.bottom() - y) * 0.55f},
                        text, theme.text, 4) + m.pad;
    bool government = !rec->government_response.empty() || rec->government_deadline;
    if (government && y + 2 * h < inner.bottom()) {
        y = section_title(canvas, inner.x, y, inner.w,
                          "Government response" + (rec->government_deadline
                                                       ? " \xE2\x80\x93 " + *rec->government_deadline
                                                       : std::string()));
        canvas.bullets(canvas.fonts().label, {inner.x, y, inner.w, inner.bottom() - y},
                       block_items(rec->government_response), theme.text_muted, 3);
    }
    canvas.end_panel();

    // Right: the local response and every milestone.
    canvas.begin_panel("rec-local", right);
    inner = right.inset(m.pad, m.pad * 0.5f);
    y = section_title(canvas, inner.x, inner.y, inner.w,
                      rec->local_response_see
                          ? "Local response (shared with recommendation " +
                                *rec->local_response_see + ")"
                          : "Local response");
    std::vector<std::string> local = block_items(plan.effective_local_response(*rec));
    for (const auto& part : rec->parts) {
        for (const auto& block : part.local_response)
            local.push_back("(" + part.label + ") " +
                            (block.is_list() ? one_line({block}) : block.paragraph));
    }
    float milestones_h = std::min(float(rec_view.milestones.size() + 1) * h + m.pad,
                                  (inner.bottom() - y) * 0.45f);
    y += canvas.bullets(canvas.fonts().label, {inner.x, y, inner.w, inner.bottom() - y - milestones_h},
                        local, theme.text, 3) + m.pad * 0.5f;
    y = std::max(y, inner.bottom() - milestones_h);
    y = section_title(canvas, inner.x, y, inner.w,
                      "Milestones (" + std::to_string(rec_view.milestones.size()) + ")");
    for (std::size_t k = 0; k < rec_view.milestones.size(); ++k) {
        if (y + h > inner.bottom() + 0.5f)
            break;
        const Milestone& milestone = snapshot.view.milestones[rec_view.milestones[k]];
        Rect b = canvas.badge(inner.x, y, h, milestone.rag);
        std::string due = milestone.reading.due ? short_date(*milestone.reading.due)
                                                : std::string(to_string(milestone.reading.kind));
        canvas.text(canvas.fonts().body, b.right() + m.pad * 0.5f, y,
                    due + "  \xC2\xB7  " + milestone.text + "  \xC2\xB7  " +
                        milestone.lead.value_or("no lead"),
                    theme.text, inner.right() - b.right() - m.pad * 0.5f);
        y += h;
    }
    canvas.end_panel();
    canvas.end_panel();
}

} // namespace actionboard::ui
