// The history on the dashboard, rendered for real under Xvfb: the direction-of-travel arrows
// (from their pixels: a triangle of the right colour, pointing the right way), the "Changes
// since …" pages in the rotation only when there is a baseline, every change listed exceptions
// first within the page budget, the trend's points, and one muted line when the history cannot
// be used. The history is the hand-made Laming test versions (tests/data/history), recorded in a
// real SQLite file and read as --screenshot reads it (history::read_state).

#include "dashboard/core/live_plan.hpp"
#include "dashboard/history/history.hpp"
#include "dashboard/history/store.hpp"
#include "dashboard/ui/dashboard.hpp"
#include "dashboard/ui/fonts.hpp"
#include "dashboard/ui/theme.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <unistd.h>

using namespace actionboard;
using namespace actionboard::ui;
namespace fs = std::filesystem;

namespace {

const fs::path data_dir = ACTIONBOARD_TEST_DATA_DIR;
const fs::path v13 = data_dir / "history/laming/laming-v1.3-test.json";
const fs::path v14 = data_dir / "history/laming/laming-v1.4-test.json";
const fs::path v15 = ACTIONBOARD_PLAN_FILE; // the council's own: no meetings
const fs::path v16 = data_dir / "history/laming/laming-v1.6-test.json";
const fs::path v17 = data_dir / "history/laming/laming-v1.7-test.json";

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

// A history database in a scratch directory with `files` recorded as --history-import records
// them: each at noon UTC on its reporting date.
struct RecordedHistory {
    fs::path dir;
    fs::path db;
    explicit RecordedHistory(const std::vector<fs::path>& files) {
        std::string pattern =
            (fs::temp_directory_path() / "actionboard-history-ui-XXXXXX").string();
        dir = mkdtemp(pattern.data());
        db = dir / "history.sqlite3";
        history::OpenOutcome opened = history::Store::open(db.string(), history::Clock::now());
        REQUIRE(opened.store);
        for (const auto& file : files) {
            std::string bytes = read_file(file);
            LoadResult loaded = parse_plan(bytes);
            REQUIRE(loaded.ok());
            history::Version version;
            version.facts = std::make_shared<const history::VersionFacts>(
                history::facts_at_reporting_date(*loaded.plan));
            version.recorded_day = version.facts->reporting_date;
            version.recorded_at =
                std::chrono::sys_days(version.recorded_day) + std::chrono::hours(12);
            version.hash = content_hash(bytes);
            version.source = file.string();
            version.imported = true;
            REQUIRE(opened.store->record(version, history::Dedupe::anywhere).inserted);
        }
    }
    ~RecordedHistory() {
        std::error_code ignored;
        fs::remove_all(dir, ignored);
    }
};

LivePlan live_on(const fs::path& file) {
    LivePlanOptions options;
    options.path = file.string();
    options.log = [](const std::string&) {};
    return LivePlan(options);
}

std::shared_ptr<const history::HistoryState> state_of(const fs::path& db, const LivePlan& live,
                                                      std::optional<std::string> since = {}) {
    std::optional<history::Since> parsed;
    if (since)
        parsed = history::parse_since(*since);
    return history::read_state(db.string(), live.current(), parsed, history::Clock::now());
}

DashboardOptions options_with(Mode mode, std::shared_ptr<const history::HistoryState> state,
                              bool light = false) {
    DashboardOptions options;
    options.mode = mode;
    options.light_theme = light;
    if (state)
        options.history = [state] { return state; };
    return options;
}

// One OpenGL context for the file; its font atlas lives across pages.
OffscreenRenderer& renderer() {
    static OffscreenRenderer instance;
    return instance;
}

struct Box {
    float x, y, w, h;
};

Box box_of(const nlohmann::json& item) {
    const auto& r = item.at("rect");
    return {r[0].get<float>(), r[1].get<float>(), r[2].get<float>(), r[3].get<float>()};
}

bool inside(const Box& inner, const Box& outer) {
    constexpr float tolerance = 0.01f;
    return inner.x >= outer.x - tolerance && inner.y >= outer.y - tolerance &&
           inner.x + inner.w <= outer.x + outer.w + tolerance &&
           inner.y + inner.h <= outer.y + outer.h + tolerance;
}

// Renders a page and checks that everything drawn is inside the screen and inside its parent.
RenderedPage render(const LivePlan& live, const DashboardOptions& options, const std::string& page,
                    int width, int height) {
    CAPTURE(page);
    CAPTURE(width);
    CAPTURE(height);
    RenderedPage out;
    std::string error;
    bool ok = renderer().render(live, options, {"", page, width, height}, out, error);
    INFO(error);
    REQUIRE(ok);
    std::map<std::string, Box> parents{{"screen", {0, 0, float(width), float(height)}}};
    for (const auto& item : out.sidecar.at("items")) {
        if (item.contains("id"))
            parents[item.at("id").get<std::string>()] = box_of(item);
    }
    for (const auto& item : out.sidecar.at("items")) {
        if (item.value("clipped", false))
            continue; // a row scrolled out of a desktop table
        CAPTURE(item.dump());
        CHECK(inside(box_of(item), parents.at("screen")));
        REQUIRE(parents.count(item.value("parent", "screen")) == 1);
        CHECK(inside(box_of(item), parents.at(item.value("parent", "screen"))));
    }
    return out;
}

std::vector<std::string> rotation_of(const RenderedPage& page) {
    std::vector<std::string> ids;
    for (const auto& id : page.sidecar.at("rotation"))
        ids.push_back(id.get<std::string>());
    return ids;
}

std::vector<nlohmann::json> items_of(const RenderedPage& page, const std::string& kind) {
    std::vector<nlohmann::json> out;
    for (const auto& item : page.sidecar.at("items")) {
        if (item.at("kind") == kind)
            out.push_back(item);
    }
    return out;
}

Rgb pixel(const RenderedPage& page, int x, int y) {
    x = std::clamp(x, 0, page.width - 1);
    y = std::clamp(y, 0, page.height - 1);
    const unsigned char* p =
        page.rgba.data() + (std::size_t(y) * std::size_t(page.width) + std::size_t(x)) * 4;
    return {p[0], p[1], p[2]};
}

bool near(Rgb a, Rgb b, int tolerance = 24) {
    return std::abs(int(a.r) - int(b.r)) <= tolerance &&
           std::abs(int(a.g) - int(b.g)) <= tolerance && std::abs(int(a.b) - int(b.b)) <= tolerance;
}

Rgb direction_colour(const Theme& theme, const std::string& direction) {
    if (direction == "better")
        return theme.rag_colour(Rag::green);
    if (direction == "worse")
        return theme.rag_colour(Rag::red);
    return theme.text_muted;
}

// The arrow is really drawn, from its pixels: its colour at the middle of the triangle, and its
// shape: ▲ has more of its colour in the lower half of its box than in the upper, ▼ the other
// way round, ► more in the left half than the right.
void check_arrow_pixels(const RenderedPage& page, const nlohmann::json& arrow, const Theme& theme) {
    CAPTURE(arrow.dump());
    Box box = box_of(arrow);
    REQUIRE(box.w >= 6);
    REQUIRE(box.h >= 6);
    std::string direction = arrow.at("direction");
    Rgb colour = direction_colour(theme, direction);
    float cx = box.x + box.w / 2, cy = box.y + box.h / 2;
    if (direction == "better")
        cy = box.y + box.h * 0.62f; // the centroid sits low in ▲
    else if (direction == "worse")
        cy = box.y + box.h * 0.38f;
    else
        cx = box.x + box.w * 0.38f;
    CHECK(near(pixel(page, int(cx), int(cy)), colour));
    int first = 0, second = 0; // upper and lower halves, or left and right
    for (int y = int(box.y); y < int(std::ceil(box.y + box.h)); ++y) {
        for (int x = int(box.x); x < int(std::ceil(box.x + box.w)); ++x) {
            if (!near(pixel(page, x, y), colour, 12))
                continue;
            bool in_first = direction == "same" ? float(x) + 0.5f < box.x + box.w / 2
                                                : float(y) + 0.5f < box.y + box.h / 2;
            (in_first ? first : second) += 1;
        }
    }
    CAPTURE(first);
    CAPTURE(second);
    if (direction == "better")
        CHECK(second > first * 2);
    else
        CHECK(first > second * 2);
}

// The arrow's character, as the feed and the sidecar write it.
std::string glyph_of(const std::string& direction) {
    return direction == "better" ? "\u25B2" : direction == "worse" ? "\u25BC" : "\u25BA";
}

const std::vector<std::pair<int, int>> sizes = {{1920, 1080}, {3840, 2160}, {1080, 1920}};

} // namespace

