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
    else if (auto chapter = number_after(text, "chapter:"))
        page = Page{PageKind::chapter, *chapter};
    else if (text.substr(0, 4) == "rec:" && !ref_problem(text.substr(4))) {
        page = Page{PageKind::recommendation};
        page->ref = std::string(text.substr(4));
    }
    if (!page || (slice > 0 && page->kind != PageKind::chapter && page->kind != PageKind::overview))
        return std::nullopt;
    page->slice = slice;
    return page;
}

std::string page_id(const Page& page) {
    switch (page.kind) {
    case PageKind::overview:
        return page.slices > 1 ? std::string("overview/").append(std::to_string(page.slice + 1))
                               : "overview";
    case PageKind::deadlines: return "deadlines";
    case PageKind::quality: return "quality";
    case PageKind::recommendations: return "recommendations";
    case PageKind::recommendation: return "rec:" + page.ref;
    case PageKind::chapter:
        return "chapter:" + std::to_string(page.chapter) +
               (page.slices > 1 ? std::string("/").append(std::to_string(page.slice + 1)) : "");
    }
    return "overview";
}

std::string page_title(const Page& page, const Plan& plan, bool compact) {
    switch (page.kind) {
    case PageKind::overview:
        if (page.slices > 1 && page.slice == 0)
            return "Overview";
        if (page.slices > 2)
            return "Compliance by chapter (" + std::to_string(page.slice) + " of " +
                   std::to_string(page.slices - 1) + ")";
        return "Compliance by chapter";
    case PageKind::deadlines: return "Deadlines";
    case PageKind::quality: return "Data quality";
    case PageKind::recommendations: return "Recommendations";
    case PageKind::recommendation: return "Recommendation " + page.ref;
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

std::vector<Page> rotation(const Plan& plan, int rows_per_page, int overview_slices) {
    std::vector<Page> pages;
    for (int slice = 0; slice < std::max(overview_slices, 1); ++slice)
        pages.push_back({PageKind::overview, 0, slice, std::max(overview_slices, 1)});
    for (const Chapter& chapter : plan.chapters) {
        int count = 0;
        for (const auto& rec : plan.recommendations)
            count += rec.chapter == chapter.number;
        int slices = pages_needed(count, rows_per_page);
        for (int slice = 0; slice < slices; ++slice)
            pages.push_back({PageKind::chapter, chapter.number, slice, slices});
    }
    pages.push_back({PageKind::deadlines});
    pages.push_back({PageKind::quality});
    return pages;
}

std::pair<int, int> slice_range(int rows, int slice, int slices) {
    slices = std::max(slices, 1);
    int per_slice = (rows + slices - 1) / slices;
    int first = std::min(rows, slice * per_slice);
    return {first, std::min(rows, first + per_slice)};
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
    case NavKey::next: return std::min(current + 1, last);
    case NavKey::previous: return std::max(current - 1, 0);
    case NavKey::home: return index_of(pages, PageKind::overview);
    default: break;
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
