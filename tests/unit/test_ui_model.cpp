// The dashboard's pure parts: layout invariants at every screen size (inside the screen, no
// overlap, legible sizes), colour contrast, and page rotation and navigation.

#include "dashboard/core/embedded_plan.hpp"
#include "dashboard/core/loader.hpp"
#include "dashboard/ui/keys.hpp"
#include "dashboard/ui/layout.hpp"
#include "dashboard/ui/pages.hpp"
#include "dashboard/ui/theme.hpp"

#include <doctest/doctest.h>
#include <string>
#include <vector>

using namespace actionboard;
using namespace actionboard::ui;

namespace {

struct Size {
    float w, h;
};
const std::vector<Size> wall_sizes = {{1280, 720}, {1920, 1080}, {3840, 2160}, {1080, 1920}};
const std::vector<Size> all_sizes = {{1280, 720}, {1920, 1080}, {3840, 2160}, {1080, 1920},
                                     {800, 600},  {2560, 1080}, {1024, 1280}};

std::string describe(const Rect& r) {
    std::string text("{");
    for (float value : {r.x, r.y, r.w, r.h})
        text.append(std::to_string(value)).append(text.size() > 1 ? ", " : "");
    return text.append("}");
}

void check_disjoint_and_inside(const std::vector<Rect>& rects, const Rect& outer) {
    for (std::size_t i = 0; i < rects.size(); ++i) {
        CAPTURE(describe(rects[i]));
        CHECK(outer.contains(rects[i]));
        CHECK(rects[i].w > 0);
        CHECK(rects[i].h > 0);
        for (std::size_t j = i + 1; j < rects.size(); ++j) {
            CAPTURE(describe(rects[j]));
            CHECK_FALSE(rects[i].overlaps(rects[j]));
        }
    }
}

Plan laming() {
    LoadResult result = parse_plan(embedded_plan_json());
    REQUIRE(result.ok());
    return *result.plan;
}

} // namespace

TEST_CASE("wall metrics meet the legibility minimums at every size") {
    for (Size size : wall_sizes) {
        CAPTURE(size.w);
        CAPTURE(size.h);
        Metrics m = metrics_for(Density::wall, size.w, size.h);
        CHECK(m.label >= size.h / 40.0f);
        CHECK(m.body >= size.h / 40.0f);
        CHECK(m.heading > m.body);
        CHECK(m.headline >= size.h / 10.0f);
    }
}

TEST_CASE("desktop metrics grow with the window and stay readable") {
    Metrics small = metrics_for(Density::desktop, 800, 600);
    Metrics large = metrics_for(Density::desktop, 3840, 2160);
    CHECK(small.body >= 13);
    CHECK(large.body > small.body);
}

TEST_CASE("frame: header, banner, content and legend are inside the screen and apart") {
    for (Size size : all_sizes) {
        for (Density density : {Density::wall, Density::desktop}) {
            for (int banners = 0; banners <= 2; ++banners) {
                CAPTURE(size.w);
                CAPTURE(size.h);
                CAPTURE(banners);
                Metrics m = metrics_for(density, size.w, size.h);
                Rect screen{0, 0, size.w, size.h};
                Frame frame = frame_layout(screen, m, banners);
                std::vector<Rect> parts = {frame.header, frame.content, frame.legend};
                if (banners > 0)
                    parts.push_back(frame.banner);
                check_disjoint_and_inside(parts, screen);
                CHECK(frame.content.h > size.h * 0.4f);
            }
        }
    }
}

TEST_CASE("a burn-in shift of two pixels keeps the frame on screen") {
    for (Size size : wall_sizes) {
        Metrics m = metrics_for(Density::wall, size.w, size.h);
        for (float shift : {-2.0f, 2.0f}) {
            Frame frame = frame_layout({shift, shift, size.w, size.h}, m, 1);
            Rect screen{0, 0, size.w, size.h};
            CHECK(screen.contains(frame.header));
            CHECK(screen.contains(frame.legend));
        }
    }
}

TEST_CASE("overview: figures and tiles inside the content, apart, and large enough") {
    for (Size size : all_sizes) {
        for (int chapters : {1, 3, 8, 12}) {
            CAPTURE(size.w);
            CAPTURE(size.h);
            CAPTURE(chapters);
            Metrics m = metrics_for(Density::wall, size.w, size.h);
            Frame frame = frame_layout({0, 0, size.w, size.h}, m, 0);
            OverviewLayout first = overview_layout(frame.content, m, 5, chapters, 0);
            std::vector<Rect> shown;
            int figures = 0, tiles = 0;
            for (int slice = 0; slice < first.slices; ++slice) {
                OverviewLayout layout = overview_layout(frame.content, m, 5, chapters, slice);
                std::vector<Rect> rects = layout.figures;
                rects.insert(rects.end(), layout.tiles.cells.begin(), layout.tiles.cells.end());
                check_disjoint_and_inside(rects, frame.content);
                figures += int(layout.figures.size());
                tiles += int(layout.tiles.cells.size());
                for (const Rect& tile : layout.tiles.cells)
                    CHECK(tile.h >= minimum_tile_height(m) - 0.5f);
            }
            CHECK(figures == 5);
            CHECK(tiles == chapters);
        }
    }
}

