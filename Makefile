# Two commands from a fresh clone: `make serve` and `make test` (see README.md).
# Each sets up what it needs first; nothing else is a manual step.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
CHROMIUM := /usr/bin/chromium

.PHONY: setup serve test lint bench chromium screenshots

setup: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Debian's Chromium drives the browser tests (a browser download is impossible here).
chromium:
	@test -x $(CHROMIUM) || { apt-get update && apt-get install -y chromium; }

serve: setup
	$(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:8000

lint: setup
	$(PY) -m ruff check .

test: setup chromium lint
	$(PY) -m pytest

bench: setup chromium
	$(PY) bench/engine.py
	$(PY) bench/tool.py

# Screenshots of the pages and the answered tool at 1280x800 and 390x844, light and dark, and each
# page printed to PDF, into screenshots/ (git-ignored): tools/screenshots.py.
screenshots: setup chromium
	$(PY) tools/screenshots.py
