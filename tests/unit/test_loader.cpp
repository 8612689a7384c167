#include "dashboard/core/loader.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

using namespace actionboard;
using testing::read_text;
namespace fs = std::filesystem;

namespace {

const fs::path data_dir = ACTIONBOARD_TEST_DATA_DIR;

bool any_problem_contains(const LoadResult& result, const std::string& needle) {
    for (const auto& problem : result.problems) {
        if (format_problem(problem).find(needle) != std::string::npos)
            return true;
    }
    return false;
}

std::string all_problems(const LoadResult& result) {
    std::string text;
    for (const auto& problem : result.problems)
        text += format_problem(problem) + "\n";
    return text;
}

} // namespace

TEST_CASE("the minimal valid plan loads completely") {
    LoadResult result = load_plan_file((data_dir / "valid/minimal.json").string());
    INFO(all_problems(result));
    REQUIRE(result.ok());
    CHECK(result.problems.empty());
    const Plan& plan = *result.plan;
    CHECK(plan.info.title == "Minimal plan");
    CHECK(plan.info.as_of == make_date(2010, 1, 15));
    CHECK(plan.info.amber_days == 30);
    REQUIRE(plan.chapters.size() == 2);
    REQUIRE(plan.recommendations.size() == 2);
    const Recommendation& second = plan.recommendations[1];
    CHECK(second.status == Status::compliant);
    CHECK(second.addressed_to == Audience::national);
    REQUIRE(second.text.size() == 2);
    CHECK(second.text[1].items == std::vector<std::string>{"a", "b"});
    CHECK(second.local_response_see == "1");
    CHECK(plan.effective_local_response(second).at(0).paragraph == "We will do it.");
    CHECK_FALSE(second.government_deadline);
    const Recommendation& first = plan.recommendations[0];
    REQUIRE(first.milestones.size() == 2);
    CHECK(first.milestones[0].lead == "SSCB");
    CHECK_FALSE(first.milestones[1].lead);
}

TEST_CASE("every broken plan in tests/data/broken is refused with its expected error") {
    std::ifstream manifest(data_dir / "broken/expected.tsv");
    REQUIRE(manifest);
    std::string line;
    int cases = 0;
    std::set<std::string> listed;
    while (std::getline(manifest, line)) {
        if (line.empty() || line[0] == '#')
            continue;
        auto tab = line.find('\t');
        REQUIRE(tab != std::string::npos);
        std::string file = line.substr(0, tab), expected = line.substr(tab + 1);
        listed.insert(file);
        CAPTURE(file);
        LoadResult result = load_plan_file((data_dir / "broken" / file).string());
        INFO(all_problems(result));
        CHECK_FALSE(result.ok());
        CHECK_FALSE(result.plan.has_value()); // never half-loaded
        CHECK(any_problem_contains(result, expected));
        ++cases;
    }
    CHECK(cases >= 25);
    // Every file in the folder is in the manifest, so none goes untested.
    for (const auto& entry : fs::directory_iterator(data_dir / "broken")) {
        if (entry.path().extension() == ".json")
            CHECK(listed.count(entry.path().filename().string()) == 1);
    }
}

TEST_CASE("syntax errors give line and column") {
    LoadResult result = parse_plan("{\n  \"format\": \"actionboard-plan/1\",\n  \"plan\": {,\n}\n");
    REQUIRE(result.problems.size() == 1);
    CHECK(result.problems[0].line == 3);
    CHECK(result.problems[0].column == 12);
    CHECK(format_problem(result.problems[0]).rfind("line 3, column 12: ", 0) == 0);
}

TEST_CASE("every problem is reported, not just the first") {
    std::string text = read_text(data_dir / "valid/minimal.json");
    auto replace = [&text](const std::string& from, const std::string& to) {
        auto at = text.find(from);
        REQUIRE(at != std::string::npos);
        text.replace(at, from.size(), to);
    };
    replace("\"title\": \"Minimal plan\"", "\"title\": \"\"");
    replace("\"as_of\": \"2010-01-15\"", "\"as_of\": \"2010-01-32\"");
    replace("\"status\": \"in_progress\"", "\"status\": \"finished\"");
    replace("\"ref\": 2", "\"ref\": 1");
    LoadResult result = parse_plan(text);
    INFO(all_problems(result));
    CHECK_FALSE(result.ok());
    CHECK(result.problems.size() == 4);
    CHECK(any_problem_contains(result, "/plan/title: must not be empty"));
    CHECK(any_problem_contains(result, "/plan/as_of:"));
    CHECK(any_problem_contains(result, "/recommendations/0/status:"));
    CHECK(any_problem_contains(result, "/recommendations/1/ref: duplicate ref 1"));
}

