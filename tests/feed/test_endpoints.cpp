// Every endpoint and filter over real HTTP, checked against the plan and the view computed by
// core directly (the feed must show what core computes).

#include "dashboard/core/embedded_plan.hpp"
#include "dashboard/core/view.hpp"
#include "dashboard/feed/encoding.hpp"
#include "dashboard/feed/shapes.hpp"
#include "feed_fixture.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

using namespace feed_test;
using namespace actionboard;

namespace {

Plan laming() {
    auto result = parse_plan(embedded_plan_json());
    REQUIRE(result.ok());
    return *result.plan;
}

std::set<std::string> refs_of(const json& list) {
    std::set<std::string> refs;
    for (const auto& item : list["recommendations"])
        refs.insert(item["ref"].get<std::string>());
    REQUIRE(list["count"].get<std::size_t>() == refs.size());
    return refs;
}

std::set<std::string> refs_where(const Plan& plan,
                                 const std::function<bool(const Recommendation&)>& keep) {
    std::set<std::string> refs;
    for (const auto& rec : plan.recommendations) {
        if (keep(rec))
            refs.insert(rec.ref);
    }
    return refs;
}

// RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
    std::vector<std::vector<std::string>> rows(1);
    std::string field;
    bool quoted = false, in_quotes = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (in_quotes) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                in_quotes = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            REQUIRE_MESSAGE(field.empty(), "a quote inside an unquoted field");
            in_quotes = quoted = true;
        } else if (c == ',') {
            rows.back().push_back(field);
            field.clear();
            quoted = false;
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            rows.back().push_back(field);
            field.clear();
            quoted = false;
            rows.emplace_back();
            ++i;
        } else {
            REQUIRE_MESSAGE((c != '\n' && c != '\r'), "a bare line break outside quotes");
            field += c;
        }
    }
    REQUIRE_FALSE(in_quotes);
    if (!field.empty() || quoted)
        rows.back().push_back(field);
    if (rows.back().empty())
        rows.pop_back();
    return rows;
}

} // namespace

TEST_CASE("the index lists every endpoint, and each one answers") {
    TempDir dir;
    FeedOptions options;
    options.history_file = (dir.path / "history.sqlite3").string();
    Feed feed(options);
    json index = feed.get_json("/");
    std::set<std::string> listed;
    for (const auto& endpoint : index["endpoints"])
        listed.insert(endpoint["path"].get<std::string>());
    std::set<std::string> expected = {"/",
                                      "/api/v1/summary",
                                      "/api/v1/chapters",
                                      "/api/v1/chapters/{n}",
                                      "/api/v1/recommendations",
                                      "/api/v1/recommendations/{ref}",
                                      "/api/v1/recommendations.csv",
                                      "/api/v1/deadlines",
                                      "/api/v1/quality",
                                      "/api/v1/plan",
                                      "/api/v1/history",
                                      "/api/v1/changes",
                                      "/api/v1/trend",
                                      "/api/v1/openapi.json",
                                      "/api/v1/source",
                                      "/healthz",
                                      "/metrics"};
    CHECK(listed == expected);
    for (const std::string& listed_path : listed) {
        std::string path = listed_path.substr(0, listed_path.find('{'));
        if (path.size() != listed_path.size())
            path += "1"; // {n} or {ref}
        auto result = feed.get(path);
        REQUIRE(result);
        CHECK_MESSAGE(result->status == 200, path);
        std::string type = result->get_header_value("Content-Type");
        CHECK_MESSAGE(type.find("charset=utf-8") != std::string::npos, path << ": " << type);
    }
}

