#include "check_report.hpp"

#include "serialize.hpp"
#include "utf8.hpp"

#include <algorithm>
#include <cstdio>

namespace actionboard {

namespace {

std::string percent(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f%%", value);
    return buffer;
}

// Pads to `width` characters (code points, so "Cymraeg ŵ" lines up).
std::string pad(std::string text, std::size_t width) {
    std::size_t shown = count_code_points(text);
    if (shown < width)
        text.append(width - shown, ' ');
    return text;
}

std::string date_or_dash(const std::optional<Date>& date) {
    return date ? format_iso(*date) : "-";
}

std::string rec_label(const std::string& ref, const std::string& part) {
    return ref + part;
}

std::string finding_label(const Finding& finding) {
    return finding.ref.empty() ? "ch " + std::to_string(finding.chapter)
                               : rec_label(finding.ref, finding.part);
}

std::size_t width_of(std::string_view text) {
    return count_code_points(text);
}

// The ref column is as wide as the longest label it holds ("R12a" or "1.10(b)"), at least 5.
std::size_t ref_column_width(const PlanView& view) {
    std::size_t width = 4;
    for (const auto& deadline : view.government_deadlines)
        width = std::max(width, width_of(rec_label(deadline.ref, deadline.part)));
    for (const auto& milestone : view.milestones)
        width = std::max(width, width_of(rec_label(milestone.ref, milestone.part)));
    for (const auto& finding : view.findings)
        width = std::max(width, width_of(finding_label(finding)));
    return width + 1;
}

void append_reading(std::string& out, const std::string& ref, std::size_t ref_width,
                    std::string_view column, const DeadlineReading& reading,
                    const std::string& text) {
    out += "  " + pad(ref, ref_width) + pad(std::string(column), 6) +
           pad(std::string(to_string(reading.kind)), 12) + pad(date_or_dash(reading.start), 12) +
           pad(date_or_dash(reading.due), 12) + "\"" + text + "\"";
    if (reading.phrase != text)
        out += "  [" + reading.phrase + "]";
    out += "\n";
}

// How a spreadsheet was read: its encoding, the columns it ignored, where the title came from.
std::string notes_text(const LoadResult& load) {
    std::string out;
    if (load.notes.empty())
        return out;
    out += "Read from the spreadsheet\n";
    for (const auto& note : load.notes)
        out += "  " + note + "\n";
    return out;
}

// "  reported RAG: 1 disagrees with the computed RAG: 3 (reported green, computed red)", only for
// a plan that reports RAGs.
std::string reported_rag_text(const Plan& plan, const PlanView& view) {
    bool any = std::any_of(plan.recommendations.begin(), plan.recommendations.end(),
                           [](const Recommendation& rec) { return rec.reported_rag.has_value(); });
    if (!any)
        return {};
    int count = view.overall.rag_disagreements;
    std::string out = "  reported RAG: " + std::to_string(count) +
                      (count == 1 ? " disagrees" : " disagree") + " with the computed RAG";
    std::string refs;
    for (std::size_t i = 0; i < plan.recommendations.size(); ++i) {
        const RecommendationView& rec_view = view.recommendations[i];
        if (!disagrees(rec_view.reported))
            continue;
        refs.append(refs.empty() ? "" : ", ")
            .append(plan.recommendations[i].ref)
            .append(" (reported ")
            .append(to_string(*plan.recommendations[i].reported_rag))
            .append(", computed ")
            .append(to_string(rec_view.rag))
            .append(")");
    }
    return out + (refs.empty() ? "" : ": " + refs) + "\n";
}

} // namespace

std::string check_report_text(const CheckInput& input) {
    std::string out;
    const LoadResult& load = *input.load;
    if (!load.ok()) {
        out += "INVALID: " + input.source + ": " + std::to_string(load.problems.size()) +
               (load.problems.size() == 1 ? " problem\n" : " problems\n");
        for (const auto& problem : load.problems)
            out += "  " + format_problem(problem) + "\n";
        if (!load.notes.empty())
            out += "\n" + notes_text(load);
        return out;
    }
    const Plan& plan = *load.plan;
    const PlanView& view = *input.view;
    const Counts& c = view.overall;
    out += "OK: " + input.source + ": \"" + plan.info.title + "\" " + plan.info.version + ", " +
           plan.info.authority + "\n";
    out += "As of " + format_long(view.as_of) + " (reporting date " + format_long(plan.info.as_of) +
           "), amber window " + std::to_string(view.amber_days) + " days\n";
    // Year-less deadlines ("by March", "end Q2") and "Immediate" are read against the plan's own
    // reporting date, whatever date the view is computed at (docs/deadlines.md).
    out += "Deadlines with no year (\"by March\", \"end Q2\") read against the reporting date, " +
           format_long(plan.info.as_of) +
           (view.as_of == plan.info.as_of ? std::string() : ", not the as-of date") + "\n\n";
    if (!load.notes.empty())
        out += notes_text(load) + "\n";

    out += "Summary\n";
    out += "  recommendations " + std::to_string(c.recommendations) + ": compliant " +
           std::to_string(c.compliant()) + " (" + percent(c.compliance_percent()) +
           "), in progress " + std::to_string(c.by_status[int(Status::in_progress)]) +
           ", awaiting national " + std::to_string(c.by_status[int(Status::awaiting_national)]) +
           ", not started " + std::to_string(c.by_status[int(Status::not_started)]) + "\n";
    if (plan.answers_national_report())
        out += "  addressed to: national " + std::to_string(c.national) + ", local " +
               std::to_string(c.local) + "\n";
    out += "  RAG: red " + std::to_string(c.by_rag[int(Rag::red)]) + ", amber " +
           std::to_string(c.by_rag[int(Rag::amber)]) + ", green " +
           std::to_string(c.by_rag[int(Rag::green)]) + ", blue " +
           std::to_string(c.by_rag[int(Rag::blue)]) + ", none " +
           std::to_string(c.by_rag[int(Rag::none)]) + "\n";
    out += reported_rag_text(plan, view);
    out += "  local milestones " + std::to_string(c.milestones) + ": overdue " +
           std::to_string(c.overdue) + ", due within " + std::to_string(view.amber_days) +
           " days " + std::to_string(c.due_soon) + ", complete " + std::to_string(c.complete) +
           ", ongoing " + std::to_string(c.ongoing) + ", recurring " + std::to_string(c.recurring) +
           ", unscheduled " + std::to_string(c.unscheduled) + "\n";
    out += "  data quality: " + std::to_string(c.no_timescale) + " with no timescale, " +
           std::to_string(c.no_lead) + " with no lead, " + std::to_string(c.no_local_position) +
           (c.no_local_position == 1 ? " chapter" : " chapters") + " with no local position\n\n";

    out += "Chapters\n";
    for (std::size_t i = 0; i < plan.chapters.size(); ++i) {
        const Counts& cc = view.chapters[i].counts;
        out += "  " + pad(std::to_string(plan.chapters[i].number), 3) +
               pad(plan.chapters[i].title, 32) +
               pad(std::to_string(cc.recommendations) + " recs", 9) +
               pad("compliant " + percent(cc.compliance_percent()), 17) + "R" +
               std::to_string(cc.by_rag[int(Rag::red)]) + " A" +
               std::to_string(cc.by_rag[int(Rag::amber)]) + " G" +
               std::to_string(cc.by_rag[int(Rag::green)]) + " B" +
               std::to_string(cc.by_rag[int(Rag::blue)]) + " -" +
               std::to_string(cc.by_rag[int(Rag::none)]) + "  worst " +
               std::string(to_string(cc.worst)) + "\n";
    }

    out += "\nLeads\n";
    for (const auto& [lead, counts] : view.by_lead)
        out += "  " + pad(lead.empty() ? "(no lead)" : lead, 34) +
               std::to_string(counts.milestones) + " milestones, " +
               std::to_string(counts.overdue) + " overdue, " + std::to_string(counts.due_soon) +
               " due soon\n";

    std::size_t ref_width = ref_column_width(view);
    if (!view.findings.empty()) {
        out += "\nData quality\n";
        for (const auto& finding : view.findings)
            out += "  " + pad(finding_label(finding), ref_width) +
                   pad(std::string(to_string(finding.kind)), 19) + finding.detail + "\n";
    }

    if (input.cannot_draw && !input.cannot_draw->empty()) {
        out += "\nCharacters the dashboard cannot draw (it shows U+FFFD instead)\n";
        for (const auto& finding : *input.cannot_draw)
            out += "  " + format_glyph_finding(finding) + "\n";
    }

    out += "\nDeadlines read\n  " + pad("ref", ref_width) + pad("col", 6) + pad("kind", 12) +
           pad("start", 12) + pad("due", 12) + "text  [phrase read]\n";
    for (const auto& deadline : view.government_deadlines)
        append_reading(out, rec_label(deadline.ref, deadline.part), ref_width, "govt",
                       deadline.reading, deadline.text);
    for (const auto& milestone : view.milestones)
        append_reading(out, rec_label(milestone.ref, milestone.part), ref_width, "local",
                       milestone.reading, milestone.text);
    return out;
}

std::string check_report_json(const CheckInput& input) {
    const LoadResult& load = *input.load;
    nlohmann::json report = {{"ok", load.ok()}, {"source", input.source}};
    nlohmann::json errors = nlohmann::json::array();
    for (const auto& problem : load.problems)
        errors.push_back(problem_json(problem));
    report["errors"] = errors;
    report["notes"] = load.notes;
    nlohmann::json milestones = nlohmann::json::array();
    if (load.ok()) {
        report["summary"] = summary_json(*load.plan, *input.view);
        for (const auto& deadline : input.view->government_deadlines) {
            auto item = government_deadline_json(deadline);
            item["column"] = "government";
            milestones.push_back(std::move(item));
        }
        for (const auto& milestone : input.view->milestones) {
            auto item = milestone_json(milestone);
            item["column"] = "local";
            milestones.push_back(std::move(item));
        }
        nlohmann::json findings = nlohmann::json::array();
        for (const auto& finding : input.view->findings)
            findings.push_back(finding_json(finding));
        report["quality"] = findings;
        nlohmann::json glyphs = nlohmann::json::array();
        if (input.cannot_draw) {
            for (const auto& finding : *input.cannot_draw)
                glyphs.push_back(glyph_finding_json(finding));
        }
        report["glyphs"] = glyphs;
    }
    report["milestones"] = milestones;
    return report.dump(2) + "\n";
}

} // namespace actionboard
