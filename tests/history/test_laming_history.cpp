// The Laming plan's past and future (tests/data/history: hand-made TEST DATA around the council's
// v1.5): arrows, slips and a trend across five committee meetings, as a committee would see them.

#include "dashboard/history/compare.hpp"
#include "history_support.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace history_test;
namespace fs = std::filesystem;

namespace {

const fs::path data_dir = ACTIONBOARD_TEST_DATA_DIR;

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

const std::vector<fs::path> files{
    data_dir / "history/laming/laming-v1.3-test.json", data_dir / "history/laming/laming-v1.4-test.json",
    ACTIONBOARD_PLAN_FILE, data_dir / "history/laming/laming-v1.6-test.json",
    data_dir / "history/laming/laming-v1.7-test.json"};

// As --history-import records them: each at noon UTC on its reporting date, ids in that order.
Timeline imported() {
    std::vector<Version> versions;
    for (std::size_t i = 0; i < files.size(); ++i) {
        std::string text = read_file(files[i]);
        Version v = version(std::int64_t(i + 1), "2000-01-01", text);
        v.recorded_day = v.facts->reporting_date;
        v.recorded_at = Clock::time_point(std::chrono::sys_days(v.recorded_day) + std::chrono::hours(12));
        v.imported = true;
        versions.push_back(std::move(v));
    }
    return make_timeline(std::move(versions));
}

std::vector<std::string> kinds(const Comparison& comparison) {
    std::vector<std::string> out;
    for (const auto& change : comparison.changes) {
        std::string item(to_string(change.kind));
        item += ':';
        item += change.ref;
        item += change.part;
        out.push_back(item);
    }
    return out;
}

const Change& find(const Comparison& comparison, ChangeKind kind, const std::string& ref) {
    for (const auto& change : comparison.changes) {
        if (change.kind == kind && change.ref == ref)
            return change;
    }
    FAIL("no " << to_string(kind) << " for " << ref);
    throw 0;
}

} // namespace

TEST_CASE("laming history: the test versions are marked as test data, and v1.5 is the council's own") {
    for (std::size_t i = 0; i < files.size(); ++i) {
        Plan plan = parse(read_file(files[i]));
        bool council = files[i] == fs::path(ACTIONBOARD_PLAN_FILE);
        CHECK_MESSAGE((plan.info.id == "laming-2009") == council, files[i]);
        CHECK_MESSAGE((plan.info.title.rfind("[TEST DATA, not the council's] ", 0) == 0) == !council, files[i]);
        CHECK_MESSAGE(plan.info.meetings.empty() == council, files[i]);
        if (!council) {
            CHECK(plan.info.id == "laming-2009-test-history");
            CHECK(plan.info.source.find("Not a document of Sunderland's") != std::string::npos);
            CHECK(plan.info.notes.front().rfind("TEST DATA", 0) == 0);
        }
    }
}

TEST_CASE("laming history: at the December committee, the changes since September, exceptions first") {
    Timeline timeline = imported();
    REQUIRE(timeline.versions.size() == 5);
    const VersionFacts& now = *timeline.versions[4].facts;
    BaselineChoice choice = default_baseline(timeline, now.meetings, now.as_of);
    REQUIRE(choice.baseline);
    CHECK(choice.baseline->meeting == make_date(2009, 9, 29));
    CHECK(timeline.versions[choice.baseline->index].id == 4); // v1.6, recorded 22 September
    Comparison comparison = compare(timeline, choice.baseline->index, 4, now, choice.baseline->label_date);
    CHECK(kinds(comparison) == std::vector<std::string>{
                                   "newly_overdue:2j", "newly_overdue:4", "newly_overdue:17", "newly_overdue:24a",
                                   "newly_overdue:26a", "newly_overdue:26b", "newly_overdue:46",
                                   "slipped:6", "status_changed:36", "rescheduled:23", "milestone_removed:45",
                                   "milestone_completed:52", "newly_compliant:11", "newly_compliant:14"});
    int exceptions = 0;
    for (const auto& change : comparison.changes)
        exceptions += change.exception;
    CHECK(exceptions == 11);
    const Change& slip = find(comparison, ChangeKind::slipped, "6");
    CHECK(slip.deadline_from == "October 2009");
    CHECK(slip.deadline_to == "February 2010");
    CHECK(slip.times_moved == 3); // June (v1.3, v1.4) -> July (v1.5) -> October (v1.6) -> February (v1.7)
    CHECK(describe(slip, now.as_of) ==
          "6 \u00B7 \u201COctober 2009\u201D slipped: 31 Oct \u2192 28 Feb 2010 (now \u201CFebruary 2010\u201D), moved 3 times");
    const Change& removed = find(comparison, ChangeKind::milestone_removed, "45");
    CHECK(removed.due_from == make_date(2009, 9, 30)); // the September date of "Jan/Feb 2010 September 2009"
    CHECK(describe(removed, now.as_of) ==
          "45 \u00B7 milestone \u201CJan/Feb 2010 September 2009\u201D (due 30 Sep) removed");
    // Arrows: overall and chapter 3 better (11 and 14 compliant), recommendation 46 worse.
    CHECK(comparison.overall.direction == Direction::better);
    CHECK(comparison.overall.label == "+3 since 29 Sep");
    REQUIRE(comparison.chapters.size() == 8);
    CHECK(comparison.chapters[2].compliance->direction == Direction::better);
    CHECK(comparison.chapters[2].compliance->label == "+22 since 29 Sep");
    CHECK(comparison.chapters[0].compliance->direction == Direction::same);
    for (const auto& rec : comparison.recommendations) {
        if (rec.ref == "46")
            CHECK(rec.direction == Direction::worse);
        if (rec.ref == "14")
            CHECK(rec.direction == Direction::better);
    }
}

TEST_CASE("laming history: since v1.5, each change is dated by the version it was first seen in") {
    Timeline timeline = imported();
    const VersionFacts& now = *timeline.versions[4].facts;
    Comparison comparison = compare(timeline, 2, 4, now, timeline.versions[2].recorded_day);
    CHECK(comparison.changes.size() == 31);
    CHECK(timeline.versions[find(comparison, ChangeKind::slipped, "10").first_seen].id == 4);
    CHECK(timeline.versions[find(comparison, ChangeKind::newly_compliant, "8").first_seen].id == 4);
    CHECK(timeline.versions[find(comparison, ChangeKind::newly_compliant, "14").first_seen].id == 5);
    CHECK(timeline.versions[find(comparison, ChangeKind::milestone_added, "12").first_seen].id == 4);
    CHECK(find(comparison, ChangeKind::milestone_added, "12").milestone->lead == "PCT");
    // 36 went in progress and back: no change since v1.5 at all.
    for (const auto& change : comparison.changes)
        CHECK(change.ref != "36");
}

TEST_CASE("laming history: the trend across five meetings rises in compliance and in overdue milestones") {
    Timeline timeline = imported();
    std::vector<TrendPoint> points = trend(timeline);
    REQUIRE(points.size() == 5);
    std::vector<int> compliant, overdue;
    for (const auto& point : points) {
        compliant.push_back(point.compliance.compliant);
        overdue.push_back(point.overdue);
    }
    CHECK(compliant == std::vector<int>{1, 2, 3, 4, 6});
    CHECK(overdue == std::vector<int>{1, 1, 4, 17, 22});
    CHECK(timeline.versions[4].facts->meetings.size() == 5);
}
