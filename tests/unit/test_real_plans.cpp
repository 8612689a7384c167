// Plans as councils write them: refs that are not numbers, no national report, one chapter, an
// empty local position. The inputs in tests/data/cases/ are the reported faults.

#include "dashboard/core/check_report.hpp"
#include "dashboard/core/embedded_plan.hpp"
#include "dashboard/core/loader.hpp"
#include "dashboard/core/view.hpp"
#include "test_support.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

using namespace actionboard;
namespace fs = std::filesystem;

namespace {

const fs::path data_dir = ACTIONBOARD_TEST_DATA_DIR;

std::string all_problems(const LoadResult& result) {
    std::string text;
    for (const auto& problem : result.problems)
        text += format_problem(problem) + "\n";
    return text;
}

Plan load(const fs::path& path) {
    LoadResult result = load_plan_file(path.string());
    INFO(all_problems(result));
    REQUIRE(result.ok());
    return *result.plan;
}

std::vector<std::string> refs_of(const Plan& plan) {
    std::vector<std::string> refs;
    for (const auto& rec : plan.recommendations)
        refs.push_back(rec.ref);
    return refs;
}

} // namespace

TEST_CASE("refs 3a, 1.2 and R12 are accepted as strings and found ignoring case") {
    for (auto [file, ref] : {std::pair{"ref-3a.json", "3a"}, std::pair{"ref-1_2.json", "1.2"},
                             std::pair{"ref-R12.json", "R12"}}) {
        CAPTURE(file);
        // The reported files renumber recommendation 1 but keep the second one's {"see": 1}: the
        // ref is now accepted, and the one problem left is that dangling reference.
        LoadResult as_reported = load_plan_file((data_dir / "cases/x1-refs" / file).string());
        REQUIRE(as_reported.problems.size() == 1);
        CHECK(format_problem(as_reported.problems[0]) ==
              "/recommendations/1/local_response/see: refers to recommendation 1, which is not "
              "in the plan");

        // With the reference following the renumbering, the plan loads.
        std::string text = testing::read_text(data_dir / "cases/x1-refs" / file);
        auto see = text.find("\"see\": 1");
        REQUIRE(see != std::string::npos);
        text.replace(see, 8, "\"see\": \"" + std::string(ref) + "\"");
        LoadResult fixed = parse_plan(text);
        INFO(all_problems(fixed));
        REQUIRE(fixed.ok());
        const Plan& plan = *fixed.plan;
        const Recommendation* rec = plan.find_recommendation(ref);
        REQUIRE(rec != nullptr);
        CHECK(rec->ref == ref);
        std::string upper = ref;
        for (char& c : upper)
            c = char(std::toupper(static_cast<unsigned char>(c)));
        CHECK(plan.find_recommendation(upper) == rec);
        const Recommendation* second = plan.find_recommendation("2");
        REQUIRE(second != nullptr);
        CHECK(second->local_response_see == ref);
        CHECK(plan.effective_local_response(*second).at(0).paragraph == "We will do it.");
    }
}

TEST_CASE("a ref typed as the number 1.2 is an error that says why and what to write") {
    LoadResult result = load_plan_file((data_dir / "cases/x1-refs/ref-number-1_2.json").string());
    REQUIRE_FALSE(result.ok());
    REQUIRE(result.problems.size() >= 1);
    CHECK(result.problems[0].pointer == "/recommendations/0/ref");
    CHECK(format_problem(result.problems[0]) ==
          "/recommendations/0/ref: the number 1.2 is not a whole number, and a number can lose "
          "its meaning (1.10 reads back as 1.1); write the ref as a string: \"1.2\"");
}

