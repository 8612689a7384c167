// Hostile and broken plan files: each is refused with a clear error, by the loader and by a live
// reload (the last good plan stays), with bounded memory and time; a huge valid plan loads.

#include "dashboard/core/live_plan.hpp"
#include "dashboard/core/view.hpp"
#include "dashboard/spreadsheet/source.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

using namespace actionboard;
using testing::read_text;
namespace fs = std::filesystem;

namespace {

const fs::path data_dir = ACTIONBOARD_TEST_DATA_DIR;

// A valid plan with `count` recommendations, written compactly (the optional keys left out),
// every tenth with a milestone.
std::string big_plan(int count) {
    std::string text = R"({"format":"actionboard-plan/1","plan":{"id":"big","title":"Big","authority":"A","version":"1","as_of":"2010-01-01"},"chapters":[{"number":1,"title":"One"}],"recommendations":[)";
    text.reserve(std::size_t(count) * 190 + 400);
    for (int i = 1; i <= count; ++i) {
        if (i > 1)
            text += ',';
        text += R"({"ref":)" + std::to_string(i) +
                R"(,"chapter":1,"text":["T"],"addressed_to":"local","local_response":["A"],)";
        if (i % 10 == 0)
            text += R"("milestones":[{"deadline":"June 2010","lead":"SSCB"}],)";
        text += R"("status":"in_progress","status_reason":"r"})";
    }
    return text + "]}";
}

} // namespace

TEST_CASE("every broken plan is refused by a live reload, and the last good plan stays") {
    testing::ScratchDir scratch;
    fs::path file = scratch.path / "plan.json";
    std::string valid = read_text(data_dir / "valid/minimal.json");
    std::ofstream(file, std::ios::binary) << valid;
    LivePlanOptions options;
    options.path = file.string();
    options.log = [](const std::string&) {};
    LivePlan live(options);
    REQUIRE(live.load_initial().ok());
    auto good = live.current();
    int refused = 0;
    auto when = fs::last_write_time(file);
    for (const auto& entry : fs::directory_iterator(data_dir / "broken")) {
        if (entry.path().extension() != ".json")
            continue;
        CAPTURE(entry.path().filename().string());
        fs::copy_file(entry.path(), file, fs::copy_options::overwrite_existing);
        when += std::chrono::seconds(1);
        fs::last_write_time(file, when);
        live.poll();
        live.poll();
        CHECK(live.state()->degraded);
        CHECK_FALSE(live.state()->last_error.empty());
        CHECK(live.current() == good);
        // Restore between files, so each one is a fresh refusal.
        std::ofstream(file, std::ios::binary | std::ios::trunc) << valid;
        when += std::chrono::seconds(1);
        fs::last_write_time(file, when);
        live.poll();
        live.poll();
        CHECK_FALSE(live.state()->degraded);
        ++refused;
    }
    CHECK(refused >= 30);
    CHECK(live.current() == good);
}

TEST_CASE("a 50 MB file is refused before it is read") {
    testing::ScratchDir scratch;
    fs::path file = scratch.path / "huge.json";
    {
        std::ofstream out(file, std::ios::binary);
        std::string block(1 << 20, ' ');
        for (int i = 0; i < 50; ++i)
            out << block;
    }
    LoadResult result = load_plan_file(file.string());
    CHECK_FALSE(result.ok());
    REQUIRE(result.problems.size() == 1);
    CHECK(result.problems[0].message.find("over the limit of 16777216 bytes") != std::string::npos);
}

TEST_CASE("100,000 recommendations load within the size limit and compute") {
    std::string text = big_plan(100000);
    REQUIRE(text.size() < 16u * 1024 * 1024);
    LoadResult result = parse_plan(text);
    REQUIRE(result.ok());
    CHECK(result.plan->recommendations.size() == 100000);
    PlanView view = compute_view(*result.plan, make_date(2010, 6, 15), 30);
    CHECK(view.overall.recommendations == 100000);
    CHECK(view.overall.due_soon == 10000); // "June 2010" is due 30 June: within 30 days
    CHECK(view.by_lead.at("SSCB").milestones == 10000);
    CHECK(view.overall.by_rag[int(Rag::amber)] == 10000);
}

TEST_CASE("refs past the limit, NaN and 64-bit overflow are errors, not crashes") {
    // Numbers with a fraction or an exponent lose their meaning; a 19-digit integer is over
    // the 16 characters a ref may have.
    for (std::string ref : {"1e400", "18446744073709551616", "1.0", "9223372036854775807"}) {
        CAPTURE(ref);
        std::string text = big_plan(1);
        text.replace(text.find(R"("ref":1)"), 7, R"("ref":)" + ref);
        LoadResult result = parse_plan(text);
        CHECK_FALSE(result.ok());
        CHECK_FALSE(result.problems.empty());
    }
}