TEST_CASE("/api/v1/summary: plan metadata, totals and chapters as core computes them") {
    Feed feed;
    Plan plan = laming();
    PlanView view = compute_view(plan, plan.info.as_of, plan.info.amber_days);
    json summary = feed.get_json("/api/v1/summary");

    CHECK(summary["plan"]["title"] == plan.info.title);
    CHECK(summary["plan"]["authority"] == plan.info.authority);
    CHECK(summary["plan"]["version"] == plan.info.version);
    CHECK(summary["plan"]["as_of"] == "2009-07-07");
    CHECK(summary["plan"]["amber_days"] == 30);

    const json& recs = summary["recommendations"];
    CHECK(recs["total"] == 58);
    CHECK(recs["by_status"].size() == 4);
    CHECK(recs["by_status"]["compliant"] == 3);
    CHECK(recs["by_status"]["not_started"] == 3);
    CHECK(recs["by_status"]["awaiting_national"] == 14);
    CHECK(recs["by_status"]["in_progress"] == 38);
    for (int r = 0; r < rag_count; ++r)
        CHECK(recs["by_rag"][std::string(to_string(Rag(r)))] ==
              view.overall.by_rag[std::size_t(r)]);
    CHECK(recs["by_rag"].size() == 5);

    CHECK(summary["milestones"]["overdue"] == view.overall.overdue);
    CHECK(summary["milestones"]["due_soon"] == view.overall.due_soon);
    CHECK(summary["milestones"]["unscheduled"] == view.overall.unscheduled);

    REQUIRE(summary["chapters"].size() == plan.chapters.size());
    for (std::size_t i = 0; i < plan.chapters.size(); ++i) {
        const json& chapter = summary["chapters"][i];
        CHECK(chapter["number"] == plan.chapters[i].number);
        CHECK(chapter["title"] == plan.chapters[i].title);
        CHECK(chapter["recommendations"] == view.chapters[i].counts.recommendations);
        CHECK(chapter["compliant"] == view.chapters[i].counts.compliant());
        CHECK(chapter.contains("compliance_percent"));
        CHECK(chapter["by_rag"].size() == 5);
        CHECK(chapter["local_position"].size() == plan.chapters[i].local_position.size());
    }
}

TEST_CASE("/api/v1/chapters and /api/v1/chapters/{n}") {
    Feed feed;
    Plan plan = laming();
    json chapters = feed.get_json("/api/v1/chapters");
    REQUIRE(chapters["chapters"].size() == plan.chapters.size());
    CHECK(chapters["count"] == plan.chapters.size());

    json third = feed.get_json("/api/v1/chapters/3");
    const Chapter& chapter = *plan.find_chapter(3);
    CHECK(third["number"] == 3);
    CHECK(third["title"] == chapter.title);
    CHECK(third["key_points"].size() == chapter.key_points.size());
    CHECK(third["local_position"].size() == chapter.local_position.size());
    std::set<std::string> refs;
    for (const auto& item : third["recommendations"])
        refs.insert(item["ref"].get<std::string>());
    CHECK(refs == refs_where(plan, [](const Recommendation& rec) { return rec.chapter == 3; }));
    CHECK(third["totals"]["recommendations"]["total"] == refs.size());
    json listed = chapters["chapters"][2];
    listed["as_of"] = "2009-07-07";
    CHECK(third == listed);

    for (std::string missing : {"/api/v1/chapters/99", "/api/v1/chapters/0", "/api/v1/chapters/abc",
                                "/api/v1/chapters/3/", "/api/v1/chapters/-1"}) {
        auto result = feed.get(missing);
        REQUIRE(result);
        CHECK_MESSAGE(result->status == 404, missing);
        CHECK(json::parse(result->body)["error"]["code"] == 404);
    }
}

