#include "views.hpp"

#include "dashboard/core/ref.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
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

std::string format_time(std::chrono::system_clock::time_point when, const char* format) {
    std::time_t t = std::chrono::system_clock::to_time_t(when);
    std::tm local{};
    localtime_r(&t, &local);
    char buffer[64];
    std::strftime(buffer, sizeof buffer, format, &local);
    return buffer;
}

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

// [SECTION] Reported RAG

bool reports_rag(const Snapshot& snapshot) {
    return snapshot.view.overall.reported_rags > 0;
}

float reported_rag_width(const Canvas& canvas, float h) {
    float widest = 0;
    for (Rag rag : rag_order)
        widest = std::max(widest, canvas.badge_width(h, rag));
    return widest + h * 0.25f + canvas.mark_width(h);
}

Rect draw_reported_rag(Canvas& canvas, float x, float y, float h, const Snapshot& snapshot,
                       std::size_t rec_index) {
    const Recommendation& rec = snapshot.plan->recommendations[rec_index];
    const RecommendationView& rec_view = snapshot.view.recommendations[rec_index];
    if (!rec.reported_rag)
        return {x, y, 0, h};
    std::string note = "rec " + rec.ref + ": " + reported_rag_note(rec.reported_rag, rec_view.rag);
    Rect badge = canvas.reported_badge(x, y, h, *rec.reported_rag, note);
    if (!disagrees(rec_view.reported))
        return badge;
    Rect mark = canvas.disagreement_mark(badge.right() + h * 0.25f, y, h, note);
    return {x, y, mark.right() - x, h};
}

// [SECTION] The history's words

const history::ComplianceChange* chapter_change(const history::Comparison* comparison, int number) {
    if (!comparison)
        return nullptr;
    for (const auto& chapter : comparison->chapters) {
        if (chapter.number == number)
            return chapter.compliance ? &*chapter.compliance : nullptr;
    }
    return nullptr;
}

const history::RecommendationDirection* rec_direction(const history::Comparison* comparison,
                                                      std::string_view ref) {
    if (!comparison)
        return nullptr;
    for (const auto& rec : comparison->recommendations) {
        if (same_ref(rec.ref, ref))
            return rec.direction ? &rec : nullptr;
    }
    return nullptr;
}

std::string since_text(const history::Comparison& comparison) {
    return history::short_date(comparison.label_date, comparison.as_of);
}

std::string rec_direction_label(const history::RecommendationDirection& direction,
                                const history::Comparison& comparison) {
    if (!direction.baseline_rag)
        return {};
    return "was " + std::string(to_string(*direction.baseline_rag)) + " on " +
           since_text(comparison);
}

std::string first_seen_text(const history::HistoryState& history, const history::Change& change) {
    if (!history.timeline || change.first_seen >= history.timeline->versions.size())
        return {};
    Date as_of = history.comparison ? history.comparison->as_of : Date{};
    return "first seen " +
           history::short_date(history.timeline->versions[change.first_seen].recorded_day, as_of);
}

std::string history_strings(const history::HistoryState* history) {
    std::string text;
    if (!history)
        return text;
    text += history->status_line();
    if (const auto& comparison = history->comparison) {
        text += comparison->overall.label;
        for (const auto& chapter : comparison->chapters)
            text += chapter.title + (chapter.compliance ? chapter.compliance->label : "");
        for (const auto& change : comparison->changes)
            text +=
                history::describe(change, comparison->as_of) + first_seen_text(*history, change);
    }
    if (history->timeline) {
        for (const auto& version : history->timeline->versions)
            text += version.facts->plan_version;
    }
    return text;
}

std::string history_line(const FrameContext& context) {
    const history::HistoryState* state = context.history;
    if (!state || state->generation == 0) // not known yet: said once the history thread has looked
        return {};
    if (state->status == history::HistoryStatus::unavailable ||
        state->status == history::HistoryStatus::not_recording)
        return state->status_line();
    return {};
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
    std::string dates =
        "As of " + (narrow ? short_date(snapshot.view.as_of) : format_long(snapshot.view.as_of)) +
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

void draw_legend(Canvas& canvas, const Frame& frame, int amber_days, bool reported) {
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
    // The officer's reported RAG (outlined) and the mark of a disagreement, for a plan with them.
    for (int entry = 0; reported && entry < 2; ++entry) {
        std::string meaning = entry == 0 ? "Reported" : "Disagrees";
        float need = (entry == 0 ? canvas.badge_width(h, Rag::green) : canvas.mark_width(h)) +
                     m.pad * 0.5f + canvas.text_width(label, meaning);
        if (x + need > rect.right() && x > rect.x + m.pad) {
            x = rect.x + m.pad;
            y += h + line_gap;
        }
        if (y + h > rect.bottom() + 0.5f)
            break;
        Rect symbol = entry == 0
                          ? canvas.reported_badge(x, y, h, Rag::green, "reported by the officer")
                          : canvas.disagreement_mark(x, y, h, "reported and computed RAG disagree");
        Rect text = canvas.text(label, symbol.right() + m.pad * 0.5f, y, meaning,
                                canvas.theme().text, rect.right() - symbol.right() - m.pad * 0.5f);
        x = text.right() + m.gap * 1.5f;
    }
    canvas.end_panel();
}

int banner_lines(const FrameContext& context) {
    return (context.reload && context.reload->degraded ? 1 : 0) + (context.stale ? 1 : 0) +
           (history_line(context).empty() ? 0 : 1);
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
        y += each;
    }
    if (std::string line = history_line(context); !line.empty()) {
        // Not an alarm about the plan: one line in the muted colour (docs/history.md).
        Rect band{rect.x, y, rect.w, each};
        canvas.fill(band, canvas.theme().panel, m.pad * 0.5f);
        canvas.text(canvas.fonts().body, band.x + m.pad, band.y + (band.h - line_h) / 2, line,
                    canvas.theme().text_muted, band.w - 2 * m.pad);
    }
    canvas.end_panel();
}

// [SECTION] Overview: compliance by chapter