TEST_CASE("1.10 typed as a number reads back as 1.1 and clashes with ref 1.1") {
    std::string text = R"({"format": "actionboard-plan/1",
        "plan": {"id": "t", "title": "T", "authority": "A", "version": "1", "as_of": "2010-01-01"},
        "chapters": [{"number": 1, "title": "One"}],
        "recommendations": [
          {"ref": "1.1", "chapter": 1, "text": ["A"], "local_response": ["a"], "status": "in_progress", "status_reason": "r"},
          {"ref": 1.10, "chapter": 1, "text": ["B"], "local_response": ["b"], "status": "in_progress", "status_reason": "r"}]})";
    LoadResult result = parse_plan(text);
    REQUIRE_FALSE(result.ok());
    REQUIRE(result.problems.size() == 1);
    CHECK(format_problem(result.problems[0]) ==
          "/recommendations/1/ref: the number 1.10 reads back as 1.1, which loses its meaning, "
          "and clashes with ref 1.1 at /recommendations/0; write the ref as a string: \"1.10\"");
}

TEST_CASE(
    "a plan numbered 3a, 1.2, 1.10, R12, W9, W10 with no national fields loads in natural order") {
    Plan plan = load(data_dir / "valid/council-refs.json");
    // The file lists them out of order; the plan keeps natural order everywhere.
    CHECK(refs_of(plan) == std::vector<std::string>{"1.2", "1.10", "2", "3a", "10", "10a", "10b",
                                                    "11", "R12", "W9", "W10"});
    CHECK_FALSE(plan.answers_national_report());
    for (const auto& rec : plan.recommendations) {
        CAPTURE(rec.ref);
        CHECK_FALSE(rec.addressed_to.has_value());
        CHECK(rec.bodies.empty());
        CHECK(rec.government_response.empty());
        CHECK_FALSE(rec.government_deadline.has_value());
    }
    PlanView view = compute_view(plan, plan.info.as_of, plan.info.amber_days);
    CHECK_FALSE(view.overall.national_split);
    CHECK(view.overall.national == 0);
    CHECK(view.overall.local == 0);
    // Chapters list their recommendations in the same order.
    std::vector<std::string> chapter_one;
    for (std::size_t index : view.chapters[0].recommendations)
        chapter_one.push_back(plan.recommendations[index].ref);
    CHECK(chapter_one == std::vector<std::string>{"1.2", "1.10", "2", "3a", "10", "10a", "10b"});
}

TEST_CASE("--check shows no national/local split for a plan that answers no national report") {
    Plan plan = load(data_dir / "valid/council-refs.json");
    PlanView view = compute_view(plan, plan.info.as_of, plan.info.amber_days);
    LoadResult load_result{plan, {}};
    std::string text = check_report_text({"council-refs.json", &load_result, &view});
    CHECK(text.find("addressed to") == std::string::npos);
    CHECK(text.find("national 0") == std::string::npos);
    // Refs longer than four characters keep the columns aligned: "1.10 " then the column.
    CHECK(text.find("\n  1.10 local ") != std::string::npos);
    std::string json = check_report_json({"council-refs.json", &load_result, &view});
    CHECK(json.find("\"national\": null") != std::string::npos);

    Plan laming = load(fs::path(ACTIONBOARD_TEST_DATA_DIR) / "../../data/laming-2009.json");
    PlanView laming_view = compute_view(laming, laming.info.as_of, laming.info.amber_days);
    LoadResult laming_result{laming, {}};
    CHECK(check_report_text({"laming", &laming_result, &laming_view})
              .find("addressed to: national 43, local 15") != std::string::npos);
}

