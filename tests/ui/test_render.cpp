// Real rendering under Xvfb with Mesa: every page of every mode at the four required sizes.
// The sidecar says what was drawn where; the pixels say what colour it came out.

#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include "dashboard/core/live_plan.hpp"
#include "dashboard/spreadsheet/source.hpp"
#include "dashboard/ui/dashboard.hpp"
#include "dashboard/ui/frame.hpp"
#include "dashboard/ui/theme.hpp"

#include <algorithm>
#include <array>
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

struct Box {
    float x, y, w, h;
};

Box box_of(const nlohmann::json& item) {
    const auto& r = item.at("rect");
    return {r[0].get<float>(), r[1].get<float>(), r[2].get<float>(), r[3].get<float>()};
}

// No pixel of slack: a box that starts even 1 px above its tile is a fault (the portrait
// figures' numbers did), only float rounding is forgiven.
bool inside(const Box& inner, const Box& outer, float tolerance = 0.01f) {
    return inner.x >= outer.x - tolerance && inner.y >= outer.y - tolerance &&
           inner.x + inner.w <= outer.x + outer.w + tolerance &&
           inner.y + inner.h <= outer.y + outer.h + tolerance;
}

std::string show(const nlohmann::json& item) {
    return item.dump();
}

struct PageStats {
    int items = 0;
    int badges_checked = 0;
    int segments_checked = 0;
    int reported_checked = 0; // reported RAGs' outlined badges
    int marks_checked = 0;    // disagreement marks
};

// The pixel at (x, y) is `expected`, within `tolerance` on each channel.
bool pixel_is(const RenderedPage& page, int x, int y, Rgb expected, int tolerance = 12) {
    if (x < 0 || y < 0 || x >= page.width || y >= page.height)
        return false;
    const unsigned char* pixel =
        page.rgba.data() + (std::size_t(y) * std::size_t(page.width) + std::size_t(x)) * 4;
    CAPTURE(int(pixel[0]));
    CAPTURE(int(pixel[1]));
    CAPTURE(int(pixel[2]));
    return std::abs(int(pixel[0]) - int(expected.r)) <= tolerance &&
           std::abs(int(pixel[1]) - int(expected.g)) <= tolerance &&
           std::abs(int(pixel[2]) - int(expected.b)) <= tolerance;
}

// Everything drawn stays inside the screen and inside its tile or region; every badge is the
// colour of its RAG.
PageStats check_page(const RenderedPage& page, const Theme& theme, bool wall) {
    PageStats stats;
    const auto& sidecar = page.sidecar;
    Box screen{0, 0, float(page.width), float(page.height)};
    std::map<std::string, Box> parents{{"screen", screen}};
    for (const auto& item : sidecar.at("items")) {
        if (item.contains("id"))
            parents[item.at("id").get<std::string>()] = box_of(item);
    }
    for (const auto& item : sidecar.at("items")) {
        ++stats.items;
        CAPTURE(show(item));
        Box box = box_of(item);
        bool clipped = item.value("clipped", false);
        if (clipped) // a row cut by a scrolling table's edge: ImGui clips it to the table
            continue;
        CHECK(inside(box, screen));
        std::string parent = item.value("parent", "screen");
        REQUIRE(parents.count(parent) == 1);
        CHECK(inside(box, parents.at(parent)));
        if (item.at("kind") == "badge" && item.contains("rag")) {
            auto rag = parse_rag(item.at("rag").get<std::string>());
            REQUIRE(rag);
            // Sample the badge's fill beside its symbol, halfway down.
            int x = int(box.x + std::max(2.0f, box.h * 0.12f));
            int y = int(box.y + box.h / 2);
            REQUIRE(x >= 0);
            REQUIRE(y >= 0);
            REQUIRE(x < page.width);
            REQUIRE(y < page.height);
            const unsigned char* pixel =
                page.rgba.data() + (std::size_t(y) * std::size_t(page.width) + std::size_t(x)) * 4;
            Rgb expected = theme.rag_colour(*rag);
            CAPTURE(int(pixel[0]));
            CAPTURE(int(pixel[1]));
            CAPTURE(int(pixel[2]));
            CHECK(std::abs(int(pixel[0]) - int(expected.r)) <= 12);
            CHECK(std::abs(int(pixel[1]) - int(expected.g)) <= 12);
            CHECK(std::abs(int(pixel[2]) - int(expected.b)) <= 12);
            ++stats.badges_checked;
        }
        if (item.at("kind") == "reported-badge") {
            // An outline in its RAG's colour: sample the middle of its left stroke, halfway down.
            auto rag = parse_rag(item.at("rag").get<std::string>());
            REQUIRE(rag);
            // (Some pixel across the stroke: an anti-aliased line of 2 px may cover none whole.)
            float stroke = std::max(2.0f, std::round(box.h * 0.12f));
            bool outlined = false;
            for (int x = int(box.x); x <= int(box.x + stroke + 1); ++x)
                outlined =
                    outlined || pixel_is(page, x, int(box.y + box.h / 2), theme.rag_colour(*rag));
            CHECK(outlined);
            // Hollow: just inside its top stroke, above the symbol, is not the RAG's colour
            // (on a badge large enough to tell the stroke, the gap and the symbol apart).
            if (box.h >= 24)
                CHECK_FALSE(pixel_is(page, int(box.x + box.w / 2),
                                     int(box.y + stroke + std::max(2.0f, box.h * 0.06f)),
                                     theme.rag_colour(*rag), 40));
            ++stats.reported_checked;
        }
        if (item.at("kind") == "disagreement") {
            // A triangle in the text colour: inside it low down, clear of the "!".
            CHECK(
                pixel_is(page, int(box.x + box.w * 0.3f), int(box.y + box.h * 0.85f), theme.text));
            // Its top corners are empty (a triangle, not a box).
            CHECK_FALSE(pixel_is(page, int(box.x + 1), int(box.y + 1), theme.text, 40));
            ++stats.marks_checked;
        }
        if (item.at("kind") == "bar-segment" && box.w >= 6 && box.h >= 6) {
            // A chart's segment is its RAG's colour: sample inside its left edge, halfway down
            // (clear of the letter a segment carries in its middle).
            auto rag = parse_rag(item.at("rag").get<std::string>());
            REQUIRE(rag);
            int x = int(box.x + 2.5f), y = int(box.y + box.h / 2);
            const unsigned char* pixel =
                page.rgba.data() + (std::size_t(y) * std::size_t(page.width) + std::size_t(x)) * 4;
            Rgb expected = theme.rag_colour(*rag);
            CHECK(std::abs(int(pixel[0]) - int(expected.r)) <= 12);
            CHECK(std::abs(int(pixel[1]) - int(expected.g)) <= 12);
            CHECK(std::abs(int(pixel[2]) - int(expected.b)) <= 12);
            ++stats.segments_checked;
        }
    }
    if (wall) {
        const auto& fonts = sidecar.at("fonts");
        CHECK(fonts.at("label").get<float>() >= page.height / 40.0f);
        CHECK(fonts.at("body").get<float>() >= page.height / 40.0f);
        CHECK(fonts.at("headline").get<float>() >= page.height / 10.0f);
    }
    return stats;
}

