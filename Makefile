# Lotse: the two commands a newcomer needs are `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
LOTSE := $(BIN)/lotse
DEMO_ENV := LOTSE_DEV=true LOTSE_TLS=false LOTSE_REQUIRE_2FA=false DATABASE_URL=
PYTEST_ARGS ?= -n 2

.PHONY: demo test test-sqlite test-postgres lint check audit schema messages bench bench-load bench-synth bench-pathways bench-linkage bench-directory bench-referrals soak clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	rm -f $(VENV)/.installed-*
	touch $@

install: $(STAMP)

demo: $(STAMP)
	$(DEMO_ENV) $(LOTSE) migrate --noinput
	$(DEMO_ENV) $(LOTSE) collectstatic --noinput --verbosity 0
	$(DEMO_ENV) $(LOTSE) synth --demo --seed 1
	@echo "Second factor is switched off for the demo (LOTSE_REQUIRE_2FA=false)."
	$(DEMO_ENV) $(LOTSE) runserver 127.0.0.1:8000

# The whole suite on SQLite always; again on PostgreSQL when DATABASE_URL is set.
test: $(STAMP)
	$(MAKE) --no-print-directory test-sqlite
	@if [ -n "$$DATABASE_URL" ]; then $(MAKE) --no-print-directory test-postgres; \
	else echo "DATABASE_URL is not set: PostgreSQL run skipped."; fi

test-sqlite: $(STAMP)
	env -u DATABASE_URL $(BIN)/python -m pytest $(PYTEST_ARGS); status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests: failing."; exit 1; fi; exit $$status

test-postgres: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS); status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests: failing."; exit 1; fi; exit $$status

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy lotse

# Deployment checks with production-like settings, missing migrations, schema drift.
check: $(STAMP)
	LOTSE_DEV=false SECRET_KEY=ci-only-$$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n') \
	  LOTSE_DOCUMENT_KEY=$$($(BIN)/python -c 'import base64, os; print(base64.urlsafe_b64encode(os.urandom(32)).decode())') \
	  ALLOWED_HOSTS=lotse.example.org LOTSE_TLS=true LOTSE_SSL_REDIRECT=true \
	  $(LOTSE) check --deploy --fail-level WARNING
	$(LOTSE) makemigrations --check --dry-run
	$(LOTSE) spectacular --lang en --validate --fail-on-warn --file /tmp/lotse-openapi.yaml
	diff -u docs/openapi.yaml /tmp/lotse-openapi.yaml || \
	  (echo "docs/openapi.yaml is stale: run 'make schema'"; exit 1)

# Known vulnerabilities in the installed dependencies (pip-audit, PyPI's advisory
# data). AUDIT_STRICT=1 also fails when packages could not be looked up.
audit: $(STAMP)
	$(BIN)/python .ci/audit_dependencies.py

schema: $(STAMP)
	$(LOTSE) spectacular --lang en --validate --fail-on-warn --file docs/openapi.yaml

messages: $(STAMP)
	cd lotse && ../$(LOTSE) makemessages --locale de --no-obsolete --no-location
	cd lotse && ../$(LOTSE) compilemessages --locale de

bench: bench-synth bench-pathways
	$(LOTSE) bench

# Load test against `lotse serve` (PostgreSQL): USERS simulated staff for MINUTES.
# Smoke run: PERSONS=10000 USERS=10 MINUTES=1 make bench-load
bench-load: bench-synth
	$(LOTSE) benchload --users $${USERS:-50} --minutes $${MINUTES:-10} --spawn-rate $${SPAWN_RATE:-1}

bench-synth: $(STAMP)
	$(LOTSE) migrate --noinput
	$(LOTSE) synth --persons $${PERSONS:-1000000} --seed 1

# The pathway engine on synthetic facts documents, one core, no database.
bench-pathways: $(STAMP)
	$(LOTSE) bench_pathways --persons $${PATHWAY_PERSONS:-100000} --seed 1
# Batch linkage, ours beside stock Splink: generated files (SIZES) and FEBRL 1-4.
bench-linkage: $(STAMP)
	$(LOTSE) bench_linkage --sizes $${SIZES:-10000,100000}

# The service directory's filtered search: tops the directory up to SERVICES synthetic
# entries (needs a synthetic district: `make bench-synth` or `lotse synth` first).
bench-directory: $(STAMP)
	$(LOTSE) migrate --noinput
	$(LOTSE) bench_directory --services $${SERVICES:-20000} --queries $${QUERIES:-500}
# The referral inbox of an office holding REFERRALS referrals (PostgreSQL; builds its data once).
bench-referrals: $(STAMP)
	$(LOTSE) migrate --noinput
	$(LOTSE) bench_referrals --referrals $${REFERRALS:-50000}

# Many more generated worlds for the permission properties, with a fresh seed each run.
soak: $(STAMP)
	LOTSE_SOAK_EXAMPLES=$${EXAMPLES:-1000} $(BIN)/python -m pytest $(PYTEST_ARGS) \
	  lotse/access/tests/test_permission_properties.py -k matches
	LOTSE_SOAK=1 $(BIN)/python -m pytest lotse/core/tests/ops/test_database_restart.py

clean:
	rm -rf $(VENV) var build *.egg-info
