// libFuzzer target: the feed's query-parameter parsing for every route.
#include "fuzz_targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    actionboard::fuzz::query_input(data, size);
    return 0;
}
