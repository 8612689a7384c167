// Plan files saved in another encoding: check_text_encoding names the encoding, or the byte and
// where it is, and the fix; parse_plan reports it instead of a syntax error. The four files in
// tests/data/encodings are the (case c05); the rest are made here.

#include "dashboard/core/loader.hpp"
#include "dashboard/core/text_encoding.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <string>

using namespace actionboard;
using testing::read_text;
namespace fs = std::filesystem;

namespace {

const fs::path data_dir = ACTIONBOARD_TEST_DATA_DIR;

std::string minimal() {
    return read_text(data_dir / "valid/minimal.json");
}

// ASCII text as UTF-16 or UTF-32, each character `width` bytes, least significant first or not.
std::string widen(const std::string& ascii, int width, bool little_endian) {
    std::string out;
    for (char c : ascii) {
        std::string unit(std::size_t(width), '\0');
        unit[little_endian ? 0 : std::size_t(width - 1)] = c;
        out += unit;
    }
    return out;
}

// The one problem parse_plan reports for `bytes`, formatted as --check prints it.
std::string only_problem(const std::string& bytes) {
    LoadResult result = parse_plan(bytes);
    CHECK_FALSE(result.ok());
    REQUIRE(result.problems.size() == 1);
    return format_problem(result.problems[0]);
}

bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

} // namespace

TEST_CASE("encodings: UTF-8 with one byte order mark, or two, loads") {
    for (std::string name : {"utf8-bom.json", "utf8-bom-twice.json"}) {
        CAPTURE(name);
        std::string bytes = read_text(data_dir / "encodings" / name);
        REQUIRE(bytes.rfind("\xEF\xBB\xBF", 0) == 0);
        TextEncoding encoding = check_text_encoding(bytes);
        CHECK_FALSE(encoding.problem);
        CHECK(encoding.bom_bytes == (name == "utf8-bom.json" ? 3u : 6u));
        LoadResult result = parse_plan(bytes);
        REQUIRE(result.ok());
        CHECK(result.plan->info.title == "Minimal plan");
    }
    CHECK(check_text_encoding(minimal()).bom_bytes == 0);
    // Only byte order marks: an empty file, said as such.
    CHECK(only_problem("\xEF\xBB\xBF") == "line 1, column 1: the file is empty");
    CHECK(only_problem("\xEF\xBB\xBF\xEF\xBB\xBF \n") == "line 1, column 1: the file is empty");
    // Positions after a byte order mark do not count it: an editor does not show it.
    LoadResult syntax = parse_plan("\xEF\xBB\xBF{,}");
    REQUIRE(syntax.problems.size() == 1);
    CHECK(syntax.problems[0].line == 1);
    CHECK(syntax.problems[0].column == 2);
}

TEST_CASE("encodings: the issue's UTF-16 file (Notepad's \"Unicode\") is named, with the fix") {
    std::string bytes = read_text(data_dir / "encodings/utf16le-bom.json");
    LoadResult result = parse_plan(bytes);
    REQUIRE(result.problems.size() == 1);
    const Problem& problem = result.problems[0];
    CHECK(problem.line == 0); // the whole file, not one place in it
    CHECK(problem.message ==
          "the file is UTF-16 (little-endian, with a byte order mark; Windows Notepad calls it "
          "\"Unicode\"), not UTF-8: save the file as UTF-8 (in Notepad: File, Save As, "
          "Encoding: UTF-8)");
}

TEST_CASE("encodings: the issue's Windows-1252 file names the byte, its line and column") {
    std::string bytes = read_text(data_dir / "encodings/cp1252-pound.json");
    LoadResult result = parse_plan(bytes);
    REQUIRE(result.problems.size() == 1);
    const Problem& problem = result.problems[0];
    CHECK(problem.line == 5);
    CHECK(problem.column == 22); // `    "title": "Budget £5k – Children’s plan"`
    CHECK(format_problem(problem) ==
          "line 5, column 22: byte 0xA3 is not UTF-8 (it looks like Windows-1252 \"£\"), and 2 "
          "more places after it are not UTF-8 either; save the file as UTF-8 (in Notepad: File, "
          "Save As, Encoding: UTF-8)");
}

TEST_CASE("encodings: UTF-16 and UTF-32, either byte order, with or without a byte order mark") {
    const std::string text = minimal();
    struct Case {
        std::string bytes;
        std::string named;
    };
    const Case cases[] = {
        {"\xFF\xFE" + widen(text, 2, true), "UTF-16 (little-endian, with a byte order mark"},
        {"\xFE\xFF" + widen(text, 2, false), "UTF-16 (big-endian, with a byte order mark"},
        {widen(text, 2, true), "UTF-16 (little-endian, without a byte order mark)"},
        {widen(text, 2, false), "UTF-16 (big-endian, without a byte order mark)"},
        {std::string("\xFF\xFE\0\0", 4) + widen(text, 4, true),
         "UTF-32 (little-endian, with a byte order mark)"},
        {std::string("\0\0\xFE\xFF", 4) + widen(text, 4, false),
         "UTF-32 (big-endian, with a byte order mark)"},
        {widen(text, 4, true), "UTF-32 (little-endian, without a byte order mark)"},
        {widen(text, 4, false), "UTF-32 (big-endian, without a byte order mark)"},
        // Leading white space, as an editor may leave it.
        {widen("\r\n " + text, 2, true), "UTF-16 (little-endian, without a byte order mark)"},
        {widen("{}", 2, false), "UTF-16 (big-endian, without a byte order mark)"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.named);
        std::string problem = only_problem(c.bytes);
        CHECK(problem.rfind("the file is " + c.named, 0) == 0);
        CHECK(has(problem, "not UTF-8: save the file as UTF-8"));
    }
}