namespace {

// A headline figure: the number, with its caption below it, or beside it (`number_w` wide,
// right-aligned so the captions line up) when the figures stand one a row.
// `mark`: the disagreement mark in place of a RAG badge. `caption_lines`: below the number.
void draw_figure(Canvas& canvas, Rect box, const std::string& id, int value,
                 const std::string& caption, std::optional<Rag> tone, bool mark, bool beside,
                 float number_w, int caption_lines) {
    const Metrics& m = canvas.metrics();
    const Theme& theme = canvas.theme();
    canvas.begin_panel(id, box);
    Rect inner = box.inset(m.pad, m.pad * 0.5f);
    Rgb colour = tone && value > 0 ? theme.rag_colour(*tone) : theme.text;
    std::string number = std::to_string(value);
    ImFont* headline = canvas.fonts().headline;
    // The digits' box is the font's height (no descenders): it starts at the tile's padding.
    float number_h = headline->FontSize;
    ImFont* label = canvas.fonts().label;
    float label_h = m.line(m.label);
    if (!beside) {
        canvas.text(headline, inner.x, inner.y, number, colour, inner.w, Align::left, number_h);
        float y = inner.bottom() - float(caption_lines) * label_h;
        float x = inner.x;
        if (tone)
            x = canvas.badge(x, y, label_h, *tone).right() + m.pad * 0.5f;
        else if (mark)
            x = canvas.disagreement_mark(x, y, label_h, caption).right() + m.pad * 0.5f;
        canvas.paragraph(label, {x, y, inner.right() - x, float(caption_lines) * label_h}, caption,
                         theme.text_muted, caption_lines);
        canvas.end_panel();
        return;
    }
    number_w = std::min(number_w, inner.w * 0.5f);
    canvas.text(headline, inner.x, inner.y + (inner.h - number_h) / 2, number, colour, number_w,
                Align::right, number_h);
    float x = inner.x + number_w + m.gap;
    if (tone)
        x = canvas.badge(x, inner.y + (inner.h - label_h) / 2, label_h, *tone).right() +
            m.pad * 0.5f;
    else if (mark)
        x = canvas.disagreement_mark(x, inner.y + (inner.h - label_h) / 2, label_h, caption)
                .right() +
            m.pad * 0.5f;
    // The caption on up to two lines, centred on the number.
    float width = inner.right() - x;
    int lines = std::clamp(int(canvas.wrap(label, caption, width, 2).size()), 1, 2);
    float caption_h = float(lines) * label_h;
    canvas.paragraph(label, {x, inner.y + (inner.h - caption_h) / 2, width, caption_h}, caption,
                     theme.text_muted, lines);
    canvas.end_panel();
}

// The rows of counted badges `counts` takes at `width` (rag_counts with wrapping).
int badge_rows(const Canvas& canvas, float h, float width, const Counts& counts) {
    const Metrics& m = canvas.metrics();
    int rows = 1;
    float x = 0;
    for (Rag rag : rag_order) {
        int count = counts.by_rag[int(rag)];
        if (count == 0)
            continue;
        float w = canvas.counted_badge_width(h, rag, count);
        if (x > 0 && x + w > width + 0.5f) {
            ++rows;
            x = 0;
        }
        x += w + m.gap;
    }
    return rows;
}

// How the items fit `lines` lines: those shown and the lines each takes (the last one shown
// may be cut to fewer).
std::vector<int> position_lines(const std::vector<int>& wanted, int lines) {
    std::vector<int> shown;
    for (int each : wanted) {
        if (lines <= 0)
            break;
        shown.push_back(std::min(each, lines));
        lines -= shown.back();
    }
    return shown;
}

struct TileParts {
    std::string title;
    int title_lines = 1;
    float title_w = 0;
    // The direction of travel: an arrow beside the compliance, its label ("+9 since 7 Jul") on
    // the bar's row when there is room, else on a line of its own under it (when the tile has
    // room for that line), else left out.
    const history::ComplianceChange* change = nullptr;
    bool label_on_bar = false;
    bool label_line = false;
    int badge_rows = 1;
    bool with_position = false;        // landscape: the local position fills the rest
    std::vector<std::string> position; // the local position's items
    std::vector<int> position_wanted;  // the lines each takes (one or two)
    float height = 0;                  // the natural height: everything, every item
};

std::string compliance_text(const Counts& counts) {
    return percent_text(counts.compliance_percent()) + " compliant";
}

// `max_height`: the tile's cell; the local position is measured only as far as it can show.
TileParts tile_parts(const Canvas& canvas, float width, float max_height, const Chapter& chapter,
                     const Counts& counts, bool with_position,
                     const history::ComplianceChange* change) {
    const Metrics& m = canvas.metrics();
    TileParts parts;
    float inner_w = width - 2 * m.pad;
    float badge_h = m.line(m.body);
    parts.title = std::to_string(chapter.number) + "  " + chapter.title;
    parts.title_w = inner_w - canvas.badge_width(badge_h, counts.worst) - m.pad;
    parts.title_lines = std::clamp(
        int(canvas.wrap(canvas.fonts().bold, parts.title, parts.title_w, 2).size()), 1, 2);
    parts.badge_rows = badge_rows(canvas, badge_h, inner_w, counts);
    float s = tile_spacing(m);
    parts.height = 2 * m.pad + float(parts.title_lines) * m.line(m.body) + s + m.line(m.label) + s +
                   float(parts.badge_rows) * badge_h + float(parts.badge_rows - 1) * m.pad * 0.4f;
    parts.change = change;
    if (change) {
        ImFont* label = canvas.fonts().label;
        float bar_h = m.line(m.label);
        float beside = canvas.text_width(label, compliance_text(counts)) + m.pad * 0.3f + bar_h +
                       m.pad * 0.3f + canvas.text_width(label, change->label) + 1;
        // The bar keeps at least a third of the row.
        parts.label_on_bar = beside + m.pad <= inner_w * 0.66f;
        if (!parts.label_on_bar && parts.height + m.line(m.label) + s <= max_height + 0.5f) {
            parts.label_line = true;
            parts.height += m.line(m.label) + s;
        }
    }
    parts.with_position = with_position;
    if (with_position) {
        parts.position = block_items(chapter.local_position);
        parts.height += s + m.line(m.label); // the heading, or "No local position recorded"
        ImFont* label = canvas.fonts().label;
        float indent = canvas.text_width(label, "\xE2\x80\xA2  ");
        for (const auto& item : parts.position) {
            int lines = 1; // (an item below the tile's foot is never shown: not measured)
            if (parts.height <= max_height)
                lines = std::clamp(int(canvas.wrap(label, item, inner_w - indent, 2).size()), 1, 2);
            parts.position_wanted.push_back(lines);
            parts.height += float(lines) * m.line(m.label);
        }
    }
    return parts;
}

void draw_chapter_tile(Canvas& canvas, Rect box, const Chapter& chapter, const Counts& counts,
                       const TileParts& parts, int amber_days) {
    const Metrics& m = canvas.metrics();
    const Theme& theme = canvas.theme();
    std::string id = "chapter-" + std::to_string(chapter.number);
    canvas.begin_panel(id, box);
    Rect inner = box.inset(m.pad);
    float badge_h = m.line(m.body);
    float line_h = m.line(m.body);
    float s = tile_spacing(m);
    ImFont* label = canvas.fonts().label;

    // Title (up to two lines, then cut), with the chapter's worst RAG as a badge on the right.
    float worst_w = canvas.badge_width(badge_h, counts.worst);
    canvas.badge(inner.right() - worst_w, inner.y, badge_h, counts.worst,
                 "worst: " + rag_meaning(counts.worst, amber_days));
    // (One line: drawn as it was measured, without wrapping it again.)
    float y = inner.y + (parts.title_lines == 1
                             ? canvas
                                   .text(canvas.fonts().bold, inner.x, inner.y, parts.title,
                                         theme.text, parts.title_w)
                                   .h
                             : canvas.paragraph(canvas.fonts().bold,
                                                {inner.x, inner.y, parts.title_w, 2 * line_h},
                                                parts.title, theme.text, 2));
    y += s;

    // The RAG mix as a stacked bar (to scale, each part with its letter), the compliance beside,
    // and its direction of travel since the baseline.
    float bar_h = m.line(m.label);
    if (y + bar_h <= inner.bottom() + 0.5f) {
        std::string pct = compliance_text(counts);
        float pct_w = canvas.text_width(label, pct) + 1;
        const history::ComplianceChange* change = parts.change;
        float arrow_w = change ? m.pad * 0.3f + bar_h : 0.0f;
        float label_w = change && parts.label_on_bar
                            ? m.pad * 0.3f + canvas.text_width(label, change->label) + 1
                            : 0.0f;
        float right_w = pct_w + arrow_w + label_w;
        Rect track{inner.x, y, std::max(0.0f, inner.w - right_w - m.pad), bar_h};
        canvas.fill(track, theme.panel_border); // square, like the segments over it
        float unit = counts.recommendations > 0 ? track.w / float(counts.recommendations) : 0;
        canvas.stacked_bar(track, counts.by_rag, {std::begin(rag_order), std::end(rag_order)}, unit,
                           false, true, "RAG mix of chapter " + std::to_string(chapter.number));
        float x = inner.right() - right_w;
        canvas.text(label, x, y, pct, theme.text, pct_w, Align::right);
        if (change) {
            std::string what = "chapter " + std::to_string(chapter.number);
            Rect arrow = canvas.arrow(x + pct_w + m.pad * 0.3f, y, bar_h, change->direction, what,
                                      change->label);
            if (parts.label_on_bar)
                canvas.text(label, arrow.right() + m.pad * 0.3f, y, change->label, theme.text,
                            inner.right() - arrow.right() - m.pad * 0.3f);
        }
        y += bar_h + s;
        if (change && parts.label_line && y + bar_h + s + badge_h <= inner.bottom() + 0.5f) {
            // The label under the arrow, right-aligned with it.
            float w = std::min(canvas.text_width(label, change->label) + 1, inner.w);
            canvas.text(label, inner.right() - w, y, change->label, theme.text, w, Align::right);
            y += bar_h + s;
        }
    }

    // Counts by RAG: a badge and a number for each RAG present, wrapping if need be.
    if (y + badge_h <= inner.bottom() + 0.5f)
        y = rag_counts(canvas, inner.x, y, badge_h, inner, counts, true) + badge_h + s;

    // Where the chapter stands: the local position's first items, as many as fit.
    float label_h = m.line(m.label);
    int room = int(std::floor((inner.bottom() - y + 0.5f) / label_h)) - 1; // under the heading
    if (parts.with_position && !parts.position.empty() && room >= 1) {
        std::vector<int> shown = position_lines(parts.position_wanted, room);
        std::string heading = "Local position";
        if (shown.size() < parts.position.size())
            heading += " (" + std::to_string(shown.size()) + " of " +
                       std::to_string(parts.position.size()) + ")";
        canvas.text(canvas.fonts().label, inner.x, y, heading, theme.accent, inner.w);
        y += label_h;
        float indent = canvas.text_width(label, "\xE2\x80\xA2  ");
        for (std::size_t i = 0; i < shown.size(); ++i) {
            canvas.text(label, inner.x, y, "\xE2\x80\xA2", theme.text_muted, indent);
            if (shown[i] == 1) // one line, whole or cut with "…"
                y += canvas
                         .text(label, inner.x + indent, y, parts.position[i], theme.text,
                               inner.w - indent)
                         .h;
            else
                y += canvas.paragraph(label, {inner.x + indent, y, inner.w - indent, 2 * label_h},
                                      parts.position[i], theme.text, 2);
        }
    } else if (parts.with_position && parts.position.empty() && room >= 0) {
        canvas.text(label, inner.x, y, "No local position recorded", theme.text_muted, inner.w);
    }
    canvas.end_panel();
}

} // namespace

