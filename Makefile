# The two set-up commands of the README: `make demo` and `make test`. Both create or refresh
# .venv first (it is refreshed whenever pyproject.toml or constraints.txt changes), with the
# exact versions of constraints.txt.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint bench server-stop clean

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "quotetrail needs Python 3.11 or newer: run make PYTHON=python3.11 ...")'
	@echo "installing quotetrail and its dependencies into $(VENV) (about a minute; pip is quiet meanwhile)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	@# -qq: errors only; setuptools' note on editable installs is not for users
	$(BIN)/python -m pip install -qq -c constraints.txt -e ".[test,bench]"
	@touch $(STAMP)

demo: install
	$(BIN)/quotetrail demo

test: install
	$(BIN)/ruff check .
	$(BIN)/python .ci/typecheck.py
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/python .ci/typecheck.py

bench: install
	$(BIN)/python -m bench
	$(BIN)/python bench/extract_speed.py
	$(BIN)/python bench/linking_scale.py

server-stop: install
	$(BIN)/quotetrail server stop --engine arcadedb
	$(BIN)/quotetrail server stop --engine neo4j

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