TEST_CASE("encodings: each kind of invalid UTF-8 is named where it is") {
    struct Case {
        std::string bytes;
        std::string expected; // the whole formatted problem, less the fix
    };
    const Case cases[] = {
        // A stray byte, and a lead byte not followed by its continuation bytes.
        {"{\"a\": \"\x92\"}", "line 1, column 8: byte 0x92 is not UTF-8 (it looks like "
                              "Windows-1252 \"’\")"},
        {"{\n\"a\": \"caf\xE9 au lait\"}",
         "line 2, column 10: byte 0xE9 is not UTF-8 (it looks like Windows-1252 \"é\")"},
        {"{\"a\": \"\x81\"}", "line 1, column 8: byte 0x81 is not UTF-8"},
        {"{\"a\": \"\xA0\"}",
         "line 1, column 8: byte 0xA0 is not UTF-8 (it looks like a Windows-1252 no-break space)"},
        {"{\"a\": \"\xFF\xFF\xFF\"}", "line 1, column 8: byte 0xFF is not UTF-8 (it looks like "
                                      "Windows-1252 \"ÿ\"), and 2 more places after it are not "
                                      "UTF-8 either"},
        {"{\"a\": \"\xE2\x80 \"}", "line 1, column 8: byte 0xE2 is not UTF-8 (it looks like "
                                   "Windows-1252 \"â\"), and 1 more place after it is not UTF-8 "
                                   "either"},
        // Overlong forms, a surrogate, past U+10FFFF.
        {"{\"a\": \"\xC0\xAF\"}",
         "line 1, column 8: bytes 0xC0 0xAF are an overlong form of U+002F, which UTF-8 does not "
         "allow"},
        {"{\"a\": \"\xE0\x80\xAF\"}", "line 1, column 8: bytes 0xE0 0x80 0xAF are an overlong "
                                      "form of U+002F, which UTF-8 does not allow"},
        {"{\"a\": \"\xF0\x8F\xBF\xBF\"}", "line 1, column 8: bytes 0xF0 0x8F 0xBF 0xBF are an "
                                          "overlong form of U+FFFF, which UTF-8 does not allow"},
        {"{\"a\": \"\xED\xA0\x80\"}",
         "line 1, column 8: bytes 0xED 0xA0 0x80 encode U+D800, a UTF-16 surrogate, which UTF-8 "
         "does not allow (CESU-8 and Java's \"modified UTF-8\" write them)"},
        {"{\"a\": \"\xF4\x90\x80\x80\"}", "line 1, column 8: bytes 0xF4 0x90 0x80 0x80 encode a "
                                          "code point past U+10FFFF, which UTF-8 does not allow"},
        // Cut short at the end of the file.
        {"{\"a\": \"b\"}\n\xE2\x80",
         "line 2, column 1: the file ends inside a UTF-8 character (0xE2 0x80): it was cut short, "
         "or is not UTF-8"},
        {"{\"a\": \"\xF0\x9F\x98", "line 1, column 8: the file ends inside a UTF-8 character "
                                   "(0xF0 0x9F 0x98): it was cut short, or is not UTF-8"},
        // NUL: never in a JSON text.
        {std::string("{\"a\": 1,\0}", 10),
         "line 1, column 9: byte 0x00 (NUL) is not text: a JSON file never holds one"},
        // Columns count characters, not bytes; a byte order mark is not a column.
        {"\xEF\xBB\xBF{\n \"é€😀\xFF\"}",
         "line 2, column 6: byte 0xFF is not UTF-8 (it looks like Windows-1252 \"ÿ\")"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.expected);
        CHECK(only_problem(c.bytes) == c.expected + "; save the file as UTF-8 (in Notepad: File, "
                                                    "Save As, Encoding: UTF-8)");
    }
}

TEST_CASE("encodings: every UTF-8 form at its limits passes, every lone byte 0x80-0xFF is named") {
    for (std::string character :
         {"\xC2\x80", "\xDF\xBF", "\xE0\xA0\x80", "\xED\x9F\xBF", "\xEE\x80\x80", "\xEF\xBF\xBF",
          "\xF0\x90\x80\x80", "\xF4\x8F\xBF\xBF", "\x7F", "\t"}) {
        CAPTURE(character);
        TextEncoding encoding = check_text_encoding("{\"a\": \"" + character + "\"}");
        CHECK_FALSE(encoding.problem);
        CHECK(encoding.bom_bytes == 0);
    }
    // No byte that is not UTF-8 reaches the model, wherever it stands in the plan.
    const std::string text = minimal();
    for (int byte = 0x80; byte <= 0xFF; ++byte) {
        CAPTURE(byte);
        std::string bytes = text;
        bytes.replace(bytes.find("Minimal plan"), 12,
                      std::string("Minimal ") + char(byte) + " plan");
        LoadResult result = parse_plan(bytes);
        CHECK_FALSE(result.ok());
        REQUIRE(result.problems.size() == 1);
        CHECK(result.problems[0].line == 5);
        CHECK(result.problems[0].column == 23);
        const char* digits = "0123456789ABCDEF";
        CHECK(has(result.problems[0].message,
                  std::string("0x") + digits[byte >> 4] + digits[byte & 0xF]));
    }
}
