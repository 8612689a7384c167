#include "frame.hpp"

#include "dashboard/core/text_fold.hpp"
#include "keys.hpp"
#include "qr.hpp"
#include "views.hpp"

#include <algorithm>
#include <cmath>

namespace actionboard::ui {

namespace {

constexpr ImGuiWindowFlags fixed_window = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                          ImGuiWindowFlags_NoSavedSettings |
                                          ImGuiWindowFlags_NoBringToFrontOnFocus;

ImVec4 to_vec4(Rgb colour, float alpha = 1.0f) {
    return {colour.r / 255.0f, colour.g / 255.0f, colour.b / 255.0f, alpha};
}

// The search box and the text it searches are folded alike (core/text_fold.hpp): ' finds ’,
// - finds –, a space finds a no-break space, in any ASCII case.
bool contains_text(const std::string& haystack, const std::string& folded_needle) {
    return folded_needle.empty() ||
           fold_for_match(haystack).find(folded_needle) != std::string::npos;
}

// [SECTION] Desktop: navigation, recommendations table, one recommendation

// One line of text in a table cell, cut with an ellipsis at the cell's edge (ImGui alone clips
// it mid-letter), and recorded in the sidecar inside a region for the cell. `cells` draws into
// the table's own list (canvas.on()); `id` names the cell's region when recording.
template <typename Id>
void cell_text(Canvas& cells, const Id& id, const std::string& text, Rgb colour) {
    ImVec2 at = ImGui::GetCursorScreenPos();
    float w = std::max(ImGui::GetContentRegionAvail().x, 1.0f);
    float h = ImGui::GetTextLineHeight();
    if (cells.recording())
        cells.begin_panel(id(), {at.x, at.y, w, h}, false);
    cells.text(ImGui::GetFont(), at.x, at.y, text, colour, w, Align::left, h);
    if (cells.recording())
        cells.end_panel();
    ImGui::Dummy({w, h});
}

void draw_navigation(UiState& state, const Snapshot& snapshot, const FrameContext& context,
                     const FontSet& fonts, const Theme& theme, float width, float height) {
    ImGui::SetNextWindowPos({0, 0});
    ImGui::SetNextWindowSize({width, height});
    ImGui::Begin("##navigation", nullptr, fixed_window);
    ImGui::PushFont(fonts.bold);
    ImGui::TextWrapped("%s", snapshot.plan->info.title.c_str());
    ImGui::PopFont();
    ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(theme.text_muted));
    ImGui::TextWrapped("%s", snapshot.plan->info.authority.c_str());
    ImGui::PopStyleColor();
    ImGui::Separator();
    auto item = [&state](const std::string& label, Page page) {
        bool selected = !state.open_ref && state.desktop_page.kind == page.kind &&
                        state.desktop_page.chapter == page.chapter;
        if (ImGui::Selectable(label.c_str(), selected)) {
            state.desktop_page = page;
            state.open_ref.reset();
        }
    };
    item("Overview", {PageKind::overview});
    for (const Chapter& chapter : snapshot.plan->chapters)
        item(std::to_string(chapter.number) + "  " + chapter.title + "##chapter",
             {PageKind::chapter, chapter.number});
    item("Deadlines", {PageKind::deadlines});
    item("Data quality", {PageKind::quality});
    item("All recommendations", {PageKind::recommendations});
    // The history's pages, unless it is off (--no-history): they say why when it cannot be used.
    if (context.history && context.history->status != history::HistoryStatus::off) {
        const history::Comparison* comparison = context.comparison();
        item(comparison ? "Changes since " + since_text(*comparison) : std::string("Changes"),
             {PageKind::changes});
        item("Trend", {PageKind::trend});
    }
    ImGui::Separator();
    ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(theme.text_muted));
    ImGui::TextWrapped("JSON feed: %s",
                       context.feed_url.empty() ? "off" : context.feed_url.c_str());
    ImGui::PopStyleColor();
    ImGui::End();
}

