# PartnerWatch's script runner. `make help` lists the targets.
#
# Each part of the repository keeps its own rules in a fragment beside its
# code (wasm/wasm.mk, worker/worker.mk, extension/extension.mk); this file
# holds what spans them: set-up, keys, the signed default list, and the two
# commands the README opens with.

SHELL := /bin/bash
GO ?= go
NPM ?= npm
BUILD := build

# The local development key pair: created on first use, never committed. A
# release signs with a key kept offline instead (see README, "Self-hosting").
KEY_DIR := .keys
DEV_KEY := $(KEY_DIR)/dev.key.json
DEV_PUB := $(KEY_DIR)/dev.pub.json
LISTCTL := $(GO) run ./worker/cmd/listctl

# The default list's source (a folder of JSON files) and its signed snapshot,
# which the extension bundles and the worker serves.
LIST_SRC := wasm/list/defaultlist
SIGNED_LIST := $(BUILD)/list/default.signed.json
# The bundled list is signed with the longest validity clients accept
# (wasm/list.MaxValidity, 90 days), so that a release's list ages as late as
# it can; past it, it keeps working (extension/README.md, "Bundled and
# synced lists").
LIST_VALIDITY ?= 2160h

.PHONY: help run test deps generate generate-check build bench clean keys list lint-list secret-scan
.DEFAULT_GOAL := help

help: ## List the targets.
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | sort | \
		awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

include wasm/wasm.mk
include worker/worker.mk
include extension/extension.mk

keys: $(DEV_KEY) ## Create the local development signing key pair if there is none.
$(DEV_KEY):
	@mkdir -p $(KEY_DIR)
	$(LISTCTL) keygen -out $(KEY_DIR)/dev

list: $(SIGNED_LIST) ## Sign the default list with the development key.
$(SIGNED_LIST): $(DEV_KEY) $(wildcard $(LIST_SRC)/*.json $(LIST_SRC)/*/*.json)
	@mkdir -p $(dir $@)
	$(LISTCTL) sign -key $(DEV_KEY) -in $(LIST_SRC) -validity $(LIST_VALIDITY) -out $@

lint-list: ## Check the default list's source and print every problem with its path.
	$(LISTCTL) lint $(LIST_SRC)

generate: ## Regenerate generated code (easyjson, the public suffix table).
	$(GO) generate ./...

# Hashes every file marked as generated, regenerates, and compares: unlike a
# git diff, this works in a tree with uncommitted edits.
generate-check: ## Fail when generated code is not current.
	@gen() { { grep -rl --include='*.go' '^// Code generated .* DO NOT EDIT\.$$' wasm worker; echo extension/src/lib/bounds.js; echo extension/src/lib/observation.js; echo extension/src/lib/layout.js; } | sort | xargs sha256sum; }; \
	before=$$(gen); $(GO) generate ./... && after=$$(gen); \
	if [ "$$before" != "$$after" ]; then diff <(echo "$$before") <(echo "$$after"); \
		echo "generated code was stale: 'make generate' rewrote the files above; commit them"; exit 1; fi; \
	echo "generated code is current ($$(echo "$$after" | wc -l) files)"

build: core-wasm worker-native extension ## Build the core, the native worker and the extension.

# `make test` runs on a fresh Debian machine as root: it installs what the
# tests need first. apt-get runs only when a browser is missing, so a warm
# machine skips it.
deps: ## Install test dependencies: Debian's chromium, firefox-esr, wrk and openssl, npm packages, Go modules.
	@if ! command -v chromium >/dev/null || ! command -v firefox-esr >/dev/null || ! command -v wrk >/dev/null || ! command -v openssl >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium firefox-esr wrk openssl >/dev/null; fi
	cd extension && $(NPM) ci --no-audit --no-fund --ignore-scripts
	cd worker && $(NPM) ci --no-audit --no-fund
	$(GO) mod download

test: deps ## Install what the tests need and run every test.
	$(MAKE) generate-check secret-scan test-go fuzz-smoke test-wasm test-worker test-extension

# Every file git tracks or would add (ignored files, such as .keys/, are not
# scanned but must stay ignored: the scan fails on a tracked key file).
# Reviewed false positives go in .secretscan-allow, with the reason.
secret-scan: ## Scan the tree for credentials (private keys, tokens, secret vars).
	git ls-files -co --exclude-standard | $(GO) run ./tools/secretscan -allow .secretscan-allow -

run: list core-wasm extension worker-native ## Start the list worker locally with the bundled list and build the extension.
	@$(MAKE) --no-print-directory serve-native

bench: bench-go bench-worker bench-extension ## Run the benchmarks recorded in BENCHMARKS.md.

clean: ## Remove build outputs (keeps .keys).
	rm -rf $(BUILD) dist extension/dist
