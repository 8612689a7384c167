#pragma once
// Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing past U+10FFFF, no sequence
// cut short. One decoder for everything that walks text by character: folding for search, the
// feed's parameter check, ref lengths and --check's columns. (text_encoding.hpp says *why* a
// file's bytes are not UTF-8; this only says whether.)

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace actionboard {

struct Utf8Char {
    std::uint32_t code = 0;
    std::size_t length = 0; // bytes; 0 when the bytes at that place are not one UTF-8 character
};

// The character starting at byte `at` (< text.size()).
constexpr Utf8Char decode_utf8(std::string_view text, std::size_t at) {
    auto byte = static_cast<unsigned char>(text[at]);
    std::size_t length = byte < 0x80           ? 1
                         : (byte >> 5) == 0x6  ? 2
                         : (byte >> 4) == 0xe  ? 3
                         : (byte >> 3) == 0x1e ? 4
                                               : 0;
    if (length == 0 || at + length > text.size())
        return {};
    std::uint32_t code = length == 1 ? byte : byte & (0x7fu >> length);
    for (std::size_t k = 1; k < length; ++k) {
        auto next = static_cast<unsigned char>(text[at + k]);
        if ((next & 0xc0) != 0x80)
            return {};
        code = (code << 6) | (next & 0x3fu);
    }
    constexpr std::uint32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < smallest[length] || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))
        return {};
    return {code, length};
}

constexpr bool valid_utf8(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        Utf8Char c = decode_utf8(text, i);
        if (c.length == 0)
            return false;
        i += c.length;
    }
    return true;
}

// Characters (code points) in UTF-8 text; a byte that starts none counts as one.
constexpr std::size_t count_code_points(std::string_view text) {
    std::size_t count = 0;
    for (unsigned char c : text)
        count += (c & 0xC0) != 0x80;
    return count;
}

} // namespace actionboard
