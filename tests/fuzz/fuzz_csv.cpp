// libFuzzer target: a CSV file read as a plan: encoding, RFC 4180 records (libcsv), the table
// rules, then the loader's checks. Any crash, hang, leak or sanitizer report is a failure.
#include "fuzz_targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    actionboard::fuzz::csv_input(data, size);
    return 0;
}