TEST_CASE("addressed_to is on every recommendation or on none") {
    Plan plan = load(data_dir / "valid/minimal.json");
    CHECK(plan.answers_national_report());
    std::string text = R"({"format": "actionboard-plan/1",
        "plan": {"id": "t", "title": "T", "authority": "A", "version": "1", "as_of": "2010-01-01"},
        "chapters": [{"number": 1, "title": "One"}],
        "recommendations": [
          {"ref": 1, "chapter": 1, "text": ["A"], "addressed_to": "local", "local_response": ["a"], "status": "in_progress", "status_reason": "r"},
          {"ref": 2, "chapter": 1, "text": ["B"], "local_response": ["b"], "status": "in_progress", "status_reason": "r"},
          {"ref": 3, "chapter": 1, "text": ["C"], "local_response": ["c"], "status": "in_progress", "status_reason": "r"}]})";
    LoadResult result = parse_plan(text);
    REQUIRE_FALSE(result.ok());
    REQUIRE(result.problems.size() == 1);
    CHECK(
        format_problem(result.problems[0]) ==
        "/recommendations/1: missing \"addressed_to\", which 1 of the 3 recommendations give (the "
        "first at /recommendations/0); give it on every recommendation or on none");
}

TEST_CASE("an empty local position, [] or [\"\"], is a data-quality finding for its chapter") {
    for (const char* file : {"plan.json", "plan-empty-string.json"}) {
        CAPTURE(file);
        Plan plan = load(data_dir / "cases/x4-empty-local-position" / file);
        PlanView view = compute_view(plan, plan.info.as_of, plan.info.amber_days);
        std::vector<int> chapters;
        for (const auto& finding : view.findings) {
            if (finding.kind == FindingKind::no_local_position) {
                CHECK(finding.ref.empty());
                CHECK(finding.detail == "no local position recorded");
                chapters.push_back(finding.chapter);
            }
        }
        CHECK(view.overall.no_local_position == int(chapters.size()));
        for (const auto& chapter : plan.chapters) {
            CAPTURE(chapter.number);
            bool empty = chapter.local_position.empty();
            bool found =
                std::find(chapters.begin(), chapters.end(), chapter.number) != chapters.end();
            CHECK(empty == found);
            const auto& counts = view.chapters[std::size_t(&chapter - plan.chapters.data())].counts;
            CHECK(counts.no_local_position == (empty ? 1 : 0));
        }
        CHECK_FALSE(chapters.empty());
    }
    // The Laming plan records a local position for every chapter.
    Plan laming = load(fs::path(ACTIONBOARD_TEST_DATA_DIR) / "../../data/laming-2009.json");
    CHECK(compute_view(laming, laming.info.as_of, 30).overall.no_local_position == 0);
}

TEST_CASE("a one-chapter plan with R-numbered refs loads") {
    Plan plan = load(data_dir / "valid/one-chapter.json");
    REQUIRE(plan.chapters.size() == 1);
    CHECK(refs_of(plan) == std::vector<std::string>{"R1", "R2", "R3"});
    CHECK(plan.find_recommendation("r2")->ref == "R2");
}

// The issue's table, as RAG on the wall at the dates it names: each case file holds one milestone.
TEST_CASE("reported deadline cases: kind, due date and RAG at the plan's own as-of date") {
    struct Case {
        const char* file;
        MilestoneKind kind;
        std::optional<Date> due;
        Rag rag;
        int findings; // no_timescale findings
    };
    const Case cases[] = {
        // ISO: overdue on 2010-04-14, red (was grey and "no timescale").
        {"x6-deadline-forms/iso.json", MilestoneKind::dated, make_date(2010, 3, 31), Rag::red, 0},
        // Done: blue, never overdue (was "no timescale").
        {"x6-deadline-forms/complete.json", MilestoneKind::complete, std::nullopt, Rag::blue, 0},
        // w/c 12 April: due Sunday 18 April, so amber on Wednesday 14 April (was red).
        {"x6-deadline-forms/wc.json", MilestoneKind::dated, make_date(2010, 4, 18), Rag::amber, 0},
        // One period to 31 Dec: green on 20 October (was two milestones, one red).
        {"x6-deadline-forms/sept-dec.json", MilestoneKind::dated, make_date(2010, 12, 31),
         Rag::green, 0},
        // One period to 30 June 2008: green on 14 March 2008 (was red).
        {"c14-real-phrases/jan08-june08.json", MilestoneKind::dated, make_date(2008, 6, 30),
         Rag::green, 0},
        {"c14-real-phrases/jan-june-2008.json", MilestoneKind::dated, make_date(2008, 6, 30),
         Rag::green, 0},
    };
    for (const Case& c : cases) {
        CAPTURE(c.file);
        Plan plan = load(data_dir / "cases" / c.file);
        PlanView view = compute_view(plan, plan.info.as_of, plan.info.amber_days);
        REQUIRE(view.milestones.size() == 1);
        const Milestone& milestone = view.milestones[0];
        CHECK(milestone.reading.kind == c.kind);
        CHECK(milestone.reading.due == c.due);
        CHECK(milestone.rag == c.rag);
        CHECK(view.overall.no_timescale == c.findings);
    }
}

