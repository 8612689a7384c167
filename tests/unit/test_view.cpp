#include "dashboard/core/embedded_plan.hpp"
#include "dashboard/core/loader.hpp"
#include "dashboard/core/view.hpp"

#include <doctest/doctest.h>

using namespace actionboard;

namespace {

DeadlineReading dated(Date due) {
    DeadlineReading reading;
    reading.kind = MilestoneKind::dated;
    reading.due = due;
    return reading;
}

Rag rag_on(Date due, Date as_of, int amber_days = 30) {
    return milestone_rag(dated(due), false, false, as_of, amber_days);
}

// A plan with two chapters; `recs` is the JSON of its recommendations.
Plan plan_with(const std::string& recs, const std::string& as_of = "2009-07-07") {
    std::string text = R"({"format": "actionboard-plan/1",
        "plan": {"id": "t", "title": "T", "authority": "A", "version": "1", "as_of": ")" +
                       as_of + R"(", "amber_days": 30},
        "chapters": [{"number": 1, "title": "One", "local_position": ["Here."]},
                     {"number": 2, "title": "Two", "local_position": ["There."]}],
        "recommendations": [)" +
                       recs + "]}";
    LoadResult result = parse_plan(text);
    for (const auto& problem : result.problems)
        FAIL_CHECK(format_problem(problem));
    REQUIRE(result.ok());
    return *result.plan;
}

std::string rec(int ref, int chapter, const std::string& status, const std::string& milestones,
                const std::string& audience = "local",
                const std::string& response = R"(["Act."])") {
    return R"({"ref": )" + std::to_string(ref) + R"(, "chapter": )" + std::to_string(chapter) +
           R"(, "text": ["T"], "addressed_to": ")" + audience +
           R"(", "government_response": [], "government_deadline": null, "local_response": )" +
           response + R"(, "milestones": [)" + milestones + R"(], "status": ")" + status +
           R"(", "status_reason": "r"})";
}

std::string milestone(const std::string& deadline, const std::string& lead = "null",
                      bool complete = false) {
    return R"({"deadline": ")" + deadline + R"(", "lead": )" + lead +
           (complete ? R"(, "complete": true})" : "}");
}

} // namespace

TEST_CASE("milestone RAG at the boundaries") {
    Date due = make_date(2009, 7, 31);
    CHECK(rag_on(due, make_date(2009, 8, 1)) == Rag::red);    // the day after the due date
    CHECK(rag_on(due, make_date(2009, 7, 31)) == Rag::amber); // due today: still met
    CHECK(rag_on(due, make_date(2009, 7, 1)) == Rag::amber);  // 30 days ahead: first amber day
    CHECK(rag_on(due, make_date(2009, 6, 30)) == Rag::green); // 31 days ahead
    CHECK(rag_on(due, make_date(2009, 7, 30), 0) == Rag::green);
    CHECK(rag_on(due, make_date(2009, 7, 31), 0) == Rag::amber);
    CHECK(rag_on(due, make_date(2009, 8, 1), 0) == Rag::red);
}

TEST_CASE("milestone RAG across a leap day") {
    Date leap_day = make_date(2012, 2, 29);
    CHECK(rag_on(leap_day, make_date(2012, 2, 29)) == Rag::amber);
    CHECK(rag_on(leap_day, make_date(2012, 3, 1)) == Rag::red);
    CHECK(rag_on(leap_day, make_date(2012, 1, 30)) == Rag::amber); // 30 days including 29 Feb
    CHECK(rag_on(leap_day, make_date(2012, 1, 29)) == Rag::green);
}

TEST_CASE("complete and compliant milestones are blue, undated ones none") {
    Date as_of = make_date(2009, 7, 7);
    CHECK(milestone_rag(dated(make_date(2009, 1, 31)), true, false, as_of, 30) == Rag::blue);
    CHECK(milestone_rag(dated(make_date(2009, 1, 31)), false, true, as_of, 30) == Rag::blue);
    DeadlineReading ongoing;
    ongoing.kind = MilestoneKind::ongoing;
    DeadlineReading unscheduled;
    CHECK(milestone_rag(ongoing, false, false, as_of, 30) == Rag::none);
    CHECK(milestone_rag(unscheduled, false, false, as_of, 30) == Rag::none);
    CHECK(milestone_rag(unscheduled, false, true, as_of, 30) == Rag::blue);
}

