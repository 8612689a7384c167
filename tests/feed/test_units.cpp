// The feed's pure parts: content negotiation, ETags, gzip, routes, query parameters, prepared
// bodies and the metrics text.

#include "dashboard/core/ascii.hpp"
#include "dashboard/feed/encoding.hpp"
#include "dashboard/feed/metrics.hpp"
#include "dashboard/feed/query.hpp"
#include "dashboard/feed/routes.hpp"
#include "dashboard/feed/server.hpp"
#include "dashboard/feed/shapes.hpp"
#include "dashboard/feed/target.hpp"

#include <doctest/doctest.h>
#include <sstream>

using namespace actionboard;
using namespace actionboard::feed;

TEST_CASE("Accept-Encoding: gzip when accepted with a non-zero quality") {
    CHECK(accepts_gzip("gzip"));
    CHECK(accepts_gzip("gzip, deflate, br"));
    CHECK(accepts_gzip("deflate, GZip;q=0.5"));
    CHECK(accepts_gzip("x-gzip"));
    CHECK(accepts_gzip("*"));
    CHECK(accepts_gzip("br;q=1.0, gzip;q=0.8, *;q=0.1"));
    CHECK_FALSE(accepts_gzip(""));
    CHECK_FALSE(accepts_gzip("identity"));
    CHECK_FALSE(accepts_gzip("gzip;q=0"));
    CHECK_FALSE(accepts_gzip("gzip;q=0.000"));
    CHECK_FALSE(accepts_gzip("*;q=0"));
    CHECK_FALSE(accepts_gzip("gzip;q=0, *"));   // named beats the wildcard
    CHECK_FALSE(accepts_gzip("gzip;q=banana")); // unreadable quality: refused
    CHECK_FALSE(accepts_gzip("gzipper"));
}

TEST_CASE("ASCII case folding and trimming for header names, schemes and codings") {
    CHECK(iequals("Content-Length", "content-length"));
    CHECK(iequals("", ""));
    CHECK_FALSE(iequals("Host", "Hosts"));
    CHECK_FALSE(iequals("\xc4\xb0", "i\xcc\x87")); // no Unicode folding: bytes as they are
    CHECK_FALSE(iequals("K", "\xe2\x84\xaa"));     // KELVIN SIGN is not K
    CHECK(istarts_with("HTTP://host/path", "http://"));
    CHECK_FALSE(istarts_with("http:/", "http://"));
    CHECK(ascii_lower('Z') == 'z');
    CHECK(ascii_lower('[') == '[');
    CHECK(ascii_lower('\xc0') == '\xc0');
    CHECK(trim_whitespace(" \t gzip \t") == "gzip");
    CHECK(trim_whitespace(" \t ").empty());
    CHECK(trim_whitespace("a b") == "a b");
}

TEST_CASE("If-None-Match: lists, weak comparison, the wildcard") {
    CHECK(etag_matches("\"abc\"", "\"abc\""));
    CHECK(etag_matches("\"x\", \"abc\"", "\"abc\""));
    CHECK(etag_matches("W/\"abc\"", "\"abc\""));
    CHECK(etag_matches("*", "\"abc\""));
    CHECK_FALSE(etag_matches("\"abcd\"", "\"abc\""));
    CHECK_FALSE(etag_matches("abc", "\"abc\""));
    CHECK_FALSE(etag_matches("", "\"abc\""));
    CHECK_FALSE(etag_matches(",,,", "\"abc\""));
}

TEST_CASE("gzip and ETags of prepared bodies") {
    std::string text;
    for (int i = 0; i < 200; ++i)
        text += "{\"ref\": " + std::to_string(i) + ", \"rag\": \"amber\"},";
    PreparedBody body = prepare_body(json_type, text);
    CHECK(body.identity == text);
    CHECK(body.content_type == json_type);
    REQUIRE_FALSE(body.gzip.empty());
    CHECK(body.gzip.size() < text.size() / 4);
    CHECK(gzip_decompress(body.gzip) == text);
    CHECK(gzip_compress(text) == body.gzip); // deterministic: no timestamp
    CHECK(body.etag == make_etag(text));
    CHECK(body.etag != make_etag(text + " "));
    CHECK(gzip_etag(body.etag) == body.etag.substr(0, body.etag.size() - 1) + "-gzip\"");

    PreparedBody tiny = prepare_body(json_type, "{}");
    CHECK(tiny.gzip.empty()); // compression would only add bytes
    CHECK(gzip_decompress("not gzip").empty());
    CHECK(gzip_decompress(body.gzip.substr(0, body.gzip.size() / 2)).empty());
}

