# The two commands of the README:
#   make demo   set up, build the demo ledger of the Leidse regio (embedded SQLite) and report
#   make test   set up, start a throwaway PostgreSQL, run every test on SQLite and PostgreSQL
#   make bench  the performance figures of docs/performance.md (never part of make test)
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: setup demo test lint bench clean

$(BIN)/ledger: pyproject.toml
	bash tests/system-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(BIN)/ledger

setup: $(BIN)/ledger

demo: setup
	$(BIN)/ledger demo

test: setup
	bash tests/run.sh

lint: setup
	$(BIN)/ruff check .

bench: setup
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) ledger.db ledger-demo
