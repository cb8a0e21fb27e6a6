# Quotewire — `make site` builds _site/ from content/, `make test` runs every test.
# Each target installs what it needs: a .venv with the pinned Python packages,
# node_modules (lunr.js, axe-core) with `npm ci` when npm is present, and
# Debian's chromium for the browser tests.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PORT   ?= 8000
ARGS   ?=

.PHONY: site test serve clean eval train bench compare new deps browser golden

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip==25.3
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else \
		echo "npm not found: the site is built with the lunr.js copy vendored in generator/ (see README)"; \
	fi

deps: $(VENV)/.installed node_modules/.installed

browser:
	@bash .ci/install-chromium

site: deps
	$(PY) -m generator build $(ARGS)

serve: deps
	$(PY) -m generator serve --port $(PORT) $(ARGS)

test: deps browser
	$(PY) -m pytest -q $(ARGS)

eval: deps
	$(PY) -m generator.annotate.evaluate ../shared/eval

# The entity typer's weights (generator/annotate/typer.json) from the CoNLL-2003 tuning part; deterministic.
train: deps
	$(PY) -m generator.annotate.train_typer ../shared/eval

bench: deps
	$(PY) -m tests.bench $(ARGS)

compare: deps
	@bash .ci/install-compare-tools
	$(PY) -m tests.compare --pelican .venv-compare/bin/python $(ARGS)
	$(PY) -m tests.search_compare --build 2225 --pagefind .venv-compare/bin/python

new: deps
	$(PY) -m generator new "$(TITLE)"

clean:
	rm -rf _site ._site.lock .cache .pytest_cache .hypothesis .venv-compare
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

golden: deps
	$(PY) -m tests.golden
