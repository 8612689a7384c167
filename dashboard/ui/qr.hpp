#pragma once
// A QR code in the corner of the wall and the committee screen, linking to the browser view of
// the page on screen (--public-url). Encoded with Debian's libqrencode, drawn as rectangles.

#include "pages.hpp"

#include <imgui.h>
#include <string>
#include <string_view>

namespace actionboard::ui {

// The browser view's address of a page: "http://wall:8080/chapters/3",
// ".../recommendations/W%2010", "/" for the overview (docs/browser.md).
std::string browser_url(std::string_view public_url, const Page& page);

// Draws the QR code of `text` in the bottom-right corner of a width x height screen, on a white
// square with the quiet zone the standard asks for. Nothing is drawn when it cannot be encoded.
void draw_qr_corner(ImDrawList* draw_list, std::string_view text, float width, float height);

} // namespace actionboard::ui
