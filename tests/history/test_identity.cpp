// Which milestone is which across two versions: the matching rule of identity.hpp and its edge
// cases (docs/history.md, "Telling milestones apart").

#include "dashboard/history/identity.hpp"
#include "history_support.hpp"

#include <doctest/doctest.h>

using namespace history_test;

namespace {

// The "deadline" text of the milestone of `after` matched to each milestone of `before`
// ("-" when none).
std::vector<std::string> partners(const VersionFacts& before, const VersionFacts& after) {
    MilestoneMatch match = match_milestones(before, after);
    std::vector<std::string> out;
    for (const auto& partner : match.after_of_before)
        out.push_back(partner ? after.milestones[*partner].deadline : "-");
    return out;
}

std::string one_rec(const std::vector<std::string>& milestones, const std::string& ref = "1") {
    return plan_text("2009-07-07", {recommendation(ref, 1, "in_progress", milestones)});
}

} // namespace

TEST_CASE("identity: an unchanged plan matches every milestone to itself, both ways") {
    std::string text = one_rec({milestone("June 2009", "SSCB", "Train staff"), milestone("July 2009"),
                                milestone("July 2009")});
    VersionFacts a = facts(text), b = facts(text);
    MilestoneMatch match = match_milestones(a, b);
    for (std::size_t i = 0; i < a.milestones.size(); ++i) {
        CHECK(match.after_of_before[i] == i);
        CHECK(match.before_of_after[i] == i);
    }
}

TEST_CASE("identity: a changed deadline with the same action is the same milestone (a slip)") {
    VersionFacts before = facts(one_rec({milestone("June 2009", "SSCB", "Train staff"),
                                         milestone("July 2009", "", "Audit files")}));
    // The row's entries are also reordered: the action decides, not the position.
    VersionFacts after = facts(one_rec({milestone("August 2009", "", "Audit files"),
                                        milestone("September 2009", "SSCB", "Train staff")}));
    CHECK(partners(before, after) == std::vector<std::string>{"September 2009", "August 2009"});
}

TEST_CASE("identity: with no action, a changed deadline keeps its place among the unchanged") {
    VersionFacts before = facts(one_rec({milestone("June 2009"), milestone("July 2009"), milestone("October 2009")}));
    VersionFacts after = facts(one_rec({milestone("June 2009"), milestone("December 2009"), milestone("October 2009")}));
    CHECK(partners(before, after) == std::vector<std::string>{"June 2009", "December 2009", "October 2009"});
}

TEST_CASE("identity: a milestone inserted first does not shift the others") {
    VersionFacts before = facts(one_rec({milestone("June 2009"), milestone("July 2009")}));
    VersionFacts after = facts(one_rec({milestone("May 2009"), milestone("June 2009"), milestone("July 2009")}));
    MilestoneMatch match = match_milestones(before, after);
    CHECK(partners(before, after) == std::vector<std::string>{"June 2009", "July 2009"});
    CHECK_FALSE(match.before_of_after[0]); // "May 2009" is new
}

TEST_CASE("identity: a milestone removed from the middle leaves the others matched") {
    VersionFacts before = facts(one_rec({milestone("June 2009"), milestone("July 2009"), milestone("August 2009")}));
    VersionFacts after = facts(one_rec({milestone("June 2009"), milestone("August 2009")}));
    CHECK(partners(before, after) == std::vector<std::string>{"June 2009", "-", "August 2009"});
}

TEST_CASE("identity: the same text twice in a row pairs in order") {
    VersionFacts before = facts(one_rec({milestone("July 2009"), milestone("July 2009", "SSCB")}));
    VersionFacts after = facts(one_rec({milestone("July 2009"), milestone("July 2009", "SSCB")}));
    MilestoneMatch match = match_milestones(before, after);
    CHECK(match.after_of_before[0] == 0);
    CHECK(match.after_of_before[1] == 1);
}

