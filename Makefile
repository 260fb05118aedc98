# qa_lib: `make help` lists the targets. Every target sets up .venv first if it needs to.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SOURCE ?= seeds/000_e8c55a2b7524b976.txt
REPORTS := reports

.PHONY: help setup report lab test test-fast lint format golden bench clean

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "qa_lib needs Python 3.11+"'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[notebooks,test]"
	@touch $@

setup: $(STAMP) ## Create .venv with qa_lib and every dependency

report: $(STAMP) ## Build the report on SOURCE (a page or a folder; default: the seed)
	@mkdir -p $(REPORTS)
	$(PY) -m qa_lib $(SOURCE) -o $(REPORTS)/blocks.csv
	$(PY) -m qa_lib $(SOURCE) --claims -o $(REPORTS)/claims.csv
	@echo "wrote $(REPORTS)/blocks.csv and $(REPORTS)/claims.csv"

lab: $(STAMP) ## Open the notebooks in JupyterLab
	$(VENV)/bin/jupyter lab notebooks

lint: $(STAMP) ## ruff: lint and format check
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: $(STAMP) ## ruff: fix what can be fixed and format
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

test: $(STAMP) lint ## Every test: lint, unit, doctests, corpus bars
	$(PY) -m pytest --doctest-modules qa_lib tests

golden: $(STAMP) ## Regenerate tests/golden from the seed (review the diff!)
	$(PY) -m tests.regenerate_golden

bench: $(STAMP) ## Benchmarks (see benchmarks/README.md)
	$(PY) -m benchmarks

clean: ## Remove built reports and caches (keeps .venv)
	rm -rf $(REPORTS) .pytest_cache .ruff_cache .hypothesis
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
