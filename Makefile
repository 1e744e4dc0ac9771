# Handschlag — two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt | sha1sum | cut -c1-12)
PYTEST_ARGS ?=
POSTGRES_URL ?= postgres://root@127.0.0.1:5432/test

.PHONY: run test lint unit e2e test-postgres migrate demo messages bench bench-smoke worker clean

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements.txt
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

venv: $(STAMP)

var:
	mkdir -p var

## Start the site with demo data on SQLite at http://127.0.0.1:8000
run: $(STAMP) | var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py runserver 127.0.0.1:8000

migrate: $(STAMP) | var
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

## Lint, the full suite on SQLite, then the browser tests in Debian's Chromium
test: lint unit e2e

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/mypy handschlag config

unit: $(STAMP)
	$(VENV)/bin/pytest -n 2 -m "not e2e" $(PYTEST_ARGS)

e2e: $(STAMP)
	bash scripts/ensure-chromium.sh
	$(VENV)/bin/pytest -m e2e tests/e2e $(PYTEST_ARGS)

## The suite again on PostgreSQL (CI); includes the concurrency tests
test-postgres: $(STAMP)
	DATABASE_URL=$(POSTGRES_URL) $(VENV)/bin/pytest -n 2 -m "not e2e" $(PYTEST_ARGS)

## Rebuild translation catalogues (needs gettext); the compiled .mo files are committed
messages: $(STAMP)
	$(PY) manage.py makemessages -l en --no-obsolete --ignore=.venv --ignore=var
	$(PY) manage.py compilemessages --ignore=.venv

bench: $(STAMP)
	$(PY) bench/matching.py --size 40000
	$(PY) bench/promises.py

bench-smoke: $(STAMP)
	$(PY) bench/matching.py --size 1000
	$(PY) bench/promises.py --count 2000

## A background task worker for production-like runs (DJANGO_TASKS_BACKEND=django_tasks_db.DatabaseBackend)
worker: $(STAMP)
	$(PY) manage.py db_worker

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