TEST_CASE("tiles follow the aspect ratio: 4 by 2 on landscape, 2 by 4 on portrait") {
    Grid landscape = grid_layout({0, 0, 1880, 700}, 8, 10, 2.0f);
    CHECK(landscape.columns == 4);
    CHECK(landscape.rows == 2);
    Grid portrait = grid_layout({0, 0, 1000, 1300}, 8, 10, 2.4f);
    CHECK(portrait.columns == 2);
    CHECK(portrait.rows == 4);
}

TEST_CASE("chapter, deadlines and quality layouts stay inside and apart") {
    for (Size size : all_sizes) {
        CAPTURE(size.w);
        CAPTURE(size.h);
        Metrics m = metrics_for(Density::wall, size.w, size.h);
        Frame frame = frame_layout({0, 0, size.w, size.h}, m, 1);
        ChapterLayout chapter = chapter_layout(frame.content, m);
        check_disjoint_and_inside({chapter.title, chapter.key_points, chapter.position, chapter.table},
                                  frame.content);
        CHECK(chapter.rows_per_page >= 1);
        CHECK(chapter.header_height + chapter.rows_per_page * chapter.row_height <=
              chapter.table.h + 0.5f);
        DeadlinesLayout deadlines = deadlines_layout(frame.content, m);
        check_disjoint_and_inside({deadlines.timeline, deadlines.overdue, deadlines.due_soon},
                                  frame.content);
        QualityLayout quality = quality_layout(frame.content, m);
        check_disjoint_and_inside({quality.no_timescale, quality.no_lead}, frame.content);
        CHECK(quality.cannot_draw.w == 0);
        QualityLayout three = quality_layout(frame.content, m, true);
        check_disjoint_and_inside({three.no_timescale, three.no_lead, three.cannot_draw},
                                  frame.content);
        CHECK(three.cannot_draw.h >= 4 * m.line(m.body));
    }
}

TEST_CASE("narrow screens stack the table rows and wrap header and legend") {
    Metrics m = metrics_for(Density::wall, 1080, 1920);
    Frame frame = frame_layout({0, 0, 1080, 1920}, m, 0);
    CHECK(frame.header_rows == 3);
    CHECK(frame.legend_lines >= 2);
    CHECK(chapter_layout(frame.content, m).stacked_rows);
    Metrics wide = metrics_for(Density::wall, 1920, 1080);
    Frame wide_frame = frame_layout({0, 0, 1920, 1080}, wide, 0);
    CHECK(wide_frame.header_rows == 2);
    CHECK(wide_frame.legend_lines == 1);
    CHECK_FALSE(chapter_layout(wide_frame.content, wide).stacked_rows);
}

TEST_CASE("RAG colours keep 3:1 contrast against the background, badge symbols 4.5:1") {
    for (const Theme& theme : {dark_theme(), light_theme()}) {
        CAPTURE(theme.light);
        for (int r = 0; r < rag_count; ++r) {
            CAPTURE(r);
            Rgb colour = theme.rag_colours[r];
            CHECK(contrast_ratio(colour, theme.background) >= 3.0);
            CHECK(contrast_ratio(colour, theme.panel) >= 3.0);
            CHECK(contrast_ratio(theme.text_on(colour), colour) >= 4.5);
        }
        CHECK(contrast_ratio(theme.text, theme.background) >= 7.0);
        CHECK(contrast_ratio(theme.text_muted, theme.panel) >= 4.5);
    }
    CHECK(contrast_ratio({0, 0, 0}, {255, 255, 255}) == doctest::Approx(21.0));
}

TEST_CASE("every RAG has a distinct symbol, so colour is never the only signal") {
    std::vector<std::string_view> symbols;
    for (int r = 0; r < rag_count; ++r)
        symbols.push_back(rag_symbol(Rag(r)));
    for (std::size_t i = 0; i < symbols.size(); ++i) {
        CHECK_FALSE(symbols[i].empty());
        for (std::size_t j = i + 1; j < symbols.size(); ++j)
            CHECK(symbols[i] != symbols[j]);
    }
    CHECK(rag_meaning(Rag::amber, 30) == "Due within 30 days");
}

