# Rules for the list worker (worker/). See the top-level Makefile.
.PHONY: worker-native serve-native test-worker bench-worker worker worker-dev
worker-native: ## Build the native list worker.
	@echo "worker-native: not built yet"
serve-native:
	@echo "serve-native: not built yet"
test-worker: ## Run the worker's integration tests.
	@echo "test-worker: none yet"
bench-worker: ## Run the worker's load benchmark.
	@echo "bench-worker: none yet"
