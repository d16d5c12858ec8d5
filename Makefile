# The one place that knows how to set up, run and test CLC Tracker.
# Needs only Python 3.11+ and make.

PYTHON ?= python3
# make run PORT=8001 serves elsewhere; links in the mails follow (SITE_URL).
PORT   ?= 8000
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
# make test runs the suite in this many processes (pytest-xdist; "auto": one per core).
TEST_WORKERS ?= auto
MANAGE := DEBUG=$${DEBUG:-true} $(BIN)/python manage.py

.PHONY: run test install lint format messages benchmark seed-national load-benchmark excel-benchmark import-benchmark mutants clean

$(STAMP): pyproject.toml | .env
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

# Development settings for manage.py in this checkout (never committed).
.env:
	@printf '# Development settings written by make; not committed.\n# Production: see .env.example.\nDEBUG=true\n' > .env

install: $(STAMP)

## make run: set up, migrate SQLite, load the demo, serve on http://127.0.0.1:$(PORT) (PORT=8000)
run: $(STAMP)
	$(MANAGE) migrate --noinput
	SITE_URL=$${SITE_URL:-http://127.0.0.1:$(PORT)} $(MANAGE) seed_demo
	SITE_URL=$${SITE_URL:-http://127.0.0.1:$(PORT)} $(MANAGE) runserver 127.0.0.1:$(PORT)

## make test: set up, lint, and run the whole test suite
test: $(STAMP) lint
	$(MANAGE) makemigrations --check --dry-run
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup

## make benchmark: import a national-sized unit list and print time and memory
benchmark: $(STAMP)
	DEBUG=$${DEBUG:-true} $(BIN)/python benchmarks/import_national_list.py
	DEBUG=$${DEBUG:-true} $(BIN)/python benchmarks/hostile_workbooks.py

## make mutants: break each promise-keeping line in turn and check a test fails
mutants: $(STAMP)
	DEBUG=$${DEBUG:-true} $(BIN)/python scripts/mutants.py

## make seed-national: seed national-scale data into DATABASE_URL (SCALE=0.01 for a small copy)
seed-national: $(STAMP)
	DEBUG=$${DEBUG:-true} $(BIN)/python benchmarks/seed_national.py --migrate --scale $${SCALE:-1}

## make import-benchmark: a 10,000-row course file: dry run, import, re-import, peak memory
import-benchmark: $(STAMP)
	DEBUG=$${DEBUG:-true} $(BIN)/python benchmarks/import_courses.py

## make load-benchmark: gunicorn on the seeded DATABASE_URL under directors and office users
load-benchmark: $(STAMP)
	DEBUG=$${DEBUG:-true} $(BIN)/python benchmarks/load.py

## make excel-benchmark: the national summary and the million-course export on DATABASE_URL (seeded)
excel-benchmark: $(STAMP)
	DEBUG=$${DEBUG:-true} $(BIN)/python benchmarks/excel_exports.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## make messages: refresh and compile the translation catalogues (needs gettext)
messages: $(STAMP)
	$(MANAGE) makemessages --locale vi --locale en --no-obsolete --ignore '.venv/*'
	$(MANAGE) compilemessages --ignore '.venv/*'

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache
