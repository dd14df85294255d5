# interpolinfo: `make run` serves the site, `make test` runs every check.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

VENV    := .venv
PY      := $(VENV)/bin/python
PIP     := $(VENV)/bin/pip
PORT    ?= 8000
PG_URL  ?= postgres://postgres@127.0.0.1:5432/test
REDIS   ?= redis://127.0.0.1:6379/0
export DJANGO_SETTINGS_MODULE := interpolinfo.settings
# Checks that come out the same on any database run in the SQLite pass only.
PG_SKIP := not lighthouse and not same_on_any_database
# The load test's length (tests/perf/test_live.py; 60 s when run on its own).
SOAK_SECONDS ?= 30
export SOAK_SECONDS
# pip warns about local wheel folders this machine kind lacks; the warning is harmless.
QUIET_PIP := { grep -v "neither a file nor a directory" || true; }


.PHONY: help run serve setup test lint checks pytest pytest-sqlite pytest-postgres pytest-lighthouse \
        browser-deps proxy-deps diagram-deps node-deps messages css screenshots lighthouse observatory bench clean

help:
	@echo "make run   - set up on SQLite, load the starter content and serve on http://127.0.0.1:$(PORT)"
	@echo "make test  - set up and run every check: lint, migrations, deploy check, tests on SQLite and PostgreSQL"

$(VENV)/.runtime: requirements.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PIP) install --quiet --disable-pip-version-check -r requirements.txt 2>&1 | $(QUIET_PIP)
	touch $@

$(VENV)/.dev: requirements-dev.txt requirements.txt $(VENV)/.runtime
	$(PIP) install --quiet --disable-pip-version-check -r requirements-dev.txt 2>&1 | $(QUIET_PIP)
	touch $@

# The .mo catalogues are built from the committed .po files, never committed themselves.
messages: $(VENV)/.runtime
	@bash scripts/apt-install.sh msgfmt "for the translation catalogues" gettext
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0

setup: $(VENV)/.runtime messages diagram-deps
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py load_starter_content
	$(PY) manage.py ensure_admin

run: setup serve

serve: $(VENV)/.runtime
	PORT=$(PORT) $(VENV)/bin/gunicorn -c interpolinfo/gunicorn.conf.py interpolinfo.wsgi

# Debian's chromium for the browser tests; never a browser download of its own.
browser-deps:
	@bash scripts/apt-install.sh /usr/bin/chromium "for the browser tests" chromium fonts-liberation

# Debian's nginx for the reverse-proxy tests (tests/proxy/), which run their own copy.
proxy-deps:
	@bash scripts/apt-install.sh /usr/sbin/nginx "for the reverse-proxy tests" nginx

# Debian's Graphviz draws the contact wizard's flow in the admin.
diagram-deps:
	@bash scripts/apt-install.sh dot "for the admin's flow diagram" graphviz

# Node tools (lighthouse, axe-core, Sass) from the committed lock file.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

node-deps: node_modules/.installed

css: node-deps
	npm run --silent build:css

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

checks: $(VENV)/.dev
	$(PY) manage.py makemigrations --check --dry-run
	PRODUCTION=true ALLOWED_HOSTS=interpolinfo.example \
	  SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	  $(PY) manage.py check --deploy --fail-level WARNING

# Everything but Lighthouse in one session of two processes: the browser tests share
# the session's start-up (Django, two test databases, collected static files). Tests are
# dealt out one by one (not a file to a process): pytest-django runs tests that commit
# (live servers) after the others, which would find the data migrations' rows flushed.
pytest-sqlite: $(VENV)/.dev
	@echo "== pytest on SQLite with the local-memory cache (Lighthouse runs last)"
	env -u DATABASE_URL -u REDIS_URL $(VENV)/bin/pytest -m "not services and not lighthouse" -n 2 $(PYTEST_ARGS)

# Lighthouse builds its own SQLite site and serves it with gunicorn (scripts/lighthouse.py);
# `make test` runs it last and alone, so that nothing else sways its performance score.
pytest-lighthouse: $(VENV)/.dev
	@echo "== Lighthouse on gunicorn, production settings"
	env -u DATABASE_URL -u REDIS_URL $(VENV)/bin/pytest -m "lighthouse" $(PYTEST_ARGS)

pytest-postgres: $(VENV)/.dev
	@if $(PY) scripts/services_up.py "$(PG_URL)" "$(REDIS)"; then \
	  echo "== pytest on PostgreSQL with the Redis cache"; \
	  DATABASE_URL="$(PG_URL)" REDIS_URL="$(REDIS)" $(VENV)/bin/pytest -m "$(PG_SKIP)" -n 2 --dist loadgroup $(PYTEST_ARGS); \
	elif [ "$$CI" = "true" ]; then \
	  echo "PostgreSQL or Redis is not answering, and CI requires both: failing."; exit 1; \
	else \
	  echo "== SKIPPED: PostgreSQL/Redis not answering at $(PG_URL) / $(REDIS); run them to test production's stack."; \
	fi

pytest: pytest-sqlite pytest-postgres pytest-lighthouse

# Each stage is timed (scripts/timed) and the times are printed at the end, pass or fail.
test:
	@rm -f .stage-times
	@trap 'echo; echo "== stage times"; cat .stage-times' EXIT; \
	scripts/timed "set-up" $(MAKE) --no-print-directory $(VENV)/.dev browser-deps proxy-deps diagram-deps node-deps messages && \
	scripts/timed "lint" $(MAKE) --no-print-directory lint && \
	scripts/timed "migrations and deploy check" $(MAKE) --no-print-directory checks && \
	scripts/timed "pytest on SQLite" $(MAKE) --no-print-directory pytest-sqlite && \
	scripts/timed "pytest on PostgreSQL+Redis" $(MAKE) --no-print-directory pytest-postgres && \
	scripts/timed "Lighthouse, alone" $(MAKE) --no-print-directory pytest-lighthouse

# Full-page PNGs of every page type at 360 and 1280 px, into screenshots/ (git-ignored).
screenshots: $(VENV)/.dev browser-deps
	$(VENV)/bin/pytest tests/browser/screenshots.py -p no:cacheprovider -q

# Lighthouse on the main page types under gunicorn with production settings (also run by `make test`).
lighthouse: $(VENV)/.dev browser-deps node-deps
	$(PY) scripts/lighthouse.py --check

# The MDN HTTP Observatory's scanner (npm, too large for package.json: installed into a
# temporary folder, without its install scripts) on the shipped nginx configuration.
# It scans ports 80 and 443 of localhost, so this needs root; prints grade and score.
OBSERVATORY_DIR ?= /tmp/interpolinfo-observatory
observatory: $(VENV)/.runtime proxy-deps
	@test -f $(OBSERVATORY_DIR)/node_modules/@mdn/mdn-http-observatory/package.json || \
	  npm install --prefix $(OBSERVATORY_DIR) --ignore-scripts --no-audit --no-fund \
	    --loglevel=error @mdn/mdn-http-observatory@1.4.8
	$(PY) scripts/observatory.py --scanner $(OBSERVATORY_DIR) --min-score 100

# wrk (apt) against gunicorn on 127.0.0.1: SQLite, then PostgreSQL + Redis; prints a table.
bench: $(VENV)/.dev
	PG_URL="$(PG_URL)" REDIS="$(REDIS)" $(PY) scripts/bench.py

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache .ruff_cache
