# The two commands a newcomer needs are `make run` and `make test` (see README).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint format security messages bench bench-publish bench-import bench-admin-list bench-scale serve audit audit-tools clean

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

## test: the whole test suite (SQLite, or DATABASE_URL / REDIS_URL when set), in
## TEST_WORKERS processes (in collection order, so tests that empty the database run last).
## --create-db: those tests leave the test databases without the rows migrations put there
## (HS chapters, countries), so a second run must not reuse them.
TEST_WORKERS ?= 2
test: $(STAMP)
	$(PY) -m pytest -n $(TEST_WORKERS) --dist load --create-db

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

## security: Django's deployment checks with production values, and bandit (README "Security")
security: $(STAMP)
	DJANGO_DEBUG=false DJANGO_SECRET_KEY=$$($(PY) -c "import secrets; print(secrets.token_urlsafe(48))") \
		DJANGO_ALLOWED_HOSTS=relations.example.ca $(PY) manage.py check --deploy --fail-level WARNING
	$(VENV)/bin/bandit -q -c pyproject.toml -r . -b bandit-baseline.json

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## messages: refresh the French catalogue and compile it (needs gettext)
messages: $(STAMP)
	$(PY) manage.py makemessages -l fr -i ".venv/*" -i "tests/*"
	$(PY) manage.py compilemessages -i .venv

## bench: the public page under gunicorn against a fixed-bytes baseline (uses wrk if present)
bench: $(STAMP)
	$(PY) bench/http_bench.py

## bench-publish: 48 readers of the live pages for 30 s while 10 revisions are published
bench-publish: $(STAMP)
	$(PY) bench/load_while_publishing.py

## bench-admin-list: the admin's trade figure list with 1,000,000 figures and 200 profiles
bench-admin-list: $(STAMP)
	$(PY) bench/admin_list_bench.py

## bench-scale: a ministry's content: publish 7,000 figures, 50 revisions of history, 200 profiles' pages (SQLite, or DATABASE_URL / REDIS_URL)
bench-scale: $(STAMP)
	$(PY) bench/scale.py

## serve: production-style on this machine: collectstatic, migrate, gunicorn (set the
## production variables first, see README "Running at scale")
serve: $(STAMP)
	$(PY) manage.py collectstatic --noinput
	$(PY) manage.py migrate --noinput
	$(PY) -m gunicorn config.wsgi:application --workers $${WEB_CONCURRENCY:-2} --bind $${BIND:-127.0.0.1:8000}

## bench-import: 100,000 and 1,000,000-row trade sheets through the engine (ROWS=n to choose; SQLite, or DATABASE_URL)
bench-import: $(STAMP)
	$(PY) bench/import_bench.py $(if $(ROWS),--rows $(ROWS))

## audit-tools: Lighthouse, the Nu Html Checker and linkinator from npm into audit/node_modules
audit-tools:
	cd audit && npm ci --no-audit --no-fund --ignore-scripts

## audit: those tools against a production-style server; one summary line (see README)
audit: $(STAMP)
	test -x audit/node_modules/.bin/lighthouse || $(MAKE) audit-tools
	$(PY) audit/run.py

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache
