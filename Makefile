# ProjectMeats — the two commands a newcomer needs are `make dev` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := $(CURDIR)/.venv
PY := $(VENV)/bin/python
BACKEND := $(CURDIR)/backend
MANAGE := cd $(BACKEND) && $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help install dev serve migrate seed test test-backend lint format check-rls schema clean

help:
	@echo "make dev     install, migrate the SQLite database, load the demo tenant and serve http://$(HOST):$(PORT)"
	@echo "make test    install and run every test suite (SQLite; PostgreSQL when DATABASE_URL is set)"
	@echo "make lint | format | migrate | seed | check-rls | schema | clean"

$(VENV)/.installed: backend/requirements.txt backend/requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r backend/requirements-dev.txt
	touch $@

install: $(VENV)/.installed

migrate: install
	$(MANAGE) migrate --noinput
	@if [[ "$$DATABASE_URL" == postgres* ]]; then $(MANAGE) setup_db_roles; fi

seed: migrate
	$(MANAGE) seed_demo

dev: seed
	@echo ""
	@echo "ProjectMeats is starting at http://$(HOST):$(PORT)/  (API docs: http://$(HOST):$(PORT)/api/docs/)"
	@echo "Demo login: demo_owner / demo-pass-2026  (also demo_admin, demo_manager, demo_user, demo_readonly)"
	@echo ""
	$(MANAGE) runserver $(HOST):$(PORT)

serve: install
	$(MANAGE) runserver $(HOST):$(PORT)

lint: install
	cd $(BACKEND) && $(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .

format: install
	cd $(BACKEND) && $(VENV)/bin/ruff format . && $(VENV)/bin/ruff check --fix .

test-backend: install
	cd $(BACKEND) && DJANGO_ENV=test $(VENV)/bin/pytest

test: lint test-backend

check-rls: install
	$(MANAGE) check_rls

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
