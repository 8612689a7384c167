#include "fonts.hpp"

#include "dashboard/core/embed.hpp"

#include <cmath>

ACTIONBOARD_EMBED(actionboard_font_regular, ACTIONBOARD_FONT_REGULAR)
ACTIONBOARD_EMBED(actionboard_font_bold, ACTIONBOARD_FONT_BOLD)

namespace actionboard::ui {

namespace {

// General punctuation (dashes, curly quotes, bullet, ellipsis), arrows, ✓, shapes and €.
constexpr ImWchar extra_glyphs[] = {0x2010, 0x2044, 0x2190, 0x2199, 0x2713, 0x2717,
                                    0x25A0, 0x25CF, 0x20AC, 0x20AC, 0};

bool same(const Metrics& a, const Metrics& b) {
    return a.label == b.label && a.body == b.body && a.heading == b.heading &&
           a.headline == b.headline;
}

ImFont* add_font(std::string_view data, float size, const ImWchar* ranges) {
    ImFontConfig config;
    config.FontDataOwnedByAtlas = false; // the bytes live in the binary's read-only data
    config.OversampleH = 2;
    config.OversampleV = 1;
    config.PixelSnapH = true;
    // ImGui's API takes a mutable pointer but only reads when it does not own the data.
    return ImGui::GetIO().Fonts->AddFontFromMemoryTTF(const_cast<char*>(data.data()),
                                                      int(data.size()), std::round(size), &config,
                                                      ranges);
}

} // namespace

bool FontAtlas::ensure(const Metrics& metrics) {
    if (has_built_ && same(metrics, built_))
        return false;
    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    atlas.Clear();
    if (text_ranges_.empty()) {
        ImFontGlyphRangesBuilder builder;
        builder.AddRanges(atlas.GetGlyphRangesDefault()); // Basic Latin + Latin-1
        builder.AddRanges(extra_glyphs);
        builder.BuildRanges(&text_ranges_);
        ImFontGlyphRangesBuilder figures;
        figures.AddText("0123456789%/.,:-+ \xE2\x80\x93");
        figures.BuildRanges(&figure_ranges_);
    }
    fonts_.label = add_font(actionboard_font_regular_view(), metrics.label, text_ranges_.Data);
    fonts_.body = add_font(actionboard_font_regular_view(), metrics.body, text_ranges_.Data);
    fonts_.bold = add_font(actionboard_font_bold_view(), metrics.body, text_ranges_.Data);
    fonts_.heading = add_font(actionboard_font_bold_view(), metrics.heading, text_ranges_.Data);
    fonts_.headline = add_font(actionboard_font_bold_view(), metrics.headline, figure_ranges_.Data);
    atlas.Build();
    ImGui::GetIO().FontDefault = fonts_.body;
    built_ = metrics;
    has_built_ = true;
    return true;
}

} // namespace actionboard::ui
