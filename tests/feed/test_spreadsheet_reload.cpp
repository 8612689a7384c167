// A workbook watched by the running program, over loopback: a save (a whole new file renamed over
// the old one, as Excel saves) is served within a second; Excel's lock file beside it changes
// nothing; a broken save keeps the last good plan, with the cell named in /healthz; the reported
// RAG is in the feed beside the computed one.

#include "dashboard/spreadsheet/export.hpp"
#include "dashboard/spreadsheet/source.hpp"
#include "feed_fixture.hpp"

#include <thread>

using namespace feed_test;
using namespace actionboard;

namespace {

PlanParser spreadsheet_parser() {
    return [](std::string_view bytes, const std::string& path,
              std::chrono::system_clock::time_point modified, const LoadLimits& limits) {
        return spreadsheet::parse_plan_source(bytes, path, modified, limits);
    };
}

// Copies `from` beside `to` and renames it over `to`: one whole workbook, as Excel saves.
void save_as_excel_does(const fs::path& from, const fs::path& to) {
    fs::path temp = to.parent_path() / "A1B2C3D4.tmp";
    fs::copy_file(from, temp, fs::copy_options::overwrite_existing);
    fs::rename(temp, to);
}

// Polls /healthz until `done` holds; returns how long that took.
template <typename Done> std::chrono::milliseconds wait_for(Feed& feed, Done done) {
    auto start = std::chrono::steady_clock::now();
    auto limit = std::chrono::seconds(5 * time_scale());
    while (std::chrono::steady_clock::now() - start < limit) {
        json health = feed.get_json("/healthz");
        if (done(health))
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                 start);
}

} // namespace

TEST_CASE("a watched workbook: saved, reloaded within a second, broken, kept with the cell named") {
    TempDir dir;
    fs::path file = dir.path / "plan.xlsx";
    fs::path sheets = data_dir / "spreadsheets";
    fs::copy_file(sheets / "council.xlsx", file);
    FeedOptions options;
    options.plan_file = file.string();
    Feed feed(options, spreadsheet_parser());
    feed.live->start_watching();

    json health = feed.get_json("/healthz");
    CHECK(health["status"] == "ok");
    const std::string first_version = health["data_version"];
    CHECK(feed.get_json("/api/v1/summary")["plan"]["title"] ==
          "Anytown Safeguarding Children Partnership");

    // The reported RAG beside the computed one: rec 1 is reported green, its first milestone
    // (31 March 2024) is overdue at the file's date.
    json rec = feed.get_json("/api/v1/recommendations/1");
    CHECK(rec["reported_rag"] == "green");
    CHECK(rec["rag"] == "red");
    CHECK(rec["reported_rag_agreement"] == "reported_better");
    CHECK(feed.get_json("/api/v1/recommendations/5")["reported_rag"].is_null());
    CHECK(feed.get_json("/api/v1/summary")["recommendations"]["reported_rag_disagreements"] >= 1);

    // Excel opens the workbook: its lock file appears beside it, and nothing changes.
    fs::copy_file(sheets / "~$council.xlsx", dir.path / "~$plan.xlsx");
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    CHECK(feed.get_json("/healthz")["status"] == "ok");
    CHECK(feed.get_json("/healthz")["data_version"] == first_version);

    // A save: served within a second.
    save_as_excel_does(sheets / "word-table.xlsx", file);
    auto took = wait_for(feed, [&](const json& h) { return h["data_version"] != first_version; });
    CHECK(took < std::chrono::milliseconds(1000 * time_scale()));
    health = feed.get_json("/healthz");
    CHECK(health["status"] == "ok");
    CHECK(health["reloads"] == 1);
    const std::string second_version = health["data_version"];
    CHECK(feed.get_json("/api/v1/summary")["plan"]["title"] ==
          "Laming response (from the Word table)");

    // A broken save: refused, the last good plan still served, the cell named.
    save_as_excel_does(sheets / "lost-fraction.xlsx", file);
    took = wait_for(feed, [](const json& h) { return h["status"] == "degraded"; });
    CHECK(took < std::chrono::milliseconds(1000 * time_scale()));
    health = feed.get_json("/healthz");
    CHECK(health["status"] == "degraded");
    CHECK(health["data_version"] == second_version);
    REQUIRE(health["last_reload_error"].is_string());
    std::string error = health["last_reload_error"];
    CHECK(error.find("plan.xlsx: Actions!A2: the ref is the number 1.9") != std::string::npos);
    CHECK(feed.get_json("/api/v1/summary")["plan"]["title"] ==
          "Laming response (from the Word table)");

    // Fixed: served again.
    save_as_excel_does(sheets / "council.xlsx", file);
    took = wait_for(feed, [](const json& h) { return h["status"] == "ok"; });
    CHECK(took < std::chrono::milliseconds(1000 * time_scale()));
    CHECK(feed.get_json("/api/v1/summary")["plan"]["title"] ==
          "Anytown Safeguarding Children Partnership");
}