// Which recommendations pass the desktop filters (all filters combine with AND).
std::vector<std::size_t> filtered_rows(const UiState& state, const Snapshot& snapshot,
                                       int chapter_only) {
    const Plan& plan = *snapshot.plan;
    const TableFilters& filters = state.filters;
    std::string needle = fold_for_match(filters.search.data());
    std::vector<std::size_t> rows;
    for (std::size_t i = 0; i < plan.recommendations.size(); ++i) {
        const Recommendation& rec = plan.recommendations[i];
        const RecommendationView& rec_view = snapshot.view.recommendations[i];
        int chapter = chapter_only ? chapter_only : filters.chapter;
        if (chapter && rec.chapter != chapter)
            continue;
        if (filters.status >= 0 && int(rec.status) != filters.status)
            continue;
        if (filters.rag >= 0 && int(rec_view.rag) != filters.rag)
            continue;
        if (filters.disagreements_only && !disagrees(rec_view.reported))
            continue;
        if (!filters.lead.empty()) {
            bool found = false;
            for (std::size_t index : rec_view.milestones) {
                const auto& lead = snapshot.view.milestones[index].lead;
                found = found || (lead ? *lead == filters.lead : filters.lead == "(no lead)");
            }
            if (!found)
                continue;
        }
        if (!needle.empty() && !contains_text(plain_text(rec.text), needle) &&
            !contains_text(plain_text(plan.effective_local_response(rec)), needle) &&
            !contains_text(plain_text(rec.government_response), needle) &&
            !contains_text(rec.ref, needle))
            continue;
        rows.push_back(i);
    }
    return rows;
}

// The Reported column's order: disagreements first (reported better, then worse), then the
// reported RAGs that agree or cannot be compared, by RAG; then none reported.
int reported_order(const Plan& plan, const PlanView& view, std::size_t i) {
    const auto& reported = plan.recommendations[i].reported_rag;
    RagAgreement agreement = view.recommendations[i].reported;
    if (disagrees(agreement))
        return agreement == RagAgreement::reported_better ? 0 : 1;
    return reported ? 2 + severity(*reported) : 2 + rag_count;
}

void sort_rows(std::vector<std::size_t>& rows, const Snapshot& snapshot,
               const ImGuiTableSortSpecs* specs) {
    if (!specs || specs->SpecsCount == 0)
        return;
    const ImGuiTableColumnSortSpecs& spec = specs->Specs[0];
    const Plan& plan = *snapshot.plan;
    const PlanView& view = snapshot.view;
    auto due = [&](std::size_t i) {
        const auto& next = view.recommendations[i].next;
        return next ? std::chrono::sys_days{*view.milestones[*next].reading.due}
                          .time_since_epoch()
                          .count()
                    : 1 << 30;
    };
    auto key_less = [&](std::size_t a, std::size_t b) {
        const Recommendation& ra = plan.recommendations[a];
        const Recommendation& rb = plan.recommendations[b];
        switch (spec.ColumnUserID) {
        case 1:
            return one_line(ra.text) < one_line(rb.text);
        case 2:
            return ra.chapter < rb.chapter;
        case 3:
            return int(ra.status) < int(rb.status);
        case 4:
            return severity(view.recommendations[a].rag) < severity(view.recommendations[b].rag);
        case 5:
            return due(a) < due(b);
        case 6:
            return lead_text(snapshot, a) < lead_text(snapshot, b);
        case 7:
            return reported_order(plan, view, a) < reported_order(plan, view, b);
        default:
            return ref_less(ra.ref, rb.ref);
        }
    };
    std::stable_sort(rows.begin(), rows.end(), [&](std::size_t a, std::size_t b) {
        return spec.SortDirection == ImGuiSortDirection_Descending ? key_less(b, a)
                                                                   : key_less(a, b);
    });
}

