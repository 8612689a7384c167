#pragma once
// Fonts rasterised at the sizes the screen needs, holding the characters the plan uses. The TTF
// data is embedded in the binary (DejaVu Sans from Debian's fonts-dejavu-core, taken at build
// time; font_coverage.hpp). The atlas is rebuilt when the metrics change (resize, another
// monitor, another scale), so text is crisp at 4K instead of a scaled-up bitmap, and when a
// reload brings characters it does not hold yet. A character the font lacks is drawn as U+FFFD
// (a replacement mark), never as "?".

#include "dashboard/core/live_plan.hpp"
#include "layout.hpp"

#include <imgui.h>
#include <string_view>
#include <vector>

namespace actionboard::ui {

struct FontSet {
    ImFont* label = nullptr;
    ImFont* body = nullptr;
    ImFont* bold = nullptr; // body size, bold
    ImFont* heading = nullptr;
    ImFont* headline = nullptr; // digits and a few symbols only: the big figures
};

// Code points in increasing order, each once.
using CharacterSet = std::vector<char32_t>;

// The characters the dashboard's own strings use: Basic Latin, · × – — ‘ ’ “ ” • … ← ↑ → ↓ ▲ ► ▼
// ● ✓,
// and U+FFFD, the replacement drawn for a character the font lacks. `typing` adds Latin-1
// (U+00A0 to U+00FF) for what people type in the desktop's search box.
CharacterSet ui_characters(bool typing = false);

// The characters a frame can show for `snapshot`: ui_characters(typing), every character of
// the plan and its view (for_each_text in dashboard/core/plan_text.hpp), the data source's name,
// the reload state's message and `extra` (UTF-8: the feed's URL). Characters past U+FFFF are
// left out: the renderer draws them as U+FFFD. Pure; docs/performance.md has its cost.
CharacterSet characters_for(const Snapshot& snapshot, const ReloadState* reload,
                            std::string_view extra = {}, bool typing = false);

struct AtlasStats {
    int width = 0; // texture size in pixels
    int height = 0;
    int glyphs = 0; // glyphs rasterised, over all fonts
    std::size_t texture_bytes() const { return std::size_t(width) * std::size_t(height) * 4; }
};

// Owns the ImFontAtlas that ImGui contexts share (ImGui::CreateContext(atlas.imgui_atlas())).
// Render thread only.
class FontAtlas {
public:
    FontAtlas() = default;
    FontAtlas(const FontAtlas&) = delete;
    FontAtlas& operator=(const FontAtlas&) = delete;

    ImFontAtlas* imgui_atlas() { return &atlas_; }

    // Rebuilds the atlas for `metrics` and `characters` (with ui_characters() always added) if
    // either differs from what it holds. Returns true when rebuilt: the renderer's font texture
    // must then be recreated (ImGui_ImplOpenGL3_DestroyFontsTexture, then
    // CreateFontsTexture). Call between frames only (ImGui locks the atlas within a frame).
    // Every text font holds every character given that the font has; the headline font, for
    // the big figures, only digits and a few signs. Every font's fallback is U+FFFD. A context
    // that draws with it sets io.FontDefault = fonts().body after each call.
    bool ensure(const Metrics& metrics, const CharacterSet& characters);
    const FontSet& fonts() const { return fonts_; }
    AtlasStats stats() const;

private:
    ImFontAtlas atlas_;
    Metrics built_{};
    bool has_built_ = false;
    CharacterSet characters_;
    FontSet fonts_;
    ImVector<ImWchar> text_ranges_;
    ImVector<ImWchar> figure_ranges_;
};

} // namespace actionboard::ui
