# alsreader: two commands on a fresh machine, `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test lint bench soak system-deps clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## run: set up and open the reader on the bundled content
run: $(STAMP)
	$(VENV)/bin/alsreader content

## system-deps: Debian packages the audio and terminal tests need (as root; else says what to install)
system-deps:
	./scripts/install-system-deps

## test: set up and run the whole suite (unit, functional, audio, end-to-end)
test: $(STAMP) system-deps
	$(PY) -m pytest

## lint: ruff, strict mypy and the import contracts (layers, no circles)
lint: $(STAMP)
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

## bench: reproducible speed and memory figures (written to docs/benchmarks.md)
bench: $(STAMP) system-deps
	$(PY) bench/run.py

## soak: the long reliability tests (docs/reliability.md)
soak: $(STAMP) system-deps
	$(PY) -m pytest -m slow -p no:cacheprovider --timeout=3600

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