TEST_CASE("history: the atlas holds the arrow glyphs ▲ ► ▼ in every text font") {
    FontAtlas atlas;
    atlas.ensure(metrics_for(Density::wall, 1920, 1080), {});
    const FontSet& fonts = atlas.fonts();
    for (ImFont* font : {fonts.label, fonts.body, fonts.bold, fonts.heading}) {
        for (char32_t c : {U'\u25B2', U'\u25BA', U'\u25BC', U'\u2192'})
            CHECK(font->FindGlyphNoFallback(ImWchar(c)) != nullptr);
    }
}

TEST_CASE(
    "history: the rotation has the changes pages and the trend with a baseline, not without") {
    RecordedHistory all({v13, v14, v15, v16, v17});
    LivePlan december = live_on(v17);
    REQUIRE(december.load_initial().ok());
    auto state = state_of(all.db, december);
    REQUIRE(state->status == history::HistoryStatus::ok);
    REQUIRE(state->comparison);
    for (Mode mode : {Mode::kiosk, Mode::present}) {
        for (auto [width, height] : sizes) {
            RenderedPage page =
                render(december, options_with(mode, state), "overview", width, height);
            std::vector<std::string> ids = rotation_of(page);
            // Overview slices, then the changes, then the trend, then the chapters.
            auto first_changes = std::find(ids.begin(), ids.end(), "changes/1");
            if (first_changes == ids.end())
                first_changes = std::find(ids.begin(), ids.end(), "changes");
            REQUIRE(first_changes != ids.end());
            CHECK(first_changes[-1].rfind("overview", 0) == 0);
            auto trend = std::find(ids.begin(), ids.end(), "trend");
            REQUIRE(trend != ids.end());
            CHECK(trend[1] == "chapter:1");
            int changes_pages =
                int(std::count_if(ids.begin(), ids.end(), [](const std::string& id) {
                    return id.rfind("changes", 0) == 0;
                }));
            CHECK(changes_pages == trend - first_changes);
            const auto& history = page.sidecar.at("history");
            CHECK(history.at("status") == "ok");
            CHECK(history.at("baseline").at("since") == "29 Sep");
            CHECK(history.at("changes").at("count") == 14);
            CHECK(history.at("changes").at("exceptions") == 11);
            CHECK(history.at("changes").at("wall_pages") == changes_pages);
            CHECK(history.at("trend_points") == 5);
            std::string title = page.sidecar.at("page_title");
            CHECK((title == "Overview" || title == "Compliance by chapter"));
        }
    }

    // The council's v1.5 on show: it lists no meetings, so no baseline and no changes page; the
    // trend of its three versions is still there.
    RecordedHistory early({v13, v14, v15});
    LivePlan july = live_on(v15);
    REQUIRE(july.load_initial().ok());
    auto no_baseline = state_of(early.db, july);
    REQUIRE(no_baseline->status == history::HistoryStatus::ok);
    CHECK_FALSE(no_baseline->comparison);
    RenderedPage page =
        render(july, options_with(Mode::kiosk, no_baseline), "overview", 1920, 1080);
    std::vector<std::string> ids = rotation_of(page);
    CHECK(std::none_of(ids.begin(), ids.end(),
                       [](const std::string& id) { return id.rfind("changes", 0) == 0; }));
    CHECK(std::count(ids.begin(), ids.end(), "trend") == 1);
    CHECK(page.sidecar.at("history").at("why_none").get<std::string>().find("meetings") !=
          std::string::npos);
    CHECK(items_of(page, "arrow").empty()); // never a ► that would claim "no change"

    // One version recorded: a baseline cannot be had, and a trend needs two points.
    RecordedHistory one({v17});
    auto alone = state_of(one.db, december);
    page = render(december, options_with(Mode::kiosk, alone), "overview", 1920, 1080);
    ids = rotation_of(page);
    CHECK(std::none_of(ids.begin(), ids.end(), [](const std::string& id) {
        return id.rfind("changes", 0) == 0 || id == "trend";
    }));
    // No history at all: the rotation is the plan's alone.
    RenderedPage without =
        render(december, options_with(Mode::kiosk, nullptr), "overview", 1920, 1080);
    CHECK(without.sidecar.at("history").is_null());
    CHECK(rotation_of(without) == ids);
    std::string error;
    RenderedPage refused;
    CHECK_FALSE(renderer().render(december, options_with(Mode::kiosk, alone),
                                  {"", "changes", 1920, 1080}, refused, error));
    CHECK(error.find("no baseline") != std::string::npos);
}