TEST_CASE("rotation: overview, every chapter in balanced slices, deadlines, quality") {
    Plan plan = laming();
    std::vector<Page> pages = rotation(plan, 5);
    REQUIRE(pages.size() >= 11);
    CHECK(pages.front().kind == PageKind::overview);
    CHECK(pages[pages.size() - 2].kind == PageKind::deadlines);
    CHECK(pages.back().kind == PageKind::quality);
    // Chapter 5 has 13 recommendations: 3 slices of 5, 4, 4.
    int chapter5 = index_of_chapter(pages, 5);
    CHECK(pages[std::size_t(chapter5)].slices == 3);
    CHECK(slice_range(13, 0, 3) == std::pair{0, 5});
    CHECK(slice_range(13, 1, 3) == std::pair{5, 10});
    CHECK(slice_range(13, 2, 3) == std::pair{10, 13});
    CHECK(slice_range(9, 1, 2) == std::pair{5, 9});
    // Every recommendation appears on exactly one slice.
    for (const Chapter& chapter : plan.chapters) {
        int count = 0, shown = 0;
        for (const auto& rec : plan.recommendations)
            count += rec.chapter == chapter.number;
        for (const Page& page : pages) {
            if (page.kind == PageKind::chapter && page.chapter == chapter.number) {
                auto [first, last] = slice_range(count, page.slice, page.slices);
                shown += last - first;
                CHECK(last - first <= 5);
            }
        }
        CHECK(shown == count);
    }
    CHECK(rotation(plan, 5, 2)[1] == Page{PageKind::overview, 0, 1, 2});
}

TEST_CASE("presenter keys: forward, back, home and chapter digits") {
    Plan plan = laming();
    std::vector<Page> pages = rotation(plan, 5);
    int last = int(pages.size()) - 1;
    CHECK(navigate(pages, 0, NavKey::next, plan) == 1);
    CHECK(navigate(pages, last, NavKey::next, plan) == last); // stays on the last page
    CHECK(navigate(pages, 0, NavKey::previous, plan) == 0);
    CHECK(navigate(pages, 5, NavKey::previous, plan) == 4);
    CHECK(navigate(pages, 7, NavKey::home, plan) == 0);
    for (int digit = 1; digit <= 8; ++digit) {
        int index = navigate(pages, 0, NavKey(int(NavKey::digit1) + digit - 1), plan);
        CHECK(pages[std::size_t(index)].kind == PageKind::chapter);
        CHECK(pages[std::size_t(index)].chapter == digit);
        CHECK(pages[std::size_t(index)].slice == 0);
    }
    CHECK(navigate(pages, 3, NavKey::digit9, plan) == 3); // no ninth chapter: stay
    CHECK(next_in_rotation(pages, last) == 0);
}

namespace {

// Present mode on the Laming plan, on `page`.
struct Presenter {
    Plan plan = laming();
    DashboardOptions options;
    UiState state;
    Presenter() {
        options.mode = Mode::present;
        state.mode = Mode::present;
        state.rotation = rotation(plan, 5);
    }
    bool press(Key key) { return apply_key(state, key, options, plan); }
};

constexpr Key every_key[] = {Key::next,   Key::previous,       Key::home,       Key::digit1,
                             Key::digit2, Key::digit3,         Key::digit4,     Key::digit5,
                             Key::digit6, Key::digit7,         Key::digit8,     Key::digit9,
                             Key::escape, Key::start_overview, Key::start_here, Key::black,
                             Key::white,  Key::quit,           Key::other};

} // namespace

TEST_CASE("present: a clicker's keys move through pages and never end the presentation") {
    Presenter p;
    CHECK(p.press(Key::next));
    CHECK(p.press(Key::next));
    CHECK(p.state.page_index == 2);
    CHECK(p.press(Key::previous));
    CHECK(p.state.page_index == 1);
    CHECK(p.press(Key::start_overview)); // F5: resume at the overview
    CHECK(p.state.page_index == 0);
    p.press(Key::next);
    p.press(Key::next);
    CHECK(p.press(Key::start_here)); // Shift+F5: resume where we are
    CHECK(p.state.page_index == 2);
    CHECK(p.press(Key::escape)); // Esc with nothing open: back to the overview
    CHECK(p.state.page_index == 0);
    CHECK(p.press(Key::escape)); // and again: stays there
    CHECK(p.state.page_index == 0);
    // The R400's start button: F5, Esc, F5, Esc ... from any page.
    p.press(Key::digit3);
    for (int i = 0; i < 10; ++i) {
        CHECK(p.press(i % 2 == 0 ? Key::start_overview : Key::escape));
        CHECK(p.state.page_index == 0);
        CHECK(p.state.blank == Blank::none);
    }
}

