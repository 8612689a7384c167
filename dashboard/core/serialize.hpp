#pragma once
// JSON shapes of the plan and its computed view, shared by `--check --format json` and the feed.
// docs/feed.md documents them.

#include "loader.hpp"
#include "view.hpp"

#include <nlohmann/json.hpp>

namespace actionboard {

nlohmann::json blocks_json(const Blocks& blocks);
nlohmann::json counts_json(const Counts& counts);
nlohmann::json plan_meta_json(const PlanInfo& info, const PlanView& view);
nlohmann::json milestone_json(const Milestone& milestone);
nlohmann::json government_deadline_json(const GovernmentDeadline& deadline);
nlohmann::json finding_json(const Finding& finding);
nlohmann::json problem_json(const Problem& problem);
nlohmann::json summary_json(const Plan& plan, const PlanView& view);

} // namespace actionboard
