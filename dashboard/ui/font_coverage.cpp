#include "font_coverage.hpp"

#include "dashboard/core/embed.hpp"

#include <stb_truetype.h>
#include <stdexcept>
#include <vector>

ACTIONBOARD_EMBED(actionboard_font_regular, ACTIONBOARD_FONT_REGULAR)
ACTIONBOARD_EMBED(actionboard_font_bold, ACTIONBOARD_FONT_BOLD)

namespace actionboard::ui {

std::string_view embedded_font_regular() {
    return actionboard_font_regular_view();
}
std::string_view embedded_font_bold() {
    return actionboard_font_bold_view();
}

struct FontCoverage::Fonts {
    std::vector<stbtt_fontinfo> infos;
};

namespace {

stbtt_fontinfo parse(std::string_view ttf) {
    const auto* data = reinterpret_cast<const unsigned char*>(ttf.data());
    stbtt_fontinfo info{};
    int offset = stbtt_GetFontOffsetForIndex(data, 0);
    if (offset < 0 || !stbtt_InitFont(&info, data, offset))
        throw std::runtime_error("the embedded font cannot be read");
    return info;
}

} // namespace

FontCoverage::FontCoverage() : fonts_(std::make_unique<Fonts>()) {
    fonts_->infos.push_back(parse(embedded_font_regular()));
    fonts_->infos.push_back(parse(embedded_font_bold()));
}

FontCoverage::~FontCoverage() = default;

bool FontCoverage::can_draw(char32_t code_point) const {
    if (code_point == U'\t' || code_point == U'\n' || code_point == U'\r')
        return true;
    if (code_point > max_drawable_code_point)
        return false;
    for (const stbtt_fontinfo& info : fonts_->infos) {
        if (stbtt_FindGlyphIndex(&info, int(code_point)) == 0)
            return false;
    }
    return true;
}

} // namespace actionboard::ui