// The sortable, filterable table of recommendations. Returns the ref of a clicked row.
std::optional<std::string> draw_recommendation_table(UiState& state, const Snapshot& snapshot,
                                                     Canvas& canvas, int chapter_only, ImVec2 size,
                                                     const history::Comparison* comparison) {
    std::optional<std::string> clicked;
    std::vector<std::size_t> rows = filtered_rows(state, snapshot, chapter_only);
    ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg |
                            ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerH |
                            ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp;
    // A plan with reported RAGs: the officer's RAG and the disagreement mark in a column of
    // their own, sortable (disagreements first).
    bool reported = reports_rag(snapshot);
    if (!ImGui::BeginTable("##recommendations", reported ? 8 : 7, flags, size))
        return clicked;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Ref", ImGuiTableColumnFlags_DefaultSort, 0.35f, 0);
    ImGui::TableSetupColumn("Recommendation", 0, 4.0f, 1);
    ImGui::TableSetupColumn("Ch.", 0, 0.35f, 2);
    ImGui::TableSetupColumn("Status", 0, 1.2f, 3);
    ImGui::TableSetupColumn("RAG", 0, comparison ? 0.75f : 0.5f, 4);
    if (reported) // as wide as the badge and the mark (or its heading): never cut
        ImGui::TableSetupColumn("Reported", ImGuiTableColumnFlags_WidthFixed,
                                std::max(reported_rag_width(canvas, ImGui::GetTextLineHeight()),
                                         ImGui::CalcTextSize("Reported").x),
                                7);
    ImGui::TableSetupColumn("Next due", 0, 0.9f, 5);
    ImGui::TableSetupColumn("Lead", 0, 1.1f, 6);
    ImGui::TableHeadersRow();
    sort_rows(rows, snapshot, ImGui::TableGetSortSpecs());

    float badge_h = ImGui::GetTextLineHeight();
    ImGuiListClipper clipper;
    clipper.Begin(int(rows.size()));
    while (clipper.Step()) {
        for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
            std::size_t i = rows[std::size_t(r)];
            const Recommendation& rec = snapshot.plan->recommendations[i];
            const RecommendationView& rec_view = snapshot.view.recommendations[i];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            // The row index keeps the ID unique and a "#" in a ref harmless.
            std::string id = rec.ref + "##row" + std::to_string(i);
            if (ImGui::Selectable(id.c_str(), false, ImGuiSelectableFlags_SpanAllColumns))
                clicked = rec.ref;
            const Rgb& text_colour = canvas.theme().text;
            Canvas cells = canvas.on(ImGui::GetWindowDrawList());
            auto cell = [i](const char* column) {
                return [i, column] { return "cell-" + std::to_string(i) + "-" + column; };
            };
            ImGui::TableNextColumn();
            cell_text(cells, cell("text"), one_line(rec.text), text_colour);
            ImGui::TableNextColumn();
            cell_text(cells, cell("chapter"), std::to_string(rec.chapter), text_colour);
            ImGui::TableNextColumn();
            cell_text(cells, cell("status"), std::string(status_label(rec.status)), text_colour);
            ImGui::TableNextColumn();
            ImVec2 at = ImGui::GetCursorScreenPos();
            Rect badge = cells.badge(at.x, at.y, badge_h, rec_view.rag,
                                     "rec " + rec.ref + ": " +
                                         rag_meaning(rec_view.rag, snapshot.view.amber_days));
            float cell_w = badge.w;
            if (const history::RecommendationDirection* direction =
                    rec_direction(comparison, rec.ref))
                cell_w =
                    cells
                        .arrow(badge.right() + badge_h * 0.2f, at.y, badge_h, *direction->direction,
                               "rec " + rec.ref, rec_direction_label(*direction, *comparison))
                        .right() -
                    at.x;
            ImGui::Dummy({cell_w, badge_h});
            if (reported) {
                ImGui::TableNextColumn();
                at = ImGui::GetCursorScreenPos();
                Rect drawn = draw_reported_rag(cells, at.x, at.y, badge_h, snapshot, i);
                ImGui::Dummy({std::max(drawn.w, 1.0f), badge_h});
            }
            ImGui::TableNextColumn();
            cell_text(cells, cell("due"), next_milestone_text(snapshot, i), text_colour);
            ImGui::TableNextColumn();
            cell_text(cells, cell("lead"), lead_text(snapshot, i), text_colour);
        }
    }
    ImGui::EndTable();
    return clicked;
}

