#pragma once
// PNG encoding for screenshots, with Debian's zlib. stb_image_write's own deflate took 103 ms
// for a 1920x1080 dashboard page, zlib 19 ms for a similar file size (docs/performance.md).

#include <cstdint>
#include <string>

namespace actionboard::ui {

// The bytes of a PNG file holding `height` rows of `width` 8-bit RGBA pixels, top row first.
// Each row uses the Sub filter: dashboards are flat colours, which it turns into runs of zeros.
std::string encode_png(const std::uint8_t* rgba, int width, int height);

} // namespace actionboard::ui