Clicked draw_overview(Canvas& canvas, Rect content, const Snapshot& snapshot, const Page& page,
                      bool paged, const history::Comparison* comparison) {
    const Metrics& m = canvas.metrics();
    const PlanView& view = snapshot.view;
    const Plan& plan = *snapshot.plan;
    const Counts& all = view.overall;
    // A plan with reported RAGs has a sixth figure: how many disagree with the deadlines.
    std::size_t figure_count = std::size_t(overview_figures(view));
    OverviewLayout layout =
        overview_layout(content, m, int(figure_count), int(plan.chapters.size()), page.slice, paged,
                        comparison != nullptr);
    canvas.begin_panel("content", content, false);
    Clicked clicked;
    if (layout.figures.size() == figure_count) {
        struct Figure {
            const char* id;
            int value;
            std::string caption;
            std::optional<Rag> tone;
            bool mark = false;
        };
        std::vector<Figure> figures = {
            {"figure-recommendations", all.recommendations, "Recommendations", std::nullopt},
            {"figure-compliant", all.compliant(),
             "Compliant (" + percent_text(all.compliance_percent()) + ")", Rag::blue},
            {"figure-overdue", all.overdue, "Overdue milestones", Rag::red},
            {"figure-due-soon", all.due_soon,
             "Due within " + std::to_string(view.amber_days) + " days", Rag::amber},
            {"figure-no-timescale", all.no_timescale, "No timescale", std::nullopt}};
        if (figure_count == 6)
            figures.push_back({"figure-rag-disagreements", all.rag_disagreements,
                               "Reported RAG disagrees", std::nullopt, true});
        float number_w = 0;
        for (const Figure& figure : figures)
            number_w = std::max(
                number_w,
                canvas.text_width(canvas.fonts().headline, std::to_string(figure.value)) + 1);
        for (std::size_t i = 0; i < figure_count; ++i)
            draw_figure(canvas, layout.figures[i], figures[i].id, figures[i].value,
                        figures[i].caption, figures[i].tone, figures[i].mark, layout.figure_rows,
                        number_w, layout.caption_lines);
    }
    std::vector<TileParts> parts;
    std::vector<Rect> boxes;
    for (std::size_t cell = 0; cell < layout.tiles.cells.size(); ++cell) {
        std::size_t i = std::size_t(layout.first_tile) + cell;
        if (i >= plan.chapters.size())
            break;
        boxes.push_back(layout.tiles.cells[cell]);
        parts.push_back(tile_parts(canvas, boxes.back().w, boxes.back().h, plan.chapters[i],
                                   view.chapters[i].counts, !layout.compact_tiles,
                                   chapter_change(comparison, plan.chapters[i].number)));
    }
    if (layout.compact_tiles) {
        // Portrait: one column of tiles as tall as their content (a one-line title gives a
        // shorter tile), from the top of the slice.
        for (std::size_t k = 0; k < boxes.size(); ++k) {
            boxes[k].h = std::min(boxes[k].h, std::ceil(parts[k].height));
            if (k > 0)
                boxes[k].y = boxes[k - 1].bottom() + m.gap;
        }
    } else {
        // Landscape: as tall as their content, up to their cell. The local position fills a
        // tile; a chapter with a short one gets a shorter tile rather than an empty box.
        for (std::size_t k = 0; k < boxes.size(); ++k)
            boxes[k].h = std::min(boxes[k].h, std::ceil(parts[k].height));
    }
    for (std::size_t k = 0; k < boxes.size(); ++k) {
        std::size_t i = std::size_t(layout.first_tile) + k;
        draw_chapter_tile(canvas, boxes[k], plan.chapters[i], view.chapters[i].counts, parts[k],
                          view.amber_days);
        if (canvas.clicked(boxes[k]))
            clicked.chapter = plan.chapters[i].number;
    }
    canvas.end_panel();
    return clicked;
}

