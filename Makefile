# mod_mpcms: build the module, run it on localhost:9999, run the tests.
#
#   make            build .libs/mod_mpcms.so with apxs
#   make run        build, create the demo SQLite database if needed, and
#                   serve http://localhost:9999/ in the foreground
#   make reset-db   delete the demo database so that the next run recreates it
#   make test       unit tests (also under AddressSanitizer) and integration
#                   tests against a real httpd, on SQLite and on a private
#                   PostgreSQL server that the tests start themselves
#   make migrate DRIVER=pgsql PARAMS='host=... dbname=...'
#                   apply the pending schema migrations with mpcms-admin
#   make bench      requests per second of a page against a static file
#   make clean      remove build output

include apxs.mk

MODULE := .libs/mod_mpcms.so
GLUE_SRC := mod_mpcms.c $(wildcard src/mod_mpcms_*.c)
CORE_SRC := $(filter-out $(wildcard src/mod_mpcms_*.c),$(wildcard src/*.c))
# Migrations run whole SQL files through libsqlite3 and libpq; only
# mpcms-admin and the unit tests link these files.
SCRIPT_SRC := src/script.c src/migrate.c src/upgrade.c
MODULE_CORE_SRC := $(filter-out $(SCRIPT_SRC),$(CORE_SRC))
HEADERS := $(wildcard src/*.h)
UNIT_SRC := $(wildcard tests/unit/*.c)
ADMIN := build/mpcms-admin

# Runtime files of `make run` (database, pid file, logs). They live outside
# the checkout because httpd's unprivileged user must reach them.
RUN_DIR ?= /var/tmp/mpcms-dev
PORT ?= 9999

# Database of `make migrate`: the values of DBDriver and DBDParams.
DRIVER ?= sqlite3
PARAMS ?= $(RUN_DIR)/mpcms.db

.PHONY: valgrind all deps run reset-db migrate test test-unit test-asan \
	test-integration bench format format-check clean

all: deps-build $(MODULE) $(ADMIN)

deps-build:
	@scripts/deps.sh build

$(MODULE): $(GLUE_SRC) $(CORE_SRC) $(HEADERS) Makefile apxs.mk
	$(APXS) -c -o mod_mpcms.so $(APXS_CFLAGS) $(GLUE_SRC) $(MODULE_CORE_SRC) $(APXS_LIBS)

# The SQL files are read at run time from the checkout's sql/ unless
# --sql-dir names another folder.
$(ADMIN): tools/mpcms_admin.c $(CORE_SRC) $(HEADERS) Makefile apxs.mk
	@mkdir -p $(dir $@)
	$(CC) $(TOOL_CFLAGS) -DMPCMS_SQL_DIR='"$(CURDIR)/sql"' -o $@ \
		tools/mpcms_admin.c $(CORE_SRC) $(TOOL_LIBS)

migrate: deps-build $(ADMIN)
	$(ADMIN) migrate --driver '$(DRIVER)' --params '$(PARAMS)'

run: all
	@scripts/deps.sh run
	RUN_DIR=$(RUN_DIR) PORT=$(PORT) scripts/run-dev.sh

# A running httpd would keep serving the deleted file, so it must stop first.
reset-db:
	@pid=$$(cat $(RUN_DIR)/httpd.pid 2>/dev/null || true); \
	if [ -n "$$pid" ] && kill -0 "$$pid" 2>/dev/null; then \
		echo "reset-db: httpd (pid $$pid) is running on $(RUN_DIR)/mpcms.db;" \
			"stop make run (Ctrl-C) first" >&2; \
		exit 1; \
	fi
	rm -f $(RUN_DIR)/mpcms.db $(RUN_DIR)/mpcms.db-wal $(RUN_DIR)/mpcms.db-shm

build/unit/tests: $(CORE_SRC) $(UNIT_SRC) $(HEADERS) $(wildcard tests/unit/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(UNIT_CFLAGS) -o $@ $(UNIT_SRC) $(CORE_SRC) $(UNIT_LIBS)

build/asan/tests: $(CORE_SRC) $(UNIT_SRC) $(HEADERS) $(wildcard tests/unit/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(UNIT_CFLAGS) $(ASAN_CFLAGS) -o $@ $(UNIT_SRC) $(CORE_SRC) $(UNIT_LIBS)

test: format-check test-unit test-asan test-integration

# The database tests run on SQLite and on a private PostgreSQL server that
# scripts/with-test-pgsql.sh starts, passes in MPCMS_TEST_PGSQL and stops.
test-unit: deps-test build/unit/tests
	scripts/with-test-pgsql.sh sh -c 'cd tests/unit && ../../build/unit/tests'

# APR pools hide most pool misuse from ASan; it still sees what jansson,
# libxml2 and plain malloc do, and every out-of-bounds read on a buffer.
test-asan: deps-test build/asan/tests
	scripts/with-test-pgsql.sh sh -c 'cd tests/unit && \
		ASAN_OPTIONS=detect_leaks=1 ../../build/asan/tests'

test-integration: deps-test all
	/usr/bin/python3 -m pytest -q tests/integration $(PYTEST_ARGS)

deps-test:
	@scripts/deps.sh build run test postgres

bench: all
	@scripts/deps.sh run bench
	/usr/bin/python3 scripts/bench.py

# The module as one httpd process under memcheck, on SQLite and PostgreSQL.
valgrind: deps-test all
	@scripts/deps.sh valgrind
	/usr/bin/python3 scripts/valgrind.py

format:
	clang-format -i mod_mpcms.c src/*.c src/*.h tools/*.c tests/unit/*.c tests/unit/*.h

format-check: deps-test
	clang-format --dry-run --Werror mod_mpcms.c src/*.c src/*.h tools/*.c tests/unit/*.c tests/unit/*.h

clean:
	rm -rf .libs build src/.libs tests/integration/__pycache__ \
		*.la *.lo *.slo *.o src/*.la src/*.lo src/*.slo src/*.o
