# The front door: `make demo` serves the demo agency, `make test` runs every check CI runs on SQLite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
EISO := $(BIN)/eiso
PYTEST := $(BIN)/pytest
PG_URL ?= postgres://postgres@127.0.0.1:5432/eiso_ci
APPS := $(wildcard eiso/*/apps.py)

.PHONY: demo test install serve lint typecheck migrations-check test-unit test-postgres test-browser test-browser-postgres ci \
        messages compilemessages bench clean

# The demo lives on 07/08/2017 (the seed's year as it was; EISO_TODAY is the one clock setting, shown in
# a banner); `make serve` runs on the real date. Re-running `make demo` keeps what you created.
PORT ?= 8000
DEMO_TODAY ?= 2017-08-07

demo: install
	$(EISO) migrate --noinput
	EISO_TODAY=$(DEMO_TODAY) $(EISO) load_demo
	@echo "eISO demo: http://127.0.0.1:$(PORT)/  public portal: http://127.0.0.1:$(PORT)/cong-khai/  (the accounts above; password eiso-demo-2017)"
	EISO_TODAY=$(DEMO_TODAY) $(EISO) runserver 127.0.0.1:$(PORT)

serve: install
	$(EISO) runserver 127.0.0.1:$(PORT)

test: $(VENV)/.test-installed node_modules/.installed lint typecheck migrations-check test-unit

install: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c constraints.txt -e .
	touch $@

$(VENV)/.test-installed: $(VENV)/.installed
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[test]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

lint: $(VENV)/.test-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m eiso.conventions

typecheck: $(VENV)/.test-installed
	$(BIN)/mypy eiso

migrations-check: $(VENV)/.test-installed
	$(EISO) makemigrations --check --dry-run

# pytest exits 5 when it collects nothing; that is not a failure here.
test-unit: $(VENV)/.test-installed node_modules/.installed
	$(PYTEST) -q -m "not browser" -n 2 --dist loadfile || [ $$? -eq 5 ]

test-postgres: $(VENV)/.test-installed node_modules/.installed
	DATABASE_URL=$(PG_URL) $(PYTEST) -q -m "not browser" -n 2 --dist loadfile || [ $$? -eq 5 ]

test-browser: $(VENV)/.test-installed node_modules/.installed
	$(PYTEST) -q -m browser || [ $$? -eq 5 ]

test-browser-postgres: $(VENV)/.test-installed node_modules/.installed
	DATABASE_URL=$(PG_URL) $(PYTEST) -q -m browser || [ $$? -eq 5 ]

ci: test test-postgres test-browser test-browser-postgres

# Translations: every app keeps its own locale/; sources are Vietnamese, English is the translation.
messages: $(VENV)/.test-installed
	for app in $(dir $(APPS)); do (cd $$app && mkdir -p locale && EISO_VAR_DIR=$(CURDIR)/var ../../$(EISO) makemessages -l en -l vi --no-location --no-obsolete); done

compilemessages: $(VENV)/.test-installed
	cd eiso && ../$(EISO) compilemessages

bench: $(VENV)/.test-installed
	bash bench/run.sh

clean:
	rm -rf $(VENV) node_modules var/static