void draw_filters(UiState& state, const Snapshot& snapshot, const Metrics& m) {
    TableFilters& filters = state.filters;
    float combo_w = m.body * 9;
    ImGui::SetNextItemWidth(combo_w);
    std::string chapter_label =
        filters.chapter ? "Chapter " + std::to_string(filters.chapter) : "All chapters";
    if (ImGui::BeginCombo("##chapter", chapter_label.c_str())) {
        if (ImGui::Selectable("All chapters", filters.chapter == 0))
            filters.chapter = 0;
        for (const Chapter& chapter : snapshot.plan->chapters) {
            std::string label = std::to_string(chapter.number) + "  " + chapter.title;
            if (ImGui::Selectable(label.c_str(), filters.chapter == chapter.number))
                filters.chapter = chapter.number;
        }
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(combo_w);
    std::string status_text =
        filters.status >= 0 ? std::string(status_label(Status(filters.status))) : "All statuses";
    if (ImGui::BeginCombo("##status", status_text.c_str())) {
        if (ImGui::Selectable("All statuses", filters.status < 0))
            filters.status = -1;
        for (int s = 0; s < status_count; ++s) {
            if (ImGui::Selectable(std::string(status_label(Status(s))).c_str(),
                                  filters.status == s))
                filters.status = s;
        }
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(combo_w);
    std::string rag_text =
        filters.rag >= 0 ? rag_meaning(Rag(filters.rag), snapshot.view.amber_days) : "All RAG";
    if (ImGui::BeginCombo("##rag", rag_text.c_str())) {
        if (ImGui::Selectable("All RAG", filters.rag < 0))
            filters.rag = -1;
        for (int r = 0; r < rag_count; ++r) {
            std::string label = std::string(rag_symbol(Rag(r))) + "  " +
                                rag_meaning(Rag(r), snapshot.view.amber_days);
            if (ImGui::Selectable(label.c_str(), filters.rag == r))
                filters.rag = r;
        }
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(combo_w);
    if (ImGui::BeginCombo("##lead", filters.lead.empty() ? "All leads" : filters.lead.c_str())) {
        if (ImGui::Selectable("All leads", filters.lead.empty()))
            filters.lead.clear();
        for (const auto& [lead, counts] : snapshot.view.by_lead) {
            std::string label = lead.empty() ? "(no lead)" : lead;
            if (ImGui::Selectable(label.c_str(), filters.lead == label))
                filters.lead = label;
        }
        ImGui::EndCombo();
    }
    if (reports_rag(snapshot)) { // only for a plan with reported RAGs
        ImGui::SameLine();
        ImGui::Checkbox("Disagreements only", &filters.disagreements_only);
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-1);
    ImGui::InputTextWithHint("##search", "Search text", filters.search.data(),
                             filters.search.size());
}

void section(const char* title, const FontSet& fonts, const Theme& theme) {
    ImGui::Spacing();
    ImGui::PushFont(fonts.bold);
    ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(theme.accent));
    ImGui::TextUnformatted(title);
    ImGui::PopStyleColor();
    ImGui::PopFont();
}

void blocks_text(const Blocks& blocks) {
    for (const auto& block : blocks) {
        if (!block.is_list()) {
            ImGui::TextWrapped("%s", block.paragraph.c_str());
            continue;
        }
        for (const auto& item : block.items) {
            ImGui::Bullet();
            ImGui::TextWrapped("%s", item.c_str());
        }
    }
}

void draw_recommendation_detail(UiState& state, const Snapshot& snapshot, Canvas& canvas,
                                const FontSet& fonts, const Theme& theme, Rect area,
                                const history::Comparison* comparison) {
    const Plan& plan = *snapshot.plan;
    const Recommendation* rec = plan.find_recommendation(*state.open_ref);
    ImGui::SetCursorScreenPos({area.x, area.y});
    ImGui::BeginChild("##detail", {area.w, area.h}, false);
    if (ImGui::Button("\xE2\x86\x90 Back  (Esc)"))
        state.open_ref.reset();
    if (!rec) {
        ImGui::TextUnformatted("This recommendation is not in the plan.");
        ImGui::EndChild();
        return;
    }
    std::size_t index = std::size_t(rec - plan.recommendations.data());
    const RecommendationView& rec_view = snapshot.view.recommendations[index];
    ImGui::SameLine();
    ImVec2 at = ImGui::GetCursorScreenPos();
    float h = ImGui::GetFrameHeight();
    canvas.on(ImGui::GetWindowDrawList())
        .badge(at.x, at.y, h, rec_view.rag, rag_meaning(rec_view.rag, snapshot.view.amber_days));
    ImGui::Dummy({canvas.badge_width(h, rec_view.rag), h});
    if (rec->reported_rag) { // the officer's RAG beside it, and the mark when they disagree
        ImGui::SameLine();
        at = ImGui::GetCursorScreenPos();
        Canvas on_detail = canvas.on(ImGui::GetWindowDrawList());
        Rect drawn = draw_reported_rag(on_detail, at.x, at.y, h, snapshot, index);
        ImGui::Dummy({drawn.w, h});
    }
    ImGui::SameLine();
    if (const history::RecommendationDirection* direction = rec_direction(comparison, rec->ref)) {
        std::string since = rec_direction_label(*direction, *comparison);
        at = ImGui::GetCursorScreenPos();
        canvas.on(ImGui::GetWindowDrawList())
            .arrow(at.x, at.y, h, *direction->direction, "rec " + rec->ref, since);
        ImGui::Dummy({h, h});
        ImGui::SameLine();
        ImGui::TextUnformatted(since.c_str());
        ImGui::SameLine();
    }
    const Chapter* chapter = plan.find_chapter(rec->chapter);
    std::string audience =
        rec->addressed_to
            ? "  \xC2\xB7  addressed to " + std::string(to_string(*rec->addressed_to)) + " bodies"
            : std::string();
    ImGui::Text("%s  \xC2\xB7  %s  \xC2\xB7  Chapter %d %s%s",
                rag_meaning(rec_view.rag, snapshot.view.amber_days).c_str(),
                std::string(status_label(rec->status)).c_str(), rec->chapter,
                chapter ? chapter->title.c_str() : "", audience.c_str());
    // "Reported green, but the deadlines say red": bold when the two disagree.
    if (std::string note = reported_rag_note(rec->reported_rag, rec_view.rag); !note.empty()) {
        ImGui::PushFont(disagrees(rec_view.reported) ? fonts.bold : ImGui::GetFont());
        Canvas on_detail = canvas.on(ImGui::GetWindowDrawList());
        auto region = [] { return std::string("reported-note"); };
        cell_text(on_detail, region, note, theme.text);
        ImGui::PopFont();
    }
    ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(theme.text_muted));
    ImGui::TextWrapped("Status: %s", rec->status_reason.c_str());
    ImGui::PopStyleColor();

    section("Recommendation", fonts, theme);
    blocks_text(rec->text);
    for (const auto& part : rec->parts) {
        ImGui::PushFont(fonts.bold);
        ImGui::Text("(%s)", part.label.c_str());
        ImGui::PopFont();
        ImGui::SameLine();
        blocks_text(part.text);
    }
    // A plan that answers no national report has no Government response: no empty heading.
    if (!rec->government_response.empty() || rec->government_deadline) {
        section("Government response", fonts, theme);
        blocks_text(rec->government_response);
        if (rec->government_deadline)
            ImGui::TextWrapped("Deadline: %s", rec->government_deadline->c_str());
    }
    section("Local response", fonts, theme);
    if (rec->local_response_see)
        ImGui::Text("Shared with recommendation %s:", rec->local_response_see->c_str());
    blocks_text(plan.effective_local_response(*rec));
    for (const auto& part : rec->parts) {
        if (part.local_response.empty())
            continue;
        ImGui::PushFont(fonts.bold);
        ImGui::Text("(%s)", part.label.c_str());
        ImGui::PopFont();
        blocks_text(part.local_response);
    }
    section("Milestones", fonts, theme);
    if (ImGui::BeginTable("##milestones", 5,
                          ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("RAG", 0, 0.5f);
        ImGui::TableSetupColumn("Due", 0, 1.0f);
        ImGui::TableSetupColumn("Deadline as written", 0, 1.6f);
        ImGui::TableSetupColumn("Lead", 0, 1.0f);
        ImGui::TableSetupColumn("Action", 0, 3.0f);
        ImGui::TableHeadersRow();
        float badge_h = ImGui::GetTextLineHeight();
        for (std::size_t k : rec_view.milestones) {
            const Milestone& milestone = snapshot.view.milestones[k];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImVec2 pos = ImGui::GetCursorScreenPos();
            Canvas cells = canvas.on(ImGui::GetWindowDrawList());
            cells.badge(pos.x, pos.y, badge_h, milestone.rag);
            ImGui::Dummy({canvas.badge_width(badge_h, milestone.rag), badge_h});
            auto cell = [k](const char* column) {
                return [k, column] { return "milestone-" + std::to_string(k) + "-" + column; };
            };
            ImGui::TableNextColumn();
            cell_text(cells, cell("due"),
                      milestone.reading.due ? short_date(*milestone.reading.due)
                                            : std::string(to_string(milestone.reading.kind)),
                      theme.text);
            ImGui::TableNextColumn();
            ImGui::TextWrapped("%s%s",
                               milestone.part.empty() ? "" : ("(" + milestone.part + ") ").c_str(),
                               milestone.text.c_str());
            ImGui::TableNextColumn();
            cell_text(cells, cell("lead"), milestone.lead.value_or("No lead"), theme.text);
            ImGui::TableNextColumn();
            ImGui::TextWrapped("%s", milestone.action.c_str());
        }
        ImGui::EndTable();
    }
    ImGui::EndChild();
}

// Every change since the baseline in a scrolling table, exceptions first (the wall pages them
// within its budget; the desktop lists them all).
void draw_changes_table(const history::HistoryState& history, Canvas& canvas, Rect area) {
    const Metrics& m = canvas.metrics();
    const Theme& theme = canvas.theme();
    float used = draw_changes_summary(canvas, area, history, false) + m.pad;
    if (!history.comparison)
        return;
    const history::Comparison& comparison = *history.comparison;
    if (comparison.changes.empty()) {
        canvas.paragraph(canvas.fonts().body, {area.x, area.y + used, area.w, area.h - used},
                         no_changes_sentence, theme.text_muted, 3);
        return;
    }
    ImGui::SetCursorScreenPos({area.x, area.y + used});
    ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                            ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("##changes", 3, flags, {area.w, std::max(area.h - used, 1.0f)}))
        return;
    float h = ImGui::GetTextLineHeight();
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("##mark", ImGuiTableColumnFlags_WidthFixed, h * 1.3f);
    ImGui::TableSetupColumn("What changed", 0, 6.0f);
    ImGui::TableSetupColumn("First seen", 0, 1.2f);
    ImGui::TableHeadersRow();
    for (std::size_t i = 0; i < comparison.changes.size(); ++i) {
        const history::Change& change = comparison.changes[i];
        std::string text = history::describe(change, comparison.as_of);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        Canvas cells = canvas.on(ImGui::GetWindowDrawList());
        ImVec2 at = ImGui::GetCursorScreenPos();
        std::optional<history::Direction> mark;
        if (change.exception)
            mark = history::Direction::worse;
        else if (change.kind == history::ChangeKind::newly_compliant ||
                 change.kind == history::ChangeKind::milestone_completed)
            mark = history::Direction::better;
        if (mark)
            cells.arrow(at.x, at.y, h, *mark, "change " + std::to_string(i + 1));
        ImGui::Dummy({h, h});
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", text.c_str());
        ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
        if (DrawnItem* item =
                cells.mark("change", {min.x, min.y, max.x - min.x, max.y - min.y}, text))
            item->extra = {{"change_kind", history::to_string(change.kind)},
                           {"exception", change.exception},
                           {"ref", change.ref},
                           {"position", i + 1}};
        ImGui::TableNextColumn();
        cell_text(
            cells, [i] { return "change-" + std::to_string(i + 1) + "-seen"; },
            first_seen_text(history, change), theme.text_muted);
    }
    ImGui::EndTable();
}

void draw_desktop(UiState& state, const FrameContext& context, const FontSet& fonts,
                  const Theme& theme, const Metrics& m, float width, float height, Sidecar* sidecar,
                  std::optional<ImVec2> click) {
    const Snapshot& snapshot = *context.snapshot;
    float nav_w = std::min(m.body * 16, width * 0.3f);
    draw_navigation(state, snapshot, context, fonts, theme, nav_w, height);

    ImGui::SetNextWindowPos({nav_w, 0});
    ImGui::SetNextWindowSize({width - nav_w, height});
    ImGui::Begin("##main", nullptr, fixed_window | ImGuiWindowFlags_NoScrollbar);
    Canvas canvas(ImGui::GetWindowDrawList(), fonts, theme, m, sidecar);
    if (ImGui::IsWindowHovered())
        canvas.set_click(click);
    Rect screen{nav_w, 0, width - nav_w, height};
    Frame frame = frame_layout(screen, m, banner_lines(context), reports_rag(snapshot));
    Page page = state.open_ref ? Page{PageKind::recommendation, 0, 0, 1, *state.open_ref}
                               : state.desktop_page;
    const history::Comparison* comparison = context.comparison();
    draw_header(canvas, frame, context,
                page_title(page, *snapshot.plan, false, changes_since(context)), "");
    draw_banners(canvas, frame.banner, context);
    draw_legend(canvas, frame, snapshot.view.amber_days, reports_rag(snapshot));

    Rect content = frame.content;
    if (state.open_ref) {
        draw_recommendation_detail(state, snapshot, canvas, fonts, theme, content, comparison);
    } else {
        switch (state.desktop_page.kind) {
        case PageKind::overview:
            if (auto chapter =
                    draw_overview(canvas, content, snapshot, state.desktop_page, false, comparison)
                        .chapter)
                state.desktop_page = {PageKind::chapter, *chapter};
            break;
        case PageKind::chapter: {
            canvas.begin_panel("content", content, false);
            Rect table = draw_chapter_context(canvas, content, snapshot, state.desktop_page.chapter,
                                              comparison);
            canvas.end_panel();
            ImGui::SetCursorScreenPos({table.x, table.y});
            if (auto ref =
                    draw_recommendation_table(state, snapshot, canvas, state.desktop_page.chapter,
                                              {table.w, table.h}, comparison))
                state.open_ref = *ref;
            break;
        }
        case PageKind::deadlines:
            draw_deadlines(canvas, content, snapshot);
            break;
        case PageKind::quality:
            draw_quality(canvas, content, snapshot, context.cannot_draw);
            break;
        case PageKind::changes:
            if (context.history)
                draw_changes_table(*context.history, canvas, content);
            break;
        case PageKind::trend:
            if (context.history)
                draw_trend(canvas, content, *context.history);
            break;
        case PageKind::recommendations:
        case PageKind::recommendation: {
            ImGui::SetCursorScreenPos({content.x, content.y});
            draw_filters(state, snapshot, m);
            ImVec2 at = ImGui::GetCursorScreenPos();
            float h = content.bottom() - at.y;
            if (auto ref = draw_recommendation_table(state, snapshot, canvas, 0, {content.w, h},
                                                     comparison))
                state.open_ref = *ref;
            break;
        }
        }
    }
    ImGui::End();
}

} // namespace

