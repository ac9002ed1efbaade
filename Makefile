# The two commands a newcomer needs are `make run` and `make test` (see README).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint format messages check-migrations clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

## run: install, migrate, load the Canada–Russia content, make an admin, serve on :8000
run: $(STAMP)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py loaddata fixtures/canada-russia.json
	$(PY) manage.py create_admin
	$(PY) manage.py runserver 127.0.0.1:8000

## test: the whole test suite (SQLite, or DATABASE_URL / REDIS_URL when set)
test: $(STAMP)
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## messages: refresh the French catalogue and compile it (needs gettext)
messages: $(STAMP)
	$(PY) manage.py makemessages -l fr -i ".venv/*" -i "tests/*"
	$(PY) manage.py compilemessages -i .venv

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache
