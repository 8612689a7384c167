#include "metrics.hpp"

#include "dashboard/history/history.hpp"

#include <cstdio>

namespace actionboard::feed {

namespace {

// Label values escape backslash, double quote and newline.
std::string label_value(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '"')
            out += "\\\"";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

void family(std::string& out, std::string_view name, std::string_view type, std::string_view help) {
    out += "# HELP ";
    out += name;
    out += ' ';
    out += help;
    out += "\n# TYPE ";
    out += name;
    out += ' ';
    out += type;
    out += '\n';
}

void sample(std::string& out, std::string_view name, std::string_view labels, double value) {
    out += name;
    if (!labels.empty()) {
        out += '{';
        out += labels;
        out += '}';
    }
    char number[40];
    if (value >= 0 && value < 1e15 && value == double(std::uint64_t(value)))
        std::snprintf(number, sizeof number, " %llu\n", static_cast<unsigned long long>(value));
    else if (value < 0 && value > -1e15 && value == double(static_cast<long long>(value)))
        std::snprintf(number, sizeof number, " %lld\n", static_cast<long long>(value));
    else
        std::snprintf(number, sizeof number, " %.3f\n", value);
    out += number;
}

std::string label(std::string_view name, std::string_view value) {
    return std::string(name) + "=\"" + label_value(value) + "\"";
}

double seconds_since(std::chrono::system_clock::time_point then,
                     std::chrono::system_clock::time_point now) {
    double seconds = std::chrono::duration<double>(now - then).count();
    return seconds < 0 ? 0 : seconds;
}

double unix_seconds(std::chrono::system_clock::time_point time) {
    return std::chrono::duration<double>(time.time_since_epoch()).count();
}

// Recommendations of `indices` (into the plan) counted by RAG x status.
using CrossCounts = std::array<std::array<int, status_count>, rag_count>;

template <typename Indices>
CrossCounts cross_count(const Snapshot& snapshot, const Indices& indices) {
    CrossCounts counts{};
    for (std::size_t i : indices) {
        Rag rag = snapshot.view.recommendations[i].rag;
        Status status = snapshot.plan->recommendations[i].status;
        ++counts[std::size_t(rag)][std::size_t(status)];
    }
    return counts;
}

void cross_samples(std::string& out, std::string_view name, const std::string& prefix,
                   const CrossCounts& counts) {
    for (int r = 0; r < rag_count; ++r) {
        for (int s = 0; s < status_count; ++s) {
            std::string labels = prefix + label("rag", to_string(Rag(r))) + "," +
                                 label("status", to_string(Status(s)));
            sample(out, name, labels, counts[std::size_t(r)][std::size_t(s)]);
        }
    }
}

} // namespace

std::size_t RequestCounters::slot_of(int status) {
    for (std::size_t i = 0; i < tracked_codes.size(); ++i) {
        if (tracked_codes[i] == status)
            return i;
    }
    return tracked_codes.size();
}

std::string RequestCounters::code_label(std::size_t slot) {
    return slot < tracked_codes.size() ? std::to_string(tracked_codes[slot]) : "other";
}

void RequestCounters::record(Route route, int status) {
    counts_[std::size_t(route)][slot_of(status)].fetch_add(1, std::memory_order_relaxed);
}

std::uint64_t RequestCounters::count(Route route, int status) const {
    return counts_[std::size_t(route)][slot_of(status)].load(std::memory_order_relaxed);
}

std::string render_metrics(const Snapshot* snapshot, const ReloadState& state,
                           const RequestCounters& counters,
                           std::chrono::system_clock::time_point now,
                           const history::HistoryState* history) {
    std::string out;
    out.reserve(16384);
    if (snapshot) {
        const Plan& plan = *snapshot->plan;
        std::vector<std::size_t> all(plan.recommendations.size());
        for (std::size_t i = 0; i < all.size(); ++i)
            all[i] = i;

        family(out, "actionboard_recommendations", "gauge",
               "Recommendations in the current view, by RAG and compliance status.");
        cross_samples(out, "actionboard_recommendations", "", cross_count(*snapshot, all));

        family(out, "actionboard_chapter_recommendations", "gauge",
               "Recommendations per chapter, by RAG and compliance status.");
        for (std::size_t c = 0; c < plan.chapters.size(); ++c) {
            const ChapterView& chapter = snapshot->view.chapters[c];
            cross_samples(out, "actionboard_chapter_recommendations",
                          label("chapter", std::to_string(chapter.number)) + ",",
                          cross_count(*snapshot, chapter.recommendations));
        }

        family(out, "actionboard_chapter_compliance_ratio", "gauge",
               "Share of each chapter's recommendations that are compliant (0 to 1).");
        for (std::size_t c = 0; c < plan.chapters.size(); ++c) {
            const ChapterView& chapter = snapshot->view.chapters[c];
            sample(out, "actionboard_chapter_compliance_ratio",
                   label("chapter", std::to_string(chapter.number)),
                   chapter.counts.compliance_percent() / 100.0);
        }

        family(out, "actionboard_chapter_info", "gauge", "Chapter titles; the value is always 1.");
        for (const auto& chapter : plan.chapters)
            sample(out, "actionboard_chapter_info",
                   label("chapter", std::to_string(chapter.number)) + "," +
                       label("title", chapter.title),
                   1);

        const Counts& overall = snapshot->view.overall;
        family(out, "actionboard_milestones", "gauge",
               "Local milestones in the current view, by state (overdue is red, due_soon amber).");
        sample(out, "actionboard_milestones", label("state", "overdue"), overall.overdue);
        sample(out, "actionboard_milestones", label("state", "due_soon"), overall.due_soon);
        sample(out, "actionboard_milestones", label("state", "ongoing"), overall.ongoing);
        sample(out, "actionboard_milestones", label("state", "unscheduled"), overall.unscheduled);
        sample(out, "actionboard_milestones", label("state", "total"), overall.milestones);

        family(out, "actionboard_quality_findings", "gauge", "Data-quality findings, by kind.");
        sample(out, "actionboard_quality_findings", label("kind", "no_timescale"),
               overall.no_timescale);
        sample(out, "actionboard_quality_findings", label("kind", "no_lead"), overall.no_lead);

        family(out, "actionboard_data_age_seconds", "gauge",
               "Seconds since the plan data last changed (the file's modification time).");
        sample(out, "actionboard_data_age_seconds", "",
               seconds_since(snapshot->data_updated_at, now));
        family(out, "actionboard_data_loaded_timestamp_seconds", "gauge",
               "When the current data version was loaded, in Unix seconds.");
        sample(out, "actionboard_data_loaded_timestamp_seconds", "",
               unix_seconds(snapshot->loaded_at));

        family(out, "actionboard_data_info", "gauge",
               "The data version on show, its source and as-of date; the value is always 1.");
        sample(out, "actionboard_data_info",
               label("data_version", snapshot->data_version) + "," +
                   label("source", snapshot->source) + "," +
                   label("as_of", format_iso(snapshot->view.as_of)),
               1);
    }

    family(out, "actionboard_reloads_total", "counter",
           "Plan file versions loaded after the first.");
    sample(out, "actionboard_reloads_total", "", double(state.reloads));
    family(out, "actionboard_reload_failures_total", "counter",
           "Plan file versions refused as invalid (the last good plan stayed on show).");
    sample(out, "actionboard_reload_failures_total", "", double(state.failed_reloads));
    family(out, "actionboard_degraded", "gauge",
           "1 while the file on disk is invalid or missing and the last good plan is served.");
    sample(out, "actionboard_degraded", "", state.degraded ? 1 : 0);

    // The history (docs/history.md): one status set to 1, the versions it holds, the changes.
    history::HistoryStatus status = history ? history->status : history::HistoryStatus::off;
    family(out, "actionboard_history_status", "gauge",
           "The history's status: 1 for the current one (ok, off, not_recording, unavailable).");
    for (history::HistoryStatus each :
         {history::HistoryStatus::ok, history::HistoryStatus::off,
          history::HistoryStatus::not_recording, history::HistoryStatus::unavailable})
        sample(out, "actionboard_history_status", label("status", history::to_string(each)),
               each == status ? 1 : 0);
    int recorded = 0, waiting = 0;
    if (history && history->timeline) {
        for (const auto& version : history->timeline->versions)
            (version.id != 0 ? recorded : waiting) += 1;
    }
    family(out, "actionboard_history_versions", "gauge",
           "Versions of the plan in the history: recorded in the database, or waiting in memory "
           "to be (the database could not be written).");
    sample(out, "actionboard_history_versions", label("state", "recorded"), recorded);
    sample(out, "actionboard_history_versions", label("state", "waiting"), waiting);
    if (history && history->comparison) {
        int exceptions = 0;
        for (const auto& change : history->comparison->changes)
            exceptions += change.exception;
        family(out, "actionboard_history_changes", "gauge",
               "Changes since the baseline (the last committee, or --since), by whether each is "
               "an exception.");
        sample(out, "actionboard_history_changes", label("exception", "true"), exceptions);
        sample(out, "actionboard_history_changes", label("exception", "false"),
               double(history->comparison->changes.size()) - exceptions);
        family(out, "actionboard_history_compliance_change_points", "gauge",
               "The change in compliance since the baseline, in percentage points.");
        sample(out, "actionboard_history_compliance_change_points", "",
               history->comparison->overall.change);
    }

    family(out, "actionboard_http_requests_total", "counter",
           "HTTP requests answered, by route and status code.");
    for (int route = 0; route < route_count; ++route) {
        for (std::size_t slot = 0; slot < RequestCounters::slot_count; ++slot) {
            std::uint64_t count =
                counters.counts_[std::size_t(route)][slot].load(std::memory_order_relaxed);
            if (count == 0)
                continue;
            sample(out, "actionboard_http_requests_total",
                   label("route", route_template(Route(route))) + "," +
                       label("code", RequestCounters::code_label(slot)),
                   double(count));
        }
    }
    return out;
}

} // namespace actionboard::feed
