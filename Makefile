# Newsportal: `make demo` is all a fresh clone needs (Python 3.11+, SQLite by default).

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
PORT ?= 8000
PIP_COMPILE := $(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links

.PHONY: install requirements migrate static seed admin demo smoke messages

## Set-up

install: $(VENV)/.installed

# pip shows its own progress (a first install takes a minute or more); CI, which sets CI, keeps it quiet.
PIP_INSTALL := $(BIN)/python -m pip install $(if $(CI),--quiet,--progress-bar on)

# Reinstalled when the pins change; without pins (never committed that way) straight from pyproject.
$(VENV)/.installed: pyproject.toml $(wildcard requirements.txt requirements-dev.txt)
	@test -x $(BIN)/python || { echo "Creating the virtual environment in $(VENV)"; $(PYTHON) -m venv $(VENV); }
	@echo "Installing Newsportal's dependencies into $(VENV)"
	if [ -f requirements-dev.txt ]; then \
		$(PIP_INSTALL) -r requirements-dev.txt; \
	else \
		$(PIP_INSTALL) -e '.[dev]'; \
	fi
	touch $@

# Re-pin after editing the dependencies in pyproject.toml.
requirements: $(VENV)/.installed
	$(PIP_COMPILE) -o requirements.txt pyproject.toml
	$(PIP_COMPILE) --extra dev -o requirements-dev.txt pyproject.toml

## Demo

migrate: install
	$(MANAGE) migrate --noinput

# With DEBUG on, runserver serves static files straight from the apps; only without it are they collected.
static: install
	$(MANAGE) shell -v 0 -c "import sys; from django.conf import settings; sys.exit(0 if settings.DEBUG else 1)" \
		|| $(MANAGE) collectstatic --noinput

# Seeds once; run again, it keeps what is there.
seed: migrate
	$(MANAGE) seed_demo

admin: migrate
	$(MANAGE) ensure_admin

# Ends with the addresses and, when ensure_admin made the account, its password (shown this once).
# DEMO=true: with DEBUG on, readers still get the site's own 404 page.
demo: seed static
	@account="$$($(MANAGE) ensure_admin)" || exit 1; \
	echo; \
	echo "Newsportal: http://127.0.0.1:$(PORT)/en/ and http://127.0.0.1:$(PORT)/ru/"; \
	echo "Editors:    http://127.0.0.1:$(PORT)/admin/"; \
	echo "$$account"; \
	echo
	DEMO=true $(MANAGE) runserver 127.0.0.1:$(PORT)

## Checks

# The demo path end to end on a throwaway SQLite database, over real HTTP.
smoke: install
	$(BIN)/python tests/smoke_demo.py

## Translations

# After changing interface strings: collect them into locale/ru/LC_MESSAGES/django.po (needs GNU gettext:
# apt-get install gettext), translate what is new or fuzzy, then run it again to compile the django.mo
# committed next to it (so installing and running the site need no gettext).
messages: install
	$(MANAGE) makemessages -l ru --add-location=file -i tests -i bench -i media -i staticfiles -i node_modules
	$(MANAGE) compilemessages -l ru -i .venv -i node_modules

## Quality

.PHONY: lint postgres test gates audit

# The Nu HTML checker (vnu-jar, needs Java) and Lighthouse, pinned in package.json / package-lock.json.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --prefer-offline
	touch $@

# Ruff, template lint, migrations in step with the models, Django's checks, bandit on our code (medium+).
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint templates --lint
	$(MANAGE) makemigrations --check --dry-run
	$(MANAGE) check
	$(BIN)/bandit -q -ll -ii -r articles comments demo newsportal bench manage.py -x '*/migrations/*'

# The suite runs on PostgreSQL (newsportal/settings_test.py): say how to point it at one, rather than fail in every test.
postgres: install
	@$(BIN)/python -c "import psycopg; from newsportal.settings_test import DATABASES; db = DATABASES['default']; \
		psycopg.connect(host=db['HOST'] or None, port=db['PORT'] or None, user=db['USER'] or None, \
		password=db['PASSWORD'] or None, dbname='postgres', connect_timeout=5).close()" 2>/dev/null \
	|| { echo "make test: PostgreSQL is not reachable at $${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/newsportal}."; \
	     echo "Start it, or point DATABASE_URL at a server where the user may create databases, e.g."; \
	     echo "  DATABASE_URL=postgres://USER:PASSWORD@HOST:5432/newsportal make test"; exit 1; }

# Everything: lint, the whole suite (browser tests and quality gates included), then the demo path.
test: lint postgres node_modules/.installed
	$(BIN)/pytest -q
	$(MAKE) smoke

# The quality gates alone: axe, the Nu HTML checker, network and weight, Lighthouse (a11y/BP/SEO), headers.
gates: postgres node_modules/.installed
	$(BIN)/pytest -q -m gates

# Lighthouse with performance, over every page type in both editions (noisy on a busy machine: run it alone);
# then the attacks at length: the whole payload corpus and the long fuzzing profile, our semgrep rules
# (offline), sqlmap on a throwaway database and a server on 127.0.0.1:$${SQLMAP_PORT:-8531}, and mutation
# testing of the services and querysets (`mutmut results` lists the survivors; `mutmut show NAME` one diff).
audit: postgres node_modules/.installed
	$(BIN)/pytest -q -m audit
	ATTACK_CORPUS=full HYPOTHESIS_PROFILE=long $(BIN)/pytest -q tests/attacks tests/browser/test_attacks.py
	$(BIN)/semgrep scan --config .semgrep/rules.yml --metrics=off --disable-version-check --error --quiet \
		articles comments demo newsportal templates
	$(BIN)/python tests/audit/sqlmap_scan.py
	$(BIN)/mutmut run --max-children 1
	$(BIN)/mutmut results

## Production on this machine, and its benchmark

.PHONY: serve bench

# The production configuration: migrations, collectstatic, gunicorn (deploy/gunicorn.conf.py) and the periodic
# jobs, all from the environment (DATABASE_URL, REDIS_URL, SECRET_KEY, ALLOWED_HOSTS, PORT, BEHIND_PROXY, ...).
serve: install
	PORT=$(PORT) deploy/serve.sh

# Seeds newsportal_bench once (100,000 stories, 1,000,000 comments), then measures every page type against a
# bare Django view and, through nginx (deploy/nginx), the story against a static file; then live-blog polls
# (bench/live.py) and search over HTTP, each query made for the first time (bench/search_http.py), which ends
# with a failure when a first search's p95 is over its 80 ms target. See docs/performance.md.
bench: install
	bench/tools.sh
	$(BIN)/python bench/pages.py
	$(BIN)/python bench/live.py
	$(BIN)/python bench/search_http.py
