#include "cli.hpp"

#include <charconv>

namespace actionboard::app {

std::string usage_text() {
    return R"(Usage:
  actionboard [--data FILE] [--as-of YYYY-MM-DD|today] [--amber-days N]
  actionboard --check [--data FILE] [--as-of YYYY-MM-DD|today] [--amber-days N] [--format text|json]
  actionboard --help | --version

Shows an action plan: compliance by chapter, the local position and red/amber/green deadlines.
With no --data it uses the plan embedded in the binary.

Options:
  --check              validate the plan, print problems, a summary and how every deadline was read
  --data FILE          the plan file (JSON, see docs/data-format.md)
  --as-of DATE         compute the view at YYYY-MM-DD, or 'today' (follows the clock);
                       default: the plan's reporting date
  --amber-days N       the amber window in days (default: the plan's, usually 30)
  --format text|json   output of --check (default text)
  --help               this text
  --version            the version

Exit codes: 0 valid, 1 invalid data, 2 usage error.
)";
}

std::string version_text() { return std::string("actionboard ") + ACTIONBOARD_VERSION + "\n"; }

ParseResult parse_command_line(const std::vector<std::string>& args) {
    Options options;
    auto fail = [](std::string message) { return ParseResult{std::nullopt, std::move(message)}; };
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string arg = args[i];
        std::optional<std::string> inline_value;
        if (arg.rfind("--", 0) == 0) {
            if (auto eq = arg.find('='); eq != std::string::npos) {
                inline_value = arg.substr(eq + 1);
                arg = arg.substr(0, eq);
            }
        }
        auto value = [&]() -> std::optional<std::string> {
            if (inline_value)
                return inline_value;
            if (i + 1 < args.size())
                return args[++i];
            return std::nullopt;
        };
        auto takes_no_value = [&]() { return !inline_value; };

        if (arg == "--help" || arg == "-h") {
            options.help = true;
        } else if (arg == "--version") {
            options.version = true;
        } else if (arg == "--check") {
            if (!takes_no_value())
                return fail("--check takes no value");
            options.check = true;
        } else if (arg == "--data") {
            auto file = value();
            if (!file || file->empty())
                return fail("--data needs a file name");
            options.data_file = *file;
        } else if (arg == "--as-of") {
            auto text = value();
            if (!text)
                return fail("--as-of needs a date (YYYY-MM-DD) or 'today'");
            auto setting = parse_as_of(*text);
            if (!setting)
                return fail("--as-of: \"" + *text +
                            "\" is not a date in the form YYYY-MM-DD, nor 'today'");
            options.as_of = *setting;
        } else if (arg == "--amber-days") {
            auto text = value();
            int days = -1;
            if (!text || std::from_chars(text->data(), text->data() + text->size(), days).ec !=
                             std::errc{} ||
                days < 0 || days > 366 ||
                std::to_string(days) != *text)
                return fail("--amber-days needs a whole number of days from 0 to 366");
            options.amber_days = days;
        } else if (arg == "--format") {
            auto text = value();
            if (text && *text == "text")
                options.format = OutputFormat::text;
            else if (text && *text == "json")
                options.format = OutputFormat::json;
            else
                return fail("--format takes 'text' or 'json'");
        } else {
            return fail("unknown option \"" + args[i] + "\"");
        }
    }
    return ParseResult{options, {}};
}

} // namespace actionboard::app