// [SECTION] Spreadsheets: broken and hostile workbooks and CSV files
// tests/data/spreadsheets/hostile (make_hostile.py) holds a zip bomb, entity expansion, a
// million rows, files that are not workbooks, torn and damaged ones; expected.tsv says what each
// refusal must say. Each is refused at once, by --check's loader and by a live reload.

namespace {

LoadResult load_spreadsheet(const fs::path& file) {
    return spreadsheet::parse_plan_source(read_text(file), file.string(),
                                          std::chrono::system_clock::now());
}

} // namespace

TEST_CASE("every hostile spreadsheet is refused with its message, and a reload keeps the plan") {
    fs::path dir = data_dir / "spreadsheets/hostile";
    std::ifstream table(dir / "expected.tsv");
    std::string line;
    int checked = 0;

    testing::ScratchDir scratch;
    LivePlanOptions options;
    options.log = [](const std::string&) {};
    options.parse = [](std::string_view bytes, const std::string& path,
                       std::chrono::system_clock::time_point modified, const LoadLimits& limits) {
        return spreadsheet::parse_plan_source(bytes, path, modified, limits);
    };
    fs::path watched_xlsx = scratch.path / "plan.xlsx";
    fs::path watched_csv = scratch.path / "plan.csv";
    fs::copy_file(data_dir / "spreadsheets/council.xlsx", watched_xlsx);
    fs::copy_file(data_dir / "spreadsheets/council-semicolon.csv", watched_csv);
    options.path = watched_xlsx.string();
    LivePlan live_xlsx(options);
    options.path = watched_csv.string();
    LivePlan live_csv(options);
    REQUIRE(live_xlsx.load_initial().ok());
    REQUIRE(live_csv.load_initial().ok());
    auto good_xlsx = live_xlsx.current();
    auto good_csv = live_csv.current();

    while (std::getline(table, line)) {
        if (line.empty() || line[0] == '#')
            continue;
        auto tab = line.find('\t');
        REQUIRE(tab != std::string::npos);
        std::string name = line.substr(0, tab), expected = line.substr(tab + 1);
        CAPTURE(name);
        auto started = std::chrono::steady_clock::now();
        LoadResult result = load_spreadsheet(dir / name);
        auto took = std::chrono::steady_clock::now() - started;
        CHECK(took < std::chrono::seconds(5)); // a hang guard, not a timing
        REQUIRE_FALSE(result.ok());
        REQUIRE_FALSE(result.problems.empty());
        CHECK_MESSAGE(format_problem(result.problems[0]).find(expected) != std::string::npos,
                      format_problem(result.problems[0]));

        bool csv = fs::path(name).extension() == ".csv";
        LivePlan& live = csv ? live_csv : live_xlsx;
        fs::path watched = csv ? watched_csv : watched_xlsx;
        fs::copy_file(dir / name, watched, fs::copy_options::overwrite_existing);
        fs::last_write_time(watched, fs::last_write_time(watched) + std::chrono::seconds(2));
        live.poll();
        live.poll();
        CHECK(live.state()->degraded);
        CHECK(live.state()->last_error.find(expected) != std::string::npos);
        CHECK(live.current() == (csv ? good_csv : good_xlsx));
        ++checked;
    }
    CHECK(checked >= 20);
}

TEST_CASE("a CSV file of a million rows is refused at the row limit") {
    std::string text = "Ref,Recommendation,Status\n";
    text.reserve(8u << 20);
    for (int i = 0; i < 1000000; ++i)
        text += "1,x,Done\n";
    LoadResult result =
        spreadsheet::parse_plan_source(text, "big.csv", std::chrono::system_clock::now());
    REQUIRE_FALSE(result.ok());
    CHECK(format_problem(result.problems[0]).find("more than 50000 rows") != std::string::npos);
}

TEST_CASE("every cut of a workbook is refused, never half-loaded") {
    std::string whole = read_text(data_dir / "spreadsheets/word-table.xlsx");
    int refused = 0;
    for (std::size_t size = 0; size < whole.size(); size += 97) {
        LoadResult result = spreadsheet::parse_plan_source(whole.substr(0, size), "cut.xlsx",
                                                           std::chrono::system_clock::now());
        CHECK_FALSE(result.ok());
        refused += !result.ok();
    }
    CHECK(refused > 50);
    CHECK(
        spreadsheet::parse_plan_source(whole, "whole.xlsx", std::chrono::system_clock::now()).ok());
}