TEST_CASE("history: arrows beside each chapter's compliance and each recommendation's RAG, drawn") {
    RecordedHistory all({v13, v14, v15, v16, v17});
    LivePlan december = live_on(v17);
    REQUIRE(december.load_initial().ok());
    auto state = state_of(all.db, december);
    REQUIRE(state->comparison);
    const history::Comparison& comparison = *state->comparison;
    std::map<std::string, std::string> expected; // "chapter 3" / "rec 14" -> direction
    std::map<std::string, std::string> labels;
    for (const auto& chapter : comparison.chapters) {
        REQUIRE(chapter.compliance);
        std::string what = "chapter " + std::to_string(chapter.number);
        expected[what] = history::to_string(chapter.compliance->direction);
        labels[what] = chapter.compliance->label;
    }
    for (const auto& rec : comparison.recommendations) {
        if (rec.direction)
            expected["rec " + rec.ref] = history::to_string(*rec.direction);
    }
    CHECK(expected.at("chapter 3") == "better");
    CHECK(labels.at("chapter 3") == "+22 since 29 Sep");
    CHECK(expected.at("rec 46") == "worse");
    CHECK(expected.at("rec 14") == "better");
    CHECK(expected.at("rec 12") == "same");
    for (bool light : {false, true}) {
        Theme theme = light ? light_theme() : dark_theme();
        for (auto [width, height] : sizes) {
            CAPTURE(light);
            // Every chapter's arrow across the overview's slices, each with its label where shown.
            DashboardOptions kiosk = options_with(Mode::kiosk, state, light);
            RenderedPage first = render(december, kiosk, "overview", width, height);
            std::map<std::string, std::string> seen;
            int checked = 0;
            for (const auto& id : rotation_of(first)) {
                if (id.rfind("overview", 0) != 0 && id.rfind("chapter:3", 0) != 0)
                    continue;
                RenderedPage page = render(december, kiosk, id, width, height);
                std::set<std::string> texts;
                for (const auto& item : items_of(page, "text"))
                    texts.insert(item.value("text", ""));
                for (const auto& arrow : items_of(page, "arrow")) {
                    std::string what = arrow.at("for");
                    CAPTURE(what);
                    REQUIRE(expected.count(what) == 1);
                    CHECK(arrow.at("direction") == expected.at(what));
                    CHECK(arrow.at("text") == glyph_of(arrow.at("direction")));
                    seen[what] = arrow.at("direction");
                    check_arrow_pixels(page, arrow, theme);
                    ++checked;
                    // A chapter's label (+22 since 29 Sep) is drawn beside or under its arrow
                    // on every overview tile, and on the chapter's pages in landscape (in
                    // portrait its summary has room for the arrow alone).
                    bool portrait_chapter = id.rfind("chapter:", 0) == 0 && height > width;
                    if (what.rfind("chapter ", 0) == 0 && !portrait_chapter)
                        CHECK(texts.count(labels.at(what)) == 1);
                }
            }
            for (const auto& chapter : comparison.chapters)
                CHECK(seen.count("chapter " + std::to_string(chapter.number)) == 1);
            for (const char* rec : {"rec 10", "rec 12", "rec 17"}) // chapter 3's first page
                CHECK(seen.count(rec) == 1);
            CHECK(checked >= 12);
        }
    }
    // The desktop's table and the presenter's recommendation page carry them too.
    RenderedPage table =
        render(december, options_with(Mode::desktop, state), "recommendations", 1920, 1080);
    int arrows = 0;
    for (const auto& arrow : items_of(table, "arrow")) {
        if (arrow.value("clipped", false))
            continue;
        CHECK(arrow.at("direction") == expected.at(arrow.at("for").get<std::string>()));
        check_arrow_pixels(table, arrow, dark_theme());
        ++arrows;
    }
    CHECK(arrows >= 10);
    RenderedPage rec = render(december, options_with(Mode::present, state), "rec:14", 1920, 1080);
    std::vector<nlohmann::json> rec_arrows = items_of(rec, "arrow");
    REQUIRE(rec_arrows.size() == 1);
    CHECK(rec_arrows[0].at("direction") == "better");
    CHECK(rec_arrows[0].at("label") == "was green on 29 Sep");
    check_arrow_pixels(rec, rec_arrows[0], dark_theme());
}

