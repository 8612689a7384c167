#include "cli.hpp"

#include "dashboard/core/source_url.hpp"
#include "dashboard/history/compare.hpp"
#include "dashboard/ui/pages.hpp"

#include <charconv>

namespace actionboard::app {

std::string usage_text() {
    return R"(Usage:
  actionboard [--mode desktop|kiosk|present|headless] [--data FILE|URL] [options]
  actionboard --check [--data FILE|URL] [--as-of DATE] [--format text|json]
  actionboard --export FILE.xlsx|FILE.csv|FILE.json [--data FILE]
  actionboard --screenshot OUT.png [--page PAGE] [--size WxH] [--mode kiosk|desktop|present]
                           [--history DB [--since WHEN]]
  actionboard --history-import FILE... [--history DB]
  actionboard --help | --version

Shows an action plan: compliance by chapter, the local position and red/amber/green deadlines,
as a Dear ImGui dashboard and as a read-only JSON feed. With no --data it uses the plan
embedded in the binary; with --data the file is watched and reloaded when it changes, or
another actionboard's feed is followed.

Plan:
  --data FILE          the plan file: JSON (docs/data-format.md), an Excel workbook (.xlsx)
                       or CSV (.csv) (docs/spreadsheets.md)
  --data URL           follow another actionboard: http://HOST:PORT or https://HOST[:PORT]
                       (its /api/v1/source), or the URL of a plan file on a web server
  --poll SECONDS       with a URL: the most time between two polls (default 10; jittered,
                       and backing off up to 5 minutes while the source is down)
  --export FILE        write the plan (the embedded one, or --data's) as .xlsx, .csv or .json,
                       chosen by FILE's extension, and exit: a template to fill in
  --as-of DATE         compute the view at YYYY-MM-DD, or 'today' (follows the clock);
                       default: the plan's reporting date. Deadlines with no year ("by
                       March", "end Q2") are still read against the plan's reporting date;
                       a workbook or CSV file that states none takes YYYY-MM-DD as its own
  --amber-days N       the amber window in days (default: the plan's, usually 30)
  --check              validate the plan, print problems, a summary and how every deadline
                       was read, and exit
  --format text|json   output of --check (default text)

History (docs/history.md):
  --history FILE       the SQLite database every loaded version of the plan is recorded in;
                       default: $STATE_DIRECTORY/history.sqlite3 under systemd, else
                       $XDG_STATE_HOME/actionboard/history.sqlite3 (~/.local/state/actionboard/)
  --no-history         record nothing, and show no history
  --history-import FILE...  record earlier versions of a plan, each at its reporting date, and exit
                       (a version already recorded is recorded once)
  --since WHEN         compare with this instead of the last committee: a version id, a date
                       (YYYY-MM-DD) or a date and time (2009-07-07T10:30:00Z)
                       The dashboard shows arrows (better, worse, same) by each chapter's
                       compliance and each RAG, "Changes since ..." pages and the trend.

Modes:
  --mode desktop       a window with pages, tables and filters (default)
  --mode kiosk         the wall display: fullscreen, rotating pages, no cursor
  --mode present       fullscreen, pages driven by a clicker or the keyboard
  --mode headless      the JSON feed only, no display

Feed (served in every mode):
  --bind ADDR          address to listen on (default 127.0.0.1: LAN sharing is a choice)
  --port N             port (default 8080; 0 picks a free one and prints it)
  --no-cors            do not send Access-Control-Allow-Origin

Dashboard:
  --monitor N          kiosk/present: the monitor to fill (default 0, the primary)
  --cycle SECONDS      kiosk: seconds per page (default 20)
  --chapter-pages N    kiosk/present: pages per chapter (default 2); red and amber
                       recommendations are always shown, the others that do not fit are
                       counted ("+240 on track, 20 complete"); the desktop lists every one
  --allow-exit         kiosk: let Esc or Ctrl+Q quit (without it no key ends the kiosk)
  --dim HH:MM-HH:MM    kiosk: dim the screen in this period (e.g. 19:00-07:00)
  --theme dark|light   colours (default dark; light for projectors)
  --stale-days N       warn when the data is older than N days (default 14): on the wall,
                       in the browser view and as /healthz's "stale"
  --public-url URL     kiosk/present: the address people reach this server at (e.g.
                       http://wall.office:8080); a QR code in the corner opens the page
                       on screen in their browser

Keys in present mode (a clicker's keys included; no single key ends the presentation):
  -> PgDn Space Down   next page          <- PgUp Backspace Up   previous page
  Home                 the overview       1-9                    chapter N
  Esc                  close the open recommendation, else back to the overview
  F5 / Shift+F5        resume at the overview / at the current page
  B or .  /  W or ,    black / white screen; any key returns (and does nothing else)
  Ctrl+Q               quit (or close the window)

Screenshot (for committee papers and tests):
  --screenshot OUT.png render one page off-screen, write OUT.png and OUT.png.json, exit
  --page PAGE          overview | chapter:N | deadlines | quality | changes | trend | rec:N
                       (default overview); a slice of a split page: chapter:N/2, overview/2,
                       changes/2
  --size WxH           image size (default 1920x1080)
  With --history DB a screenshot reads the history (never writes it) for the arrows, changes
  and trend; without it, it shows none.

  --help, --version

Exit codes: 0 success, 1 invalid data or no display, 2 usage error (a --page the plan,
size or history does not have included).
)";
}

std::string version_text() {
    return std::string("actionboard ") + ACTIONBOARD_VERSION + "\n";
}

std::string_view to_string(Mode mode) {
    switch (mode) {
    case Mode::desktop:
        return "desktop";
    case Mode::kiosk:
        return "kiosk";
    case Mode::present:
        return "present";
    case Mode::headless:
        return "headless";
    }
    return "desktop";
}

namespace {

std::optional<int> parse_int(const std::string& text, int min, int max) {
    int value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || value < min || value > max)
        return std::nullopt;
    return value;
}

std::optional<int> parse_clock(const std::string& text) {
    if (text.size() != 5 || text[2] != ':')
        return std::nullopt;
    auto hours = parse_int(text.substr(0, 2), 0, 23);
    auto minutes = parse_int(text.substr(3, 2), 0, 59);
    if (!hours || !minutes)
        return std::nullopt;
    return *hours * 60 + *minutes;
}

} // namespace

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
        auto flag = [&](bool& target) -> bool {
            if (inline_value)
                return false;
            target = true;
            return true;
        };

        if (arg == "--help" || arg == "-h") {
            options.help = true;
        } else if (arg == "--version") {
            options.version = true;
        } else if (arg == "--check") {
            if (!flag(options.check))
                return fail("--check takes no value");
        } else if (arg == "--allow-exit") {
            if (!flag(options.allow_exit))
                return fail("--allow-exit takes no value");
        } else if (arg == "--no-cors") {
            bool no_cors = false;
            if (!flag(no_cors))
                return fail("--no-cors takes no value");
            options.cors = false;
        } else if (arg == "--data") {
            auto file = value();
            if (!file || file->empty())
                return fail("--data needs a file name");
            options.data_file = *file;
        } else if (arg == "--export") {
            auto file = value();
            if (!file || file->empty())
                return fail("--export needs a file name ending .xlsx, .csv or .json");
            options.export_file = *file;
        } else if (arg == "--poll") {
            auto text = value();
            auto seconds = text ? parse_int(*text, 1, 86400) : std::nullopt;
            if (!seconds)
                return fail("--poll needs a whole number of seconds from 1 to 86400");
            options.poll_seconds = *seconds;
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
            auto days = text ? parse_int(*text, 0, 366) : std::nullopt;
            if (!days)
                return fail("--amber-days needs a whole number of days from 0 to 366");
            options.amber_days = *days;
        } else if (arg == "--format") {
            auto text = value();
            if (text && *text == "text")
                options.format = OutputFormat::text;
            else if (text && *text == "json")
                options.format = OutputFormat::json;
            else
                return fail("--format takes 'text' or 'json'");
        } else if (arg == "--mode") {
            auto text = value();
            if (text && *text == "desktop")
                options.mode = Mode::desktop;
            else if (text && *text == "kiosk")
                options.mode = Mode::kiosk;
            else if (text && *text == "present")
                options.mode = Mode::present;
            else if (text && *text == "headless")
                options.mode = Mode::headless;
            else
                return fail("--mode takes desktop, kiosk, present or headless");
            options.mode_given = true;
        } else if (arg == "--bind") {
            auto text = value();
            if (!text || text->empty())
                return fail("--bind needs an address, e.g. 127.0.0.1 or 0.0.0.0");
            options.bind = *text;
        } else if (arg == "--port") {
            auto text = value();
            auto port = text ? parse_int(*text, 0, 65535) : std::nullopt;
            if (!port)
                return fail("--port needs a number from 0 to 65535 (0 picks a free port)");
            options.port = *port;
        } else if (arg == "--public-url") {
            auto text = value();
            bool ok = text && (text->rfind("http://", 0) == 0 || text->rfind("https://", 0) == 0) &&
                      text->size() > 8 && text->size() <= 200 &&
                      text->find_first_of(" \t\r\n\"<>#?") == std::string::npos;
            if (!ok)
                return fail(
                    "--public-url needs the address people open, e.g. http://wall.office:8080 "
                    "(http:// or https://, no spaces, query or fragment, at most 200 characters)");
            std::string url = *text;
            while (url.size() > 8 && url.back() == '/')
                url.pop_back();
            options.public_url = url;
        } else if (arg == "--monitor") {
            auto text = value();
            auto monitor = text ? parse_int(*text, 0, 63) : std::nullopt;
            if (!monitor)
                return fail("--monitor needs a monitor number from 0");
            options.monitor = *monitor;
        } else if (arg == "--cycle") {
            auto text = value();
            auto seconds = text ? parse_int(*text, 1, 86400) : std::nullopt;
            if (!seconds)
                return fail("--cycle needs a whole number of seconds from 1 to 86400");
            options.cycle_seconds = *seconds;
        } else if (arg == "--chapter-pages") {
            auto text = value();
            auto pages = text ? parse_int(*text, 1, 100) : std::nullopt;
            if (!pages)
                return fail("--chapter-pages needs a whole number of pages from 1 to 100");
            options.chapter_pages = *pages;
        } else if (arg == "--dim") {
            auto text = value();
            std::optional<int> start, end;
            if (text && text->size() == 11 && (*text)[5] == '-') {
                start = parse_clock(text->substr(0, 5));
                end = parse_clock(text->substr(6, 5));
            }
            if (!start || !end || *start == *end)
                return fail("--dim needs a period HH:MM-HH:MM, e.g. 19:00-07:00");
            options.dim_minutes = std::pair{*start, *end};
        } else if (arg == "--theme") {
            auto text = value();
            if (text && *text == "dark")
                options.light_theme = false;
            else if (text && *text == "light")
                options.light_theme = true;
            else
                return fail("--theme takes 'dark' or 'light'");
        } else if (arg == "--stale-days") {
            auto text = value();
            auto days = text ? parse_int(*text, 1, 3650) : std::nullopt;
            if (!days)
                return fail("--stale-days needs a whole number of days from 1");
            options.stale_days = *days;
        } else if (arg == "--history") {
            auto file = value();
            if (!file || file->empty())
                return fail("--history needs a file name, e.g. history.sqlite3");
            options.history_file = *file;
        } else if (arg == "--no-history") {
            if (!flag(options.no_history))
                return fail("--no-history takes no value");
        } else if (arg == "--history-import") {
            if (inline_value) {
                if (inline_value->empty())
                    return fail("--history-import needs plan files to record");
                options.history_import.push_back(*inline_value);
            }
            while (i + 1 < args.size() && args[i + 1].rfind("--", 0) != 0)
                options.history_import.push_back(args[++i]);
            if (options.history_import.empty())
                return fail("--history-import needs plan files to record, e.g. --history-import "
                            "v1.3.json v1.4.json");
        } else if (arg == "--since") {
            auto text = value();
            if (!text || !history::parse_since(*text))
                return fail(
                    "--since takes a version id (12), a date (2009-07-07) or a date and time "
                    "(2009-07-07T10:30:00Z)");
            options.since = *text;
        } else if (arg == "--screenshot") {
            auto file = value();
            if (!file || file->empty())
                return fail("--screenshot needs an output file name, e.g. overview.png");
            options.screenshot = *file;
        } else if (arg == "--page") {
            auto text = value();
            if (!text || !ui::parse_page(*text))
                return fail(
                    "--page takes overview, chapter:N, deadlines, quality, changes, trend "
                    "or rec:N (a slice of a split page: chapter:N/2, overview/2, changes/2)");
            options.page = *text;
        } else if (arg == "--size") {
            auto text = value();
            std::optional<int> width, height;
            if (text) {
                auto x = text->find('x');
                if (x != std::string::npos) {
                    width = parse_int(text->substr(0, x), 200, 8192);
                    height = parse_int(text->substr(x + 1), 200, 8192);
                }
            }
            if (!width || !height)
                return fail("--size needs WIDTHxHEIGHT in pixels, e.g. 1920x1080 (200 to 8192)");
            options.width = *width;
            options.height = *height;
        } else {
            return fail("unknown option \"" + args[i] + "\"");
        }
    }
    if (options.export_file && (options.check || options.screenshot))
        return fail("--export writes a file and exits: not with --check or --screenshot");
    bool follows = options.data_file && looks_like_url(*options.data_file);
    if (follows) {
        SourceUrlResult url = parse_source_url(*options.data_file);
        if (!url.url)
            return fail("--data " + *options.data_file + ": " + url.error);
    }
    if (options.poll_seconds && !follows)
        return fail("--poll applies to --data with an http:// or https:// URL to follow");
    if (options.screenshot && options.mode == Mode::headless)
        return fail("--screenshot draws the dashboard: use --mode desktop, kiosk or present");
    if (options.no_history && options.history_file)
        return fail("--no-history and --history contradict each other: give one");
    if (!options.history_import.empty()) {
        if (options.no_history)
            return fail(
                "--history-import records into the history: it cannot go with --no-history");
        if (options.check || options.screenshot || options.data_file || options.since)
            return fail(
                "--history-import runs on its own (with --history DB at most): record the files, "
                "then start actionboard");
    }
    return ParseResult{options, {}};
}

} // namespace actionboard::app