TEST_CASE("present: Esc closes an open recommendation first, then returns to the overview") {
    Presenter p;
    p.press(Key::digit2);
    int chapter_page = p.state.page_index;
    REQUIRE(chapter_page > 0);
    p.state.open_ref = "12";
    CHECK(p.press(Key::escape));
    CHECK_FALSE(p.state.open_ref);
    CHECK(p.state.page_index == chapter_page);
    CHECK(p.press(Key::escape));
    CHECK(p.state.page_index == 0);
    p.state.open_ref = "12"; // F5 closes it too
    CHECK(p.press(Key::start_overview));
    CHECK_FALSE(p.state.open_ref);
}

TEST_CASE("present: B or . blacks the screen out, W or , whites it; any key returns, only") {
    for (Key blank_key : {Key::black, Key::white}) {
        Blank expected = blank_key == Key::black ? Blank::black : Blank::white;
        for (Key key : every_key) {
            if (key == Key::quit)
                continue;
            CAPTURE(int(blank_key));
            CAPTURE(int(key));
            Presenter p;
            p.press(Key::digit4);
            p.state.open_ref = "30";
            int page = p.state.page_index;
            CHECK(p.press(blank_key));
            CHECK(p.state.blank == expected);
            CHECK(p.press(key));
            CHECK(p.state.blank == Blank::none); // back to the page...
            CHECK(p.state.page_index == page);   // ...and nothing else: same page
            CHECK(p.state.open_ref == std::optional<std::string>("30"));
        }
    }
}

TEST_CASE("present: only Ctrl+Q quits, also from a blank screen") {
    for (Key key : every_key) {
        CAPTURE(int(key));
        for (bool open : {false, true}) {
            for (Blank blank : {Blank::none, Blank::black, Blank::white}) {
                Presenter p;
                p.state.open_ref = open ? std::optional<std::string>("1") : std::nullopt;
                p.state.blank = blank;
                CHECK(p.press(key) == (key != Key::quit));
            }
        }
    }
}

TEST_CASE("kiosk: no key does anything, and none quits without --allow-exit") {
    Plan plan = laming();
    DashboardOptions kiosk;
    kiosk.mode = Mode::kiosk;
    UiState state;
    state.mode = Mode::kiosk;
    state.rotation = rotation(plan, 5);
    for (Key key : every_key) {
        CAPTURE(int(key));
        CHECK(apply_key(state, key, kiosk, plan));
        CHECK(state.page_index == 0);
        CHECK(state.blank == Blank::none);
    }
    kiosk.allow_exit = true;
    CHECK_FALSE(apply_key(state, Key::escape, kiosk, plan));
    CHECK_FALSE(apply_key(state, Key::quit, kiosk, plan));
    CHECK(apply_key(state, Key::start_overview, kiosk, plan));
}

TEST_CASE("desktop: Esc closes the open recommendation, Ctrl+Q quits") {
    Plan plan = laming();
    DashboardOptions desktop;
    UiState state;
    state.open_ref = "4";
    CHECK(apply_key(state, Key::escape, desktop, plan));
    CHECK_FALSE(state.open_ref);
    CHECK(apply_key(state, Key::black, desktop, plan));
    CHECK(state.blank == Blank::none);
    CHECK_FALSE(apply_key(state, Key::quit, desktop, plan));
}

TEST_CASE("page ids parse and print") {
    for (std::string id : {"overview", "deadlines", "quality", "chapter:3", "rec:12"}) {
        auto page = parse_page(id);
        REQUIRE(page);
        CHECK(page_id(*page) == id);
    }
    auto slice = parse_page("chapter:5/2");
    REQUIRE(slice);
    CHECK(slice->chapter == 5);
    CHECK(slice->slice == 1);
    CHECK(parse_page("overview/2")->slice == 1);
    for (std::string bad : {"", "chapter", "chapter:", "chapter:0", "chapter:x", "rec:", "rec: 3", "rec:a\tb",
                            "deadlines/2", "chapter:3/0", "overview/", "home"})
        CHECK_FALSE(parse_page(bad));
    Plan plan = laming();
    CHECK(page_title({PageKind::chapter, 3, 0, 2}, plan) == "Chapter 3 \xC2\xB7 Support for Children (1 of 2)");
    CHECK(page_title({PageKind::chapter, 3, 1, 2}, plan, true) == "3 \xC2\xB7 Support for Children (2/2)");
}
