# avs_geo: every set-up step lives here, so that a fresh clone needs only Python 3.11+.
#   make demo   create .venv, install, run the full job on the embedded data
#   make test   create .venv, install with the test extra (and Chromium), lint, type-check,
#               build the API reference, test
#   make docs   the API reference (Sphinx, numpydoc) in docs/_build/html, warnings are errors
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
OUT    ?= sortie

.PHONY: demo test lint typecheck docs pytest bench fuzz chromium notebooks clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[all]'
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

$(VENV)/.installed-bench: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $@ $(VENV)/.installed-test $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/avs-geo demo --sortie $(OUT)

# Headless Chromium for the map tests, from Debian's packages (no browser download).
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; \
	fi
	@/usr/bin/chromium --version

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests benchmarks scripts docs/api
	$(BIN)/ruff format --check src tests benchmarks scripts docs/api
	$(BIN)/lint-imports --no-cache

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy src

pytest: $(VENV)/.installed-test chromium
	$(BIN)/python -m pytest

# No network: no intersphinx, every reference resolved inside the project (-n).
docs: $(VENV)/.installed-test
	rm -rf docs/api/generated
	$(BIN)/sphinx-build -E -q -b html -W --keep-going -n -d docs/_build/doctrees docs/api docs/_build/html

test: lint typecheck docs pytest

# JupyterLab on the planners' notebooks (French, step by step).
notebooks: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[all,notebooks]'
	$(BIN)/jupyter lab notebooks/

bench: $(VENV)/.installed-bench
	$(BIN)/python -m benchmarks

fuzz: $(VENV)/.installed-test
	$(BIN)/python -m tests.fuzz_loaders --seconds $${FUZZ_SECONDS:-60}

clean:
	rm -rf $(VENV) $(OUT) fuzz-findings notebooks/resultats docs/_build docs/api/generated .pytest_cache .mypy_cache .ruff_cache .hypothesis .import_linter_cache .grimp_cache