TEST_CASE("a deadline naming a day that does not exist is an error at its pointer") {
    std::string minimal = read_text(data_dir / "valid/minimal.json");
    auto with = [&minimal](const std::string& from, const std::string& to) {
        std::string text = minimal;
        auto at = text.find(from);
        REQUIRE(at != std::string::npos);
        text.replace(at, from.size(), to);
        return parse_plan(text);
    };
    // The new user's spreadsheet cell, and every numeric form the deadline reader takes.
    const std::pair<const char*, const char*> cases[] = {
        {"32/13/2009", "\"32/13/2009\" is not a date: there is no month 13"},
        {"31/04/2010", "\"31/04/2010\" is not a date: April has 30 days"},
        {"29/02/2009", "\"29/02/2009\" is not a date: February 2009 has 28 days"},
        {"31/04/10", "\"31/04/10\" is not a date: April has 30 days"},
        {"31.04.2010", "\"31.04.2010\" is not a date: April has 30 days"},
        {"2010-13-01", "\"2010-13-01\" is not a date: there is no month 13"},
        {"2010-02-30", "\"2010-02-30\" is not a date: February has at most 29 days"},
        {"by 31 April 2010", "\"31 April 2010\" is not a date: April has 30 days"},
    };
    for (const auto& [deadline, message] : cases) {
        CAPTURE(deadline);
        LoadResult result =
            with("\"deadline\": \"March 2010\"", "\"deadline\": \"" + std::string(deadline) + "\"");
        INFO(all_problems(result));
        CHECK_FALSE(result.ok());
        REQUIRE(result.problems.size() == 1);
        CHECK(result.problems[0].pointer == "/recommendations/0/milestones/1/deadline");
        CHECK(format_problem(result.problems[0]) ==
              "/recommendations/0/milestones/1/deadline: " + std::string(message));
    }
    LoadResult government =
        with("\"government_deadline\": \"Ongoing\"", "\"government_deadline\": \"By 31/09/2010\"");
    CHECK(any_problem_contains(government, "/recommendations/0/government_deadline: \"31/09/2010\" "
                                           "is not a date: September has 30 days"));
    // Real days, and texts with no day, load as before.
    for (const char* deadline : {"29/02/2012", "31/03/2010", "2010-03-31", "TBC", "Q2 09/10"}) {
        CAPTURE(deadline);
        LoadResult result =
            with("\"deadline\": \"March 2010\"", "\"deadline\": \"" + std::string(deadline) + "\"");
        CHECK_MESSAGE(result.ok(), all_problems(result));
    }
}

TEST_CASE("problem lists are bounded") {
    std::string recs;
    for (int i = 0; i < 500; ++i)
        recs += std::string(i ? "," : "") + "{\"ref\": \"bad\"}";
    std::string text =
        "{\"format\": \"actionboard-plan/1\", \"plan\": {\"id\": \"x\", \"title\": \"x\", "
        "\"authority\": \"x\", \"version\": \"1\", \"as_of\": \"2010-01-01\"}, "
        "\"chapters\": [{\"number\": 1, \"title\": \"c\"}], \"recommendations\": [" +
        recs + "]}";
    LoadLimits limits;
    limits.max_problems = 50;
    LoadResult result = parse_plan(text, limits);
    CHECK(result.problems.size() == 51);
    CHECK(result.problems.back().message.find("more problems") != std::string::npos);
}

TEST_CASE("a UTF-8 byte order mark is accepted") {
    std::string text = "\xEF\xBB\xBF" + read_text(data_dir / "valid/minimal.json");
    LoadResult result = parse_plan(text);
    INFO(all_problems(result));
    CHECK(result.ok());
}

