// Every string of a plan, and the characters among them that the embedded font cannot draw
// (issue "The dashboard on real plans, in real rooms", item 1; cases c01 and c02 in
// tests/data/cases/).

#include "dashboard/core/check_report.hpp"
#include "dashboard/core/loader.hpp"
#include "dashboard/core/plan_text.hpp"
#include "dashboard/ui/font_coverage.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

using namespace actionboard;
namespace fs = std::filesystem;

namespace {

const fs::path data_dir = ACTIONBOARD_TEST_DATA_DIR;

struct Loaded {
    LoadResult result;
    PlanView view;
};

Loaded load(const fs::path& path) {
    Loaded loaded{load_plan_file(path.string()), {}};
    REQUIRE(loaded.result.ok());
    const Plan& plan = *loaded.result.plan;
    loaded.view = compute_view(plan, plan.info.as_of, plan.info.amber_days);
    return loaded;
}

std::vector<char32_t> code_points(std::string_view text) {
    std::vector<char32_t> out;
    for_each_code_point(text, [&out](char32_t c) { out.push_back(c); });
    return out;
}

std::vector<std::string> formatted(const std::vector<GlyphFinding>& findings) {
    std::vector<std::string> out;
    for (const auto& finding : findings)
        out.push_back(format_glyph_finding(finding));
    return out;
}

} // namespace

TEST_CASE("UTF-8 decodes to code points, a malformed byte is U+FFFD and decoding goes on") {
    CHECK(code_points("a\xC5\xB5\xE4\xB8\xAD\xF0\x9F\x98\x80") ==
          std::vector<char32_t>{U'a', 0x175, 0x4E2D, 0x1F600});              // a ŵ 中 😀
    CHECK(code_points("\xC3") == std::vector<char32_t>{0xFFFD});             // cut short
    CHECK(code_points("\xC0\xAF") == std::vector<char32_t>{0xFFFD, 0xFFFD}); // overlong
    CHECK(code_points("\xED\xA0\x80z") ==
          std::vector<char32_t>{0xFFFD, 0xFFFD, 0xFFFD, U'z'}); // a surrogate
    CHECK(code_points("\xF4\x90\x80\x80").front() == 0xFFFD);   // past U+10FFFF
    CHECK(code_points("").empty());
}

TEST_CASE("every string of the plan and its view is visited, with where it sits") {
    Loaded loaded = load(data_dir / "valid/cannot-draw.json");
    std::map<std::string, std::vector<std::string>> seen; // description -> strings
    for_each_text(*loaded.result.plan, loaded.view,
                  [&seen](const TextPlace& place, std::string_view text) {
                      seen[describe(place)].emplace_back(text);
                  });
    auto has = [&seen](const std::string& where, const std::string& text) {
        auto it = seen.find(where);
        return it != seen.end() &&
               std::find(it->second.begin(), it->second.end(), text) != it->second.end();
    };
    CHECK(has("the plan's title", "Characters the font lacks: T\xC5\xB7 \xC5\xB4 \xE2\x89\xA4 "
                                  "\xE2\x89\xA5 \xE2\x84\xA2"));
    CHECK(has("the plan's authority", "Test Council"));
    CHECK(has("chapter 1's title", "Emoji beyond the BMP \xF0\x9F\x98\x80 and \xC5\xB5"));
    CHECK(has("chapter 1's key points", "Point"));
    CHECK(has("chapter 1's local position", "Position"));
    CHECK(has("rec 12's text", "Translate the leaflet into \xE4\xB8\xAD\xE6\x96\x87 and "
                               "\xC5\x9Al\xC5\xAFnsko."));
    CHECK(has("rec 12's text", "then \xE4\xB8\xAD")); // list items one by one
    CHECK(has("rec 12's Government response", "Agreed."));
    CHECK(has("rec 12's local response reference", "1"));
    CHECK(has("rec 1's bodies", "Children's Trust"));
    CHECK(has("rec 1's Government deadline", "Ongoing"));
    CHECK(has("rec 1's local response", "We will do it."));
    CHECK(has("rec 1's milestone 1 deadline", "January 2010"));
    CHECK(has("rec 1's milestone 1 lead", "Rhodri \xC5\xB4ynne"));
    CHECK(has("rec 1's status reason", "Under way."));
    CHECK(has("rec 1's deadline as read", "January 2010"));                    // the view's reading
    CHECK(has("chapter 2's data-quality note", "no local position recorded")); // a finding
}

TEST_CASE("parts are visited under their label") {
    LoadResult result = parse_plan(R"({"format": "actionboard-plan/1",
      "plan": {"id": "p", "title": "T", "authority": "A", "version": "v", "as_of": "2010-01-15"},
      "chapters": [{"number": 1, "title": "C", "key_points": [], "local_position": ["P"]}],
      "recommendations": [{"ref": "4", "chapter": 1, "text": ["Own"], "local_response": [],
        "milestones": [], "government_response": [], "status": "in_progress",
        "status_reason": "R", "parts": [{"label": "a", "text": ["Part text"],
          "local_response": ["Part response"],
          "milestones": [{"deadline": "May 2010", "lead": "Part lead"}]}]}]})");
    std::string problem = result.problems.empty() ? "" : format_problem(result.problems.front());
    INFO(problem);
    REQUIRE(result.ok());
    const Plan& plan = *result.plan;
    PlanView view = compute_view(plan, plan.info.as_of, plan.info.amber_days);
    std::map<std::string, std::string> seen;
    for_each_text(plan, view, [&seen](const TextPlace& place, std::string_view text) {
        seen[describe(place)] += std::string(text) + "|";
    });
    CHECK(seen["rec 4a's text"] == "Part text|");
    CHECK(seen["rec 4a's local response"] == "Part response|");
    CHECK(seen["rec 4a's milestone 1 lead"] == "Part lead|");
    CHECK(seen["rec 4's text"] == "Own|");
}