TEST_CASE("/api/v1/recommendations: every filter, alone and combined with AND") {
    Feed feed;
    Plan plan = laming();
    PlanView view = compute_view(plan, plan.info.as_of, plan.info.amber_days);
    auto rag_of = [&](const Recommendation& rec) { return view.find(rec.ref)->rag; };
    auto has_lead = [&](const Recommendation& rec, const std::string& lead) {
        for (std::size_t m : view.find(rec.ref)->milestones) {
            if (view.milestones[m].lead == lead)
                return true;
        }
        return false;
    };
    auto has_no_lead = [&](const Recommendation& rec) {
        for (std::size_t m : view.find(rec.ref)->milestones) {
            if (!view.milestones[m].lead)
                return true;
        }
        return false;
    };

    CHECK(refs_of(feed.get_json("/api/v1/recommendations")).size() == 58);
    CHECK(refs_of(feed.get_json("/api/v1/recommendations?chapter=2")) ==
          refs_where(plan, [](const Recommendation& rec) { return rec.chapter == 2; }));
    CHECK(refs_of(feed.get_json("/api/v1/recommendations?chapter=2,8")) ==
          refs_where(plan, [](const Recommendation& rec) {
              return rec.chapter == 2 || rec.chapter == 8;
          }));
    CHECK(refs_of(feed.get_json("/api/v1/recommendations?status=compliant")) ==
          std::set<std::string>{"7", "9", "51"});
    CHECK(refs_of(feed.get_json("/api/v1/recommendations?status=not_started,compliant")) ==
          std::set<std::string>{"7", "9", "36", "51", "54", "55"});
    for (std::string rag : {"red", "amber", "green", "blue", "none"}) {
        auto expected = refs_where(
            plan, [&](const Recommendation& rec) { return to_string(rag_of(rec)) == rag; });
        CHECK_MESSAGE(refs_of(feed.get_json("/api/v1/recommendations?rag=" + rag)) == expected,
                      rag);
    }
    auto sscb = refs_where(plan, [&](const Recommendation& rec) { return has_lead(rec, "SSCB"); });
    CHECK_FALSE(sscb.empty());
    CHECK(refs_of(feed.get_json("/api/v1/recommendations?lead=SSCB")) == sscb);
    CHECK(refs_of(feed.get_json("/api/v1/recommendations?lead=sscb")) == sscb);
    CHECK(refs_of(feed.get_json("/api/v1/recommendations?lead=Nobody")).empty());
    // no_lead=true: a milestone with no lead; with lead, either.
    auto no_lead = refs_where(plan, [&](const Recommendation& rec) { return has_no_lead(rec); });
    CHECK(no_lead.size() == 20);
    CHECK(refs_of(feed.get_json("/api/v1/recommendations?no_lead=true")) == no_lead);
    CHECK(refs_of(feed.get_json("/api/v1/recommendations?no_lead=false")).size() == 58);
    auto either = sscb;
    either.insert(no_lead.begin(), no_lead.end());
    CHECK(refs_of(feed.get_json("/api/v1/recommendations?lead=SSCB&no_lead=true")) == either);
    // The slides say 44 national / 14 local; rec 45's wording makes it local (data/README.md).
    CHECK(refs_of(feed.get_json("/api/v1/recommendations?addressed_to=local")).size() == 15);
    CHECK(refs_of(feed.get_json("/api/v1/recommendations?addressed_to=national")).size() == 43);

    // q: any letter case, in the words, responses and milestones.
    auto serious = refs_of(feed.get_json("/api/v1/recommendations?q=serious%20case%20review"));
    CHECK(serious.count("45") == 1);
    CHECK(serious == refs_of(feed.get_json("/api/v1/recommendations?q=SERIOUS%20Case%20REVIEW")));
    CHECK(refs_of(feed.get_json("/api/v1/recommendations?q=JL%20TO%20PROVIDE")).size() >= 1);
    CHECK(refs_of(feed.get_json("/api/v1/recommendations?q=zzzz-not-in-the-plan")).empty());

    // AND across filters.
    CHECK(refs_of(feed.get_json("/api/v1/recommendations?chapter=2&status=compliant")) ==
          std::set<std::string>{"7", "9"});
    CHECK(refs_of(feed.get_json("/api/v1/recommendations?chapter=7&status=compliant")) ==
          std::set<std::string>{"51"});
    auto local_red = refs_where(plan, [&](const Recommendation& rec) {
        return rec.addressed_to == Audience::local && rag_of(rec) == Rag::red;
    });
    CHECK(refs_of(feed.get_json("/api/v1/recommendations?addressed_to=local&rag=red")) ==
          local_red);

    json item = feed.get_json("/api/v1/recommendations?status=compliant")["recommendations"][0];
    for (const char* key :
         {"ref", "chapter", "text", "addressed_to", "status", "rag", "next_milestone", "url"})
        CHECK_MESSAGE(item.contains(key), key);
}