TEST_CASE(
    "the deadline forms plan: recurring and done are not 'no timescale', and nothing reads twice") {
    Plan plan = load(data_dir / "cases/x6-deadline-forms/plan.json");
    PlanView view = compute_view(plan, plan.info.as_of, plan.info.amber_days);
    // 16 deadline texts, each one milestone.
    CHECK(view.milestones.size() == 16);
    std::map<std::string, const Milestone*> by_text;
    for (const auto& milestone : view.milestones)
        by_text[milestone.text] = &milestone;
    CHECK(by_text.at("Annually")->reading.kind == MilestoneKind::recurring);
    CHECK(by_text.at("Quarterly")->reading.kind == MilestoneKind::recurring);
    CHECK(by_text.at("Complete")->rag == Rag::blue);
    CHECK(by_text.at("Immediate")->reading.due == make_date(2010, 1, 15)); // the reporting date
    CHECK(by_text.at("Immediate")->rag == Rag::amber);                     // due today
    // end Q2 with no year: Q2 (Jul-Sep) of the financial year 2009/10 that holds 15 Jan 2010.
    CHECK(by_text.at("end Q2")->reading.due == make_date(2009, 9, 30));
    CHECK(by_text.at("end Q2")->rag == Rag::red);
    // Two consecutive years are a UK financial year, as "2010/11" (docs/deadlines.md).
    CHECK(by_text.at("2010-2011")->reading.start == make_date(2010, 4, 1));
    CHECK(by_text.at("2010-2011")->reading.due == make_date(2011, 3, 31));
    CHECK(view.overall.no_timescale == 0);
    CHECK(view.overall.recurring == 2);
    CHECK(view.overall.complete == 1);
}

TEST_CASE("a part's ref as the dashboards write it (2b) names part b of recommendation 2") {
    LoadResult embedded = parse_plan(embedded_plan_json());
    REQUIRE(embedded.ok());
    const Plan& plan = *embedded.plan;
    const Recommendation* two = plan.find_recommendation("2");
    REQUIRE(two);
    REQUIRE(two->parts.size() > 1);
    std::size_t two_at = std::size_t(two - plan.recommendations.data());
    for (std::string written : {"2b", "2B", "2 b", "2.b", "2(b)", "2 (B)"}) {
        CAPTURE(written);
        auto part = plan.find_part_ref(written);
        REQUIRE(part);
        CHECK(part->recommendation == two_at);
        CHECK(two->parts[part->part].label == "b");
    }
    CHECK_FALSE(plan.find_part_ref("2z")); // recommendation 2 has no part z
    CHECK_FALSE(plan.find_part_ref("2"));  // a recommendation, not a part
    CHECK_FALSE(plan.find_part_ref("1b")); // recommendation 1 has no parts
    CHECK_FALSE(plan.find_part_ref("b"));
    CHECK_FALSE(plan.find_part_ref(""));
    // A plan whose own refs look like parts keeps them: "3a" is a recommendation there.
    Plan council = load(data_dir / "valid" / "council-refs.json");
    CHECK(council.find_recommendation("3a"));
    CHECK_FALSE(council.find_part_ref("3a"));
}
