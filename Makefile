# Integrationsatlas Dresden. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501
CHROMIUM := /usr/bin/chromium

.PHONY: help run test setup assets boundaries update-geodata snapshot chromium postgresql bench lint clean

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-11s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev-installed: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@

setup: $(VENV)/.installed ## Create .venv and install the runtime requirements

assets: $(VENV)/.installed ## Copy Leaflet and plugins from the xstatic packages into static/vendor
	$(PY) -m atlas.citymap.assets install

boundaries: $(VENV)/.installed ## Say which boundaries the app starts with (cache or shipped snapshot; no network)
	$(PY) -m atlas.geo.geodata info

update-geodata: $(VENV)/.installed ## Refresh boundaries and the full address register (L134) into the cache
	@# Each step keeps the previous cache when it fails; the shipped snapshot is never touched.
	$(PY) -m atlas.geo.geodata fetch; g=$$?; $(PY) -m atlas.geo.addresses fetch; a=$$?; exit $$((g || a))

snapshot: $(VENV)/.installed ## Rebuild the shipped snapshot (resources/geodata/) from ATLAS_GEODATA_URL and ADDRESS_POINTS
	$(PY) -m atlas.geo.geodata snapshot $(ADDRESS_POINTS)

run: setup assets boundaries ## Start the app on http://localhost:$(PORT)
	$(PY) -m ui.launch --server.port $(PORT)

chromium: ## Install Debian's chromium for the browser tests if it is missing
	@test -x $(CHROMIUM) || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

postgresql: ## Install Debian's PostgreSQL server (store tests run on it) if it is missing
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; }

test: $(VENV)/.dev-installed assets boundaries chromium postgresql ## Run ruff and every test on SQLite and a throwaway PostgreSQL
	$(PY) -m ruff check .
	$(PY) tools/pgcluster.py run -- $(PY) -m pytest

bench: $(VENV)/.dev-installed assets chromium postgresql ## Print the performance figures (bench/)
	$(PY) tools/pgcluster.py run -- $(PY) -m bench

lint: $(VENV)/.dev-installed ## Check style with ruff
	$(PY) -m ruff check .

clean: ## Remove the venv, installed assets and caches (not the boundaries)
	rm -rf $(VENV) static/vendor .pytest_cache
