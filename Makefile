# Two entry points for a fresh machine: `make run` and `make test` (see README).
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: run test setup setup-dev chromium lint bench load

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# the pinned dependencies, then the project itself (editable, no dependencies of its own to resolve)
setup: $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	$(BIN)/pip install -q --no-deps -e .

setup-dev: $(BIN)/python
	$(BIN)/pip install -q -r requirements-dev.txt
	$(BIN)/pip install -q --no-deps -e .

chromium:
	command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)

run: setup
	$(BIN)/streamlit run dashboard.py

lint: setup-dev
	$(BIN)/ruff check .

test: setup-dev chromium
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

bench: setup-dev chromium
	$(BIN)/python bench/run.py

load: setup-dev chromium
	$(BIN)/python bench/load.py
