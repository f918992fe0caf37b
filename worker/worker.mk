# Rules for the list worker (worker/). See the top-level Makefile.
#
# The worker is one Go handler built two ways: natively (build/bin/worker, a
# file store under .state/worker) and for Cloudflare Workers (worker/build:
# app.wasm, its JavaScript glue and the bundled list as static assets, run by
# workerd via wrangler).
.PHONY: worker-native serve-native test-worker bench-worker worker worker-dev

WORKER_BIN := $(BUILD)/bin/worker
WORKER_ADDR := 127.0.0.1:8787
WORKER_URL := http://$(WORKER_ADDR)
# The dev admin token that authorises uploads to the local workers; created
# on first use, never committed (.keys is git-ignored).
ADMIN_TOKEN := $(KEY_DIR)/admin-token
# Where wrangler dev keeps its local KV and D1 state.
WRANGLER_STATE := .state/wrangler
# wrangler from worker/node_modules (`make deps` installs it); no telemetry,
# and no download of the Request.cf placeholder (local dev needs no network).
WRANGLER := WRANGLER_SEND_METRICS=false CLOUDFLARE_CF_FETCH_ENABLED=false $(CURDIR)/worker/node_modules/.bin/wrangler

worker-native: ## Build the native list worker (build/bin/worker).
	$(GO) build -o $(WORKER_BIN) ./worker

$(ADMIN_TOKEN):
	@mkdir -p $(KEY_DIR)
	@umask 077 && head -c 32 /dev/urandom | base64 | tr -d '/+=\n' > $@
	@echo "created the dev admin token $@"

# Used by `make run`. Runs in the foreground until Ctrl-C.
serve-native: worker-native $(ADMIN_TOKEN) ## Serve the list worker natively on 127.0.0.1:8787 with the signed default list.
	@test -f $(SIGNED_LIST) || echo "warning: $(SIGNED_LIST) is missing (run 'make list'); the worker will have no bundled list"
	@echo ""
	@echo "PartnerWatch list worker on $(WORKER_URL)"
	@echo "  signed list:   $(WORKER_URL)/v1/list"
	@echo "  status:        $(WORKER_URL)/v1/status"
	@echo "  partner page:  $(WORKER_URL)/"
	@echo "Push a newer signed list (version must go up):"
	@echo "  $(LISTCTL) sign -key $(DEV_KEY) -in $(LIST_SRC) -out /tmp/list.signed.json"
	@echo "  $(LISTCTL) push -url $(WORKER_URL) -token-file $(ADMIN_TOKEN) /tmp/list.signed.json"
	@echo "Load the extension:"
	@echo "  Chrome:  chrome://extensions → Developer mode → Load unpacked → $(CURDIR)/dist/chrome"
	@echo "  Firefox: about:debugging → This Firefox → Load Temporary Add-on → $(CURDIR)/dist/firefox/manifest.json"
	@echo "Ctrl-C stops the worker."
	@echo ""
	$(WORKER_BIN) -addr $(WORKER_ADDR) -data .state/worker -list $(SIGNED_LIST) -keys $(DEV_PUB) -token-file $(ADMIN_TOKEN)

# The list and keys the Workers bundle embeds. Self-hosters override both
# (make worker WORKER_LIST=mine.signed.json WORKER_KEYS=mine.pub.json); the
# default list is signed on demand only when it is the one bundled, so an
# override is never overwritten.
WORKER_LIST ?= $(SIGNED_LIST)
WORKER_KEYS ?= $(DEV_PUB)

# The Workers bundle, in WORKER_BUILD: the glue (glue/worker.mjs, which
# starts Go once per isolate) beside the toolchain's own wasm_exec.js (the
# one that matches the Go that builds app.wasm); the bundled list, its
# metadata and the public keys as static assets (assets/bundled, the ASSETS
# binding), verified by cmd/bundle and not embedded in the binary; app.wasm,
# whose data segments wasmpack then merges (fewer segments, faster start).
# The integration test and the benchmark build through this rule too, into
# their own WORKER_BUILD with a test key and list.
WORKER_BUILD ?= worker/build
worker: $(if $(filter $(SIGNED_LIST),$(WORKER_LIST)),$(SIGNED_LIST)) ## Build the Cloudflare Workers bundle (worker/build).
	rm -rf $(WORKER_BUILD) && mkdir -p $(WORKER_BUILD)
	cp worker/glue/worker.mjs $(GOROOT_WASM)/wasm_exec.js $(WORKER_BUILD)/
	$(GO) run ./worker/cmd/bundle -list $(WORKER_LIST) -keys $(WORKER_KEYS) -out $(WORKER_BUILD)/assets/bundled
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags=-s -o $(WORKER_BUILD)/app.wasm ./worker
	$(GO) run ./worker/cmd/wasmpack $(WORKER_BUILD)/app.wasm

# The token reaches wrangler through an env file (mode 0600), not the
# command line, where other local users could read it.
worker-dev: worker $(ADMIN_TOKEN) ## Run the Workers bundle in workerd (wrangler dev) on 127.0.0.1:8788.
	@mkdir -p $(WRANGLER_STATE)
	@umask 077 && echo "ADMIN_TOKEN=$$(cat $(ADMIN_TOKEN))" > $(WRANGLER_STATE)/dev.env
	@echo "push with: $(LISTCTL) push -url http://127.0.0.1:8788 -token-file $(ADMIN_TOKEN) FILE"
	cd worker && $(WRANGLER) dev --ip 127.0.0.1 --port 8788 --persist-to $(CURDIR)/$(WRANGLER_STATE) \
		--env-file $(CURDIR)/$(WRANGLER_STATE)/dev.env --show-interactive-dev-session=false

# The integration test builds its own bundle with a test key (so it does not
# need the default list), runs it in workerd and the native server as
# subprocesses, and checks the same scenario against both. First, go vet
# for js/wasm: the host's go vet skips the _js.go files.
test-worker: ## Run the worker's integration tests (native and workerd).
	GOOS=js GOARCH=wasm $(GO) vet ./worker/...
	PARTNERWATCH_INTEGRATION=1 $(GO) test -count=1 -timeout 5m -v ./worker/integration/

bench-worker: ## Run the worker's load benchmark (wrk) and write the "Worker" section of BENCHMARKS.md.
	worker/bench/bench.sh