TEST_CASE("the Date header's form") {
    using namespace std::chrono;
    CHECK(http_date(sys_days{1994y / November / 6} + 8h + 49min + 37s) ==
          "Sun, 06 Nov 1994 08:49:37 GMT");
    CHECK(http_date(sys_days{2009y / July / 7}) == "Tue, 07 Jul 2009 00:00:00 GMT");
}

TEST_CASE("routes and their metric labels") {
    CHECK(match_route("/").route == Route::index);
    CHECK(match_route("/api/v1/summary").route == Route::summary);
    CHECK(match_route("/api/v1/recommendations.csv").route == Route::recommendations_csv);
    RouteMatch chapter = match_route("/api/v1/chapters/12");
    CHECK(chapter.route == Route::chapter);
    CHECK(chapter.number == 12);
    CHECK(match_route("/api/v1/recommendations/58").ref == "58");
    // Refs are strings as plans write them; matching a recommendation happens later.
    for (std::string_view ref : {"3a", "1.2", "1.10", "R12", "W 10", "Ŵ1"}) {
        RouteMatch match = match_route("/api/v1/recommendations/" + std::string(ref));
        CHECK(match.route == Route::recommendation);
        CHECK(match.ref == ref);
    }
    CHECK(recommendation_path("1.10") == "/api/v1/recommendations/1.10");
    CHECK(recommendation_path("W 10") == "/api/v1/recommendations/W%2010");
    CHECK(recommendation_path("Ŵ1") == "/api/v1/recommendations/%C5%B41");
    for (std::string_view path :
         {"", "/api", "/api/v1/", "/api/v1/chapters/", "/api/v1/chapters/1x", "/api/v1/chapters/+1",
          "/api/v1/chapters/1234567890", "/summary", "/api/v1/summary/", "//api/v1/summary",
          "/api/v1/recommendations/", "/api/v1/recommendations/3/x"})
        CHECK_MESSAGE(match_route(path).route == Route::unknown, path);
    CHECK(route_template(Route::chapter) == "/api/v1/chapters/{n}");
    CHECK(route_template(Route::unknown) == "other");
    CHECK(chapter_path(3) == "/api/v1/chapters/3");
}

TEST_CASE("query parameters: accepted per route, values checked") {
    auto parse = [](Route route, QueryParams params) { return parse_query(route, params); };
    auto ok = parse(Route::recommendations, {{"chapter", "1,3"},
                                             {"status", "compliant,not_started"},
                                             {"rag", "red"},
                                             {"lead", "SSCB"},
                                             {"addressed_to", "local"},
                                             {"q", "review"},
                                             {"as_of", "2009-12-01"}});
    REQUIRE_FALSE(ok.error);
    CHECK(ok.query.recommendations.chapters == std::vector<int>{1, 3});
    CHECK(ok.query.recommendations.statuses ==
          std::vector<Status>{Status::compliant, Status::not_started});
    CHECK(ok.query.recommendations.rags == std::vector<Rag>{Rag::red});
    CHECK(ok.query.recommendations.leads == std::vector<std::string>{"SSCB"});
    CHECK(ok.query.recommendations.audiences == std::vector<Audience>{Audience::local});
    CHECK(ok.query.recommendations.text == "review");
    CHECK(ok.query.as_of == make_date(2009, 12, 1));

    // The reported RAG against the computed one; "disagree" is both kinds of disagreement.
    auto disagree =
        parse(Route::recommendations_csv, {{"reported_rag_agreement", "disagree,agree"}});
    REQUIRE_FALSE(disagree.error);
    CHECK(disagree.query.recommendations.agreements ==
          std::vector<RagAgreement>{RagAgreement::reported_better, RagAgreement::reported_worse,
                                    RagAgreement::agree});
    auto unknown_agreement = parse(Route::recommendations, {{"reported_rag_agreement", "better"}});
    REQUIRE(unknown_agreement.error);
    CHECK(unknown_agreement.error->parameter == "reported_rag_agreement");
    CHECK(unknown_agreement.error->accepts.find("disagree") != std::string::npos);
    CHECK(parse(Route::deadlines, {{"reported_rag_agreement", "agree"}}).error); // not there

    auto lead_with_comma =
        parse(Route::recommendations, {{"lead", "Police, Health and Probation"}});
    REQUIRE_FALSE(lead_with_comma.error);
    CHECK(lead_with_comma.query.recommendations.leads.size() == 1); // a lead is one name

    auto deadlines = parse(Route::deadlines,
                           {{"from", "2009-01-01"}, {"to", "2009-01-01"}, {"rag", "red,amber"}});
    REQUIRE_FALSE(deadlines.error);
    CHECK(deadlines.query.deadlines.from == deadlines.query.deadlines.to);
    CHECK(deadlines.query.deadlines.rags.size() == 2);

    CHECK(parse(Route::summary, {{"as_of", "2009-12-01"}}).error == std::nullopt);
    CHECK(parse(Route::summary, {{"rag", "red"}}).error->parameter == "rag");
    CHECK(parse(Route::healthz, {{"as_of", "2009-12-01"}}).error->parameter == "as_of");
    CHECK(parse(Route::recommendations, {{"chapter", ""}}).error->parameter == "chapter");
    CHECK(parse(Route::recommendations, {{"chapter", "1,,2"}}).error->parameter == "chapter");
    CHECK(parse(Route::recommendations, {{"chapter", "9999999999"}}).error->parameter == "chapter");
    CHECK(parse(Route::recommendations, {{"status", "Compliant"}}).error->parameter == "status");
    CHECK(parse(Route::deadlines, {{"from", "2009-13-01"}}).error->parameter == "from");
    CHECK(
        parse(Route::deadlines, {{"from", "2009-02-01"}, {"to", "2009-01-31"}}).error->parameter ==
        "to");
    auto repeated = parse(Route::recommendations, {{"rag", "red"}, {"rag", "amber"}});
    REQUIRE(repeated.error);
    CHECK(repeated.error->message.find("more than once") != std::string::npos);
    auto unknown = parse(Route::deadlines, {{"lead", "SSCB"}});
    REQUIRE(unknown.error);
    CHECK(unknown.error->message.find("as_of, from, to, rag") != std::string::npos);
}

