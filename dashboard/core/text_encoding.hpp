#pragma once
// Whether a plan file's bytes are UTF-8 text, checked before the JSON is parsed. A plan saved in
// another encoding (Notepad's "Unicode", which is UTF-16; Windows-1252, which Windows calls
// "ANSI") is refused with a message that names the encoding or the byte, where it is, and the
// fix, instead of a JSON syntax error at its first odd byte. After this check no byte sequence
// that is not UTF-8 can reach the parser or the model.

#include "loader.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace actionboard {

struct TextEncoding {
    // UTF-8 byte order marks (EF BB BF) at the start, in bytes: the JSON text starts after them.
    // One is what Windows editors write; a second one (a tool that added one to a file that had
    // one) is skipped as well: it is invisible in an editor, so a person could not remove it.
    std::size_t bom_bytes = 0;
    // Set when the bytes are not UTF-8 text. For a whole file in another encoding (UTF-16 or
    // UTF-32, with or without a byte order mark) line and column are 0 and the message names the
    // encoding; otherwise they are the 1-based line and column (in characters, the byte order
    // mark not counted) of the first byte that is not UTF-8, and the message names the byte
    // (0xA3), what it is in Windows-1252 when that is what it looks like ("£"), and how many
    // more places are not UTF-8. Every message ends with the fix: save the file as UTF-8.
    std::optional<Problem> problem;
};

// Checks `bytes` strictly (RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF,
// no sequence cut short) and refuses NUL bytes, which no JSON text holds. Pure; reads every
// byte once.
TextEncoding check_text_encoding(std::string_view bytes);

// Windows-1252 bytes as UTF-8 ("ANSI" text from Excel's "CSV (Comma delimited)" on Windows).
// nullopt, with the byte in `bad_byte`, when a byte is one of the five Windows-1252 leaves
// undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) or a NUL.
std::optional<std::string> decode_windows_1252(std::string_view bytes,
                                               std::size_t* bad_byte = nullptr);

} // namespace actionboard