TEST_CASE("history: the changes pages list every change, exceptions first, within the budget") {
    RecordedHistory all({v13, v14, v15, v16, v17});
    LivePlan december = live_on(v17);
    REQUIRE(december.load_initial().ok());
    for (auto [since, budget] : {std::pair<std::optional<std::string>, int>{std::nullopt, 2},
                                 std::pair<std::optional<std::string>, int>{"3", 1}}) {
        auto state = state_of(all.db, december, since);
        REQUIRE(state->comparison);
        const history::Comparison& comparison = *state->comparison;
        std::size_t exceptions = 0;
        for (const auto& change : comparison.changes)
            exceptions += change.exception;
        for (auto [width, height] : sizes) {
            CAPTURE(budget);
            DashboardOptions options = options_with(Mode::kiosk, state);
            options.chapter_pages = budget;
            RenderedPage overview = render(december, options, "overview", width, height);
            std::vector<std::string> pages;
            for (const auto& id : rotation_of(overview)) {
                if (id.rfind("changes", 0) == 0)
                    pages.push_back(id);
            }
            REQUIRE_FALSE(pages.empty());
            std::vector<int> positions;
            std::string foot;
            std::size_t per_page = 0; // the first page's rows: what a page holds
            for (const auto& id : pages) {
                RenderedPage page = render(december, options, id, width, height);
                if (per_page == 0)
                    per_page = items_of(page, "change").size();
                CHECK(page.sidecar.at("page_title").get<std::string>().rfind("Changes", 0) == 0);
                for (const auto& change : items_of(page, "change")) {
                    int position = change.at("position");
                    const history::Change& expected =
                        comparison.changes.at(std::size_t(position - 1));
                    CHECK(change.at("text") == history::describe(expected, comparison.as_of));
                    CHECK(change.at("exception") == expected.exception);
                    CHECK(change.at("change_kind") == history::to_string(expected.kind));
                    CHECK(change.at("first_seen").get<std::string>().rfind("first seen ", 0) == 0);
                    positions.push_back(position);
                }
                for (const auto& arrow : items_of(page, "arrow")) {
                    if (arrow.at("for").get<std::string>().rfind("change ", 0) == 0)
                        check_arrow_pixels(page, arrow, dark_theme());
                }
                for (const auto& text : items_of(page, "text")) {
                    if (text.value("parent", "") == "changes-foot")
                        foot = text.at("text");
                }
            }
            // In order, from the first, every exception shown; the rest as the budget allows.
            REQUIRE_FALSE(positions.empty());
            for (std::size_t i = 0; i < positions.size(); ++i)
                CHECK(positions[i] == int(i) + 1);
            CHECK(positions.size() >= exceptions);
            std::size_t left_out = comparison.changes.size() - positions.size();
            REQUIRE(per_page > 0);
            // Within the budget, or as many pages as the exceptions need.
            CHECK(pages.size() <= std::max<std::size_t>(std::size_t(budget),
                                                        (exceptions + per_page - 1) / per_page));
            if (left_out > 0) {
                CHECK(foot == "and " + std::to_string(left_out) +
                                  " more, the least pressing (GET /api/v1/changes)");
            } else {
                CHECK(foot.empty());
            }
            if (!since)
                CHECK(left_out == 0); // the December committee's 14 fit two pages everywhere
        }
    }
    // The desktop lists every one, in a scrolling table.
    auto state = state_of(all.db, december, "3");
    RenderedPage desktop =
        render(december, options_with(Mode::desktop, state), "changes", 1920, 1080);
    CHECK(desktop.sidecar.at("page_title") == "Changes since 7 Jul");
    CHECK(items_of(desktop, "change").size() == state->comparison->changes.size());
}

