#include "view.hpp"

#include <algorithm>

namespace actionboard {

std::string_view to_string(Rag rag) {
    switch (rag) {
    case Rag::red:
        return "red";
    case Rag::amber:
        return "amber";
    case Rag::green:
        return "green";
    case Rag::blue:
        return "blue";
    case Rag::none:
        return "none";
    }
    return "none";
}

std::optional<Rag> parse_rag(std::string_view text) {
    for (Rag rag : {Rag::red, Rag::amber, Rag::green, Rag::blue, Rag::none}) {
        if (text == to_string(rag))
            return rag;
    }
    return std::nullopt;
}

// "none" ranks above "blue": a chapter is blue only when all of it is complete.
int severity(Rag rag) {
    switch (rag) {
    case Rag::red:
        return 0;
    case Rag::amber:
        return 1;
    case Rag::green:
        return 2;
    case Rag::none:
        return 3;
    case Rag::blue:
        return 4;
    }
    return 3;
}

Rag worse(Rag a, Rag b) {
    return severity(a) <= severity(b) ? a : b;
}

std::string_view to_string(RagAgreement agreement) {
    switch (agreement) {
    case RagAgreement::not_compared:
        return "not_compared";
    case RagAgreement::agree:
        return "agree";
    case RagAgreement::reported_better:
        return "reported_better";
    case RagAgreement::reported_worse:
        return "reported_worse";
    }
    return "not_compared";
}

std::string reported_rag_note(std::optional<Rag> reported, Rag computed) {
    if (!reported)
        return {};
    std::string note = "Reported ";
    note.append(to_string(*reported));
    if (disagrees(compare_reported_rag(reported, computed)))
        note.append(", but the deadlines say ").append(to_string(computed));
    return note;
}

RagAgreement compare_reported_rag(std::optional<Rag> reported, Rag computed) {
    if (!reported || *reported == Rag::none || computed == Rag::none)
        return RagAgreement::not_compared;
    if (*reported == computed)
        return RagAgreement::agree;
    // Blue (done) is the best state, then green, amber, red.
    auto rank = [](Rag rag) {
        return rag == Rag::blue ? 3 : rag == Rag::green ? 2 : rag == Rag::amber ? 1 : 0;
    };
    return rank(*reported) > rank(computed) ? RagAgreement::reported_better
                                            : RagAgreement::reported_worse;
}

std::string_view to_string(FindingKind kind) {
    switch (kind) {
    case FindingKind::no_timescale:
        return "no_timescale";
    case FindingKind::no_lead:
        return "no_lead";
    case FindingKind::no_local_position:
        return "no_local_position";
    }
    return "no_timescale";
}

double Counts::compliance_percent() const {
    return recommendations == 0 ? 0.0 : 100.0 * compliant() / recommendations;
}

const RecommendationView* PlanView::find(std::string_view ref) const {
    for (const auto& rec : recommendations) {
        if (same_ref(rec.ref, ref))
            return &rec;
    }
    return nullptr;
}

Rag milestone_rag(const DeadlineReading& reading, bool complete, bool compliant, Date as_of,
                  int amber_days) {
    if (complete || compliant || reading.kind == MilestoneKind::complete)
        return Rag::blue;
    if (reading.kind != MilestoneKind::dated || !reading.due)
        return Rag::none;
    int days_left = days_between(as_of, *reading.due);
    if (days_left < 0)
        return Rag::red;
    if (days_left <= amber_days)
        return Rag::amber;
    return Rag::green;
}

namespace {

class ViewBuilder {
public:
    ViewBuilder(const Plan& plan, Date as_of, int amber_days)
        : plan_(plan), reporting_date_(plan.info.as_of) {
        view_.as_of = as_of;
        view_.amber_days = amber_days;
    }

    PlanView build() {
        view_.recommendations.reserve(plan_.recommendations.size());
        for (const auto& rec : plan_.recommendations)
            add_recommendation(rec);
        roll_up();
        return std::move(view_);
    }

private:
    const Plan& plan_;
    Date reporting_date_; // the plan's as_of: relative deadlines ("Immediate", "Q2") read from it
    PlanView view_;

