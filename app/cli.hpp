#pragma once
// Command-line parsing: turns argv into Options or a usage error. No side effects.

#include "dashboard/core/as_of.hpp"

#include <optional>
#include <string>
#include <vector>

namespace actionboard::app {

enum class OutputFormat { text, json };

struct Options {
    bool help = false;
    bool version = false;
    bool check = false;
    std::optional<std::string> data_file; // none: the embedded plan
    AsOfSetting as_of;
    std::optional<int> amber_days; // none: the plan's own
    OutputFormat format = OutputFormat::text;
};

struct ParseResult {
    std::optional<Options> options;
    std::string error; // set when options is empty
};

ParseResult parse_command_line(const std::vector<std::string>& args);
std::string usage_text();
std::string version_text();

} // namespace actionboard::app
