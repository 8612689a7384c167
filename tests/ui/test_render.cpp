// Real rendering under Xvfb with Mesa: every page of every mode at the four required sizes.
// The sidecar says what was drawn where; the pixels say what colour it came out.

#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include "dashboard/core/live_plan.hpp"
#include "dashboard/ui/dashboard.hpp"
#include "dashboard/ui/frame.hpp"
#include "dashboard/ui/theme.hpp"

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

bool inside(const Box& inner, const Box& outer, float tolerance = 1.0f) {
    return inner.x >= outer.x - tolerance && inner.y >= outer.y - tolerance &&
           inner.x + inner.w <= outer.x + outer.w + tolerance &&
           inner.y + inner.h <= outer.y + outer.h + tolerance;
}

std::string show(const nlohmann::json& item) { return item.dump(); }

struct PageStats {
    int items = 0;
    int badges_checked = 0;
};

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

const std::vector<std::pair<int, int>> sizes = {{1280, 720}, {1920, 1080}, {3840, 2160}, {1080, 1920}};

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

TEST_CASE("kiosk: every page fits at every size") { render_rotation(Mode::kiosk); }

TEST_CASE("present: every page fits at every size") { render_rotation(Mode::present); }

TEST_CASE("desktop: every page renders at every size") {
    LivePlan live(LivePlanOptions{});
    REQUIRE(live.load_initial().ok());
    DashboardOptions options;
    options.mode = Mode::desktop;
    std::vector<std::string> pages = {"overview", "deadlines", "quality", "recommendations",
                                      "rec:2", "rec:39", "rec:58"};
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

TEST_CASE("Esc: the kiosk ignores it unless --allow-exit; the presenter closes, then goes home") {
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
    presenter.rotation = rotation(*snapshot.plan, 5);
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
