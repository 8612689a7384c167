#include "ref.hpp"

#include "ascii.hpp"
#include "utf8.hpp"

namespace actionboard {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

char fold(char c) { return ascii_lower(c); }

int sign(long long value) { return value < 0 ? -1 : value > 0 ? 1 : 0; }

} // namespace

std::optional<std::string> ref_problem(std::string_view ref) {
    if (ref.empty())
        return "must not be empty";
    if (ref.front() == ' ' || ref.back() == ' ')
        return "must not start or end with a space";
    for (std::size_t i = 0; i < ref.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(ref[i]);
        // C0 controls, DEL, and the C1 controls U+0080..U+009F (UTF-8 C2 80..C2 9F).
        bool c1 = c == 0xC2 && i + 1 < ref.size() &&
                  static_cast<unsigned char>(ref[i + 1]) >= 0x80 &&
                  static_cast<unsigned char>(ref[i + 1]) <= 0x9F;
        if (c < 0x20 || c == 0x7F || c1)
            return "must not contain control characters (a tab, a line break...)";
        if (c == '/')
            return "must not contain '/': refs are used in URLs";
    }
    if (std::size_t n = count_code_points(ref); n > max_ref_characters)
        return "is " + std::to_string(n) + " characters long; a ref has at most " +
               std::to_string(max_ref_characters);
    return std::nullopt;
}

int compare_refs(std::string_view a, std::string_view b) {
    std::size_t i = 0, j = 0;
    int zero_tiebreak = 0; // "01" after "1" when all else is equal
    while (i < a.size() && j < b.size()) {
        if (is_digit(a[i]) && is_digit(b[j])) {
            std::size_t a_end = i, b_end = j;
            while (a_end < a.size() && is_digit(a[a_end]))
                ++a_end;
            while (b_end < b.size() && is_digit(b[b_end]))
                ++b_end;
            // Compare by value without converting: skip leading zeros, then the longer run is
            // larger, then the first differing digit decides.
            std::size_t a_first = i, b_first = j;
            while (a_first + 1 < a_end && a[a_first] == '0')
                ++a_first;
            while (b_first + 1 < b_end && b[b_first] == '0')
                ++b_first;
            std::size_t a_len = a_end - a_first, b_len = b_end - b_first;
            if (a_len != b_len)
                return sign(static_cast<long long>(a_len) - static_cast<long long>(b_len));
            for (std::size_t k = 0; k < a_len; ++k) {
                if (a[a_first + k] != b[b_first + k])
                    return a[a_first + k] < b[b_first + k] ? -1 : 1;
            }
            if (zero_tiebreak == 0 && a_end - i != b_end - j)
                zero_tiebreak = (a_end - i) < (b_end - j) ? -1 : 1;
            i = a_end;
            j = b_end;
            continue;
        }
        char ca = fold(a[i]), cb = fold(b[j]);
        if (ca != cb)
            return static_cast<unsigned char>(ca) < static_cast<unsigned char>(cb) ? -1 : 1;
        ++i;
        ++j;
    }
    if (i < a.size())
        return 1; // b is a prefix of a
    if (j < b.size())
        return -1;
    return zero_tiebreak;
}

bool same_ref(std::string_view a, std::string_view b) { return iequals(a, b); }

std::string encode_ref_for_path(std::string_view ref) {
    constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(ref.size());
    for (unsigned char c : ref) {
        bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || is_digit(char(c)) ||
                          c == '-' || c == '.' || c == '_' || c == '~';
        if (unreserved) {
            out += char(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 0xF];
        }
    }
    return out;
}

} // namespace actionboard