TEST_CASE("/api/v1/recommendations/{ref}: the full record") {
    Feed feed;
    Plan plan = laming();
    json rec = feed.get_json("/api/v1/recommendations/2");
    const Recommendation& source = *plan.find_recommendation("2");
    CHECK(rec["ref"] == "2");
    CHECK(rec["chapter"] == source.chapter);
    CHECK(rec["addressed_to"] == "national");
    CHECK(rec["status"] == to_string(source.status));
    CHECK(rec["text"].size() == source.text.size());
    CHECK(rec["government_response"].size() == source.government_response.size());
    CHECK(rec["parts"].size() == source.parts.size());
    CHECK(rec["parts"].size() == 10);
    REQUIRE_FALSE(rec["milestones"].empty());
    for (const auto& milestone : rec["milestones"]) {
        for (const char* key : {"text", "kind", "due", "lead", "rag"})
            CHECK_MESSAGE(milestone.contains(key), key);
    }
    CHECK(rec["rag"].is_string());

    // A shared response is followed, and the reference kept.
    json eighteen = feed.get_json("/api/v1/recommendations/18");
    json seventeen = feed.get_json("/api/v1/recommendations/17");
    CHECK(eighteen["local_response_see"] == "17");
    CHECK(eighteen["local_response"] == seventeen["local_response"]);
    CHECK_FALSE(eighteen["local_response"].empty());

    auto missing = feed.get("/api/v1/recommendations/999");
    REQUIRE(missing);
    CHECK(missing->status == 404);
    CHECK(json::parse(missing->body)["error"]["message"].get<std::string>().find("999") !=
          std::string::npos);
}

TEST_CASE("/api/v1/deadlines: by due date, overdue first, with from, to and rag") {
    Feed feed;
    json all = feed.get_json("/api/v1/deadlines");
    const json& items = all["deadlines"];
    REQUIRE(items.size() > 10);
    // Overdue first, then dated ones by due date, undated last.
    std::size_t i = 0;
    for (; i < items.size() && items[i]["rag"] == "red"; ++i) {
        if (i > 0)
            CHECK(items[i - 1]["due"].get<std::string>() <= items[i]["due"].get<std::string>());
    }
    CHECK(i > 0);
    std::string previous;
    for (; i < items.size() && !items[i]["due"].is_null(); ++i) {
        CHECK(items[i]["rag"] != "red");
        CHECK(previous <= items[i]["due"].get<std::string>());
        previous = items[i]["due"].get<std::string>();
    }
    for (; i < items.size(); ++i)
        CHECK(items[i]["due"].is_null());

    json window = feed.get_json("/api/v1/deadlines?from=2009-09-01&to=2009-12-31");
    REQUIRE_FALSE(window["deadlines"].empty());
    for (const auto& item : window["deadlines"]) {
        CHECK(item["due"].get<std::string>() >= "2009-09-01");
        CHECK(item["due"].get<std::string>() <= "2009-12-31");
    }
    std::size_t in_window = 0;
    for (const auto& item : items)
        in_window +=
            item["due"].is_string() && item["due"] >= "2009-09-01" && item["due"] <= "2009-12-31";
    CHECK(window["count"] == in_window);

    json amber = feed.get_json("/api/v1/deadlines?rag=amber");
    REQUIRE_FALSE(amber["deadlines"].empty());
    for (const auto& item : amber["deadlines"])
        CHECK(item["rag"] == "amber");
    json red_or_amber = feed.get_json("/api/v1/deadlines?rag=red,amber");
    CHECK(red_or_amber["deadlines"][0]["rag"] == "red");
}

TEST_CASE("/api/v1/quality and /api/v1/plan") {
    Feed feed;
    Plan plan = laming();
    PlanView view = compute_view(plan, plan.info.as_of, plan.info.amber_days);
    json quality = feed.get_json("/api/v1/quality");
    CHECK(quality["findings"].size() == view.findings.size());
    CHECK(quality["totals"]["no_lead"] == view.overall.no_lead);
    CHECK(quality["totals"]["no_timescale"] == view.overall.no_timescale);

    json whole = feed.get_json("/api/v1/plan");
    CHECK(whole["plan"]["title"] == plan.info.title);
    CHECK(whole["plan"]["actions_to_date"].size() == plan.info.actions_to_date.size());
    CHECK(whole["chapters"].size() == plan.chapters.size());
    REQUIRE(whole["recommendations"].size() == 58);
    json single = feed.get_json("/api/v1/recommendations/2");
    single.erase("as_of");
    CHECK(whole["recommendations"][1] == single);
    CHECK(whole["totals"]["milestones"]["total"] == view.overall.milestones);
    CHECK(whole["quality"].size() == view.findings.size());
}

