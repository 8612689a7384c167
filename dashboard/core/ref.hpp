#pragma once
// Recommendation refs as plans number them: "12", "3a", "1.2", "1.10", "R12", "W10".
// docs/data-format.md gives the rules: a ref is a non-empty string of at most 16 characters
// (code points), with no control characters, no '/', and no space at either end. Refs compare
// case-insensitively (ASCII letters) for uniqueness and lookup, and sort in natural order.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace actionboard {

inline constexpr std::size_t max_ref_characters = 16;

// Why `ref` is not a valid ref ("must not be empty", "must not contain '/'", ...), or nullopt
// when it is. `ref` must already be valid UTF-8 (the loader checks that first).
std::optional<std::string> ref_problem(std::string_view ref);

// Natural order: runs of digits compare by value ("2" < "10", "1.2" < "1.10", "W9" < "W10"),
// everything else character by character with ASCII letters case-folded, and a ref that is a
// prefix of another comes first ("10" < "10a" < "10b" < "11"). Returns <0, 0 or >0; 0 exactly
// when same_ref() holds, so equal-by-value digit runs with different leading zeros ("01", "1")
// are told apart by their length (fewer digits first).
int compare_refs(std::string_view a, std::string_view b);

inline bool ref_less(std::string_view a, std::string_view b) { return compare_refs(a, b) < 0; }

// Case-insensitive equality over ASCII letters: "3a" names the same recommendation as "3A".
bool same_ref(std::string_view a, std::string_view b);

// The ref percent-encoded as one URL path segment (RFC 3986: unreserved characters kept).
std::string encode_ref_for_path(std::string_view ref);

} // namespace actionboard
