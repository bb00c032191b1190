# Maillage — two commands: `make run` (install, migrate, demo data, serve) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
UV     := $(BIN)/uv
PORT   ?= 8000
SHARED_DATA ?= ../shared/data
UV_VERSION := 0.13.9

.PHONY: run test install install-dev lint lock serve migrate messages clean help bench

help:
	@echo "make run    install, migrate, load demo data, serve on http://127.0.0.1:$(PORT)/"
	@echo "make test   install test dependencies and run every test"
	@echo "make lint   ruff, mypy (types), lint-imports (layers)"
	@echo "make lock   regenerate requirements/*.lock from pyproject.toml"
	@echo "make bench  benchmarks (pages, search, import, exports, load) on SQLite and PostgreSQL;"
	@echo "            BENCH_SCALE=small|national (default small), BENCH_LOAD_SECONDS=60 (docs/performance.md)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(UV): | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# Stamp files keep a second `make run` fast: reinstall only when a lock file changes.
$(VENV)/.base: requirements/base.lock pyproject.toml | $(UV)
	$(UV) pip install --quiet --compile-bytecode --python $(BIN)/python --require-hashes -r requirements/base.lock
	$(UV) pip install --quiet --python $(BIN)/python --no-deps -e .
	$(BIN)/maillage compile_catalogs
	touch $@

$(VENV)/.dev: requirements/dev.lock $(VENV)/.base | $(UV)
	$(UV) pip install --quiet --compile-bytecode --python $(BIN)/python --require-hashes -r requirements/dev.lock
	touch $@

install: $(VENV)/.base
install-dev: $(VENV)/.dev

migrate: install
	$(BIN)/maillage migrate --no-input -v 0
	$(BIN)/maillage createcachetable

run: migrate
	$(BIN)/maillage compile_catalogs
	$(BIN)/maillage collectstatic --no-input -v 0
	@if [ -d "$(SHARED_DATA)/iati-codelists" ]; then \
		$(BIN)/maillage codelists --from "$(SHARED_DATA)/iati-codelists" --if-empty; \
	else \
		$(BIN)/maillage codelists --if-empty || echo "Notice: IATI codelists could not be loaded; the app starts without them (run 'maillage codelists' later)."; \
	fi
	@if [ -d "$(SHARED_DATA)/sdg" ]; then \
		$(BIN)/maillage sdg_indicators --from "$(SHARED_DATA)/sdg" --if-empty; \
	else \
		$(BIN)/maillage sdg_indicators --if-empty || echo "Notice: the SDG indicators could not be loaded (run 'maillage sdg_indicators' later)."; \
	fi
	$(BIN)/maillage demo --if-empty
	$(BIN)/maillage serve --port $(PORT)

# The browser tests' accessibility checker, axe-core, at the version package-lock.json pins:
# installed without running any package script, copied out of node_modules into var/
# (both git-ignored); never committed, never served. Without npm the file is missing and
# the accessibility test skips, or fails under CI's MAILLAGE_REQUIRE_BROWSER=1.
AXE_JS := var/browser/axe.min.js
$(AXE_JS): package.json package-lock.json
	@if command -v npm >/dev/null; then \
		npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && \
		mkdir -p $(dir $@) && cp node_modules/axe-core/axe.min.js $@; \
	else \
		echo "Notice: npm is missing, the accessibility test (axe-core) will not run (apt-get install npm)."; \
	fi

# Bytecode written ahead (--compile-bytecode above, compileall here): where
# PYTHONDONTWRITEBYTECODE is set, as on these machines, every test process and every
# child process it starts compiled Django and Maillage again (~34 s to collect the tests).
test: install-dev $(AXE_JS)
	$(BIN)/maillage compile_catalogs
	$(BIN)/python -m compileall -q -j 0 src
	$(BIN)/pytest -n auto --dist loadfile $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports --no-logo --cache-dir var/import-linter-cache .importlinter

# uv keeps the versions already in a lock file: only what pyproject.toml changed moves
# (add --upgrade-package NAME to raise one on purpose).
lock: | $(UV)
	$(UV) pip compile pyproject.toml -p 3.11 -q --generate-hashes -o requirements/base.lock
	$(UV) pip compile pyproject.toml --extra dev -p 3.11 -q --generate-hashes -o requirements/dev.lock

# Not part of `make test`: minutes of measurements on generated data (docs/performance.md).
bench: install-dev
	$(BIN)/maillage compile_catalogs
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build src/*.egg-info
