# Two commands from a fresh clone: `make serve` and `make test` (see README.md).
# Each sets up what it needs first; nothing else is a manual step.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
CHROMIUM := /usr/bin/chromium
NGINX := /usr/sbin/nginx
APACHE := /usr/sbin/apache2
ZENSICAL_VENV := .venv-zensical
# Builds for publishing carry the date of the last commit, not of the build (sitemap dates), so two
# builds of one commit are identical.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)

.PHONY: setup serve site test lint bench chromium web-servers zensical-canary screenshots

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

# Debian's nginx and Apache serve the built site with the shipped configurations in tests/deploy/
# (started by the tests themselves in the foreground on loopback ports, never as system services).
web-servers:
	@test -x $(NGINX) || { apt-get update && apt-get install -y nginx; }
	@test -x $(APACHE) || { apt-get update && apt-get install -y --no-install-recommends apache2; }

# Always the local address, whatever site_url says, so instant navigation works here.
serve: setup
	SITE_URL=http://127.0.0.1:8000/ $(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:8000

# The site to publish, into site/ (README, "Deploying"); SITE_URL=... overrides mkdocs.yml's address.
site: setup
	$(if $(SOURCE_DATE_EPOCH),SOURCE_DATE_EPOCH=$(SOURCE_DATE_EPOCH)) NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs build --strict

lint: setup
	$(PY) -m ruff check .

# The suite in parallel (pytest-xdist), one process per CPU up to four, a test file per process at
# a time: builds take turns (tests/conftest.py one_build_at_a_time).
PARALLEL := -n auto --maxprocesses=4 --dist loadfile

test: setup chromium web-servers lint
	$(PY) -m pytest $(PARALLEL)

$(ZENSICAL_VENV)/.installed: requirements-zensical.txt
	$(PYTHON) -m venv $(ZENSICAL_VENV)
	$(ZENSICAL_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-zensical.txt
	touch $@

# Zensical, Material's successor, builds the site, and the site tests run on its output, except
# those that build with MkDocs itself or drive Material's own search box (README, "Zensical canary").
zensical-canary: setup $(ZENSICAL_VENV)/.installed
	ZENSICAL=$(abspath $(ZENSICAL_VENV))/bin/zensical $(PY) -m pytest $(PARALLEL) tests/site -m "not mkdocs and not material_search"

bench: setup chromium
	$(PY) bench/engine.py
	$(PY) bench/desk_tasks.py
	$(PY) bench/tool.py

# Screenshots of the pages and the answered tool at 1280x800 and 390x844, light and dark, and each
# page printed to PDF, into screenshots/ (git-ignored): tools/screenshots.py.
screenshots: setup chromium
	$(PY) tools/screenshots.py
