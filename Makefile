# briefs: `make briefs` sets everything up and builds all briefs; `make test` runs the tests.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
BRIEFS := $(BIN)/briefs
STAMP := $(VENV)/.installed
# Exact versions and SHA-256 hashes of every runtime and test dependency (and of setuptools, which
# installs the package itself): `make lock` writes it, pip installs from it with hash checking.
LOCK := requirements.lock
# uv computes the lock (only for `make lock`), in a virtualenv of its own.
LOCK_VENV := .venv-lock
UV_VERSION := 0.13.9
# axe-core, which the browser tests inject into pages; pinned in tests/browser/package-lock.json.
NODE_STAMP := tests/browser/node_modules/.installed

.DEFAULT_GOAL := briefs
.PHONY: briefs setup system test-system test lint serve check check-eval list schema clean catalogs bench draft-eval distribute lock golden help

help:
	@echo "make briefs    set up (system packages, virtualenv) and build every brief into build/"
	@echo "make test      type-check, lint, then run the test suite (installs Chromium and axe-core)"
	@echo "make lint      only the type check (mypy) and the lint and format checks (ruff)"
	@echo "make lock      refresh requirements.lock from pyproject.toml (UPGRADE=1: newest versions)"
	@echo "make serve     live preview of every brief at http://127.0.0.1:8000/"
	@echo "make check     validate every summary in sources/meetings/"
	@echo "make check-eval  plant errors in copies of the summaries; print the catch rate per kind"
	@echo "make catalogs  extract template strings and update the .po catalogs in locale/"
	@echo "make golden    refresh tests/golden/ (the HTML of every shipped brief and digest)"
	@echo "make bench     measure build speed and memory; writes benchmarks/RESULTS.md"
	@echo "make draft-eval  draft the shipped articles and the corpus in tests/draft_corpus, and score the drafts"
	@echo "make distribute  publish build/site/ and plan the emails (make distribute SEND=1 sends them)"
	@echo "make clean     remove build/ and test-artifacts/"

# Strict: a stance or modality the quotes do not bear out stops a brief, as an error does.
briefs: setup
	$(BRIEFS) build --all --strict

setup: system $(STAMP)

system:
	@PYTHON=$(PYTHON) sh scripts/system-packages.sh

# The pip that installs the lock, the same everywhere: the one a new venv brings may be years
# old (Python 3.11's pip 23.2 fails on the lock's lxml[html-clean], a resolver bug fixed since).
PIP_VERSION := 26.3

# Order-only on system: under make -j the virtualenv must wait for python3-venv.
# Everything from the lock, hash-checked; then the package itself, linked, with no dependency of
# its own (pip check then fails if pyproject.toml asks for one the lock lacks: run make lock).
# briefs-lock.sha256 tells briefs which lock it runs from: every PDF records it.
$(STAMP): pyproject.toml $(LOCK) | system
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "briefs needs Python 3.11 or newer")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet 'pip==$(PIP_VERSION)'
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	@$(BIN)/python -m pip check >/dev/null || { $(BIN)/python -m pip check; \
		echo "$(LOCK) is missing what pyproject.toml asks for: run make lock"; exit 1; }
	sha256sum $(LOCK) > $(VENV)/briefs-lock.sha256
	touch $@

# The lock: PyPI only (uv reads no pip configuration, so no local index or wheel folder of this
# machine gets in), for every Python from 3.11 on, hashes of every file of each version. Versions
# already in the lock are kept unless pyproject.toml needs others; UPGRADE=1 takes the newest.
# The build backend (setuptools, from [build-system]) is locked too, read from standard input.
lock: | system
	@$(LOCK_VENV)/bin/uv --version 2>/dev/null | grep -qF 'uv $(UV_VERSION)' || { \
		test -x $(LOCK_VENV)/bin/python || $(PYTHON) -m venv $(LOCK_VENV); \
		$(LOCK_VENV)/bin/python -m pip install --quiet 'uv==$(UV_VERSION)'; }
	$(PYTHON) -c 'import tomllib; print(*tomllib.load(open("pyproject.toml", "rb"))["build-system"]["requires"], sep="\n")' \
	| env -u UV_INDEX -u UV_DEFAULT_INDEX -u UV_INDEX_URL -u UV_EXTRA_INDEX_URL -u UV_FIND_LINKS \
		$(LOCK_VENV)/bin/uv pip compile --quiet --no-config \
		--universal --python-version 3.11 --generate-hashes --custom-compile-command 'make lock' \
		$(if $(UPGRADE),--upgrade) --extra test --output-file $(LOCK) pyproject.toml -
	@echo "wrote $(LOCK): commit it; the next make reinstalls .venv/ from it"

# After system: two apt-get runs at once (make -j) would fight over dpkg's lock.
test-system: | system
	@PYTHON=$(PYTHON) sh scripts/system-packages.sh test

$(NODE_STAMP): tests/browser/package-lock.json | test-system
	cd tests/browser && npm ci --no-audit --no-fund
	touch $@

# The gates first, each fatal: types (mypy, configured in pyproject.toml), lint, format.
lint: setup
	$(BIN)/mypy
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# On every core (pytest-xdist), a test file per worker: the files that build share one build
# (tests/conftest.py's made_once) and their servers pick free ports.
test: lint test-system $(NODE_STAMP)
	$(BIN)/python -m pytest -n auto --dist loadfile

# Speed and memory against bare WeasyPrint, the digests of 200 meetings, synthetic projects of
# 10, 100 and 1000 meetings; writes benchmarks/RESULTS.md. About 18 minutes on 2 idle cores;
# make bench BENCH_SIZES=10,100 leaves out the 1000 meetings (most of that time).
bench: setup
	$(BIN)/python benchmarks/bench.py $(if $(BENCH_SIZES),--sizes $(BENCH_SIZES))

serve: setup
	$(BRIEFS) serve

check: setup
	$(BRIEFS) check --strict

# Plants each error of tests/mutation_catalogue.py in a copy of the shipped summaries, one at a
# time, and prints what `check --strict` catches per kind and its false alarms on faithful edits;
# exits 1 when a target of issue 18 is missed (see scripts/check_eval.py).
check-eval: setup
	$(BIN)/python scripts/check_eval.py -v

# Drafts each article that has a summary in sources/meetings/, and each fixture of the corpus in
# tests/draft_corpus/, and prints their scores separately; exits 1 when a target is missed
# (see scripts/draft_eval.py).
draft-eval: setup
	$(BIN)/python scripts/draft_eval.py

# The golden files tests/test_golden.py compares each build's HTML with: after a meant change to
# the templates, catalogs or rendering, refresh them and read the diff before committing.
golden: setup
	$(BIN)/python scripts/golden.py

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
