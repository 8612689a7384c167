// fold_for_match: what it folds (every character it documents), what it keeps, and bytes that
// are not UTF-8.

#include "dashboard/core/text_fold.hpp"

#include <doctest/doctest.h>
#include <string>

using actionboard::fold_for_match;

TEST_CASE("fold: ASCII letters lower-cased, other letters kept as they are") {
    CHECK(fold_for_match("Head of CHILDREN's Services") == "head of children's services");
    CHECK(fold_for_match("SSCB 2010") == "sscb 2010");
    CHECK(fold_for_match("Ysgol Gymraeg – ÉCOLE") == "ysgol gymraeg - École");
    CHECK(fold_for_match("Łódź Šiauliai") == "Łódź Šiauliai");
    CHECK(fold_for_match("") == "");
}

TEST_CASE("fold: every apostrophe-like mark becomes '") {
    for (std::string mark :
         {"\u2019", "\u2018", "\u201B", "\u2032", "`", "\u00B4", "\u02BC", "'"}) {
        CAPTURE(mark);
        CHECK(fold_for_match("Children" + mark + "s") == "children's");
    }
}

TEST_CASE("fold: every double quote becomes \"") {
    for (std::string mark : {"\u201C", "\u201D", "\u201E", "\u201F", "\u2033", "\""}) {
        CAPTURE(mark);
        CHECK(fold_for_match(mark + "early help" + mark) == "\"early help\"");
    }
    CHECK(fold_for_match("\u201Eearly help\u201C") == "\"early help\"");
}

TEST_CASE("fold: hyphens, dashes and the minus sign become -") {
    for (std::string dash :
         {"\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212", "-"}) {
        CAPTURE(dash);
        CHECK(fold_for_match("10" + dash + "12 staff") == "10-12 staff");
    }
}

TEST_CASE("fold: spaces become one space, line ends are kept") {
    for (std::string space :
         {"\u00A0", "\u202F", "\u2007", "\u2000", "\u2001", "\u2002", "\u2003", "\u2004", "\u2005",
          "\u2006", "\u2008", "\u2009", "\u200A", "\u205F", "\u3000", "\t", " "}) {
        CAPTURE(space);
        CHECK(fold_for_match("early" + space + "help") == "early help");
        CHECK(fold_for_match("early" + space + " " + space + "help") == "early help");
    }
    CHECK(fold_for_match("  two  spaces  ") == " two spaces ");
    CHECK(fold_for_match("line\nbreak") == "line\nbreak");
    CHECK(fold_for_match("line \r\n break") == "line \r\n break");
}

TEST_CASE("fold: the ellipsis becomes three full stops, invisible characters are dropped") {
    CHECK(fold_for_match("and so on\u2026") == "and so on...");
    for (std::string invisible : {"\u00AD", "\u200B", "\u2060", "\uFEFF"}) {
        CAPTURE(invisible);
        CHECK(fold_for_match("Chil" + invisible + "dren") == "children");
        CHECK(fold_for_match("a " + invisible + " b") == "a b");
    }
}

TEST_CASE("fold: the issue's case, both ways, and characters it must not touch") {
    CHECK(fold_for_match("Head of Children\u2019s Services") ==
          fold_for_match("Head of Children's Services"));
    CHECK(fold_for_match("HEAD OF CHILDREN'S\u00A0SERVICES") ==
          fold_for_match("Head of Children\u2019s Services"));
    // Look-alikes that are other characters stay apart.
    CHECK(fold_for_match("a\u00ABb\u00BB") == "a\u00ABb\u00BB"); // guillemets
    CHECK(fold_for_match("\u2022 \u00BD \u2264 \u20AC") == "\u2022 \u00BD \u2264 \u20AC");
    CHECK(fold_for_match("\u200D\u200C") == "\u200D\u200C"); // joiners shape some scripts
}

TEST_CASE("fold: bytes that are not UTF-8 pass through one by one") {
    // Windows-1252 ’ (0x92) and £ (0xA3) are not UTF-8: kept, and the letters after them folded.
    CHECK(fold_for_match("Children\x92S \2435K") == "children\x92s \2435k");
    // A lead byte whose sequence is cut short does not swallow the next character.
    CHECK(fold_for_match("\342\200A") == "\342\200a");
    CHECK(fold_for_match("\xE2\x80\xE2\x80\x99") == "\xE2\x80'");
    // Overlong forms, surrogates and code points past U+10FFFF are not read as characters.
    CHECK(fold_for_match("\xC0\xA7") == "\xC0\xA7");         // overlong '
    CHECK(fold_for_match("\xE0\x80\xA0") == "\xE0\x80\xA0"); // overlong space
    CHECK(fold_for_match("\xED\xA0\x80") == "\xED\xA0\x80"); // a UTF-16 surrogate
    CHECK(fold_for_match("\xF4\x90\x80\x80") == "\xF4\x90\x80\x80");
    CHECK(fold_for_match("\377\376AB") == "\377\376ab");
    CHECK(fold_for_match("end \xE2\x80") == "end \xE2\x80"); // cut at the end
    CHECK(fold_for_match(std::string("a\0B", 3)) == std::string("a\0b", 3));
}