TEST_CASE("history: no changes since the baseline is said on the page, not left as a blank table") {
    RecordedHistory all({v17});
    LivePlan december = live_on(v17);
    REQUIRE(december.load_initial().ok());
    auto state = state_of(all.db, december, "1"); // the baseline is the plan as it is now
    REQUIRE(state->comparison);
    REQUIRE(state->comparison->changes.empty());
    for (Mode mode : {Mode::kiosk, Mode::desktop}) {
        CAPTURE(int(mode));
        for (auto [width, height] : sizes) {
            RenderedPage page =
                render(december, options_with(mode, state), "changes", width, height);
            bool said = false, header = false;
            for (const auto& item : page.sidecar.at("items")) {
                std::string text = item.value("text", "");
                said |= text.find("Nothing to list") != std::string::npos;
                header |= text == "What changed";
            }
            CHECK(said);
            CHECK_FALSE(header);
        }
    }
}

TEST_CASE("history: the trend has both series at every version, the meetings and the baseline") {
    RecordedHistory all({v13, v14, v15, v16, v17});
    LivePlan december = live_on(v17);
    REQUIRE(december.load_initial().ok());
    auto state = state_of(all.db, december);
    REQUIRE(state->trend.size() == 5);
    for (Mode mode : {Mode::kiosk, Mode::desktop}) {
        for (auto [width, height] : sizes) {
            RenderedPage page = render(december, options_with(mode, state), "trend", width, height);
            std::map<std::string, std::vector<double>> series;
            for (const auto& point : items_of(page, "point"))
                series[point.at("series")].push_back(point.at("value").get<double>());
            REQUIRE(series["compliance"].size() == 5);
            REQUIRE(series["overdue"].size() == 5);
            for (std::size_t i = 0; i < 5; ++i) {
                CHECK(series["compliance"][i] ==
                      doctest::Approx(state->trend[i].compliance.percent()));
                CHECK(series["overdue"][i] == state->trend[i].overdue);
            }
            // Points move right in time, and up with the value.
            std::vector<nlohmann::json> points = items_of(page, "point");
            std::vector<Box> compliance;
            for (const auto& point : points) {
                if (point.at("series") == "compliance")
                    compliance.push_back(box_of(point));
            }
            for (std::size_t i = 1; i < compliance.size(); ++i) {
                CHECK(compliance[i].x > compliance[i - 1].x);
                CHECK(compliance[i].y <= compliance[i - 1].y); // compliance only rose
            }
            std::set<std::string> meetings;
            for (const auto& meeting : items_of(page, "meeting"))
                meetings.insert(meeting.at("date").get<std::string>());
            // From the first version (21 April) to the next committee (8 December).
            CHECK(meetings == std::set<std::string>{"2009-04-28", "2009-06-02", "2009-07-07",
                                                    "2009-09-29", "2009-12-08"});
            std::vector<nlohmann::json> rings = items_of(page, "baseline");
            REQUIRE(rings.size() == 1);
            CHECK(rings[0].at("version") == 4);
            // The time axis has its two ends dated: the first and the last version.
            std::map<std::string, nlohmann::json> ends;
            for (const auto& end : items_of(page, "axis-date"))
                ends[end.at("end")] = end;
            REQUIRE(ends.size() == 2);
            CHECK(ends["first"].at("text") == "21 Apr");
            CHECK(ends["first"].at("labelled") == true);
            CHECK(ends["last"].at("text") == "1 Dec");
            CHECK(ends["last"].at("labelled") == true);
            // The compliance point's colour is the accent, drawn.
            Theme theme = dark_theme();
            Box last = compliance.back();
            CHECK(near(pixel(page, int(last.x + last.w / 2), int(last.y + last.h / 2)),
                       theme.accent));
        }
    }
}