TEST_CASE("as_of computes another date's view and leaves the cached default alone") {
    Feed feed;
    Plan plan = laming();
    auto client = feed.client();
    auto before = client.Get("/api/v1/summary");
    REQUIRE(before);
    std::string etag = before->get_header_value("ETag");

    PlanView december = compute_view(plan, make_date(2009, 12, 1), plan.info.amber_days);
    json later = feed.get_json("/api/v1/summary?as_of=2009-12-01");
    CHECK(later["plan"]["as_of"] == "2009-12-01");
    CHECK(later["plan"]["reporting_date"] == "2009-07-07");
    CHECK(later["milestones"]["overdue"] == december.overall.overdue);
    CHECK(later["milestones"]["overdue"] != json::parse(before->body)["milestones"]["overdue"]);

    // Every /api/v1 endpoint takes it.
    CHECK(feed.get_json("/api/v1/chapters/2?as_of=2009-12-01")["as_of"] == "2009-12-01");
    CHECK(feed.get_json("/api/v1/recommendations?as_of=2009-12-01&rag=red")["count"] ==
          december.overall.by_rag[int(Rag::red)]);
    CHECK(feed.get_json("/api/v1/recommendations/2?as_of=2010-06-01")["as_of"] == "2010-06-01");
    CHECK(feed.get_json("/api/v1/deadlines?as_of=2009-12-01")["deadlines"][0]["days_until_due"] <
          0);
    CHECK(feed.get_json("/api/v1/quality?as_of=2009-12-01")["as_of"] == "2009-12-01");
    CHECK(feed.get_json("/api/v1/plan?as_of=2009-12-01")["plan"]["as_of"] == "2009-12-01");
    auto csv = feed.get("/api/v1/recommendations.csv?as_of=2009-12-01");
    REQUIRE(csv);
    CHECK(csv->status == 200);

    // The default view is untouched: same bytes, same ETag, same date.
    auto after = client.Get("/api/v1/summary");
    REQUIRE(after);
    CHECK(after->get_header_value("ETag") == etag);
    CHECK(after->body == before->body);
    CHECK(feed.live->current()->view.as_of == plan.info.as_of);

    // as_of naming the default date is the default view.
    auto same_day = client.Get("/api/v1/summary?as_of=2009-07-07");
    REQUIRE(same_day);
    CHECK(same_day->get_header_value("ETag") == etag);
}

TEST_CASE("/api/v1/recommendations.csv parses back: BOM, RFC 4180, one row per recommendation") {
    Feed feed;
    Plan plan = laming();
    PlanView view = compute_view(plan, plan.info.as_of, plan.info.amber_days);
    auto result = feed.get("/api/v1/recommendations.csv");
    REQUIRE(result);
    CHECK(result->status == 200);
    CHECK(result->get_header_value("Content-Type") == "text/csv; charset=utf-8");
    CHECK(result->get_header_value("Content-Disposition").find("attachment") != std::string::npos);
    const std::string& body = result->body;
    REQUIRE(body.rfind("\xEF\xBB\xBF", 0) == 0);
    auto rows = parse_csv(body.substr(3));
    REQUIRE(rows.size() == 59);
    const auto& header = rows[0];
    REQUIRE(header.size() == 17);
    CHECK(header[0] == "ref");
    auto column = [&](const std::string& name) {
        return std::size_t(std::find(header.begin(), header.end(), name) - header.begin());
    };
    for (std::size_t i = 0; i < plan.recommendations.size(); ++i) {
        const auto& row = rows[i + 1];
        const Recommendation& rec = plan.recommendations[i];
        const RecommendationView& rec_view = view.recommendations[i];
        REQUIRE(row.size() == header.size());
        CHECK(row[column("ref")] == rec.ref);
        CHECK(row[column("recommendation")] ==
              plain_text(rec.text)); // commas, quotes, line breaks survive
        CHECK(row[column("status")] == to_string(rec.status));
        CHECK(row[column("rag")] == to_string(rec_view.rag));
        CHECK(row[column("status_reason")] == rec.status_reason);
        CHECK(row[column("reported_rag")].empty()); // the Laming plan reports none
        CHECK(row[column("reported_rag_agreement")] == "not_compared");
        if (rec_view.next)
            CHECK(row[column("next_due")] ==
                  format_iso(*view.milestones[*rec_view.next].reading.due));
        else
            CHECK(row[column("next_due")].empty());
    }
    auto filtered = feed.get("/api/v1/recommendations.csv?status=compliant");
    REQUIRE(filtered);
    CHECK(parse_csv(filtered->body.substr(3)).size() == 4);
}