TEST_CASE("size and depth limits") {
    std::string text = read_text(data_dir / "valid/minimal.json");
    LoadLimits small;
    small.max_bytes = 100;
    LoadResult too_big = parse_plan(text, small);
    CHECK_FALSE(too_big.ok());
    CHECK(any_problem_contains(too_big, "over the limit of 100 bytes"));

    std::string deep = std::string(100000, '[') + std::string(100000, ']');
    LoadResult too_deep = parse_plan(deep);
    CHECK_FALSE(too_deep.ok());
    CHECK(any_problem_contains(too_deep, "nesting is deeper than 64 levels"));

    testing::ScratchDir dir;
    fs::path big = dir.path / "big.json";
    std::ofstream(big) << std::string(2000, ' ') << text;
    LoadResult file_too_big = load_plan_file(big.string(), small);
    CHECK(any_problem_contains(file_too_big, "over the limit of 100 bytes"));
}

TEST_CASE("files that are not regular files are refused without blocking") {
    testing::ScratchDir dir;
    LoadResult missing = load_plan_file((dir.path / "absent.json").string());
    CHECK(any_problem_contains(missing, "No such file or directory"));

    LoadResult directory = load_plan_file(dir.path.string());
    CHECK(any_problem_contains(directory, "is a directory"));

    fs::path fifo = dir.path / "fifo.json";
    REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
    LoadResult from_fifo = load_plan_file(fifo.string()); // must return, not wait for a writer
    CHECK(any_problem_contains(from_fifo, "not a regular file"));

    fs::path loop_a = dir.path / "a.json", loop_b = dir.path / "b.json";
    fs::create_symlink(loop_b, loop_a);
    fs::create_symlink(loop_a, loop_b);
    LoadResult loop = load_plan_file(loop_a.string());
    CHECK_FALSE(loop.ok());
    CHECK(any_problem_contains(loop, "symbolic links"));

    if (geteuid() != 0) { // root reads anything
        fs::path locked = dir.path / "locked.json";
        std::ofstream(locked) << "{}";
        fs::permissions(locked, fs::perms::none);
        CHECK(any_problem_contains(load_plan_file(locked.string()), "Permission denied"));
    }
}

TEST_CASE("content hash is stable and sensitive") {
    CHECK(content_hash("") == "cbf29ce484222325");
    CHECK(content_hash("abc") == content_hash("abc"));
    CHECK(content_hash("abc") != content_hash("abd"));
    CHECK(content_hash("abc").size() == 16);
}

TEST_CASE("plan.meetings: ISO dates in any order, sorted, bad and repeated dates are refused") {
    std::string base = read_text(data_dir / "valid/minimal.json");
    auto with_meetings = [&](const std::string& list) {
        std::string text = base;
        text.replace(text.find("\"amber_days\": 30"), 16,
                     "\"amber_days\": 30, \"meetings\": " + list);
        return parse_plan(text);
    };
    SUBCASE("absent: none") {
        LoadResult result = parse_plan(base);
        REQUIRE(result.ok());
        CHECK(result.plan->info.meetings.empty());
    }
    SUBCASE("given out of order: ascending") {
        LoadResult result = with_meetings("[\"2009-09-15\", \"2009-03-10\", \"2009-07-14\"]");
        INFO(all_problems(result));
        REQUIRE(result.ok());
        CHECK(result.plan->info.meetings == std::vector<Date>{make_date(2009, 3, 10),
                                                              make_date(2009, 7, 14),
                                                              make_date(2009, 9, 15)});
    }
    SUBCASE("not a calendar day") {
        LoadResult result = with_meetings("[\"2009-07-14\", \"2009-02-30\"]");
        CHECK_FALSE(result.ok());
        CHECK(any_problem_contains(result, "/plan/meetings/1: \"2009-02-30\" is not a date"));
    }
    SUBCASE("UK order and numbers are refused") {
        LoadResult result = with_meetings("[\"14/07/2009\", 20090714]");
        CHECK_FALSE(result.ok());
        CHECK(any_problem_contains(result, "/plan/meetings/0:"));
        CHECK(any_problem_contains(
            result, "/plan/meetings/1: must be a date written YYYY-MM-DD, not an integer"));
    }
    SUBCASE("the same meeting twice") {
        LoadResult result = with_meetings("[\"2009-07-14\", \"2009-09-15\", \"2009-07-14\"]");
        CHECK_FALSE(result.ok());
        CHECK(any_problem_contains(
            result,
            "/plan/meetings/2: meeting 2009-07-14 is listed twice (also at /plan/meetings/0)"));
    }
    SUBCASE("not an array") {
        LoadResult result = with_meetings("\"2009-07-14\"");
        CHECK_FALSE(result.ok());
        CHECK(any_problem_contains(result, "/plan/meetings"));
    }
}
