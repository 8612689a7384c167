#pragma once
// What each fuzz target does with one input, shared by the libFuzzer targets (clang, `make fuzz`)
// and the regression test that replays saved inputs in the ordinary build.
#include <cstddef>
#include <cstdint>

namespace actionboard::fuzz {
void loader_input(const std::uint8_t* data, std::size_t size);
void deadline_input(const std::uint8_t* data, std::size_t size);
void query_input(const std::uint8_t* data, std::size_t size);
void ref_input(const std::uint8_t* data, std::size_t size);
// A CSV file's bytes and an .xlsx workbook's bytes, read as a plan (dashboard/spreadsheet).
void csv_input(const std::uint8_t* data, std::size_t size);
void xlsx_input(const std::uint8_t* data, std::size_t size);
} // namespace actionboard::fuzz
