# Rules for the browser extension (extension/). See the top-level Makefile.
.PHONY: extension test-extension bench-extension demo
extension: ## Build dist/chrome and dist/firefox.
	@echo "extension: not built yet"
test-extension: ## Run the extension's unit and end-to-end tests.
	@echo "test-extension: none yet"
bench-extension: ## Run the in-browser benchmark.
	@echo "bench-extension: none yet"