// [SECTION] Shared by the live window and screenshots

std::string changes_since(const FrameContext& context) {
    const history::Comparison* comparison = context.comparison();
    return comparison ? since_text(*comparison) : std::string();
}

HistoryOnWall history_on_wall(const FrameContext& context) {
    HistoryOnWall wall;
    const history::HistoryState* history = context.history;
    if (!history || !history->available())
        return wall;
    if (const history::Comparison* comparison = context.comparison()) {
        wall.comparison = true;
        wall.changes = comparison->changes.size();
        for (const auto& change : comparison->changes)
            wall.exceptions += change.exception;
    }
    wall.trend_points = history->trend.size();
    return wall;
}

Density density_for(Mode mode) {
    return mode == Mode::desktop ? Density::desktop : Density::wall;
}

void refresh_rotation(UiState& state, const FrameContext& context, const DashboardOptions& options,
                      const Metrics& metrics, float width, float height) {
    Page current = current_page(state);
    // The frame as it will be drawn, banners included, so the chapter pages hold exactly the
    // rows the rotation counted.
    Frame frame = frame_layout({0, 0, width, height}, metrics, banner_lines(context),
                               reports_rag(*context.snapshot));
    std::vector<Page> pages =
        wall_rotation(*context.snapshot->plan, context.snapshot->view, frame.content, metrics,
                      options.chapter_pages, history_on_wall(context));
    if (pages == state.rotation)
        return;
    state.rotation = std::move(pages);
    // Stay on the same page (or its chapter) when the layout changes.
    state.page_index = 0;
    for (std::size_t i = 0; i < state.rotation.size(); ++i) {
        const Page& page = state.rotation[i];
        if (page.kind == current.kind && page.chapter == current.chapter &&
            (page.slice == current.slice || page.slice == 0)) {
            state.page_index = int(i);
            if (page.slice == current.slice)
                break;
        }
    }
}