TEST_CASE("the reported RAG in the CSV, the totals and a filter: disagreements by their column") {
    // tests/data/valid/reported-rag.json: refs 1 (reported green, red), 2 (reported red, green)
    // and 7 (reported amber, green) disagree; 6 reports nothing; 5 has no dated milestone.
    FeedOptions options;
    options.plan_file = (data_dir / "valid/reported-rag.json").string();
    Feed feed(options);
    auto result = feed.get("/api/v1/recommendations.csv");
    REQUIRE(result);
    REQUIRE(result->status == 200);
    auto rows = parse_csv(result->body.substr(3));
    REQUIRE(rows.size() == 8);
    const auto& header = rows[0];
    REQUIRE(header.size() == 17);
    CHECK(header[15] == "reported_rag"); // appended: the columns before keep their places
    CHECK(header[16] == "reported_rag_agreement");
    std::map<std::string, std::pair<std::string, std::string>> reported;
    for (std::size_t i = 1; i < rows.size(); ++i)
        reported[rows[i][0]] = {rows[i][15], rows[i][16]};
    CHECK(reported == std::map<std::string, std::pair<std::string, std::string>>{
                          {"1", {"green", "reported_better"}},
                          {"2", {"red", "reported_worse"}},
                          {"3", {"amber", "agree"}},
                          {"4", {"blue", "agree"}},
                          {"5", {"green", "not_compared"}},
                          {"6", {"", "not_compared"}},
                          {"7", {"amber", "reported_worse"}}});

    json totals = feed.get_json("/api/v1/summary")["recommendations"];
    CHECK(totals["reported_rags"] == 6);
    CHECK(totals["reported_rag_disagreements"] == 3);
    CHECK(feed.get_json(
              "/api/v1/chapters/1")["totals"]["recommendations"]["reported_rag_disagreements"] ==
          2);

    // The filter, for the JSON list and the CSV alike.
    CHECK(refs_of(feed.get_json("/api/v1/recommendations?reported_rag_agreement=disagree")) ==
          std::set<std::string>{"1", "2", "7"});
    CHECK(refs_of(feed.get_json(
              "/api/v1/recommendations?reported_rag_agreement=reported_better,agree")) ==
          std::set<std::string>{"1", "3", "4"});
    CHECK(refs_of(feed.get_json(
              "/api/v1/recommendations?reported_rag_agreement=not_compared&chapter=2")) ==
          std::set<std::string>{"5", "6"});
    auto csv = feed.get("/api/v1/recommendations.csv?reported_rag_agreement=reported_worse");
    REQUIRE(csv);
    auto worse = parse_csv(csv->body.substr(3));
    REQUIRE(worse.size() == 3);
    CHECK(worse[1][0] == "2");
    CHECK(worse[2][0] == "7");
    auto bad = feed.get("/api/v1/recommendations?reported_rag_agreement=disagrees");
    REQUIRE(bad);
    CHECK(bad->status == 400);
    CHECK(json::parse(bad->body)["error"]["parameter"] == "reported_rag_agreement");

    // A plan with no reported RAG: none counted, and the column empty.
    Feed laming_feed;
    CHECK(laming_feed.get_json("/api/v1/summary")["recommendations"]["reported_rags"] == 0);
}

TEST_CASE("/api/v1/openapi.json describes every route the feed serves") {
    Feed feed;
    json openapi = feed.get_json("/api/v1/openapi.json");
    CHECK(openapi["openapi"].get<std::string>().rfind("3.", 0) == 0);
    json index = feed.get_json("/");
    std::set<std::string> documented, listed;
    for (const auto& [path, item] : openapi["paths"].items()) {
        documented.insert(path);
        CHECK_MESSAGE(item.contains("get"), path);
    }
    for (const auto& endpoint : index["endpoints"])
        listed.insert(endpoint["path"].get<std::string>());
    CHECK(documented == listed);
    CHECK(openapi["components"]["schemas"].contains("Summary"));
    CHECK(openapi["components"]["schemas"].contains("Error"));
}