// [SECTION] Chapter: key points, local position, recommendations

namespace {

// The chapter's compliance, its arrow and its label after the words: the label where it fits in
// `room` (else the arrow alone). Returns the right edge.
float draw_compliance_direction(Canvas& canvas, float x, float y, float room, int chapter,
                                const history::ComplianceChange& change) {
    const Metrics& m = canvas.metrics();
    ImFont* body = canvas.fonts().body;
    float h = m.line(m.body);
    Rect arrow = canvas.arrow(x + m.pad * 0.5f, y, h, change.direction,
                              "chapter " + std::to_string(chapter), change.label);
    float label_w = canvas.text_width(body, change.label) + 1;
    if (arrow.right() + m.pad * 0.4f + label_w > x + room)
        return arrow.right();
    return canvas
        .text(body, arrow.right() + m.pad * 0.4f, y, change.label, canvas.theme().text, label_w)
        .right();
}

// The chapter's counts on the title row (with the compliance's arrow against the baseline);
// then, when `context`, the key points and the local position side by side.
void draw_chapter_head(Canvas& canvas, const ChapterLayout& layout, const Chapter& chapter,
                       const Counts& counts, bool context,
                       const history::ComplianceChange* change) {
    const Metrics& m = canvas.metrics();
    const Theme& theme = canvas.theme();
    canvas.begin_panel("chapter-summary", layout.title, false);
    std::string words = plural(counts.recommendations, "recommendation", "recommendations") +
                        "  \xC2\xB7  " + percent_text(counts.compliance_percent()) + " compliant";
    float arrow_room = change ? m.line(m.body) + m.pad * 0.5f : 0.0f;
    if (layout.stacked_rows) { // narrow: the words, then the badges below them
        ImFont* body = canvas.fonts().body;
        Rect summary = canvas.text(body, layout.title.x, layout.title.y, words, theme.text,
                                   layout.title.w - arrow_room);
        float right = summary.right();
        if (change)
            right = draw_compliance_direction(canvas, summary.right(), layout.title.y,
                                              layout.title.right() - summary.right(),
                                              chapter.number, *change);
        float badges_y = layout.title.y + m.line(m.body);
        rag_counts(canvas, layout.title.x, badges_y, m.line(m.body), layout.title, counts, false);
        if (change && right < summary.right() + arrow_room + 1) {
            // The label had no room beside the arrow: at the end of the badges' row, if it fits.
            float badges_w = 0;
            for (Rag rag : rag_order) {
                if (int count = counts.by_rag[int(rag)]; count > 0)
                    badges_w += canvas.counted_badge_width(m.line(m.body), rag, count) + m.gap;
            }
            float label_w = canvas.text_width(body, change->label) + 1;
            if (badges_w + m.gap + label_w <= layout.title.w)
                canvas.text(body, layout.title.right() - label_w, badges_y, change->label,
                            theme.text, label_w);
        }
    } else {
        Rect summary = canvas.text(canvas.fonts().body, layout.title.x, layout.title.y, words,
                                   theme.text, layout.title.w * 0.5f - arrow_room);
        float right = summary.right();
        if (change)
            right = draw_compliance_direction(canvas, right, layout.title.y,
                                              layout.title.w * 0.5f - (right - layout.title.x),
                                              chapter.number, *change);
        rag_counts(canvas, right + m.gap * 2, layout.title.y, m.line(m.body), layout.title, counts,
                   false);
    }
    canvas.end_panel();
    if (!context)
        return;
    for (auto [id, title, blocks, rect] :
         {std::tuple{"key-points", "Key points", &chapter.key_points, layout.key_points},
          std::tuple{"local-position", "Local position", &chapter.local_position,
                     layout.position}}) {
        canvas.begin_panel(id, rect);
        Rect inner = rect.inset(m.pad, m.pad * 0.5f);
        float y = section_title(canvas, inner.x, inner.y, inner.w, title);
        std::vector<std::string> items = block_items(*blocks);
        if (items.empty()) // said, not left blank: an empty box reads as a drawing fault
            canvas.text(canvas.fonts().label, inner.x, y,
                        blocks == &chapter.local_position ? "No local position recorded"
                                                          : "No key points recorded",
                        theme.text_muted, inner.w);
        else
            canvas.bullets(canvas.fonts().label, {inner.x, y, inner.w, inner.bottom() - y}, items,
                           theme.text, 2);
        canvas.end_panel();
    }
}

// The words for the recommendations a wall page leaves out, by RAG.
const char* hidden_words(Rag rag) {
    switch (rag) {
    case Rag::green:
        return "on track";
    case Rag::blue:
        return "complete";
    case Rag::none:
        return "no due date";
    default:
        return "more";
    }
}

// The foot of a chapter's last wall page when some recommendations did not fit: a badge and a
// count for each RAG left out ("+240 on track, 20 complete"), wrapping onto a second line
// when the row has one.
void draw_hidden_summary(Canvas& canvas, Rect box, const ChapterWall& wall, ImFont* font) {
    const Metrics& m = canvas.metrics();
    const Theme& theme = canvas.theme();
    canvas.begin_panel("hidden-summary", box, false);
    float line_h = m.line(font->FontSize);
    float x = box.x + m.pad, y = box.y + std::fmod(box.h, line_h) / 2;
    for (Rag rag : {Rag::green, Rag::none, Rag::blue}) {
        int count = wall.hidden[std::size_t(int(rag))];
        if (count == 0)
            continue;
        // (append, not "+" + to_string(): GCC 12 warns falsely on that, -Wrestrict)
        std::string words =
            std::string("+").append(std::to_string(count)).append(" ").append(hidden_words(rag));
        float need =
            canvas.badge_width(line_h, rag) + m.pad * 0.4f + canvas.text_width(font, words);
        if (x + need > box.right() - m.pad && x > box.x + m.pad &&
            y + 2 * line_h <= box.bottom() + 0.5f) {
            x = box.x + m.pad;
            y += line_h;
        }
        Rect badge = canvas.badge(x, y, line_h, rag, rag_meaning(rag, 30));
        Rect text = canvas.text(font, badge.right() + m.pad * 0.4f, y, words, theme.text,
                                box.right() - m.pad - badge.right() - m.pad * 0.4f);
        x = text.right() + m.gap * 1.5f;
    }
    std::string note = "every one on the desktop and in the feed";
    if (x + canvas.text_width(font, note) <= box.right() - m.pad)
        canvas.text(font, x, y, note, theme.text_muted, box.right() - m.pad - x);
    canvas.end_panel();
}

} // namespace

