// Leaks one block on purpose. Run only in the AddressSanitizer build (sanitizers.leak_canary):
// LeakSanitizer must report it under the same ASAN_OPTIONS and LSAN_OPTIONS the suite runs with
// (tests/sanitizers/run.sh), so an option that turned leak checking off would fail this test.
#include <cstdio>
#include <cstdlib>

int main() {
    // The volatile pointer keeps the compiler from dropping the allocation.
    void* volatile block = std::malloc(4096);
    std::printf("allocated %p\n", block);
    block = nullptr;
    return 0;
}
