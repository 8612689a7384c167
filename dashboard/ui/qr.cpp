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
    int size = 0; // modules per side; 0 when the text could not be encoded
    std::vector<bool> dark;
};

// Encoded every frame (a URL of a few dozen bytes: microseconds), so the dashboard keeps no
// state for it (docs/dashboard.md: no function-local statics).
Matrix encode(std::string_view text) {
    Matrix matrix;
    std::string copy(text);
    std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeString8bit(copy.c_str(), 0, QR_ECLEVEL_M), QRcode_free);
    if (!code)
        return matrix;
    matrix.size = code->width;
    matrix.dark.resize(std::size_t(code->width) * std::size_t(code->width));
    for (std::size_t i = 0; i < matrix.dark.size(); ++i)
        matrix.dark[i] = (code->data[i] & 1) != 0;
    return matrix;
}

} // namespace

std::string browser_url(std::string_view public_url, const Page& page) {
    std::string url(public_url);
    switch (page.kind) {
    case PageKind::overview: return url + "/";
    case PageKind::chapter: return url + "/chapters/" + std::to_string(page.chapter);
    case PageKind::deadlines: return url + "/deadlines";
    case PageKind::quality: return url + "/quality";
    case PageKind::changes:
        return url + "/changes";
    case PageKind::trend:
        return url + "/trend";
    case PageKind::recommendations: return url + "/recommendations";
    case PageKind::recommendation: return url + "/recommendations/" + encode_ref_for_path(page.ref);
    }
    return url + "/";
}

void draw_qr_corner(ImDrawList* draw_list, std::string_view text, float width, float height) {
    Matrix matrix = encode(text);
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
