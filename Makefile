# Two commands for a fresh machine with Python 3.11+ and make: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
KETTLE := $(BIN)/kettle
PYTEST_ARGS ?= -n auto

.PHONY: run test lint install install-test install-bench bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

run: install
	$(KETTLE) migrate --no-input
	$(KETTLE) places import --if-empty
	KETTLE_TASKS_IMMEDIATE=1 $(KETTLE) demo --if-empty  # fan-out inline, so no backlog awaits the worker
	$(KETTLE) reminders queue  # the demo's meetup reminders wait in the queue for their time
	$(KETTLE) serve --with-worker

$(VENV)/.installed-bench: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	touch $@

install-bench: $(VENV)/.installed-bench

# The benchmark (README, "Capacity"): `make bench SIZE=county`. Each size keeps its own database.
SIZE ?= small
bench: install-bench
	KETTLE_DATA_DIR=var/bench-$(SIZE) $(KETTLE) bench generate --size $(SIZE) --if-empty
	KETTLE_DATA_DIR=var/bench-$(SIZE) $(KETTLE) bench run

lint: install-test
	$(BIN)/ruff check src tests

test: install-test
	$(BIN)/ruff check src tests
	$(BIN)/pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) var build src/*.egg-info
