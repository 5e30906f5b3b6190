# Two commands do all the set-up on a fresh machine (Python 3.11+ and make):
#   make run   start the app on the embedded SQLite database (created and seeded on first start)
#   make test  install what the tests need and run them
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: run test bench seed-check lock clean

$(VENV)/bin/python:
	$(PYTHON) -c 'import sys; sys.exit("Python 3.11+ is needed, found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Exactly the versions the suite was run with, every file checked against its hash: a new
# release of any package cannot change a fresh install. The app runs from this folder, so the
# project itself is not installed. `make lock` makes the locks anew from pyproject.toml.
$(VENV)/.run-deps: requirements-run.lock | $(VENV)/bin/python
	$(PY) -m pip install --quiet --require-hashes -r requirements-run.lock
	touch $@

$(VENV)/.test-deps: requirements-test.lock | $(VENV)/bin/python
	$(PY) -m pip install --quiet --require-hashes -r requirements-test.lock
	touch $@

run: $(VENV)/.run-deps
	$(PY) -m ui.server

test: $(VENV)/.test-deps
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy
	$(PY) -m pytest

# Every benchmark runs, whichever misses a target (each exits 1 then); make fails at the end.
BENCHES = structure_page issue_list meetings effects escalation_queries pages similar_issues
bench: $(VENV)/.run-deps
	@missed=""; for b in $(BENCHES); do \
		echo "== bench.$$b"; $(PY) -m bench.$$b || missed="$$missed $$b"; \
	done; if [ -n "$$missed" ]; then echo "targets missed in:$$missed"; exit 1; fi

seed-check: $(VENV)/.run-deps
	$(PY) -m seed --check seed/data/structure.yaml

lock: | $(VENV)/bin/python
	$(PY) -m pip install --quiet pip-tools
	$(PY) -m piptools compile --quiet --upgrade --generate-hashes --strip-extras \
		--no-emit-index-url --no-emit-find-links --output-file requirements-run.lock pyproject.toml
	$(PY) -m piptools compile --quiet --upgrade --generate-hashes --strip-extras \
		--no-emit-index-url --no-emit-find-links --extra test \
		--output-file requirements-test.lock pyproject.toml

clean:
	rm -rf $(VENV) data
