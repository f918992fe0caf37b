# Rules for the browser extension (extension/). See the top-level Makefile.
#
# The extension is plain ES modules: `extension` copies them with the core
# (core.wasm, wasm_exec.js), the signed default list and its pinned public
# key into dist/chrome and dist/firefox, writes each browser's manifest and
# zips both. No bundler runs.
.PHONY: extension extension-lint test-extension test-extension-unit test-extension-e2e bench-extension bench-collect demo release

EXT := extension
# npm ci writes this file; it stands for an installed node_modules. No
# package's install script runs: none is needed (esbuild's only checks the
# binary its platform package brings).
EXT_MODULES := $(EXT)/node_modules/.package-lock.json

$(EXT_MODULES): $(EXT)/package.json $(EXT)/package-lock.json
	cd $(EXT) && $(NPM) ci --no-audit --no-fund --ignore-scripts

extension: list core-wasm $(EXT_MODULES) ## Build dist/chrome and dist/firefox (+ their zips; the npm packages first, for esbuild).
	node $(EXT)/build.mjs --core $(BUILD)/core --list $(SIGNED_LIST) --keys $(DEV_PUB) --out dist
	@echo "Load it: Chromium → chrome://extensions → Developer mode → Load unpacked → dist/chrome;"
	@echo "         Firefox → about:debugging#/runtime/this-firefox → Load Temporary Add-on → dist/firefox/manifest.json"

# web-ext lint checks the Firefox package against addons.mozilla.org's rules.
extension-lint: extension $(EXT_MODULES) ## Lint dist/firefox with web-ext.
	cd $(EXT) && npx --no-install web-ext lint --source-dir ../dist/firefox --warnings-as-errors

test-extension-unit: extension $(EXT_MODULES) ## The extension's node unit tests.
	cd $(EXT) && node --test test/unit/

# The browser tests need the native worker and the Workers bundle (run in
# workerd by wrangler dev) for the list-update scenarios.
# Each browser runs alone (--test-concurrency=1): two browsers at once on two
# cores make timings flaky. parity.test.mjs loads every fixture page of
# testdata/pages in Chromium (about seven minutes for 535 pages) and holds the
# content script to the static observer's expectations.
test-extension-e2e: extension worker-native worker $(EXT_MODULES) ## End-to-end tests in Chromium and Firefox ESR, and the live parity test.
	cd $(EXT) && node --test --test-concurrency=1 test/e2e/contract.test.mjs test/e2e/chromium.test.mjs test/e2e/lifecycle.test.mjs test/e2e/xss.test.mjs test/e2e/trust.test.mjs test/e2e/parity.test.mjs test/e2e/firefox.test.mjs

test-extension: ## Run the extension's unit tests, web-ext lint and the end-to-end tests.
	$(MAKE) --no-print-directory test-extension-unit extension-lint test-extension-e2e

# Then the cold start's floor: the same extension with an empty Go program
# in place of core.wasm (test/bench/coldfloor.mjs).
bench-extension: extension baseline-wasm $(EXT_MODULES) ## Run the in-browser benchmark (writes the "Extension" section of BENCHMARKS.md), then the cold start beside an empty Go program (Chromium's worker, Firefox's event page), page load beside an empty extension, and the collection beside its floor's reads.
	cd $(EXT) && node test/bench/bench.mjs --write ../BENCHMARKS.md
	cd $(EXT) && node test/bench/coldfloor.mjs
	cd $(EXT) && node test/bench/firefoxrestart.mjs
	cd $(EXT) && node test/bench/pageload.mjs
	cd $(EXT) && node test/bench/collectfloor.mjs

# The collector against the one of another commit (COLLECT_BASE, main by
# default), side by side in one page.
COLLECT_BASE ?= main
bench-collect: list core-wasm $(EXT_MODULES) ## Time the content script's collector against COLLECT_BASE's; writes the "Collection" section of BENCHMARKS.md.
	cd $(EXT) && node test/bench/collect.mjs --base $(COLLECT_BASE) --write ../BENCHMARKS.md

demo: extension $(EXT_MODULES) ## Screenshots of the notice and the popup into build/demo/.
	cd $(EXT) && node test/demo/demo.mjs --out ../$(BUILD)/demo

# Store-ready packages in build/release (see extension/tools/release.mjs):
# the Chrome Web Store and Firefox zips, the source archive with BUILD.md,
# PRIVACY.md, SHA256SUMS and the demo screenshots. It rebuilds core.wasm and
# both packages from the source archive and fails unless the hashes match,
# and runs web-ext lint. A store release pins the release key and bundles a
# list signed with it: make release RELEASE_KEYS=release.pub.json
# RELEASE_LIST=default.signed.json (the development key otherwise).
# VERSION=X.Y.Z stamps another version than package.json's.
RELEASE_KEYS ?= $(DEV_PUB)
RELEASE_LIST ?= $(SIGNED_LIST)
release: list demo $(EXT_MODULES) ## Store-ready packages in build/release, checked reproducible and lint-clean.
	node $(EXT)/tools/release.mjs --list $(RELEASE_LIST) --keys $(RELEASE_KEYS) --out $(BUILD)/release --screenshots $(BUILD)/demo $(if $(VERSION),--version $(VERSION))
