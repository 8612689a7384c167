// Every letter of the plan is drawn (issue "The dashboard on real plans, in real rooms", item 1):
// the atlas holds the characters the plan uses, at every size; a reload that brings new ones
// rebuilds it; a character the font lacks is drawn as U+FFFD and listed. Real rendering under
// Xvfb: the pixels say what was drawn, the sidecar says where.

#include "dashboard/core/live_plan.hpp"
#include "dashboard/core/plan_text.hpp"
#include "dashboard/ui/dashboard.hpp"
#include "dashboard/ui/fonts.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <tuple>
#include <unistd.h>
#include <vector>

using namespace actionboard;
using namespace actionboard::ui;
namespace fs = std::filesystem;

namespace {

const fs::path data_dir = ACTIONBOARD_TEST_DATA_DIR;

std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// `text` with every character past Latin-1 replaced by `replacement` (UTF-8).
std::string replace_beyond_latin1(std::string_view text, std::string_view replacement) {
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t start = i;
        char32_t code_point = 0;
        for_each_code_point(text.substr(i, std::min<std::size_t>(4, text.size() - i)),
                            [&code_point, first = true](char32_t c) mutable {
                                if (first)
                                    code_point = c;
                                first = false;
                            });
        unsigned char lead = static_cast<unsigned char>(text[i]);
        i += lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        if (code_point > 0xFF)
            out += replacement;
        else
            out += text.substr(start, i - start);
    }
    return out;
}

bool beyond_latin1(std::string_view text) {
    bool found = false;
    for_each_code_point(text, [&found](char32_t c) { found = found || c > 0xFF; });
    return found;
}

struct PlanDir {
    fs::path dir;
    PlanDir() {
        std::string pattern = (fs::temp_directory_path() / "actionboard-glyphs-XXXXXX").string();
        dir = mkdtemp(pattern.data());
    }
    ~PlanDir() {
        std::error_code ignored;
        fs::remove_all(dir, ignored);
    }
    fs::path write(const std::string& name, const std::string& text) const {
        std::ofstream(dir / name, std::ios::binary | std::ios::trunc) << text;
        return dir / name;
    }
};

// One OpenGL context for the file; its font atlas lives across pages, as the live window's.
OffscreenRenderer& renderer() {
    static OffscreenRenderer instance;
    return instance;
}

RenderedPage render(const LivePlan& live, Mode mode, const std::string& page, int width,
                    int height) {
    CAPTURE(page);
    CAPTURE(width);
    DashboardOptions options;
    options.mode = mode;
    RenderedPage out;
    std::string error;
    bool ok = renderer().render(live, options, {"", page, width, height}, out, error);
    INFO(error);
    REQUIRE(ok);
    return out;
}

struct Box {
    int x0, y0, x1, y1;
};

Box box_of(const nlohmann::json& item, const RenderedPage& page) {
    const auto& r = item.at("rect");
    int x0 = std::max(0, int(r[0].get<float>())), y0 = std::max(0, int(r[1].get<float>()));
    int x1 = std::min(page.width, int(std::ceil(r[0].get<float>() + r[2].get<float>())) + 1);
    int y1 = std::min(page.height, int(std::ceil(r[1].get<float>() + r[3].get<float>())) + 1);
    return {x0, y0, x1, y1};
}

// Pixels that differ between two pages of the same size within `box`.
int differing_pixels(const RenderedPage& a, const RenderedPage& b, Box box) {
    REQUIRE(a.width == b.width);
    REQUIRE(a.height == b.height);
    int count = 0;
    for (int y = box.y0; y < box.y1; ++y) {
        for (int x = box.x0; x < box.x1; ++x) {
            std::size_t at = (std::size_t(y) * std::size_t(a.width) + std::size_t(x)) * 4;
            if (a.rgba[at] != b.rgba[at] || a.rgba[at + 1] != b.rgba[at + 1] ||
                a.rgba[at + 2] != b.rgba[at + 2])
                ++count;
        }
    }
    return count;
}

// No drawn text lacks a glyph; returns how many text items hold characters past Latin-1.
int check_no_missing_glyphs(const RenderedPage& page) {
    int beyond = 0;
    for (const auto& item : page.sidecar.at("items")) {
        CAPTURE(item.dump());
        CHECK_FALSE(item.contains("missing_glyphs"));
        if (item.at("kind") == "text" && beyond_latin1(item.value("text", "")))
            ++beyond;
    }
    return beyond;
}