    void add_recommendation(const Recommendation& rec) {
        RecommendationView rec_view;
        rec_view.ref = rec.ref;
        bool compliant = rec.status == Status::compliant;
        std::size_t first_deadline = view_.government_deadlines.size();
        std::size_t first_finding = view_.findings.size();

        add_government(rec.ref, "", rec.government_deadline);
        add_milestones(rec, "", rec.milestones, compliant, rec_view);
        for (const auto& part : rec.parts) {
            add_government(rec.ref, part.label, part.government_deadline);
            add_milestones(rec, part.label, part.milestones, compliant, rec_view);
        }
        find_missing_timescales(rec);
        // Everything added above is this recommendation's.
        for (std::size_t i = first_deadline; i < view_.government_deadlines.size(); ++i)
            rec_view.government_deadlines.push_back(i);
        for (std::size_t i = first_finding; i < view_.findings.size(); ++i)
            rec_view.findings.push_back(i);

        rec_view.rag = recommendation_rag(rec_view, compliant);
        rec_view.reported = compare_reported_rag(rec.reported_rag, rec_view.rag);
        rec_view.next = next_milestone(rec_view);
        view_.recommendations.push_back(std::move(rec_view));
    }

    void add_government(const std::string& ref, const std::string& part,
                        const std::optional<std::string>& text) {
        if (!text)
            return;
        for (auto& reading : read_deadline(*text, reporting_date_))
            view_.government_deadlines.push_back({ref, part, *text, std::move(reading)});
    }

    void add_milestones(const Recommendation& rec, const std::string& part,
                        const std::vector<MilestoneEntry>& entries, bool compliant,
                        RecommendationView& rec_view) {
        for (const auto& entry : entries) {
            for (auto& reading : read_deadline(entry.deadline, reporting_date_)) {
                Milestone milestone;
                milestone.ref = rec.ref;
                milestone.part = part;
                milestone.text = entry.deadline;
                milestone.lead = entry.lead;
                milestone.action = entry.action;
                milestone.complete = entry.complete || reading.kind == MilestoneKind::complete;
                milestone.rag = milestone_rag(reading, entry.complete, compliant, view_.as_of,
                                              view_.amber_days);
                milestone.reading = std::move(reading);
                if (!compliant && !milestone.complete) {
                    if (milestone.reading.kind == MilestoneKind::unscheduled)
                        view_.findings.push_back({FindingKind::no_timescale, rec.ref, part,
                                                  entry.deadline, rec.chapter});
                    if (!entry.lead)
                        view_.findings.push_back({FindingKind::no_lead, rec.ref, part,
                                                  milestone.reading.phrase, rec.chapter});
                }
                rec_view.milestones.push_back(view_.milestones.size());
                view_.milestones.push_back(std::move(milestone));
            }
        }
    }

    // Local actions with no deadline at all. A compliant recommendation needs none, and a shared
    // response ("see 39") is scheduled where it is written.
    void find_missing_timescales(const Recommendation& rec) {
        if (rec.status == Status::compliant || rec.local_response_see)
            return;
        bool row_needs_timescale = rec.parts.empty() || !rec.local_response.empty();
        if (row_needs_timescale && rec.milestones.empty())
            view_.findings.push_back({FindingKind::no_timescale, rec.ref, "",
                                      rec.local_response.empty() ? "no local response"
                                                                 : "local actions with no deadline",
                                      rec.chapter});
        for (const auto& part : rec.parts) {
            if (!part.local_response.empty() && part.milestones.empty())
                view_.findings.push_back({FindingKind::no_timescale, rec.ref, part.label,
                                          "local actions with no deadline", rec.chapter});
        }
    }

    Rag recommendation_rag(const RecommendationView& rec_view, bool compliant) const {
        if (compliant)
            return Rag::blue;
        std::optional<Rag> worst_open;
        bool any_complete = false;
        for (std::size_t index : rec_view.milestones) {
            const Milestone& milestone = view_.milestones[index];
            if (milestone.rag == Rag::blue) {
                any_complete = true;
            } else if (milestone.rag != Rag::none) {
                worst_open = worst_open ? worse(*worst_open, milestone.rag) : milestone.rag;
            }
        }
        if (worst_open)
            return *worst_open;
        return any_complete ? Rag::blue : Rag::none;
    }

