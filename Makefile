# The two commands: `make serve` (site with demo content on SQLite) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# axe-core, the Nu HTML Checker and Lighthouse for the browser tests, from tests/browser/package-lock.json.
BROWSER_DEPS := tests/browser/node_modules/.package-lock.json

.PHONY: install browser-deps serve test check lint format migrations loadtest bench screenshots clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; set PYTHON=python3.X")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev,s3]"
	@touch $(STAMP)

install: $(STAMP)

$(BROWSER_DEPS): tests/browser/package-lock.json
	npm ci --prefix tests/browser --ignore-scripts --no-audit --no-fund

browser-deps: $(BROWSER_DEPS)

# `make serve PORT=8001` where another program holds 8000.
PORT ?= 8000

serve: export DEBUG ?= true
serve: export SITE_URL ?= http://127.0.0.1:$(PORT)
serve: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo --if-empty
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Line coverage (pytest-cov) makes the suite about 40% slower on Python 3.11, so it is measured
# when asked for: `make test COVERAGE=on` fails below COVERAGE_MIN per cent of lines. CI asks on
# PostgreSQL.
COVERAGE ?= off
COVERAGE_MIN ?= 92
ifeq ($(COVERAGE),on)
COVER := --cov --cov-report=
COVER_ALONE := --cov --cov-append --cov-report=term --cov-fail-under=$(COVERAGE_MIN)
else ifneq ($(COVERAGE),off)
$(error COVERAGE is on or off, not "$(COVERAGE)")
endif
# Test processes (pytest-xdist): `auto` is one per core and one more (tests/conftest.py says
# why). A worker that runs out of tests takes half of what another has left (worksteal), since
# the live-server tests all come last and would otherwise fall to one worker. The servers tests share (live server, browser,
# Varnish, S3) start at most once per process. Tests marked `alone` time the pages they load, so they run afterwards, one
# process with nothing beside it; coverage, when measured, adds both runs up.
TEST_WORKERS ?= auto

test: install
	@if command -v npm >/dev/null; then $(MAKE) --no-print-directory browser-deps; \
	else echo "npm not found: the accessibility and HTML checks will skip"; fi
	$(BIN)/pytest -n $(TEST_WORKERS) --dist worksteal -m "not alone" $(COVER)
	$(BIN)/pytest -m alone $(COVER_ALONE)

# What CI runs, on whatever DATABASE_URL names: lint, the migration check and the suite (CI adds
# COVERAGE=on on PostgreSQL).
check: lint migrations test

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations: install
	DEBUG=true $(BIN)/python manage.py makemigrations --check --dry-run

# Not part of CI: about four minutes of load on loopback ports 8390-8393 (see the README).
loadtest: install
	@command -v wrk >/dev/null || apt-get install -y -qq wrk
	@ls /usr/lib/*/varnish/vmods/libvmod_xkey.so >/dev/null 2>&1 || apt-get install -y -qq varnish varnish-modules
	$(BIN)/python -m tests.load.loadtest

# The README's pictures, from the demo content in a database of their own (needs Chromium);
# ONLY="admin dashboard" makes just those again.
SHOTS := $(CURDIR)/.screenshots
screenshots: export DEBUG = true
screenshots: export DATABASE_URL = sqlite:///$(SHOTS)/db.sqlite3
screenshots: export MEDIA_ROOT = $(SHOTS)/media
screenshots: install
	rm -rf $(SHOTS)
	mkdir -p $(SHOTS)
	$(BIN)/python manage.py migrate --noinput -v 0
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py screenshots --output docs/images $(if $(ONLY),--only $(ONLY))

clean:
	rm -rf $(VENV) staticfiles .bench .screenshots .pytest_cache .ruff_cache .coverage tests/browser/node_modules

# The benchmark: a fresh database of BENCH_ARTICLES articles (default 1000) beside DATABASE_URL's
# (PostgreSQL) or in .bench/ (SQLite), served by gunicorn on loopback and driven with wrk.
bench: install
	DJANGO_SETTINGS_MODULE=newsroom.demo.bench_settings $(BIN)/python manage.py bench
