# Gloss build. `make run` and `make test` are all a new user needs.
SHELL      := bash
.SHELLFLAGS := -eu -o pipefail -c
GO         ?= go
SHARED     ?= ../shared
BIN        := bin/gloss
WASM       := web/app.wasm
WASMEXEC   := $(shell $(GO) env GOROOT)/lib/wasm
# Packages that run only on the server or drive a browser; everything else
# under internal/ is engine code and is also tested as wasm under Node.
NATIVE_ONLY := /internal/(server|sqlstore|httpapi|pgtest|e2e|browsertest)(/|$$)
ENGINE      = $$($(GO) list ./internal/... | grep -vE '$(NATIVE_ONLY)')

.PHONY: all build engine wasm server run static test vet fmt-check unit crash wasm-test e2e bench eval model clean

all: build

## build: web/app.wasm (+ .br, .gz) and bin/gloss
build: engine wasm server

# web/engine.wasm is the analysis engine the page runs in a Web Worker
# (cmd/engine, web/engine.js); rebuilt and recompressed like app.wasm.
ENGINE_WASM := web/engine.wasm
engine:
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' -o $(ENGINE_WASM).new ./cmd/engine
	if cmp -s $(ENGINE_WASM).new $(ENGINE_WASM) && [ $(ENGINE_WASM).br -nt $(ENGINE_WASM) ] && [ $(ENGINE_WASM).gz -nt $(ENGINE_WASM) ]; then \
		rm $(ENGINE_WASM).new; \
	else \
		mv $(ENGINE_WASM).new $(ENGINE_WASM); \
		$(GO) run ./cmd/precompress $(ENGINE_WASM); \
	fi

# The wasm is rebuilt into a temporary file and only replaces web/app.wasm
# (and is recompressed, ~30 s) when its bytes changed. It carries the
# engine's hash, so that a new engine is a new app version (the service
# worker's cache is keyed by app.wasm's hash).
wasm: engine
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags="-s -w -X gloss/app.engineBuild=$$(sha256sum $(ENGINE_WASM) | cut -c1-16)" -o $(WASM).new ./cmd/server
	if cmp -s $(WASM).new $(WASM) && [ $(WASM).br -nt $(WASM) ] && [ $(WASM).gz -nt $(WASM) ]; then \
		rm $(WASM).new; \
	else \
		mv $(WASM).new $(WASM); \
		$(GO) run ./cmd/precompress $(WASM); \
	fi

server:
	$(GO) build -trimpath -o $(BIN) ./cmd/server

## run: build everything and serve on :8080 with an SQLite file under ./data
run: build
	./$(BIN)

## static: a self-contained static site in ./dist
static: build
	rm -rf dist
	./$(BIN) -static dist

## test: every test — vet, format, unit (native and wasm), browser end-to-end
test: fmt-check vet unit crash wasm-test e2e

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./app/... ./cmd/server ./cmd/engine $(ENGINE)

# The browser tests need the built binary and wasm: they run in `e2e`.
unit:
	$(GO) test -count=1 -skip '^TestCrash' $$($(GO) list ./... | grep -v '/internal/e2e$$')

# The crash test (SIGKILL mid-save, on SQLite and PostgreSQL) prints its
# figures: acknowledged saves and how many were lost.
crash:
	$(GO) test -count=1 -run '^TestCrash' -v ./internal/httpapi | grep -E 'acknowledged|^(ok|FAIL|---)'

wasm-test:
	PATH="$(WASMEXEC):$$PATH" GOOS=js GOARCH=wasm $(GO) test -count=1 $(ENGINE)

e2e: build
	@command -v "$${CHROME_PATH:-chromium}" >/dev/null || { echo "e2e: Chromium not found: install it (apt-get install chromium) or set CHROME_PATH"; exit 1; }
	npm ci --no-audit --no-fund   # axe-core, for the accessibility checks
	GLOSS_ARTIFACTS=$(CURDIR)/e2e-artifacts GLOSS_BIN=$(CURDIR)/$(BIN) GLOSS_WEB=$(CURDIR)/web $(GO) test -count=1 -timeout 15m ./internal/e2e

## bench: figures as `name value unit` lines
bench: build
	$(GO) run ./cmd/webbench -bin $(CURDIR)/$(BIN) -web $(CURDIR)/web
	$(GO) run ./cmd/uibench -bin $(CURDIR)/$(BIN) -web $(CURDIR)/web -runs 3
	$(GO) run ./cmd/loadtest
	$(GO) test -run '^$$' -bench . -benchtime 1x ./internal/... | $(GO) run ./cmd/benchfmt -prefix native.
	PATH="$(WASMEXEC):$$PATH" GOOS=js GOARCH=wasm $(GO) test -run '^$$' -bench . -benchtime 1x $(ENGINE) | $(GO) run ./cmd/benchfmt -prefix wasm.

## eval: quality figures on the labelled corpora in $(SHARED)
eval:
	$(GO) run ./cmd/nereval -shared $(SHARED)
	$(GO) run ./cmd/simeval -shared $(SHARED)

## model: retrain the entity model from $(SHARED)/data/ner
model:
	$(GO) run ./cmd/nertrain -shared $(SHARED) -out internal/entity/model.bin

clean:
	rm -rf bin dist $(WASM) $(WASM).br $(WASM).gz $(WASM).new $(ENGINE_WASM) $(ENGINE_WASM).br $(ENGINE_WASM).gz $(ENGINE_WASM).new
