# Everything a fresh machine needs (python3, make, node/npm) is bootstrapped by these targets:
# a .venv with the exact tools in requirements/dev.txt and ./node_modules from package-lock.json.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
# The generator's post-hooks call `ruff`: put the pinned one first on PATH.
export PATH := $(CURDIR)/$(BIN):$(CURDIR)/node_modules/.bin:$(PATH)

# The tools run offline: no usage telemetry, no update checks.
export REDOCLY_TELEMETRY := off
export REDOCLY_SUPPRESS_UPDATE_NOTICE := true
export SCHEMATHESIS_TELEMETRY := false

SPEC := openapi.yaml
GEN_CONFIG := generator-config.yaml
TEMPLATES := $(sort $(wildcard templates/*.jinja templates/*/*.jinja))
PACKAGE := generated/messagemedia_messages
GEN_STAMP := $(PACKAGE)/_spec/__init__.py
VENV_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
HAND_WRITTEN := hmac_auth messagemedia_runtime messagemedia_sandbox messagemedia_cli tests benchmarks tools

.PHONY: help setup generate check-generated lint test test-contract test-official demo sandbox bench wheel-check lock clean

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

$(VENV_STAMP): requirements/dev.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements/dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e . \
	  || $(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

setup: $(VENV_STAMP) $(NODE_STAMP) ## Create .venv and node_modules with the pinned tools

# The stamp is the last file the generation writes, so it is newer than its inputs only when the
# whole output is up to date: `make generate` is a no-op until the spec, config or a template changes.
$(GEN_STAMP): $(SPEC) $(GEN_CONFIG) $(TEMPLATES) tools/generate.py tools/compile_spec.py tools/spec_facts.py | $(VENV_STAMP)
	$(PY) tools/generate.py $(SPEC) $(PACKAGE)

generate: $(GEN_STAMP) ## Regenerate generated/ when openapi.yaml, generator-config.yaml or templates/ changed

check-generated: $(VENV_STAMP) ## Fail with a diff when generated/ is not what the spec, config and templates give
	@out=$$(mktemp -d); trap 'rm -rf "$$out"' EXIT; \
	$(PY) tools/generate.py $(SPEC) "$$out/pkg" --quiet; \
	if diff -ru --exclude=__pycache__ $(PACKAGE) "$$out/pkg"; then echo "generated/ is up to date"; \
	else echo; echo "generated/ is stale: run 'make generate' and commit the result." >&2; exit 1; fi

lint: $(VENV_STAMP) $(NODE_STAMP) ## ruff, mypy --strict, spec validation and Redocly lint
	$(BIN)/ruff check $(HAND_WRITTEN)
	$(BIN)/ruff format --check $(HAND_WRITTEN)
	$(BIN)/mypy
	$(BIN)/openapi-spec-validator $(SPEC)
	redocly lint $(SPEC) --format=stylish

test: $(VENV_STAMP) $(NODE_STAMP) $(GEN_STAMP) ## Run every test: unit, contract (starts Prism), sandbox, wheel
	$(BIN)/pytest

test-contract: $(VENV_STAMP) $(NODE_STAMP) $(GEN_STAMP) ## Run only the contract suite (client vs openapi.yaml)
	$(BIN)/pytest -m contract

test-official: $(VENV_STAMP) $(GEN_STAMP) ## Run the official SDK 2.1.3 (PyPI, own venv) through all operations against the sandbox
	$(BIN)/pytest -m official_sdk

demo: $(VENV_STAMP) $(GEN_STAMP) ## Start the local sandbox and run the seed's examples end to end through the client
	$(PY) -m messagemedia_sandbox.demo

sandbox: $(VENV_STAMP) ## Run the local sandbox in the foreground (see messagemedia-sandbox --help)
	$(BIN)/messagemedia-sandbox $(SANDBOX_ARGS)

bench: $(VENV_STAMP) $(GEN_STAMP) ## Measure this client against raw httpx and the official SDK
	$(PY) benchmarks/run.py $(BENCH_ARGS)

wheel-check: $(VENV_STAMP) ## Build the wheel from a clean checkout and import it in an empty venv
	$(PY) tools/wheel_check.py

lock: ## Re-pin requirements/dev.txt from the current .venv
	{ echo "# Every tool the Makefile runs, pinned exactly (pip freeze of the dev venv). Regenerate with: make lock"; \
	  $(BIN)/pip freeze --exclude-editable; } > requirements/dev.txt

clean: ## Remove the venv, node_modules and caches
	rm -rf $(VENV) node_modules .pytest_cache .mypy_cache .ruff_cache build dist
