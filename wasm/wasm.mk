# Rules for the Go core (wasm/). Included by the top-level Makefile.
#
# The core is built twice from the same packages: natively (go test, the
# widgetscan scanner) and as WebAssembly for the extension. test-wasm checks
# that the two give byte-identical answers.

CORE_DIR := $(BUILD)/core
CORE_WASM := $(CORE_DIR)/core.wasm
# Go 1.24 moved the JavaScript support files from misc/wasm to lib/wasm.
GOROOT_WASM := $(shell $(GO) env GOROOT)/lib/wasm
# go test -exec runs each js/wasm test binary under node through this script.
WASM_EXEC := $(GOROOT_WASM)/go_js_wasm_exec
# Packages whose tests also run as WebAssembly under node.
WASM_TEST_PKGS := ./wasm/cmd/pwcore/ ./wasm/core/ ./wasm/detect/ ./wasm/snapshot/
COLD_RUNS ?= 9

.PHONY: core-wasm test-go test-wasm bench-go bench-wasm scan-stats golden-update fuzz fuzz-smoke

# -trimpath keeps build paths out of the binary; -s -w drop the symbol table
# and DWARF, which the extension never uses. GOOS/GOARCH are set for this
# command only: exporting them would also make `go run` generators (easyjson)
# build for js.
core-wasm: ## Build the core as WebAssembly (build/core/core.wasm and its wasm_exec.js).
	@mkdir -p $(CORE_DIR)
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' -o $(CORE_WASM) ./wasm/cmd/pwcore
	cp $(GOROOT_WASM)/wasm_exec.js $(CORE_DIR)/wasm_exec.js

test-go: ## Run the Go tests.
	$(GO) vet ./...
	$(GO) test ./...

# The boundary tests: go vet for js/wasm (the host's go vet skips the
# _js.go files, such as pwcore's main_js.go), the js/wasm tests of the
# core's packages under node,
# then the host tests that need core.wasm (the forbidden-imports check and
# the native-versus-WebAssembly byte-identity check over every fixture).
# PWCORE_WASM_REQUIRED turns their "core.wasm missing" skip into a failure.
test-wasm: core-wasm ## Run the core's boundary tests under node.
	GOOS=js GOARCH=wasm $(GO) vet ./wasm/...
	GOOS=js GOARCH=wasm $(GO) test -exec="$(WASM_EXEC)" $(WASM_TEST_PKGS)
	PWCORE_WASM_REQUIRED=1 $(GO) test -count=1 -v -run 'TestWasmDeps|TestWasmMatchesNative' ./wasm/cmd/pwcore/

bench-go: bench-wasm ## Run the Go benchmarks, and measure core.wasm's size and cold start.
	$(GO) test -run '^$$' -bench . -benchmem ./wasm/...

# Size raw and gzipped (-9, as a store serves it), beside the baseline (an
# empty Go js/wasm program with the same boundary, testdata/empty), then
# cold start in fresh node processes (compile + instantiate + main ready),
# core and baseline alternating, with medians and their ratio; then
# reportbench.mjs: a large page's report as JSON and in the flat form, and
# a fresh core's first loadList, full or verified_before, in CPU time.
BASELINE_DIR := $(BUILD)/baseline
BASELINE_WASM := $(BASELINE_DIR)/core.wasm
# The floor (testdata/floor): the empty program plus the standard packages
# and the JSON library the core cannot do without; what it costs no change
# to our code can remove.
FLOOR_DIR := $(BUILD)/floor
FLOOR_WASM := $(FLOOR_DIR)/core.wasm

.PHONY: baseline-wasm
baseline-wasm: ## Build the empty Go js/wasm program the benchmarks compare the core with, and the floor program.
	@mkdir -p $(BASELINE_DIR) $(FLOOR_DIR)
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' -o $(BASELINE_WASM) ./wasm/cmd/pwcore/testdata/empty
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' -o $(FLOOR_WASM) ./wasm/cmd/pwcore/testdata/floor
	cp $(GOROOT_WASM)/wasm_exec.js $(BASELINE_DIR)/wasm_exec.js
	cp $(GOROOT_WASM)/wasm_exec.js $(FLOOR_DIR)/wasm_exec.js

bench-wasm: core-wasm list baseline-wasm ## Measure core.wasm beside an empty Go program and the floor program (size, node cold start), then a large report and a first list load (in full, verified_before, from a snapshot) in CPU time.
	@echo "core.wasm: $$(stat -c %s $(CORE_WASM)) bytes raw, $$(gzip -9c $(CORE_WASM) | wc -c) bytes gzip -9"
	@echo "floor:     $$(stat -c %s $(FLOOR_WASM)) bytes raw, $$(gzip -9c $(FLOOR_WASM) | wc -c) bytes gzip -9"
	@echo "baseline:  $$(stat -c %s $(BASELINE_WASM)) bytes raw, $$(gzip -9c $(BASELINE_WASM) | wc -c) bytes gzip -9"
	node wasm/cmd/pwcore/testdata/coldbench.mjs $(CORE_WASM) $(FLOOR_WASM) $(BASELINE_WASM) $(COLD_RUNS)
	node wasm/cmd/pwcore/testdata/reportbench.mjs $(CORE_WASM) $(SIGNED_LIST) $(DEV_PUB) $(COLD_RUNS)

scan-stats: ## Scan the fixtures with the default list: precision and recall per provider.
	$(GO) run ./wasm/cmd/widgetscan -stats testdata/pages

golden-update: ## Rewrite testdata/golden from the current reports (review the diff!).
	$(GO) test ./wasm/cmd/widgetscan -run TestGolden -update

# Every fuzz target of the Go packages, one after the other: `make test` runs
# each for FUZZ_SMOKE_TIME (a smoke run that still finds shallow crashes and
# replays the seed corpora, which include the checklist's in SECURITY.md);
# `make fuzz` runs each for FUZZTIME (nightly: 30m). Go's default
# -fuzzminimizetime is 60 s, which can eat a whole short run minimising one
# new input (the audit saw 9 executions in 60 s), so minimising is capped.
# A failing input is written to the package's testdata/fuzz/ and replayed by
# plain `go test` from then on.
FUZZ_PKGS ?= ./wasm/... ./worker/...
FUZZ_SMOKE_TIME ?= 2s
FUZZTIME ?= 60s
FUZZ_MINIMIZE ?= 2s
FUZZ_PARALLEL ?= 2

fuzz-smoke: ## Run every Go fuzz target briefly (FUZZ_SMOKE_TIME each).
	@$(MAKE) --no-print-directory fuzz FUZZTIME=$(FUZZ_SMOKE_TIME) FUZZ_MINIMIZE=1s

fuzz: ## Run every Go fuzz target for FUZZTIME each (default 60s; nightly FUZZTIME=30m).
	@set -e; mkdir -p $(BUILD); $(GO) test -list '^Fuzz' $(FUZZ_PKGS) | \
	awk '/^Fuzz/ { f[n++] = $$1 } /^ok / { for (i = 0; i < n; i++) print $$2, f[i]; n = 0 }' > $(BUILD)/fuzz-targets.txt; \
	test -s $(BUILD)/fuzz-targets.txt || { echo "no fuzz targets found"; exit 1; }; \
	echo "$$(wc -l < $(BUILD)/fuzz-targets.txt) fuzz targets, $(FUZZTIME) each"; \
	while read -r pkg target; do \
		echo "== $$pkg $$target"; \
		run() { $(GO) test -run '^$$' -fuzz "^$$target\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZ_MINIMIZE) -parallel $(FUZZ_PARALLEL) $$pkg < /dev/null > $(BUILD)/fuzz-last.txt 2>&1; }; \
		if ! run; then \
			tail -25 $(BUILD)/fuzz-last.txt; \
			echo "== $$target failed; running it once more: a found input is saved under testdata/fuzz and fails again, a hung fuzzing worker does not"; \
			run || { tail -25 $(BUILD)/fuzz-last.txt; exit 1; }; \
		fi; \
		tail -2 $(BUILD)/fuzz-last.txt; \
	done < $(BUILD)/fuzz-targets.txt
