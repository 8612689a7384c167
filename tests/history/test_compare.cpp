// Baselines, direction of travel, the changes list and the trend: compare.hpp's rules.

#include "dashboard/history/compare.hpp"
#include "history_support.hpp"

#include <doctest/doctest.h>

using namespace history_test;

namespace {

Date d(const char* text) { return *parse_iso_date(text); }

const std::vector<std::string> meetings{"2009-03-10", "2009-05-12", "2009-07-14", "2009-09-15"};

std::vector<std::string> kinds(const std::vector<Change>& changes) {
    std::vector<std::string> out;
    for (const auto& change : changes)
        out.push_back(std::string(to_string(change.kind)) + ":" + change.ref +
                      (change.milestone ? "/" + change.milestone->deadline : ""));
    return out;
}

const Change* find_change(const Comparison& comparison, ChangeKind kind, const std::string& ref) {
    for (const auto& change : comparison.changes) {
        if (change.kind == kind && change.ref == ref)
            return &change;
    }
    return nullptr;
}

// Compares the last version with version `baseline`, at the last version's own reporting date.
Comparison compare_last(const Timeline& timeline, std::size_t baseline) {
    std::size_t last = timeline.versions.size() - 1;
    return compare(timeline, baseline, last, *timeline.versions[last].facts,
                   timeline.versions[baseline].recorded_day);
}

} // namespace

TEST_CASE("since: a version id, a day, or an instant in UTC or with an offset") {
    auto id = parse_since("12");
    REQUIRE(id);
    CHECK(id->kind == Since::Kind::version);
    CHECK(id->id == 12);
    auto day = parse_since("2009-07-07");
    REQUIRE(day);
    CHECK(day->kind == Since::Kind::day);
    CHECK(day->day == d("2009-07-07"));
    auto utc = parse_since("2009-07-07T10:30:00Z");
    REQUIRE(utc);
    CHECK(utc->kind == Since::Kind::time);
    auto expected = Clock::time_point(std::chrono::sys_days(d("2009-07-07")) + std::chrono::hours(10) +
                                      std::chrono::minutes(30));
    CHECK(utc->time == expected);
    auto offset = parse_since("2009-07-07T11:30:00+01:00");
    REQUIRE(offset);
    CHECK(offset->time == expected);
    auto space = parse_since("2009-07-07T11:30:00 01:00"); // '+' read from a URL as a space
    REQUIRE(space);
    CHECK(space->time == expected);
    auto west = parse_since("2009-07-07T05:30:00-05:00");
    REQUIRE(west);
    CHECK(west->time == expected);
    for (const char* bad : {"", "0", "-1", "v12", "2009-02-30", "07/07/2009", "2009-07-07T10:30",
                            "2009-07-07T25:00:00Z", "2009-07-07 10:30:00Z", "2009-07-07T10:30:00+0100",
                            "2009-07-07T10:30:00Zjunk", "9999999999999999999"})
        CHECK_MESSAGE(!parse_since(bad), bad);
}

TEST_CASE("baseline: the latest version recorded on or before the last meeting before the as-of date") {
    std::string plan = plan_text("2009-03-01", {recommendation("1", 1, "in_progress", {})}, meetings);
    Timeline timeline = make_timeline({version(1, "2009-03-01", plan), version(2, "2009-05-12", plan),
                                       version(3, "2009-05-20", plan), version(4, "2009-07-14", plan)});
    SUBCASE("a version recorded on the meeting day counts") {
        BaselineChoice choice = default_baseline(timeline, {d("2009-03-10"), d("2009-05-12")}, d("2009-06-01"));
        REQUIRE(choice.baseline);
        CHECK(timeline.versions[choice.baseline->index].id == 2);
        CHECK(choice.baseline->meeting == d("2009-05-12"));
        CHECK(choice.baseline->label_date == d("2009-05-12"));
    }
    SUBCASE("on the day of a meeting, the last committee is the one before") {
        BaselineChoice choice = default_baseline(timeline, {d("2009-05-12"), d("2009-07-14")}, d("2009-07-14"));
        REQUIRE(choice.baseline);
        CHECK(timeline.versions[choice.baseline->index].id == 2);
    }
    SUBCASE("meetings are taken in date order") {
        BaselineChoice choice = default_baseline(timeline, {d("2009-03-10"), d("2009-07-14")}, d("2009-08-01"));
        REQUIRE(choice.baseline);
        CHECK(timeline.versions[choice.baseline->index].id == 4);
    }
    SUBCASE("no meeting before the as-of date") {
        BaselineChoice choice = default_baseline(timeline, {d("2009-03-10")}, d("2009-03-10"));
        CHECK_FALSE(choice.baseline);
        CHECK(choice.why_none == "the plan lists no committee meeting before 2009-03-10");
    }
    SUBCASE("no meetings at all") {
        BaselineChoice choice = default_baseline(timeline, {}, d("2009-08-01"));
        CHECK_FALSE(choice.baseline);
        CHECK(choice.why_none.find("no committee meetings") != std::string::npos);
    }
    SUBCASE("nothing recorded by the meeting") {
        BaselineChoice choice = default_baseline(timeline, {d("2009-02-01")}, d("2009-08-01"));
        CHECK_FALSE(choice.baseline);
        CHECK(choice.why_none ==
              "no version was recorded by the meeting of 2009-02-01 (the first was recorded on 2009-03-01)");
    }
    SUBCASE("since a version id, an instant or a day") {
        auto by_id = baseline_since(timeline, *parse_since("3"));
        REQUIRE(by_id.baseline);
        CHECK(timeline.versions[by_id.baseline->index].id == 3);
        auto unknown = baseline_since(timeline, *parse_since("9"));
        CHECK(unknown.unknown_version);
        CHECK(unknown.why_none == "there is no recorded version 9");
        // Version 3 was recorded at noon UTC on 20 May: 11:59 sees version 2, 12:00 version 3.
        auto before_noon = baseline_since(timeline, *parse_since("2009-05-20T11:59:59Z"));
        REQUIRE(before_noon.baseline);
        CHECK(timeline.versions[before_noon.baseline->index].id == 2);
        auto at_noon = baseline_since(timeline, *parse_since("2009-05-20T12:00:00Z"));
        REQUIRE(at_noon.baseline);
        CHECK(timeline.versions[at_noon.baseline->index].id == 3);
        auto by_day = baseline_since(timeline, *parse_since("2009-06-30"));
        REQUIRE(by_day.baseline);
        CHECK(timeline.versions[by_day.baseline->index].id == 3);
        CHECK(by_day.baseline->label_date == d("2009-06-30"));
        auto too_early = baseline_since(timeline, *parse_since("2009-01-01"));
        CHECK_FALSE(too_early.baseline);
        CHECK_FALSE(too_early.unknown_version);
    }
}

TEST_CASE("baseline: two versions recorded on the same day are told apart by id or by time") {
    std::string a = plan_text("2009-07-07", {recommendation("1", 1, "in_progress", {})});
    std::string b = plan_text("2009-07-07", {recommendation("1", 1, "compliant", {})});
    Version first = version(1, "2009-07-07", a);
    Version second = version(2, "2009-07-07", b);
    second.recorded_at += std::chrono::hours(3);
    Timeline timeline = make_timeline({first, second});
    auto by_id = baseline_since(timeline, *parse_since("1"));
    REQUIRE(by_id.baseline);
    Comparison comparison = compare_last(timeline, by_id.baseline->index);
    CHECK(kinds(comparison.changes) == std::vector<std::string>{"newly_compliant:1"});
    auto by_time = baseline_since(timeline, *parse_since("2009-07-07T13:00:00Z"));
    REQUIRE(by_time.baseline);
    CHECK(by_time.baseline->index == 0);
    // The day alone names the later one: nothing to compare.
    auto by_day = baseline_since(timeline, *parse_since("2009-07-07"));
    REQUIRE(by_day.baseline);
    CHECK(by_day.baseline->index == 1);
    CHECK(compare_last(timeline, 1).changes.empty());
}

TEST_CASE("direction: compliance compared exactly, RAG by blue > green = none > amber > red") {
    CHECK(compliance_direction({1, 3}, {2, 6}) == Direction::same);
    CHECK(compliance_direction({1, 3}, {2, 5}) == Direction::better);
    CHECK(compliance_direction({2, 5}, {1, 3}) == Direction::worse);
    CHECK(compliance_direction({0, 0}, {0, 4}) == Direction::same);
    CHECK(compliance_direction({0, 0}, {1, 4}) == Direction::better);
    CHECK(rag_direction(Rag::red, Rag::amber) == Direction::better);
    CHECK(rag_direction(Rag::green, Rag::amber) == Direction::worse);
    CHECK(rag_direction(Rag::green, Rag::none) == Direction::same);
    CHECK(rag_direction(Rag::none, Rag::blue) == Direction::better);
    CHECK(rag_direction(Rag::blue, Rag::red) == Direction::worse);
    CHECK(arrow(Direction::better) == "\u25B2");
    CHECK(arrow(Direction::worse) == "\u25BC");
    CHECK(arrow(Direction::same) == "\u25BA");
}

