# Two commands on a fresh machine:  `make demo`  and  `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
SALVO  := $(VENV)/bin/salvo
DEMO_DB ?= demo.db
SUDO   := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)

.PHONY: setup browser-setup db-setup demo test test-fast eval eval-real eval-redsea bench clean

setup: $(VENV)/.installed

# Every Python dependency is pinned by hash in requirements.lock (regenerate with
# `pip-compile --generate-hashes --allow-unsafe requirements.in`).
$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

# Browser tests and the dashboard's JavaScript: Debian's chromium and the npm packages in
# package-lock.json (nothing is fetched from a CDN at run time).
browser-setup: setup
	@command -v chromium >/dev/null 2>&1 || ($(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)
	@if [ -f package-lock.json ]; then npm ci --silent --ignore-scripts --no-audit --no-fund; fi
	@if [ -f scripts/build_web_assets.py ]; then $(PY) scripts/build_web_assets.py; fi

# PostgreSQL store tests: Debian's server package; the tests start (and stop) a cluster of their own
# in a temp dir with its initdb/pg_ctl, so no system service is started or needed.
PG_BIN ?= /usr/lib/postgresql/15/bin
db-setup:
	@[ -x $(PG_BIN)/initdb ] || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || ($(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null)

demo: setup
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(SALVO) --db $(DEMO_DB) ingest samples/txt samples/html samples/jsonl --meta samples/meta/txt-published.jsonl
	$(SALVO) --db $(DEMO_DB) articles
	$(SALVO) --db $(DEMO_DB) events
	$(SALVO) --db $(DEMO_DB) tallies
	$(SALVO) --db $(DEMO_DB) export --format geojson -o demo-events.geojson
	@echo "next: $(SALVO) --db $(DEMO_DB) serve   (dashboard on http://127.0.0.1:8000)"

test: setup browser-setup db-setup
	$(PY) -m pytest

test-fast: setup db-setup
	$(PY) -m pytest -m "not browser"

# accuracy on the shared corpus, with the pinned floors (also run by a test)
eval: setup
	rm -f /tmp/salvo-eval.db*
	$(SALVO) --db /tmp/salvo-eval.db -q ingest ../shared/corpus/articles --meta ../shared/corpus/index.jsonl || true
	$(SALVO) --db /tmp/salvo-eval.db eval ../shared/corpus/gold --floors tests/accuracy_floors.json --section corpus

# accuracy on the real reports (tests/realworld), dev and sealed parts, with their floors. The
# texts live in a git-ignored cache; without it this prints how to build it and succeeds.
eval-real: setup
	$(PY) scripts/realworld.py eval --part both --floors tests/accuracy_floors.json

# the same for the Red Sea set (tests/realworld_redsea, cache .cache/redsea, pack red_sea_shipping)
eval-redsea: setup
	$(PY) scripts/realworld.py --set redsea eval --part both --floors tests/accuracy_floors.json

bench: setup
	$(PY) scripts/benchmark.py

clean:
	rm -rf $(VENV) node_modules $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm demo-events.geojson
