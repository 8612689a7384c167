#pragma once
// Reads the free-text deadlines council plans use ("Jan/Feb 2010", "by end November 2009",
// "Ongoing", "JL TO PROVIDE TIMESCALE") into milestones. Pure: the only context is the plan's
// year, used for relative phrases ("later this year") and for months written without a year.
// The rules are documented in docs/deadlines.md.

#include "date.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace actionboard {

enum class MilestoneKind { dated, ongoing, recurring, complete, unscheduled };

struct DeadlineReading {
    MilestoneKind kind = MilestoneKind::unscheduled;
    std::optional<Date> start; // first day of the period the text names, when it names one
    std::optional<Date> due;   // last day the deadline is still met; only for `dated`
    std::string phrase;        // the words this reading came from (the whole text if unscheduled)
};

// One reading per date the text holds, in text order; a text with no date gives a single
// `unscheduled` reading carrying the text. Never throws on any input.
std::vector<DeadlineReading> read_deadline(std::string_view text, Date reporting_date);

std::string_view to_string(MilestoneKind kind);

} // namespace actionboard
