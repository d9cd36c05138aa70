# Every target sets up the virtualenv it needs first, so each works on a fresh clone.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
FLOOR_VENV ?= .venv-floor
FLOOR_PY := $(FLOOR_VENV)/bin/python

.PHONY: demo test test-floor bench clean chromium postgresql

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

demo: $(VENV)/.installed
	$(PY) -m newscrawl.demo

test: $(VENV)/.installed chromium postgresql
	$(PY) -m pytest -q

# Every direct dependency at the oldest release pyproject.toml allows (uv's lowest-direct resolution), so the floors
# it states are releases the suite passes with. Made afresh when pyproject.toml changes: installing over the old
# virtualenv would keep releases newer than the floors.
$(FLOOR_VENV)/.installed: pyproject.toml
	rm -rf $(FLOOR_VENV)
	$(PYTHON) -m venv $(FLOOR_VENV)
	$(FLOOR_PY) -m pip install --quiet uv
	$(FLOOR_VENV)/bin/uv pip install --quiet --python $(FLOOR_PY) --resolution lowest-direct -e '.[test]'
	touch $@

test-floor: $(FLOOR_VENV)/.installed chromium postgresql
	$(FLOOR_PY) -m pytest -q

# The rendering tests drive the system Chromium (Debian package); Playwright never downloads a browser of its own.
chromium:
	@command -v chromium >/dev/null || { \
		as_root=$$([ "$$(id -u)" -eq 0 ] || echo sudo); \
		$$as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$as_root apt-get install -y -qq chromium; }

bench: $(VENV)/.installed chromium postgresql
	$(PY) -m pip install --quiet -e '.[bench]'
	$(PY) -m newscrawl.bench

clean:
	rm -rf $(VENV) $(FLOOR_VENV) data/demo.sqlite* data/demo.jsonl

# The PostgreSQL store's tests start a throwaway server of Debian's package (tests/postgres_server.py).
postgresql:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
		as_root=$$([ "$$(id -u)" -eq 0 ] || echo sudo); \
		$$as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$as_root apt-get install -y -qq postgresql; }
