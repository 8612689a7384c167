#pragma once
// A plan followed from elsewhere than a local file: another actionboard's feed (its
// /api/v1/source), or any web server holding a plan. LivePlan asks it for the plan on its
// watcher thread and validates what comes back exactly as it would a file: all or nothing, and
// the last good plan stays. dashboard/follow implements it over HTTP and HTTPS; core knows
// nothing of HTTP. source_url.hpp reads the URL itself.

#include <chrono>
#include <optional>
#include <string>

namespace actionboard {

struct RemoteFetch {
    enum class Outcome {
        unchanged,   // the source still has the plan whose validator was sent (304)
        fetched,     // a body arrived whole: `bytes`, to be validated
        unreachable, // no answer, a timeout, a refused certificate or an HTTP error status
        invalid,     // an answer that cannot be a plan (over the size limit, not JSON)
    };
    Outcome outcome = Outcome::unreachable;
    std::string bytes;      // fetched: the plan's bytes exactly as the source holds them
    std::string media_type; // fetched: the Content-Type without parameters ("application/json")
    std::string etag;       // fetched: the validator to send back once these bytes are accepted
    // fetched: when the plan last changed at the source (its Last-Modified), when it says.
    std::optional<std::chrono::system_clock::time_point> modified;
    std::string error; // unreachable, invalid: what happened, one line, no URL
};

class RemoteSource {
public:
    virtual ~RemoteSource() = default;
    // The URL as the user gave it: the snapshot's `source`, and every message.
    virtual const std::string& name() const = 0;
    // One request, bounded in time and in size. `if_none_match` is the validator of the plan on
    // show (empty: none). Called on LivePlan's thread only.
    virtual RemoteFetch fetch(const std::string& if_none_match) = 0;
    // How long to wait before the next fetch, after one that succeeded (unchanged, or a plan
    // accepted) or failed (unreachable, invalid, or a plan refused).
    virtual std::chrono::milliseconds next_delay(bool succeeded) = 0;
    // Ends a fetch in progress soon, and every later one at once. From any thread (stop()).
    virtual void interrupt() = 0;
};

} // namespace actionboard
