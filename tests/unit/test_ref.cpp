// Refs as plans number them: validity, natural order, case-insensitive identity, URL encoding.

#include "dashboard/core/ref.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <string>
#include <vector>

using namespace actionboard;

TEST_CASE("natural order: digit runs by value, a prefix first, letters ignoring case") {
    // Each is strictly before the next.
    std::vector<std::string> ordered{"1",   "1.2", "1.10", "2",  "3a",  "3B",  "9",  "10",
                                     "10a", "10b", "11",   "R9", "R12", "W9",  "W10", "W10a"};
    for (std::size_t i = 0; i + 1 < ordered.size(); ++i) {
        CAPTURE(ordered[i]);
        CAPTURE(ordered[i + 1]);
        CHECK(compare_refs(ordered[i], ordered[i + 1]) < 0);
        CHECK(compare_refs(ordered[i + 1], ordered[i]) > 0);
    }
    std::vector<std::string> shuffled{"W10", "10b", "2", "1.10", "R12", "10", "W9", "11",
                                      "1.2", "3a",  "10a", "1",  "R9", "9",  "W10a", "3B"};
    std::sort(shuffled.begin(), shuffled.end(), ref_less);
    CHECK(shuffled == ordered);
}

TEST_CASE("refs that differ only in letter case are one ref") {
    CHECK(same_ref("3a", "3A"));
    CHECK(same_ref("w10", "W10"));
    CHECK(compare_refs("3a", "3A") == 0);
    CHECK_FALSE(same_ref("3a", "3b"));
    CHECK_FALSE(same_ref("1.2", "1.20"));
    // Leading zeros make another ref, ordered after the shorter one.
    CHECK_FALSE(same_ref("01", "1"));
    CHECK(compare_refs("1", "01") < 0);
    CHECK(compare_refs("01", "2") < 0);
    // Long digit runs compare without overflow.
    CHECK(compare_refs("99999999999999999999", "100000000000000000000") < 0);
}

TEST_CASE("a ref is 1 to 16 characters with no control character, no '/', no outer space") {
    for (std::string good : {"1", "3a", "1.10", "R12", "W 10", "Rec 12(b)", "\xC5\xB4\x31\x30",
                             "1234567890123456", "\xC5\xB4\xC5\xB4\xC5\xB4\xC5\xB4\xC5\xB4\xC5\xB4"
                                                 "\xC5\xB4\xC5\xB4\xC5\xB4\xC5\xB4\xC5\xB4\xC5\xB4"
                                                 "\xC5\xB4\xC5\xB4\xC5\xB4\xC5\xB4"}) {
        CAPTURE(good);
        CHECK_FALSE(ref_problem(good));
    }
    CHECK(ref_problem("") == "must not be empty");
    CHECK(ref_problem("1/2")->find("'/'") != std::string::npos);
    CHECK(ref_problem(" 3")->find("space") != std::string::npos);
    CHECK(ref_problem("3 ")->find("space") != std::string::npos);
    CHECK(ref_problem("a\tb")->find("control") != std::string::npos);
    CHECK(ref_problem("a\nb")->find("control") != std::string::npos);
    CHECK(ref_problem("a\x7f")->find("control") != std::string::npos);
    CHECK(ref_problem("a\xC2\x85")->find("control") != std::string::npos); // U+0085 NEL
    CHECK(ref_problem("12345678901234567") ==
          "is 17 characters long; a ref has at most 16");
}

TEST_CASE("a ref as one URL path segment") {
    CHECK(encode_ref_for_path("3a") == "3a");
    CHECK(encode_ref_for_path("1.10") == "1.10");
    CHECK(encode_ref_for_path("W 10") == "W%2010");
    CHECK(encode_ref_for_path("R12#") == "R12%23");
    CHECK(encode_ref_for_path("a?b%") == "a%3Fb%25");
    CHECK(encode_ref_for_path("\xC5\xB4") == "%C5%B4");
}