struct Rendered {
    RenderedPage page;
    PageStats stats;
};

// One OpenGL context for the whole test run.
OffscreenRenderer& renderer() {
    static OffscreenRenderer instance;
    return instance;
}

Rendered render_and_check(const LivePlan& live, const DashboardOptions& options,
                          const std::string& page_id, int width, int height) {
    CAPTURE(page_id);
    CAPTURE(width);
    CAPTURE(height);
    Rendered result;
    std::string error;
    ScreenshotRequest request{"", page_id, width, height};
    bool ok = renderer().render(live, options, request, result.page, error);
    INFO(error);
    REQUIRE(ok);
    REQUIRE(result.page.rgba.size() == std::size_t(width) * std::size_t(height) * 4);
    Theme theme = options.light_theme ? light_theme() : dark_theme();
    result.stats = check_page(result.page, theme, options.mode != Mode::desktop);
    CHECK(result.stats.items > 10);
    return result;
}

const std::vector<std::pair<int, int>> sizes = {
    {1280, 720}, {1920, 1080}, {3840, 2160}, {1080, 1920}};

void render_rotation(Mode mode) {
    LivePlan live(LivePlanOptions{});
    REQUIRE(live.load_initial().ok());
    DashboardOptions options;
    options.mode = mode;
    for (auto [width, height] : sizes) {
        Rendered overview = render_and_check(live, options, "overview", width, height);
        std::vector<std::string> pages;
        for (const auto& id : overview.page.sidecar.at("rotation"))
            pages.push_back(id.get<std::string>());
        REQUIRE(pages.size() >= 12); // overview, 8 chapters, deadlines, quality at least
        int badges = overview.stats.badges_checked;
        for (std::size_t i = 1; i < pages.size(); ++i)
            badges += render_and_check(live, options, pages[i], width, height).stats.badges_checked;
        if (mode == Mode::present)
            badges += render_and_check(live, options, "rec:2", width, height).stats.badges_checked;
        CHECK(badges > 50);
    }
}

} // namespace

TEST_CASE("kiosk: every page fits at every size") {
    render_rotation(Mode::kiosk);
}

TEST_CASE("present: every page fits at every size") {
    render_rotation(Mode::present);
}

TEST_CASE("desktop: every page renders at every size") {
    LivePlan live(LivePlanOptions{});
    REQUIRE(live.load_initial().ok());
    DashboardOptions options;
    options.mode = Mode::desktop;
    std::vector<std::string> pages = {"overview", "deadlines", "quality", "recommendations",
                                      "rec:2",    "rec:39",    "rec:58"};
    for (int chapter = 1; chapter <= 8; ++chapter)
        pages.push_back("chapter:" + std::to_string(chapter));
    for (auto [width, height] : sizes) {
        for (const auto& page : pages)
            render_and_check(live, options, page, width, height);
    }
}

TEST_CASE("the light theme's badges carry its own colours") {
    LivePlan live(LivePlanOptions{});
    REQUIRE(live.load_initial().ok());
    for (Mode mode : {Mode::kiosk, Mode::desktop}) {
        DashboardOptions options;
        options.mode = mode;
        options.light_theme = true;
        int badges = 0;
        for (std::string page : {"overview", "chapter:3", "deadlines"})
            badges += render_and_check(live, options, page, 1920, 1080).stats.badges_checked;
        CHECK(badges > 10);
    }
}

TEST_CASE("the present mode's header counts pages") {
    LivePlan live(LivePlanOptions{});
    REQUIRE(live.load_initial().ok());
    DashboardOptions options;
    options.mode = Mode::present;
    Rendered page = render_and_check(live, options, "chapter:1", 1920, 1080);
    std::string counter = page.page.sidecar.at("page_counter");
    std::size_t total = page.page.sidecar.at("rotation").size();
    CHECK(counter == "page 2 of " + std::to_string(total));
}

