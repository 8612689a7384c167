#pragma once
// One immutable snapshot per data version (and as-of date): the plan, its computed view and the
// feed's pre-serialised bodies. HTTP threads and the render loop each take the current one and
// never lock across a request or a frame.

#include "loader.hpp"
#include "view.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>

namespace actionboard {

// A response body prepared once per snapshot: requests only copy bytes.
struct PreparedBody {
    std::string content_type;
    std::string identity;
    std::string gzip; // empty when compression would not help
    std::string etag; // strong ETag of the identity bytes, quoted
};
// Keyed by request path (e.g. "/api/v1/summary").
using PreparedBodies = std::unordered_map<std::string, PreparedBody>;

struct Snapshot {
    std::shared_ptr<const Plan> plan;
    PlanView view;            // at `view.as_of` with `view.amber_days`
    std::string source;       // file path, the URL followed, or the embedded plan's name
    std::string data_version; // content hash of the plan bytes
    // The plan's bytes exactly as loaded (the file, or what the source sent): served as
    // /api/v1/source, so that other displays can follow this one.
    std::shared_ptr<const std::string> source_bytes;
    // What those bytes are (plan_media_type: JSON, an .xlsx workbook or CSV), a static string.
    std::string_view source_media_type = "application/json; charset=utf-8";
    std::chrono::system_clock::time_point loaded_at;
    // When the data itself last changed: the file's modification time, or loaded_at for the
    // embedded plan. The dashboard's "data may be out of date" warning counts from here.
    std::chrono::system_clock::time_point data_updated_at;
    std::uint64_t generation = 0; // increases with every published snapshot
    PreparedBodies bodies;
};

// Whether the data is stale: last changed more than `stale_days` whole days (of 24 hours) before
// `now`. The wall's warning and /healthz's `stale` both use this rule (--stale-days, default 14).
inline bool data_is_stale(const Snapshot& snapshot, std::chrono::system_clock::time_point now,
                          int stale_days) {
    return now - snapshot.data_updated_at > std::chrono::hours(24) * stale_days;
}

} // namespace actionboard
