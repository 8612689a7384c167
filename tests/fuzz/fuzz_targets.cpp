#include "fuzz_targets.hpp"

#include "dashboard/core/check_report.hpp"
#include "dashboard/core/deadline.hpp"
#include "dashboard/core/loader.hpp"
#include "dashboard/core/ref.hpp"
#include "dashboard/core/text_encoding.hpp"
#include "dashboard/core/serialize.hpp"
#include "dashboard/core/view.hpp"
#include "dashboard/feed/query.hpp"
#include "dashboard/feed/routes.hpp"
#include "dashboard/feed/target.hpp"
#include "dashboard/spreadsheet/export.hpp"
#include "dashboard/spreadsheet/source.hpp"

#include <algorithm>
#include <cctype>
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
    // First byte: the reporting date, any day from 1990 to 2049; the rest: the text.
    Date reporting_date = add_days(make_date(1990 + data[0] % 60, 1, 1), data[0] * 37 % 365);
    std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    auto readings = read_deadline(text, reporting_date);
    require(!readings.empty());
    int recurring = 0;
    for (const auto& reading : readings) {
        // Every phrase is words of the text (trimmed, for an unscheduled one).
        require(text.find(reading.phrase) != std::string_view::npos);
        require(!reading.start || reading.start->ok());
        require(!reading.due || reading.due->ok());
        switch (reading.kind) {
        case MilestoneKind::dated:
            require(reading.due.has_value());
            require(reading.start.has_value() && *reading.start <= *reading.due);
            break;
        case MilestoneKind::complete:
            // A completion date is a whole period or nothing.
            require(reading.start.has_value() == reading.due.has_value());
            require(!reading.due || *reading.start <= *reading.due);
            break;
        case MilestoneKind::ongoing:
            require(!reading.due.has_value());
            break;
        case MilestoneKind::recurring:
            ++recurring;
            require(!reading.due.has_value());
            break;
        case MilestoneKind::unscheduled:
            require(readings.size() == 1);
            require(!reading.start.has_value() && !reading.due.has_value());
            break;
        }
        require(is_open_ended(reading.kind) == (reading.kind == MilestoneKind::ongoing ||
                                                reading.kind == MilestoneKind::recurring));
    }
    require(recurring <= 1); // "Quarterly" counts once per text
}

void query_input(const std::uint8_t* data, std::size_t size) {
    if (size < 1)
        return;
    // First byte: the route when the target names none; the rest: a raw request target.
    std::string_view raw(reinterpret_cast<const char*>(data + 1), size - 1);
    feed::ParsedTarget parsed = feed::parse_target(raw);
    if (parsed.error) { // a 400 must say what is wrong
        require(!parsed.error->empty());
        return;
    }
    // An encoded slash never becomes a separator: the decoded path has exactly the slashes
    // of the path as sent (after the absolute form's "scheme://host").
    std::string_view sent = raw.substr(0, raw.find('?'));
    if (std::size_t scheme = sent.find("://");
        scheme != std::string_view::npos &&
        sent.substr(0, scheme).find('/') == std::string_view::npos)
        sent = sent.substr(std::min(sent.size(), sent.find('/', scheme + 3)));
    auto slashes = [](std::string_view text) { return std::count(text.begin(), text.end(), '/'); };
    require(sent.empty() ? parsed.target.path == "/"
                         : slashes(parsed.target.path) == slashes(sent));

    feed::RouteMatch match = feed::match_route(parsed.target.path);
    auto route = match.route == feed::Route::unknown ? feed::Route(data[0] % feed::route_count)
                                                     : match.route;
    feed::QueryResult result = feed::parse_query(route, parsed.target.params);
    if (result.error) // a 400 must say what is wrong and what is accepted
        require(!result.error->message.empty() && !result.error->accepts.empty());
}

// Refs: natural order is a strict weak order that agrees with same_ref(), and a valid ref goes
// through its URL and back. The input is up to three refs separated by NUL bytes.
void ref_input(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    std::string_view refs[3];
    for (auto& ref : refs) {
        std::size_t nul = text.find('\0');
        ref = text.substr(0, nul);
        text = nul == std::string_view::npos ? std::string_view() : text.substr(nul + 1);
    }
    auto sign = [](int value) { return (value > 0) - (value < 0); };
    for (auto a : refs) {
        require(compare_refs(a, a) == 0);
        for (auto b : refs) {
            int ab = compare_refs(a, b);
            require(sign(ab) == -sign(compare_refs(b, a)));
            require((ab == 0) == same_ref(a, b));
            for (auto c : refs) {
                if (ab < 0 && compare_refs(b, c) < 0)
                    require(compare_refs(a, c) < 0);
                if (ab == 0)
                    require(sign(compare_refs(a, c)) == sign(compare_refs(b, c)));
            }
        }
    }
    // A valid ref (checked only on valid UTF-8, as the loader guarantees) opens at its URL.
    std::string_view a = refs[0];
    if (check_text_encoding(a).problem || ref_problem(a))
        return;
    std::string path = feed::recommendation_path(a);
    for (char c : path.substr(std::string_view("/api/v1/recommendations/").size()))
        require(std::isalnum(static_cast<unsigned char>(c)) || std::string_view("-._~%").find(c) !=
                                                                    std::string_view::npos);
    feed::ParsedTarget parsed = feed::parse_target(path);
    require(!parsed.error);
    feed::RouteMatch match = feed::match_route(parsed.target.path);
    require(match.route == feed::Route::recommendation && match.ref == a);
}

namespace {

// A spreadsheet read as a plan: all or nothing, and a plan that loads computes, reports and
// exports. Small limits keep each input fast (the real limits are tested in the unit tests).
void spreadsheet_input(const std::uint8_t* data, std::size_t size, const char* name) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    LoadLimits limits;
    limits.max_bytes = 1 << 20;
    spreadsheet::SourceLimits source_limits;
    source_limits.xlsx.max_part_bytes = 4u << 20;
    source_limits.xlsx.max_total_bytes = 8u << 20;
    source_limits.xlsx.max_rows = 2000;
    source_limits.xlsx.max_columns = 64;
    source_limits.xlsx.max_sheets = 16;
    source_limits.csv.max_rows = 2000;
    source_limits.csv.max_columns = 64;
    // A fixed modification time: the same input always reads the same.
    auto modified = std::chrono::system_clock::time_point(std::chrono::seconds(1262304000));
    LoadResult result =
        spreadsheet::parse_plan_source(bytes, name, modified, limits, source_limits);
    require(result.ok() == result.problems.empty());
    for (const auto& problem : result.problems)
        require(!format_problem(problem).empty());
    if (!result.ok())
        return;
    const Plan& plan = *result.plan;
    PlanView view = compute_view(plan, plan.info.as_of, plan.info.amber_days);
    require(view.recommendations.size() == plan.recommendations.size());
    CheckInput input{"fuzz", &result, &view};
    require(!check_report_text(input).empty());
    require(!spreadsheet::plan_csv(plan).empty());
}

} // namespace

void csv_input(const std::uint8_t* data, std::size_t size) {
    spreadsheet_input(data, size, "fuzz.csv");
}

void xlsx_input(const std::uint8_t* data, std::size_t size) {
    spreadsheet_input(data, size, "fuzz.xlsx");
}

} // namespace actionboard::fuzz