namespace {

struct PlanFile {
    fs::path dir;
    fs::path file;
    PlanFile() {
        std::string pattern = (fs::temp_directory_path() / "actionboard-ui-XXXXXX").string();
        dir = mkdtemp(pattern.data());
        file = dir / "plan.json";
        std::ifstream in(std::string(ACTIONBOARD_TEST_DATA_DIR) + "/valid/minimal.json");
        std::ostringstream text;
        text << in.rdbuf();
        std::ofstream(file) << text.str();
    }
    ~PlanFile() {
        std::error_code ignored;
        fs::remove_all(dir, ignored);
    }
};

std::string actionboard_read(const fs::path& path) {
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

bool any_text_starts_with(const RenderedPage& page, const std::string& prefix) {
    for (const auto& item : page.sidecar.at("items")) {
        if (item.value("text", "").rfind(prefix, 0) == 0)
            return true;
    }
    return false;
}

} // namespace

TEST_CASE("an invalid reload shows a red banner and keeps the last good plan") {
    PlanFile plan;
    LivePlanOptions live_options;
    live_options.path = plan.file.string();
    live_options.log = [](const std::string&) {};
    LivePlan live(live_options);
    REQUIRE(live.load_initial().ok());
    std::ofstream(plan.file, std::ios::trunc) << "{ \"format\": ";
    fs::last_write_time(plan.file, fs::last_write_time(plan.file) + std::chrono::seconds(2));
    live.poll();
    live.poll();
    REQUIRE(live.state()->degraded);
    DashboardOptions options;
    options.mode = Mode::kiosk;
    Rendered page = render_and_check(live, options, "overview", 1920, 1080);
    CHECK(any_text_starts_with(page.page, "Showing the plan as loaded at "));
    CHECK(page.page.sidecar.at("page_title") == "Compliance by chapter");
    // The banner is red: sample its left edge.
    for (const auto& item : page.page.sidecar.at("items")) {
        if (item.value("id", "") != "banner")
            continue;
        Box box = box_of(item);
        int x = int(box.x + 4), y = int(box.y + box.h / 2);
        const unsigned char* pixel =
            page.page.rgba.data() + (std::size_t(y) * 1920 + std::size_t(x)) * 4;
        Rgb red = dark_theme().banner_error;
        CHECK(std::abs(int(pixel[0]) - int(red.r)) <= 12);
        CHECK(std::abs(int(pixel[1]) - int(red.g)) <= 12);
    }
}

TEST_CASE("data older than --stale-days shows the amber warning") {
    PlanFile plan;
    fs::last_write_time(plan.file, fs::file_time_type::clock::now() - std::chrono::hours(24 * 30));
    LivePlanOptions live_options;
    live_options.path = plan.file.string();
    LivePlan live(live_options);
    REQUIRE(live.load_initial().ok());
    DashboardOptions options;
    options.mode = Mode::kiosk;
    options.stale_days = 14;
    CHECK(any_text_starts_with(render_and_check(live, options, "overview", 1920, 1080).page,
                               "Data may be out of date"));
    options.stale_days = 60;
    CHECK_FALSE(any_text_starts_with(render_and_check(live, options, "overview", 1920, 1080).page,
                                     "Data may be out of date"));
}

TEST_CASE(
    "a recommendation's page: no text cut while its panel has room, and portrait stacks them") {
    LivePlan live{LivePlanOptions{}}; // the embedded plan
    REQUIRE(live.load_initial().ok());
    DashboardOptions options;
    options.mode = Mode::kiosk;
    auto boxes = [](const Rendered& page) {
        std::map<std::string, Box> found;
        for (const auto& item : page.page.sidecar.at("items")) {
            std::string id = item.value("id", "");
            if (id == "rec-text" || id == "rec-local")
                found[id] = box_of(item);
        }
        return found;
    };
    // Recommendation 1: the Government's deadline is a sentence, the response four lines. They
    // were cut at three lines, the deadline off the end of the heading, with half the panel empty.
    for (auto [width, height] : {std::pair{1280, 720}, {1920, 1080}, {3840, 2160}}) {
        Rendered page = render_and_check(live, options, "rec:1", width, height);
        for (const auto& item : page.page.sidecar.at("items")) {
            std::string parent = item.value("parent", "");
            if (parent != "rec-text" && parent != "rec-local")
                continue;
            CAPTURE(item.value("text", ""));
            CHECK_FALSE(item.contains("shown")); // drawn whole
        }
        CHECK(any_text_starts_with(page.page, "Government response"));
        auto found = boxes(page);
        REQUIRE(found.size() == 2);
        CHECK(found["rec-local"].x > found["rec-text"].x); // side by side
    }
    // Portrait: one above the other, each the full width.
    Rendered portrait = render_and_check(live, options, "rec:1", 1080, 1920);
    auto found = boxes(portrait);
    REQUIRE(found.size() == 2);
    CHECK(found["rec-local"].y >= found["rec-text"].y + found["rec-text"].h);
    CHECK(found["rec-local"].w == doctest::Approx(found["rec-text"].w));
    CHECK(found["rec-text"].w > 1080 * 0.9f);
}

TEST_CASE("a page that does not exist is refused, not drawn") {
    LivePlan live(LivePlanOptions{});
    REQUIRE(live.load_initial().ok());
    DashboardOptions options;
    options.mode = Mode::kiosk;
    RenderedPage page;
    std::string error;
    CHECK_FALSE(renderer().render(live, options, {"", "chapter:99", 1280, 720}, page, error));
    CHECK(error.find("no such page") != std::string::npos);
}

TEST_CASE("Esc: the kiosk ignores it unless --allow-exit, the presenter closes, then goes home") {
    LivePlan live(LivePlanOptions{});
    REQUIRE(live.load_initial().ok());
    const Snapshot& snapshot = *live.current();
    DashboardOptions kiosk;
    kiosk.mode = Mode::kiosk;
    UiState state;
    state.mode = Mode::kiosk;
    state.pending_keys = {Key::escape};
    CHECK(apply_keys(state, snapshot, kiosk));
    CHECK(state.pending_keys.empty());
    kiosk.allow_exit = true;
    state.pending_keys = {Key::escape};
    CHECK_FALSE(apply_keys(state, snapshot, kiosk));

    // Present mode: no single key ends it (issue "real rooms", item 2; keys.hpp).
    DashboardOptions present;
    present.mode = Mode::present;
    UiState presenter;
    presenter.mode = Mode::present;
    presenter.rotation = rotation(*snapshot.plan, snapshot.view, ChapterRows{4, 8, 9, 16}, 2);
    presenter.page_index = 3;
    presenter.open_ref = "12";
    presenter.pending_keys = {Key::escape};
    CHECK(apply_keys(presenter, snapshot, present)); // closes the recommendation
    CHECK_FALSE(presenter.open_ref);
    CHECK(presenter.page_index == 3);
    presenter.pending_keys = {Key::escape, Key::start_overview, Key::escape};
    CHECK(apply_keys(presenter, snapshot, present)); // then the overview, never the end
    CHECK(presenter.page_index == 0);
    presenter.pending_keys = {Key::next, Key::quit};
    CHECK_FALSE(apply_keys(presenter, snapshot, present)); // Ctrl+Q

    // The kiosk ignores navigation keys: it rotates on its own.
    state.pending_keys = {Key::next, Key::next};
    state.page_index = 0;
    kiosk.allow_exit = false;
    CHECK(apply_keys(state, snapshot, kiosk));
    CHECK(state.page_index == 0);
    CHECK(state.pending_keys.empty());
}

namespace {

LivePlan load_data_file(const std::string& relative) {
    LivePlanOptions options;
    options.path = std::string(ACTIONBOARD_TEST_DATA_DIR) + "/" + relative;
    options.log = [](const std::string&) {};
    return LivePlan(options);
}

std::vector<std::string> rotation_of(const RenderedPage& page) {
    std::vector<std::string> ids;
    for (const auto& id : page.sidecar.at("rotation"))
        ids.push_back(id.get<std::string>());
    return ids;
}

int rag_rank(const std::string& rag) {
    return rag == "red" ? 0 : rag == "amber" ? 1 : 2;
}

} // namespace

TEST_CASE("a chapter of 300 on the wall: red and amber first and all shown, the rest counted") {
    // forty-exceptions.json (40 red or amber) for the 5-minute goal; plan.json as found (100).
    for (auto [file, exceptions] : {std::pair{"cases/x2-300-recs/forty-exceptions.json", 40},
                                    std::pair{"cases/x2-300-recs/plan.json", 100}}) {
        CAPTURE(file);
        LivePlan live = load_data_file(file);
        REQUIRE(live.load_initial().ok());
        const Snapshot& snapshot = *live.current();
        std::map<std::string, std::string> rag_of; // ref -> RAG
        for (std::size_t i = 0; i < snapshot.plan->recommendations.size(); ++i)
            rag_of[snapshot.plan->recommendations[i].ref] =
                std::string(to_string(snapshot.view.recommendations[i].rag));
        for (bool light : {false, true}) {
            DashboardOptions options;
            options.mode = Mode::kiosk;
            options.light_theme = light;
            for (auto [width, height] : sizes) {
                CAPTURE(light);
                Rendered overview = render_and_check(live, options, "overview", width, height);
                std::vector<std::string> pages = rotation_of(overview.page);
                if (exceptions == 40)
                    CHECK(pages.size() * 20 < 300); // under 5 minutes at the default cycle
                std::set<std::string> shown;
                std::map<std::string, int> counted; // "on track" -> 200, from the summary line
                int previous = 0, chapter_pages = 0;
                for (const auto& id : pages) {
                    if (id.rfind("chapter:1", 0) != 0) { // every other page still fits
                        render_and_check(live, options, id, width, height);
                        continue;
                    }
                    ++chapter_pages;
                    Rendered page = render_and_check(live, options, id, width, height);
                    bool first = id == "chapter:1" || id == "chapter:1/1";
                    bool key_points = false;
                    for (const auto& item : page.page.sidecar.at("items")) {
                        std::string item_id = item.value("id", "");
                        key_points |= item_id == "key-points" || item_id == "local-position";
                        if (item_id.rfind("rec-", 0) == 0) {
                            std::string ref = item_id.substr(4);
                            CHECK(shown.insert(ref).second); // on one page only
                            int rank = rag_rank(rag_of.at(ref));
                            CHECK(rank >= previous); // red, then amber, then the rest
                            previous = rank;
                        }
                        if (item.value("parent", "") == "hidden-summary" &&
                            item.at("kind") == "text") {
                            std::string text = item.at("text");
                            if (text == "every one on the desktop and in the feed")
                                continue;
                            REQUIRE(text.size() > 2);
                            CHECK(text[0] == '+');
                            std::size_t space = text.find(' ');
                            counted[text.substr(space + 1)] += std::stoi(text.substr(1, space - 1));
                        }
                    }
                    CHECK(key_points ==
                          first); // the key points and local position: first page only
                }
                CHECK(chapter_pages >= 2);
                int red_amber = 0;
                for (const auto& [ref, rag] : rag_of) {
                    if (rag_rank(rag) < 2) {
                        ++red_amber;
                        CHECK(shown.count(ref) == 1);
                    }
                }
                CHECK(red_amber == exceptions);
                std::map<std::string, int> hidden;
                for (const auto& [ref, rag] : rag_of) {
                    if (shown.count(ref) == 0)
                        ++hidden[rag == "green"  ? "on track"
                                 : rag == "blue" ? "complete"
                                                 : "no due date"];
                }
                CHECK(counted == hidden);
                CHECK(int(shown.size()) + counted["on track"] + counted["complete"] +
                          counted["no due date"] ==
                      300);
            }
        }
    }
}

namespace {

std::vector<nlohmann::json> children_of(const RenderedPage& page, const std::string& parent) {
    std::vector<nlohmann::json> children;
    for (const auto& item : page.sidecar.at("items")) {
        if (item.value("parent", "") == parent)
            children.push_back(item);
    }
    return children;
}

// The height of `tile` that nothing drawn in it covers: above its first item, below its last,
// and any gap between items taller than a line of label text (spacing is not emptiness).
float unused_height(const nlohmann::json& tile, const std::vector<nlohmann::json>& children,
                    float label_line) {
    Box box = box_of(tile);
    std::vector<std::pair<float, float>> spans;
    for (const auto& child : children) {
        Box b = box_of(child);
        if (b.h > 0)
            spans.push_back({b.y, b.y + b.h});
    }
    if (spans.empty())
        return box.h;
    std::sort(spans.begin(), spans.end());
    float unused = spans.front().first - box.y;
    float reach = spans.front().second;
    for (const auto& [top, bottom] : spans) {
        if (top - reach > label_line)
            unused += top - reach;
        reach = std::max(reach, bottom);
    }
    return unused + (box.y + box.h - reach);
}

// Overview pages as the kiosk shows them: every slice of the overview in the rotation.
std::vector<Rendered> overview_slices(const LivePlan& live, const DashboardOptions& options,
                                      int width, int height) {
    std::vector<Rendered> pages;
    pages.push_back(render_and_check(live, options, "overview", width, height));
    std::vector<std::string> ids = rotation_of(pages.front().page);
    pages.clear();
    for (const auto& id : ids) {
        if (id.rfind("overview", 0) == 0)
            pages.push_back(render_and_check(live, options, id, width, height));
    }
    return pages;
}

} // namespace

TEST_CASE("a chapter with no key points and no local position gets no empty boxes on the wall") {
    LivePlan live = load_data_file("valid/minimal.json"); // chapter 1 has both, chapter 2 neither
    REQUIRE(live.load_initial().ok());
    DashboardOptions options;
    options.mode = Mode::kiosk;
    auto panels = [](const Rendered& page) {
        std::set<std::string> ids;
        for (const auto& item : page.page.sidecar.at("items"))
            ids.insert(item.value("id", ""));
        return ids;
    };
    for (auto [width, height] : {std::pair{1920, 1080}, {1080, 1920}}) {
        Rendered with = render_and_check(live, options, "chapter:1", width, height);
        CHECK(panels(with).count("key-points") == 1);
        CHECK(panels(with).count("local-position") == 1);
        Rendered without = render_and_check(live, options, "chapter:2", width, height);
        CHECK(panels(without).count("key-points") == 0);
        CHECK(panels(without).count("local-position") == 0);
        CHECK_FALSE(any_text_starts_with(without.page, "No key points recorded"));
        CHECK(panels(without).count("recommendations") == 1);
    }
}

TEST_CASE("overview tiles: titles wrap before they are cut, and no tile is a quarter empty") {
    struct Case {
        std::string file; // empty: the embedded Laming plan
        bool long_titles;
    };
    for (const Case& plan :
         {Case{"", false}, Case{"cases/c03-long-chapter-title/plan.json", true},
          Case{"valid/council-refs.json", false}, Case{"valid/one-chapter.json", false},
          Case{"cases/x4-empty-local-position/plan-empty-string.json", false},
          Case{"valid/reported-rag.json", false}}) {
        CAPTURE(plan.file);
        LivePlan live = plan.file.empty() ? LivePlan(LivePlanOptions{}) : load_data_file(plan.file);
        REQUIRE(live.load_initial().ok());
        const Snapshot& snapshot = *live.current();
        for (auto [mode, light] : {std::pair{Mode::kiosk, false}, std::pair{Mode::kiosk, true},
                                   std::pair{Mode::desktop, false}}) {
            DashboardOptions options;
            options.mode = mode;
            options.light_theme = light;
            for (auto [width, height] : sizes) {
                CAPTURE(light);
                CAPTURE(int(mode));
                int tiles = 0, figures = 0;
                std::vector<Rendered> pages = mode == Mode::desktop
                                                  ? std::vector<Rendered>{render_and_check(
                                                        live, options, "overview", width, height)}
                                                  : overview_slices(live, options, width, height);
                for (const Rendered& rendered : pages) {
                    const RenderedPage& page = rendered.page;
                    CAPTURE(page.sidecar.at("page").get<std::string>());
                    float label_line = page.sidecar.at("fonts").at("label").get<float>() * 1.25f;
                    for (const auto& item : page.sidecar.at("items")) {
                        std::string id = item.value("id", "");
                        bool tile = id.rfind("chapter-", 0) == 0;
                        bool figure = id.rfind("figure-", 0) == 0;
                        if (!tile && !figure)
                            continue;
                        CAPTURE(id);
                        std::vector<nlohmann::json> children = children_of(page, id);
                        REQUIRE_FALSE(children.empty());
                        float unused = unused_height(item, children, label_line);
                        CHECK(unused < 0.25f * box_of(item).h);
                        tiles += tile;
                        figures += figure;
                        for (const auto& child : children) {
                            if (child.at("kind") != "text")
                                continue;
                            std::string text = child.value("text", "");
                            CAPTURE(text);
                            if (figure) { // captions whole ("Overdue milest…" was cut)
                                CHECK_FALSE(child.value("truncated", false));
                                continue;
                            }
                            bool title = text.rfind(id.substr(8) + "  ", 0) == 0;
                            if (!title)
                                continue;
                            if (child.value("truncated", false)) {
                                // Cut only after wrapping to two lines, and never to a stub.
                                CHECK(child.value("lines", 0) == 2);
                                CHECK(child.value("shown", 0) >= 12);
                                CHECK(plan.long_titles);
                            }
                        }
                    }
                }
                CHECK(tiles == int(snapshot.plan->chapters.size()));
                // A sixth for a plan with reported RAGs: the disagreements.
                CHECK(figures == (snapshot.view.overall.reported_rags > 0 ? 6 : 5));
            }
        }
    }
}

TEST_CASE("charts: the overview's RAG mix and the deadlines by month are drawn to scale") {
    LivePlan live(LivePlanOptions{});
    REQUIRE(live.load_initial().ok());
    const Snapshot& snapshot = *live.current();
    const PlanView& view = snapshot.view;
    for (bool light : {false, true}) {
        for (Mode mode : {Mode::kiosk, Mode::desktop}) {
            DashboardOptions options;
            options.mode = mode;
            options.light_theme = light;
            for (auto [width, height] : sizes) {
                CAPTURE(light);
                CAPTURE(int(mode));
                // Overview: each chapter's bar, one segment per RAG present, widths to scale.
                std::vector<Rendered> overview =
                    mode == Mode::kiosk ? overview_slices(live, options, width, height)
                                        : std::vector<Rendered>{render_and_check(
                                              live, options, "overview", width, height)};
                int bars = 0;
                for (const Rendered& rendered : overview) {
                    for (std::size_t c = 0; c < snapshot.plan->chapters.size(); ++c) {
                        std::string id =
                            "chapter-" + std::to_string(snapshot.plan->chapters[c].number);
                        std::vector<nlohmann::json> children = children_of(rendered.page, id);
                        if (children.empty())
                            continue; // on another slice
                        CAPTURE(id);
                        ++bars;
                        const Counts& counts = view.chapters[c].counts;
                        std::map<std::string, int> badges; // RAG -> counted badge shown
                        int total = 0, segments = 0;
                        float unit = -1, next_x = -1;
                        for (const auto& child : children) {
                            if (child.at("kind") == "badge" && child.contains("rag"))
                                ++badges[child.at("rag").get<std::string>()];
                            if (child.at("kind") != "bar-segment")
                                continue;
                            ++segments;
                            Box b = box_of(child);
                            int count = child.at("count");
                            auto rag = parse_rag(child.at("rag").get<std::string>());
                            REQUIRE(rag);
                            CHECK(count == counts.by_rag[int(*rag)]);
                            total += count;
                            if (unit < 0)
                                unit = b.w / float(count);
                            CHECK(std::abs(b.w - unit * float(count)) < 0.5f);
                            if (next_x >= 0)
                                CHECK(std::abs(b.x - next_x) < 0.5f); // stacked, no gaps
                            next_x = b.x + b.w;
                        }
                        CHECK(total == counts.recommendations);
                        for (Rag rag : {Rag::red, Rag::amber, Rag::green, Rag::blue, Rag::none}) {
                            if (counts.by_rag[int(rag)] > 0) // never by colour alone
                                CHECK(badges[std::string(to_string(rag))] >= 1);
                        }
                        CHECK(segments > 0);
                    }
                }
                CHECK(bars == int(snapshot.plan->chapters.size()));

                // Deadlines: stacked bars by month, one scale for the page, counts by RAG.
                Rendered deadlines = render_and_check(live, options, "deadlines", width, height);
                std::array<int, rag_count> by_rag{}, expected{};
                for (const Milestone& milestone : view.milestones) {
                    if (milestone.reading.kind == MilestoneKind::dated)
                        ++expected[std::size_t(int(milestone.rag))];
                }
                float unit = -1;
                bool now_marked = false;
                std::map<std::string, std::map<std::string, int>> callouts; // month -> RAG -> n
                std::vector<nlohmann::json> segments;
                for (const auto& item : deadlines.page.sidecar.at("items")) {
                    std::string parent = item.value("parent", "");
                    if (item.at("kind") == "text" &&
                        item.value("text", "") == "Jul 09 \xE2\x97\x8F")
                        now_marked = true; // the as-of month, 7 July 2009
                    if (item.at("kind") == "badge" && parent.rfind("month-", 0) == 0) {
                        std::string text = item.at("text");
                        callouts[parent][item.at("rag").get<std::string>()] =
                            std::stoi(text.substr(text.find(' ') + 1));
                    }
                    if (item.at("kind") == "bar-segment")
                        segments.push_back(item);
                }
                CHECK(now_marked);
                REQUIRE_FALSE(segments.empty());
                for (const auto& segment : segments) {
                    CAPTURE(show(segment));
                    Box b = box_of(segment);
                    int count = segment.at("count");
                    std::string rag = segment.at("rag");
                    by_rag[std::size_t(int(*parse_rag(rag)))] += count;
                    if (unit < 0)
                        unit = b.h / float(count);
                    CHECK(std::abs(b.h - unit * float(count)) < 0.5f); // one scale for all
                    // Each part has its badge and count beside the bar (RAG never by colour).
                    CHECK(callouts[segment.at("parent").get<std::string>()][rag] == count);
                }
                CHECK(unit > 0);
                CHECK(by_rag == expected);
                CHECK(deadlines.stats.segments_checked > 0); // and their colours sampled
            }
        }
    }
}

TEST_CASE("desktop tables cut a long lead with an ellipsis inside its cell") {
    PlanFile plan;
    nlohmann::json data = nlohmann::json::parse(actionboard_read(plan.file));
    const std::string lead = "Assistant Director of Children's Services (Safeguarding, Quality "
                             "Assurance and Partnerships) with the Local Safeguarding Children "
                             "Board's business manager";
    data["recommendations"][0]["milestones"][0]["lead"] = lead;
    std::ofstream(plan.file, std::ios::trunc) << data.dump();
    LivePlanOptions live_options;
    live_options.path = plan.file.string();
    LivePlan live(live_options);
    REQUIRE(live.load_initial().ok());
    std::string ref = live.current()->plan->recommendations[0].ref;
    DashboardOptions options;
    options.mode = Mode::desktop;
    for (auto [width, height] : sizes) {
        // The milestone table of the recommendation, and the recommendations table.
        for (const std::string& page : {"rec:" + ref, std::string("recommendations")}) {
            CAPTURE(page);
            Rendered rendered = render_and_check(live, options, page, width, height);
            int found = 0;
            for (const auto& item : rendered.page.sidecar.at("items")) {
                if (item.at("kind") != "text" || item.value("text", "") != lead)
                    continue;
                ++found;
                CHECK(item.value("truncated", false)); // "Assistant Director of Chil…"
                CHECK(item.value("shown", 0) > 3);
                std::string parent = item.value("parent", "");
                CHECK(parent.size() > 5);
                CHECK(parent.substr(parent.size() - 5) == "-lead"); // inside its cell
            }
            CHECK(found == 1);
        }
    }
}

// [SECTION] The reported RAG (issue 11): beside the computed one, disagreements marked by shape

namespace {

// The items of `kind` on the page, and those whose text starts with `prefix`.
std::vector<nlohmann::json> items_of(const RenderedPage& page, const std::string& kind,
                                     const std::string& prefix = "") {
    std::vector<nlohmann::json> found;
    for (const auto& item : page.sidecar.at("items")) {
        if (item.at("kind") == kind && item.value("text", "").rfind(prefix, 0) == 0)
            found.push_back(item);
    }
    return found;
}

bool has_text(const RenderedPage& page, const std::string& text) {
    for (const auto& item : page.sidecar.at("items")) {
        if (item.at("kind") == "text" && item.value("text", "") == text)
            return true;
    }
    return false;
}

// The number drawn in the overview's disagreement figure; -1 when there is none.
int disagreement_figure(const RenderedPage& page) {
    for (const auto& item : page.sidecar.at("items")) {
        if (item.value("parent", "") == "figure-rag-disagreements" && item.at("kind") == "text" &&
            item.value("text", "") != "Reported RAG disagrees")
            return std::stoi(item.at("text").get<std::string>());
    }
    return -1;
}

LivePlan spreadsheet_plan(const std::string& relative, const std::string& as_of) {
    LivePlanOptions options;
    options.path = std::string(ACTIONBOARD_TEST_DATA_DIR) + "/" + relative;
    options.log = [](const std::string&) {};
    options.parse = spreadsheet::plan_source_parser();
    options.as_of = *parse_as_of(as_of); // a workbook's date is its file's: fix the day
    return LivePlan(options);
}

} // namespace

TEST_CASE("reported RAG: beside the computed RAG on the wall, disagreements marked and counted") {
    // tests/data/valid/reported-rag.json: 6 of 7 recommendations report a RAG; 1 (reported green,
    // a milestone overdue), 2 (reported red, on track) and 7 (reported amber, on track) disagree.
    LivePlan live = load_data_file("valid/reported-rag.json");
    REQUIRE(live.load_initial().ok());
    REQUIRE(live.current()->view.overall.rag_disagreements == 3);
    for (bool light : {false, true}) {
        for (Mode mode : {Mode::kiosk, Mode::present}) {
            DashboardOptions options;
            options.mode = mode;
            options.light_theme = light;
            for (auto [width, height] : sizes) {
                CAPTURE(light);
                CAPTURE(int(mode));
                Rendered overview = render_and_check(live, options, "overview", width, height);
                CHECK(disagreement_figure(overview.page) == 3);
                CHECK(overview.stats.marks_checked >= 2);   // the figure's and the legend's
                CHECK(has_text(overview.page, "Reported")); // the legend explains both
                CHECK(has_text(overview.page, "Disagrees"));

                // Chapter 1: refs 1, 2 and 3 report; 1 and 2 disagree.
                Rendered chapter = render_and_check(live, options, "chapter:1", width, height);
                CHECK(has_text(chapter.page, "Reported")); // the column's heading
                auto reported = items_of(chapter.page, "reported-badge", "rec ");
                CHECK(reported.size() == 3);
                auto marks = items_of(chapter.page, "disagreement", "rec ");
                REQUIRE(marks.size() == 2);
                std::set<std::string> marked;
                for (const auto& mark : marks)
                    marked.insert(mark.at("text").get<std::string>());
                CHECK(marked ==
                      std::set<std::string>{"rec 1: Reported green, but the deadlines say red",
                                            "rec 2: Reported red, but the deadlines say green"});
                for (const auto& badge : reported) {
                    if (badge.at("text") == "rec 1: Reported green, but the deadlines say red")
                        CHECK(badge.at("rag") == "green");
                }
                CHECK(chapter.stats.reported_checked >= 3);
                CHECK(chapter.stats.marks_checked >= 2);

                // The overdue list: rec 1's milestone is marked, rec 6's (nothing reported) not.
                Rendered deadlines = render_and_check(live, options, "deadlines", width, height);
                auto deadline_marks = items_of(deadlines.page, "disagreement", "rec ");
                REQUIRE(deadline_marks.size() == 1);
                CHECK(deadline_marks[0].at("parent") == "overdue");

                if (mode == Mode::present) { // a recommendation opened in full: the sentence
                    Rendered rec = render_and_check(live, options, "rec:1", width, height);
                    CHECK(items_of(rec.page, "disagreement", "rec 1: ").size() == 1);
                    CHECK(items_of(rec.page, "reported-badge", "rec 1: ").size() == 1);
                    CHECK(items_of(rec.page, "text",
                                   "Overdue  \xC2\xB7  Reported green, but the "
                                   "deadlines say red")
                              .size() == 1);
                    Rendered agreeing = render_and_check(live, options, "rec:3", width, height);
                    CHECK(items_of(agreeing.page, "reported-badge", "rec 3: ").size() == 1);
                    CHECK(items_of(agreeing.page, "disagreement").size() == 1); // the legend's
                }
            }
        }
    }
}

TEST_CASE("reported RAG on the desktop: a column of its own, the detail's sentence, the count") {
    LivePlan live = load_data_file("valid/reported-rag.json");
    REQUIRE(live.load_initial().ok());
    DashboardOptions options;
    options.mode = Mode::desktop;
    for (auto [width, height] : sizes) {
        CAPTURE(width);
        CAPTURE(height);
        Rendered overview = render_and_check(live, options, "overview", width, height);
        CHECK(disagreement_figure(overview.page) == 3);
        Rendered table = render_and_check(live, options, "recommendations", width, height);
        CHECK(items_of(table.page, "reported-badge", "rec ").size() == 6);
        CHECK(items_of(table.page, "disagreement", "rec ").size() == 3);
        CHECK(table.stats.reported_checked >= 6);
        CHECK(table.stats.marks_checked >= 3);
        Rendered detail = render_and_check(live, options, "rec:1", width, height);
        CHECK(items_of(detail.page, "disagreement", "rec 1: ").size() == 1);
        CHECK(has_text(detail.page, "Reported green, but the deadlines say red"));
        Rendered agreeing = render_and_check(live, options, "rec:4", width, height);
        CHECK(has_text(agreeing.page, "Reported blue"));
        CHECK(items_of(agreeing.page, "disagreement", "rec ").empty());
    }
}

TEST_CASE("reported RAG from a workbook's RAG column: council.xlsx, one disagreement") {
    // Reported green, amber, blue, red and one empty; as of 15 May 2024 ref 1's first milestone
    // (31 March) is overdue, so its reported green disagrees; 2 and 4a have no dated milestone.
    LivePlan live = spreadsheet_plan("spreadsheets/council.xlsx", "2024-05-15");
    REQUIRE(live.load_initial().ok());
    REQUIRE(live.current()->view.overall.reported_rags == 4);
    for (Mode mode : {Mode::kiosk, Mode::desktop}) {
        DashboardOptions options;
        options.mode = mode;
        for (auto [width, height] : sizes) {
            CAPTURE(int(mode));
            Rendered overview = render_and_check(live, options, "overview", width, height);
            CHECK(disagreement_figure(overview.page) == 1);
            Rendered chapter = render_and_check(live, options, "chapter:1", width, height);
            CHECK(items_of(chapter.page, "reported-badge", "rec ").size() == 2); // refs 1 and 2
            auto marks = items_of(chapter.page, "disagreement", "rec ");
            REQUIRE(marks.size() == 1);
            CHECK(marks[0].at("text") == "rec 1: Reported green, but the deadlines say red");
        }
    }
}

TEST_CASE("a plan without reported RAGs shows no reported column, mark or count") {
    for (std::string file : {"", "valid/minimal.json"}) {
        CAPTURE(file);
        LivePlan live = file.empty() ? LivePlan(LivePlanOptions{}) : load_data_file(file);
        REQUIRE(live.load_initial().ok());
        REQUIRE(live.current()->view.overall.reported_rags == 0);
        for (Mode mode : {Mode::kiosk, Mode::present, Mode::desktop}) {
            DashboardOptions options;
            options.mode = mode;
            CAPTURE(int(mode));
            for (std::string page :
                 {"overview", "chapter:1", "deadlines", "rec:1", "recommendations"}) {
                if (page == "recommendations" && mode != Mode::desktop)
                    continue;
                CAPTURE(page);
                Rendered rendered = render_and_check(live, options, page, 1920, 1080);
                CHECK(disagreement_figure(rendered.page) == -1);
                CHECK(items_of(rendered.page, "reported-badge").empty());
                CHECK(items_of(rendered.page, "disagreement").empty());
                CHECK_FALSE(has_text(rendered.page, "Reported"));
                CHECK_FALSE(has_text(rendered.page, "Disagrees"));
            }
        }
    }
}
