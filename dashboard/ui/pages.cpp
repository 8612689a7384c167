#include "pages.hpp"

#include "layout.hpp"

#include <algorithm>
#include <charconv>

namespace actionboard::ui {

namespace {
std::optional<int> number_after(std::string_view text, std::string_view prefix) {
    if (text.substr(0, prefix.size()) != prefix)
        return std::nullopt;
    text.remove_prefix(prefix.size());
    int value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || value < 1)
        return std::nullopt;
    return value;
}
} // namespace

std::optional<Page> parse_page(std::string_view text) {
    // An optional "/N" names the N-th slice of a split page.
    int slice = 0;
    if (auto slash = text.find('/'); slash != std::string_view::npos) {
        std::string_view number = text.substr(slash + 1);
        int value = 0;
        auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
        if (ec != std::errc{} || end != number.data() + number.size() || value < 1)
            return std::nullopt;
        slice = value - 1;
        text = text.substr(0, slash);
    }
    std::optional<Page> page;
    if (text == "overview")
        page = Page{PageKind::overview};
    else if (text == "deadlines")
        page = Page{PageKind::deadlines};
    else if (text == "quality")
        page = Page{PageKind::quality};
    else if (text == "recommendations")
        page = Page{PageKind::recommendations};
    else if (text == "changes")
        page = Page{PageKind::changes};
    else if (text == "trend")
        page = Page{PageKind::trend};
    else if (auto chapter = number_after(text, "chapter:"))
        page = Page{PageKind::chapter, *chapter};
    else if (text.substr(0, 4) == "rec:" && !ref_problem(text.substr(4))) {
        page = Page{PageKind::recommendation};
        page->ref = std::string(text.substr(4));
    }
    if (!page || (slice > 0 && page->kind != PageKind::chapter &&
                  page->kind != PageKind::overview && page->kind != PageKind::changes))
        return std::nullopt;
    page->slice = slice;
    return page;
}

std::string page_id(const Page& page) {
    switch (page.kind) {
    case PageKind::overview:
        return page.slices > 1 ? std::string("overview/").append(std::to_string(page.slice + 1))
                               : "overview";
    case PageKind::deadlines:
        return "deadlines";
    case PageKind::quality:
        return "quality";
    case PageKind::recommendations:
        return "recommendations";
    case PageKind::recommendation:
        return "rec:" + page.ref;
    case PageKind::trend:
        return "trend";
    case PageKind::changes:
        return page.slices > 1 ? std::string("changes/").append(std::to_string(page.slice + 1))
                               : "changes";
    case PageKind::chapter:
        return "chapter:" + std::to_string(page.chapter) +
               (page.slices > 1 ? std::string("/").append(std::to_string(page.slice + 1)) : "");
    }
    return "overview";
}

std::string page_title(const Page& page, const Plan& plan, bool compact,
                       std::string_view changes_since) {
    switch (page.kind) {
    case PageKind::changes: {
        // Compact (portrait): the summary line under the title says since when.
        std::string title = changes_since.empty() || compact
                                ? std::string("Changes")
                                : std::string("Changes since ").append(changes_since);
        if (page.slices > 1)
            title += " (" + std::to_string(page.slice + 1) + (compact ? "/" : " of ") +
                     std::to_string(page.slices) + ")";
        return title;
    }
    case PageKind::trend:
        return compact ? "Trend" : "Trend: compliance and overdue milestones";
    case PageKind::overview:
        if (page.slices > 1 && page.slice == 0)
            return "Overview";
        if (page.slices > 2)
            return (compact ? "By chapter (" : "Compliance by chapter (") +
                   std::to_string(page.slice) + (compact ? "/" : " of ") +
                   std::to_string(page.slices - 1) + ")";
        return "Compliance by chapter";
    case PageKind::deadlines:
        return "Deadlines";
    case PageKind::quality:
        return "Data quality";
    case PageKind::recommendations:
        return "Recommendations";
    case PageKind::recommendation:
        return "Recommendation " + page.ref;
    case PageKind::chapter: {
        const Chapter* chapter = plan.find_chapter(page.chapter);
        std::string title = (compact ? "" : "Chapter ") + std::to_string(page.chapter);
        if (chapter)
            title += " \xC2\xB7 " + chapter->title; // ·
        if (page.slices > 1)
            title += " (" + std::to_string(page.slice + 1) + (compact ? "/" : " of ") +
                     std::to_string(page.slices) + ")";
        return title;
    }
    }
    return "";
}

int ChapterWall::hidden_total() const {
    int total = 0;
    for (int count : hidden)
        total += count;
    return total;
}

namespace {

// Exception-first: red, amber, a reported RAG that disagrees, then green, no due date and
// complete (docs/dashboard.md).
int wall_rank(WallRow row) {
    switch (row.rag) {
    case Rag::red:
        return 0;
    case Rag::amber:
        return 1;
    default:
        break;
    }
    if (row.disagrees)
        return 2;
    switch (row.rag) {
    case Rag::green:
        return 3;
    case Rag::blue:
        return 5;
    default:
        return 4;
    }
}

bool exception(WallRow row) {
    return wall_rank(row) <= 2;
}

// The rows `pages` pages hold when the first `dense` of them have dense rows.
int capacity(const ChapterRows& rows, int pages, int dense) {
    int total = 0;
    for (int page = 0; page < pages; ++page)
        total += std::max(rows.on_page(page, page < dense), 1);
    return total;
}

} // namespace

ChapterWall chapter_wall(const std::vector<Rag>& rags, const ChapterRows& rows, int page_budget) {
    std::vector<WallRow> recommendations;
    recommendations.reserve(rags.size());
    for (Rag rag : rags)
        recommendations.push_back({rag, false});
    return chapter_wall(recommendations, rows, page_budget);
}

ChapterWall chapter_wall(const std::vector<WallRow>& recommendations, const ChapterRows& rows,
                         int page_budget) {
    ChapterWall wall;
    page_budget = std::max(page_budget, 1);
    std::vector<int> order(recommendations.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = int(i);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        return wall_rank(recommendations[std::size_t(a)]) <
               wall_rank(recommendations[std::size_t(b)]);
    });
    int count = int(order.size());
    int exceptions = 0;
    for (WallRow row : recommendations)
        exceptions += exception(row);

    // The fewest pages at the normal height; else the budget's pages with as few dense ones
    // as make them fit.
    int pages = 1, dense = 0;
    while (pages < page_budget && capacity(rows, pages, 0) < count)
        ++pages;
    while (dense < pages && capacity(rows, pages, dense) < count)
        ++dense;
    int shown = count;
    if (capacity(rows, pages, dense) < count) {
        // Not all fit in the budget, even dense: every exception (red, amber, disagreeing),
        // then as many others
        // as fit, and a line (one row) on the last page for those left out. Showing all is
        // preferred when it takes no more pages than the red and amber ones alone would.
        int all = pages;
        while (capacity(rows, all, all) < count)
            ++all;
        int with_summary = pages;
        while (capacity(rows, with_summary, with_summary) - 1 < exceptions)
            ++with_summary;
        pages = dense = std::min(all, with_summary);
        if (with_summary < all)
            shown = capacity(rows, pages, dense) - 1;
    }
    std::vector<int> take(std::size_t(pages), 0);
    for (int page = 0; page < pages; ++page)
        take[std::size_t(page)] = std::max(rows.on_page(page, page < dense), 1);
    if (shown == count) {
        // Everything fits: spread the rows evenly, no page more than `level` (13 on pages of 9
        // and 8 go 7 + 6, not 9 + 4).
        int level = 0, sum = 0;
        while (sum < count) {
            ++level;
            sum = 0;
            for (int& cap : take)
                sum += std::min(cap, level);
        }
        for (int& cap : take)
            cap = std::min(cap, level);
        for (int page = pages - 1; page >= 0 && sum > count; --page) {
            if (take[std::size_t(page)] == level) {
                --take[std::size_t(page)];
                --sum;
            }
        }
    } else {
        take.back() -= 1; // the summary line
    }
    int next = 0;
    for (int page = 0; page < pages; ++page) {
        int rows_here = std::clamp(take[std::size_t(page)], 0, shown - next);
        wall.pages.push_back(
            {{order.begin() + next, order.begin() + next + rows_here}, page < dense});
        next += rows_here;
    }
    for (int i = next; i < count; ++i)
        ++wall.hidden[std::size_t(int(recommendations[std::size_t(order[std::size_t(i)])].rag))];
    return wall;
}

std::vector<WallRow> chapter_wall_rows(const PlanView& view, std::size_t chapter_index) {
    std::vector<WallRow> rows;
    if (chapter_index >= view.chapters.size())
        return rows;
    for (std::size_t index : view.chapters[chapter_index].recommendations) {
        const RecommendationView& recommendation = view.recommendations[index];
        rows.push_back({recommendation.rag, disagrees(recommendation.reported)});
    }
    return rows;
}

history::ChangePages changes_wall(std::size_t count, std::size_t exceptions, int rows_per_page,
                                  int page_budget) {
    std::size_t rows = std::size_t(std::max(rows_per_page, 1));
    std::size_t budget = std::size_t(std::max(page_budget, 1));
    budget = std::max(budget, (std::min(exceptions, count) + rows - 1) / rows);
    history::ChangePages pages = history::page_changes(count, rows, budget);
    if (pages.pages.empty())
        pages.pages.emplace_back(0, 0); // "No changes since …"
    return pages;
}

std::vector<Page> rotation(const Plan& plan, const PlanView& view, const ChapterRows& rows,
                           int chapter_pages, int overview_slices, HistoryPages history) {
    std::vector<Page> pages;
    for (int slice = 0; slice < std::max(overview_slices, 1); ++slice)
        pages.push_back({PageKind::overview, 0, slice, std::max(overview_slices, 1)});
    for (int slice = 0; slice < history.changes; ++slice)
        pages.push_back({PageKind::changes, 0, slice, history.changes});
    if (history.trend)
        pages.push_back({PageKind::trend});
    for (std::size_t c = 0; c < plan.chapters.size(); ++c) {
        const Chapter& chapter = plan.chapters[c];
        bool context = has_wall_context(chapter);
        int slices = int(
            chapter_wall(chapter_wall_rows(view, c), chapter_rows_for(rows, context), chapter_pages)
                .pages.size());
        for (int slice = 0; slice < slices; ++slice)
            pages.push_back({PageKind::chapter, plan.chapters[c].number, slice, slices});
    }
    pages.push_back({PageKind::deadlines});
    pages.push_back({PageKind::quality});
    return pages;
}

int overview_figures(const PlanView& view) {
    return view.overall.reported_rags > 0 ? 6 : 5;
}

std::vector<Page> wall_rotation(const Plan& plan, const PlanView& view, Rect content,
                                const Metrics& m, int chapter_pages, const HistoryOnWall& history) {
    int overview_slices = overview_layout(content, m, overview_figures(view),
                                          int(plan.chapters.size()), 0, true, history.comparison)
                              .slices;
    HistoryPages extra;
    if (history.comparison)
        extra.changes = int(changes_wall(history.changes, history.exceptions,
                                         changes_layout(content, m).rows_per_page, chapter_pages)
                                .pages.size());
    extra.trend = history.trend_points >= 2;
    return rotation(plan, view, chapter_rows(content, m), chapter_pages, overview_slices, extra);
}

int index_of_chapter(const std::vector<Page>& pages, int chapter_number) {
    for (std::size_t i = 0; i < pages.size(); ++i) {
        if (pages[i].kind == PageKind::chapter && pages[i].chapter == chapter_number)
            return int(i);
    }
    return 0;
}

int index_of(const std::vector<Page>& pages, PageKind kind) {
    for (std::size_t i = 0; i < pages.size(); ++i) {
        if (pages[i].kind == kind)
            return int(i);
    }
    return 0;
}

int navigate(const std::vector<Page>& pages, int current, NavKey key, const Plan& plan) {
    int last = int(pages.size()) - 1;
    current = std::clamp(current, 0, std::max(last, 0));
    switch (key) {
    case NavKey::next:
        return std::min(current + 1, last);
    case NavKey::previous:
        return std::max(current - 1, 0);
    case NavKey::home:
        return index_of(pages, PageKind::overview);
    default:
        break;
    }
    // Digit N jumps to the N-th chapter of the plan (chapters need not be numbered 1..8).
    std::size_t nth = std::size_t(int(key) - int(NavKey::digit1));
    if (nth < plan.chapters.size()) {
        int number = plan.chapters[nth].number;
        for (std::size_t i = 0; i < pages.size(); ++i) {
            if (pages[i].kind == PageKind::chapter && pages[i].chapter == number)
                return int(i);
        }
    }
    return current;
}

int next_in_rotation(const std::vector<Page>& pages, int current) {
    if (pages.empty())
        return 0;
    return (current + 1) % int(pages.size());
}

} // namespace actionboard::ui