TEST_CASE("the index, the OpenAPI document and the server agree on each endpoint's parameters") {
    Feed feed;
    json openapi = feed.get_json("/api/v1/openapi.json");
    json index = feed.get_json("/");
    auto resolve = [&](const json& parameter) {
        if (!parameter.contains("$ref"))
            return parameter;
        std::string pointer = parameter["$ref"].get<std::string>().substr(1); // "#/components/…"
        return openapi.at(json::json_pointer(pointer));
    };
    for (const auto& endpoint : index["endpoints"]) {
        std::string path = endpoint["path"];
        CAPTURE(path);
        std::set<std::string> listed, documented;
        for (const auto& name : endpoint["parameters"])
            listed.insert(name.get<std::string>());
        for (const auto& parameter :
             openapi["paths"][path]["get"].value("parameters", json::array())) {
            json resolved = resolve(parameter);
            if (resolved["in"] == "query")
                documented.insert(resolved["name"].get<std::string>());
        }
        CHECK(listed == documented);
        // The server refuses any other parameter, naming the ones it accepts: the same list.
        std::string concrete = path;
        if (auto at = concrete.find('{'); at != std::string::npos)
            concrete = concrete.substr(0, at) + "1";
        auto refused =
            feed.get(concrete + (concrete.find('?') == std::string::npos ? "?" : "&") + "zzz=1");
        REQUIRE(refused);
        if (!listed.empty()) {
            CHECK(refused->status == 400);
            json error = json::parse(refused->body)["error"];
            for (const std::string& name : listed)
                CHECK(error["accepts"].get<std::string>().find(name) != std::string::npos);
        }
    }
    // The filters added since the index was first written are there.
    for (const auto& endpoint : index["endpoints"]) {
        if (endpoint["path"] == "/api/v1/recommendations" ||
            endpoint["path"] == "/api/v1/recommendations.csv") {
            std::vector<std::string> names = endpoint["parameters"];
            CHECK(std::count(names.begin(), names.end(), "no_lead") == 1);
            CHECK(std::count(names.begin(), names.end(), "reported_rag_agreement") == 1);
        }
    }
}

TEST_CASE("/api/v1/source: the plan's bytes as loaded, under the data version, for followers") {
    TempDir dir;
    fs::path file = dir.path / "plan.json";
    // Spaces and key order a re-serialisation would lose: a follower must get these bytes.
    std::string bytes = read_text(data_dir / "valid/minimal.json") + "\n\n";
    write_text(file, bytes);
    fs::last_write_time(file, fs::file_time_type::clock::now() - std::chrono::hours(72));
    Feed feed({file.string()});
    std::string version = feed.live->current()->data_version;

    auto result = feed.get("/api/v1/source");
    REQUIRE(result);
    CHECK(result->status == 200);
    CHECK(result->body == bytes);
    CHECK(result->get_header_value("ETag") == "\"" + version + "\"");
    CHECK(result->get_header_value("Content-Type") == "application/json; charset=utf-8");
    // Last-Modified: the file's modification time, three days ago (the stale banner's date).
    std::string modified = result->get_header_value("Last-Modified");
    CHECK(modified == feed::http_date(feed.live->current()->data_updated_at));
    CHECK(modified != feed::http_date(std::chrono::system_clock::now()));

    auto again = feed.get("/api/v1/source", {{"If-None-Match", "\"" + version + "\""}});
    REQUIRE(again);
    CHECK(again->status == 304);
    CHECK(again->body.empty());
    auto gzip = feed.get("/api/v1/source", {{"Accept-Encoding", "gzip"}});
    REQUIRE(gzip);
    CHECK(gzip->get_header_value("ETag") == "\"" + version + "-gzip\"");
    CHECK(feed::gzip_decompress(gzip->body) == bytes);
    // as_of changes nothing; the feed stays read-only.
    auto dated = feed.get("/api/v1/source?as_of=2010-06-01");
    REQUIRE(dated);
    CHECK(dated->body == bytes);
    auto post = feed.client().Post("/api/v1/source", "{}", "application/json");
    REQUIRE(post);
    CHECK(post->status == 405);
}

