# A thin wrapper over CMake. `make run` and `make test` also install the
# Debian packages lede needs (scripts/install-deps.sh).

BUILD      ?= build
BUILD_ASAN ?= build-asan
BUILD_TSAN ?= build-tsan
BUILD_FUZZ ?= build-fuzz
FUZZ_SECONDS ?= 60
BUILD_TYPE ?= RelWithDebInfo
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
SAMPLE     ?= samples/ceasefire-commentary.txt

.PHONY: all deps build run test test-fast test-asan test-tsan bench fuzz clean format

all: build

deps:
	@./scripts/install-deps.sh

$(BUILD)/Makefile: CMakeLists.txt
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DCMAKE_RULE_MESSAGES=OFF >/dev/null

build: deps $(BUILD)/Makefile
	@cmake --build $(BUILD) -j $(JOBS)

# Only the program, quietly (compiler errors still reach the terminal).
run: deps $(BUILD)/Makefile
	@cmake --build $(BUILD) -j $(JOBS) --target lede_cli >/dev/null
	@./$(BUILD)/lede summarize $(SAMPLE)

# The whole suite, then again under AddressSanitizer and UBSan, then the
# tests that run threads under ThreadSanitizer.
test: test-fast test-asan test-tsan

test-fast: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

test-asan: deps
	@cmake -S . -B $(BUILD_ASAN) -DCMAKE_BUILD_TYPE=Debug -DLEDE_SANITIZE=ON >/dev/null
	@cmake --build $(BUILD_ASAN) -j $(JOBS)
	@cd $(BUILD_ASAN) && ctest --output-on-failure -j $(JOBS) -LE nosan

test-tsan: deps
	@cmake -S . -B $(BUILD_TSAN) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLEDE_TSAN=ON >/dev/null
	@cmake --build $(BUILD_TSAN) -j $(JOBS) --target lede_thread_tests
	@cd $(BUILD_TSAN) && TSAN_OPTIONS=halt_on_error=1 ctest --output-on-failure -j $(JOBS) -L threads -LE nosan

bench: deps $(BUILD)/Makefile
	@./bench/run.sh $(BUILD)

# Each libFuzzer target (clang, with ASan and UBSan) for FUZZ_SECONDS, from
# the committed corpus; the inputs it finds new are kept in
# $(BUILD_FUZZ)/corpus, the log of each in $(BUILD_FUZZ)/fuzz_NAME.log.
fuzz:
	@./scripts/install-deps.sh clang
	@CC=clang cmake -S . -B $(BUILD_FUZZ) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLEDE_LIBFUZZER=ON \
		-DLEDE_SANITIZE=ON -DLEDE_BUILD_TESTS=ON >/dev/null
	@cmake --build $(BUILD_FUZZ) -j $(JOBS) --target fuzz_summarize fuzz_html fuzz_jsonl >/dev/null
	@for t in summarize html jsonl; do \
		mkdir -p $(BUILD_FUZZ)/corpus/$$t; \
		echo "fuzz_$$t: $(FUZZ_SECONDS) s"; \
		./$(BUILD_FUZZ)/fuzz_$$t $(BUILD_FUZZ)/corpus/$$t fuzz/corpus/$$t -max_total_time=$(FUZZ_SECONDS) \
			-rss_limit_mb=2048 -timeout=10 -print_final_stats=1 >$(BUILD_FUZZ)/fuzz_$$t.log 2>&1 \
			|| { tail -n 60 $(BUILD_FUZZ)/fuzz_$$t.log; exit 1; }; \
		grep -E '^stat::number_of_executed_units|^Done' $(BUILD_FUZZ)/fuzz_$$t.log; \
	done

format:
	@clang-format -i $$(git ls-files '*.c' '*.h' | grep -v model_data.c)

clean:
	@rm -rf $(BUILD) $(BUILD_ASAN) $(BUILD_TSAN) $(BUILD_FUZZ)

# Install (PREFIX, DESTDIR as usual) and uninstall through CMake's manifest.
PREFIX ?= /usr/local
.PHONY: install uninstall
install: build
	@cmake --install $(BUILD) --prefix $(PREFIX)

uninstall:
	@test -f $(BUILD)/install_manifest.txt || { echo "nothing installed from $(BUILD)"; exit 1; }
	@sed 's|^|$(DESTDIR)|' $(BUILD)/install_manifest.txt | xargs -d '\n' rm -fv
