# ProjectMeats — the two commands a newcomer needs are `make dev` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := $(CURDIR)/.venv
PY := $(VENV)/bin/python
BACKEND := $(CURDIR)/backend
MANAGE := cd $(BACKEND) && $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help install dev serve migrate seed test test-backend lint format check-rls schema clean docs-workflows mutation bench-import bench-export

help:
	@echo "make dev     install, migrate the SQLite database, load the demo tenant and serve http://$(HOST):$(PORT)"
	@echo "make test    install and run every test suite (SQLite; PostgreSQL when DATABASE_URL is set)"
	@echo "make mobile  the field app's Expo dev server (Expo Go on a phone, or the browser)"
	@echo "make lint | format | migrate | seed | check-rls | schema | docs-workflows | clean"

$(VENV)/.installed: backend/requirements.txt backend/requirements-dev.txt
	@echo "==> Python packages into .venv (first run: a few minutes; pip names each package as it goes)"
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --progress-bar off -r backend/requirements-dev.txt
	touch $@

install: $(VENV)/.installed

migrate: install
	@echo "==> Migrating the database (each migration as it is applied)"
	$(MANAGE) migrate --noinput
	@if [[ "$$DATABASE_URL" == postgres* ]]; then $(MANAGE) setup_db_roles; fi

seed: migrate
	@echo "==> Demo tenant and six months of demo business (each app with its time)"
	$(MANAGE) seed_demo

dev: seed frontend-build
	@echo ""
	@echo "ProjectMeats is starting at http://$(HOST):$(PORT)/  (API docs: http://$(HOST):$(PORT)/api/docs/)"
	@echo "Demo login: demo_owner / demo-pass-2026  (also demo_admin, demo_manager, demo_user, demo_readonly)"
	@echo ""
	$(MANAGE) runserver $(HOST):$(PORT)

serve: install
	$(MANAGE) runserver $(HOST):$(PORT)