Rect draw_chapter_context(Canvas& canvas, Rect content, const Snapshot& snapshot, int number,
                          const history::Comparison* comparison) {
    const Plan& plan = *snapshot.plan;
    ChapterLayout layout = chapter_layout(content, canvas.metrics());
    const Chapter* chapter = plan.find_chapter(number);
    if (!chapter)
        return layout.table;
    const ChapterView& chapter_view =
        snapshot.view.chapters[std::size_t(chapter - plan.chapters.data())];
    draw_chapter_head(canvas, layout, *chapter, chapter_view.counts, true,
                      chapter_change(comparison, number));
    return layout.table;
}

Clicked draw_chapter(Canvas& canvas, Rect content, const Snapshot& snapshot, const Page& page,
                     int chapter_pages, const history::Comparison* comparison) {
    const Metrics& m = canvas.metrics();
    const Theme& theme = canvas.theme();
    const Plan& plan = *snapshot.plan;
    const PlanView& view = snapshot.view;
    Clicked clicked;
    const Chapter* chapter = plan.find_chapter(page.chapter);
    if (!chapter)
        return clicked;
    std::size_t chapter_index = std::size_t(chapter - plan.chapters.data());
    const ChapterView& chapter_view = view.chapters[chapter_index];
    // The same pages the rotation counted (pages.hpp): exception-first, within the budget.
    bool context = has_wall_context(*chapter);
    ChapterWall wall =
        chapter_wall(chapter_wall_rows(view, chapter_index),
                     chapter_rows_for(chapter_rows(content, m), context), chapter_pages);
    int slice = std::clamp(page.slice, 0, int(wall.pages.size()) - 1);
    const WallPage& wall_page = wall.pages[std::size_t(slice)];
    bool boxes = slice == 0 && context; // key points and local position: the first page only
    ChapterLayout layout = chapter_layout(content, m, boxes, wall_page.dense);
    canvas.begin_panel("content", content, false);
    draw_chapter_head(canvas, layout, *chapter, chapter_view.counts, boxes,
                      chapter_change(comparison, page.chapter));

    std::vector<std::size_t> recs;
    for (int position : wall_page.rows)
        recs.push_back(chapter_view.recommendations[std::size_t(position)]);
    bool summary = slice == int(wall.pages.size()) - 1 && wall.hidden_total() > 0;

    Rect table = layout.table;
    canvas.begin_panel("recommendations", table, false);
    ImFont* label = canvas.fonts().label;
    // Dense rows are label-size text throughout (at least 1/40 of the screen height).
    ImFont* text_font = layout.dense ? label : canvas.fonts().body;
    ImFont* ref_font = layout.dense ? label : canvas.fonts().bold;
    float line_h = m.line(text_font->FontSize);
    // As wide as the widest ref on the page ("R12a", "1.10"), and never more than a fifth.
    float ref_w = canvas.text_width(ref_font, "888");
    for (std::size_t index : recs)
        ref_w = std::max(ref_w, canvas.text_width(ref_font, plan.recommendations[index].ref));
    ref_w = std::min(ref_w, table.w * 0.2f) + m.pad;
    // The longest status whole: the chip pads its text by 0.35 of the font on each side.
    float status_w =
        canvas.text_width(label, "Awaiting national") + label->FontSize * 0.7f + m.pad * 1.5f;
    // With a baseline, each RAG has its arrow beside it.
    float rag_w =
        canvas.badge_width(line_h, Rag::blue) + m.pad + (comparison ? m.pad * 0.3f + line_h : 0.0f);
    // A plan with reported RAGs: the officer's beside the computed one, and the mark.
    bool reported = reports_rag(snapshot);
    float reported_w = reported ? std::max(reported_rag_width(canvas, line_h),
                                           canvas.text_width(label, "Reported")) +
                                      m.pad
                                : 0.0f;
    float next_w = canvas.text_width(label, "30 Sep 2009") + m.pad * 1.5f;
    // Columns left to right. Stacked rows put the text and the lead on the lines below.
    float x = table.x + m.pad;
    float ref_x = x, text_x = x + ref_w, text_w = 0;
    x += ref_w;
    float lead_w = 0;
    if (!layout.stacked_rows) {
        lead_w = std::max(table.w * 0.15f, canvas.text_width(label, "Children's Services"));
        text_w =
            table.right() - m.pad - x - status_w - rag_w - reported_w - next_w - lead_w - m.pad;
        x += text_w + m.pad;
    } else {
        text_w = table.right() - m.pad - text_x;
        lead_w = text_w;
        // One line holds the ref, status, RAGs and due date: the status gives way (cut with "…").
        status_w =
            std::min(status_w, std::max(label->FontSize * 4,
                                        table.right() - m.pad - x - rag_w - reported_w - next_w));
    }
    float status_x = x, rag_x = status_x + status_w, reported_x = rag_x + rag_w;
    float next_x = reported_x + reported_w;
    float lead_x = layout.stacked_rows ? text_x : next_x + next_w;
    canvas.text(label, ref_x, table.y, "Ref", theme.text_muted, ref_w);
    if (!layout.stacked_rows) {
        canvas.text(label, text_x, table.y, "Recommendation", theme.text_muted, text_w);
        canvas.text(label, lead_x, table.y, "Lead", theme.text_muted, lead_w);
    }
    canvas.text(label, status_x, table.y, "Status", theme.text_muted, status_w - m.pad * 0.5f);
    canvas.text(label, rag_x, table.y, "RAG", theme.text_muted, rag_w);
    if (reported)
        canvas.text(label, reported_x, table.y, "Reported", theme.text_muted, reported_w);
    canvas.text(label, next_x, table.y, "Next due", theme.text_muted,
                table.right() - m.pad - next_x);

    float y = table.y + layout.header_height;
    int lines = layout.row_lines();
    for (std::size_t index : recs) {
        const Recommendation& rec = plan.recommendations[index];
        const RecommendationView& rec_view = view.recommendations[index];
        Rect row{table.x, y, table.w, layout.row_height - m.pad * 0.4f};
        canvas.begin_panel("rec-" + rec.ref, row);
        float top = row.y + (row.h - float(lines) * line_h) / 2;
        canvas.text(ref_font, ref_x, top, rec.ref, theme.text, ref_w);
        canvas.status_chip(status_x, top, label, rec.status, status_w - m.pad * 0.5f);
        Rect badge =
            canvas.badge(rag_x, top, line_h, rec_view.rag,
                         "rec " + rec.ref + ": " + rag_meaning(rec_view.rag, view.amber_days));
        if (const history::RecommendationDirection* direction = rec_direction(comparison, rec.ref))
            canvas.arrow(badge.right() + m.pad * 0.3f, top, line_h, *direction->direction,
                         "rec " + rec.ref, rec_direction_label(*direction, *comparison));
        if (reported)
            draw_reported_rag(canvas, reported_x, top, line_h, snapshot, index);
        canvas.text(label, next_x, top, next_milestone_text(snapshot, index), theme.text,
                    table.right() - m.pad - next_x);
        if (layout.stacked_rows) {
            canvas.text(text_font, text_x, top + line_h, one_line(rec.text), theme.text, text_w);
            if (!layout.dense)
                canvas.text(label, lead_x, top + 2 * line_h, "Lead: " + lead_text(snapshot, index),
                            theme.text_muted, lead_w);
        } else if (layout.dense) {
            canvas.text(label, text_x, top, one_line(rec.text), theme.text, text_w);
            canvas.text(label, lead_x, top, lead_text(snapshot, index), theme.text_muted, lead_w);
        } else {
            canvas.paragraph(label, {lead_x, top, lead_w, 2 * m.line(m.label)},
                             lead_text(snapshot, index), theme.text_muted, 2);
            canvas.paragraph(text_font, {text_x, top, text_w, 2 * line_h}, one_line(rec.text),
                             theme.text, 2);
        }
        canvas.end_panel();
        if (canvas.clicked(row))
            clicked.ref = rec.ref;
        y += layout.row_height;
    }
    if (recs.empty())
        canvas.text(text_font, ref_x, y, "No recommendations in this chapter", theme.text_muted,
                    table.right() - m.pad - ref_x);
    if (summary)
        draw_hidden_summary(canvas, {table.x, y, table.w, layout.row_height - m.pad * 0.4f}, wall,
                            label);
    canvas.end_panel();
    canvas.end_panel();
    return clicked;
}