TEST_CASE("severity orders red, amber, green, none, blue") {
    CHECK(worse(Rag::red, Rag::amber) == Rag::red);
    CHECK(worse(Rag::green, Rag::amber) == Rag::amber);
    CHECK(worse(Rag::none, Rag::green) == Rag::green);
    CHECK(worse(Rag::blue, Rag::none) == Rag::none);
    CHECK(parse_rag("amber") == Rag::amber);
    CHECK_FALSE(parse_rag("purple"));
}

TEST_CASE("recommendation RAG is the worst open milestone") {
    Plan plan = plan_with(
        rec(1, 1, "in_progress", milestone("June 2009") + "," + milestone("December 2009")) + "," +
        rec(2, 1, "in_progress", milestone("July 2009") + "," + milestone("December 2009")) + "," +
        rec(3, 1, "in_progress", milestone("December 2009")) + "," +
        rec(4, 1, "compliant", milestone("January 2009")) + "," +
        rec(5, 2, "in_progress", milestone("Ongoing") + "," + milestone("TBC")) + "," +
        rec(6, 2, "in_progress",
            milestone("January 2009", "null", true) + "," + milestone("December 2009")) +
        "," + rec(7, 2, "in_progress", milestone("January 2009", "null", true)) + "," +
        rec(8, 2, "awaiting_national", ""));
    PlanView view = compute_view(plan, make_date(2009, 7, 7), 30);
    REQUIRE(view.recommendations.size() == 8);
    CHECK(view.find("1")->rag == Rag::red);
    CHECK(view.find("2")->rag == Rag::amber);
    CHECK(view.find("3")->rag == Rag::green);
    CHECK(view.find("4")->rag == Rag::blue);  // compliant
    CHECK(view.find("5")->rag == Rag::none);  // nothing dated
    CHECK(view.find("6")->rag == Rag::green); // the complete one no longer counts
    CHECK(view.find("7")->rag == Rag::blue);  // every dated milestone complete
    CHECK(view.find("8")->rag == Rag::none);
    // The next milestone is the earliest open one, overdue included.
    const RecommendationView* first = view.find("1");
    REQUIRE(first->next);
    CHECK(format_iso(*view.milestones[*first->next].reading.due) == "2009-06-30");
    CHECK_FALSE(view.find("5")->next);
    CHECK_FALSE(view.find("7")->next);
}

TEST_CASE("the same plan rated at another date") {
    Plan plan = plan_with(rec(1, 1, "in_progress", milestone("December 2009")));
    CHECK(compute_view(plan, make_date(2009, 7, 7), 30).find("1")->rag == Rag::green);
    CHECK(compute_view(plan, make_date(2009, 12, 1), 30).find("1")->rag == Rag::amber);
    CHECK(compute_view(plan, make_date(2010, 1, 1), 30).find("1")->rag == Rag::red);
    CHECK(compute_view(plan, make_date(2009, 11, 30), 0).find("1")->rag == Rag::green);
}

TEST_CASE("roll-ups per chapter and overall") {
    Plan plan = plan_with(
        rec(1, 1, "compliant", "") + "," +
        rec(2, 1, "in_progress", milestone("June 2009", "\"SSCB\""), "national") + "," +
        rec(3, 2, "awaiting_national",
            milestone("July 2009", "\"SSCB\"") + "," + milestone("JL TO PROVIDE TIMESCALE")) +
        "," + rec(4, 2, "not_started", "", "national", "[]"));
    PlanView view = compute_view(plan, make_date(2009, 7, 7), 30);

    const Counts& all = view.overall;
    CHECK(all.recommendations == 4);
    CHECK(all.compliant() == 1);
    CHECK(all.compliance_percent() == doctest::Approx(25.0));
    CHECK(all.by_status[int(Status::in_progress)] == 1);
    CHECK(all.by_status[int(Status::awaiting_national)] == 1);
    CHECK(all.by_status[int(Status::not_started)] == 1);
    CHECK(all.by_rag[int(Rag::blue)] == 1);
    CHECK(all.by_rag[int(Rag::red)] == 1);
    CHECK(all.by_rag[int(Rag::amber)] == 1);
    CHECK(all.by_rag[int(Rag::none)] == 1);
    CHECK(all.national == 2);
    CHECK(all.local == 2);
    CHECK(all.milestones == 3);
    CHECK(all.overdue == 1);
    CHECK(all.due_soon == 1);
    CHECK(all.unscheduled == 1);
    CHECK(all.worst == Rag::red);
    // Findings: rec 3's unreadable deadline (no timescale, no lead), rec 4 has nothing.
    CHECK(all.no_timescale == 2);
    CHECK(all.no_lead == 1);

    REQUIRE(view.chapters.size() == 2);
    const Counts& one = view.chapters[0].counts;
    CHECK(one.recommendations == 2);
    CHECK(one.compliance_percent() == doctest::Approx(50.0));
    CHECK(one.overdue == 1);
    CHECK(one.worst == Rag::red);
    const Counts& two = view.chapters[1].counts;
    CHECK(two.recommendations == 2);
    CHECK(two.due_soon == 1);
    CHECK(two.worst == Rag::amber);
    CHECK(two.no_timescale == 2);

    REQUIRE(view.by_lead.count("SSCB"));
    CHECK(view.by_lead.at("SSCB").milestones == 2);
    CHECK(view.by_lead.at("SSCB").overdue == 1);
    CHECK(view.by_lead.at("SSCB").due_soon == 1);
    CHECK(view.by_lead.at("").milestones == 1);
}

