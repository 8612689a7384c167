// libFuzzer target: the plan loader and validator, then everything computed from a plan that
// loads. Any crash, hang, leak or sanitizer report is a failure.
#include "fuzz_targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    actionboard::fuzz::loader_input(data, size);
    return 0;
}
