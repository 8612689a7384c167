#pragma once
// The history's JSON: /api/v1/history, /api/v1/changes and /api/v1/trend, and the history part of
// /healthz. docs/feed.md and docs/history.md describe every field; openapi.cpp holds the schemas.

#include "dashboard/history/history.hpp"

#include <nlohmann/json.hpp>
#include <optional>

namespace actionboard::feed {

nlohmann::json history_json(const history::HistoryState& state);
// The changes of `result` (the default comparison, or one made for a request's since/as_of).
nlohmann::json changes_json(const history::HistoryState& state, const history::ChangesResult& result);
nlohmann::json trend_json(const history::HistoryState& state);
// {"status", "file", "versions", "error", "note"}; null state: history off.
nlohmann::json history_health_json(const history::HistoryState* state);

// The three default bodies, prepared once per history state (identity, gzip, ETag). Given to
// HistoryOptions::prepare_bodies: it runs on the history thread, never on a request.
PreparedBodies prepare_history_bodies(const history::HistoryState& state);

} // namespace actionboard::feed
