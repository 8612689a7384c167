// The browser dashboard as the feed serves it: "/" by Accept, the page paths, the embedded
// files with ETag, gzip and 304, the security headers. tests/web drives a real browser.
#include "dashboard/feed/encoding.hpp"
#include "dashboard/feed/web.hpp"
#include "feed_fixture.hpp"

#include <doctest/doctest.h>

using namespace actionboard::feed;
using namespace feed_test;

namespace {
constexpr const char* chrome_accept = "text/html,application/xhtml+xml,application/xml;q=0.9,"
                                      "image/avif,image/webp,image/apng,*/*;q=0.8,"
                                      "application/signed-exchange;v=b3;q=0.7";
constexpr const char* firefox_accept =
    "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
} // namespace

TEST_CASE("web: Accept chooses HTML only when a client asks for it") {
    CHECK(prefers_html(std::string_view(chrome_accept)));
    CHECK(prefers_html(std::string_view(firefox_accept)));
    CHECK(prefers_html(std::string_view("text/html")));
    CHECK(prefers_html(std::string_view("TEXT/HTML; q=0.5, application/json;q=0.5")));
    CHECK_FALSE(prefers_html(std::nullopt));                        // no header
    CHECK_FALSE(prefers_html(std::string_view("*/*")));             // curl, httplib
    CHECK_FALSE(prefers_html(std::string_view("application/json"))); // the existing clients
    CHECK_FALSE(prefers_html(std::string_view("text/*")));          // HTML never by wildcard
    CHECK_FALSE(prefers_html(std::string_view("text/html;q=0.5, application/json")));
    CHECK_FALSE(prefers_html(std::string_view("text/html;q=0.5, application/*;q=0.9")));
    CHECK_FALSE(prefers_html(std::string_view("text/html;q=0")));
    CHECK_FALSE(prefers_html(std::string_view("text/html;q=2")));  // unreadable: ignored
    CHECK_FALSE(prefers_html(std::string_view("text/html;q=abc")));
    CHECK_FALSE(prefers_html(std::string_view("")));
}

TEST_CASE("web: / is the JSON index for JSON clients and the dashboard for browsers") {
    Feed feed;
    auto json_index = feed.get("/");
    REQUIRE(json_index);
    CHECK(json_index->status == 200);
    CHECK(json_index->get_header_value("Content-Type") == json_type);
    CHECK(json::parse(json_index->body)["api_version"] == "v1");
    CHECK(json_index->get_header_value("Vary") == "Accept, Accept-Encoding");

    auto page = feed.get("/", {{"Accept", chrome_accept}});
    REQUIRE(page);
    CHECK(page->status == 200);
    CHECK(page->get_header_value("Content-Type") == "text/html; charset=utf-8");
    CHECK(page->get_header_value("Vary") == "Accept, Accept-Encoding");
    CHECK(page->body.find("<script type=\"module\" src=\"/web/app.js\">") != std::string::npos);
    CHECK(page->get_header_value("ETag") != json_index->get_header_value("ETag"));
    // Only one Vary header: the default one is replaced, not repeated.
    CHECK(page->get_header_value_count("Vary") == 1);

    // Every /api/v1 path is unchanged, whatever the client accepts.
    auto summary = feed.get("/api/v1/summary", {{"Accept", chrome_accept}});
    REQUIRE(summary);
    CHECK(summary->get_header_value("Content-Type") == json_type);
    CHECK(summary->get_header_value("Vary") == "Accept-Encoding");
}

