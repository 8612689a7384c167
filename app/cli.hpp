#pragma once
// Command-line parsing: turns argv into Options or a usage error. No side effects.

#include "dashboard/core/as_of.hpp"

#include <optional>
#include <string>
#include <vector>

namespace actionboard::app {

enum class OutputFormat { text, json };
enum class Mode { desktop, kiosk, present, headless };

struct Options {
    bool help = false;
    bool version = false;
    bool check = false;
    std::optional<std::string> data_file;   // none: the embedded plan; or an http(s):// URL
    std::optional<int> poll_seconds;        // --poll, with a URL
    std::optional<std::string> export_file; // --export: write the plan as .xlsx, .csv or .json
    AsOfSetting as_of;
    std::optional<int> amber_days; // none: the plan's own
    OutputFormat format = OutputFormat::text;

    Mode mode = Mode::desktop;
    bool mode_given = false;
    // Feed
    std::string bind = "127.0.0.1";
    int port = 8080;
    bool cors = true;
    // Dashboard
    int monitor = 0;
    int cycle_seconds = 20;
    int chapter_pages = 2; // kiosk/present: pages per chapter on the wall
    bool allow_exit = false;
    std::optional<std::pair<int, int>> dim_minutes; // [start, end) minutes after midnight
    bool light_theme = false;
    int stale_days = 14;
    std::string public_url; // kiosk/present: the QR code's address; empty: no QR code
    // History (docs/history.md)
    std::optional<std::string> history_file; // --history: none means the default place
    bool no_history = false;
    std::vector<std::string> history_import; // --history-import FILE...: record these and exit
    std::optional<std::string> since;        // --since: the baseline instead of the last committee
    // Screenshot
    std::optional<std::string> screenshot;
    std::string page = "overview";
    int width = 1920;
    int height = 1080;
};

struct ParseResult {
    std::optional<Options> options;
    std::string error; // set when options is empty
};

ParseResult parse_command_line(const std::vector<std::string>& args);
std::string usage_text();
std::string version_text();
std::string_view to_string(Mode mode);

} // namespace actionboard::app
