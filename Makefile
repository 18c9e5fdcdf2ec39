# Solidarity: `make run` for a local demo, `make test` for the whole suite.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1

.PHONY: run test install messages demo lint makemessages clean bench

$(VENV)/.installed: requirements.lock requirements-dev.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.lock
	touch $@

install: $(VENV)/.installed

# Translations are compiled with Babel, so GNU gettext is not needed to run.
messages: install
	$(VENV)/bin/pybabel compile --use-fuzzy -d locale -D django --statistics 2>&1 | tail -n 1

run: messages
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py collectstatic --noinput --verbosity 0
	@echo "Solidarity: http://$(HOST):$(PORT)/  (demo logins in README.md)"
	$(PY) manage.py runserver $(HOST):$(PORT)

test: messages
	@command -v chromium >/dev/null 2>&1 || ./.ci/install-chromium
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .

# Needs GNU gettext (xgettext); only for developers adding UI strings.
makemessages: install
	$(PY) manage.py makemessages -l vi -l en --no-obsolete --ignore=.venv --ignore=staticfiles

clean:
	rm -rf $(VENV) staticfiles

# National-scale benchmark (bench/README.md): prints figures, never fails on them.
# SQLite by default; `make bench DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench` for PostgreSQL.
bench: install
	$(PY) bench/generate.py
	$(PY) bench/run.py $(BENCH_ARGS)
