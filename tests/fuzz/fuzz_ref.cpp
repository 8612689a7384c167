// libFuzzer target: refs' natural order, identity and URL round trip.
#include "fuzz_targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    actionboard::fuzz::ref_input(data, size);
    return 0;
}
