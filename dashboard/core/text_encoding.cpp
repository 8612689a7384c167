#include "text_encoding.hpp"

#include <array>
#include <cstdint>
#include <string>

namespace actionboard {

namespace {

constexpr std::string_view save_as_utf8 =
    "save the file as UTF-8 (in Notepad: File, Save As, Encoding: UTF-8)";

// Windows-1252's characters for bytes 0x80 to 0x9F, where it differs from Latin-1; empty where
// it has none (0x81, 0x8D, 0x8F, 0x90, 0x9D).
constexpr std::array<std::string_view, 32> windows_1252_c1 = {
    "€", "",  "‚", "ƒ", "„", "…", "†", "‡", "ˆ", "‰", "Š", "‹", "Œ", "", "Ž", "",
    "",  "‘", "’", "“", "”", "•", "–", "—", "˜", "™", "š", "›", "œ", "", "ž", "Ÿ"};

// GCC 12 warns (-Wrestrict, falsely) on "literal" + std::string: texts are built with append.
std::string quoted(std::string_view text) {
    std::string out = "\"";
    out.append(text).append("\"");
    return out;
}

std::string hex_byte(unsigned char byte) {
    constexpr char digits[] = "0123456789ABCDEF";
    return std::string("0x") + digits[byte >> 4] + digits[byte & 0xf];
}

// "U+00E9": a code point as the Unicode standard writes it.
std::string code_point_name(std::uint32_t code) {
    constexpr char digits[] = "0123456789ABCDEF";
    std::string hex;
    for (int shift = code > 0xffff ? 20 : 12; shift >= 0; shift -= 4)
        hex += digits[(code >> shift) & 0xf];
    return "U+" + hex;
}

// The UTF-8 bytes of a code point below U+0800 (Latin-1's range is all this needs).
std::string utf8_of(std::uint32_t code) {
    if (code < 0x80)
        return std::string(1, char(code));
    return {char(0xc0 | (code >> 6)), char(0x80 | (code & 0x3f))};
}

// What byte 0x80 to 0xFF is in Windows-1252, for the message: `Windows-1252 "£"`, `a
// Windows-1252 no-break space`; empty when Windows-1252 has no character there.
std::string windows_1252_reading(unsigned char byte) {
    if (byte < 0x80)
        return {};
    if (byte < 0xa0) {
        std::string_view text = windows_1252_c1[byte - 0x80];
        return text.empty() ? std::string() : "Windows-1252 " + quoted(text);
    }
    if (byte == 0xa0)
        return "a Windows-1252 no-break space";
    if (byte == 0xad)
        return "a Windows-1252 soft hyphen";
    return "Windows-1252 " + quoted(utf8_of(byte)); // 0xA1 to 0xFF: Latin-1, U+00A1 to U+00FF
}

std::string bytes_text(std::string_view bytes) {
    std::string text;
    for (char c : bytes)
        text.append(text.empty() ? "" : " ").append(hex_byte(static_cast<unsigned char>(c)));
    return text;
}

// A whole file in another Unicode encoding, told by its byte order mark or, without one, by
// where the zero bytes fall around the ASCII that starts every JSON text (RFC 4627 section 3).
std::optional<std::string> other_unicode_encoding(std::string_view bytes) {
    auto at = [&bytes](std::size_t i) {
        return i < bytes.size() ? static_cast<unsigned char>(bytes[i]) : -1;
    };
    if (at(0) == 0xff && at(1) == 0xfe && at(2) == 0 && at(3) == 0)
        return "UTF-32 (little-endian, with a byte order mark)";
    if (at(0) == 0 && at(1) == 0 && at(2) == 0xfe && at(3) == 0xff)
        return "UTF-32 (big-endian, with a byte order mark)";
    if (at(0) == 0xff && at(1) == 0xfe)
        return "UTF-16 (little-endian, with a byte order mark; Windows Notepad calls it "
               "\"Unicode\")";
    if (at(0) == 0xfe && at(1) == 0xff)
        return "UTF-16 (big-endian, with a byte order mark; Windows Notepad calls it \"Unicode "
               "big endian\")";
    auto ascii = [](int byte) { return byte > 0 && byte < 0x80; };
    if (ascii(at(0)) && at(1) == 0 && at(2) == 0 && at(3) == 0)
        return "UTF-32 (little-endian, without a byte order mark)";
    if (at(0) == 0 && at(1) == 0 && at(2) == 0 && ascii(at(3)))
        return "UTF-32 (big-endian, without a byte order mark)";
    if (ascii(at(0)) && at(1) == 0)
        return "UTF-16 (little-endian, without a byte order mark)";
    if (at(0) == 0 && ascii(at(1)))
        return "UTF-16 (big-endian, without a byte order mark)";
    return std::nullopt;
}

enum class Fault { none, stray, cut_short, overlong, surrogate, too_large, nul };

struct Sequence {
    std::size_t length = 1; // bytes to step over: the character's, or 1 after a stray byte
    Fault fault = Fault::none;
    std::uint32_t code = 0; // the code point read (overlong, surrogate, too_large)
};

// Reads the sequence at `at`. A lead byte not followed by enough continuation bytes is a stray
// byte (as Windows-1252's "é" followed by a space is), unless the text ends first.
Sequence read_sequence(std::string_view bytes, std::size_t at) {
    auto byte = static_cast<unsigned char>(bytes[at]);
    if (byte == 0)
        return {1, Fault::nul};
    if (byte < 0x80)
        return {};
    std::size_t length = byte >= 0xc0 && byte < 0xe0   ? 2
                         : byte >= 0xe0 && byte < 0xf0 ? 3
                         : byte >= 0xf0 && byte < 0xf8 ? 4
                                                       : 0;
    if (length == 0) // a continuation byte with no lead, or 0xF8 to 0xFF
        return {1, Fault::stray};
    std::uint32_t code = byte & (0x7fu >> length);
    for (std::size_t k = 1; k < length; ++k) {
        if (at + k == bytes.size())
            return {bytes.size() - at, Fault::cut_short};
        auto next = static_cast<unsigned char>(bytes[at + k]);
        if ((next & 0xc0) != 0x80)
            return {1, Fault::stray};
        code = (code << 6) | (next & 0x3fu);
    }
    constexpr std::uint32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < smallest[length])
        return {length, Fault::overlong, code};
    if (code >= 0xd800 && code <= 0xdfff)
        return {length, Fault::surrogate, code};
    if (code > 0x10ffff)
        return {length, Fault::too_large, code};
    return {length, Fault::none, code};
}

std::string fault_message(std::string_view bytes, std::size_t at, const Sequence& sequence) {
    auto byte = static_cast<unsigned char>(bytes[at]);
    std::string read = bytes_text(bytes.substr(at, sequence.length));
    std::string message;
    switch (sequence.fault) {
    case Fault::nul:
        message = "byte 0x00 (NUL) is not text: a JSON file never holds one";
        break;
    case Fault::stray: {
        message.append("byte ").append(hex_byte(byte)).append(" is not UTF-8");
        std::string reading = windows_1252_reading(byte);
        if (!reading.empty())
            message.append(" (it looks like ").append(reading).append(")");
        break;
    }
    case Fault::cut_short:
        message.append("the file ends inside a UTF-8 character (")
            .append(read)
            .append("): it was cut short, or is not UTF-8");
        break;
    case Fault::overlong:
        message.append("bytes ")
            .append(read)
            .append(" are an overlong form of ")
            .append(code_point_name(sequence.code))
            .append(", which UTF-8 does not allow");
        break;
    case Fault::surrogate:
        message.append("bytes ")
            .append(read)
            .append(" encode ")
            .append(code_point_name(sequence.code))
            .append(", a UTF-16 surrogate, which UTF-8 does not allow (CESU-8 and Java's "
                    "\"modified UTF-8\" write them)");
        break;
    case Fault::too_large:
        message.append("bytes ").append(read).append(
            " encode a code point past U+10FFFF, which UTF-8 does not allow");
        break;
    case Fault::none:
        break;
    }
    return message;
}

} // namespace