TEST_CASE("/healthz reports the data version, load time, source and no error") {
    Feed feed;
    json health = feed.get_json("/healthz");
    auto snapshot = feed.live->current();
    CHECK(health["status"] == "ok");
    CHECK(health["data_version"] == snapshot->data_version);
    CHECK(health["source"] == "embedded:laming-2009.json");
    CHECK(health["loaded_at"].get<std::string>().size() == 20);
    CHECK(health["last_reload_error"].is_null());
    CHECK(health["reloads"] == 0);
    CHECK(health["stale"] == false); // the embedded plan was loaded just now
    CHECK(health["stale_after_days"] == 14);
}

// The wall's stale-data rule (data_is_stale), and /healthz's report of it, at its boundary.
TEST_CASE("/healthz says stale once the data last changed more than --stale-days ago") {
    Feed feed;
    auto snapshot = feed.live->current();
    ReloadState state;
    auto at = [&](std::chrono::hours after, int days) {
        return feed::health_json(*snapshot, state, nullptr, days,
                                 snapshot->data_updated_at + after);
    };
    CHECK(at(std::chrono::hours(24 * 7), 7)["stale"] == false); // exactly 7 days: not yet
    CHECK(at(std::chrono::hours(24 * 7 + 1), 7)["stale"] == true);
    CHECK(at(std::chrono::hours(24 * 7 + 1), 7)["status"] == "ok"); // never degraded by age
    CHECK(at(std::chrono::hours(24 * 7 + 1), 8)["stale"] == false);
    CHECK(at(std::chrono::hours(24 * 7 + 1), 8)["stale_after_days"] == 8);
}

TEST_CASE("bad parameters give 400 naming the parameter and what it accepts") {
    Feed feed;
    struct Case {
        std::string path;
        std::string parameter;
        std::string accepts_word;
    };
    std::string long_text(300, 'x');
    std::vector<Case> cases = {
        {"/api/v1/summary?as_of=2009-02-30", "as_of", "YYYY-MM-DD"},
        {"/api/v1/summary?as_of=07/07/2009", "as_of", "YYYY-MM-DD"},
        {"/api/v1/summary?as_of=", "as_of", "YYYY-MM-DD"},
        {"/api/v1/recommendations?rag=purple", "rag", "red, amber, green, blue or none"},
        {"/api/v1/recommendations?rag=red,", "rag", "red, amber"},
        {"/api/v1/recommendations?status=done", "status", "compliant, in_progress"},
        {"/api/v1/recommendations?chapter=two", "chapter", "chapter number"},
        {"/api/v1/recommendations?chapter=-1", "chapter", "chapter number"},
        {"/api/v1/recommendations?addressed_to=everyone", "addressed_to", "national or local"},
        {"/api/v1/recommendations?lead=", "lead", "non-empty text"},
        {"/api/v1/recommendations?no_lead=yes", "no_lead", "true or false"},
        {"/api/v1/recommendations?q=" + long_text, "q", "at most 200"},
        {"/api/v1/recommendations?q=%01", "q", "non-empty text"},
        {"/api/v1/recommendations?stauts=compliant", "stauts", "status"},
        {"/api/v1/recommendations?status=compliant&status=in_progress", "status", "single value"},
        {"/api/v1/deadlines?from=2010-01-01&to=2009-01-01", "to", "on or after"},
        {"/api/v1/deadlines?chapter=1", "chapter", "from"},
        {"/api/v1/summary?chapter=1", "chapter", "as_of"},
        {"/healthz?verbose=1", "verbose", "no parameters"},
        {"/?x=1", "x", "no parameters"},
        {"/metrics?as_of=2009-01-01", "as_of", "no parameters"},
    };
    for (const auto& c : cases) {
        auto result = feed.get(c.path);
        REQUIRE(result);
        CHECK_MESSAGE(result->status == 400, c.path);
        CHECK(result->get_header_value("Content-Type") == "application/json; charset=utf-8");
        json error = json::parse(result->body)["error"];
        CHECK(error["code"] == 400);
        CHECK_MESSAGE(error["parameter"] == c.parameter, c.path << " -> " << error.dump());
        CHECK_MESSAGE(error["message"].get<std::string>().find(c.parameter) != std::string::npos,
                      c.path);
        CHECK_MESSAGE(error["accepts"].get<std::string>().find(c.accepts_word) != std::string::npos,
                      c.path << " -> " << error.dump());
    }
}
