#pragma once
// The feed's JSON (and CSV) shapes, built from a snapshot's plan and view. Shapes shared with
// `--check --format json` come from core's serialize.hpp; these are the feed's own.
// docs/feed.md describes every field; openapi.cpp holds the matching schemas.

#include "dashboard/core/live_plan.hpp"
#include "dashboard/history/history.hpp"
#include "query.hpp"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace actionboard::feed {

nlohmann::json index_json();

// /api/v1/summary: core's summary_json.
nlohmann::json summary_body_json(const Snapshot& snapshot);

// A chapter with its key points, local position, totals and recommendations (list items).
nlohmann::json chapter_json(const Snapshot& snapshot, std::size_t chapter_index);
nlohmann::json chapters_json(const Snapshot& snapshot);

// The recommendations a filter selects, as indices into the plan, in plan order.
std::vector<std::size_t> select_recommendations(const Snapshot& snapshot,
                                                const RecommendationFilter& filter);
// The short form used in lists; the full record is recommendation_json.
nlohmann::json recommendation_item_json(const Snapshot& snapshot, std::size_t index);
nlohmann::json recommendation_json(const Snapshot& snapshot, std::size_t index);
nlohmann::json recommendations_json(const Snapshot& snapshot,
                                    const std::vector<std::size_t>& selected);

// Milestones sorted by due date, overdue first; undated ones last (only when no date bound is set).
nlohmann::json deadlines_json(const Snapshot& snapshot, const DeadlineFilter& filter);
nlohmann::json quality_json(const Snapshot& snapshot);
// The whole plan with every computed field.
nlohmann::json plan_json(const Snapshot& snapshot);

// `history`: its state (null when history is off), reported under "history".
// `stale_days` and `now`: the `stale` flag (data_is_stale) and its threshold.
nlohmann::json
health_json(const Snapshot& snapshot, const ReloadState& state,
            const history::HistoryState* history = nullptr, int stale_days = 14,
            std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

// UTF-8 with a byte order mark (Excel reads it as UTF-8), RFC 4180 quoting, CRLF line ends; one
// row per recommendation with its next milestone.
std::string recommendations_csv(const Snapshot& snapshot, const std::vector<std::size_t>& selected);

// "2009-07-07T10:11:12Z"
std::string format_utc(std::chrono::system_clock::time_point time);

// Compact JSON text; invalid UTF-8 (never in a loaded plan) is replaced rather than thrown.
std::string to_text(const nlohmann::json& value);

} // namespace actionboard::feed
