#!/bin/sh
# Run the whole test suite (SQLite by default; set DATABASE_URL for PostgreSQL).
. "$(dirname "$0")/bootstrap.sh"
export ZICHT_ENV=test
exec .venv/bin/python -m pytest -n "${ZICHT_TEST_WORKERS:-2}" "$@"