TEST_CASE("direction: labels say the change in points and since when") {
    CHECK(change_label(9.2, d("2009-07-07"), d("2009-09-15")) == "+9 since 7 Jul");
    CHECK(change_label(-3.4, d("2009-07-07"), d("2009-09-15")) == "-3 since 7 Jul");
    CHECK(change_label(0.4, d("2009-07-07"), d("2009-09-15")) == "+0.4 since 7 Jul");
    CHECK(change_label(0.0, d("2009-07-07"), d("2009-09-15")) == "no change since 7 Jul");
    CHECK(change_label(12.5, d("2008-12-09"), d("2009-03-10")) == "+13 since 9 Dec 2008");
}

TEST_CASE("direction: each chapter's compliance and each recommendation's RAG against the baseline") {
    std::string before = plan_text("2009-07-07", {recommendation("1", 1, "in_progress", {milestone("June 2010")}),
                                                  recommendation("2", 1, "in_progress", {milestone("July 2009")}),
                                                  recommendation("3", 2, "compliant", {})});
    std::string after = plan_text("2009-09-15", {recommendation("1", 1, "compliant", {milestone("June 2010")}),
                                                 recommendation("2", 1, "in_progress", {milestone("July 2009")}),
                                                 recommendation("3", 2, "in_progress", {milestone("May 2010")}),
                                                 recommendation("4", 2, "not_started", {})});
    Timeline timeline = make_timeline({version(1, "2009-07-07", before), version(2, "2009-09-15", after)});
    Comparison comparison = compare_last(timeline, 0);
    CHECK(comparison.overall.before.compliant == 1);
    CHECK(comparison.overall.after.compliant == 1);
    CHECK(comparison.overall.direction == Direction::worse); // 1 of 3 -> 1 of 4
    REQUIRE(comparison.chapters.size() == 2);
    REQUIRE(comparison.chapters[0].compliance);
    CHECK(comparison.chapters[0].compliance->direction == Direction::better); // 0 of 2 -> 1 of 2
    CHECK(comparison.chapters[0].compliance->label == "+50 since 7 Jul");
    CHECK(comparison.chapters[1].compliance->direction == Direction::worse); // 1 of 1 -> 0 of 2
    CHECK(comparison.chapters[1].compliance->label == "-100 since 7 Jul");
    REQUIRE(comparison.recommendations.size() == 4);
    CHECK(comparison.recommendations[0].direction == Direction::better); // green -> blue
    CHECK(comparison.recommendations[1].baseline_rag == Rag::amber);     // July 2009 at 7 Jul
    CHECK(comparison.recommendations[1].rag == Rag::red);                // at 15 Sep
    CHECK(comparison.recommendations[1].direction == Direction::worse);
    CHECK(comparison.recommendations[2].direction == Direction::worse); // blue -> green
    CHECK_FALSE(comparison.recommendations[3].direction);               // new
}

