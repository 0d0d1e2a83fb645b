# The development loop. `make check` is what must pass before a commit.
PY ?= .venv/bin/python

.PHONY: venv check fmt fmt-check lint types imports test test-fast test-future bench demo run

venv:
	python3 -m venv .venv && .venv/bin/pip install -e '.[dev]'

check: fmt-check lint types imports test test-future

fmt:
	$(PY) -m ruff format deadline_tui tests bench data

fmt-check:
	$(PY) -m ruff format --check deadline_tui tests bench data

lint:
	$(PY) -m ruff check deadline_tui tests bench data

types:
	$(PY) -m mypy

imports:
	.venv/bin/lint-imports

test:
	$(PY) -m pytest

# The whole suite once more with the clock a year ahead (faketime, from Debian): proves that
# no test depends on today's date.
test-future:
	faketime -f '+365d' $(PY) -m pytest -q -p no:cacheprovider

# Skips the slow fault-injection tests (kill -9 loop, concurrent writers).
test-fast:
	$(PY) -m pytest -m 'not slow'

bench:
	$(PY) -m bench

demo:
	$(PY) data/make_demo.py

run: demo
	.venv/bin/deadline-tui --db data/demo.json
