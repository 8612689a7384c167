#pragma once
// Plans written inline for the history tests: a two-chapter plan whose recommendations and
// milestones each test states, and recorded versions made from them.

#include "dashboard/core/loader.hpp"
#include "dashboard/history/facts.hpp"

#include <doctest/doctest.h>
#include <memory>
#include <string>
#include <vector>

namespace history_test {

using namespace actionboard;
using namespace actionboard::history;

// {"deadline": TEXT, "lead": LEAD or null, "action": ACTION (when given), "complete": true (when done)}
inline std::string milestone(const std::string& deadline, const std::string& lead = "",
                             const std::string& action = "", bool complete = false) {
    std::string text = "{\"deadline\": \"" + deadline + "\", \"lead\": " +
                       (lead.empty() ? std::string("null") : "\"" + lead + "\"");
    if (!action.empty())
        text += ", \"action\": \"" + action + "\"";
    if (complete)
        text += ", \"complete\": true";
    return text + "}";
}

inline std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items)
        out += (out.empty() ? "" : ", ") + item;
    return out;
}

struct PartSpec {
    std::string label;
    std::vector<std::string> milestones;
};

inline std::string recommendation(const std::string& ref, int chapter, const std::string& status,
                                  const std::vector<std::string>& milestones,
                                  const std::vector<PartSpec>& parts = {}) {
    std::string text = "{\"ref\": \"" + ref + "\", \"chapter\": " + std::to_string(chapter) +
                       ", \"text\": [\"Recommendation " + ref + ".\"], \"local_response\": [\"We will.\"]" +
                       ", \"milestones\": [" + join(milestones) + "]";
    if (!parts.empty()) {
        std::vector<std::string> part_texts;
        for (const auto& part : parts)
            part_texts.push_back("{\"label\": \"" + part.label + "\", \"text\": [\"Part " + part.label +
                                 ".\"], \"local_response\": [\"Part response.\"], \"milestones\": [" +
                                 join(part.milestones) + "]}");
        text += ", \"parts\": [" + join(part_texts) + "]";
    }
    return text + ", \"status\": \"" + status + "\", \"status_reason\": \"Because.\"}";
}

inline std::string plan_text(const std::string& as_of, const std::vector<std::string>& recs,
                             const std::vector<std::string>& meetings = {},
                             const std::string& version = "v1") {
    std::vector<std::string> quoted;
    for (const auto& m : meetings)
        quoted.push_back("\"" + m + "\"");
    return "{\"format\": \"actionboard-plan/1\", \"plan\": {\"id\": \"test\", \"title\": \"Test plan\", "
           "\"authority\": \"Test Council\", \"version\": \"" + version + "\", \"as_of\": \"" + as_of +
           "\", \"amber_days\": 30, \"meetings\": [" + join(quoted) + "]}, "
           "\"chapters\": [{\"number\": 1, \"title\": \"One\"}, {\"number\": 2, \"title\": \"Two\"}], "
           "\"recommendations\": [" + join(recs) + "]}";
}

inline Plan parse(const std::string& text) {
    LoadResult result = parse_plan(text);
    if (!result.ok()) {
        for (const auto& p : result.problems)
            MESSAGE(format_problem(p));
    }
    REQUIRE(result.ok());
    return *result.plan;
}

inline VersionFacts facts(const std::string& text) { return facts_at_reporting_date(parse(text)); }

inline VersionFacts facts_at(const std::string& text, Date as_of) {
    Plan plan = parse(text);
    return facts_of(plan, compute_view(plan, as_of, plan.info.amber_days));
}

// The UTC calendar day of an instant (the tests record at noon UTC).
inline Date local_day_of_utc(Clock::time_point time) {
    return Date(std::chrono::floor<std::chrono::days>(time));
}

// A recorded version of `text`, recorded on `day` at noon UTC.
inline Version version(std::int64_t id, const std::string& day, const std::string& text) {
    Version v;
    v.id = id;
    v.recorded_day = *parse_iso_date(day);
    v.recorded_at = Clock::time_point(std::chrono::sys_days(v.recorded_day) + std::chrono::hours(12));
    v.hash = content_hash(text);
    v.source = "test";
    v.facts = std::make_shared<const VersionFacts>(facts(text));
    return v;
}

} // namespace history_test