lint: install
	cd $(BACKEND) && $(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .

# Workflows' run blocks and shell scripts through shellcheck (apt-get install shellcheck); actionlint when installed.
lint-ops: install
	$(PY) .ci/lint_workflows.py
	@if command -v actionlint >/dev/null; then actionlint; else echo "actionlint not installed: skipped"; fi

format: install
	cd $(BACKEND) && $(VENV)/bin/ruff format . && $(VENV)/bin/ruff check --fix .

# Two workers by default (CI has 2 cores); PYTEST_WORKERS=0 runs in one process.
PYTEST_WORKERS ?= 2
test-backend: install
	cd $(BACKEND) && DJANGO_ENV=test $(VENV)/bin/pytest -n $(PYTEST_WORKERS)

# DB_ONLY=1 runs only the suites whose result depends on DATABASE_URL (the backend's). CI's PostgreSQL leg
# uses it after its SQLite leg ran everything on the same checkout: lint, the web and mobile suites and the
# browser tests (which always run their server on their own SQLite copy) would only repeat themselves.
ifeq ($(DB_ONLY),1)
test: test-backend
else
test: lint test-backend test-frontend test-e2e test-mobile test-mobile-e2e
endif

# Mutation testing of the core rules (docs/TESTING.md; modules and tests in backend/pyproject.toml [tool.mutmut]).
# Not part of `make test`: slow. Always SQLite; one child at a time (the children share one test database file).
# `cd backend && ../.venv/bin/mutmut results` lists the survivors, `mutmut show <name>` one mutant's diff.
mutation: install
	cd $(BACKEND) && env -u DATABASE_URL DJANGO_ENV=test TEST_SQLITE_FILE=$(BACKEND)/mutants/test-db.sqlite3 \
		$(VENV)/bin/mutmut run --max-children 1
	cd $(BACKEND) && $(VENV)/bin/python $(CURDIR)/.ci/mutation_score.py

check-rls: install
	$(MANAGE) check_rls

# The CSV import benchmark (docs/TESTING.md): BENCH_ROWS supplier rows (dry run, create, update) through the
# worker's job path, on DATABASE_URL when set (a database it may write to), else on a fresh SQLite file.
BENCH_ROWS ?= 100000
bench-import: install
	@if [[ "$$DATABASE_URL" == postgres* ]]; then \
	  $(MANAGE) migrate --noinput -v0 && $(MANAGE) setup_db_roles && $(MANAGE) bench_import --rows $(BENCH_ROWS); \
	else \
	  rm -f /tmp/projectmeats-bench.sqlite3 && export DATABASE_URL=sqlite:////tmp/projectmeats-bench.sqlite3 && \
	  $(MANAGE) migrate --noinput -v0 && $(MANAGE) bench_import --rows $(BENCH_ROWS); \
	fi

# The streamed CSV export benchmark (docs/TESTING.md): first byte, total time and resident memory of a
# `?format=csv` of BENCH_ROWS suppliers (and of a tenth of them first), on DATABASE_URL when set, else SQLite.
bench-export: install
	@if [[ "$$DATABASE_URL" == postgres* ]]; then \
	  $(MANAGE) migrate --noinput -v0 && $(MANAGE) setup_db_roles && $(MANAGE) bench_export --rows $(BENCH_ROWS); \
	else \
	  rm -f /tmp/projectmeats-bench-export.sqlite3 && export DATABASE_URL=sqlite:////tmp/projectmeats-bench-export.sqlite3 && \
	  $(MANAGE) migrate --noinput -v0 && $(MANAGE) bench_export --rows $(BENCH_ROWS); \
	fi


# docs/WORKFLOWS.md's tables from the declared workflows (apps/*/workflows.py); a test fails when they differ.
docs-workflows: install
	$(MANAGE) workflow_docs

schema: install
	$(MANAGE) spectacular --validate --fail-on-warn --file $(CURDIR)/docs/openapi.yaml

clean:
	rm -rf $(VENV) $(BACKEND)/db.sqlite3

# --- Backups (PostgreSQL): pg_dump custom format as the ops role; restore only into a fresh database ---
.PHONY: backup restore

backup:
	bash $(CURDIR)/config/backup.sh backup $(FILE)

restore:
	@test -n "$(FILE)" || { echo "usage: make restore FILE=backups/<dump> [DB=<new database name>]"; exit 2; }
	bash $(CURDIR)/config/backup.sh restore "$(FILE)" $(DB)

# --- Scale-out check (docs/SCALING.md): two gunicorn webs and two Celery workers on one PostgreSQL and one Redis ---
# Not part of `make test`: a first run migrates a new database (1-2 minutes here). Needs PostgreSQL on
# 127.0.0.1:5432 (trust, user postgres) and redis-server; SCALE_CHECK_DATABASE (default pm_scale) is its own
# database. SCALE_CHECK_ARGS=--fresh recreates it, --break-cache shows the throttle check failing.
.PHONY: scale-check
scale-check: install
	$(PY) $(CURDIR)/config/scale_check.py $(SCALE_CHECK_ARGS)

# --- Web app (frontend/): the SPA, its generated API types, unit and browser tests ------------------
FRONTEND := $(CURDIR)/frontend
FRONTEND_STAMP := $(FRONTEND)/node_modules/.install-stamp
FRONTEND_SOURCES := $(shell find $(FRONTEND)/src $(FRONTEND)/index.html $(FRONTEND)/vite.config.ts $(FRONTEND)/tsconfig.json -type f 2>/dev/null)

.PHONY: frontend-install frontend-build schema-json check-schema-json test-frontend test-e2e

$(FRONTEND_STAMP): $(FRONTEND)/package.json $(FRONTEND)/package-lock.json
	@echo "==> Web app packages (npm ci; a minute or two the first time)"
	cd $(FRONTEND) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

frontend-install: $(FRONTEND_STAMP)

$(FRONTEND)/dist/index.html: $(FRONTEND_STAMP) $(FRONTEND_SOURCES)
	@echo "==> Building the web app (vite)"
	cd $(FRONTEND) && npm run build

frontend-build: $(FRONTEND)/dist/index.html

# The committed OpenAPI schema the web app's types are generated from; run after changing the API.
# Always generated on the embedded default database: integer bounds in the schema follow the backend's
# column sizes (PostgreSQL's integer is 32-bit), and the committed file must not depend on DATABASE_URL.
SPECTACULAR_JSON := cd $(BACKEND) && env -u DATABASE_URL $(PY) manage.py spectacular --format openapi-json
schema-json: install frontend-install
	$(SPECTACULAR_JSON) --file $(FRONTEND)/openapi.json
	cd $(FRONTEND) && npm run gen:api
	node $(CURDIR)/mobile/scripts/gen-api.mjs

# Fails when frontend/openapi.json differs from what the backend serves now (run `make schema-json`).
check-schema-json: install
	@tmp=$$(mktemp); trap 'rm -f $$tmp' EXIT; \
	($(SPECTACULAR_JSON) --file $$tmp 2>/dev/null); \
	if ! cmp -s $$tmp $(FRONTEND)/openapi.json; then \
	  echo "frontend/openapi.json is stale: the backend's schema changed. Run 'make schema-json' and commit."; \
	  diff <(python3 -m json.tool $(FRONTEND)/openapi.json) <(python3 -m json.tool $$tmp) | head -40; exit 1; fi; \
	echo "frontend/openapi.json matches the backend's schema."

test-frontend: check-schema-json frontend-install
	cd $(FRONTEND) && npm run typecheck && npm run lint && npm test

test-e2e: install frontend-build
	command -v chromium || (apt-get update && apt-get install -y chromium)
	cd $(FRONTEND) && PYTHON=$(PY) npm run e2e

# --- AI assistant: score the offline extractor on the generated fixtures (precision/recall/F1; overall F1 last) ---
.PHONY: eval-extraction extraction-fixtures

eval-extraction: install
	cd $(BACKEND) && DJANGO_ENV=test $(PY) manage.py eval_extraction

extraction-fixtures: install
	cd $(BACKEND) && DJANGO_ENV=test $(PY) manage.py generate_extraction_fixtures

# --- Benchmarks (not part of `make test`): the dashboard on a tenant grown to 100k orders ---------------
.PHONY: bench
BENCH_DB := $(CURDIR)/.run/bench.sqlite3
bench: install
	mkdir -p $(CURDIR)/.run && rm -f $(BENCH_DB)
	cd $(BACKEND) && export DJANGO_ENV=test DATABASE_URL=sqlite:///$(BENCH_DB) && \
	  $(PY) manage.py migrate --noinput -v 0 && $(PY) manage.py seed_demo -v 0 && \
	  $(PY) manage.py bench_dashboard --orders $${BENCH_ORDERS:-100000}

# --- Field app (mobile/): Expo + React Native; types from frontend/openapi.json; jest; the web build in Chromium ---
MOBILE := $(CURDIR)/mobile
MOBILE_STAMP := $(MOBILE)/node_modules/.install-stamp
.PHONY: mobile mobile-install mobile-types mobile-export test-mobile test-mobile-e2e

$(MOBILE_STAMP): $(MOBILE)/package.json $(MOBILE)/package-lock.json
	cd $(MOBILE) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

mobile-install: $(MOBILE_STAMP)

# Regenerate mobile/src/api/schema.gen.ts from frontend/openapi.json (`make schema-json` does it too).
mobile-types:
	node $(MOBILE)/scripts/gen-api.mjs

# Type check, lint, jest (screens, the offline queue and its photo copies, against local HTTP servers).
test-mobile: mobile-install
	cd $(MOBILE) && node scripts/gen-api.mjs --check && npm run typecheck && npm run lint && npm test

# The web build (react-native-web), rebuilt when the app's sources change. Always same-origin (/api on the
# host that serves it): EXPO_PUBLIC_API_URL is for phones and is left out of it.
MOBILE_SOURCES := $(shell find $(MOBILE)/app $(MOBILE)/src $(MOBILE)/app.json $(MOBILE)/babel.config.js $(MOBILE)/tsconfig.json -type f 2>/dev/null)
$(MOBILE)/dist/index.html: $(MOBILE_STAMP) $(MOBILE_SOURCES)
	cd $(MOBILE) && env -u EXPO_PUBLIC_API_URL npm run export:web

mobile-export: $(MOBILE)/dist/index.html

# The web build in Debian's Chromium against the real backend (docs/MOBILE.md, "Tests").
test-mobile-e2e: install mobile-install $(MOBILE)/dist/index.html
	command -v chromium || (apt-get update && apt-get install -y chromium)
	cd $(MOBILE) && PYTHON=$(PY) npm run e2e

# The Expo dev server for a phone (Expo Go) and the browser (press w). The API runs with `make serve`;
# a phone reaches it on this machine's LAN address (see mobile/README.md).
mobile: mobile-install
	@echo "Start the API in another terminal: make serve HOST=0.0.0.0"
	@echo "Phone: install Expo Go, scan the QR code below (same Wi-Fi). API address: EXPO_PUBLIC_API_URL (now: $${EXPO_PUBLIC_API_URL:-unset})"
	cd $(MOBILE) && npx expo start
