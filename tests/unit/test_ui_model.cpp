// The dashboard's pure parts: layout invariants at every screen size (inside the screen, no
// overlap, legible sizes), colour contrast, and page rotation and navigation.

#include "dashboard/core/embedded_plan.hpp"
#include "dashboard/core/loader.hpp"
#include "dashboard/core/view.hpp"
#include "dashboard/ui/keys.hpp"
#include "dashboard/ui/layout.hpp"
#include "dashboard/ui/pages.hpp"
#include "dashboard/ui/theme.hpp"
#include "test_support.hpp"

#include <algorithm>
#include <cmath>
#include <doctest/doctest.h>
#include <map>
#include <set>
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

Plan plan_file(const std::string& relative) {
    LoadResult result = parse_plan(
        actionboard::testing::read_text(std::string(ACTIONBOARD_TEST_DATA_DIR) + "/" + relative));
    REQUIRE(result.ok());
    return *result.plan;
}

PlanView view_of(const Plan& plan) {
    return compute_view(plan, plan.info.as_of, plan.info.amber_days);
}

// The kiosk's rotation at a screen size, as refresh_rotation() builds it (no banner).
std::vector<Page> kiosk_rotation(const Plan& plan, const PlanView& view, Size size,
                                 int chapter_pages = 2) {
    Metrics m = metrics_for(Density::wall, size.w, size.h);
    Frame frame = frame_layout({0, 0, size.w, size.h}, m, 0);
    return wall_rotation(plan, view, frame.content, m, chapter_pages);
}

int rank(WallRow row) { // red, amber, a disagreeing reported RAG, then the rest
    return row.rag == Rag::red ? 0 : row.rag == Rag::amber ? 1 : row.disagrees ? 2 : 3;
}

// Every recommendation of every chapter is on exactly one of its wall pages or counted as left
// out; red, amber and disagreeing ones are never left out; pages run red, amber, disagreeing,
// then the rest; the budget holds unless those exceptions need more pages. Returns the pages
// the chapter takes.
int check_chapter_wall(const std::vector<WallRow>& rags, const ChapterRows& rows, int budget) {
    ChapterWall wall = chapter_wall(rags, rows, budget);
    REQUIRE_FALSE(wall.pages.empty());
    std::vector<int> seen(rags.size(), 0);
    int previous_rank = 0, shown = 0, exceptions = 0;
    for (WallRow row : rags)
        exceptions += rank(row) <= 2;
    for (std::size_t page = 0; page < wall.pages.size(); ++page) {
        int capacity = rows.on_page(int(page), wall.pages[page].dense);
        bool summary_here = page + 1 == wall.pages.size() && wall.hidden_total() > 0;
        CHECK(int(wall.pages[page].rows.size()) + (summary_here ? 1 : 0) <= capacity);
        // Dense pages come first: the first page (under the key points) is the tightest.
        if (page > 0 && wall.pages[page].dense)
            CHECK(wall.pages[page - 1].dense);
        for (int position : wall.pages[page].rows) {
            REQUIRE(position >= 0);
            REQUIRE(position < int(rags.size()));
            ++seen[std::size_t(position)];
            int r = rank(rags[std::size_t(position)]);
            CHECK(r >= previous_rank);
            previous_rank = r;
            ++shown;
        }
    }
    std::array<int, rag_count> left_out{};
    for (std::size_t i = 0; i < rags.size(); ++i) {
        CHECK(seen[i] <= 1);
        if (seen[i] == 0) {
            CHECK_FALSE(rags[i].disagrees);
            ++left_out[std::size_t(int(rags[i].rag))];
        }
    }
    CHECK(left_out == wall.hidden);
    CHECK(wall.hidden[std::size_t(int(Rag::red))] == 0);
    CHECK(wall.hidden[std::size_t(int(Rag::amber))] == 0);
    CHECK(shown + wall.hidden_total() == int(rags.size()));
    if (int(wall.pages.size()) > budget) { // only the red and amber ones may take more pages
        for (const WallPage& page : wall.pages)
            CHECK(page.dense);
        int room = 0;
        for (int page = 0; page + 1 < int(wall.pages.size()); ++page)
            room += rows.on_page(page, true);
        CHECK(room - 1 < exceptions); // one page fewer could not hold them and the summary line
    }
    return int(wall.pages.size());
}

