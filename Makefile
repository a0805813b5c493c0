# collabkit: two commands for a fresh machine with Python 3.11+ and make.
#   make lab    set up .venv and open the course in JupyterLab
#   make test   set up .venv with the test extras and run every test
# Also: make voila (the course as web pages), make test-fast (lint and the tests not marked
# slow or browser, under a minute), make bench (benchmarks), make bench-browser (notebooks in
# Chromium), make bench-hub (a class on a local JupyterHub), make wheel (a wheel that
# carries the course, in dist/), make lite (a browser-only
# JupyterLite site in _output/), make lint, make format,
# make clean.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
LAB_PORT ?= 8888
LAB_ARGS ?=
VOILA_PORT ?= 8866
# JupyterLab refuses to run as root without --allow-root (containers, Binder-like boxes).
ROOT_FLAG := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)
# The modules whose docstring examples pytest runs (the public names of collabkit/__init__.py,
# and the number reader).
# Only these: collecting widgets or notebooks as doctests would need a kernel.
DOCTEST_MODULES := collabkit/__init__.py collabkit/assess/feedback.py \
	collabkit/course/__init__.py collabkit/analysis/network.py \
	collabkit/analysis/inverted_u.py collabkit/analysis/trajectory.py \
	collabkit/models/platform.py collabkit/core/words.py \
	collabkit/core/number_reader.py collabkit/assess/lint.py collabkit/assess/questions.py
PYTEST := $(BIN)/python -m pytest --doctest-modules

.PHONY: lab voila test test-fast bench bench-browser bench-hub wheel lite lint format clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "collabkit needs Python 3.11 or newer"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# One stamp per set of extras; it is redone whenever pyproject.toml changes.
$(VENV)/.installed-base: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[lab]"
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[lab,test,bench]"
	touch $@ $(VENV)/.installed-base

lab: $(VENV)/.installed-base
	cd notebooks && ../$(BIN)/jupyter lab --port=$(LAB_PORT) $(ROOT_FLAG) \
		--ServerApp.root_dir=. \
		--LabApp.default_url=/lab/tree/00_start_here.ipynb $(LAB_ARGS)

# The course as web pages: code hidden, every cell run, sliders and questions live.
voila: $(VENV)/.installed-base
	cd notebooks && ../$(BIN)/voila --port=$(VOILA_PORT) $(VOILA_ARGS) .

# A browser-only JupyterLite site of the course in _output/ (docs/jupyterlite.md). Built in
# a venv of its own: JupyterLite's kernel extension breaks JupyterLab in the same venv.
LITE_VENV := build/lite-venv
lite: wheel
	$(PYTHON) -m venv $(LITE_VENV)
	$(LITE_VENV)/bin/python -m pip install --quiet -e ".[lite]"
	rm -rf build/lite _output
	$(LITE_VENV)/bin/python scripts/lite_contents.py notebooks build/lite
	cd build && lite-venv/bin/jupyter lite build --contents lite \
		--piplite-wheels ../dist/collabkit-*.whl --output-dir ../_output

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy

# configurable-http-proxy (npm) for the classroom tests' JupyterHub; without npm those tests
# skip with a message (and fail under CI=true).
CHP := build/chp/node_modules/.bin/configurable-http-proxy
HUB_PROXY := $(if $(shell command -v npm),$(CHP))
$(CHP):
	npm install --silent --no-audit --no-fund --prefix build/chp configurable-http-proxy@5

# lint-questions: answer-by-form cues and feedback gaps in the question banks (docs/authoring.md)
test: $(VENV)/.installed-test lint $(HUB_PROXY)
	$(BIN)/python -m collabkit lint-questions
	$(PYTEST) tests $(DOCTEST_MODULES) --nbval-lax notebooks

test-fast: $(VENV)/.installed-test lint
	$(PYTEST) -m "not slow and not browser" tests $(DOCTEST_MODULES)

bench: $(VENV)/.installed-test
	$(BIN)/python -m benchmarks

bench-browser: $(VENV)/.installed-test
	$(BIN)/python -m benchmarks.browser

# A lecture on one JupyterHub: 10, 20 and 40 students press Run All at once (BENCH_HUB_ARGS,
# e.g. "--sizes 10,20 --minutes 0.5").
bench-hub: $(VENV)/.installed-test $(CHP)
	$(BIN)/python -m benchmarks.hub $(BENCH_HUB_ARGS)

# The notebooks and data sets travel in the wheel as package data (pyproject.toml). build/ goes
# first: setuptools would otherwise ship files left there by an earlier build, such as a
# notebook renamed since.
wheel: | $(BIN)/python
	rm -rf build
	$(BIN)/python -m pip wheel --quiet --no-deps --wheel-dir dist .

format: $(VENV)/.installed-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis test-artifacts build dist *.egg-info \
		_output .jupyterlite.doit.db
