#pragma once
// The dashboard's embedded fonts and which characters they can draw. No ImGui and no display:
// `actionboard --check` asks it too. The answer comes from the fonts themselves (their cmap
// tables, read with stb_truetype), not from a list kept by hand.

#include <memory>
#include <string_view>

namespace actionboard::ui {

// The TTF bytes of DejaVu Sans and DejaVu Sans Bold, embedded in the binary at build time from
// Debian's fonts-dejavu-core. Valid for the program's lifetime.
std::string_view embedded_font_regular();
std::string_view embedded_font_bold();

// The largest code point the dashboard can draw: its ImGui is built with 16-bit ImWchar
// (fonts.cpp checks this against IM_UNICODE_CODEPOINT_MAX), so characters beyond the Basic
// Multilingual Plane, emoji among them, are never drawn even where the font has them.
inline constexpr char32_t max_drawable_code_point = 0xFFFF;

// Which characters the embedded fonts can draw. Construction parses the fonts' headers once
// (microseconds); a query is one cmap lookup per font. Const queries may run on several threads
// at once. Throws std::runtime_error if an embedded font cannot be read (a broken build).
class FontCoverage {
public:
    FontCoverage(); // the embedded regular and bold fonts
    ~FontCoverage();
    FontCoverage(const FontCoverage&) = delete;
    FontCoverage& operator=(const FontCoverage&) = delete;

    // True when every embedded font (regular and bold: any text may be drawn in either) has a
    // glyph for `code_point` and it is at most max_drawable_code_point. Tab, line feed and
    // carriage return are layout, not glyphs: true as well.
    bool can_draw(char32_t code_point) const;

private:
    struct Fonts;
    std::unique_ptr<Fonts> fonts_;
};

} // namespace actionboard::ui
