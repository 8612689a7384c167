#include "text_fold.hpp"

#include <cstdint>

namespace actionboard {

namespace {

// The code point of the well-formed UTF-8 sequence at `at`, and its length in bytes; length 0
// when the bytes there are not one.
struct Sequence {
    std::uint32_t code = 0;
    std::size_t length = 0;
};

Sequence decode(std::string_view text, std::size_t at) {
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

enum class Fold { keep, space, drop, replace };

struct Folded {
    Fold fold = Fold::keep;
    std::string_view replacement; // Fold::replace
};

Folded fold_of(std::uint32_t code) {
    switch (code) {
    case 0x2019: // ’ right single quotation mark (the apostrophe word processors type)
    case 0x2018: // ‘
    case 0x201B: // ‛
    case 0x2032: // ′ prime
    case 0x0060: // ` grave accent
    case 0x00B4: // ´ acute accent
    case 0x02BC: // ʼ modifier letter apostrophe
        return {Fold::replace, "'"};
    case 0x201C: // “
    case 0x201D: // ”
    case 0x201E: // „
    case 0x201F: // ‟
    case 0x2033: // ″ double prime
        return {Fold::replace, "\""};
    case 0x2010: // ‐ hyphen
    case 0x2011: // ‑ non-breaking hyphen
    case 0x2012: // ‒ figure dash
    case 0x2013: // – en dash
    case 0x2014: // — em dash
    case 0x2015: // ― horizontal bar
    case 0x2212: // − minus sign
        return {Fold::replace, "-"};
    case 0x2026: // … horizontal ellipsis
        return {Fold::replace, "..."};
    case 0x0009: // tab
    case 0x0020:
    case 0x00A0: // no-break space
    case 0x202F: // narrow no-break space
    case 0x205F: // medium mathematical space
    case 0x3000: // ideographic space
        return {Fold::space, {}};
    case 0x00AD: // soft hyphen
    case 0x200B: // zero width space
    case 0x2060: // word joiner
    case 0xFEFF: // zero width no-break space (a byte order mark inside text)
        return {Fold::drop, {}};
    default:
        break;
    }
    if (code >= 0x2000 && code <= 0x200A) // en quad to hair space, figure space U+2007 among them
        return {Fold::space, {}};
    return {};
}

} // namespace

std::string fold_for_match(std::string_view utf8) {
    std::string out;
    out.reserve(utf8.size());
    bool after_space = false;
    std::size_t at = 0;
    while (at < utf8.size()) {
        Sequence sequence = decode(utf8, at);
        if (sequence.length == 0) { // not UTF-8: this byte as it is, then read on from the next
            out += utf8[at++];
            after_space = false;
            continue;
        }
        Folded folded = fold_of(sequence.code);
        switch (folded.fold) {
        case Fold::space:
            if (!after_space)
                out += ' ';
            after_space = true;
            break;
        case Fold::drop:
            break;
        case Fold::replace:
            out += folded.replacement;
            after_space = false;
            break;
        case Fold::keep:
            if (sequence.length == 1) {
                char c = utf8[at];
                out += c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
            } else {
                out.append(utf8.substr(at, sequence.length));
            }
            after_space = false;
            break;
        }
        at += sequence.length;
    }
    return out;
}

} // namespace actionboard
