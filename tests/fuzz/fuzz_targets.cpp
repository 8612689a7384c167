#include "fuzz_targets.hpp"

#include "dashboard/core/check_report.hpp"
#include "dashboard/core/deadline.hpp"
#include "dashboard/core/loader.hpp"
#include "dashboard/core/serialize.hpp"
#include "dashboard/core/view.hpp"
#include "dashboard/feed/query.hpp"

#include <cstdlib>
#include <string>
#include <string_view>

namespace actionboard::fuzz {

namespace {
// A broken invariant is a crash, so the fuzzer keeps the input.
void require(bool condition) {
    if (!condition)
        std::abort();
}
} // namespace

void loader_input(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    LoadLimits limits;
    limits.max_bytes = 1 << 20;
    LoadResult result = parse_plan(text, limits);
    // All or nothing: a plan and no problems, or problems and no plan.
    require(result.ok() == result.problems.empty());
    if (!result.ok())
        return;
    const Plan& plan = *result.plan;
    PlanView view = compute_view(plan, plan.info.as_of, plan.info.amber_days);
    require(view.recommendations.size() == plan.recommendations.size());
    int by_rag = 0;
    for (int count : view.overall.by_rag)
        by_rag += count;
    require(by_rag == int(plan.recommendations.size()));
    CheckInput input{"fuzz", &result, &view};
    require(!check_report_text(input).empty());
    require(!summary_json(plan, view).dump().empty());
}

void deadline_input(const std::uint8_t* data, std::size_t size) {
    if (size < 1)
        return;
    int plan_year = 1990 + data[0] % 60;
    std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    auto readings = read_deadline(text, plan_year);
    require(!readings.empty());
    for (const auto& reading : readings) {
        if (reading.kind == MilestoneKind::dated) {
            require(reading.due.has_value() && reading.due->ok());
            require(reading.start.has_value() && *reading.start <= *reading.due);
        } else {
            require(!reading.due.has_value());
        }
        if (reading.kind == MilestoneKind::unscheduled)
            require(readings.size() == 1);
    }
}

void query_input(const std::uint8_t* data, std::size_t size) {
    if (size < 1)
        return;
    // First byte: the route; the rest: "name=value" pairs separated by '&'.
    auto route = feed::Route(data[0] % feed::route_count);
    std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
    feed::QueryParams params;
    while (!rest.empty()) {
        std::size_t amp = rest.find('&');
        std::string_view pair = rest.substr(0, amp);
        std::size_t eq = pair.find('=');
        params.emplace(std::string(pair.substr(0, eq)),
                       eq == std::string_view::npos ? std::string() : std::string(pair.substr(eq + 1)));
        if (amp == std::string_view::npos)
            break;
        rest.remove_prefix(amp + 1);
    }
    feed::QueryResult result = feed::parse_query(route, params);
    if (result.error) // a 400 must say what is wrong and what is accepted
        require(!result.error->message.empty() && !result.error->accepts.empty());
}

} // namespace actionboard::fuzz
