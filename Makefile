# Two commands: `make run` (the platform with demo data) and `make test` (the whole suite).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: run test test-postgres check lint messages system-packages bench

$(VENV)/.base-installed: requirements/base.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements/base.txt
	touch $@

$(VENV)/.demo-installed: requirements/demo.txt $(VENV)/.base-installed
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements/demo.txt
	touch $@

$(VENV)/.dev-installed: requirements/dev.txt requirements/base.txt requirements/demo.txt $(VENV)/.base-installed
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements/dev.txt
	touch $@

run: $(VENV)/.demo-installed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py bootstrap --demo
	$(PY) manage.py ensure_admin
	PORT=$(PORT) PY=$(PY) scripts/serve

system-packages:
	scripts/install-system-packages

test: $(VENV)/.dev-installed system-packages
	$(PY) -m pytest $(PYTEST_ARGS)

# The suite once more against a throwaway PostgreSQL server.
test-postgres: $(VENV)/.dev-installed system-packages
	scripts/with-postgres $(PY) -m pytest --create-db $(PYTEST_ARGS)

check: $(VENV)/.dev-installed
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

messages: $(VENV)/.dev-installed
	$(PY) manage.py makemessages --locale de --ignore '.venv/*' --ignore 'tests/*' --no-obsolete
	$(PY) manage.py compilemessages --locale de --ignore '.venv/*'