TEST_CASE("history: versions recorded on one day are spaced in their order, clear of the axes") {
    // Three saves of the same plan on one day (recorded at the same time, as --history-import
    // records a reporting date): by time they would pile up at the left edge.
    std::string bytes = read_file(v17);
    std::string pattern = (fs::temp_directory_path() / "actionboard-one-day-XXXXXX").string();
    fs::path scratch = mkdtemp(pattern.data());
    std::vector<fs::path> saves;
    for (std::string edit : {"", " (second save)", " (third save)"}) {
        std::string changed = bytes;
        std::size_t title = changed.find("\"title\": \"");
        REQUIRE(title != std::string::npos);
        changed.insert(changed.find('"', title + 10), edit);
        saves.push_back(scratch / ("save" + std::to_string(saves.size()) + ".json"));
        std::ofstream(saves.back(), std::ios::binary) << changed;
    }
    RecordedHistory one_day(saves);
    LivePlan live = live_on(saves.back());
    REQUIRE(live.load_initial().ok());
    auto state = state_of(one_day.db, live, "1");
    REQUIRE(state->trend.size() == 3);
    for (auto [width, height] : sizes) {
        RenderedPage page = render(live, options_with(Mode::kiosk, state), "trend", width, height);
        std::vector<Box> compliance;
        for (const auto& point : items_of(page, "point")) {
            if (point.at("series") == "compliance")
                compliance.push_back(box_of(point));
        }
        REQUIRE(compliance.size() == 3);
        float step = compliance[1].x - compliance[0].x;
        CHECK(step > float(width) / 4);
        CHECK(compliance[2].x - compliance[1].x == doctest::Approx(step).epsilon(0.01));
        // Clear of the axes' labels: inside the chart, left of the right axis's numbers.
        Box chart{};
        for (const auto& item : page.sidecar.at("items")) {
            if (item.value("id", "") == "trend-chart")
                chart = box_of(item);
        }
        REQUIRE(chart.w > 0);
        CHECK(compliance.front().x > chart.x + chart.w * 0.03f);
        CHECK(compliance.back().x + compliance.back().w < chart.x + chart.w * 0.97f);
        std::vector<nlohmann::json> ends = items_of(page, "axis-date");
        REQUIRE(ends.size() == 2);
        for (const auto& end : ends)
            CHECK(end.at("labelled") == true);
    }
    std::error_code ignored;
    fs::remove_all(scratch, ignored);
}