Page shown_page(const UiState& state) {
    if (state.open_ref)
        return Page{PageKind::recommendation, 0, 0, 1, *state.open_ref};
    return current_page(state);
}

Page current_page(const UiState& state) {
    if (state.mode == Mode::desktop)
        return state.desktop_page;
    if (state.rotation.empty())
        return {};
    return state
        .rotation[std::size_t(std::clamp(state.page_index, 0, int(state.rotation.size()) - 1))];
}

bool select_page(UiState& state, const Page& page, const Plan& plan) {
    if (page.kind == PageKind::chapter && !plan.find_chapter(page.chapter))
        return false;
    if (page.kind == PageKind::recommendation && !plan.find_recommendation(page.ref))
        return false;
    if (page.kind == PageKind::recommendation) {
        state.open_ref = page.ref;
        return true;
    }
    if (state.mode == Mode::desktop) {
        state.desktop_page = page;
        return true;
    }
    for (std::size_t i = 0; i < state.rotation.size(); ++i) {
        const Page& candidate = state.rotation[i];
        if (candidate.kind == page.kind && candidate.chapter == page.chapter &&
            candidate.slice == page.slice) {
            state.page_index = int(i);
            return true;
        }
    }
    return false;
}

std::string page_counter(const UiState& state) {
    if (state.mode != Mode::present || state.rotation.empty())
        return "";
    return "page " + std::to_string(state.page_index + 1) + " of " +
           std::to_string(state.rotation.size());
}