TEST_CASE("prepare_bodies covers every default-view path of a snapshot") {
    LivePlanOptions options;
    options.prepare_bodies = prepare_bodies;
    LivePlan live(options);
    REQUIRE(live.load_initial().ok());
    const Snapshot& snapshot = *live.current();
    const auto& bodies = snapshot.bodies;
    for (std::string path : {"/", "/api/v1/summary", "/api/v1/chapters", "/api/v1/recommendations",
                             "/api/v1/recommendations.csv", "/api/v1/deadlines", "/api/v1/quality",
                             "/api/v1/plan", "/api/v1/openapi.json"})
        CHECK_MESSAGE(bodies.count(path) == 1, path);
    for (const auto& chapter : snapshot.plan->chapters)
        CHECK(bodies.count(chapter_path(chapter.number)) == 1);
    for (const auto& rec : snapshot.plan->recommendations)
        CHECK(bodies.count(recommendation_path(rec.ref)) == 1);
    CHECK(bodies.count("/healthz") == 0); // live state, made per request
    CHECK(bodies.count("/metrics") == 0);
    for (const auto& [path, body] : bodies) {
        CHECK_MESSAGE(body.etag == make_etag(body.identity), path);
        if (!body.gzip.empty())
            CHECK_MESSAGE(gzip_decompress(body.gzip) == body.identity, path);
        if (body.content_type == json_type)
            CHECK_NOTHROW(nlohmann::json::parse(body.identity));
    }
    CHECK(bodies.at("/api/v1/recommendations.csv").content_type == csv_type);
}

TEST_CASE("metrics text: families, escaped labels, request counts") {
    LivePlanOptions options;
    LivePlan live(options);
    REQUIRE(live.load_initial().ok());
    auto snapshot = std::make_shared<Snapshot>(*live.current());
    snapshot->source = "C:\\plans\\\"quoted\"\nname.json";
    RequestCounters counters;
    counters.record(Route::summary, 200);
    counters.record(Route::summary, 200);
    counters.record(Route::unknown, 404);
    counters.record(Route::plan, 299); // an untracked code
    ReloadState state;
    state.reloads = 3;
    state.failed_reloads = 1;
    state.degraded = true;
    std::string text = render_metrics(snapshot.get(), state, counters,
                                      snapshot->data_updated_at + std::chrono::seconds(90));
    auto has = [&](const std::string& line) {
        CHECK_MESSAGE(text.find(line + "\n") != std::string::npos, line);
    };
    CHECK(text.find(R"(source="C:\\plans\\\"quoted\"\nname.json")") != std::string::npos);
    has("actionboard_reloads_total 3");
    has("actionboard_reload_failures_total 1");
    has("actionboard_degraded 1");
    has("actionboard_data_age_seconds 90");
    has(R"(actionboard_http_requests_total{route="/api/v1/summary",code="200"} 2)");
    has(R"(actionboard_http_requests_total{route="other",code="404"} 1)");
    has(R"(actionboard_http_requests_total{route="/api/v1/plan",code="other"} 1)");
    has("# TYPE actionboard_http_requests_total counter");
    has("# TYPE actionboard_recommendations gauge");
    CHECK(counters.count(Route::summary, 200) == 2);
    CHECK(counters.count(Route::summary, 304) == 0);

    // Every recommendation counted once overall and once in its chapter.
    long overall = 0, per_chapter = 0;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind("actionboard_recommendations{", 0) == 0)
            overall += std::stol(line.substr(line.rfind(' ') + 1));
        if (line.rfind("actionboard_chapter_recommendations{", 0) == 0)
            per_chapter += std::stol(line.substr(line.rfind(' ') + 1));
    }
    CHECK(overall == 58);
    CHECK(per_chapter == 58);

    std::string without_plan =
        render_metrics(nullptr, state, counters, std::chrono::system_clock::now());
    CHECK(without_plan.find("actionboard_recommendations") == std::string::npos);
    CHECK(without_plan.find("actionboard_reloads_total 3") != std::string::npos);
}

