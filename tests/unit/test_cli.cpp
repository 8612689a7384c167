#include "app/cli.hpp"

#include <doctest/doctest.h>

using namespace actionboard;
using namespace actionboard::app;

TEST_CASE("command line: defaults") {
    ParseResult result = parse_command_line({});
    REQUIRE(result.options);
    CHECK_FALSE(result.options->check);
    CHECK_FALSE(result.options->data_file);
    CHECK(result.options->as_of.mode == AsOfSetting::Mode::plan_date);
    CHECK(result.options->format == OutputFormat::text);
}

TEST_CASE("command line: check with every option") {
    ParseResult result = parse_command_line(
        {"--check", "--data", "plan.json", "--as-of", "2010-01-31", "--format=json", "--amber-days", "14"});
    REQUIRE(result.options);
    CHECK(result.options->check);
    CHECK(result.options->data_file == "plan.json");
    CHECK(result.options->as_of.mode == AsOfSetting::Mode::fixed);
    CHECK(result.options->as_of.fixed == make_date(2010, 1, 31));
    CHECK(result.options->format == OutputFormat::json);
    CHECK(result.options->amber_days == 14);
    CHECK(parse_command_line({"--as-of", "today"}).options->as_of.mode == AsOfSetting::Mode::today);
}

TEST_CASE("command line: usage errors say what is wrong") {
    auto error = [](std::vector<std::string> args) { return parse_command_line(args).error; };
    CHECK(error({"--bogus"}) == "unknown option \"--bogus\"");
    CHECK(error({"--data"}) == "--data needs a file name");
    CHECK(error({"--as-of", "07/07/2009"}).find("not a date in the form YYYY-MM-DD") != std::string::npos);
    CHECK(error({"--format", "xml"}) == "--format takes 'text' or 'json'");
    CHECK(error({"--amber-days", "-3"}).find("0 to 366") != std::string::npos);
    CHECK(error({"--amber-days", "12x"}).find("0 to 366") != std::string::npos);
    CHECK(error({"--check=yes"}) == "--check takes no value");
    CHECK(error({"--chapter-pages", "0"}).find("from 1 to 100") != std::string::npos);
    CHECK(error({"--chapter-pages", "two"}).find("from 1 to 100") != std::string::npos);
    CHECK(error({"--chapter-pages"}).find("from 1 to 100") != std::string::npos);
}

TEST_CASE("command line: --chapter-pages sets the wall's pages per chapter (default 2)") {
    CHECK(parse_command_line({}).options->chapter_pages == 2);
    CHECK(parse_command_line({"--mode", "kiosk", "--chapter-pages", "3"}).options->chapter_pages ==
          3);
    CHECK(parse_command_line({"--chapter-pages=1"}).options->chapter_pages == 1);
    CHECK(usage_text().find("--chapter-pages N") != std::string::npos);
}

TEST_CASE("command line: history options") {
    ParseResult plain = parse_command_line({});
    REQUIRE(plain.options);
    CHECK_FALSE(plain.options->history_file);
    CHECK_FALSE(plain.options->no_history);
    CHECK(plain.options->history_import.empty());

    ParseResult file = parse_command_line({"--history", "h.sqlite3", "--since", "2009-07-07"});
    REQUIRE(file.options);
    CHECK(file.options->history_file == "h.sqlite3");
    CHECK(file.options->since == "2009-07-07");
    CHECK(parse_command_line({"--since=12"}).options->since == "12");
    CHECK(parse_command_line({"--since", "2009-07-07T10:30:00Z"}).options);
    CHECK(parse_command_line({"--no-history"}).options->no_history);

    ParseResult import = parse_command_line({"--history-import", "v1.3.json", "v1.4.json", "--history", "h.db"});
    REQUIRE(import.options);
    CHECK(import.options->history_import == std::vector<std::string>{"v1.3.json", "v1.4.json"});
    CHECK(import.options->history_file == "h.db");
    CHECK(parse_command_line({"--history-import=a.json", "b.json"}).options->history_import ==
          std::vector<std::string>{"a.json", "b.json"});

    auto error = [](std::vector<std::string> args) { return parse_command_line(args).error; };
    CHECK(error({"--history"}) == "--history needs a file name, e.g. history.sqlite3");
    CHECK(error({"--no-history=1"}) == "--no-history takes no value");
    CHECK(error({"--no-history", "--history", "h"}).find("contradict") != std::string::npos);
    CHECK(error({"--history-import"}).find("needs plan files") != std::string::npos);
    CHECK(error({"--history-import", "--history", "h"}).find("needs plan files") != std::string::npos);
    CHECK(error({"--history-import", "a.json", "--no-history"}).find("cannot go with --no-history") != std::string::npos);
    CHECK(error({"--history-import", "a.json", "--check"}).find("runs on its own") != std::string::npos);
    CHECK(error({"--history-import", "a.json", "--data", "b.json"}).find("runs on its own") != std::string::npos);
    CHECK(error({"--since", "last week"}).find("--since takes a version id") == 0);
    CHECK(error({"--since", "2009-02-30"}).find("--since takes a version id") == 0);
}

TEST_CASE("command line: --data URL follows another actionboard, --poll sets its interval") {
    ParseResult result =
        parse_command_line({"--mode", "headless", "--data", "http://team-pc:8080", "--poll", "30"});
    REQUIRE(result.options);
    CHECK(result.options->data_file == "http://team-pc:8080");
    CHECK(result.options->poll_seconds == 30);
    CHECK_FALSE(parse_command_line({"--data", "https://plans.example.org/"}).options->poll_seconds);

    auto error = [](std::vector<std::string> args) { return parse_command_line(args).error; };
    CHECK(error({"--data", "http://team-pc:0"}) ==
          "--data http://team-pc:0: the port must be from 1 to 65535, not 0");
    CHECK(error({"--data", "https://user:pw@team-pc"}).find("user name or password") !=
          std::string::npos);
    CHECK(error({"--poll", "10"}) ==
          "--poll applies to --data with an http:// or https:// URL to follow");
    CHECK(error({"--data", "plan.json", "--poll", "10"}) ==
          "--poll applies to --data with an http:// or https:// URL to follow");
    CHECK(error({"--data", "http://h:8080", "--poll", "0"}) ==
          "--poll needs a whole number of seconds from 1 to 86400");
    // A file whose name starts like a URL is still a file, written as a path.
    CHECK(parse_command_line({"--data", "./http:plan.json"}).options);
}
