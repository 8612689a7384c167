#pragma once
// Reads the free-text deadlines council plans use ("Jan/Feb 2010", "by end November 2009",
// "Ongoing", "JL TO PROVIDE TIMESCALE") into milestones. Pure: the only context is the plan's
// reporting date, used for relative phrases ("later this year", "Immediate", "Q2") and for
// months written without a year. The rules are documented in docs/deadlines.md.

#include "date.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace actionboard {

// dated: has a due date. ongoing: never due ("Ongoing"). recurring: repeats, never due
// ("Quarterly"). complete: already done ("Complete - March 2010"). unscheduled: nothing read.
enum class MilestoneKind { dated, ongoing, recurring, complete, unscheduled };

struct DeadlineReading {
    MilestoneKind kind = MilestoneKind::unscheduled;
    std::optional<Date> start; // first day of the period the text names, when it names one
    // Last day the deadline is still met: always for `dated`, never for `ongoing`, `recurring`
    // or `unscheduled`; for `complete`, the last day of the completion date when one is given.
    std::optional<Date> due;
    std::string phrase; // the words this reading came from (the whole text if unscheduled)
};

// One reading per date the text holds, in text order; a text with no date gives a single
// `unscheduled` reading carrying the text. `reporting_date` is the plan's as_of. Never throws on
// any input.
std::vector<DeadlineReading> read_deadline(std::string_view text, Date reporting_date);

// A day written in a form read_deadline reads as one ("31/04/2010", "2011-02-29", "32/13/09",
// "31 April 2010", "by 31 Sept") that does not exist. read_deadline reads such a day as
// nothing; a plan holding one is refused (loader.hpp), naming it and why.
struct ImpossibleDate {
    std::string phrase; // as written: "32/13/2009"
    std::string reason; // "there is no month 13", "April has 30 days"
};

// Every impossible day in `text`, in text order; none for a text with only real days or none.
// Never throws.
std::vector<ImpossibleDate> impossible_dates(std::string_view text);

// "dated", "ongoing", "recurring", "complete", "unscheduled".
std::string_view to_string(MilestoneKind kind);

// Kinds that have no due date and so can never be overdue: ongoing and recurring.
bool is_open_ended(MilestoneKind kind);

} // namespace actionboard