bool apply_keys(UiState& state, const Snapshot& snapshot, const DashboardOptions& options) {
    bool keep_running = true;
    for (Key key : state.pending_keys)
        keep_running = apply_key(state, key, options, *snapshot.plan) && keep_running;
    state.pending_keys.clear();
    return keep_running;
}

void apply_imgui_style(const Theme& theme, const Metrics& metrics) {
    ImGuiStyle style;
    if (theme.light)
        ImGui::StyleColorsLight(&style);
    else
        ImGui::StyleColorsDark(&style);
    style.WindowPadding = {metrics.pad, metrics.pad};
    style.FramePadding = {metrics.pad * 0.8f, metrics.pad * 0.45f};
    style.ItemSpacing = {metrics.pad, metrics.pad * 0.6f};
    style.CellPadding = {metrics.pad * 0.6f, metrics.pad * 0.35f};
    style.ScrollbarSize = metrics.body * 0.9f;
    style.WindowBorderSize = 0;
    style.FrameRounding = metrics.pad * 0.4f;
    style.Colors[ImGuiCol_WindowBg] = to_vec4(theme.background);
    style.Colors[ImGuiCol_ChildBg] = to_vec4(theme.background, 0);
    style.Colors[ImGuiCol_Text] = to_vec4(theme.text);
    style.Colors[ImGuiCol_TableRowBgAlt] = to_vec4(theme.panel);
    style.Colors[ImGuiCol_Header] = to_vec4(theme.panel_border);
    ImGui::GetStyle() = style;
}

void draw_frame(UiState& state, const FrameContext& context, const DashboardOptions& options,
                const FontSet& fonts, const Theme& theme, const Metrics& metrics, float width,
                float height, Rect screen, Sidecar* sidecar, std::optional<ImVec2> click) {
    if (sidecar)
        sidecar->clear();
    const Snapshot& snapshot = *context.snapshot;
    if (options.mode == Mode::desktop) {
        draw_desktop(state, context, fonts, theme, metrics, width, height, sidecar, click);
        return;
    }
    ImGui::SetNextWindowPos({0, 0});
    ImGui::SetNextWindowSize({width, height});
    ImGui::Begin("##wall", nullptr, fixed_window | ImGuiWindowFlags_NoScrollbar);
    if (state.blank != Blank::none && options.mode == Mode::present) {
        // Blacked or whited out: nothing but the colour. A click returns, and does nothing else.
        ImU32 colour = state.blank == Blank::black ? IM_COL32(0, 0, 0, 255) : IM_COL32_WHITE;
        ImGui::GetForegroundDrawList()->AddRectFilled({0, 0}, {width, height}, colour);
        if (click)
            state.blank = Blank::none;
        ImGui::End();
        return;
    }
    Canvas canvas(ImGui::GetWindowDrawList(), fonts, theme, metrics, sidecar);
    canvas.set_click(click);
    Frame frame = frame_layout(screen, metrics, banner_lines(context), reports_rag(snapshot));
    Page page = current_page(state);
    if (state.open_ref)
        page = Page{PageKind::recommendation, 0, 0, 1, *state.open_ref};
    const history::Comparison* comparison = context.comparison();
    draw_header(canvas, frame, context,
                page_title(page, *snapshot.plan, frame.header_rows >= 3, changes_since(context)),
                page_counter(state));
    draw_banners(canvas, frame.banner, context);
    draw_legend(canvas, frame, snapshot.view.amber_days, reports_rag(snapshot));
    switch (page.kind) {
    case PageKind::overview: {
        Clicked clicked = draw_overview(canvas, frame.content, snapshot, page, true, comparison);
        if (clicked.chapter && options.mode == Mode::present)
            select_page(state, {PageKind::chapter, *clicked.chapter}, *snapshot.plan);
        break;
    }
    case PageKind::chapter: {
        Clicked clicked =
            draw_chapter(canvas, frame.content, snapshot, page, options.chapter_pages, comparison);
        if (clicked.ref && options.mode == Mode::present)
            state.open_ref = *clicked.ref;
        break;
    }
    case PageKind::deadlines:
        draw_deadlines(canvas, frame.content, snapshot);
        break;
    case PageKind::quality:
        draw_quality(canvas, frame.content, snapshot, context.cannot_draw);
        break;
    case PageKind::changes:
        if (context.history)
            draw_changes(canvas, frame.content, *context.history, page, options.chapter_pages);
        break;
    case PageKind::trend:
        if (context.history)
            draw_trend(canvas, frame.content, *context.history);
        break;
    case PageKind::recommendation:
    case PageKind::recommendations:
        draw_recommendation(canvas, frame.content, snapshot, page.ref, comparison);
        break;
    }
    if (!options.public_url.empty()) // the page on screen, in a phone's browser
        draw_qr_corner(ImGui::GetForegroundDrawList(), browser_url(options.public_url, page), width,
                       height);
    ImGui::End();
}

} // namespace actionboard::ui
