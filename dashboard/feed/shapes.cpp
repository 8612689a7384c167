#include "shapes.hpp"

#include "dashboard/core/serialize.hpp"
#include "dashboard/core/text_fold.hpp"
#include "history_shapes.hpp"
#include "query.hpp"
#include "routes.hpp"

#include <algorithm>
#include <ctime>
#include <unordered_map>

namespace actionboard::feed {

using nlohmann::json;

namespace {

json optional_text(const std::optional<std::string>& text) {
    return text ? json(*text) : json(nullptr);
}

std::string chapter_title(const Plan& plan, int number) {
    const Chapter* chapter = plan.find_chapter(number);
    return chapter ? chapter->title : std::string();
}

json leads_json(const PlanView& view) {
    json leads = json::array();
    for (const auto& [lead, counts] : view.by_lead)
        leads.push_back({{"lead", lead.empty() ? json(nullptr) : json(lead)},
                         {"milestones", counts.milestones},
                         {"overdue", counts.overdue},
                         {"due_soon", counts.due_soon}});
    return leads;
}

json next_milestone_json(const PlanView& view, const RecommendationView& rec_view) {
    return rec_view.next ? milestone_json(view.milestones[*rec_view.next]) : json(nullptr);
}

// "national", "local", or null for a plan that answers no national report.
json audience_json(const std::optional<Audience>& audience) {
    return audience ? json(to_string(*audience)) : json(nullptr);
}

json reported_rag_json(const std::optional<Rag>& reported) {
    return reported ? json(to_string(*reported)) : json(nullptr);
}

json recommendation_item(const Snapshot& snapshot, std::size_t index) {
    const Recommendation& rec = snapshot.plan->recommendations[index];
    const RecommendationView& rec_view = snapshot.view.recommendations[index];
    int overdue = 0, due_soon = 0;
    std::vector<std::string> leads;
    for (std::size_t m : rec_view.milestones) {
        const Milestone& milestone = snapshot.view.milestones[m];
        overdue += milestone.rag == Rag::red;
        due_soon += milestone.rag == Rag::amber;
        if (milestone.lead && std::find(leads.begin(), leads.end(), *milestone.lead) == leads.end())
            leads.push_back(*milestone.lead);
    }
    return {{"ref", rec.ref},
            {"chapter", rec.chapter},
            {"text", blocks_json(rec.text)},
            {"addressed_to", audience_json(rec.addressed_to)},
            {"status", to_string(rec.status)},
            {"status_label", status_label(rec.status)},
            {"rag", to_string(rec_view.rag)},
            {"reported_rag", reported_rag_json(rec.reported_rag)},
            {"reported_rag_agreement", to_string(rec_view.reported)},
            {"next_milestone", next_milestone_json(snapshot.view, rec_view)},
            {"milestones",
             {{"total", rec_view.milestones.size()}, {"overdue", overdue}, {"due_soon", due_soon}}},
            {"leads", leads},
            {"url", recommendation_path(rec.ref)}};
}

json recommendation_record(const Snapshot& snapshot, std::size_t index) {
    const Plan& plan = *snapshot.plan;
    const PlanView& view = snapshot.view;
    const Recommendation& rec = plan.recommendations[index];
    const RecommendationView& rec_view = view.recommendations[index];

    json parts = json::array();
    for (const auto& part : rec.parts)
        parts.push_back({{"label", part.label},
                         {"text", blocks_json(part.text)},
                         {"government_response", blocks_json(part.government_response)},
                         {"government_deadline", optional_text(part.government_deadline)},
                         {"local_response", blocks_json(part.local_response)}});
    json government_deadlines = json::array();
    for (std::size_t d : rec_view.government_deadlines)
        government_deadlines.push_back(government_deadline_json(view.government_deadlines[d]));
    json milestones = json::array();
    for (std::size_t m : rec_view.milestones)
        milestones.push_back(milestone_json(view.milestones[m]));
    json findings = json::array();
    for (std::size_t f : rec_view.findings)
        findings.push_back(finding_json(view.findings[f]));
    return {{"ref", rec.ref},
            {"chapter", rec.chapter},
            {"chapter_title", chapter_title(plan, rec.chapter)},
            {"text", blocks_json(rec.text)},
            {"addressed_to", audience_json(rec.addressed_to)},
            {"bodies", rec.bodies},
            {"status", to_string(rec.status)},
            {"status_label", status_label(rec.status)},
            {"status_reason", rec.status_reason},
            {"rag", to_string(rec_view.rag)},
            {"reported_rag", reported_rag_json(rec.reported_rag)},
            {"reported_rag_agreement", to_string(rec_view.reported)},
            {"government_response", blocks_json(rec.government_response)},
            {"government_deadline", optional_text(rec.government_deadline)},
            {"government_deadlines", government_deadlines},
            {"local_response", blocks_json(plan.effective_local_response(rec))},
            {"local_response_see",
             rec.local_response_see ? json(*rec.local_response_see) : json(nullptr)},
            {"parts", parts},
            {"milestones", milestones},
            {"next_milestone", next_milestone_json(view, rec_view)},
            {"findings", findings}};
}

json chapter_object(const Snapshot& snapshot, std::size_t chapter_index, bool with_items) {
    const Chapter& chapter = snapshot.plan->chapters[chapter_index];
    const ChapterView& chapter_view = snapshot.view.chapters[chapter_index];
    json recommendations = json::array();
    for (std::size_t index : chapter_view.recommendations) {
        if (with_items)
            recommendations.push_back(recommendation_item(snapshot, index));
        else
            recommendations.push_back(snapshot.plan->recommendations[index].ref);
    }
    return {{"number", chapter.number},
            {"title", chapter.title},
            {"key_points", blocks_json(chapter.key_points)},
            {"local_position", blocks_json(chapter.local_position)},
            {"totals", counts_json(chapter_view.counts)},
            {"recommendations", recommendations},
            {"url", chapter_path(chapter.number)}};
}

// Everything `q` searches, folded (core/text_fold.hpp) as the query is.
std::string searchable_text(const Plan& plan, const PlanView& view, std::size_t index) {
    const Recommendation& rec = plan.recommendations[index];
    std::string text = plain_text(rec.text);
    auto add = [&text](const std::string& piece) {
        text += '\n';
        text += piece;
    };
    for (const auto& body : rec.bodies)
        add(body);
    add(plain_text(rec.government_response));
    add(rec.government_deadline.value_or(""));
    add(plain_text(plan.effective_local_response(rec)));
    add(rec.status_reason);
    for (const auto& part : rec.parts) {
        add(plain_text(part.text));
        add(plain_text(part.government_response));
        add(part.government_deadline.value_or(""));
        add(plain_text(part.local_response));
    }
    for (std::size_t m : view.recommendations[index].milestones) {
        const Milestone& milestone = view.milestones[m];
        add(milestone.text);
        add(milestone.lead.value_or(""));
        add(milestone.action);
    }
    return fold_for_match(text);
}

template <typename T> bool admits(const std::vector<T>& accepted, const T& value) {
    return accepted.empty() || std::find(accepted.begin(), accepted.end(), value) != accepted.end();
}

// RFC 4180: quote a field holding a comma, quote, CR or LF; double the quotes inside.
// A field that Excel would run as a formula (it starts with =, +, -, @, tab or CR) gets a
// leading apostrophe, which Excel shows as text (OWASP's advice on CSV injection). Every
// numeric column is a non-negative count and dates start with a digit, so no value is altered
// that a formula could not have been.
void append_csv_field(std::string& out, std::string_view field) {
    bool formula_like = !field.empty() &&
                        std::string_view("=+-@\t\r").find(field.front()) != std::string_view::npos;
    std::string_view prefix = formula_like ? "'" : "";
    if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
        out += prefix;
        out += field;
        return;
    }
    out += '"';
    out += prefix;
    for (char c : field) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
}

void append_csv_row(std::string& out, const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0)
            out += ',';
        append_csv_field(out, fields[i]);
    }
    out += "\r\n";
}

} // namespace

std::string to_text(const json& value) {
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string format_utc(std::chrono::system_clock::time_point time) {
    std::time_t seconds = std::chrono::system_clock::to_time_t(time);
    std::tm parts{};
    gmtime_r(&seconds, &parts);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &parts);
    return buffer;
}

json index_json() {
    // Each endpoint's parameters are those the server accepts (accepted_parameters, which
    // refuses the others with a 400): one list, so the index cannot fall behind a new filter.
    auto endpoint = [](std::string_view path, std::string_view description, Route route) {
        return json{{"path", path},
                    {"description", description},
                    {"parameters", accepted_parameters(route)}};
    };
    return {
        {"name", "actionboard feed"},
        {"api_version", "v1"},
        {"openapi", paths::openapi},
        {"endpoints",
         json::array({
             endpoint(paths::index, "this index", Route::index),
             endpoint(paths::summary, "plan metadata, totals by status and RAG, chapters",
                      Route::summary),
             endpoint(paths::chapters, "every chapter with its recommendations", Route::chapters),
             endpoint("/api/v1/chapters/{n}",
                      "one chapter: key points, local position, recommendations", Route::chapter),
             endpoint(paths::recommendations, "recommendations, filtered", Route::recommendations),
             endpoint("/api/v1/recommendations/{ref}",
                      "one recommendation: responses, parts, milestones (a part's ref, 2b, "
                      "redirects to its recommendation)",
                      Route::recommendation),
             endpoint(paths::recommendations_csv,
                      "the recommendations table as CSV for Excel (same filters)",
                      Route::recommendations_csv),
             endpoint(paths::deadlines, "milestones by due date, overdue first", Route::deadlines),
             endpoint(paths::quality, "data-quality findings", Route::quality),
             endpoint(paths::plan, "the whole plan with every computed field", Route::plan),
             endpoint(paths::history, "every recorded version of the plan", Route::history),
             endpoint(paths::changes,
                      "direction of travel and what changed since a baseline (default: the last "
                      "committee)",
                      Route::changes),
             endpoint(paths::trend, "compliance and overdue milestones, one point per version",
                      Route::trend),
             endpoint(paths::openapi, "OpenAPI 3 description of this feed", Route::openapi),
             endpoint(paths::source,
                      "the plan exactly as loaded, for displays that follow this one",
                      Route::source),
             endpoint(paths::healthz, "data version, load time, reload errors", Route::healthz),
             endpoint(paths::metrics, "Prometheus metrics", Route::metrics),
         })}};
}

