# Reform Casebook: `make serve` to preview, `make test` to run every test.
# Everything installs into .venv; browser tests use Debian's chromium (never a download).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup serve build test browser-deps clean

$(STAMP): pyproject.toml package-lock.json
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	# Map shapes and axe-core, pinned in package-lock.json; nothing is fetched at build time.
	@if command -v npm >/dev/null 2>&1; then npm ci --ignore-scripts --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: the map page and the accessibility tests need Node.js and npm" >&2; fi
	touch $(STAMP)

setup: $(STAMP)

serve: $(STAMP)
	$(BIN)/mkdocs serve

build: $(STAMP)
	$(BIN)/mkdocs build --strict

# Debian's chromium and a CJK font, for the browser tests and screenshots.
browser-deps:
	@bash .ci/browser-deps

test: $(STAMP) browser-deps
	$(BIN)/python -m pytest

clean:
	rm -rf site dist docs/cases docs/themes docs/levels docs/countries docs/tags docs/reference docs/translations
