// The screenshot PNG encoder, checked by decoding its files with stb_image: every pixel comes
// back exactly, whatever the size.

#include "dashboard/ui/png.hpp"

#include <cstdint>
#include <doctest/doctest.h>
#include <stb/stb_image.h>
#include <stdexcept>
#include <vector>

namespace {

// A picture with flat areas (as dashboards have), gradients, wrap-around in the Sub filter's
// byte arithmetic (a pixel darker than its left neighbour) and transparency.
std::vector<std::uint8_t> test_picture(int width, int height) {
    std::vector<std::uint8_t> rgba(std::size_t(width) * std::size_t(height) * 4);
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            std::uint8_t* pixel = &rgba[(std::size_t(y) * std::size_t(width) + std::size_t(x)) * 4];
            bool flat = x < width / 3;
            pixel[0] = flat ? 30 : std::uint8_t(x * 37 + y);
            pixel[1] = flat ? 30 : std::uint8_t(255 - x * 11);
            pixel[2] = flat ? 40 : std::uint8_t((x ^ y) * 13);
            pixel[3] = std::uint8_t(x % 5 == 4 ? 0 : 255);
        }
    }
    return rgba;
}

void check_round_trip(int width, int height) {
    CAPTURE(width);
    CAPTURE(height);
    auto rgba = test_picture(width, height);
    std::string png = actionboard::ui::encode_png(rgba.data(), width, height);
    REQUIRE(png.substr(0, 8) == std::string("\x89PNG\r\n\x1a\n", 8));
    int decoded_width = 0, decoded_height = 0, channels = 0;
    stbi_uc* decoded =
        stbi_load_from_memory(reinterpret_cast<const stbi_uc*>(png.data()), int(png.size()),
                              &decoded_width, &decoded_height, &channels, 4);
    REQUIRE_MESSAGE(decoded != nullptr, stbi_failure_reason());
    CHECK(decoded_width == width);
    CHECK(decoded_height == height);
    CHECK(channels == 4);
    std::vector<std::uint8_t> back(decoded, decoded + rgba.size());
    stbi_image_free(decoded);
    CHECK(back == rgba);
}

} // namespace

TEST_CASE("screenshot PNGs decode to the exact pixels at any size") {
    check_round_trip(1, 1);
    check_round_trip(7, 5);
    check_round_trip(640, 3);
    check_round_trip(3, 480);
    check_round_trip(1280, 720);
}

TEST_CASE("a flat dashboard picture compresses well, and an empty picture is refused") {
    std::vector<std::uint8_t> flat(std::size_t(1920) * 1080 * 4, 0);
    for (std::size_t i = 0; i < flat.size(); i += 4) {
        flat[i] = 20;
        flat[i + 1] = 24;
        flat[i + 2] = 31;
        flat[i + 3] = 255;
    }
    std::string png = actionboard::ui::encode_png(flat.data(), 1920, 1080);
    CHECK(png.size() < flat.size() / 100);
    CHECK_THROWS_AS(actionboard::ui::encode_png(flat.data(), 0, 1080), std::invalid_argument);
}