TEST_CASE("changes: status, slips with how often they moved, new overdue, additions and removals, exceptions first") {
    auto plan = [](const std::string& as_of, const std::string& status1, const std::string& due2,
                   bool with3, bool with5, const std::string& status4, bool extra_milestone) {
        std::vector<std::string> recs{
            recommendation("1", 1, status1, {milestone("December 2009")}),
            recommendation("2", 1, "in_progress", {milestone(due2, "SSCB", "Train staff")}),
        };
        if (with3)
            recs.push_back(recommendation("3", 2, "in_progress", {milestone("March 2010")}));
        std::vector<std::string> four{milestone("August 2009")};
        if (extra_milestone)
            four.push_back(milestone("April 2010"));
        recs.push_back(recommendation("4", 2, status4, four));
        if (with5)
            recs.push_back(recommendation("5", 2, "not_started", {milestone("May 2010")}));
        return plan_text(as_of, recs, meetings);
    };
    // v1 (baseline): 2 due June; v2: slips to July; v3: slips to October, 1 compliant, 3 removed,
    // 5 added, 4 not started with a new milestone; its August milestone is overdue by 15 Sep.
    Timeline timeline = make_timeline({
        version(1, "2009-05-01", plan("2009-05-01", "in_progress", "June 2009", true, false, "in_progress", false)),
        version(2, "2009-07-01", plan("2009-07-01", "in_progress", "July 2009", true, false, "in_progress", false)),
        version(3, "2009-09-15", plan("2009-09-15", "compliant", "October 2009", false, true, "not_started", true)),
    });
    Comparison comparison = compare_last(timeline, 0);
    CHECK(kinds(comparison.changes) == std::vector<std::string>{
                                           "newly_overdue:4/August 2009",
                                           "slipped:2/October 2009",
                                           "status_changed:4",
                                           "recommendation_removed:3",
                                           "recommendation_added:5",
                                           "milestone_added:4/April 2010",
                                           "newly_compliant:1",
                                       });
    const Change* slip = find_change(comparison, ChangeKind::slipped, "2");
    REQUIRE(slip);
    CHECK(slip->exception);
    CHECK(slip->deadline_from == "June 2009");
    CHECK(slip->deadline_to == "October 2009");
    CHECK(slip->due_from == d("2009-06-30"));
    CHECK(slip->due_to == d("2009-10-31"));
    CHECK(slip->times_moved == 2);
    CHECK(timeline.versions[slip->first_seen].id == 3);
    CHECK(describe(*slip, d("2009-09-15")) ==
          "2 \u00B7 \u201CJune 2009\u201D slipped: 30 Jun \u2192 31 Oct (now \u201COctober 2009\u201D), moved 2 times");
    const Change* status = find_change(comparison, ChangeKind::status_changed, "4");
    REQUIRE(status);
    CHECK(status->exception);
    CHECK(status->status_from == Status::in_progress);
    CHECK(status->status_to == Status::not_started);
    const Change* compliant = find_change(comparison, ChangeKind::newly_compliant, "1");
    REQUIRE(compliant);
    CHECK_FALSE(compliant->exception);
    CHECK(timeline.versions[compliant->first_seen].id == 3);
    // The removed recommendation is not repeated milestone by milestone.
    CHECK_FALSE(find_change(comparison, ChangeKind::milestone_removed, "3"));
    // Since version 2 the slip has moved once since then, twice in all.
    Comparison since_two = compare_last(timeline, 1);
    const Change* later_slip = find_change(since_two, ChangeKind::slipped, "2");
    REQUIRE(later_slip);
    CHECK(later_slip->deadline_from == "July 2009");
    CHECK(later_slip->times_moved == 2);
}

TEST_CASE("changes: first seen is the version since which a change has held") {
    std::string in_progress = plan_text("2009-05-01", {recommendation("1", 1, "in_progress", {})});
    std::string compliant = plan_text("2009-05-01", {recommendation("1", 1, "compliant", {})});
    // Compliant in v2, back in progress in v3, compliant again in v4 and v5: first seen in v4.
    Timeline timeline = make_timeline({version(1, "2009-05-01", in_progress), version(2, "2009-06-01", compliant),
                                       version(3, "2009-07-01", in_progress), version(4, "2009-08-01", compliant),
                                       version(5, "2009-09-01", compliant)});
    Comparison comparison = compare_last(timeline, 0);
    REQUIRE(comparison.changes.size() == 1);
    CHECK(timeline.versions[comparison.changes[0].first_seen].id == 4);
}

TEST_CASE("changes: a milestone falls overdue at the next as-of date with no edit at all") {
    std::string text = plan_text("2009-07-07", {recommendation("1", 1, "in_progress", {milestone("August 2009"),
                                                                                       milestone("Ongoing")})},
                                 meetings);
    Timeline timeline = make_timeline({version(1, "2009-07-07", text), version(2, "2009-07-08", text)});
    // The same plan viewed at 15 September: "August 2009" is overdue; "Ongoing" never is.
    VersionFacts later = facts_at(text, d("2009-09-15"));
    Comparison comparison = compare(timeline, 0, 1, later, d("2009-07-14"));
    CHECK(kinds(comparison.changes) == std::vector<std::string>{"newly_overdue:1/August 2009"});
    CHECK(comparison.changes[0].first_seen == 1); // held only now
    CHECK(comparison.recommendations[0].direction == Direction::worse);
    CHECK(describe(comparison.changes[0], d("2009-09-15")) ==
          "1 \u00B7 \u201CAugust 2009\u201D is overdue (due 31 Aug)");
}

