// `q` and `lead` over real HTTP match text as people type it: ' finds ’ and back, - finds –,
// a space finds a no-break space (issue case c15, tests/data/valid/curly-quotes.json).

#include "feed_fixture.hpp"

#include <set>

using namespace feed_test;

namespace {

// The first paragraph of each recommendation listed: which ones a filter kept, whatever their
// refs look like.
std::set<std::string> first_paragraphs(const json& list) {
    std::set<std::string> found;
    for (const auto& item : list["recommendations"])
        found.insert(item["text"][0].get<std::string>());
    REQUIRE(list["count"].get<std::size_t>() == found.size());
    return found;
}

const std::string early_help =
    "Ensure \u201Cearly help\u201D \u2013 not just \u2018protection\u2019 "
    "\u2014 costs \u2264 \u00A35k; 10\u201312 staff; \u2265 3 visits "
    "\u2192 done \u2713";

} // namespace

TEST_CASE("lead and q fold quotes, dashes and spaces on both sides (curly-quotes plan)") {
    Feed feed(FeedOptions{(data_dir / "valid/curly-quotes.json").string()});
    const std::set<std::string> first{early_help};
    auto found = [&feed](const std::string& query) {
        CAPTURE(query);
        return first_paragraphs(feed.get_json("/api/v1/recommendations?" + query));
    };
    // The lead is written "Head of Children’s Services" (U+2019).
    CHECK(found("lead=Head%20of%20Children%27s%20Services") == first);
    CHECK(found("lead=head%20of%20children%27s%20services") == first);
    CHECK(found("lead=Head%20of%20Children%E2%80%99s%20Services") == first);
    CHECK(found("lead=Head%20of%20Children%E2%80%98s%20Services") == first);
    CHECK(found("lead=Head%20of%20Children%60s%20Services") == first);
    CHECK(found("lead=Head%C2%A0of%E2%80%AFChildren%27s%20%20Services") == first);
    // Still the whole name, not a part of it or another spelling.
    CHECK(found("lead=Head%20of%20Children%20Services").empty());
    CHECK(found("lead=Head%20of%20Childrens%20Services").empty());
    CHECK(found("lead=Children%27s%20Services").empty());

    // q, straight in the query and typographic in the plan...
    CHECK(found("q=Children%27s%20Services") == first);                   // lead: ’
    CHECK(found("q=%22early%20help%22") == first);                        // “early help”
    CHECK(found("q=10-12%20staff") == first);                             // 10–12
    CHECK(found("q=not%20just%20%27protection%27%20-%20costs") == first); // ‘protection’ —
    CHECK(found("q=early%C2%A0help") == first);                           // a no-break space typed
    // ...and typographic in the query, straight in the plan (bodies: "Children's Trust").
    CHECK(found("q=Children%E2%80%99s%20Trust") == first);
    CHECK(found("q=CHILDREN%E2%80%99S%20TRUST") == first);
    CHECK(found("q=%E2%80%9Cearly%20help%E2%80%9D") == first);
    CHECK(found("q=10%E2%80%9412") == first); // an em dash typed for the plan's en dash
    CHECK(found("q=Children%27s%20Servicez").empty());

    // The CSV takes the same filters.
    auto csv = feed.get("/api/v1/recommendations.csv?lead=Head%20of%20Children%27s%20Services");
    REQUIRE(csv);
    CHECK(csv->status == 200);
    CHECK(csv->body.find("10\u201312 staff") != std::string::npos);
    CHECK(csv->body.find("Do the second thing") == std::string::npos);
}

TEST_CASE("lead with a typographic apostrophe finds a lead written with a straight one") {
    {
        // The curly-quotes plan with its lead typed with a straight apostrophe instead.
        TempDir dir;
        std::ifstream in(data_dir / "valid/curly-quotes.json", std::ios::binary);
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        std::string curly_lead = "Head of Children\u2019s Services";
        auto at = text.find(curly_lead);
        REQUIRE(at != std::string::npos);
        text.replace(at, curly_lead.size(), "Head of Children's Services");
        std::ofstream(dir.path / "plan.json", std::ios::binary) << text;
        Feed straight_plan(FeedOptions{(dir.path / "plan.json").string()});
        auto straight =
            straight_plan.get_json("/api/v1/recommendations?lead=Head%20of%20Children%27s%20Services");
        REQUIRE(straight["count"].get<int>() == 1);
        auto curly = straight_plan.get_json(
            "/api/v1/recommendations?lead=Head%20of%20Children%E2%80%99s%20Services");
        CHECK(curly == straight);
    }
    Feed feed; // the Laming plan writes dashes as "–": q with "-" finds them.
    auto dashed = feed.get_json("/api/v1/recommendations?q=caseloads%20-%20can%20be");
    CHECK(dashed["count"].get<int>() == 1);
    CHECK(dashed == feed.get_json("/api/v1/recommendations?q=caseloads%20%E2%80%93%20can%20be"));
}
