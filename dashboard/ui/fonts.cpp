#include "fonts.hpp"

#include "dashboard/core/plan_text.hpp"
#include "font_coverage.hpp"

#include <algorithm>
#include <cmath>

namespace actionboard::ui {

static_assert(IM_UNICODE_CODEPOINT_MAX == max_drawable_code_point,
              "font_coverage.hpp's max_drawable_code_point must match ImGui's build");

namespace {

constexpr char32_t replacement_character = 0xFFFD;

// The dashboard's own strings: Basic Latin, and the few other characters its code writes
// (tests/ui/test_glyphs.cpp checks every page's text against the atlas).
constexpr char32_t ui_ranges[][2] = {
    {0x0020, 0x007E}, // Basic Latin
    {0x00B7, 0x00B7}, // · (separators)
    {0x00D7, 0x00D7}, // ×
    {0x2013, 0x2014}, // – —
    {0x2018, 0x2019}, // ‘ ’
    {0x201C, 0x201D}, // “ ”
    {0x2022, 0x2022}, // • (bullets)
    {0x2026, 0x2026}, // … (text cut to fit)
    {0x2190, 0x2193}, // ← ↑ → ↓ (→: a slip's old and new due dates)
    {0x25B2, 0x25B2}, // ▲ better (direction of travel, docs/history.md)
    {0x25BA, 0x25BA}, // ► same
    {0x25BC, 0x25BC}, // ▼ worse
    {0x25CF, 0x25CF}, // ● (the deadlines page's "now")
    {0x2713, 0x2713}, // ✓ (complete)
    {replacement_character, replacement_character},
};
// What people type in the desktop's search box draws too: Latin-1's letters and signs.
constexpr char32_t typing_range[2] = {0x00A0, 0x00FF};

// The big figures: numbers, their signs, and the ellipsis that cuts one too wide.
constexpr char figure_text[] = "0123456789%/.,:-+ \xE2\x80\x93\xE2\x80\xA6";

bool same(const Metrics& a, const Metrics& b) {
    return a.label == b.label && a.body == b.body && a.heading == b.heading &&
           a.headline == b.headline;
}

// ImGui's zero-terminated [first, last] ranges from sorted code points.
void build_ranges(const CharacterSet& characters, ImVector<ImWchar>& out) {
    out.clear();
    for (std::size_t i = 0; i < characters.size();) {
        std::size_t j = i;
        while (j + 1 < characters.size() && characters[j + 1] == characters[j] + 1)
            ++j;
        out.push_back(ImWchar(characters[i]));
        out.push_back(ImWchar(characters[j]));
        i = j + 1;
    }
    out.push_back(0);
}

void merge(CharacterSet& into, const CharacterSet& more) {
    CharacterSet merged;
    merged.reserve(into.size() + more.size());
    std::set_union(into.begin(), into.end(), more.begin(), more.end(), std::back_inserter(merged));
    into = std::move(merged);
}

ImFont* add_font(ImFontAtlas& atlas, std::string_view data, float size, const ImWchar* ranges) {
    ImFontConfig config;
    config.FontDataOwnedByAtlas = false; // the bytes live in the binary's read-only data
    // Glyph positions snap to whole pixels (PixelSnapH), so horizontal oversampling only
    // smooths small text; from 32 px on it is not worth twice the texture (docs/performance.md).
    config.OversampleH = size < 32 ? 2 : 1;
    config.OversampleV = 1;
    config.PixelSnapH = true;
    // ImGui's API takes a mutable pointer but only reads when it does not own the data.
    ImFont* font = atlas.AddFontFromMemoryTTF(const_cast<char*>(data.data()), int(data.size()),
                                              std::round(size), &config, ranges);
    font->FallbackChar = ImWchar(replacement_character); // not "?": a visible replacement
    return font;
}

// Adds the code points of `text` (up to U+FFFF) to `used`, a bit per code point.
void mark(std::vector<bool>& used, std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        char32_t c = static_cast<unsigned char>(text[i]) < 0x80 ? char32_t(text[i++])
                                                                : next_code_point(text, i);
        if (c >= 0x20 && c <= max_drawable_code_point)
            used[c] = true;
    }
}

} // namespace

CharacterSet ui_characters(bool typing) {
    CharacterSet set;
    for (const auto& range : ui_ranges) {
        for (char32_t c = range[0]; c <= range[1]; ++c)
            set.push_back(c);
    }
    if (typing) {
        for (char32_t c = typing_range[0]; c <= typing_range[1]; ++c)
            set.push_back(c);
        std::sort(set.begin(), set.end());
    }
    return set;
}

CharacterSet characters_for(const Snapshot& snapshot, const ReloadState* reload,
                            std::string_view extra, bool typing) {
    std::vector<bool> used(std::size_t(max_drawable_code_point) + 1, false);
    for (char32_t c : ui_characters(typing))
        used[c] = true;
    for_each_text(*snapshot.plan, snapshot.view,
                  [&used](const TextPlace&, std::string_view text) { mark(used, text); });
    mark(used, snapshot.source);
    if (reload)
        mark(used, reload->last_error);
    mark(used, extra);
    CharacterSet set;
    for (std::size_t c = 0; c < used.size(); ++c) {
        if (used[c])
            set.push_back(char32_t(c));
    }
    return set;
}

bool FontAtlas::ensure(const Metrics& metrics, const CharacterSet& characters) {
    CharacterSet wanted = ui_characters(false);
    merge(wanted, characters);
    if (has_built_ && same(metrics, built_) && wanted == characters_)
        return false;
    atlas_.Clear();
    build_ranges(wanted, text_ranges_);
    if (figure_ranges_.empty()) {
        ImFontGlyphRangesBuilder figures;
        figures.AddText(figure_text);
        figures.AddChar(ImWchar(replacement_character));
        figures.BuildRanges(&figure_ranges_);
    }
    std::string_view regular = embedded_font_regular(), bold = embedded_font_bold();
    fonts_.label = add_font(atlas_, regular, metrics.label, text_ranges_.Data);
    fonts_.body = add_font(atlas_, regular, metrics.body, text_ranges_.Data);
    fonts_.bold = add_font(atlas_, bold, metrics.body, text_ranges_.Data);
    fonts_.heading = add_font(atlas_, bold, metrics.heading, text_ranges_.Data);
    fonts_.headline = add_font(atlas_, bold, metrics.headline, figure_ranges_.Data);
    atlas_.Build();
    built_ = metrics;
    characters_ = std::move(wanted);
    has_built_ = true;
    return true;
}

AtlasStats FontAtlas::stats() const {
    AtlasStats stats{atlas_.TexWidth, atlas_.TexHeight, 0};
    for (const ImFont* font : atlas_.Fonts)
        stats.glyphs += font->Glyphs.Size;
    return stats;
}

} // namespace actionboard::ui
