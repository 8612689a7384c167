// libFuzzer target: the deadline reader, with its invariants checked on every reading.
#include "fuzz_targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    actionboard::fuzz::deadline_input(data, size);
    return 0;
}