TEST_CASE("history: unavailable says so in one muted line, off says nothing, neither adds pages") {
    LivePlan december = live_on(v17);
    REQUIRE(december.load_initial().ok());
    fs::path missing = fs::temp_directory_path() / "actionboard-no-such-dir" / "history.sqlite3";
    auto unavailable = state_of(missing, december);
    REQUIRE(unavailable->status == history::HistoryStatus::unavailable);
    auto off = std::make_shared<history::HistoryState>();
    off->generation = 1; // published: --no-history
    for (auto [width, height] : sizes) {
        for (Mode mode : {Mode::kiosk, Mode::desktop}) {
            RenderedPage page =
                render(december, options_with(mode, unavailable), "overview", width, height);
            int lines = 0;
            for (const auto& text : items_of(page, "text")) {
                if (text.value("text", "").rfind("history unavailable: cannot read ", 0) == 0) {
                    ++lines;
                    CHECK(text.value("parent", "") == "banner");
                }
            }
            CHECK(lines == 1);
            CHECK(items_of(page, "arrow").empty());
            if (mode == Mode::kiosk) {
                for (const auto& id : rotation_of(page))
                    CHECK((id.rfind("changes", 0) != 0 && id != "trend"));
            }
            RenderedPage quiet =
                render(december, options_with(mode, off), "overview", width, height);
            for (const auto& text : items_of(quiet, "text"))
                CHECK(text.value("text", "").rfind("history", 0) != 0);
        }
        // The desktop's changes page says why instead of listing.
        RenderedPage changes =
            render(december, options_with(Mode::desktop, unavailable), "changes", width, height);
        bool said = false;
        for (const auto& text : items_of(changes, "text"))
            said = said ||
                   text.value("text", "").rfind("No changes to show: history unavailable", 0) == 0;
        CHECK(said);
    }
}