TEST_CASE("CSV quoting follows RFC 4180") {
    LivePlanOptions options;
    LivePlan live(options);
    REQUIRE(live.load_initial().ok());
    auto snapshot = std::make_shared<Snapshot>(*live.current());
    auto plan = std::make_shared<Plan>(*snapshot->plan);
    plan->recommendations[0].status_reason = "He said \"no\", then\r\nyes";
    plan->recommendations[0].text = {Block{"plain", {}}};
    snapshot->plan = plan;
    std::string csv = recommendations_csv(*snapshot, {0});
    CHECK(csv.rfind("\xEF\xBB\xBFref,chapter,", 0) == 0);
    CHECK(csv.find(",plain,") != std::string::npos);
    // (then the reported RAG, none, and its agreement: the last two columns)
    CHECK(csv.find(",\"He said \"\"no\"\", then\r\nyes\",,not_compared\r\n") != std::string::npos);
    CHECK(csv.size() >= 2);
    CHECK(csv.substr(csv.size() - 2) == "\r\n");
}

TEST_CASE("CSV cells that Excel would run as formulas are shown as text") {
    LivePlanOptions options;
    LivePlan live(options);
    REQUIRE(live.load_initial().ok());
    auto snapshot = std::make_shared<Snapshot>(*live.current());
    auto plan = std::make_shared<Plan>(*snapshot->plan);
    const std::vector<std::pair<std::string, std::string>> cells = {
        {"=HYPERLINK(\"http://evil.example\")", ",\"'=HYPERLINK(\"\"http://evil.example\"\")\",,"},
        {"+1+1", ",'+1+1,,"},
        {"-2", ",'-2,,"},
        {"@SUM(A1)", ",'@SUM(A1),,"},
        {"\tcmd", ",'\tcmd,,"},
        {"a = b", ",a = b,,"}, // only the first character counts
    };
    for (const auto& [reason, expected] : cells) {
        CAPTURE(reason);
        plan->recommendations[0].status_reason = reason;
        snapshot->plan = plan;
        std::string csv = recommendations_csv(*snapshot, {0});
        CHECK(csv.find(expected) != std::string::npos);
    }
    // The real plan's cells are left as they are: nothing in it starts like a formula.
    snapshot->plan = live.current()->plan;
    std::vector<std::size_t> all(snapshot->plan->recommendations.size());
    for (std::size_t i = 0; i < all.size(); ++i)
        all[i] = i;
    CHECK(recommendations_csv(*snapshot, all).find(",'") == std::string::npos);
}

TEST_CASE("request targets: decoded path and parameters, as sent") {
    auto target = parse_target("/api/v1/recommendations?q=a%3Db+c&lead=x=y&&chapter");
    REQUIRE_FALSE(target.error);
    CHECK(target.target.path == "/api/v1/recommendations");
    CHECK(target.target.params == QueryParams{{"q", "a=b c"}, {"lead", "x=y"}, {"chapter", ""}});

    CHECK(parse_target("/api%2Fv1%2fsummary").target.path == "/api%2Fv1%2fsummary");
    CHECK(parse_target("/api/v1/%73ummary").target.path == "/api/v1/summary");
    CHECK(parse_target("/a+b").target.path == "/a+b"); // '+' is a space only in the query
    CHECK(parse_target("HTTP://host:80/healthz?x=1").target.path == "/healthz");
    CHECK(parse_target("http://host").target.path == "/");

    for (const char* bad : {"", "*", "host:443", "api/v1", "/%", "/%4", "/%g0", "/?q=%", "/?%zz=1",
                            "http://host?q=1"}) {
        CAPTURE(bad);
        auto parsed = parse_target(bad);
        REQUIRE(parsed.error);
        CHECK_FALSE(parsed.error->empty());
    }
}
