# Reform Casebook: `make serve` to preview, `make test` to run every test.
# Everything installs into .venv; browser tests use Debian's chromium (never a download).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup serve build bundle zim handout test browser-deps clean

$(STAMP): pyproject.toml package-lock.json
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	# Map shapes and axe-core, pinned in package-lock.json; nothing is fetched at build time.
	@if command -v npm >/dev/null 2>&1; then npm ci --ignore-scripts --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: the map page and the accessibility tests need Node.js and npm" >&2; fi
	touch $(STAMP)

setup: $(STAMP)

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

# Debian's chromium and a CJK font, for the browser tests and screenshots.
browser-deps:
	@bash .ci/browser-deps

test: $(STAMP) browser-deps
	$(BIN)/python -m pytest

clean:
	rm -rf site dist $(addprefix docs/,cases themes levels countries tags explore timeline glossary map \
	  reference translations packs bundle data/cite data/cases.json) docs/data/cases-*.csv
