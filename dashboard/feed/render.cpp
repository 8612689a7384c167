#include "render.hpp"

#include "encoding.hpp"
#include "openapi.hpp"
#include "shapes.hpp"

#include <algorithm>
#include <atomic>
#include <system_error>
#include <thread>
#include <vector>

namespace actionboard::feed {

namespace {

constexpr unsigned max_prepare_threads = 4;

std::optional<std::size_t> chapter_index(const Plan& plan, int number) {
    for (std::size_t i = 0; i < plan.chapters.size(); ++i) {
        if (plan.chapters[i].number == number)
            return i;
    }
    return std::nullopt;
}

} // namespace

std::optional<std::size_t> recommendation_index(const Plan& plan, std::string_view ref) {
    for (std::size_t i = 0; i < plan.recommendations.size(); ++i) {
        if (same_ref(plan.recommendations[i].ref, ref))
            return i;
    }
    return std::nullopt;
}

namespace {

Rendered json_body(const nlohmann::json& value) {
    return {json_type, to_text(value)};
}

} // namespace

std::optional<Rendered> render(RouteMatch match, const Snapshot& snapshot, const Query& query) {
    const Plan& plan = *snapshot.plan;
    switch (match.route) {
    case Route::index:
        return json_body(index_json());
    case Route::summary:
        return json_body(summary_body_json(snapshot));
    case Route::chapters:
        return json_body(chapters_json(snapshot));
    case Route::chapter:
        if (auto index = chapter_index(plan, match.number))
            return json_body(chapter_json(snapshot, *index));
        return std::nullopt;
    case Route::recommendations:
        return json_body(recommendations_json(
            snapshot, select_recommendations(snapshot, query.recommendations)));
    case Route::recommendation:
        if (auto index = recommendation_index(plan, match.ref))
            return json_body(recommendation_json(snapshot, *index));
        return std::nullopt;
    case Route::recommendations_csv:
        return Rendered{
            csv_type,
            recommendations_csv(snapshot, select_recommendations(snapshot, query.recommendations))};
    case Route::deadlines:
        return json_body(deadlines_json(snapshot, query.deadlines));
    case Route::quality:
        return json_body(quality_json(snapshot));
    case Route::plan:
        return json_body(plan_json(snapshot));
    case Route::openapi:
        return Rendered{json_type, openapi_document()};
    case Route::source: // exactly the bytes loaded, so that a follower gets what this one got
        if (snapshot.source_bytes)
            return Rendered{snapshot.source_media_type, *snapshot.source_bytes};
        return std::nullopt;
    case Route::history: // served from the history's state (handler.cpp)
    case Route::changes:
    case Route::trend:
    case Route::healthz:
    case Route::metrics:
    case Route::page:
    case Route::asset:
    case Route::unknown:
        break;
    }
    return std::nullopt;
}

PreparedBodies prepare_all(const Snapshot& snapshot) {
    std::vector<std::pair<std::string, Rendered>> rendered;
    auto add = [&](std::string path, RouteMatch match) {
        if (auto body = render(match, snapshot, Query{}))
            rendered.emplace_back(std::move(path), std::move(*body));
    };
    add(std::string(paths::index), {Route::index});
    add(std::string(paths::summary), {Route::summary});
    add(std::string(paths::chapters), {Route::chapters});
    for (const auto& chapter : snapshot.plan->chapters)
        add(chapter_path(chapter.number), {Route::chapter, chapter.number});
    add(std::string(paths::recommendations), {Route::recommendations});
    // Each recommendation by its index: looking every ref up again would be quadratic.
    const auto& recommendations = snapshot.plan->recommendations;
    for (std::size_t i = 0; i < recommendations.size(); ++i)
        rendered.emplace_back(recommendation_path(recommendations[i].ref),
                              json_body(recommendation_json(snapshot, i)));
    add(std::string(paths::recommendations_csv), {Route::recommendations_csv});
    add(std::string(paths::deadlines), {Route::deadlines});
    add(std::string(paths::quality), {Route::quality});
    add(std::string(paths::plan), {Route::plan});
    add(std::string(paths::openapi), {Route::openapi});
    add(std::string(paths::source), {Route::source});

    // Compression is most of the work and the reload latency: share it among a few threads,
    // largest bodies first so that they finish together.
    std::sort(rendered.begin(), rendered.end(), [](const auto& a, const auto& b) {
        return a.second.body.size() > b.second.body.size();
    });
    std::vector<PreparedBody> prepared(rendered.size());
    std::atomic<std::size_t> next{0};
    auto compress = [&] {
        for (std::size_t i; (i = next.fetch_add(1)) < rendered.size();)
            prepared[i] =
                prepare_body(rendered[i].second.content_type, std::move(rendered[i].second.body));
    };
    std::vector<std::thread> helpers;
    unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    for (unsigned i = 1; i < std::min(cores, max_prepare_threads); ++i) {
        try {
            helpers.emplace_back(compress);
        } catch (const std::system_error&) {
            break; // the calling thread does the rest
        }
    }
    compress();
    for (auto& helper : helpers)
        helper.join();

    PreparedBodies bodies;
    for (std::size_t i = 0; i < rendered.size(); ++i)
        bodies.emplace(std::move(rendered[i].first), std::move(prepared[i]));
    return bodies;
}

} // namespace actionboard::feed
