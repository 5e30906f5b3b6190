# Two commands do all the set-up on a fresh machine (Python 3.11+ and make):
#   make run   start the app on the embedded SQLite database (created and seeded on first start)
#   make test  install what the tests need and run them
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: run test bench seed-check clean

$(VENV)/bin/python:
	$(PYTHON) -c 'import sys; sys.exit("Python 3.11+ is needed, found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.run-deps: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.test-deps: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

run: $(VENV)/.run-deps
	$(PY) -m ui.server

test: $(VENV)/.test-deps
	$(PY) -m ruff check .
	$(PY) -m pytest

bench: $(VENV)/.run-deps
	$(PY) -m bench.structure_page
	$(PY) -m bench.issue_list
	$(PY) -m bench.meetings
	$(PY) -m bench.effects

seed-check: $(VENV)/.run-deps
	$(PY) -m seed --check seed/data/structure.yaml

clean:
	rm -rf $(VENV) data