// Renders `page` of the plan text, of the same with its letters past Latin-1 replaced by "?",
// and by U+FFFD; every text item that shows such letters whole must look different from both.
// Returns how many items were compared (text cut with an ellipsis may hide the letters).
int check_letters_drawn(const std::string& plan_text, Mode mode, const std::string& page, int width,
                        int height) {
    CAPTURE(int(mode));
    CAPTURE(page);
    CAPTURE(width);
    PlanDir dir;
    auto live_for = [&dir](const std::string& name, const std::string& text) {
        LivePlanOptions options;
        options.path = dir.write(name, text).string();
        auto live = std::make_unique<LivePlan>(options);
        REQUIRE(live->load_initial().ok());
        return live;
    };
    auto real = live_for("real.json", plan_text);
    auto question = live_for("question.json", replace_beyond_latin1(plan_text, "?"));
    auto replacement = live_for("fffd.json", replace_beyond_latin1(plan_text, "\xEF\xBF\xBD"));
    RenderedPage drawn = render(*real, mode, page, width, height);
    RenderedPage as_question = render(*question, mode, page, width, height);
    RenderedPage as_replacement = render(*replacement, mode, page, width, height);
    CHECK(check_no_missing_glyphs(drawn) > 0);
    const auto& items = drawn.sidecar.at("items");
    REQUIRE(items.size() == as_question.sidecar.at("items").size());
    int compared = 0;
    for (std::size_t i = 0; i < items.size(); ++i) {
        // Text that holds the plan's letters (it changed with them), shown whole.
        const auto& item = items[i];
        if (item.at("kind") != "text" ||
            item.value("text", "") == as_question.sidecar.at("items")[i].value("text", "") ||
            item.value("truncated", false) || item.value("clipped", false) ||
            item.at("rect")[2].get<float>() < 1)
            continue;
        CAPTURE(item.dump());
        Box box = box_of(item, drawn);
        CHECK(differing_pixels(drawn, as_question, box) > 0);
        CHECK(differing_pixels(drawn, as_replacement, box) > 0);
        ++compared;
    }
    // The replacement is what a missing glyph looks like: it never shows as "?".
    int fallback = 0;
    for (const auto& item : as_replacement.sidecar.at("items"))
        fallback += item.contains("missing_glyphs");
    CHECK(fallback == 0); // U+FFFD itself is in the atlas
    return compared;
}

} // namespace

TEST_CASE("Welsh, Polish, Lithuanian, Romanian and Czech letters are drawn (case c01)") {
    std::string plan = read_text(data_dir / "cases/c01-latin-extended/plan.json");
    CHECK(check_letters_drawn(plan, Mode::kiosk, "chapter:1", 1920, 1080) >= 3);
    CHECK(check_letters_drawn(plan, Mode::kiosk, "chapter:1", 3840, 2160) >= 3);
    CHECK(check_letters_drawn(plan, Mode::present, "rec:1", 1280, 720) >= 2);
    CHECK(check_letters_drawn(plan, Mode::desktop, "rec:1", 1920, 1080) >= 1);
    // Portrait and the deadlines page cut these texts short: the glyphs are still checked.
    check_letters_drawn(plan, Mode::kiosk, "chapter:1", 1080, 1920);
    check_letters_drawn(plan, Mode::kiosk, "deadlines", 1920, 1080);
}

TEST_CASE("≤ ≥ ™ and the euro, quotes and dashes are drawn (case c02)") {
    std::string plan = read_text(data_dir / "cases/c02-euro-quotes/plan.json");
    CHECK(check_letters_drawn(plan, Mode::kiosk, "chapter:1", 1920, 1080) >= 1);
    CHECK(check_letters_drawn(plan, Mode::present, "rec:1", 3840, 2160) >= 1);
    check_letters_drawn(plan, Mode::desktop, "chapter:1", 1280, 720);
}

