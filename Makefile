# Solidarity: `make run` for a local demo, `make test` for the whole suite.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1

.PHONY: run test install messages demo lint makemessages clean bench bench-smoke

$(VENV)/.installed: requirements.lock requirements-dev.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.lock
	touch $@

install: $(VENV)/.installed

# Translations are compiled with Babel, so GNU gettext is not needed to run.
messages: install
	$(VENV)/bin/pybabel compile --use-fuzzy -d locale -D django --statistics 2>&1 | tail -n 1

# Links in the demo's mails point at this server, whatever PORT it runs on.
run: export SITE_URL ?= http://$(HOST):$(PORT)
run: messages
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py collectstatic --noinput --verbosity 0
	@echo "Solidarity: http://$(HOST):$(PORT)/  (demo logins in README.md)"
	@# The background-job worker (exports, imports, mail) and the schedule (reminders, the daily digest)
	@# run beside the web server and stop with it; mails are printed here (the console mail backend).
	$(PY) manage.py db_worker --no-reload & worker=$$!; \
	$(PY) manage.py run_schedule & schedule=$$!; \
	trap 'kill $$worker $$schedule 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

# The suite runs in TEST_WORKERS processes (pytest-xdist), each with its own test database; a file
# stays on one worker so its module-scoped set-up (the demo, Chromium) runs once.
# `make test TEST_WORKERS=0` (or PYTEST_ARGS="-n 0") runs it in this one process.
TEST_WORKERS ?= 2
test: messages
	@command -v chromium >/dev/null 2>&1 || ./.ci/install-chromium
	@./.ci/install-office
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .

# Needs GNU gettext (xgettext); only for developers adding UI strings.
makemessages: install
	$(PY) manage.py makemessages -l vi -l en --no-obsolete --ignore=.venv --ignore=staticfiles

clean:
	rm -rf $(VENV) staticfiles

# National-scale benchmark (bench/README.md): a million records, every page measured; prints figures,
# never fails on them. SQLite by default (/tmp/bench.sqlite3);
# `make bench DATABASE_URL=postgres://postgres@127.0.0.1:5432/h_bench` for PostgreSQL.
BENCH_SCALE ?= 1
bench: messages
	$(PY) bench/generate.py --scale $(BENCH_SCALE)
	$(PY) bench/run.py $(BENCH_ARGS)

# The bench at 1/500 of the size, two requests per page, on SQLite: fails only when a page errs,
# so the bench never rots (.ci/run, under 2 minutes).
BENCH_SMOKE_DB ?= /tmp/bench-smoke.sqlite3
bench-smoke: messages
	env -u DATABASE_URL SQLITE_PATH=$(BENCH_SMOKE_DB) $(PY) bench/generate.py --scale 0.002
	env -u DATABASE_URL SQLITE_PATH=$(BENCH_SMOKE_DB) $(PY) bench/run.py --requests 2 --repeat 0 \
		--page-budget 10 --strict
