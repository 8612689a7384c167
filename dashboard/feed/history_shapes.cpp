#include "history_shapes.hpp"

#include "encoding.hpp"
#include "routes.hpp"
#include "shapes.hpp"

#include <cmath>
#include <cstdio>

namespace actionboard::feed {

using nlohmann::json;
using namespace actionboard::history;

namespace {

double round1(double value) { return std::round(value * 10.0) / 10.0; }

json optional_date(const std::optional<Date>& date) {
    return date ? json(format_iso(*date)) : json(nullptr);
}

json optional_text(const std::optional<std::string>& text) {
    return text ? json(*text) : json(nullptr);
}

json version_json(const Version& version) {
    const VersionFacts& facts = *version.facts;
    return {{"id", version.id == 0 ? json(nullptr) : json(version.id)},
            {"recorded", version.id != 0},
            {"recorded_at", format_utc(version.recorded_at)},
            {"recorded_day", format_iso(version.recorded_day)},
            {"as_of", format_iso(facts.reporting_date)},
            {"hash", version.hash},
            {"plan_version", facts.plan_version},
            {"source", version.source},
            {"imported", version.imported}};
}

json meetings_json(const std::vector<Date>& meetings) {
    json out = json::array();
    for (Date meeting : meetings)
        out.push_back(format_iso(meeting));
    return out;
}

json compliance_change_json(const ComplianceChange& change) {
    return {{"compliant", change.after.compliant},
            {"recommendations", change.after.total},
            {"compliance_percent", round1(change.after.percent())},
            {"baseline_compliant", change.before.compliant},
            {"baseline_recommendations", change.before.total},
            {"baseline_compliance_percent", round1(change.before.percent())},
            {"change", round1(change.change)},
            {"direction", to_string(change.direction)},
            {"label", change.label}};
}

json milestone_facts_json(const MilestoneFacts& milestone) {
    return {{"text", milestone.deadline},
            {"lead", optional_text(milestone.lead)},
            {"action", milestone.action.empty() ? json(nullptr) : json(milestone.action)},
            {"kind", to_string(milestone.kind)},
            {"due", optional_date(milestone.due)},
            {"complete", milestone.complete},
            {"rag", to_string(milestone.rag)}};
}

json change_json(const Change& change, const Timeline& timeline, Date as_of) {
    const Version& seen = timeline.versions.at(change.first_seen);
    auto status = [](const std::optional<Status>& s) { return s ? json(to_string(*s)) : json(nullptr); };
    bool moves = change.kind == ChangeKind::slipped || change.kind == ChangeKind::brought_forward ||
                 change.kind == ChangeKind::rescheduled;
    return {{"kind", to_string(change.kind)},
            {"exception", change.exception},
            {"ref", change.ref},
            {"chapter", change.chapter},
            {"part", change.part.empty() ? json(nullptr) : json(change.part)},
            {"milestone", change.milestone ? milestone_facts_json(*change.milestone) : json(nullptr)},
            {"status_from", status(change.status_from)},
            {"status_to", status(change.status_to)},
            {"due_from", optional_date(change.due_from)},
            {"due_to", optional_date(change.due_to)},
            {"deadline_from", optional_text(change.deadline_from)},
            {"deadline_to", optional_text(change.deadline_to)},
            {"times_moved", moves ? json(change.times_moved) : json(nullptr)},
            {"first_seen", format_utc(seen.recorded_at)},
            {"first_seen_version", seen.id == 0 ? json(nullptr) : json(seen.id)},
            {"summary", describe(change, as_of)},
            {"url", recommendation_path(change.ref)}};
}

json status_fields(const HistoryState& state) {
    return {{"status", to_string(state.status)},
            {"error", state.error.empty() ? json(nullptr) : json(state.error)}};
}

} // namespace

json history_json(const HistoryState& state) {
    json body = status_fields(state);
    json versions = json::array();
    if (state.timeline) {
        for (const Version& version : state.timeline->versions)
            versions.push_back(version_json(version));
    }
    body["count"] = versions.size();
    body["versions"] = std::move(versions);
    body["current"] = state.current && state.timeline
                          ? version_json(state.timeline->versions[*state.current])
                          : json(nullptr);
    return body;
}

json changes_json(const HistoryState& state, const ChangesResult& result) {
    json body = status_fields(state);
    body["as_of"] = format_iso(result.as_of);
    const Timeline* timeline = state.timeline.get();
    json baseline = nullptr;
    if (result.baseline.baseline && timeline) {
        const Baseline& chosen = *result.baseline.baseline;
        baseline = version_json(timeline->versions.at(chosen.index));
        baseline["chosen_by"] = chosen.chosen_by == Baseline::ChosenBy::meeting ? "meeting" : "since";
        baseline["meeting"] = optional_date(chosen.meeting);
        baseline["label_date"] = format_iso(chosen.label_date);
    }
    body["baseline"] = std::move(baseline);
    body["current"] = state.current && timeline ? version_json(timeline->versions[*state.current]) : json(nullptr);
    body["why_none"] = result.comparison ? json(nullptr) : json(result.why_none);
    json direction = nullptr;
    json changes = json::array();
    int exceptions = 0;
    if (result.comparison && timeline) {
        const Comparison& comparison = *result.comparison;
        json chapters = json::array();
        for (const auto& chapter : comparison.chapters) {
            json item = {{"number", chapter.number}, {"title", chapter.title}};
            if (chapter.compliance) {
                item.update(compliance_change_json(*chapter.compliance));
            } else {
                Compliance now = chapter_compliance(*result.current_facts, chapter.number);
                item.update({{"compliant", now.compliant},
                             {"recommendations", now.total},
                             {"compliance_percent", round1(now.percent())},
                             {"baseline_compliant", nullptr},
                             {"baseline_recommendations", nullptr},
                             {"baseline_compliance_percent", nullptr},
                             {"change", nullptr},
                             {"direction", nullptr},
                             {"label", nullptr}});
            }
            chapters.push_back(std::move(item));
        }
        json recommendations = json::array();
        for (const auto& rec : comparison.recommendations)
            recommendations.push_back(
                {{"ref", rec.ref},
                 {"chapter", rec.chapter},
                 {"rag", to_string(rec.rag)},
                 {"baseline_rag", rec.baseline_rag ? json(to_string(*rec.baseline_rag)) : json(nullptr)},
                 {"direction", rec.direction ? json(to_string(*rec.direction)) : json(nullptr)}});
        direction = {{"overall", compliance_change_json(comparison.overall)},
                     {"chapters", std::move(chapters)},
                     {"recommendations", std::move(recommendations)}};
        for (const auto& change : comparison.changes) {
            exceptions += change.exception;
            changes.push_back(change_json(change, *timeline, comparison.as_of));
        }
    }
    body["direction"] = std::move(direction);
    body["count"] = changes.size();
    body["exceptions"] = exceptions;
    body["changes"] = std::move(changes);
    return body;
}

json trend_json(const HistoryState& state) {
    json body = status_fields(state);
    json points = json::array();
    if (state.timeline) {
        for (const TrendPoint& point : state.trend) {
            const Version& version = state.timeline->versions.at(point.version);
            json chapters = json::array();
            for (const auto& [number, compliance] : point.chapters)
                chapters.push_back({{"number", number},
                                    {"compliant", compliance.compliant},
                                    {"recommendations", compliance.total},
                                    {"compliance_percent", round1(compliance.percent())}});
            points.push_back({{"id", version.id == 0 ? json(nullptr) : json(version.id)},
                              {"recorded_at", format_utc(version.recorded_at)},
                              {"as_of", format_iso(version.facts->reporting_date)},
                              {"plan_version", version.facts->plan_version},
                              {"compliant", point.compliance.compliant},
                              {"recommendations", point.compliance.total},
                              {"compliance_percent", round1(point.compliance.percent())},
                              {"overdue", point.overdue},
                              {"milestones", point.milestones},
                              {"chapters", std::move(chapters)}});
        }
    }
    body["count"] = points.size();
    body["points"] = std::move(points);
    body["meetings"] = state.snapshot ? meetings_json(state.snapshot->plan->info.meetings) : json::array();
    body["baseline"] = state.baseline.baseline && state.timeline
                           ? json(state.timeline->versions[state.baseline.baseline->index].id)
                           : json(nullptr);
    return body;
}

json history_health_json(const HistoryState* state) {
    if (!state)
        return {{"status", "off"}, {"file", nullptr}, {"versions", 0}, {"error", nullptr}, {"note", nullptr}};
    int recorded = 0;
    if (state->timeline) {
        for (const auto& version : state->timeline->versions)
            recorded += version.id != 0;
    }
    return {{"status", to_string(state->status)},
            {"file", state->file.empty() ? json(nullptr) : json(state->file)},
            {"versions", recorded},
            {"error", state->error.empty() ? json(nullptr) : json(state->error)},
            {"note", state->note.empty() ? json(nullptr) : json(state->note)}};
}

PreparedBodies prepare_history_bodies(const HistoryState& state) {
    PreparedBodies bodies;
    if (!state.available())
        return bodies;
    try {
        ChangesResult result = changes_at(state, state.since, std::nullopt);
        bodies.emplace(std::string(paths::history), prepare_body(json_type, to_text(history_json(state))));
        bodies.emplace(std::string(paths::changes), prepare_body(json_type, to_text(changes_json(state, result))));
        bodies.emplace(std::string(paths::trend), prepare_body(json_type, to_text(trend_json(state))));
    } catch (const std::exception& error) {
        // On the history thread: never end the process; requests render on demand instead.
        std::fprintf(stderr, "actionboard: feed: cannot prepare the history's bodies: %s\n", error.what());
        bodies.clear();
    }
    return bodies;
}

} // namespace actionboard::feed
