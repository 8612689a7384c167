#pragma once
// The report `actionboard --check` prints: problems, a summary, and how every deadline was read.

#include "loader.hpp"
#include "view.hpp"

#include <string>

namespace actionboard {

struct CheckInput {
    std::string source; // file path or the embedded plan's name
    const LoadResult* load = nullptr;
    const PlanView* view = nullptr; // null when the plan did not load
};

std::string check_report_text(const CheckInput& input);
std::string check_report_json(const CheckInput& input);

} // namespace actionboard
