#pragma once
// The report `actionboard --check` prints: problems, a summary, and how every deadline was read.

#include "loader.hpp"
#include "plan_text.hpp"
#include "view.hpp"

#include <string>

namespace actionboard {

struct CheckInput {
    std::string source; // file path or the embedded plan's name
    const LoadResult* load = nullptr;
    const PlanView* view = nullptr; // null when the plan did not load
    // The plan's characters the dashboard's font cannot draw (undrawable_characters); null when
    // not known. They do not make a plan invalid.
    const std::vector<GlyphFinding>* cannot_draw = nullptr;
};

// The text report; characters that cannot be drawn get a section of their own, one line each:
// "  cannot be drawn: U+4E2D in rec 12's text".
std::string check_report_text(const CheckInput& input);
// The JSON report: ok, source, errors, and for a valid plan summary, quality, milestones and
// "glyphs", an array of glyph_finding_json() objects (empty when everything can be drawn).
std::string check_report_json(const CheckInput& input);

} // namespace actionboard