TEST_CASE("a chapter is blue only when all of it is complete") {
    Plan plan = plan_with(rec(1, 1, "compliant", "") + "," + rec(2, 1, "awaiting_national", "") +
                          "," + rec(3, 2, "compliant", ""));
    PlanView view = compute_view(plan, make_date(2009, 7, 7), 30);
    CHECK(view.chapters[0].counts.worst == Rag::none);
    CHECK(view.chapters[1].counts.worst == Rag::blue);
}

TEST_CASE("missing timescales are not reported for compliant or shared responses") {
    Plan plan = plan_with(rec(1, 1, "compliant", "") + "," + rec(2, 1, "in_progress", "") + "," +
                          rec(3, 1, "in_progress", "", "local", R"({"see": 2})"));
    PlanView view = compute_view(plan, make_date(2009, 7, 7), 30);
    REQUIRE(view.findings.size() == 1);
    CHECK(view.findings[0].ref == "2");
    CHECK(view.findings[0].kind == FindingKind::no_timescale);
}

TEST_CASE("government deadlines are read but do not drive the local RAG") {
    std::string r = R"({"ref": 1, "chapter": 1, "text": ["T"], "addressed_to": "national",
        "government_response": [], "government_deadline": "by January 2009\nOngoing",
        "local_response": ["Await."], "milestones": [], "status": "awaiting_national",
        "status_reason": "r"})";
    PlanView view = compute_view(plan_with(r), make_date(2009, 7, 7), 30);
    REQUIRE(view.government_deadlines.size() == 2);
    CHECK(view.government_deadlines[0].reading.kind == MilestoneKind::dated);
    CHECK(view.government_deadlines[1].reading.kind == MilestoneKind::ongoing);
    CHECK(view.find("1")->rag == Rag::none);
    CHECK(view.overall.overdue == 0);
}

// Each recommendation's view lists exactly its own Government deadlines and findings, in the
// view's order: the feed builds a record from them without scanning the plan's lists.
TEST_CASE("a recommendation's view indexes its own Government deadlines and findings") {
    for (const char* name : {"laming", "council-refs", "minimal"}) {
        CAPTURE(name);
        Plan plan = std::string(name) == "laming"
                        ? *parse_plan(embedded_plan_json()).plan
                        : *load_plan_file(std::string(ACTIONBOARD_TEST_DATA_DIR) + "/valid/" +
                                          name + ".json")
                               .plan;
        PlanView view = compute_view(plan, plan.info.as_of, plan.info.amber_days);
        REQUIRE(view.recommendations.size() == plan.recommendations.size());
        std::size_t deadlines = 0, findings = 0;
        for (std::size_t i = 0; i < plan.recommendations.size(); ++i) {
            const std::string& ref = plan.recommendations[i].ref;
            std::vector<std::size_t> want_deadlines, want_findings;
            for (std::size_t d = 0; d < view.government_deadlines.size(); ++d)
                if (view.government_deadlines[d].ref == ref)
                    want_deadlines.push_back(d);
            for (std::size_t f = 0; f < view.findings.size(); ++f)
                if (view.findings[f].ref == ref)
                    want_findings.push_back(f);
            CHECK(view.recommendations[i].government_deadlines == want_deadlines);
            CHECK(view.recommendations[i].findings == want_findings);
            deadlines += want_deadlines.size();
            findings += want_findings.size();
        }
        if (std::string(name) == "laming") { // the test means something: both lists are used
            CHECK(deadlines > 10);
            CHECK(findings > 0);
        }
    }
}
