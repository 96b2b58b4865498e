# The README's commands. Everything runs from .venv, created here on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INI ?= development.ini

.PHONY: serve test test-plugins lint bench bench-scale install install-test extract clean assets world-map fonts

$(BIN)/portal: setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e .
	@touch $@

install: $(BIN)/portal

$(VENV)/.test-extras: $(BIN)/portal
	$(BIN)/pip install -q -e '.[test]'
	@touch $@

# axe-core (npm) runs inside chromium in the browser tests; without npm those checks skip
node_modules/axe-core/axe.min.js: package.json package-lock.json
	command -v npm >/dev/null && npm install --no-audit --no-fund --silent || echo "npm not found: accessibility checks will be skipped"

install-test: $(VENV)/.test-extras node_modules/axe-core/axe.min.js

## assets: rebuild the rich-text editor's bundle static/editor/editor.js (and LICENSES.txt) from static/editor/src
## with the exact versions of package-lock.json, and the world map's shapes (world-map below); both are committed,
## so `make serve` needs neither npm nor this
assets: install fonts
	npm ci --no-audit --no-fund --silent
	node static/editor/build.mjs
	$(BIN)/python -m portal.maps.build

## fonts: copy the headings' display face (Bricolage Grotesque, variable weight, SIL Open Font Licence) from
## @fontsource-variable at the version of package-lock.json into static/fonts/: the Latin and Latin Extended
## subsets (Spanish, French, Portuguese); committed, so `make serve` needs no npm
FONT_DIR := node_modules/@fontsource-variable/bricolage-grotesque
fonts:
	npm ci --no-audit --no-fund --silent
	mkdir -p static/fonts
	cp $(FONT_DIR)/files/bricolage-grotesque-latin-wght-normal.woff2 static/fonts/
	cp $(FONT_DIR)/files/bricolage-grotesque-latin-ext-wght-normal.woff2 static/fonts/
	cp $(FONT_DIR)/LICENSE static/fonts/OFL-bricolage-grotesque.txt

## world-map: rebuild portal/maps/world.json (country shapes keyed by ISO code, projected, ~40 KB) and its licence
## from world-atlas (Natural Earth, public domain) at the version of package-lock.json
world-map: install
	npm ci --no-audit --no-fund --silent
	$(BIN)/python -m portal.maps.build

# plugins with a locale/ of their own keep their messages there; the others' go to the core's catalogs
OWN_LOCALE := $(patsubst %/locale,%,$(wildcard plugins/*/locale))
CORE_SOURCES := portal $(filter-out $(OWN_LOCALE),$(patsubst %/__init__.py,%,$(wildcard plugins/*/__init__.py))) tests/support/sample_plugin

## extract: refresh the .pot files from the code and templates, merge them into each catalog
extract: install-test
	$(BIN)/pot-create --no-linenumbers -c lingua.cfg -d portal -o locale/portal.pot $(CORE_SOURCES)
	$(BIN)/pybabel update -i locale/portal.pot -d locale -D portal --no-fuzzy-matching --ignore-obsolete
	for p in $(OWN_LOCALE); do \
	  $(BIN)/pot-create --no-linenumbers -c lingua.cfg -d portal -o $$p/locale/portal.pot $$p && \
	  for l in en es fr pt; do \
	    [ -f $$p/locale/$$l/LC_MESSAGES/portal.po ] || $(BIN)/pybabel init -D portal -i $$p/locale/portal.pot -d $$p/locale -l $$l; \
	  done && \
	  $(BIN)/pybabel update -i $$p/locale/portal.pot -d $$p/locale -D portal --no-fuzzy-matching --ignore-obsolete || exit 1; \
	done

## serve: set up, migrate, load demo content into an empty database, serve on http://127.0.0.1:6543
serve: install
	mkdir -p var
	$(BIN)/portal initdb -c $(INI) --demo
	$(BIN)/portal serve -c $(INI)

## test: install the test extras and run the whole suite (SQLite; PostgreSQL when PORTAL_TEST_DB is set)
test: install-test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## test-plugins: each plugin alone with the plugins it requires (part of `make test`): its migrations, the
## start-up, its demo data and the content-type contract
test-plugins: install-test
	$(BIN)/python -m pytest -q -p no:randomly tests/core/test_plugins.py tests/core/test_contract.py -k alone $(PYTEST_ARGS)

## lint: ruff, mypy (portal.api) and the plugin contract (import-linter: plugins import the core only through portal.api)
lint: install-test
	$(BIN)/ruff check portal plugins tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

## bench: requests per second against a bare Pyramid hello-world, and the worker's memory
bench: install-test
	$(BIN)/pip install -q -e '.[bench]'
	$(BIN)/python bench/run.py
	for b in $(shell grep -l '^BENCH_SUITE = True' bench/*.py); do $(BIN)/python $$b || exit 1; done

## bench-scale: req/s of a rendered page and of search with 1, 2 and 4 app processes on PostgreSQL (ratio to
## one), and the outbox delivering one mailing with 2 workers (messages/s, worker memory); a few minutes
bench-scale: install-test
	$(BIN)/pip install -q -e '.[bench]'
	$(BIN)/python bench/scale.py $(BENCH_ARGS)

clean:
	rm -rf var locale/*/LC_MESSAGES/*.mo