TEST_CASE("web: page paths serve the dashboard, a page the plan lacks is a 404") {
    Feed feed;
    for (const char* path : {"/chapters/3", "/deadlines", "/quality", "/recommendations",
                             "/recommendations/12", "/recommendations/12?as_of=2009-12-01",
                             "/changes", "/changes?since=2009-07-07", "/trend"}) {
        auto result = feed.get(path);
        REQUIRE(result);
        CHECK_MESSAGE(result->status == 200, path);
        CHECK_MESSAGE(result->get_header_value("Content-Type") == "text/html; charset=utf-8", path);
    }
    for (const char* path : {"/chapters/99", "/recommendations/999"}) {
        auto result = feed.get(path);
        REQUIRE(result);
        CHECK_MESSAGE(result->status == 404, path);
        CHECK_MESSAGE(result->get_header_value("Content-Type") == "text/html; charset=utf-8", path);
    }
    // An unknown path: JSON for JSON clients, the dashboard (which says so) for browsers.
    auto json_404 = feed.get("/nope");
    REQUIRE(json_404);
    CHECK(json_404->status == 404);
    CHECK(json_404->get_header_value("Content-Type") == json_type);
    auto html_404 = feed.get("/nope", {{"Accept", firefox_accept}});
    REQUIRE(html_404);
    CHECK(html_404->status == 404);
    CHECK(html_404->get_header_value("Content-Type") == "text/html; charset=utf-8");
    CHECK(html_404->get_header_value("ETag").empty());
}

TEST_CASE("web: the embedded files: types, ETag, gzip once, 304, HEAD") {
    Feed feed;
    for (const EmbeddedFile& file : embedded_web_files()) {
        std::string path = "/web/" + std::string(file.name);
        auto plain = feed.get(path);
        REQUIRE(plain);
        CHECK_MESSAGE(plain->status == 200, path);
        CHECK_MESSAGE(plain->body == file.bytes, path);
        CHECK(plain->get_header_value("Content-Type") == web_content_type(file.name));
        CHECK(plain->get_header_value("Cache-Control") == "no-cache");
        std::string etag = plain->get_header_value("ETag");
        CHECK(etag == make_etag(file.bytes));
        auto again = feed.get(path, {{"If-None-Match", etag}});
        REQUIRE(again);
        CHECK(again->status == 304);
        CHECK(again->body.empty());
        if (file.bytes.size() > 1024) {
            auto zipped = feed.get(path, {{"Accept-Encoding", "gzip"}});
            REQUIRE(zipped);
            CHECK(zipped->get_header_value("Content-Encoding") == "gzip");
            CHECK(gzip_decompress(zipped->body) == file.bytes);
            CHECK(zipped->get_header_value("ETag") == gzip_etag(etag));
        }
    }
    CHECK(web_content_type("app.js") == "text/javascript; charset=utf-8");
    CHECK(web_content_type("style.css") == "text/css; charset=utf-8");
    CHECK(embedded_web_files().size() >= 5);
    auto head = feed.client().Head("/web/app.js");
    REQUIRE(head);
    CHECK(head->status == 200);
    CHECK(head->body.empty());
    CHECK(std::stoul(head->get_header_value("Content-Length")) == web_asset("app.js")->identity.size());
    for (const char* path : {"/web/", "/web/nope.js", "/web/../data/laming-2009.json", "/web/a/b.js",
                             "/web/openapi.json"}) {
        auto missing = feed.get(path);
        REQUIRE(missing);
        CHECK_MESSAGE(missing->status == 404, path);
    }
}

TEST_CASE("web: every response carries the security headers") {
    Feed feed;
    for (const char* path : {"/", "/web/app.js", "/api/v1/summary", "/nope", "/healthz"}) {
        auto result = feed.get(path, {{"Accept", chrome_accept}});
        REQUIRE(result);
        CHECK_MESSAGE(result->get_header_value("Content-Security-Policy") ==
                          std::string(content_security_policy),
                      path);
        CHECK(result->get_header_value("X-Content-Type-Options") == "nosniff");
        CHECK(result->get_header_value("Referrer-Policy") == "no-referrer");
    }
    std::string policy(content_security_policy);
    CHECK(policy.find("unsafe-inline") == std::string::npos);
    CHECK(policy.find("script-src 'self'") != std::string::npos);
}

TEST_CASE("web: the OpenAPI document is the embedded file, served as before") {
    Feed feed;
    json served = feed.get_json("/api/v1/openapi.json");
    CHECK(served == json::parse(embedded_openapi()));
    CHECK(served["openapi"] == "3.1.0");
}
