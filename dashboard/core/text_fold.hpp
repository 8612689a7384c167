#pragma once
// Text folded for matching what people type against what plans say. Word processors turn ' into
// ’, " into “ ”, - into – or —, and put non-breaking spaces in names ("Children’s Services"); a
// person typing a search or a lead's name types the plain characters, or the other way round.
// Both sides of every match go through the same fold: the feed's `q` and `lead` and the text
// they are matched against, and the desktop dashboard's search box and the text it searches.

#include <string>
#include <string_view>

namespace actionboard {

// `utf8` folded for matching (bytes in, bytes out; the result is never longer than the
// input). What it folds, and nothing else:
// - ASCII letters A to Z become a to z (other letters keep their case, as in the feed before);
// - apostrophes and marks typed for them, ’ ‘ ‛ ′ ` ´ ʼ (U+2019, U+2018, U+201B, U+2032,
//   U+0060, U+00B4, U+02BC), become ' (U+0027);
// - double quotes “ ” „ ‟ ″ (U+201C, U+201D, U+201E, U+201F, U+2033) become " (U+0022);
// - hyphens and dashes ‐ ‑ ‒ – — ― − (U+2010 to U+2015, U+2212) become - (U+002D);
// - the ellipsis … (U+2026) becomes ... (three full stops);
// - tab and the other spaces, U+00A0 (no-break), U+2000 to U+200A, U+202F (narrow no-break),
//   U+205F and U+3000, become a space, and a run of spaces becomes one space (line ends are
//   kept: they separate paragraphs and fields, which a query never spans);
// - invisible characters, U+00AD (soft hyphen), U+200B (zero width space), U+2060 (word
//   joiner) and U+FEFF (zero width no-break space), are dropped.
// Everything else is kept byte for byte. Bytes that are not well-formed UTF-8 (RFC 3629: no
// overlong forms, no surrogates, nothing past U+10FFFF) are kept one by one as they are: never
// dropped, never read together with the bytes after them. Pure, no allocation beyond the result.
std::string fold_for_match(std::string_view utf8);

} // namespace actionboard
