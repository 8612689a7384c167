# Sourced by the test scripts. Sanitizer builds run slower: their ctest runs set
# ACTIONBOARD_TEST_TIME_SCALE (tests/CMakeLists.txt), and the scripts multiply every time limit
# by $scale. It is 1 when unset; anything but a whole number from 1 to 100 ends the test.
scale=${ACTIONBOARD_TEST_TIME_SCALE:-1}
if ! [[ "$scale" =~ ^[1-9][0-9]?$|^100$ ]]; then
    echo "FAIL: ACTIONBOARD_TEST_TIME_SCALE must be 1 to 100, not '$scale'" >&2
    exit 1
fi