TEST_CASE("identity: a text with two dates gives two milestones, paired by position") {
    VersionFacts before = facts(one_rec({milestone("June 2009 December 2009")}));
    VersionFacts after = facts(one_rec({milestone("June 2009 March 2010")}));
    REQUIRE(before.milestones.size() == 2);
    REQUIRE(after.milestones.size() == 2);
    MilestoneMatch match = match_milestones(before, after);
    CHECK(match.after_of_before[0] == 0);
    CHECK(match.after_of_before[1] == 1);
    CHECK(*after.milestones[1].due > *before.milestones[1].due);
    // One date fewer: the second reading has no partner.
    VersionFacts shorter = facts(one_rec({milestone("June 2009")}));
    MilestoneMatch less = match_milestones(before, shorter);
    CHECK(less.after_of_before[0] == 0);
    CHECK_FALSE(less.after_of_before[1]);
}

TEST_CASE("identity: refs match ignoring letter case, a renumbered ref is another recommendation") {
    VersionFacts before = facts(one_rec({milestone("June 2009")}, "3a"));
    CHECK(partners(before, facts(one_rec({milestone("June 2009")}, "3A"))) == std::vector<std::string>{"June 2009"});
    CHECK(partners(before, facts(one_rec({milestone("June 2009")}, "3b"))) == std::vector<std::string>{"-"});
}

TEST_CASE("identity: a milestone moved from the recommendation's row to a part is removed and added") {
    VersionFacts before = facts(plan_text("2009-07-07", {recommendation("2", 1, "in_progress", {milestone("June 2009")},
                                                                        {{"a", {}}})}));
    VersionFacts after = facts(plan_text("2009-07-07", {recommendation("2", 1, "in_progress", {},
                                                                       {{"a", {milestone("June 2009")}}})}));
    CHECK(partners(before, after) == std::vector<std::string>{"-"});
}

TEST_CASE("identity: parts are rows of their own, the same text in two parts stays apart") {
    std::string text = plan_text("2009-07-07", {recommendation("2", 1, "in_progress", {},
                                                               {{"a", {milestone("July 2009")}},
                                                                {"b", {milestone("July 2009")}}})});
    std::string slipped = plan_text("2009-07-07", {recommendation("2", 1, "in_progress", {},
                                                                  {{"a", {milestone("July 2009")}},
                                                                   {"b", {milestone("October 2009")}}})});
    VersionFacts before = facts(text), after = facts(slipped);
    MilestoneMatch match = match_milestones(before, after);
    REQUIRE(match.after_of_before[0]);
    CHECK(after.milestones[*match.after_of_before[0]].part == "a");
    REQUIRE(match.after_of_before[1]);
    CHECK(after.milestones[*match.after_of_before[1]].part == "b");
    CHECK(after.milestones[*match.after_of_before[1]].deadline == "October 2009");
}

TEST_CASE("identity: a new lead with the same words and action is the same milestone") {
    VersionFacts before = facts(one_rec({milestone("June 2009", "SSCB", "Train staff"), milestone("July 2009")}));
    VersionFacts after = facts(one_rec({milestone("July 2009"), milestone("June 2009", "LSCB", "Train staff")}));
    CHECK(partners(before, after) == std::vector<std::string>{"June 2009", "July 2009"});
}

TEST_CASE("identity: the timeline follows a milestone through versions as its deadline moves") {
    std::vector<Version> versions{
        version(3, "2009-09-01", one_rec({milestone("October 2009"), milestone("May 2009")})),
        version(1, "2009-03-01", one_rec({milestone("June 2009"), milestone("May 2009")})),
        version(2, "2009-05-01", one_rec({milestone("August 2009"), milestone("May 2009")})),
    };
    Timeline timeline = make_timeline(versions);
    REQUIRE(timeline.versions.size() == 3);
    CHECK(timeline.versions[0].id == 1); // ordered by recording time, not by id
    CHECK(timeline.versions[2].id == 3);
    CHECK(timeline.lineage[0][0] == timeline.lineage[1][0]);
    CHECK(timeline.lineage[1][0] == timeline.lineage[2][0]);
    CHECK(timeline.lineage[0][1] == timeline.lineage[2][1]);
    CHECK(timeline.lineage[0][0] != timeline.lineage[0][1]);
    CHECK(timeline.find(2, timeline.lineage[0][0]) == 0u);
    CHECK(timeline.index_of_id(2) == 1u);
    CHECK_FALSE(timeline.index_of_id(9));
    CHECK(timeline.latest_with_hash(versions[0].hash) == 2u);
}