TEST_CASE("changes: rescheduled, brought forward, completed and removed milestones") {
    auto plan = [](const std::vector<std::string>& milestones) {
        return plan_text("2009-07-07", {recommendation("1", 1, "in_progress", milestones),
                                        recommendation("2", 1, "in_progress", {milestone("May 2010")})});
    };
    std::string before = plan({milestone("June 2010", "", "A"), milestone("July 2010", "", "B"),
                               milestone("August 2010", "", "C"), milestone("TBC", "", "D"),
                               milestone("September 2010", "", "E"), milestone("October 2010", "", "F", true)});
    std::string after = plan({milestone("To be confirmed", "", "A"), milestone("May 2010", "", "B"),
                              milestone("August 2010", "", "C", true), milestone("November 2010", "", "D")});
    Timeline timeline = make_timeline({version(1, "2009-07-07", before), version(2, "2009-07-08", after)});
    Comparison comparison = compare_last(timeline, 0);
    CHECK(kinds(comparison.changes) == std::vector<std::string>{
                                           "rescheduled:1/To be confirmed",
                                           "milestone_removed:1/September 2010",
                                           "rescheduled:1/November 2010",
                                           "milestone_removed:1/October 2010",
                                           "brought_forward:1/May 2010",
                                           "milestone_completed:1/August 2010",
                                       });
    CHECK(comparison.changes[0].exception);  // lost its date
    CHECK(comparison.changes[1].exception);  // an open milestone went
    CHECK_FALSE(comparison.changes[2].exception);
    CHECK_FALSE(comparison.changes[3].exception); // it was done
}

TEST_CASE("changes: an unchanged plan has none, and its directions are all the same") {
    std::string text = plan_text("2009-07-07", {recommendation("1", 1, "in_progress", {milestone("June 2010")})});
    Timeline timeline = make_timeline({version(1, "2009-07-01", text), version(2, "2009-07-07", text)});
    Comparison comparison = compare_last(timeline, 0);
    CHECK(comparison.changes.empty());
    CHECK(comparison.overall.direction == Direction::same);
    CHECK(comparison.overall.label == "no change since 1 Jul");
    CHECK(comparison.recommendations[0].direction == Direction::same);
}

TEST_CASE("paging: full pages in order, the least pressing left out past the budget") {
    ChangePages pages = page_changes(11, 4, 2);
    REQUIRE(pages.pages.size() == 2);
    CHECK(pages.pages[0] == std::pair<std::size_t, std::size_t>{0, 4});
    CHECK(pages.pages[1] == std::pair<std::size_t, std::size_t>{4, 8});
    CHECK(pages.left_out == 3);
    ChangePages few = page_changes(5, 4, 3);
    REQUIRE(few.pages.size() == 2);
    CHECK(few.pages[1] == std::pair<std::size_t, std::size_t>{4, 5});
    CHECK(few.left_out == 0);
    CHECK(page_changes(0, 4, 3).pages.empty());
    CHECK(page_changes(3, 0, 1).pages.size() == 1); // a page holds at least one row
}

TEST_CASE("trend: one point per version, each at its own reporting date") {
    Timeline timeline = make_timeline({
        version(1, "2009-05-01", plan_text("2009-05-01", {recommendation("1", 1, "in_progress", {milestone("June 2009")}),
                                                          recommendation("2", 2, "in_progress", {})})),
        version(2, "2009-07-07", plan_text("2009-07-07", {recommendation("1", 1, "in_progress", {milestone("June 2009")}),
                                                          recommendation("2", 2, "compliant", {})})),
    });
    std::vector<TrendPoint> points = trend(timeline);
    REQUIRE(points.size() == 2);
    CHECK(points[0].compliance.percent() == 0.0);
    CHECK(points[0].overdue == 0);
    CHECK(points[1].compliance.percent() == 50.0);
    CHECK(points[1].overdue == 1);
    REQUIRE(points[1].chapters.size() == 2);
    CHECK(points[1].chapters[1].first == 2);
    CHECK(points[1].chapters[1].second.compliant == 1);
}