TEST_CASE("every page of the Laming plan: no text lacks a glyph, the UI's own strings included") {
    LivePlan live(LivePlanOptions{});
    REQUIRE(live.load_initial().ok());
    for (Mode mode : {Mode::kiosk, Mode::present}) {
        RenderedPage overview = render(live, mode, "overview", 1920, 1080);
        check_no_missing_glyphs(overview);
        for (const auto& id : overview.sidecar.at("rotation"))
            check_no_missing_glyphs(render(live, mode, id.get<std::string>(), 1920, 1080));
    }
    check_no_missing_glyphs(render(live, Mode::present, "rec:39", 1920, 1080));
}

TEST_CASE(
    "a character the font lacks is drawn as U+FFFD, never '?', and listed on the quality page") {
    LivePlanOptions options;
    options.path = (data_dir / "valid/cannot-draw.json").string();
    LivePlan live(options);
    REQUIRE(live.load_initial().ok());
    RenderedPage rec = render(live, Mode::present, "rec:12", 1280, 720);
    bool found = false;
    for (const auto& item : rec.sidecar.at("items")) {
        if (item.value("text", "").rfind("Translate the leaflet", 0) == 0) {
            CHECK(item.at("missing_glyphs") == nlohmann::json{"U+4E2D", "U+6587"});
            found = true;
        }
    }
    CHECK(found);
    CHECK(rec.sidecar.at("cannot_draw").size() == 7);

    // The missing glyph looks like U+FFFD and not like "?".
    PlanDir dir;
    std::string text = read_text(options.path.value());
    auto as = [&](const std::string& name, const std::string& with) {
        std::string changed = text;
        for (std::size_t at; (at = changed.find("\xE4\xB8\xAD\xE6\x96\x87")) != std::string::npos;)
            changed.replace(at, 6, with + with);
        for (std::size_t at; (at = changed.find("\xE4\xB8\xAD")) != std::string::npos;)
            changed.replace(at, 3, with);
        LivePlanOptions other;
        other.path = dir.write(name, changed).string();
        auto plan = std::make_unique<LivePlan>(other);
        REQUIRE(plan->load_initial().ok());
        return render(*plan, Mode::present, "rec:12", 1280, 720);
    };
    RenderedPage fffd = as("fffd.json", "\xEF\xBF\xBD");
    RenderedPage question = as("question.json", "?");
    Box whole{0, 0, rec.width, rec.height};
    // Only the clock may differ between renders a minute apart: compare the text boxes.
    int same_as_fffd = 0, differs_from_question = 0;
    for (const auto& item : rec.sidecar.at("items")) {
        if (!item.contains("missing_glyphs"))
            continue;
        Box box = box_of(item, rec);
        same_as_fffd += differing_pixels(rec, fffd, box) == 0;
        differs_from_question += differing_pixels(rec, question, box) > 0;
    }
    CHECK(same_as_fffd == 3);
    CHECK(differs_from_question == 3);
    CHECK(differing_pixels(rec, question, whole) > 0);

    RenderedPage quality = render(live, Mode::kiosk, "quality", 1920, 1080);
    std::vector<std::string> texts;
    for (const auto& item : quality.sidecar.at("items"))
        texts.push_back(item.value("text", ""));
    CHECK(std::find(texts.begin(), texts.end(), "characters the font cannot draw") != texts.end());
    bool listed = false;
    for (const auto& t : texts)
        listed = listed || t.find("rec 12's text: U+4E2D U+6587") != std::string::npos;
    CHECK(listed);
    for (auto [w, h] : {std::pair{1280, 720}, {1080, 1920}, {3840, 2160}}) {
        RenderedPage page = render(live, Mode::kiosk, "quality", w, h);
        bool tile = false;
        for (const auto& item : page.sidecar.at("items"))
            tile = tile || item.value("id", "") == "cannot-draw";
        CHECK(tile);
    }
}

