#pragma once
// /metrics in the Prometheus text format (0.0.4): the plan's RAG and status counts overall and
// per chapter, reloads, requests by route and code, the age of the data, and the history's
// status, versions recorded and changes since the baseline. The request
// counters belong to one Server; they are lock-free and never block a request.

#include "dashboard/core/live_plan.hpp"
#include "routes.hpp"

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace actionboard::history {
struct HistoryState;
}

namespace actionboard::feed {

class RequestCounters {
public:
    void record(Route route, int status);
    std::uint64_t count(Route route, int status) const;

    // The status codes counted on their own; any other is counted as "other".
    static constexpr std::array<int, 13> tracked_codes{200, 206, 304, 400, 404, 405, 408,
                                                       413, 414, 416, 431, 500, 503};
    static constexpr std::size_t slot_count = tracked_codes.size() + 1;
    static std::size_t slot_of(int status);
    static std::string code_label(std::size_t slot);

private:
    friend std::string render_metrics(const Snapshot*, const ReloadState&, const RequestCounters&,
                                      std::chrono::system_clock::time_point,
                                      const history::HistoryState*);
    std::array<std::array<std::atomic<std::uint64_t>, slot_count>, route_count> counts_{};
};

// The exposition text. `snapshot` may be null (nothing loaded): plan metrics are then left out.
// `history` null: the history is off (its status says so; it has no versions).
std::string render_metrics(const Snapshot* snapshot, const ReloadState& state,
                           const RequestCounters& counters,
                           std::chrono::system_clock::time_point now,
                           const history::HistoryState* history = nullptr);

} // namespace actionboard::feed
