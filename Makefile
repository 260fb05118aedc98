# qa_lib: `make help` lists the targets. Every target sets up .venv first if it needs to.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PIP_QUIET := -qq

# make report / make app: SOURCE (a page or a folder; empty: the seed page), TAXONOMY (a TOML
# file), OUT (relative to this folder), PORT. A relative SOURCE or TAXONOMY is read from the
# folder the command was typed in when it is there (`make -C path/to/qa_lib report SOURCE=x`).
SOURCE ?=
TAXONOMY ?=
OUT ?= reports
PORT ?= 8866
HERE := $(or $(PWD),$(CURDIR))
SOURCE_ARGS = "$(SOURCE)" --relative-to "$(HERE)" $(if $(TAXONOMY),--taxonomy "$(TAXONOMY)")

.PHONY: help setup report app lab test lint format golden notebooks lock browser screenshots bench eval fit-segmenter fit-sentences fit-questions clean

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-12s %s\n", $$1, $$2}'

# pyproject.toml declares the dependencies and their bounds; constraints.txt pins the set the
# committed notebook outputs were made with (nbval compares against them). `make lock` renews it.
$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "qa_lib needs Python 3.11+")'
	@echo "Setting up $(VENV) with qa_lib and its dependencies (first run only, about a minute)"
	@$(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install $(PIP_QUIET) --upgrade pip
	@$(PY) -m pip install $(PIP_QUIET) -c constraints.txt -e ".[notebooks,app,dask,test]"
	@touch $@

setup: $(STAMP) ## Create .venv with qa_lib and every dependency

report: $(STAMP) ## Build reports/report.html (+ CSVs) for SOURCE=page-or-folder [TAXONOMY=toml]
	@$(VENV)/bin/qa-lib report $(SOURCE_ARGS) -o "$(OUT)"

app: $(STAMP) ## Serve the explorer as a web page (Voilà) on 127.0.0.1:PORT for SOURCE
	@$(VENV)/bin/qa-lib app $(SOURCE_ARGS) --port $(PORT)

lab: $(STAMP) ## Open the notebooks in JupyterLab
	$(VENV)/bin/jupyter lab notebooks $(if $(filter 0,$(shell id -u)),--allow-root)

lint: $(STAMP) ## ruff: lint and format check
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: $(STAMP) ## ruff: fix what can be fixed and format
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

# Browser tests drive Debian's Chromium; as root (CI, a fresh machine) make installs it.
CHROMIUM := /usr/bin/chromium
$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "Chromium is missing: sudo apt-get install chromium (browser tests skip outside CI)"; \
	fi

browser: $(CHROMIUM) ## Install Debian's Chromium for the browser tests (as root)

screenshots: $(STAMP) $(CHROMIUM) ## Refresh the README screenshots from the browser tests
	env -u MPLBACKEND $(PY) -m pytest tests/browser -q
	mkdir -p docs/img && cp reports/screenshots/explorer.png reports/screenshots/app.png \
		reports/screenshots/report.png reports/screenshots/report-compare.png \
		reports/screenshots/report-table.png docs/img/

# MPLBACKEND is unset so a value in the caller's environment cannot change notebook outputs.
test: $(STAMP) lint $(CHROMIUM) ## Every test: lint, unit, doctests, corpus, notebooks (nbval), browser
	env -u MPLBACKEND $(PY) -m pytest --doctest-modules qa_lib tests --ignore=qa_lib/notebooks \
		--nbval notebooks --nbval-current-env --nbval-sanitize-with tests/notebook-sanitize.cfg

# Executed top to bottom, without widget state; cells tagged nbval-ignore-output (the 1 MB offline
# itables bundle) keep no output: `qa-lib report` embeds it when it runs the notebook.
notebooks: $(STAMP) ## Re-execute the notebooks in place, top to bottom (review the diff!)
	cd notebooks && env -u MPLBACKEND ../$(VENV)/bin/jupyter nbconvert --to notebook --execute \
		--inplace --ExecutePreprocessor.record_timing=False \
		--ExecutePreprocessor.store_widget_state=False *.ipynb
	$(PY) -m tests.strip_notebooks notebooks/*.ipynb

lock: $(STAMP) ## Pin today's resolution of pyproject.toml into constraints.txt
	$(PY) -m pip freeze --exclude-editable | grep -v '^qa[-_]lib' > constraints.txt

golden: $(STAMP) ## Regenerate tests/golden from the seed (review the diff!)
	$(PY) -m tests.regenerate_golden

bench: $(STAMP) ## Benchmarks (see benchmarks/README.md)
	$(PY) -m benchmarks

# The development corpora (../shared/corpora) and the seed, with its golden pairs, are the
# sources the segmenter is fitted on and scored on, one source left out at a time.
CORPORA ?= ../shared/corpora
SEGMENTER_SOURCES := --corpora $(CORPORA) --seed $(firstword $(wildcard seeds/*.txt)) --seed-gold tests/golden/seed_blocks.json

eval: $(STAMP) ## Segmenter vs the naive '?' rule (leave-one-source-out); hedging, strength, same question (CV) vs naive
	$(PY) -m qa_lib.evaluate eval $(SEGMENTER_SOURCES)
	$(PY) -m qa_lib.evaluate_sentences eval --corpora $(CORPORA)
	@echo
	$(PY) -m qa_lib.evaluate_questions eval --corpora $(CORPORA)

fit-segmenter: $(STAMP) ## Refit qa_lib/data/segmenter.json from the corpora (review the diff!)
	$(PY) -m qa_lib.evaluate fit $(SEGMENTER_SOURCES) --out qa_lib/data/segmenter.json

fit-sentences: $(STAMP) ## Refit qa_lib/data/strength.json from ../shared/corpora/strength (review the diff!)
	$(PY) -m qa_lib.evaluate_sentences fit --corpora $(CORPORA) --out qa_lib/data/strength.json

fit-questions: $(STAMP) ## Refit qa_lib/data/question_match.json from ../shared/corpora (review the diff!)
	$(PY) -m qa_lib.evaluate_questions fit --corpora $(CORPORA) --out qa_lib/data/question_match.json

clean: ## Remove built reports and caches (keeps .venv)
	rm -rf reports .pytest_cache .ruff_cache .hypothesis
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
