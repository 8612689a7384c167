#pragma once
// Colours for the dark (default) and light (projector) themes. RAG colours come from the
// Okabe–Ito colour-blind-safe set, adjusted per theme to keep at least 3:1 contrast against the
// background; a badge also carries a letter or symbol, so colour is never the only signal.
// No ImGui here: colours are plain RGB so they can be tested.

#include "dashboard/core/plan.hpp"
#include "dashboard/core/view.hpp"

#include <cstdint>
#include <string_view>

namespace actionboard::ui {

struct Rgb {
    std::uint8_t r = 0, g = 0, b = 0;
    bool operator==(const Rgb&) const = default;
};

// WCAG relative luminance and contrast ratio.
double relative_luminance(Rgb colour);
double contrast_ratio(Rgb a, Rgb b);

struct Theme {
    bool light = false;
    Rgb background;
    Rgb panel;        // tiles and table rows
    Rgb panel_border;
    Rgb text;
    Rgb text_muted;
    Rgb accent;       // headings
    Rgb banner_error;
    Rgb banner_warning;
    Rgb rag_colours[rag_count]; // indexed by Rag
    Rgb rag_symbols[rag_count]; // text_on(rag_colours[i]), worked out once: badges draw often

    Rgb rag_colour(Rag rag) const { return rag_colours[int(rag)]; }
    Rgb rag_symbol_colour(Rag rag) const { return rag_symbols[int(rag)]; }
    // Black or white, whichever reads better on `fill`.
    Rgb text_on(Rgb fill) const;
};

Theme dark_theme();
Theme light_theme();

// The letter or symbol a badge carries: R, A, G, ✓, –.
std::string_view rag_symbol(Rag rag);
// "Overdue", "Due within N days", "On track", "Complete", "No date".
std::string rag_meaning(Rag rag, int amber_days);

} // namespace actionboard::ui
