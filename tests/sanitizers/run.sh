#!/usr/bin/env bash
# Builds and runs the test suite under sanitizers. Any report fails the run.
#   tests/sanitizers/run.sh address,undefined build-asan   every test but the plain-only ones
#   tests/sanitizers/run.sh thread build-tsan              the tests labelled `threads`
# (tests/CMakeLists.txt and docs/reliability.md say which and why.)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
sanitize=$1
build=$root/$2
# -O1 -g1, as OSS-Fuzz builds for its sanitizers: line tables are all a report's stack needs,
# and the build takes half the time of -O2 -g (docs/reliability.md). No benchmarks: no test
# runs them.
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DACTIONBOARD_TESTS=ON \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" -DACTIONBOARD_BENCH=OFF \
    -DACTIONBOARD_SANITIZE="$sanitize" >/dev/null
cmake --build "$build" -j"$(nproc)"
supp=$root/tests/sanitizers
# See keep_libraries.c: without it every process that loads Mesa reports two false leaks.
cc -shared -fPIC -O2 -o "$build/keep_libraries.so" "$supp/keep_libraries.c"
export LD_PRELOAD=$build/keep_libraries.so
# verify_asan_link_order=0: the shim comes before the ASan runtime in the preload order.
# intercept_tls_get_addr=0: GCC 12's runtime takes a dynamic TLS block (Mesa's) that malloc
# happened to place 16 bytes into a page for a glibc 2.19 header, reads a nonsense range from
# it, and LeakSanitizer's tracer dies at exit with "Tracer caught signal 11" after the test
# passed (google/sanitizers#1322; it failed five UI tests in CI). Without the interceptor those
# blocks are ordinary heap blocks, still scanned through the thread's DTV; the leak checker still
# reports real leaks (sanitizers.leak_canary).
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1:verify_asan_link_order=0:intercept_tls_get_addr=0
export LSAN_OPTIONS=suppressions=$supp/lsan.supp:print_suppressions=0
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:suppressions=$supp/ubsan.supp
# detect_deadlocks=0: TSan's lock-order detector holds at most 64 locks per thread, and
# llvmpipe's JIT (LLVM) holds more, which aborts the run with a CHECK failure inside TSan.
export TSAN_OPTIONS=halt_on_error=1:detect_deadlocks=0:suppressions=$supp/tsan.supp
# GCC 12's TSan runtime cannot place its shadow memory when the kernel randomises mmap with more
# than 28 bits (newer kernels allow 32): every process stops with "FATAL: ThreadSanitizer:
# unexpected memory mapping". Without address randomisation it runs. (Tried here with
# vm.mmap_rnd_bits set to 32.)
launcher=()
if [[ $sanitize == *thread* ]] && [ "$(cat /proc/sys/vm/mmap_rnd_bits 2>/dev/null || echo 28)" -gt 28 ]; then
    echo "note: vm.mmap_rnd_bits > 28: running the TSan suite without address randomisation"
    launcher=(setarch "$(uname -m)" -R)
fi
# ThreadSanitizer finds data races: it runs the tests that run threads of ours (label `threads`).
select=()
[[ $sanitize == *thread* ]] && select=(-L threads)
cd "$build"
"${launcher[@]}" ctest --output-on-failure -j"$(nproc)" --timeout 1200 "${select[@]}"
