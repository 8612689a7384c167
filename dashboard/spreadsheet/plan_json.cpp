#include "plan_json.hpp"

#include "dashboard/core/serialize.hpp"
#include "dashboard/core/view.hpp"

namespace actionboard::spreadsheet {

using nlohmann::json;

namespace {

json milestones_json(const std::vector<MilestoneEntry>& milestones) {
    json list = json::array();
    for (const auto& entry : milestones) {
        json item = {{"deadline", entry.deadline}};
        item["lead"] = entry.lead ? json(*entry.lead) : json(nullptr);
        if (!entry.action.empty())
            item["action"] = entry.action;
        if (entry.complete)
            item["complete"] = true;
        if (entry.completed_on)
            item["completed_on"] = format_iso(*entry.completed_on);
        list.push_back(std::move(item));
    }
    return list;
}

void put_strings(json& object, const char* key, const std::vector<std::string>& list) {
    if (!list.empty())
        object[key] = list;
}

} // namespace

json plan_document_json(const Plan& plan) {
    const PlanInfo& info = plan.info;
    json plan_info = {{"id", info.id},
                      {"title", info.title},
                      {"authority", info.authority},
                      {"version", info.version}};
    if (!info.source.empty())
        plan_info["source"] = info.source;
    plan_info["as_of"] = format_iso(info.as_of);
    if (!info.as_of_note.empty())
        plan_info["as_of_note"] = info.as_of_note;
    plan_info["amber_days"] = info.amber_days;
    put_strings(plan_info, "actions_to_date", info.actions_to_date);
    put_strings(plan_info, "summary", info.summary);
    put_strings(plan_info, "notes", info.notes);

    json chapters = json::array();
    for (const auto& chapter : plan.chapters) {
        json item = {{"number", chapter.number}, {"title", chapter.title}};
        if (!chapter.key_points.empty())
            item["key_points"] = blocks_json(chapter.key_points);
        if (!chapter.local_position.empty())
            item["local_position"] = blocks_json(chapter.local_position);
        chapters.push_back(std::move(item));
    }

    json recommendations = json::array();
    for (const auto& rec : plan.recommendations) {
        json item = {{"ref", rec.ref}, {"chapter", rec.chapter}, {"text", blocks_json(rec.text)}};
        if (rec.addressed_to)
            item["addressed_to"] = to_string(*rec.addressed_to);
        put_strings(item, "bodies", rec.bodies);
        if (!rec.government_response.empty())
            item["government_response"] = blocks_json(rec.government_response);
        if (rec.government_deadline)
            item["government_deadline"] = *rec.government_deadline;
        if (rec.local_response_see)
            item["local_response"] = {{"see", *rec.local_response_see}};
        else
            item["local_response"] = blocks_json(rec.local_response);
        if (!rec.milestones.empty())
            item["milestones"] = milestones_json(rec.milestones);
        if (!rec.parts.empty()) {
            json parts = json::array();
            for (const auto& part : rec.parts) {
                json entry = {{"label", part.label}, {"text", blocks_json(part.text)}};
                if (!part.government_response.empty())
                    entry["government_response"] = blocks_json(part.government_response);
                if (part.government_deadline)
                    entry["government_deadline"] = *part.government_deadline;
                if (!part.local_response.empty())
                    entry["local_response"] = blocks_json(part.local_response);
                if (!part.milestones.empty())
                    entry["milestones"] = milestones_json(part.milestones);
                parts.push_back(std::move(entry));
            }
            item["parts"] = std::move(parts);
        }
        item["status"] = to_string(rec.status);
        item["status_reason"] = rec.status_reason;
        if (rec.reported_rag)
            item["reported_rag"] = to_string(*rec.reported_rag);
        recommendations.push_back(std::move(item));
    }
    return {{"format", "actionboard-plan/1"},
            {"plan", std::move(plan_info)},
            {"chapters", std::move(chapters)},
            {"recommendations", std::move(recommendations)}};
}

} // namespace actionboard::spreadsheet
