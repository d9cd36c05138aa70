# Every target sets up the virtualenv it needs first, so each works on a fresh clone.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: demo test bench clean chromium

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

demo: $(VENV)/.installed
	$(PY) -m newscrawl.demo

test: $(VENV)/.installed chromium
	$(PY) -m pytest -q

# The rendering tests drive the system Chromium (Debian package); Playwright never downloads a browser of its own.
chromium:
	@command -v chromium >/dev/null || { \
		as_root=$$([ "$$(id -u)" -eq 0 ] || echo sudo); \
		$$as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$as_root apt-get install -y -qq chromium; }

bench: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[bench]'
	$(PY) -m newscrawl.bench

clean:
	rm -rf $(VENV) data/demo.sqlite* data/demo.jsonl
