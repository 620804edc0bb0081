# Two entry points for a fresh machine: `make run` and `make test` (see README).
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: run test setup setup-dev chromium bench load

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

setup: $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt

setup-dev: $(BIN)/python
	$(BIN)/pip install -q -r requirements-dev.txt

chromium:
	command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)

run: setup
	$(BIN)/streamlit run dashboard.py

test: setup-dev chromium
	$(BIN)/python -m pytest

bench: setup-dev chromium
	$(BIN)/python bench/run.py

load: setup-dev chromium
	$(BIN)/python bench/load.py
