#pragma once
// Fonts rasterised at the sizes the screen needs. The TTF data is embedded in the binary
// (DejaVu Sans from Debian's fonts-dejavu-core, taken at build time). When the metrics change
// (resize, another monitor, another scale) the atlas is rebuilt and re-uploaded, so text is
// crisp at 4K instead of a scaled-up bitmap.

#include "layout.hpp"

#include <imgui.h>

namespace actionboard::ui {

struct FontSet {
    ImFont* label = nullptr;
    ImFont* body = nullptr;
    ImFont* bold = nullptr; // body size, bold
    ImFont* heading = nullptr;
    ImFont* headline = nullptr; // digits and a few symbols only: the big figures
};

class FontAtlas {
public:
    // Rebuilds ImGui's font atlas for `metrics` if it differs from the current one.
    // Returns true when rebuilt: the renderer's font texture must then be recreated.
    // Call between frames only.
    bool ensure(const Metrics& metrics);
    const FontSet& fonts() const { return fonts_; }

private:
    Metrics built_{};
    bool has_built_ = false;
    FontSet fonts_;
    ImVector<ImWchar> text_ranges_;
    ImVector<ImWchar> figure_ranges_;
};

} // namespace actionboard::ui
