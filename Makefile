# A thin wrapper over CMake. `make run` and `make build` also install the
# Debian packages lede needs to build, `make test` and `make bench` those it
# needs to test too (scripts/install-deps.sh). BUILD_TYPE applies at every
# `make build` or `make run` (the build folder is configured again when it
# changes); BENCH_DATA is the JSONL `make bench` reads (default: the news
# set beside the repository, ../shared/data/news-dev/docs.jsonl).

BUILD      ?= build
BUILD_ASAN ?= build-asan
BUILD_TSAN ?= build-tsan
BUILD_FUZZ ?= build-fuzz
BUILD_BENCH ?= build-bench
FUZZ_SECONDS ?= 60
FUZZ_RUNS  ?= 10000
BUILD_TYPE ?= RelWithDebInfo
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
SAMPLE     ?= samples/ceasefire-commentary.txt
BENCH_DATA ?=

.PHONY: all deps deps-build configure build run test test-fast test-asan test-tsan test-fuzz \
	fuzz-build fuzz bench clean format

all: build

deps:
	@./scripts/install-deps.sh test

deps-build:
	@./scripts/install-deps.sh build

# Configured when there is no build folder, its last configure failed (no
# Makefile) or it has another BUILD_TYPE; after that, CMake configures again
# by itself when CMakeLists.txt changes.
configure: deps-build
	@{ test -f $(BUILD)/Makefile && \
		grep -qsx 'CMAKE_BUILD_TYPE:STRING=$(BUILD_TYPE)' $(BUILD)/CMakeCache.txt; } || \
		cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DCMAKE_RULE_MESSAGES=OFF >/dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

# Only the program, quietly (compiler errors still reach the terminal).
run: configure
	@cmake --build $(BUILD) -j $(JOBS) --target lede_cli >/dev/null
	@./$(BUILD)/lede summarize $(SAMPLE)

# The whole suite, then again under AddressSanitizer and UBSan, then the
# tests that run threads under ThreadSanitizer, then the clang build and a
# short run of each fuzz target.
test: test-fast test-asan test-tsan test-fuzz

test-fast: deps build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

test-asan: deps
	@cmake -S . -B $(BUILD_ASAN) -DCMAKE_BUILD_TYPE=Debug -DLEDE_SANITIZE=ON >/dev/null
	@cmake --build $(BUILD_ASAN) -j $(JOBS)
	@cd $(BUILD_ASAN) && ctest --output-on-failure -j $(JOBS) -LE nosan

test-tsan: deps
	@cmake -S . -B $(BUILD_TSAN) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLEDE_TSAN=ON >/dev/null
	@cmake --build $(BUILD_TSAN) -j $(JOBS) --target lede_thread_tests
	@cd $(BUILD_TSAN) && TSAN_OPTIONS=halt_on_error=1 ctest --output-on-failure -j $(JOBS) -L threads -LE nosan --no-tests=error

# In a folder of its own: bench/run.sh configures it (bench programs on,
# tests off) and installs into it.
bench: deps
	@./bench/run.sh $(BUILD_BENCH) $(BENCH_DATA)

# The fuzz build: clang, with ASan and UBSan, every target (so that the
# code also compiles with clang's warnings as errors), the fuzz targets for
# libFuzzer.
fuzz-build: deps
	@CC=clang cmake -S . -B $(BUILD_FUZZ) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLEDE_LIBFUZZER=ON \
		-DLEDE_SANITIZE=ON >/dev/null
	@cmake --build $(BUILD_FUZZ) -j $(JOBS) >/dev/null

# Part of `make test`: each fuzz target for a fixed number of runs from the
# committed corpus, seed 1; what it finds new is dropped.
test-fuzz: fuzz-build
	@tmp=$$(mktemp -d) && ./scripts/fuzz.sh $(BUILD_FUZZ) "$$tmp" -runs=$(FUZZ_RUNS) -seed=1; \
		status=$$?; rm -rf "$$tmp"; exit $$status

# Each fuzz target for FUZZ_SECONDS, from the committed corpus; the inputs it
# finds new are kept in $(BUILD_FUZZ)/corpus (add the telling ones to
# fuzz/corpus).
fuzz: fuzz-build
	@./scripts/fuzz.sh $(BUILD_FUZZ) $(BUILD_FUZZ)/corpus -max_total_time=$(FUZZ_SECONDS)

# The lines changed since the last commit, in the style of .clang-format
# (the code as a whole is not reformatted); generated files are left alone.
format:
	@git clang-format --force --extensions c,h -q -- \
		$$(git ls-files '*.c' '*.h' | grep -v -e model_data.c -e rouge_data.c) >/dev/null

clean:
	@rm -rf $(BUILD) $(BUILD_ASAN) $(BUILD_TSAN) $(BUILD_FUZZ) $(BUILD_BENCH)

# Install (PREFIX, DESTDIR as usual) and uninstall through CMake's manifest.
PREFIX ?= /usr/local
.PHONY: install uninstall
install: build
	@cmake --install $(BUILD) --prefix $(PREFIX)

uninstall:
	@test -f $(BUILD)/install_manifest.txt || { echo "nothing installed from $(BUILD)"; exit 1; }
	@sed 's|^|$(DESTDIR)|' $(BUILD)/install_manifest.txt | xargs -d '\n' rm -fv
