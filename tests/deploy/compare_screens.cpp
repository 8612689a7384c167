// Is a screen capture the page a reference screenshot shows? (tests/deploy/test_kiosk_cage.sh)
//
// Both PNGs (decoded with stb_image, independent of the program's encoder and of grim's) are
// reduced to a 32x18 grid of block averages, which ignores what differs between a live kiosk
// and an off-screen screenshot of the same page: the clock, and the burn-in guard that moves
// the picture by a pixel or two. The capture must be close to the reference and far from the
// other page given, so that the check tells pages apart; and not black.
//
// Usage: compare_screens CAPTURE.png|CAPTURE.xwd SAME_PAGE.png OTHER_PAGE.png   (exit 0: it is)

#include <cmath>
#include <cstdio>
#include <stb/stb_image.h>
#include <vector>

namespace {

constexpr int grid_w = 32, grid_h = 18;

struct Blocks {
    int width = 0, height = 0;
    std::vector<double> means; // grid_w * grid_h * 3
};

// An X window dump (xwd -id, ZPixmap, 24 or 32 bits per pixel) as RGB: how the kiosk's
// window is read through XWayland when the compositor's own capture cannot be had.
std::vector<unsigned char> read_xwd(const char* path, int& width, int& height) {
    std::vector<unsigned char> rgb;
    std::FILE* file = std::fopen(path, "rb");
    if (!file)
        return rgb;
    std::vector<unsigned char> data;
    unsigned char buffer[65536];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, file)) > 0;)
        data.insert(data.end(), buffer, buffer + n);
    std::fclose(file);
    auto field = [&](int index) {
        std::size_t at = std::size_t(index) * 4;
        if (at + 4 > data.size())
            return 0u;
        return unsigned(data[at]) << 24 | unsigned(data[at + 1]) << 16 | unsigned(data[at + 2]) << 8 |
               unsigned(data[at + 3]);
    };
    unsigned header = field(0), version = field(1), format = field(2), byte_order = field(7),
             bits = field(11), line = field(12), red = field(14), green = field(15),
             blue = field(16), colours = field(19);
    width = int(field(4));
    height = int(field(5));
    if (version != 7 || format != 2 || (bits != 32 && bits != 24) || width <= 0 || height <= 0)
        return rgb;
    std::size_t start = header + std::size_t(colours) * 12;
    if (start + std::size_t(line) * std::size_t(height) > data.size())
        return rgb;
    auto shift = [](unsigned mask) {
        int n = 0;
        while (mask && !(mask & 1u)) {
            mask >>= 1;
            ++n;
        }
        return n;
    };
    rgb.resize(std::size_t(width) * std::size_t(height) * 3);
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            const unsigned char* p = &data[start + std::size_t(y) * line + std::size_t(x) * (bits / 8)];
            unsigned pixel = 0;
            for (unsigned i = 0; i < bits / 8; ++i)
                pixel |= byte_order == 0 ? unsigned(p[i]) << (8 * i) : unsigned(p[i]) << (8 * (bits / 8 - 1 - i));
            unsigned char* out = &rgb[(std::size_t(y) * width + x) * 3];
            out[0] = static_cast<unsigned char>((pixel & red) >> shift(red));
            out[1] = static_cast<unsigned char>((pixel & green) >> shift(green));
            out[2] = static_cast<unsigned char>((pixel & blue) >> shift(blue));
        }
    }
    return rgb;
}

bool load(const char* path, Blocks& out) {
    int channels = 0;
    std::vector<unsigned char> xwd;
    unsigned char* pixels = stbi_load(path, &out.width, &out.height, &channels, 3);
    if (!pixels) {
        xwd = read_xwd(path, out.width, out.height);
        if (xwd.empty()) {
            std::fprintf(stderr, "compare_screens: cannot read %s as PNG (%s) or xwd\n", path,
                         stbi_failure_reason());
            return false;
        }
        pixels = xwd.data();
    }
    int bw = out.width / grid_w, bh = out.height / grid_h;
    out.means.assign(grid_w * grid_h * 3, 0.0);
    for (int gy = 0; gy < grid_h; ++gy)
        for (int gx = 0; gx < grid_w; ++gx)
            for (int y = gy * bh; y < (gy + 1) * bh; ++y)
                for (int x = gx * bw; x < (gx + 1) * bw; ++x)
                    for (int c = 0; c < 3; ++c)
                        out.means[(gy * grid_w + gx) * 3 + c] +=
                            pixels[(std::size_t(y) * out.width + x) * 3 + c] / double(bw * bh);
    if (xwd.empty())
        stbi_image_free(pixels);
    return true;
}

double distance(const Blocks& a, const Blocks& b) {
    double total = 0;
    for (std::size_t i = 0; i < a.means.size(); ++i)
        total += std::fabs(a.means[i] - b.means[i]);
    return total / double(a.means.size());
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 4) {
        std::fprintf(stderr, "usage: compare_screens CAPTURE.png SAME_PAGE.png OTHER_PAGE.png\n");
        return 2;
    }
    Blocks capture, same, other;
    if (!load(argv[1], capture) || !load(argv[2], same) || !load(argv[3], other))
        return 2;
    double level = 0;
    for (double mean : capture.means)
        level += mean / double(capture.means.size());
    double to_same = distance(capture, same), to_other = distance(capture, other);
    bool sizes = capture.width == same.width && capture.height == same.height;
    std::printf("capture %dx%d, mean level %.1f; distance to the reference page %.2f, to the "
                "other page %.2f\n",
                capture.width, capture.height, level, to_same, to_other);
    bool ok = sizes && level > 8 && to_same < 6 && to_same * 2 < to_other;
    std::printf("%s\n", ok ? "the capture is the reference page" : "the capture is NOT the reference page");
    return ok ? 0 : 1;
}
