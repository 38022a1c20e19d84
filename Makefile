# strikelog — the two commands of the README quick start are `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: demo test lint typecheck unit web install compile pure bench clean

# The extraction modules listed in strikelog/build_info.py are compiled with mypyc for the
# tests and benchmarks (about 1.4x as fast; needs a C compiler). `make test COMPILE=0`
# tests the Python source instead; `make pure` removes the compiled modules.
COMPILE ?= 1
COMPILED_SOURCES := $(shell sed -n 's/^    "\(strikelog\/.*\.py\)",$$/\1/p' strikelog/build_info.py)
MANIFEST := strikelog/compiled.json
BUILD := $(if $(filter 1,$(COMPILE)),compile,pure)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip 'setuptools>=77' wheel
	$(BIN)/python -m pip install --quiet -e '.[dev,dask]'
	touch $(STAMP)

install: $(STAMP)

$(MANIFEST): $(STAMP) setup.py strikelog/build_info.py $(COMPILED_SOURCES)
	@echo "compiling $(words $(COMPILED_SOURCES)) modules with mypyc (about 2 minutes)..."
	$(BIN)/python -m pip install --quiet 'setuptools>=77'  # a venv made before this target
	STRIKELOG_COMPILE=1 $(BIN)/python setup.py --quiet build_ext --inplace > build-compile.log 2>&1 \
	  || (tail -30 build-compile.log; exit 1)

compile: $(MANIFEST)

pure:
	rm -f $(MANIFEST) strikelog/*.so strikelog/*/*.so

web: $(STAMP)
	bash scripts/build-web.sh

# Set up and run the main job on the bundled example reports.
demo: $(STAMP)
	$(BIN)/strikelog extract examples/*.txt examples/*.jsonl --format table

lint: $(STAMP)
	$(BIN)/ruff check strikelog tests bench

typecheck: $(STAMP)
	$(BIN)/mypy strikelog

unit: $(STAMP) $(BUILD)
	$(BIN)/python -m pytest -q

# The whole test suite: lint, types, web assets, tests.
test: $(STAMP) web lint typecheck unit

bench: $(STAMP) $(BUILD)
	$(BIN)/python bench/extract.py
	$(BIN)/python bench/gazetteer.py
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/api.py

clean: pure
	rm -rf $(VENV) build dist *.egg-info strikelog/api/static/vendor web/node_modules \
	  build-compile.log
