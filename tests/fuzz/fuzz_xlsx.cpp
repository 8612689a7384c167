// libFuzzer target: an .xlsx workbook read as a plan: the zip (libzip), the XML parts (expat),
// the table rules, then the loader's checks. Any crash, hang, leak or sanitizer report is a
// failure.
#include "fuzz_targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    actionboard::fuzz::xlsx_input(data, size);
    return 0;
}
