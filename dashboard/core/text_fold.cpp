#include "text_fold.hpp"

#include "utf8.hpp"

#include <cstdint>

namespace actionboard {

namespace {

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
        Utf8Char sequence = decode_utf8(utf8, at);
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
