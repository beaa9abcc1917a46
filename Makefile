# Two commands: `make run` (the platform with demo data) and `make test` (the whole suite).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: run test test-postgres check lint messages system-packages bench-venv

$(VENV)/.base-installed: requirements/base.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements/base.txt
	touch $@

$(VENV)/.demo-installed: requirements/demo.txt $(VENV)/.base-installed
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements/demo.txt
	touch $@

# The bench's own venv: the platform's runtime and demo set plus wagtailstreamforms (bench/streamforms.py).
BENCH_VENV ?= .venv-bench

$(BENCH_VENV)/.installed: requirements/base.txt requirements/demo.txt bench/requirements.txt
	test -x $(BENCH_VENV)/bin/python || $(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet --disable-pip-version-check \
	  -r requirements/base.txt -r requirements/demo.txt -r bench/requirements.txt
	touch $@

bench-venv: $(BENCH_VENV)/.installed

$(VENV)/.dev-installed: requirements/dev.txt requirements/base.txt requirements/demo.txt $(VENV)/.base-installed
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements/dev.txt
	touch $@

# `exec`: make hands SIGTERM to its child only, which must be scripts/serve, not a shell around it.
run: $(VENV)/.demo-installed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable
	$(PY) manage.py bootstrap --demo
	$(PY) manage.py ensure_admin
	PORT=$(PORT) PY=$(PY) exec scripts/serve

system-packages:
	scripts/install-system-packages

# axe-core for the browser tests, exactly as package-lock.json pins it (npm comes from system-packages).
node_modules/.installed: package.json package-lock.json | system-packages
	npm ci
	touch $@

# One pytest-xdist worker per core (TEST_WORKERS=0 runs in this process, e.g. for pdb); each worker
# has its own test database.
TEST_WORKERS ?= auto

test: $(VENV)/.dev-installed system-packages node_modules/.installed
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

# Against a throwaway PostgreSQL server, the tests whose outcome can depend on the database (marker
# `postgres`: races and locks, constraints, stored text, search, query counts); the SQLite pass runs all.
test-postgres: $(VENV)/.dev-installed system-packages
	scripts/with-postgres $(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile --create-db -m "postgres and not browser" $(PYTEST_ARGS)

check: $(VENV)/.dev-installed
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# Each app (and config/) owns its translations in <dir>/locale; makemessages runs in each.
LOCALE_DIRS := config core questionnaires pages demo $(patsubst %/apps.py,%,$(wildcard plugins/*/apps.py))

messages: $(VENV)/.dev-installed
	for dir in $(LOCALE_DIRS); do \
	  mkdir -p $$dir/locale/de && locales=$$(ls $$dir/locale | sed 's/^/--locale /') \
	  && (cd $$dir && DJANGO_SETTINGS_MODULE=config.settings.dev PYTHONPATH=$(CURDIR) \
	    $(CURDIR)/$(VENV)/bin/django-admin makemessages $$locales --ignore 'migrations/*' --no-obsolete --no-location -v0 \
	    && $(CURDIR)/$(VENV)/bin/django-admin compilemessages $$locales -v0) || exit 1; \
	done
