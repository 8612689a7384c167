#pragma once
// What one version of a plan says, as far as the history needs it: each recommendation's status
// and RAG, each milestone's deadline, due date and completion, computed at one as-of date. Pure:
// built from a Plan (and its computed view), or read back from the history database.
// docs/history.md describes each field and how milestones are told apart.

#include "dashboard/core/plan.hpp"
#include "dashboard/core/view.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace actionboard::history {

using Clock = std::chrono::system_clock;

struct RecommendationFacts {
    std::string ref; // as the plan writes it
    int chapter = 0;
    Status status = Status::not_started;
    Rag rag = Rag::none; // computed, at the facts' as-of date
    // The plan's own RAG where its source gives one (a spreadsheet's "RAG" column); none today.
    std::optional<Rag> reported_rag;
};

// One milestone: one date read from one deadline entry of one row (the recommendation's own row,
// or one of its parts).
struct MilestoneFacts {
    std::string ref;
    std::string part; // the part's label; empty for the recommendation's own row
    int entry = 0;    // the entry's position among the row's milestone entries, from 0
    int reading = 0;  // the date's position among those the entry's text holds, from 0
    std::string deadline; // the entry's text as written
    std::optional<std::string> lead;
    std::string action;
    MilestoneKind kind = MilestoneKind::unscheduled;
    std::optional<Date> start;
    std::optional<Date> due;
    bool complete = false; // done: marked complete, or the deadline reads as done
    std::optional<Date> completed_on;
    Rag rag = Rag::none; // at the facts' as-of date
};

struct ChapterFacts {
    int number = 0;
    std::string title;
};

struct VersionFacts {
    std::string plan_id;
    std::string plan_title;
    std::string plan_version; // the plan's own label, e.g. "v1.5"
    Date reporting_date;      // plan.as_of
    Date as_of;               // the date the RAGs below are computed at
    int amber_days = 30;
    std::vector<Date> meetings;
    std::vector<ChapterFacts> chapters;               // in plan order
    std::vector<RecommendationFacts> recommendations; // in natural ref order
    std::vector<MilestoneFacts> milestones;           // in plan order

    int compliant() const;
    int overdue() const; // red milestones
};

// The facts of `plan` as `view` computes them (the view's as-of date and amber window). `view`
// must be compute_view(plan, ...).
VersionFacts facts_of(const Plan& plan, const PlanView& view);
// At the plan's own reporting date and amber window: what a recorded version stores.
VersionFacts facts_at_reporting_date(const Plan& plan);

// Compliance of a set of recommendations: compliant / total, exactly.
struct Compliance {
    int compliant = 0;
    int total = 0;
    double percent() const { return total == 0 ? 0.0 : 100.0 * compliant / total; }
};
Compliance compliance(const VersionFacts& facts);
Compliance chapter_compliance(const VersionFacts& facts, int chapter);

// A recorded version: its facts at its own reporting date, and when and from where it came.
struct Version {
    std::int64_t id = 0; // 0: not recorded (the version on show while the database cannot be written)
    Clock::time_point recorded_at{};
    Date recorded_day{}; // the local calendar day it was recorded on (an import: its reporting date)
    std::string hash;    // the plan file's content hash (the feed's data_version)
    std::string source;  // the file or URL it was loaded from
    bool imported = false;
    std::shared_ptr<const VersionFacts> facts;
};

// Refs compare ignoring ASCII letter case (same_ref): the key both sides are looked up by.
std::string ref_key(std::string_view ref);

std::optional<MilestoneKind> parse_milestone_kind(std::string_view text);

} // namespace actionboard::history
