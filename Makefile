# CranioCare — every routine task has a target. `make help` lists them.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000
WEB_CONCURRENCY ?= 2
MANAGE := $(PY) manage.py
INSTALL_LOG := tmp/install.log
RUN_LOG := tmp/run-setup.log
WORKER_LOG := tmp/worker.log

# $(call quietly,LOG,COMMAND,WHAT): run COMMAND with its output in LOG, shown only if it fails.
quietly = mkdir -p tmp; if ! { $(2); } > $(1) 2>&1; then cat $(1) >&2; \
  echo "make: $(3) failed (the full output is in $(1))." >&2; exit 1; fi

.PHONY: help run test serve worker bench lint fmt typecheck migrate seed clean venv pytest backup

help:
	@echo "make run     start the demo site on http://127.0.0.1:8000 (creates .venv, migrates, seeds)"
	@echo "make test    lint, type-check, migration check and the whole test suite"
	@echo "make serve   production-style server (DEBUG off) on HOST:PORT"
	@echo "make worker  background worker"
	@echo "make bench   benchmarks"
	@echo "make backup  one backup of the database and media into BACKUP_DIR (README, Backups)"
	@echo "make lint / make fmt"

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "CranioCare needs Python 3.11 or newer; set PYTHON=python3.x")'
	@echo "Installing CranioCare into $(VENV) (the first run takes a minute or two; log: $(INSTALL_LOG))"
	@$(call quietly,$(INSTALL_LOG),test -x $(PY) || $(PYTHON) -m venv $(VENV); \
	  $(PY) -m pip install --upgrade pip && $(PY) -m pip install -e ".[dev]",installing the dependencies)
	@touch $(STAMP)

venv: $(STAMP)

migrate: $(STAMP)
	$(MANAGE) migrate --noinput
	$(MANAGE) createcachetable

run: export DEBUG ?= on
run: export CRANIOCARE_TLS ?= off
run: $(STAMP)
	@$(call quietly,$(RUN_LOG),$(MANAGE) migrate --noinput && $(MANAGE) createcachetable \
	  && $(MANAGE) seed_demo --if-empty,preparing the database)
	@echo
	@echo "  CranioCare is starting on http://$(HOST):$(PORT)/"
	@echo "  Back office sign-in:  serena@example.com and pia@example.com (practitioners), frank@example.com (front desk)"
	@echo "  Client sign-in:       alice@example.com, bob@example.com (their bookings at /my-bookings/)"
	@if [ -n "$$DEMO_PASSWORD" ]; then echo "  Password: \$$DEMO_PASSWORD"; \
	  elif [ -f tmp/demo-password.txt ]; then echo "  Password: $$(cat tmp/demo-password.txt)"; \
	  else echo "  Password: the one you set (DEMO_PASSWORD resets it: DEMO_PASSWORD=... make seed)"; fi
	@echo "  Django admin: http://$(HOST):$(PORT)/admin/"
	@echo "  The worker (emails, reminders, waitlist offers, backups) runs beside the site; its log: $(WORKER_LOG)"
	@echo
	@$(MANAGE) worker > $(WORKER_LOG) 2>&1 & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	  $(MANAGE) runserver $(HOST):$(PORT)

seed: migrate
	$(MANAGE) seed_demo

serve: export DEBUG := off
serve: $(STAMP)
	@if [ -z "$$SECRET_KEY" ]; then echo "make serve: SECRET_KEY is not set; refusing to start with the development key (see README, Configuration)." >&2; exit 1; fi
	$(MANAGE) check --deploy --fail-level ERROR
	$(MANAGE) migrate --noinput
	$(MANAGE) createcachetable
	$(MANAGE) collectstatic --noinput --verbosity 0
	GRANIAN_BLOCKING_THREADS=$${GRANIAN_BLOCKING_THREADS:-4} $(VENV)/bin/granian --interface wsgi --host $(HOST) --port $(PORT) --workers $(WEB_CONCURRENCY) --respawn-failed-workers --no-access-log craniocare.wsgi:application

worker: $(STAMP)
	$(MANAGE) migrate --noinput
	$(MANAGE) worker

backup: $(STAMP)
	$(MANAGE) backup

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

fmt: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

typecheck: $(STAMP)
	$(VENV)/bin/mypy craniocare

pytest: $(STAMP)
	$(VENV)/bin/pytest $(PYTEST_ARGS)

test: export CRANIOCARE_TLS := off
test: lint typecheck
	$(MANAGE) makemigrations --check --dry-run
	$(VENV)/bin/pytest $(PYTEST_ARGS)

bench: $(STAMP)
	@for script in bench/bench_*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

clean:
	rm -rf staticfiles tmp .pytest_cache .mypy_cache .ruff_cache
