#include "theme.hpp"

#include <cmath>

namespace actionboard::ui {

namespace {
double channel(std::uint8_t value) {
    double c = value / 255.0;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}
} // namespace

double relative_luminance(Rgb colour) {
    return 0.2126 * channel(colour.r) + 0.7152 * channel(colour.g) + 0.0722 * channel(colour.b);
}

double contrast_ratio(Rgb a, Rgb b) {
    double la = relative_luminance(a), lb = relative_luminance(b);
    if (la < lb)
        std::swap(la, lb);
    return (la + 0.05) / (lb + 0.05);
}

Rgb Theme::text_on(Rgb fill) const {
    Rgb black{0x10, 0x10, 0x10}, white{0xFF, 0xFF, 0xFF};
    return contrast_ratio(fill, black) >= contrast_ratio(fill, white) ? black : white;
}

namespace {
Theme with_symbol_colours(Theme theme) {
    for (int r = 0; r < rag_count; ++r)
        theme.rag_symbols[r] = theme.text_on(theme.rag_colours[r]);
    return theme;
}
} // namespace

Theme dark_theme() {
    Theme theme;
    theme.light = false;
    theme.background = {0x12, 0x15, 0x1A};
    theme.panel = {0x1D, 0x22, 0x2A};
    theme.panel_border = {0x3A, 0x42, 0x4E};
    theme.text = {0xEE, 0xF1, 0xF5};
    theme.text_muted = {0xA9, 0xB2, 0xBE};
    theme.accent = {0x7F, 0xC4, 0xFF};
    theme.banner_error = {0xB0, 0x2A, 0x1E};
    theme.banner_warning = {0x8A, 0x5A, 0x00};
    theme.rag_colours[int(Rag::red)] = {0xE3, 0x66, 0x1A};   // vermillion
    theme.rag_colours[int(Rag::amber)] = {0xF0, 0xE4, 0x42}; // yellow
    theme.rag_colours[int(Rag::green)] = {0x00, 0xA8, 0x7A}; // bluish green
    theme.rag_colours[int(Rag::blue)] = {0x3D, 0x9B, 0xE9};  // sky blue
    theme.rag_colours[int(Rag::none)] = {0x8C, 0x94, 0x9E};  // grey
    return with_symbol_colours(theme);
}

Theme light_theme() {
    Theme theme;
    theme.light = true;
    theme.background = {0xFF, 0xFF, 0xFF};
    theme.panel = {0xF2, 0xF4, 0xF7};
    theme.panel_border = {0xB8, 0xC0, 0xCA};
    theme.text = {0x14, 0x18, 0x1F};
    theme.text_muted = {0x4A, 0x52, 0x5E};
    theme.accent = {0x00, 0x4E, 0x8C};
    theme.banner_error = {0xB0, 0x2A, 0x1E};
    theme.banner_warning = {0x8A, 0x5A, 0x00};
    theme.rag_colours[int(Rag::red)] = {0xB8, 0x3E, 0x00};   // darker vermillion
    theme.rag_colours[int(Rag::amber)] = {0x9A, 0x6B, 0x00}; // dark amber
    theme.rag_colours[int(Rag::green)] = {0x00, 0x7A, 0x5A};
    theme.rag_colours[int(Rag::blue)] = {0x00, 0x5F, 0xA8};
    theme.rag_colours[int(Rag::none)] = {0x68, 0x70, 0x7C};
    return with_symbol_colours(theme);
}

std::string_view rag_symbol(Rag rag) {
    switch (rag) {
    case Rag::red: return "R";
    case Rag::amber: return "A";
    case Rag::green: return "G";
    case Rag::blue: return "\xE2\x9C\x93"; // ✓
    case Rag::none: return "\xE2\x80\x93"; // –
    }
    return "\xE2\x80\x93";
}

std::string rag_meaning(Rag rag, int amber_days) {
    switch (rag) {
    case Rag::red: return "Overdue";
    case Rag::amber: return "Due within " + std::to_string(amber_days) + " days";
    case Rag::green: return "On track";
    case Rag::blue: return "Complete";
    // Ongoing, recurring and unread deadlines alike: nothing can fall due (docs/rag.md).
    case Rag::none: return "No due date";
    }
    return "No due date";
}

} // namespace actionboard::ui
