#include "qr.hpp"

#include "dashboard/core/ref.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <qrencode.h>
#include <vector>

namespace actionboard::ui {

namespace {

constexpr int quiet_zone = 4; // modules of white around the code (ISO/IEC 18004)

struct Matrix {
    std::string text;
    int size = 0; // modules per side
    std::vector<bool> dark;
};

// The last code encoded: the page changes every few seconds, frames many times a second. Used
// on the render thread only.
const Matrix& encode(std::string_view text) {
    static Matrix cached;
    if (cached.text == text && cached.size > 0)
        return cached;
    cached = Matrix{std::string(text), 0, {}};
    std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeString8bit(cached.text.c_str(), 0, QR_ECLEVEL_M), QRcode_free);
    if (!code)
        return cached; // size 0: nothing drawn
    cached.size = code->width;
    cached.dark.resize(std::size_t(code->width) * std::size_t(code->width));
    for (std::size_t i = 0; i < cached.dark.size(); ++i)
        cached.dark[i] = (code->data[i] & 1) != 0;
    return cached;
}

} // namespace

std::string browser_url(std::string_view public_url, const Page& page) {
    std::string url(public_url);
    switch (page.kind) {
    case PageKind::overview: return url + "/";
    case PageKind::chapter: return url + "/chapters/" + std::to_string(page.chapter);
    case PageKind::deadlines: return url + "/deadlines";
    case PageKind::quality: return url + "/quality";
    case PageKind::recommendations: return url + "/recommendations";
    case PageKind::recommendation: return url + "/recommendations/" + encode_ref_for_path(page.ref);
    }
    return url + "/";
}

void draw_qr_corner(ImDrawList* draw_list, std::string_view text, float width, float height) {
    const Matrix& matrix = encode(text);
    if (matrix.size == 0)
        return;
    int side = matrix.size + 2 * quiet_zone;
    // About a ninth of the shorter side, whole pixels per module (at least 3) so a phone's
    // camera sees sharp edges.
    float module = std::max(3.0f, std::floor(std::min(width, height) * 0.11f / float(side)));
    float extent = module * float(side);
    float margin = std::floor(std::min(width, height) * 0.01f);
    float x0 = std::floor(width - extent - margin);
    float y0 = std::floor(height - extent - margin);
    draw_list->AddRectFilled({x0, y0}, {x0 + extent, y0 + extent}, IM_COL32(255, 255, 255, 255));
    for (int row = 0; row < matrix.size; ++row) {
        for (int column = 0; column < matrix.size; ++column) {
            if (!matrix.dark[std::size_t(row) * std::size_t(matrix.size) + std::size_t(column)])
                continue;
            float x = x0 + module * float(column + quiet_zone);
            float y = y0 + module * float(row + quiet_zone);
            draw_list->AddRectFilled({x, y}, {x + module, y + module}, IM_COL32(0, 0, 0, 255));
        }
    }
}

} // namespace actionboard::ui
