# Frontwatch: one toolchain. `make demo` and `make test` work on a fresh clone.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
FW     := $(VENV)/bin/frontwatch
SHARED ?= ../shared

.PHONY: demo test lint unit eval bench train install install-test clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[test,train]'
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

demo: install
	$(FW) run examples/ --db out/frontwatch.db --out out

lint: install-test
	$(VENV)/bin/ruff check src tests scripts
	$(VENV)/bin/ruff format --check src tests scripts

# PostgreSQL and Chromium are real parts of the test suite: the scripts install and start them.
unit: install-test
	bash scripts/install_browser.sh
	eval "$$(bash scripts/pg_test_server.sh)" && \
	  FRONTWATCH_SHARED="$(SHARED)" $(VENV)/bin/pytest -q -p no:cacheprovider

eval: install
	$(FW) eval --data $(SHARED)/data/fakes-dev/fakes_dev.csv --floors tests/eval_floors.json

test: lint unit eval

bench: install-test
	eval "$$(bash scripts/pg_test_server.sh)" && $(PY) scripts/bench.py

train: install-test
	$(PY) scripts/train_classifier.py

clean:
	rm -rf out .pytest_cache .ruff_cache test-artifacts