json summary_body_json(const Snapshot& snapshot) {
    return summary_json(*snapshot.plan, snapshot.view);
}

json chapter_json(const Snapshot& snapshot, std::size_t chapter_index) {
    json chapter = chapter_object(snapshot, chapter_index, true);
    chapter["as_of"] = format_iso(snapshot.view.as_of);
    return chapter;
}

json chapters_json(const Snapshot& snapshot) {
    json chapters = json::array();
    for (std::size_t i = 0; i < snapshot.plan->chapters.size(); ++i)
        chapters.push_back(chapter_object(snapshot, i, true));
    return {{"as_of", format_iso(snapshot.view.as_of)},
            {"count", chapters.size()},
            {"chapters", chapters}};
}

std::vector<std::size_t> select_recommendations(const Snapshot& snapshot,
                                                const RecommendationFilter& filter) {
    const Plan& plan = *snapshot.plan;
    const PlanView& view = snapshot.view;
    // Folded on both sides: ' finds ’, - finds –, a space finds a no-break space, and back.
    std::vector<std::string> leads;
    for (const auto& lead : filter.leads)
        leads.push_back(fold_for_match(lead));
    std::string needle = fold_for_match(filter.text);

    std::vector<std::size_t> selected;
    for (std::size_t i = 0; i < plan.recommendations.size(); ++i) {
        const Recommendation& rec = plan.recommendations[i];
        const RecommendationView& rec_view = view.recommendations[i];
        if (!admits(filter.chapters, rec.chapter) || !admits(filter.statuses, rec.status) ||
            !admits(filter.rags, rec_view.rag) || !admits(filter.agreements, rec_view.reported))
            continue;
        // A plan with no national/local split has nothing an addressed_to filter can admit.
        if (!filter.audiences.empty() &&
            (!rec.addressed_to || !admits(filter.audiences, *rec.addressed_to)))
            continue;
        if (!leads.empty() || filter.no_lead) {
            // A milestone led by one of `leads`, or (no_lead) with no lead at all.
            bool has_lead = false;
            for (std::size_t m : rec_view.milestones) {
                const auto& lead = view.milestones[m].lead;
                has_lead =
                    has_lead || (lead ? !leads.empty() && admits(leads, fold_for_match(*lead))
                                      : filter.no_lead);
            }
            if (!has_lead)
                continue;
        }
        if (!needle.empty() && searchable_text(plan, view, i).find(needle) == std::string::npos)
            continue;
        selected.push_back(i);
    }
    return selected;
}

json recommendation_item_json(const Snapshot& snapshot, std::size_t index) {
    return recommendation_item(snapshot, index);
}

json recommendation_json(const Snapshot& snapshot, std::size_t index) {
    json record = recommendation_record(snapshot, index);
    record["as_of"] = format_iso(snapshot.view.as_of);
    return record;
}

json recommendations_json(const Snapshot& snapshot, const std::vector<std::size_t>& selected) {
    json items = json::array();
    for (std::size_t index : selected)
        items.push_back(recommendation_item(snapshot, index));
    return {{"as_of", format_iso(snapshot.view.as_of)},
            {"count", items.size()},
            {"recommendations", items}};
}

json deadlines_json(const Snapshot& snapshot, const DeadlineFilter& filter) {
    const PlanView& view = snapshot.view;
    std::unordered_map<std::string, int> chapter_of; // ref -> chapter
    for (const auto& rec : snapshot.plan->recommendations)
        chapter_of[rec.ref] = rec.chapter;

    std::vector<std::size_t> chosen;
    bool bounded = filter.from || filter.to;
    for (std::size_t i = 0; i < view.milestones.size(); ++i) {
        const Milestone& milestone = view.milestones[i];
        if (!admits(filter.rags, milestone.rag))
            continue;
        const auto& due = milestone.reading.due;
        if (bounded && !due)
            continue;
        if (filter.from && *due < *filter.from)
            continue;
        if (filter.to && *filter.to < *due)
            continue;
        chosen.push_back(i);
    }
    // Overdue first, then by due date; undated last; plan order breaks ties (stable sort).
    auto rank = [&view](std::size_t i) {
        const Milestone& milestone = view.milestones[i];
        return milestone.rag == Rag::red ? 0 : milestone.reading.due ? 1 : 2;
    };
    std::stable_sort(chosen.begin(), chosen.end(), [&](std::size_t a, std::size_t b) {
        int rank_a = rank(a), rank_b = rank(b);
        if (rank_a != rank_b)
            return rank_a < rank_b;
        const auto& due_a = view.milestones[a].reading.due;
        const auto& due_b = view.milestones[b].reading.due;
        return due_a && due_b && *due_a < *due_b;
    });

    json items = json::array();
    for (std::size_t i : chosen) {
        const Milestone& milestone = view.milestones[i];
        json item = milestone_json(milestone);
        item["chapter"] = chapter_of[milestone.ref];
        item["days_until_due"] = milestone.reading.due
                                     ? json(days_between(view.as_of, *milestone.reading.due))
                                     : json(nullptr);
        items.push_back(std::move(item));
    }
    return {{"as_of", format_iso(view.as_of)},
            {"amber_days", view.amber_days},
            {"count", items.size()},
            {"deadlines", items}};
}

json quality_json(const Snapshot& snapshot) {
    const PlanView& view = snapshot.view;
    json findings = json::array();
    for (const auto& finding : view.findings)
        findings.push_back(finding_json(finding));
    return {{"as_of", format_iso(view.as_of)},
            {"totals",
             {{"no_timescale", view.overall.no_timescale},
              {"no_lead", view.overall.no_lead},
              {"no_local_position", view.overall.no_local_position}}},
            {"count", findings.size()},
            {"findings", findings}};
}

