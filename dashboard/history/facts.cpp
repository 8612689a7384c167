#include "facts.hpp"

#include "dashboard/core/ascii.hpp"
#include "dashboard/core/deadline.hpp"

#include <stdexcept>

namespace actionboard::history {

int VersionFacts::compliant() const {
    int count = 0;
    for (const auto& rec : recommendations)
        count += rec.status == Status::compliant;
    return count;
}

int VersionFacts::overdue() const {
    int count = 0;
    for (const auto& milestone : milestones)
        count += milestone.rag == Rag::red;
    return count;
}

VersionFacts facts_of(const Plan& plan, const PlanView& view) {
    VersionFacts facts;
    facts.plan_id = plan.info.id;
    facts.plan_title = plan.info.title;
    facts.plan_version = plan.info.version;
    facts.reporting_date = plan.info.as_of;
    facts.as_of = view.as_of;
    facts.amber_days = view.amber_days;
    facts.meetings = plan.info.meetings;
    for (const auto& chapter : plan.chapters)
        facts.chapters.push_back({chapter.number, chapter.title});

    // The view's milestones are in plan order: each row's entries, each entry's readings. The
    // entry and reading positions are counted here, reading each text as the view did.
    std::size_t next = 0;
    for (std::size_t i = 0; i < plan.recommendations.size(); ++i) {
        const Recommendation& rec = plan.recommendations[i];
        const RecommendationView& rec_view = view.recommendations.at(i);
        facts.recommendations.push_back(
            {rec.ref, rec.chapter, rec.status, rec_view.rag, rec.reported_rag});
        auto add_row = [&](const std::string& part, const std::vector<MilestoneEntry>& entries) {
            for (std::size_t e = 0; e < entries.size(); ++e) {
                const MilestoneEntry& entry = entries[e];
                std::size_t readings = read_deadline(entry.deadline, plan.info.as_of).size();
                for (std::size_t r = 0; r < readings; ++r) {
                    const Milestone& milestone = view.milestones.at(next++);
                    if (milestone.text != entry.deadline || !same_ref(milestone.ref, rec.ref))
                        throw std::logic_error(
                            "history: the view's milestones are not in plan order");
                    MilestoneFacts out;
                    out.ref = rec.ref;
                    out.part = part;
                    out.entry = int(e);
                    out.reading = int(r);
                    out.deadline = entry.deadline;
                    out.lead = entry.lead;
                    out.action = entry.action;
                    out.kind = milestone.reading.kind;
                    out.start = milestone.reading.start;
                    out.due = milestone.reading.due;
                    out.complete = milestone.complete;
                    out.completed_on = entry.completed_on;
                    out.rag = milestone.rag;
                    facts.milestones.push_back(std::move(out));
                }
            }
        };
        add_row("", rec.milestones);
        for (const auto& part : rec.parts)
            add_row(part.label, part.milestones);
    }
    return facts;
}

VersionFacts facts_at_reporting_date(const Plan& plan) {
    return facts_of(plan, compute_view(plan, plan.info.as_of, plan.info.amber_days));
}

Compliance compliance(const VersionFacts& facts) {
    return {facts.compliant(), int(facts.recommendations.size())};
}

Compliance chapter_compliance(const VersionFacts& facts, int chapter) {
    Compliance result;
    for (const auto& rec : facts.recommendations) {
        if (rec.chapter != chapter)
            continue;
        ++result.total;
        result.compliant += rec.status == Status::compliant;
    }
    return result;
}

std::string ref_key(std::string_view ref) {
    std::string key(ref);
    for (char& c : key)
        c = ascii_lower(c);
    return key;
}

std::optional<MilestoneKind> parse_milestone_kind(std::string_view text) {
    for (MilestoneKind kind :
         {MilestoneKind::dated, MilestoneKind::ongoing, MilestoneKind::recurring,
          MilestoneKind::complete, MilestoneKind::unscheduled}) {
        if (text == to_string(kind))
            return kind;
    }
    return std::nullopt;
}

} // namespace actionboard::history