int check_chapter_wall(const std::vector<Rag>& rags, const ChapterRows& rows, int budget) {
    std::vector<WallRow> rows_of;
    for (Rag rag : rags)
        rows_of.push_back({rag, false});
    return check_chapter_wall(rows_of, rows, budget);
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
    // A desktop window on a portrait monitor sizes its text from the width too.
    Metrics portrait = metrics_for(Density::desktop, 1080, 1920);
    CHECK(portrait.body <= 1080 / 40.0f);
    CHECK(portrait.body < metrics_for(Density::desktop, 1920, 1920).body);
    CHECK(metrics_for(Density::desktop, 1920, 1080).body == 20); // landscape as before
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

TEST_CASE("overview in portrait: figures one a row, then one column of tiles, 4 a page") {
    Metrics m = metrics_for(Density::wall, 1080, 1920);
    Frame frame = frame_layout({0, 0, 1080, 1920}, m, 0);
    OverviewLayout first = overview_layout(frame.content, m, 5, 8, 0);
    CHECK(first.figure_rows);
    REQUIRE(first.figures.size() == 5);
    for (const Rect& figure : first.figures) {
        CHECK(figure.w == doctest::Approx(frame.content.w));
        CHECK(figure.h < m.headline * 1.3f); // as tall as the number, the caption beside it
    }
    CHECK(first.slices == 3); // the figures; tiles 1-4; tiles 5-8
    for (int slice = 1; slice < first.slices; ++slice) {
        OverviewLayout tiles = overview_layout(frame.content, m, 5, 8, slice);
        CHECK(tiles.compact_tiles);
        CHECK(tiles.tiles.cells.size() == 4);
        CHECK(tiles.first_tile == 4 * (slice - 1));
        for (const Rect& cell : tiles.tiles.cells) {
            CHECK(cell.w == doctest::Approx(frame.content.w)); // titles get the whole width
            CHECK(cell.h == doctest::Approx(minimum_tile_height(m)));
        }
    }
    // Landscape keeps one page: figures in a row over a grid of tiles.
    Metrics wide = metrics_for(Density::wall, 1920, 1080);
    Frame wide_frame = frame_layout({0, 0, 1920, 1080}, wide, 0);
    OverviewLayout landscape = overview_layout(wide_frame.content, wide, 5, 8, 0);
    CHECK(landscape.slices == 1);
    CHECK_FALSE(landscape.figure_rows);
    CHECK_FALSE(landscape.compact_tiles);
    CHECK(landscape.tiles.columns == 4);
}

TEST_CASE("overview with six figures (reported RAGs): one row on 16:9, two a row in portrait") {
    for (Size size : all_sizes) {
        CAPTURE(size.w);
        CAPTURE(size.h);
        Metrics m = metrics_for(Density::wall, size.w, size.h);
        Frame frame = frame_layout({0, 0, size.w, size.h}, m, 0, true);
        OverviewLayout first = overview_layout(frame.content, m, 6, 8, 0);
        REQUIRE(first.figures.size() == 6);
        std::vector<Rect> rects = first.figures;
        rects.insert(rects.end(), first.tiles.cells.begin(), first.tiles.cells.end());
        check_disjoint_and_inside(rects, frame.content);
        std::set<float> rows;
        for (const Rect& figure : first.figures) {
            rows.insert(figure.y);
            // Room for "Recommendations" whole, beside the padding.
            CHECK(figure.w - 2 * m.pad >= m.label * 9.2f);
        }
        if (size.w >= size.h * 1.7f) // 16:9 and wider: one row
            CHECK(rows.size() == 1);
        if (std::abs(size.w / size.h - 16.0f / 9.0f) < 0.01f) // 16:9: the captions on two lines
            CHECK(first.caption_lines == 2);
        if (size.w == 1080 && size.h == 1920) // portrait: three rows of two on the first page
            CHECK(rows.size() == 3);
        // Five figures are laid out as before: one line of caption.
        CHECK(overview_layout(frame.content, m, 5, 8, 0).caption_lines == 1);
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
        for (bool dense : {false, true}) {
            CAPTURE(dense);
            ChapterLayout chapter = chapter_layout(frame.content, m, true, dense);
            check_disjoint_and_inside(
                {chapter.title, chapter.key_points, chapter.position, chapter.table},
                frame.content);
            CHECK(chapter.rows_per_page >= 1);
            CHECK(chapter.header_height + chapter.rows_per_page * chapter.row_height <=
                  chapter.table.h + 0.5f);
            // Later pages: no key points or local position, the height goes to rows.
            ChapterLayout later = chapter_layout(frame.content, m, false, dense);
            check_disjoint_and_inside({later.title, later.table}, frame.content);
            CHECK(later.key_points.h == 0);
            CHECK(later.position.h == 0);
            CHECK(later.table.h > chapter.table.h + chapter.key_points.h);
            CHECK(later.rows_per_page > chapter.rows_per_page);
            CHECK(later.header_height + later.rows_per_page * later.row_height <=
                  later.table.h + 0.5f);
        }
        // Dense rows are shorter and their text (label size) stays at least 1/40 of the height.
        CHECK(chapter_layout(frame.content, m, true, true).row_height <
              chapter_layout(frame.content, m, true, false).row_height);
        CHECK(m.label >= size.h / 40.0f);
        ChapterRows rows = chapter_rows(frame.content, m);
        CHECK(rows.later > rows.first);
        CHECK(rows.first_dense > rows.first);
        CHECK(rows.later_dense > rows.later);
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
            CHECK(theme.rag_symbol_colour(Rag(r)) == theme.text_on(colour));
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

TEST_CASE("rotation: overview, every chapter's wall pages, deadlines, quality") {
    Plan plan = laming();
    PlanView view = view_of(plan);
    std::vector<Page> pages = kiosk_rotation(plan, view, {1920, 1080});
    REQUIRE(pages.size() >= 11);
    CHECK(pages.front().kind == PageKind::overview);
    CHECK(pages[pages.size() - 2].kind == PageKind::deadlines);
    CHECK(pages.back().kind == PageKind::quality);
    // Each chapter's pages follow one another, numbered 0..slices-1, within the budget of 2.
    for (const Chapter& chapter : plan.chapters) {
        int first = index_of_chapter(pages, chapter.number);
        REQUIRE(pages[std::size_t(first)].kind == PageKind::chapter);
        int slices = pages[std::size_t(first)].slices;
        CHECK(slices <= 2);
        for (int slice = 0; slice < slices; ++slice)
            CHECK(pages[std::size_t(first + slice)] ==
                  Page{PageKind::chapter, chapter.number, slice, slices});
    }
    CHECK(rotation(plan, view, ChapterRows{4, 8, 9, 16}, 2, 2)[1] ==
          Page{PageKind::overview, 0, 1, 2});
}

TEST_CASE("a chapter on the wall: exception-first, within its page budget, the rest counted") {
    ChapterRows rows{4, 8, 9, 16}; // 1920x1080 (first page, later pages; normal, dense)
    auto all = [](int count, Rag rag) { return std::vector<Rag>(std::size_t(count), rag); };

    // Fits at the normal height: normal rows, spread evenly.
    ChapterWall ten = chapter_wall(all(10, Rag::green), rows, 2);
    REQUIRE(ten.pages.size() == 2);
    CHECK_FALSE(ten.pages[0].dense);
    CHECK_FALSE(ten.pages[1].dense);
    CHECK(ten.pages[0].rows.size() == 4);
    CHECK(ten.pages[1].rows.size() == 6);
    CHECK(ten.hidden_total() == 0);
    CHECK(chapter_wall(all(3, Rag::green), rows, 2).pages.size() == 1);
    CHECK(chapter_wall(std::vector<Rag>{}, rows, 2).pages.size() == 1); // a chapter with none

    // Laming's chapter 5 (13 at 1080p) was 4 pages: dense rows on the first page fit it in 2,
    // every one shown, spread 7 + 6.
    ChapterWall thirteen = chapter_wall(all(13, Rag::none), rows, 2);
    REQUIRE(thirteen.pages.size() == 2);
    CHECK(thirteen.pages[0].dense);
    CHECK_FALSE(thirteen.pages[1].dense);
    CHECK(thirteen.hidden_total() == 0);
    CHECK(thirteen.pages[0].rows.size() == 7);
    CHECK(thirteen.pages[1].rows.size() == 6);
    // 25 need both pages dense: 9 + 16.
    ChapterWall twenty_five = chapter_wall(all(25, Rag::green), rows, 2);
    REQUIRE(twenty_five.pages.size() == 2);
    CHECK(twenty_five.pages[1].dense);
    CHECK(twenty_five.pages[0].rows.size() + twenty_five.pages[1].rows.size() == 25);
    // Uneven capacities (a dense page between a first and a normal one) still hold everything.
    CHECK(check_chapter_wall(all(33, Rag::green), rows, 3) == 3);

    // Exception-first, plan order within each kind.
    std::vector<Rag> mixed = {Rag::green, Rag::red, Rag::blue, Rag::amber, Rag::none, Rag::red};
    ChapterWall ordered = chapter_wall(mixed, rows, 2);
    REQUIRE(ordered.pages.size() == 2);
    CHECK(ordered.pages[0].rows == std::vector<int>{1, 5, 3});
    CHECK(ordered.pages[1].rows == std::vector<int>{0, 4, 2});

    // 300 with 40 red or amber, budget 2: 9 + 16 + 16 rows hold the 40 and the summary line.
    std::vector<Rag> long_chapter = all(300, Rag::green);
    for (int i = 0; i < 40; ++i)
        long_chapter[std::size_t(i * 7)] = i % 2 ? Rag::red : Rag::amber;
    for (int i = 0; i < 20; ++i)
        long_chapter[std::size_t(i * 7 + 3)] = Rag::blue;
    ChapterWall wall = chapter_wall(long_chapter, rows, 2);
    CHECK(wall.pages.size() == 3);
    CHECK(wall.hidden[std::size_t(int(Rag::green))] == 240);
    CHECK(wall.hidden[std::size_t(int(Rag::blue))] == 20);
    CHECK(check_chapter_wall(long_chapter, rows, 2) == 3);
    // A larger budget shows more of the rest; a budget of 1 still shows every red and amber one.
    CHECK(chapter_wall(long_chapter, rows, 5).hidden_total() <
          chapter_wall(long_chapter, rows, 2).hidden_total());
    CHECK(check_chapter_wall(long_chapter, rows, 1) == 3);
    CHECK(check_chapter_wall(long_chapter, rows, 5) == 5);
    // A reported RAG that disagrees is an exception too: 60 green ones reported red, among the
    // 300, are all shown, after the red and amber ones and before the rest.
    std::vector<WallRow> reported;
    for (Rag rag : long_chapter)
        reported.push_back({rag, false});
    for (int i = 0; i < 60; ++i)
        reported[std::size_t(i * 5 + 1)].disagrees =
            reported[std::size_t(i * 5 + 1)].rag == Rag::green;
    int disagreeing = 0;
    for (WallRow row : reported)
        disagreeing += row.disagrees;
    REQUIRE(disagreeing > 40);
    ChapterWall with_reported = chapter_wall(reported, rows, 2);
    CHECK(with_reported.hidden[std::size_t(int(Rag::green))] == 240 - disagreeing);
    CHECK(check_chapter_wall(reported, rows, 2) == int(with_reported.pages.size()));
    CHECK(with_reported.pages.size() > wall.pages.size()); // the budget gives way to them
    REQUIRE_FALSE(with_reported.pages[0].rows.empty());
    CHECK(reported[std::size_t(with_reported.pages[0].rows.front())].rag == Rag::red);
    // All red: every one shown, however many pages it takes.
    CHECK(check_chapter_wall(all(100, Rag::red), rows, 2) == 7);
    // Mixed sizes and budgets, portrait's small pages included.
    for (ChapterRows r : {rows, ChapterRows{3, 5, 5, 8}, ChapterRows{1, 1, 1, 2}}) {
        for (int budget : {1, 2, 3}) {
            for (int count : {0, 1, 5, 13, 40, 300}) {
                CAPTURE(count);
                CAPTURE(budget);
                std::vector<WallRow> rags;
                for (int i = 0; i < count; ++i)
                    rags.push_back({Rag((i * 7 + count) % rag_count), i % 5 == 0});
                check_chapter_wall(rags, r, budget);
            }
        }
    }
}

TEST_CASE(
    "a chapter with no key points or local position: its first page holds a later page's rows") {
    ChapterRows rows{4, 8, 9, 16};
    ChapterRows bare = chapter_rows_for(rows, false);
    CHECK(bare.first == 8);
    CHECK(bare.first_dense == 16);
    CHECK(bare.later == 8);
    CHECK(chapter_rows_for(rows, true).first == 4);
    // Eight rows: one page without the boxes, two with them.
    CHECK(chapter_wall(std::vector<Rag>(8, Rag::green), bare, 2).pages.size() == 1);
    CHECK(chapter_wall(std::vector<Rag>(8, Rag::green), rows, 2).pages.size() == 2);
}

TEST_CASE("goal: 300 recommendations, 40 red or amber, rotate in under 5 minutes at 20 s a page") {
    Plan plan = plan_file("cases/x2-300-recs/forty-exceptions.json");
    PlanView view = view_of(plan);
    REQUIRE(view.overall.by_rag[int(Rag::red)] + view.overall.by_rag[int(Rag::amber)] == 40);
    for (Size size : wall_sizes) {
        CAPTURE(size.w);
        CAPTURE(size.h);
        std::vector<Page> pages = kiosk_rotation(plan, view, size);
        CHECK(int(pages.size()) * 20 < 5 * 60);
        Metrics m = metrics_for(Density::wall, size.w, size.h);
        Frame frame = frame_layout({0, 0, size.w, size.h}, m, 0);
        check_chapter_wall(chapter_wall_rows(view, 0), chapter_rows(frame.content, m), 2);
    }
    // The case as found (100 red or amber of 300) was 79 pages: every red and amber one is still
    // shown, and the rotation is a fraction of that.
    Plan found = plan_file("cases/x2-300-recs/plan.json");
    PlanView found_view = view_of(found);
    for (Size size : wall_sizes) {
        CAPTURE(size.w);
        CAPTURE(size.h);
        CHECK(kiosk_rotation(found, found_view, size).size() < 20);
    }
}

TEST_CASE("goal: the Laming plan's rotation is no longer than before the page budget") {
    Plan plan = laming();
    PlanView view = view_of(plan);
    // Pages before (every chapter sliced at 4 rows a page under its key points, or 3 stacked
    // rows in portrait), from the sidecar of `--screenshot --mode kiosk` at each size.
    const std::map<std::pair<int, int>, std::size_t> before = {
        {{1280, 720}, 22}, {{1920, 1080}, 22}, {{3840, 2160}, 22}, {{1080, 1920}, 26}};
    for (Size size : wall_sizes) {
        CAPTURE(size.w);
        CAPTURE(size.h);
        std::vector<Page> pages = kiosk_rotation(plan, view, size);
        CHECK(pages.size() <= before.at({int(size.w), int(size.h)}));
        Metrics m = metrics_for(Density::wall, size.w, size.h);
        Frame frame = frame_layout({0, 0, size.w, size.h}, m, 0);
        for (std::size_t c = 0; c < plan.chapters.size(); ++c) {
            CAPTURE(c);
            check_chapter_wall(chapter_wall_rows(view, c), chapter_rows(frame.content, m), 2);
            // Laming's chapters all fit their budget whole: nothing is left out.
            CHECK(chapter_wall(chapter_wall_rows(view, c), chapter_rows(frame.content, m), 2)
                      .hidden_total() == 0);
        }
    }
}

TEST_CASE("presenter keys: forward, back, home and chapter digits") {
    Plan plan = laming();
    std::vector<Page> pages = kiosk_rotation(plan, view_of(plan), {1920, 1080});
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
    PlanView view = compute_view(plan, plan.info.as_of, plan.info.amber_days);
    DashboardOptions options;
    UiState state;
    Presenter() {
        options.mode = Mode::present;
        state.mode = Mode::present;
        state.rotation = rotation(plan, view, ChapterRows{4, 8, 9, 16}, 2);
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

TEST_CASE("present: B or . blacks the screen out, W or , whites it, any key returns, only") {
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
    state.rotation = rotation(plan, compute_view(plan, plan.info.as_of, plan.info.amber_days),
                              ChapterRows{4, 8, 9, 16}, 2);
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
    for (std::string bad : {"", "chapter", "chapter:", "chapter:0", "chapter:x", "rec:", "rec: 3",
                            "rec:a\tb", "deadlines/2", "chapter:3/0", "overview/", "home"})
        CHECK_FALSE(parse_page(bad));
    Plan plan = laming();
    CHECK(page_title({PageKind::chapter, 3, 0, 2}, plan) ==
          "Chapter 3 \xC2\xB7 Support for Children (1 of 2)");
    CHECK(page_title({PageKind::chapter, 3, 1, 2}, plan, true) ==
          "3 \xC2\xB7 Support for Children (2/2)");
}

TEST_CASE("history pages: parse and print, titled with the baseline's date") {
    for (std::string id : {"changes", "trend"}) {
        auto page = parse_page(id);
        REQUIRE(page);
        CHECK(page_id(*page) == id);
    }
    auto second = parse_page("changes/2");
    REQUIRE(second);
    CHECK(second->kind == PageKind::changes);
    CHECK(second->slice == 1);
    CHECK(page_id({PageKind::changes, 0, 1, 3}) == "changes/2");
    CHECK_FALSE(parse_page("trend/2"));
    CHECK_FALSE(parse_page("changes/0"));
    Plan plan = laming();
    CHECK(page_title({PageKind::changes}, plan, false, "29 Sep") == "Changes since 29 Sep");
    CHECK(page_title({PageKind::changes, 0, 0, 2}, plan, false, "29 Sep") ==
          "Changes since 29 Sep (1 of 2)");
    CHECK(page_title({PageKind::changes, 0, 1, 2}, plan, true, "29 Sep") == "Changes (2/2)");
    CHECK(page_title({PageKind::changes}, plan) == "Changes");
    CHECK(page_title({PageKind::trend}, plan, true) == "Trend");
}

TEST_CASE("changes on the wall: within the page budget, every exception shown, one page at least") {
    // 14 changes, 8 a page, 2 pages allowed: all of them.
    history::ChangePages pages = changes_wall(14, 11, 8, 2);
    REQUIRE(pages.pages.size() == 2);
    CHECK(pages.pages[0] == std::pair<std::size_t, std::size_t>{0, 8});
    CHECK(pages.pages[1] == std::pair<std::size_t, std::size_t>{8, 14});
    CHECK(pages.left_out == 0);
    // 31 changes, 8 a page, 1 page allowed, 3 exceptions: the first 8, 23 left out.
    pages = changes_wall(31, 3, 8, 1);
    REQUIRE(pages.pages.size() == 1);
    CHECK(pages.left_out == 23);
    // 31 changes of which 20 exceptions, 8 a page, 1 page allowed: the exceptions take 3 pages
    // (as red and amber recommendations take more than the budget), the rest as they fit.
    pages = changes_wall(31, 20, 8, 1);
    CHECK(pages.pages.size() == 3);
    CHECK(pages.left_out == 7);
    // None: one page that says so.
    pages = changes_wall(0, 0, 8, 2);
    REQUIRE(pages.pages.size() == 1);
    CHECK(pages.pages[0].first == pages.pages[0].second);
    CHECK(pages.left_out == 0);
}

TEST_CASE("rotation: the changes pages and the trend after the overview, only with the history") {
    Plan plan = laming();
    PlanView view = view_of(plan);
    for (Size size : wall_sizes) {
        CAPTURE(size.w);
        CAPTURE(size.h);
        std::vector<Page> plain = kiosk_rotation(plan, view, size);
        Metrics m = metrics_for(Density::wall, size.w, size.h);
        Frame frame = frame_layout({0, 0, size.w, size.h}, m, 0);
        // No baseline, one version: nothing added.
        CHECK(wall_rotation(plan, view, frame.content, m, 2, HistoryOnWall{false, 0, 0, 1}) ==
              plain);
        // A baseline and five versions: changes pages after the overview, then the trend.
        std::vector<Page> with =
            wall_rotation(plan, view, frame.content, m, 2, HistoryOnWall{true, 14, 11, 5});
        int overview = 0, changes = 0, trend = 0;
        for (std::size_t i = 0; i < with.size(); ++i) {
            overview += with[i].kind == PageKind::overview;
            if (with[i].kind == PageKind::changes) {
                CHECK(with[i - 1].kind == (changes == 0 ? PageKind::overview : PageKind::changes));
                CHECK(with[i].slice == changes);
                ++changes;
            }
            if (with[i].kind == PageKind::trend) {
                CHECK(with[i - 1].kind == PageKind::changes);
                CHECK(with[i + 1].kind == PageKind::chapter);
                ++trend;
            }
        }
        int rows = changes_layout(frame.content, m).rows_per_page;
        CHECK(changes == int(changes_wall(14, 11, rows, 2).pages.size()));
        CHECK(trend == 1);
        // Every chapter page is as before (a baseline may add an overview slice: each tile then
        // has a line for its compliance's change).
        CHECK(int(with.size()) - changes - trend - overview ==
              int(plain.size()) - int(std::count_if(plain.begin(), plain.end(), [](const Page& p) {
                  return p.kind == PageKind::overview;
              })));
        // No changes at all: still one page that says so.
        std::vector<Page> none =
            wall_rotation(plan, view, frame.content, m, 2, HistoryOnWall{true, 0, 0, 2});
        CHECK(std::count_if(none.begin(), none.end(),
                            [](const Page& p) { return p.kind == PageKind::changes; }) == 1);
    }
}

TEST_CASE("changes and trend layouts stay inside and apart, rows within the page") {
    for (Size size : all_sizes) {
        CAPTURE(size.w);
        CAPTURE(size.h);
        Metrics m = metrics_for(Density::wall, size.w, size.h);
        Frame frame = frame_layout({0, 0, size.w, size.h}, m, 1);
        ChangesLayout changes = changes_layout(frame.content, m);
        check_disjoint_and_inside({changes.summary, changes.header, changes.rows, changes.foot},
                                  frame.content);
        CHECK(changes.rows_per_page >= 1);
        CHECK(float(changes.rows_per_page) * changes.row_height <= changes.rows.h + 0.5f);
        if (size.h > size.w) // portrait: the description on two lines, "first seen" under it
            CHECK(changes.narrow);
        if (size.w >= 1280 && size.w > size.h)
            CHECK_FALSE(changes.narrow);
        TrendLayout trend = trend_layout(frame.content, m);
        check_disjoint_and_inside({trend.summary, trend.chart, trend.legend}, frame.content);
        CHECK(trend.chart.h > frame.content.h * 0.5f);
    }
}
