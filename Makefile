# briefs: `make briefs` sets everything up and builds all briefs; `make test` runs the tests.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
BRIEFS := $(BIN)/briefs
STAMP := $(VENV)/.installed
# axe-core, which the browser tests inject into pages; pinned in tests/browser/package-lock.json.
NODE_STAMP := tests/browser/node_modules/.installed

.DEFAULT_GOAL := briefs
.PHONY: briefs setup system test-system test serve check list schema clean catalogs bench draft-eval distribute help

help:
	@echo "make briefs    set up (system packages, virtualenv) and build every brief into build/"
	@echo "make test      run the test suite (installs Chromium and axe-core for the browser tests)"
	@echo "make serve     live preview of every brief at http://127.0.0.1:8000/"
	@echo "make check     validate every summary in sources/meetings/"
	@echo "make catalogs  extract template strings and update the .po catalogs in locale/"
	@echo "make bench     measure build speed and memory; writes benchmarks/RESULTS.md"
	@echo "make draft-eval  draft the shipped articles and the corpus in tests/draft_corpus, and score the drafts"
	@echo "make distribute  publish build/site/ and plan the emails (make distribute SEND=1 sends them)"
	@echo "make clean     remove build/ and test-artifacts/"

briefs: setup
	$(BRIEFS) build --all

setup: system $(STAMP)

system:
	@PYTHON=$(PYTHON) sh scripts/system-packages.sh

# Order-only on system: under make -j the virtualenv must wait for python3-venv.
$(STAMP): pyproject.toml | system
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "briefs needs Python 3.11 or newer")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# After system: two apt-get runs at once (make -j) would fight over dpkg's lock.
test-system: | system
	@PYTHON=$(PYTHON) sh scripts/system-packages.sh test

$(NODE_STAMP): tests/browser/package-lock.json | test-system
	cd tests/browser && npm ci --no-audit --no-fund
	touch $@

test: setup test-system $(NODE_STAMP)
	$(BIN)/python -m pytest

# Speed and memory: synthetic projects of 10, 100 and 1000 meetings; writes benchmarks/RESULTS.md.
bench: setup
	$(BIN)/python benchmarks/bench.py

serve: setup
	$(BRIEFS) serve

check: setup
	$(BRIEFS) check

# Drafts each article that has a summary in sources/meetings/, and each fixture of the corpus in
# tests/draft_corpus/, and prints their scores separately; exits 1 when a target is missed
# (see scripts/draft_eval.py).
draft-eval: setup
	$(BIN)/python scripts/draft_eval.py

list: setup
	$(BRIEFS) list

schema: setup
	@mkdir -p build
	$(BRIEFS) schema > build/meeting.schema.json
	@echo "wrote build/meeting.schema.json"

# distribute: publish, then send by email; a dry run (the plan only) unless SEND=1.
# READERS=FILE chooses the readers file; SMTP settings come from BRIEFS_SMTP_* variables.
READERS ?= readers.yaml

distribute: briefs
	$(BRIEFS) publish
	$(BRIEFS) send --readers $(READERS) $(if $(SEND),,--dry-run)

# Catalogs: template and code strings -> locale/messages.pot -> locale/<lang>/LC_MESSAGES/messages.po.
# The build compiles the .po files itself, so no .mo file is ever stale.
catalogs: setup
	$(BIN)/pybabel extract -F babel.cfg -k _ -k gettext --no-location --sort-output \
		--project briefs --copyright-holder briefs -o locale/messages.pot .
	$(BIN)/pybabel update -i locale/messages.pot -d locale --no-fuzzy-matching --width 100
	$(BIN)/pybabel compile -d locale --statistics

clean:
	rm -rf build test-artifacts