// [SECTION] Deadlines: a timeline by month, then overdue and due-soon lists

namespace {

int month_index(Date date) {
    return int(date.year()) * 12 + int(unsigned(date.month())) - 1;
}

std::string month_label(int index) {
    int year = index / 12;
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%s %02d", month_abbreviations[index % 12], year % 100);
    return buffer;
}

// Each line a milestone; one whose recommendation's reported RAG disagrees with the deadlines
// starts with the disagreement mark and ends with what was reported.
void draw_milestone_list(Canvas& canvas, Rect rect, const std::string& id, const std::string& title,
                         Rag rag, const std::vector<const Milestone*>& items,
                         const Snapshot& snapshot) {
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
        float x = inner.x;
        std::string reported; // " (reported green)" beside the ref, where it is not cut off
        const Recommendation* rec = snapshot.plan->find_recommendation(milestone.ref);
        const RecommendationView* rec_view = snapshot.view.find(milestone.ref);
        if (rec && rec_view && rec->reported_rag && disagrees(rec_view->reported)) {
            x = canvas
                    .disagreement_mark(x, y, h,
                                       "rec " + rec->ref + ": " +
                                           reported_rag_note(rec->reported_rag, rec_view->rag))
                    .right() +
                m.pad * 0.5f;
            reported.append(" (reported ").append(to_string(*rec->reported_rag)).append(")");
        }
        std::string line = short_date(*milestone.reading.due) + "  \xC2\xB7  Rec " + milestone.ref +
                           milestone.part + reported + "  \xC2\xB7  " +
                           milestone.lead.value_or("no lead") + "  \xC2\xB7  " +
                           (milestone.action.empty() ? milestone.text : milestone.action);
        canvas.text(font, x, y, line, theme.text, inner.right() - x);
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

    // Timeline: Earlier | months around the as-of date | Later, each a stacked bar of its
    // dated milestones by RAG, all to one scale, with a badge and count for each part.
    canvas.begin_panel("timeline", layout.timeline);
    Rect inner = layout.timeline.inset(m.pad, m.pad * 0.5f);
    float y = section_title(canvas, inner.x, inner.y, inner.w, "Local milestones by month");
    ImFont* label = canvas.fonts().label;
    float label_h = m.line(m.label);
    float badge_h = label_h;
    // A column holds its bar and, beside it, a badge and count for each part ("R 12").
    float bar_w_min = label_h * 0.9f;
    // Room for the widest count there can be (all the dated milestones in one part), at least
    // two digits.
    int dated = 0;
    for (const Milestone& milestone : view.milestones)
        dated += milestone.reading.kind == MilestoneKind::dated;
    float callout_w = canvas.counted_badge_width(badge_h, Rag::green, std::max(dated, 88));
    float column_min = std::max(canvas.text_width(label, "Earlier") + 2 * m.pad,
                                bar_w_min + m.pad * 0.5f + callout_w + m.pad);
    int columns = std::clamp(int(inner.w / column_min), 4, 14);
    int months = columns - 2;
    int now = month_index(view.as_of);
    int first_month = now - months / 4;
    int last_month = first_month + months - 1;
    std::vector<std::array<int, rag_count>> counts(std::size_t(columns),
                                                   std::array<int, rag_count>{});
    for (const Milestone& milestone : view.milestones) {
        if (milestone.reading.kind != MilestoneKind::dated)
            continue;
        int month = month_index(*milestone.reading.due);
        int column = month < first_month  ? 0
                     : month > last_month ? columns - 1
                                          : month - first_month + 1;
        ++counts[std::size_t(column)][std::size_t(int(milestone.rag))];
    }
    int most = 0;
    for (const auto& column : counts) {
        int total = 0;
        for (int count : column)
            total += count;
        most = std::max(most, total);
    }
    float column_w = inner.w / float(columns);
    float label_y = inner.bottom() - label_h;
    // Bars stand on a baseline above the month names, with room above the tallest for its total.
    float base = label_y - m.pad * 0.3f;
    float top = y + label_h;
    float unit = most > 0 ? std::max(0.0f, base - top) / float(most) : 0.0f;
    const std::vector<Rag> stack = {Rag::red, Rag::amber, Rag::green, Rag::blue, Rag::none};
    for (int c = 0; c < columns; ++c) {
        float x = inner.x + float(c) * column_w;
        bool is_now = c > 0 && c < columns - 1 && first_month + c - 1 == now;
        std::string name = c == 0             ? "Earlier"
                           : c == columns - 1 ? "Later"
                                              : month_label(first_month + c - 1);
        Rect column{x, y, column_w, inner.bottom() - y};
        canvas.begin_panel("month-" + std::to_string(c), column, false);
        if (is_now) // this month: outlined, its name in the accent colour with a dot
            canvas.outline(column.inset(1, 0), theme.accent, m.pad * 0.4f,
                           std::max(2.0f, m.body / 12.0f));
        canvas.text(label, x + m.pad * 0.5f, label_y, is_now ? name + " \xE2\x97\x8F" : name,
                    is_now ? theme.accent : theme.text_muted, column_w - m.pad);
        canvas.fill({x + m.pad * 0.5f, base, column_w - m.pad, std::max(1.0f, m.body / 24.0f)},
                    theme.panel_border);
        const std::array<int, rag_count>& here = counts[std::size_t(c)];
        int total = 0;
        for (int count : here)
            total += count;
        // The bar takes what the callouts leave, down to a third of a line when counts run
        // to three digits in a narrow column (portrait shows four).
        float bar_w = std::clamp(column_w - 2 * m.pad - callout_w, label_h * 0.3f,
                                 std::max(bar_w_min, column_w * 0.4f));
        Rect bar{x + m.pad * 0.5f, top, bar_w, base - top};
        if (total > 0) {
            Rect drawn = canvas.stacked_bar(bar, here, stack, unit, true, false,
                                            name + ": " + std::to_string(total) + " milestones");
            // The total over the bar, centred on it as far as the column allows.
            std::string total_text = std::to_string(total);
            float total_w = canvas.text_width(label, total_text) + 1;
            float total_x = std::clamp(bar.x + (bar.w - total_w) / 2, x + m.pad * 0.25f,
                                       x + column_w - m.pad * 0.25f - total_w);
            canvas.text(label, total_x, drawn.y - label_h, total_text, theme.text, total_w);
            // Beside the bar, each part's badge and count at its height, moved apart where
            // parts are too thin for a label each: from the bottom up, then down from the top.
            std::vector<std::pair<Rag, float>> callouts; // RAG, the badge's top
            float at = 0;
            for (Rag rag : stack) {
                int count = here[std::size_t(int(rag))];
                if (count == 0)
                    continue;
                float middle = base - (at + float(count) * unit / 2);
                callouts.push_back({rag, middle - badge_h / 2});
                at += float(count) * unit;
            }
            float step = badge_h + m.pad * 0.2f;
            for (std::size_t k = 0; k < callouts.size(); ++k) {
                float lowest = base - badge_h - float(k) * step; // k-th from the bottom
                callouts[k].second = std::min(callouts[k].second, lowest);
                if (k > 0)
                    callouts[k].second =
                        std::min(callouts[k].second, callouts[k - 1].second - step);
            }
            for (std::size_t k = callouts.size(); k-- > 0;) {
                float highest = y + float(callouts.size() - 1 - k) * step;
                callouts[k].second = std::max(callouts[k].second, highest);
                if (k + 1 < callouts.size())
                    callouts[k].second =
                        std::max(callouts[k].second, callouts[k + 1].second + step);
            }
            float callout_x = bar.right() + m.pad * 0.5f;
            for (auto [rag, badge_y] : callouts) {
                if (badge_y + badge_h > label_y + 0.5f)
                    continue; // no room at all (a very short panel): the bar's total stands
                canvas.counted_badge(callout_x, badge_y, badge_h, rag, here[std::size_t(int(rag))]);
            }
        }
        canvas.end_panel();
    }
    if (most == 0)
        canvas.text(canvas.fonts().body, inner.x, top, "No dated milestones", theme.text_muted,
                    inner.w);
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
    draw_milestone_list(canvas, layout.overdue, "overdue", "Overdue", Rag::red, overdue, snapshot);
    draw_milestone_list(canvas, layout.due_soon, "due-soon",
                        "Due within " + std::to_string(view.amber_days) + " days", Rag::amber,
                        due_soon, snapshot);
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
        Rect number =
            canvas.text(canvas.fonts().headline, inner.x, inner.y, std::to_string(count),
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
            y += canvas.paragraph(canvas.fonts().body, {inner.x, y, inner.w, room}, text,
                                  theme.text) +
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
                         std::string_view ref, const history::Comparison* comparison) {
    const Metrics& m = canvas.metrics();
    const Theme& theme = canvas.theme();
    const Plan& plan = *snapshot.plan;
    const Recommendation* rec = plan.find_recommendation(ref);
    canvas.begin_panel("content", content, false);
    if (!rec) {
        canvas.text(canvas.fonts().heading, content.x, content.y,
                    "There is no recommendation " + std::string(ref) + " in this plan", theme.text,
                    content.w);
        canvas.end_panel();
        return;
    }
    std::size_t index = std::size_t(rec - plan.recommendations.data());
    const RecommendationView& rec_view = snapshot.view.recommendations[index];

    // Summary row: status, RAG, addressee, bodies. On a narrow (portrait) screen the words go
    // on their own lines under the chip and badges, and the two panels are stacked: side by side
    // they held three words a line.
    float h = m.line(m.body);
    float x = content.x;
    bool narrow = content.w < m.body * 40;
    Rect chip = canvas.status_chip(x, content.y, canvas.fonts().body, rec->status,
                                   content.w * (narrow ? 0.6f : 0.3f));
    Rect badge = canvas.badge(chip.right() + m.gap, content.y, h, rec_view.rag,
                              rag_meaning(rec_view.rag, snapshot.view.amber_days));
    std::string since;
    if (const history::RecommendationDirection* direction = rec_direction(comparison, rec->ref)) {
        since = rec_direction_label(*direction, *comparison);
        badge = canvas.arrow(badge.right() + m.pad * 0.3f, content.y, h, *direction->direction,
                             "rec " + rec->ref, since);
        since = "  \xC2\xB7  " + since;
    }
    // The officer's reported RAG beside it, the mark when they disagree, and the sentence.
    Rect reported =
        draw_reported_rag(canvas, badge.right() + m.gap * 0.5f, content.y, h, snapshot, index);
    if (reported.w > 0)
        badge = reported;
    std::string note = reported_rag_note(rec->reported_rag, rec_view.rag);
    const Chapter* chapter = plan.find_chapter(rec->chapter);
    std::string words =
        rag_meaning(rec_view.rag, snapshot.view.amber_days) + since +
        (note.empty() ? std::string() : "  \xC2\xB7  " + note) + "  \xC2\xB7  Chapter " +
        std::to_string(rec->chapter) + (chapter ? " " + chapter->title : "") +
        (rec->addressed_to
             ? "  \xC2\xB7  Addressed to " + std::string(to_string(*rec->addressed_to)) + " bodies"
             : std::string());
    float top = content.y + h + m.gap;
    if (narrow) {
        ImFont* label = canvas.fonts().label;
        top = content.y + h + m.pad * 0.5f;
        top += canvas.paragraph(label, {content.x, top, content.w, 2 * m.line(m.label)}, words,
                                theme.text_muted, 2) +
               m.gap;
    } else {
        canvas.text(canvas.fonts().body, badge.right() + m.gap, content.y, words, theme.text_muted,
                    content.right() - badge.right() - m.gap);
    }
    Rect left, right;
    if (narrow) {
        float half = (content.bottom() - top - m.gap) / 2;
        left = {content.x, top, content.w, half};
        right = {content.x, top + half + m.gap, content.w, half};
    } else {
        float half = (content.w - m.gap) / 2;
        left = {content.x, top, half, content.bottom() - top};
        right = {content.x + half + m.gap, top, half, content.bottom() - top};
    }

    // Left: the recommendation and the Government response.
    canvas.begin_panel("rec-text", left);
    Rect inner = left.inset(m.pad, m.pad * 0.5f);
    float y = section_title(canvas, inner.x, inner.y, inner.w, "Recommendation");
    std::vector<std::string> text = block_items(rec->text);
    for (const auto& part : rec->parts)
        text.push_back("(" + part.label + ") " + one_line(part.text));
    y += canvas.bullets(canvas.fonts().body, {inner.x, y, inner.w, (inner.bottom() - y) * 0.55f},
                        text, theme.text, 4) +
         m.pad;
    bool government = !rec->government_response.empty() || rec->government_deadline;
    if (government && y + 2 * h < inner.bottom()) {
        y = section_title(canvas, inner.x, y, inner.w, "Government response");
        // The Government's deadline is often a sentence ("Cabinet Sub-Committee sub group …"):
        // its own lines, not cut off the end of the title.
        if (rec->government_deadline)
            y += canvas.paragraph(canvas.fonts().label, {inner.x, y, inner.w, inner.bottom() - y},
                                  "Deadline: " + *rec->government_deadline, theme.text_muted, 2) +
                 m.pad * 0.3f;
        canvas.bullets(canvas.fonts().label, {inner.x, y, inner.w, inner.bottom() - y},
                       block_items(rec->government_response), theme.text_muted, 3);
    }
    canvas.end_panel();

    // Right: the local response and every milestone.
    canvas.begin_panel("rec-local", right);
    inner = right.inset(m.pad, m.pad * 0.5f);
    y = section_title(canvas, inner.x, inner.y, inner.w,
                      rec->local_response_see ? "Local response (shared with recommendation " +
                                                    *rec->local_response_see + ")"
                                              : "Local response");
    std::vector<std::string> local = block_items(plan.effective_local_response(*rec));
    for (const auto& part : rec->parts) {
        for (const auto& block : part.local_response)
            local.push_back("(" + part.label + ") " +
                            (block.is_list() ? one_line({block}) : block.paragraph));
    }
    float milestones_h =
        std::min(float(rec_view.milestones.size() + 1) * h + m.pad, (inner.bottom() - y) * 0.45f);
    y += canvas.bullets(canvas.fonts().label,
                        {inner.x, y, inner.w, inner.bottom() - y - milestones_h}, local, theme.text,
                        3) +
         m.pad * 0.5f;
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
