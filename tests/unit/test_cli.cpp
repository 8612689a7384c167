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
