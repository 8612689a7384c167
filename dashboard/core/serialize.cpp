#include "serialize.hpp"

#include <cmath>

namespace actionboard {

using nlohmann::json;

namespace {
json optional_date(const std::optional<Date>& date) {
    return date ? json(format_iso(*date)) : json(nullptr);
}
json optional_string(const std::optional<std::string>& text) {
    return text ? json(*text) : json(nullptr);
}
// One decimal place is what a person reads; keep the JSON stable across platforms.
double round1(double value) { return std::round(value * 10.0) / 10.0; }
} // namespace

json blocks_json(const Blocks& blocks) {
    json array = json::array();
    for (const auto& block : blocks) {
        if (block.is_list())
            array.push_back({{"list", block.items}});
        else
            array.push_back(block.paragraph);
    }
    return array;
}

json counts_json(const Counts& counts) {
    json by_status = json::object();
    for (int s = 0; s < status_count; ++s)
        by_status[std::string(to_string(Status(s)))] = counts.by_status[std::size_t(s)];
    json by_rag = json::object();
    for (int r = 0; r < rag_count; ++r)
        by_rag[std::string(to_string(Rag(r)))] = counts.by_rag[std::size_t(r)];
    return {
        {"recommendations",
         {{"total", counts.recommendations},
          {"compliant", counts.compliant()},
          {"compliance_percent", round1(counts.compliance_percent())},
          {"by_status", by_status},
          {"by_rag", by_rag},
          // null, not 0, for a plan that answers no national report: there is no split.
          {"national", counts.national_split ? json(counts.national) : json(nullptr)},
          {"local", counts.national_split ? json(counts.local) : json(nullptr)},
          {"worst_rag", to_string(counts.worst)},
          {"reported_rags", counts.reported_rags},
          {"reported_rag_disagreements", counts.rag_disagreements}}},
        {"milestones",
         {{"total", counts.milestones},
          {"overdue", counts.overdue},
          {"due_soon", counts.due_soon},
          {"complete", counts.complete},
          {"ongoing", counts.ongoing},
          {"recurring", counts.recurring},
          {"unscheduled", counts.unscheduled}}},
        {"quality",
         {{"no_timescale", counts.no_timescale},
          {"no_lead", counts.no_lead},
          {"no_local_position", counts.no_local_position}}},
    };
}

json plan_meta_json(const PlanInfo& info, const PlanView& view) {
    return {{"id", info.id},
            {"title", info.title},
            {"authority", info.authority},
            {"version", info.version},
            {"source", info.source},
            {"reporting_date", format_iso(info.as_of)},
            {"as_of", format_iso(view.as_of)},
            {"amber_days", view.amber_days}};
}

json milestone_json(const Milestone& milestone) {
    return {{"ref", milestone.ref},
            {"part", milestone.part.empty() ? json(nullptr) : json(milestone.part)},
            {"text", milestone.text},
            {"phrase", milestone.reading.phrase},
            {"kind", to_string(milestone.reading.kind)},
            {"start", optional_date(milestone.reading.start)},
            {"due", optional_date(milestone.reading.due)},
            {"lead", optional_string(milestone.lead)},
            {"action", milestone.action.empty() ? json(nullptr) : json(milestone.action)},
            {"complete", milestone.complete},
            {"rag", to_string(milestone.rag)}};
}

json government_deadline_json(const GovernmentDeadline& deadline) {
    return {{"ref", deadline.ref},
            {"part", deadline.part.empty() ? json(nullptr) : json(deadline.part)},
            {"text", deadline.text},
            {"phrase", deadline.reading.phrase},
            {"kind", to_string(deadline.reading.kind)},
            {"start", optional_date(deadline.reading.start)},
            {"due", optional_date(deadline.reading.due)}};
}

json finding_json(const Finding& finding) {
    return {{"kind", to_string(finding.kind)},
            {"ref", finding.ref.empty() ? json(nullptr) : json(finding.ref)},
            {"part", finding.part.empty() ? json(nullptr) : json(finding.part)},
            {"chapter", finding.chapter},
            {"detail", finding.detail}};
}

json problem_json(const Problem& problem) {
    json error = {{"message", problem.message}};
    if (!problem.cell.empty())
        error["cell"] = problem.cell;
    if (problem.line > 0) {
        error["line"] = problem.line;
        // A CSV file's byte that is not text is at a character; any other column is a JSON
        // text's column or a CSV cell's (its number: 6 is column F).
        error[problem.counts == Problem::Counts::character ? "character" : "column"] =
            problem.column;
    } else {
        error["pointer"] = problem.pointer;
    }
    return error;
}

json summary_json(const Plan& plan, const PlanView& view) {
    json counts = counts_json(view.overall);
    json chapters = json::array();
    for (std::size_t i = 0; i < plan.chapters.size(); ++i) {
        const Chapter& chapter = plan.chapters[i];
        const Counts& c = view.chapters[i].counts;
        json chapter_counts = counts_json(c);
        chapters.push_back({{"number", chapter.number},
                            {"title", chapter.title},
                            {"recommendations", c.recommendations},
                            {"compliant", c.compliant()},
                            {"compliance_percent", round1(c.compliance_percent())},
                            {"by_status", chapter_counts["recommendations"]["by_status"]},
                            {"by_rag", chapter_counts["recommendations"]["by_rag"]},
                            {"worst_rag", to_string(c.worst)},
                            {"milestones", chapter_counts["milestones"]},
                            {"local_position", blocks_json(chapter.local_position)}});
    }
    json leads = json::array();
    for (const auto& [lead, lead_counts] : view.by_lead)
        leads.push_back({{"lead", lead.empty() ? json(nullptr) : json(lead)},
                         {"milestones", lead_counts.milestones},
                         {"overdue", lead_counts.overdue},
                         {"due_soon", lead_counts.due_soon}});
    return {{"plan", plan_meta_json(plan.info, view)},
            {"recommendations", counts["recommendations"]},
            {"milestones", counts["milestones"]},
            {"quality", counts["quality"]},
            {"leads", leads},
            {"chapters", chapters}};
}

} // namespace actionboard