TextEncoding check_text_encoding(std::string_view bytes) {
    TextEncoding result;
    constexpr std::string_view bom = "\xEF\xBB\xBF";
    while (bytes.substr(result.bom_bytes, bom.size()) == bom)
        result.bom_bytes += bom.size();
    if (result.bom_bytes == 0) {
        if (auto encoding = other_unicode_encoding(bytes)) {
            result.problem = Problem{
                "", 0, 0, "the file is " + *encoding + ", not UTF-8: " + std::string(save_as_utf8)};
            return result;
        }
    }

    std::string_view text = bytes.substr(result.bom_bytes);
    int line = 1, column = 1;
    std::optional<std::size_t> first; // where the first fault is
    Sequence first_sequence;
    int first_line = 0, first_column = 0;
    std::size_t faults = 0;
    for (std::size_t at = 0; at < text.size();) {
        Sequence sequence = read_sequence(text, at);
        if (sequence.fault != Fault::none) {
            if (!first) {
                first = at;
                first_sequence = sequence;
                first_line = line;
                first_column = column;
            }
            ++faults;
        }
        if (text[at] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column; // one per character, and one per byte that is not UTF-8
        }
        at += sequence.length;
    }
    if (!first)
        return result;
    std::string message = fault_message(text, *first, first_sequence);
    if (faults > 1)
        message += ", and " + std::to_string(faults - 1) + " more place" + (faults > 2 ? "s" : "") +
                   " after it " + (faults > 2 ? "are" : "is") + " not UTF-8 either";
    result.problem =
        Problem{"", first_line, first_column, message + "; " + std::string(save_as_utf8)};
    return result;
}

std::optional<std::string> decode_windows_1252(std::string_view bytes, std::size_t* bad_byte) {
    std::string text;
    text.reserve(bytes.size() + bytes.size() / 8);
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        auto byte = static_cast<unsigned char>(bytes[i]);
        if (byte == 0 || (byte >= 0x80 && byte < 0xa0 && windows_1252_c1[byte - 0x80].empty())) {
            if (bad_byte)
                *bad_byte = i;
            return std::nullopt;
        }
        if (byte >= 0x80 && byte < 0xa0)
            text.append(windows_1252_c1[byte - 0x80]);
        else
            text.append(utf8_of(byte));
    }
    return text;
}

} // namespace actionboard
