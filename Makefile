# Thin wrapper: install what is missing, configure, build, run or test.
BUILD_DIR ?= build
BUILD_TYPE ?= Release
JOBS ?= $(shell nproc)
ARGS ?=
MAKEFLAGS += --no-print-directory

CMAKE_CONFIGURE = cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

.PHONY: all deps build run test deb fuzz test-asan test-tsan clean

all: build

deps:
	@tools/install-deps.sh build

build: deps
	@$(CMAKE_CONFIGURE) >/dev/null
	@cmake --build $(BUILD_DIR) --target actionboard -j$(JOBS)

run: build
	@tools/run.sh $(BUILD_DIR)/actionboard $(ARGS)

test:
	@tools/install-deps.sh test
	@$(CMAKE_CONFIGURE) -DACTIONBOARD_TESTS=ON >/dev/null
	@cmake --build $(BUILD_DIR) -j$(JOBS)
	@cd $(BUILD_DIR) && ctest --output-on-failure -j$(JOBS)

# The Debian package of the built binary: $(BUILD_DIR)/deb/actionboard_<version>_<arch>.deb
deb: build
	@tools/install-deps.sh deb
	@cmake --build $(BUILD_DIR) --target deb

# libFuzzer targets with clang, each run for FUZZ_SECONDS (default 60).
fuzz:
	@tools/install-deps.sh fuzz
	@tests/fuzz/run.sh

# The suite under AddressSanitizer + UndefinedBehaviorSanitizer, and its tests that run threads
# (label `threads`) under ThreadSanitizer (tests/sanitizers/run.sh, docs/reliability.md).
test-asan:
	@tools/install-deps.sh test
	@tests/sanitizers/run.sh address,undefined build-asan

test-tsan:
	@tools/install-deps.sh test
	@tests/sanitizers/run.sh thread build-tsan

clean:
	rm -rf $(BUILD_DIR) build-asan build-tsan build-fuzz