TEST_CASE("a reload that brings new letters rebuilds the atlas and draws them") {
    PlanDir dir;
    fs::path file = dir.write("plan.json", read_text(data_dir / "valid/minimal.json"));
    LivePlanOptions options;
    options.path = file.string();
    options.log = [](const std::string&) {};
    LivePlan live(options);
    REQUIRE(live.load_initial().ok());
    RenderedPage before = render(live, Mode::kiosk, "chapter:1", 1920, 1080);
    RenderedPage again = render(live, Mode::kiosk, "chapter:1", 1920, 1080);
    CHECK(again.sidecar.at("atlas").at("rebuilt") == false); // same sizes, same letters

    // The file is replaced by the Welsh plan: new letters everywhere.
    std::string welsh = read_text(data_dir / "cases/c01-latin-extended/plan.json");
    std::ofstream(file, std::ios::trunc) << welsh;
    fs::last_write_time(file, fs::last_write_time(file) + std::chrono::seconds(2));
    live.poll();
    live.poll();
    REQUIRE_FALSE(live.state()->degraded);
    REQUIRE(live.current()->plan->info.title.find("Ynys M\xC3\xB4n") != std::string::npos);
    RenderedPage after = render(live, Mode::kiosk, "chapter:1", 1920, 1080);
    CHECK(after.sidecar.at("atlas").at("rebuilt") == true);
    CHECK(after.sidecar.at("atlas").at("glyphs").get<int>() >
          before.sidecar.at("atlas").at("glyphs").get<int>());
    CHECK(check_no_missing_glyphs(after) > 0);

    // A reload that changes no letters keeps the atlas.
    std::string status_only = welsh;
    std::size_t at = status_only.find("\"in_progress\"");
    REQUIRE(at != std::string::npos);
    status_only.replace(at, 13, "\"not_started\"");
    std::ofstream(file, std::ios::trunc) << status_only;
    fs::last_write_time(file, fs::last_write_time(file) + std::chrono::seconds(4));
    live.poll();
    live.poll();
    REQUIRE(live.current()->plan->recommendations[0].status == Status::not_started);
    CHECK(render(live, Mode::kiosk, "chapter:1", 1920, 1080).sidecar.at("atlas").at("rebuilt") ==
          false);
}

TEST_CASE("the atlas: every text font holds the plan's letters, U+FFFD is the fallback") {
    LivePlanOptions options;
    options.path = (data_dir / "cases/c01-latin-extended/plan.json").string();
    LivePlan live(options);
    REQUIRE(live.load_initial().ok());
    FontAtlas atlas;
    Metrics metrics = metrics_for(Density::wall, 3840, 2160);
    CHECK(atlas.ensure(metrics, characters_for(*live.current(), live.state().get())));
    const FontSet& fonts = atlas.fonts();
    for (ImFont* font : {fonts.label, fonts.body, fonts.bold, fonts.heading}) {
        for (char32_t c :
             {0x175, 0x177, 0x174, 0x176, 0x141, 0x15B, 0x105, 0x10D, 0x119, 0x218, 0x103, 0x159}) {
            CAPTURE(c);
            CHECK(font->FindGlyphNoFallback(ImWchar(c)) != nullptr);
        }
        CHECK(font->FallbackChar == 0xFFFD);
    }
    CHECK(fonts.headline->FallbackChar == 0xFFFD);
    CHECK(fonts.headline->FindGlyphNoFallback(ImWchar(0x175)) == nullptr); // figures only
    // Same sizes and letters: no rebuild; other letters: a rebuild.
    CHECK_FALSE(atlas.ensure(metrics, characters_for(*live.current(), live.state().get())));
    CHECK(atlas.ensure(metrics, {0x3A9}));
    CHECK(fonts.body->FindGlyphNoFallback(ImWchar(0x3A9)) != nullptr);  // Ω
    CHECK(fonts.body->FindGlyphNoFallback(ImWchar(0x175)) == nullptr);  // ŵ no longer used
    CHECK(fonts.body->FindGlyphNoFallback(ImWchar(0x2713)) != nullptr); // the UI's ✓ always
    // Texture memory at 4K stays small (docs/performance.md: 4 MiB landscape, 16 MiB portrait
    // for this plan), and within the 4096 pixels every OpenGL 3 GPU takes.
    for (auto [w, h, most] : {std::tuple{3840, 2160, 8}, {2160, 3840, 32}}) {
        FontAtlas sized;
        sized.ensure(metrics_for(Density::wall, float(w), float(h)),
                     characters_for(*live.current(), live.state().get()));
        AtlasStats stats = sized.stats();
        CAPTURE(w);
        CAPTURE(stats.width);
        CAPTURE(stats.height);
        CHECK(stats.width > 0);
        CHECK(stats.texture_bytes() <= std::size_t(most) << 20);
        CHECK(stats.width <= 4096);
        CHECK(stats.height <= 4096);
    }
}