    std::optional<std::size_t> next_milestone(const RecommendationView& rec_view) const {
        std::optional<std::size_t> next;
        for (std::size_t index : rec_view.milestones) {
            const Milestone& milestone = view_.milestones[index];
            if (milestone.rag == Rag::blue || milestone.reading.kind != MilestoneKind::dated)
                continue;
            if (!next || *milestone.reading.due < *view_.milestones[*next].reading.due)
                next = index;
        }
        return next;
    }

    static void count_milestone(Counts& counts, const Milestone& milestone) {
        ++counts.milestones;
        if (milestone.rag == Rag::red)
            ++counts.overdue;
        else if (milestone.rag == Rag::amber)
            ++counts.due_soon;
        switch (milestone.reading.kind) {
        case MilestoneKind::unscheduled:
            ++counts.unscheduled;
            break;
        case MilestoneKind::ongoing:
            ++counts.ongoing;
            break;
        case MilestoneKind::recurring:
            ++counts.recurring;
            break;
        case MilestoneKind::dated:
        case MilestoneKind::complete:
            break;
        }
        counts.complete += milestone.complete;
    }

    static void count_recommendation(Counts& counts, const Recommendation& rec,
                                     const RecommendationView& rec_view) {
        counts.worst =
            counts.recommendations == 0 ? rec_view.rag : worse(counts.worst, rec_view.rag);
        ++counts.recommendations;
        ++counts.by_status[int(rec.status)];
        ++counts.by_rag[int(rec_view.rag)];
        counts.reported_rags += rec.reported_rag.has_value();
        counts.rag_disagreements += disagrees(rec_view.reported);
        if (rec.addressed_to == Audience::national)
            ++counts.national;
        else if (rec.addressed_to == Audience::local)
            ++counts.local;
    }

    void roll_up() {
        std::map<int, std::size_t> chapter_index;
        for (const auto& chapter : plan_.chapters) {
            chapter_index[chapter.number] = view_.chapters.size();
            view_.chapters.push_back({chapter.number, {}, {}});
        }
        for (std::size_t i = 0; i < plan_.recommendations.size(); ++i) {
            const Recommendation& rec = plan_.recommendations[i];
            const RecommendationView& rec_view = view_.recommendations[i];
            count_recommendation(view_.overall, rec, rec_view);
            auto it = chapter_index.find(rec.chapter);
            if (it == chapter_index.end())
                continue; // the loader refuses such plans; stay safe for hand-built ones
            ChapterView& chapter = view_.chapters[it->second];
            chapter.recommendations.push_back(i);
            count_recommendation(chapter.counts, rec, rec_view);
            for (std::size_t m : rec_view.milestones)
                count_milestone(chapter.counts, view_.milestones[m]);
        }
        for (const Milestone& milestone : view_.milestones) {
            count_milestone(view_.overall, milestone);
            LeadCounts& lead = view_.by_lead[milestone.lead.value_or("")];
            ++lead.milestones;
            lead.overdue += milestone.rag == Rag::red;
            lead.due_soon += milestone.rag == Rag::amber;
        }
        // A chapter with nothing recorded against its heading: the wall would show a blank box.
        for (const auto& chapter : plan_.chapters) {
            if (plain_text(chapter.local_position).find_first_not_of(" \t\r\n") ==
                std::string::npos)
                view_.findings.push_back({FindingKind::no_local_position, "", "",
                                          "no local position recorded", chapter.number});
        }
        bool split = plan_.answers_national_report();
        view_.overall.national_split = split;
        for (auto& chapter : view_.chapters)
            chapter.counts.national_split = split;
        for (const Finding& finding : view_.findings) {
            int Counts::*field = &Counts::no_timescale;
            if (finding.kind == FindingKind::no_lead)
                field = &Counts::no_lead;
            else if (finding.kind == FindingKind::no_local_position)
                field = &Counts::no_local_position;
            ++(view_.overall.*field);
            if (auto it = chapter_index.find(finding.chapter); it != chapter_index.end())
                ++(view_.chapters[it->second].counts.*field);
        }
    }
};

} // namespace

PlanView compute_view(const Plan& plan, Date as_of, int amber_days) {
    return ViewBuilder(plan, as_of, amber_days).build();
}

} // namespace actionboard
