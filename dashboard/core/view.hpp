#pragma once
// The computed view of a plan at an as-of date: every milestone read and rated, each
// recommendation's RAG, roll-ups per chapter and overall, lead agencies and data quality.
// A pure function of (plan, as-of date, amber window): docs/rag.md gives the rules.

#include "deadline.hpp"
#include "plan.hpp"

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace actionboard {

std::string_view to_string(Rag rag);
std::optional<Rag> parse_rag(std::string_view text);
// Worse first: red, amber, green, blue, none.
int severity(Rag rag);
Rag worse(Rag a, Rag b);

// One local milestone, read from one deadline entry: dated, ongoing, recurring, complete or
// unscheduled (docs/deadlines.md).
struct Milestone {
    std::string ref;
    std::string part;        // part label, empty for the recommendation's own row
    std::string text;        // the deadline entry's original text
    DeadlineReading reading; // kind, start, due, phrase
    std::optional<std::string> lead;
    std::string action;
    bool complete = false; // marked complete in the file, or its deadline reads as done
    Rag rag = Rag::none;
};

// A Government deadline, read for context: it never drives the local RAG.
struct GovernmentDeadline {
    std::string ref;
    std::string part;
    std::string text;
    DeadlineReading reading;
};

// no_timescale: an open local action with no readable deadline; no_lead: an open milestone with
// no lead; no_local_position: a chapter whose local position is empty (docs/rag.md).
enum class FindingKind { no_timescale, no_lead, no_local_position };
inline constexpr int finding_kind_count = 3;
std::string_view to_string(FindingKind kind);

struct Finding {
    FindingKind kind;
    std::string ref; // empty for a chapter's finding
    std::string part;
    std::string detail; // the deadline text, or what is missing
    int chapter = 0;    // the chapter it belongs to
};

struct Counts {
    int recommendations = 0;
    std::array<int, status_count> by_status{};
    std::array<int, rag_count> by_rag{};
    int compliant() const { return by_status[int(Status::compliant)]; }
    double compliance_percent() const;
    bool national_split =
        false; // the plan answers a national report (Plan::answers_national_report)
    int national = 0;
    int local = 0;
    int milestones = 0;
    int overdue = 0;     // red milestones
    int due_soon = 0;    // amber milestones
    int unscheduled = 0; // milestones with no readable date
    int ongoing = 0;
    int recurring = 0;
    int complete = 0;     // milestones done (marked complete, or a deadline such as "Complete")
    int no_timescale = 0; // findings
    int no_lead = 0;
    int no_local_position = 0;
    int reported_rags = 0;     // recommendations whose plan gives a reported RAG
    int rag_disagreements = 0; // reported RAG and computed RAG disagree (compare_reported_rag)
    Rag worst = Rag::none;     // worst recommendation RAG
};

struct LeadCounts {
    int milestones = 0;
    int overdue = 0;
    int due_soon = 0;
};

// The officer's reported RAG against the computed one. not_compared: nothing reported, or the
// computed RAG is none (no dated milestone to judge by). reported_better: the officer reports a
// better state than the milestones show (reported green, a milestone overdue); reported_worse:
// the opposite. Either of the last two is a disagreement.
enum class RagAgreement { not_compared, agree, reported_better, reported_worse };
std::string_view to_string(RagAgreement agreement);
RagAgreement compare_reported_rag(std::optional<Rag> reported, Rag computed);
inline bool disagrees(RagAgreement agreement) {
    return agreement == RagAgreement::reported_better || agreement == RagAgreement::reported_worse;
}
// For a display beside the computed RAG: "" when nothing is reported, "Reported green" when the
// two agree or cannot be compared, "Reported green, but the deadlines say red" when they
// disagree.
std::string reported_rag_note(std::optional<Rag> reported, Rag computed);

struct RecommendationView {
    std::string ref;
    Rag rag = Rag::none;
    RagAgreement reported = RagAgreement::not_compared; // the plan's reported_rag against `rag`
    std::vector<std::size_t> milestones;                // indices into PlanView::milestones
    std::optional<std::size_t> next;                    // earliest-due open dated milestone
    // Its entries in PlanView::government_deadlines and PlanView::findings, so that a
    // recommendation's record is built without scanning the whole plan's lists.
    std::vector<std::size_t> government_deadlines;
    std::vector<std::size_t> findings;
};

struct ChapterView {
    int number = 0;
    Counts counts;
    std::vector<std::size_t> recommendations; // indices into PlanView::recommendations
};

struct PlanView {
    Date as_of;
    int amber_days = 30;
    std::vector<Milestone> milestones;               // in plan order
    std::vector<RecommendationView> recommendations; // parallel to Plan::recommendations
    std::vector<ChapterView> chapters;               // parallel to Plan::chapters
    std::vector<GovernmentDeadline> government_deadlines;
    std::vector<Finding> findings;
    std::map<std::string, LeadCounts> by_lead; // "" holds milestones with no lead
    Counts overall;

    const RecommendationView* find(std::string_view ref) const; // same_ref() lookup
};

// RAG of one milestone. `compliant` is the status of its recommendation. Done (marked complete,
// kind `complete`, or a compliant recommendation) is blue; only `dated` milestones are ever red,
// amber or green; ongoing, recurring and unscheduled ones are none (docs/rag.md).
Rag milestone_rag(const DeadlineReading& reading, bool complete, bool compliant, Date as_of,
                  int amber_days);

PlanView compute_view(const Plan& plan, Date as_of, int amber_days);

} // namespace actionboard