TEST_CASE("undrawable characters: each once per place, in order, never tab or line breaks") {
    Loaded loaded = load(data_dir / "valid/cannot-draw.json");
    // A font of ASCII alone: every other character is a finding.
    auto ascii = [](char32_t c) { return c < 0x80; };
    auto findings = undrawable_characters(*loaded.result.plan, loaded.view, ascii);
    REQUIRE(!findings.empty());
    CHECK(format_glyph_finding(findings.front()) == "cannot be drawn: U+0177 in the plan's title");
    std::size_t in_rec_12_text = 0;
    for (const auto& finding : findings) {
        if (describe(finding.place) == "rec 12's text" && finding.code_point == 0x4E2D)
            ++in_rec_12_text; // three times in that text, listed once
    }
    CHECK(in_rec_12_text == 1);

    LoadResult tabs = parse_plan(R"({"format": "actionboard-plan/1",
      "plan": {"id": "p", "title": "Tab\there", "authority": "A\nB", "version": "v\r",
               "as_of": "2010-01-15"},
      "chapters": [{"number": 1, "title": "C", "key_points": [], "local_position": ["P"]}],
      "recommendations": []})");
    REQUIRE(tabs.ok());
    PlanView tabs_view = compute_view(*tabs.plan, tabs.plan->info.as_of, 30);
    auto nothing_but_letters = [](char32_t c) { return c >= 0x20 && c < 0x80; };
    CHECK(undrawable_characters(*tabs.plan, tabs_view, nothing_but_letters).empty());
}

TEST_CASE("the embedded font's own tables say what it can draw") {
    ui::FontCoverage font;
    // The issue's letters (c01, c02): Welsh, Polish, Lithuanian, Romanian, Czech, and signs.
    for (char32_t c : {0x175, 0x177, 0x174, 0x176, 0x141, 0x15B, 0x105, 0x10D, 0x119, 0x218, 0x103,
                       0x159, 0x2264, 0x2265, 0x2122, 0x20AC, 0xA3, 0x2026, 0x2713}) {
        CAPTURE(code_point_label(c));
        CHECK(font.can_draw(c));
    }
    CHECK(font.can_draw(0xFFFD)); // the replacement the dashboard draws instead
    CHECK(font.can_draw(U'\t'));
    CHECK_FALSE(font.can_draw(0x4E2D)); // 中: DejaVu has no CJK
    CHECK_FALSE(font.can_draw(0x0915)); // क: nor Devanagari
    // DejaVu Sans has 😀, but the dashboard's ImGui draws only the Basic Multilingual Plane.
    CHECK_FALSE(font.can_draw(0x1F600));
    CHECK_FALSE(font.can_draw(0x0001)); // a control character has no glyph
}

TEST_CASE(
    "the issue's plans (c01, c02) have nothing the font cannot draw; CJK and emoji are named") {
    ui::FontCoverage font;
    auto can_draw = [&font](char32_t c) { return font.can_draw(c); };
    for (const char* file :
         {"cases/c01-latin-extended/plan.json", "cases/c02-euro-quotes/plan.json"}) {
        CAPTURE(file);
        Loaded loaded = load(data_dir / file);
        CHECK(undrawable_characters(*loaded.result.plan, loaded.view, can_draw).empty());
    }
    Loaded loaded = load(data_dir / "valid/cannot-draw.json");
    auto findings = undrawable_characters(*loaded.result.plan, loaded.view, can_draw);
    CHECK(formatted(findings) == std::vector<std::string>{
                                     "cannot be drawn: U+1F600 in chapter 1's title",
                                     "cannot be drawn: U+0915 in rec 1's milestone 2 lead",
                                     "cannot be drawn: U+091F in rec 1's milestone 2 lead",
                                     "cannot be drawn: U+0940 in rec 1's milestone 2 lead",
                                     "cannot be drawn: U+092E in rec 1's milestone 2 lead",
                                     "cannot be drawn: U+4E2D in rec 12's text",
                                     "cannot be drawn: U+6587 in rec 12's text",
                                 });
    nlohmann::json json = glyph_finding_json(findings[5]);
    CHECK(json == nlohmann::json{{"code_point", "U+4E2D"},
                                 {"character", "\xE4\xB8\xAD"},
                                 {"where", "rec 12's text"},
                                 {"ref", "12"},
                                 {"part", nullptr},
                                 {"chapter", 2},
                                 {"field", "text"}});
    CHECK(glyph_finding_json(findings[0]).at("ref").is_null());
    CHECK(glyph_finding_json(findings[0]).at("chapter") == 1);

    CheckInput input{"cannot-draw.json", &loaded.result, &loaded.view, &findings};
    std::string text = check_report_text(input);
    CHECK(text.find("\n  cannot be drawn: U+4E2D in rec 12's text\n") != std::string::npos);
    CHECK(text.find("\n  cannot be drawn: U+1F600 in chapter 1's title\n") != std::string::npos);
    nlohmann::json report = nlohmann::json::parse(check_report_json(input));
    REQUIRE(report.at("glyphs").size() == 7);
    CHECK(report.at("glyphs")[5].at("where") == "rec 12's text");
    CHECK(report.at("ok") == true); // a character the font lacks does not make a plan invalid

    std::vector<GlyphFinding> none;
    CheckInput clean{"cannot-draw.json", &loaded.result, &loaded.view, &none};
    CHECK(check_report_text(clean).find("cannot be drawn") == std::string::npos);
    CHECK(nlohmann::json::parse(check_report_json(clean)).at("glyphs").empty());
}
