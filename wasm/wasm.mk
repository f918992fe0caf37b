# Rules for the Go core (wasm/). Owned by the core; see the top-level Makefile.
.PHONY: core-wasm test-go test-wasm bench-go
core-wasm: ## Build the core as WebAssembly.
	@echo "core-wasm: not built yet"
test-go: ## Run the Go tests.
	$(GO) vet ./...
	$(GO) test ./...
test-wasm: ## Run the core's boundary tests under node.
	@echo "test-wasm: none yet"
bench-go: ## Run the Go benchmarks.
	$(GO) test -run '^$$' -bench . ./wasm/...