json plan_json(const Snapshot& snapshot) {
    const Plan& plan = *snapshot.plan;
    const PlanView& view = snapshot.view;
    json meta = plan_meta_json(plan.info, view);
    meta["as_of_note"] = plan.info.as_of_note;
    meta["actions_to_date"] = plan.info.actions_to_date;
    meta["summary"] = plan.info.summary;
    meta["notes"] = plan.info.notes;

    json chapters = json::array();
    for (std::size_t i = 0; i < plan.chapters.size(); ++i)
        chapters.push_back(chapter_object(snapshot, i, false));
    json recommendations = json::array();
    for (std::size_t i = 0; i < plan.recommendations.size(); ++i)
        recommendations.push_back(recommendation_record(snapshot, i));
    json findings = json::array();
    for (const auto& finding : view.findings)
        findings.push_back(finding_json(finding));
    return {{"plan", meta},
            {"totals", counts_json(view.overall)},
            {"leads", leads_json(view)},
            {"chapters", chapters},
            {"recommendations", recommendations},
            {"deadlines", deadlines_json(snapshot, {})["deadlines"]},
            {"quality", findings}};
}

json health_json(const Snapshot& snapshot, const ReloadState& state,
                 const history::HistoryState* history, int stale_days,
                 std::chrono::system_clock::time_point now) {
    bool has_error = !state.last_error.empty();
    return {
        {"status", state.degraded ? "degraded" : "ok"},
        {"data_version", snapshot.data_version},
        {"loaded_at", format_utc(snapshot.loaded_at)},
        {"data_updated_at", format_utc(snapshot.data_updated_at)},
        {"stale", data_is_stale(snapshot, now, stale_days)},
        {"stale_after_days", stale_days},
        {"source", snapshot.source},
        {"as_of", format_iso(snapshot.view.as_of)},
        {"generation", snapshot.generation},
        {"reloads", state.reloads},
        {"failed_reloads", state.failed_reloads},
        {"last_reload_error", has_error ? json(state.last_error) : json(nullptr)},
        {"last_reload_error_at", has_error ? json(format_utc(state.last_error_at)) : json(nullptr)},
        {"history", history_health_json(history)}};
}

std::string recommendations_csv(const Snapshot& snapshot,
                                const std::vector<std::size_t>& selected) {
    const Plan& plan = *snapshot.plan;
    const PlanView& view = snapshot.view;
    std::string out = "\xEF\xBB\xBF"; // UTF-8 byte order mark
    append_csv_row(out, {"ref", "chapter", "chapter_title", "addressed_to", "status", "rag",
                         "recommendation", "milestones", "overdue", "due_soon", "next_milestone",
                         "next_due", "next_rag", "next_lead", "status_reason", "reported_rag",
                         "reported_rag_agreement"});
    for (std::size_t index : selected) {
        const Recommendation& rec = plan.recommendations[index];
        const RecommendationView& rec_view = view.recommendations[index];
        int overdue = 0, due_soon = 0;
        for (std::size_t m : rec_view.milestones) {
            overdue += view.milestones[m].rag == Rag::red;
            due_soon += view.milestones[m].rag == Rag::amber;
        }
        std::string next_text, next_due, next_rag, next_lead;
        if (rec_view.next) {
            const Milestone& next = view.milestones[*rec_view.next];
            next_text = next.text;
            next_due = next.reading.due ? format_iso(*next.reading.due) : "";
            next_rag = to_string(next.rag);
            next_lead = next.lead.value_or("");
        }
        append_csv_row(out,
                       {rec.ref, std::to_string(rec.chapter), chapter_title(plan, rec.chapter),
                        rec.addressed_to ? std::string(to_string(*rec.addressed_to)) : "",
                        std::string(to_string(rec.status)), std::string(to_string(rec_view.rag)),
                        plain_text(rec.text), std::to_string(rec_view.milestones.size()),
                        std::to_string(overdue), std::to_string(due_soon), next_text, next_due,
                        next_rag, next_lead, rec.status_reason,
                        rec.reported_rag ? std::string(to_string(*rec.reported_rag)) : "",
                        std::string(to_string(rec_view.reported))});
    }
    return out;
}

} // namespace actionboard::feed
