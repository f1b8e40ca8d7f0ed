# Reform Casebook: `make serve` to preview, `make test` to run every test.
# Everything installs into .venv from requirements.lock (every package, its version and its
# hashes); browser tests use Debian's chromium (never a download).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
UV     := uv==0.13.10

.PHONY: setup serve build bundle zim handout test test-fast browser-deps lock clean

$(STAMP): pyproject.toml requirements.lock package-lock.json
	$(PYTHON) -m venv $(VENV)
	# Exactly the tested set: pip refuses a package whose hash is not in the lock.
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	# Map shapes and axe-core, pinned in package-lock.json; nothing is fetched at build time.
	@if command -v npm >/dev/null 2>&1; then npm ci --ignore-scripts --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: the map page and the accessibility tests need Node.js and npm" >&2; fi
	touch $(STAMP)

setup: $(STAMP)

# Refresh the lock after changing a dependency in pyproject.toml (newest versions its
# ranges allow, for Python 3.11 and every platform), then run `make test`.
lock:
	$(PYTHON) -m pip install --quiet --disable-pip-version-check --target .lock-tools "$(UV)"
	PYTHONPATH=.lock-tools .lock-tools/bin/uv pip compile pyproject.toml --extra test --generate-hashes \
	  --python-version 3.11 --universal --upgrade --quiet --custom-compile-command "make lock" -o requirements.lock
	rm -rf .lock-tools

# One process per language, kept between saves: a change shows within seconds.
serve: $(STAMP)
	$(BIN)/casebook serve

# One process per language on every core (plain `mkdocs build --strict` makes the same site).
build: $(STAMP)
	$(BIN)/casebook build

# The offline copy for workshops: dist/reform-casebook-all-<date>.zip (BUNDLE_LANG=zh for one language).
bundle: $(STAMP)
	$(BIN)/casebook bundle --lang $(or $(BUNDLE_LANG),all)

# The offline copy for Kiwix (phones, kiwix-serve on a hotspot): dist/reform-casebook_<lang>_<date>.zim
zim: $(STAMP)
	$(BIN)/casebook zim --lang $(or $(ZIM_LANG),all)

# Training packs as PDF (THEME=<key> for one theme), printed by Debian's chromium.
handout: $(STAMP) browser-deps
	$(BIN)/casebook handout $(if $(THEME),--theme $(THEME))

# Debian's chromium, a CJK font and the other programs the tests read their outputs with.
browser-deps:
	@bash .ci/browser-deps

# Every test: builds, browsers, the lot, on both cores (a test file stays on one worker, so
# a module's site and browser are made once; the session's sites once for both: tests/conftest.py).
test: $(STAMP) browser-deps
	$(BIN)/python -m pytest -n 2 --dist loadfile

# No build, no browser: the lane to run while working (under 90 seconds).
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not build and not browser" -n 2

clean:
	rm -rf site dist $(addprefix docs/,cases themes levels countries tags explore timeline glossary map \
	  reference translations packs bundle data/cite data/cases.json) docs/data/cases-*.csv
