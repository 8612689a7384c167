// The feed serving plans as councils write them: refs that are not numbers, in natural order,
// each at its own URL; no national/local split where the plan answers no national report.

#include "feed_fixture.hpp"

#include <vector>

using feed_test::Feed;
using feed_test::FeedOptions;
using nlohmann::json;

namespace {

const std::string council_plan =
    std::string(ACTIONBOARD_TEST_DATA_DIR) + "/valid/council-refs.json";
const std::vector<std::string> natural_order{"1.2", "1.10", "2",   "3a", "10", "10a",
                                             "10b", "11",   "R12", "W9", "W10"};

std::vector<std::string> refs_in(const json& items) {
    std::vector<std::string> refs;
    for (const auto& item : items)
        refs.push_back(item.is_string() ? item.get<std::string>() : item["ref"].get<std::string>());
    return refs;
}

} // namespace

TEST_CASE("string refs are served in natural order in every list") {
    Feed feed(FeedOptions{council_plan});
    json list = feed.get_json("/api/v1/recommendations");
    CHECK(refs_in(list["recommendations"]) == natural_order);
    json plan = feed.get_json("/api/v1/plan");
    CHECK(refs_in(plan["recommendations"]) == natural_order);
    CHECK(refs_in(plan["chapters"][0]["recommendations"]) ==
          std::vector<std::string>{"1.2", "1.10", "2", "3a", "10", "10a", "10b"});
    json chapter = feed.get_json("/api/v1/chapters/2");
    CHECK(refs_in(chapter["recommendations"]) ==
          std::vector<std::string>{"11", "R12", "W9", "W10"});

    // The CSV too: the ref is the first cell of each row after the header.
    auto csv = feed.get("/api/v1/recommendations.csv");
    REQUIRE(csv);
    std::vector<std::string> rows;
    std::size_t at = csv->body.find('\n') + 1;
    while (at < csv->body.size()) {
        std::size_t comma = csv->body.find(',', at);
        rows.push_back(csv->body.substr(at, comma - at));
        at = csv->body.find("\r\n", comma);
        at = at == std::string::npos ? csv->body.size() : at + 2;
    }
    CHECK(rows == natural_order);
}

TEST_CASE("each ref opens at its URL, percent-decoded and ignoring case") {
    Feed feed(FeedOptions{council_plan});
    for (const auto& ref : natural_order) {
        CAPTURE(ref);
        json rec = feed.get_json("/api/v1/recommendations/" + ref);
        CHECK(rec["ref"] == ref);
        // The item's url is the path it is served at.
        json list = feed.get_json("/api/v1/recommendations");
        for (const auto& item : list["recommendations"]) {
            if (item["ref"] == ref)
                CHECK(feed.get_json(item["url"].get<std::string>())["ref"] == ref);
        }
    }
    // Letters in any case, and percent-escapes, name the same recommendation and body.
    auto lower = feed.get("/api/v1/recommendations/w10");
    auto upper = feed.get("/api/v1/recommendations/W10");
    auto escaped = feed.get("/api/v1/recommendations/%57%31%30");
    REQUIRE(lower);
    REQUIRE(upper);
    REQUIRE(escaped);
    CHECK(lower->status == 200);
    CHECK(lower->body == upper->body);
    CHECK(escaped->body == upper->body);
    CHECK(lower->get_header_value("ETag") == upper->get_header_value("ETag"));
    CHECK(json::parse(feed.get("/api/v1/recommendations/3A")->body)["ref"] == "3a");

    // A ref the plan does not have, and one no plan can have, are 404s that name it.
    auto missing = feed.get("/api/v1/recommendations/1.1");
    REQUIRE(missing);
    CHECK(missing->status == 404);
    CHECK(missing->body.find("there is no recommendation 1.1 in this plan") != std::string::npos);
    CHECK(feed.get("/api/v1/recommendations/1.2/x")->status == 404);
    // With as_of the recommendation is rendered for the request, found the same way.
    json dated = feed.get_json("/api/v1/recommendations/r12?as_of=2010-10-01");
    CHECK(dated["ref"] == "R12");
    CHECK(dated["as_of"] == "2010-10-01");
}

TEST_CASE("a plan that answers no national report shows no national/local split") {
    Feed feed(FeedOptions{council_plan});
    json summary = feed.get_json("/api/v1/summary");
    CHECK(summary["recommendations"]["national"].is_null());
    CHECK(summary["recommendations"]["local"].is_null());
    json chapters = feed.get_json("/api/v1/chapters"); // kept: the loop reads into it
    for (const auto& chapter : chapters["chapters"])
        CHECK(chapter["totals"]["recommendations"]["national"].is_null());
    json rec = feed.get_json("/api/v1/recommendations/3a");
    CHECK(rec["addressed_to"].is_null());
    CHECK(rec["bodies"].empty());
    CHECK(rec["government_deadline"].is_null());
    // Filtering by audience admits nothing: there is no audience to match.
    CHECK(feed.get_json("/api/v1/recommendations?addressed_to=local")["count"] == 0);

    // The Laming plan keeps its split.
    Feed laming;
    json laming_summary = laming.get_json("/api/v1/summary");
    CHECK(laming_summary["recommendations"]["national"] == 43);
    CHECK(laming_summary["recommendations"]["local"] == 15);
}

TEST_CASE("a chapter with no local position is a finding in /api/v1/quality") {
    Feed feed(FeedOptions{council_plan});
    json quality = feed.get_json("/api/v1/quality");
    CHECK(quality["totals"]["no_local_position"] == 1);
    int found = 0;
    for (const auto& finding : quality["findings"]) {
        if (finding["kind"] == "no_local_position") {
            ++found;
            CHECK(finding["ref"].is_null());
            CHECK(finding["chapter"] == 2);
        }
    }
    CHECK(found == 1);
}

TEST_CASE("a part's ref (2b), as the wall writes it, redirects to its recommendation") {
    Feed feed; // the embedded plan: recommendation 2 has parts a to j
    auto api = feed.get("/api/v1/recommendations/2b?as_of=2009-08-01");
    REQUIRE(api);
    CHECK(api->status == 307);
    CHECK(api->get_header_value("Location") == "/api/v1/recommendations/2?as_of=2009-08-01");
    json body = json::parse(api->body);
    CHECK(body["redirect"]["ref"] == "2");
    CHECK(body["redirect"]["part"] == "b");
    CHECK(body["redirect"]["message"] == "2b is part b of recommendation 2");
    auto bracketed = feed.get("/api/v1/recommendations/2(B)");
    REQUIRE(bracketed);
    CHECK(bracketed->status == 307);
    CHECK(bracketed->get_header_value("Location") == "/api/v1/recommendations/2");
    // The browser page of a part goes to its recommendation's page.
    auto page = feed.get("/recommendations/24c", {{"Accept", "text/html"}});
    REQUIRE(page);
    CHECK(page->status == 307);
    CHECK(page->get_header_value("Location") == "/recommendations/24");
    // A part the recommendation lacks is still a 404 that names it.
    auto missing = feed.get("/api/v1/recommendations/2z");
    REQUIRE(missing);
    CHECK(missing->status == 404);
    CHECK(missing->body.find("there is no recommendation 2z in this plan") != std::string::npos);
}
