# strikelog — the two commands of the README quick start are `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: demo test lint typecheck unit web install bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,dask]'
	touch $(STAMP)

install: $(STAMP)

web: $(STAMP)
	bash scripts/build-web.sh

# Set up and run the main job on the bundled example reports.
demo: $(STAMP)
	$(BIN)/strikelog extract examples/*.txt examples/*.jsonl --format table

lint: $(STAMP)
	$(BIN)/ruff check strikelog tests bench

typecheck: $(STAMP)
	$(BIN)/mypy strikelog

unit: $(STAMP)
	$(BIN)/python -m pytest -q

# The whole test suite: lint, types, web assets, tests.
test: $(STAMP) web lint typecheck unit

bench: $(STAMP)
	$(BIN)/python bench/extract.py
	$(BIN)/python bench/gazetteer.py
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/api.py

clean:
	rm -rf $(VENV) build dist *.egg-info strikelog/api/static/vendor web/node_modules
