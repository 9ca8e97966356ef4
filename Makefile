# VT-registratie: `make run` starts everything on the embedded defaults, `make test` runs the suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
# The demo runs in demo mode, not debug mode (Dutch error pages, no technical pages listing every URL),
# unless the caller configured otherwise.
RUN_ENV := DEBUG=$${DEBUG:-false} DEMO_MODE=$${DEMO_MODE:-true}

.PHONY: run test install install-dev lint migrate demo clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Runtime: the Python packages and the npm packages the pages serve (Chart.js); the dev tools add axe-core.
$(VENV)/.runtime-installed: requirements.txt package.json package-lock.json | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	npm ci --omit=dev --no-audit --no-fund --loglevel=error
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt package.json package-lock.json $(VENV)/.runtime-installed
	$(BIN)/pip install --quiet -r requirements-dev.txt
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.runtime-installed
install-dev: $(VENV)/.dev-installed

migrate: install
	$(RUN_ENV) $(MANAGE) migrate --noinput

demo: migrate
	$(RUN_ENV) $(MANAGE) laad_referentiedata
	$(RUN_ENV) $(MANAGE) maak_demodata_als_leeg
	$(RUN_ENV) $(MANAGE) maak_demogebruikers

PORT ?= 8000

run: demo
	@echo "VT-registratie draait op http://127.0.0.1:$(PORT) (Ctrl-C stopt web, worker en beat)."
	$(RUN_ENV) $(BIN)/honcho start -f Procfile -p $(PORT)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/lint-imports

test: install-dev
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/python -m pytest $(PYTEST_ARGS)

clean:
	rm -rf var .pytest_cache
