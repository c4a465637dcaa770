#!/bin/sh
# Static checks run by CI beside the tests: lint and format (ruff), types (mypy with django-stubs),
# migrations that match the models, and a complete Dutch catalogue.
. "$(dirname "$0")/bootstrap.sh"
export ZICHT_ENV=test
echo "== ruff check"
.venv/bin/ruff check .
echo "== ruff format --check"
.venv/bin/ruff format --check .
echo "== mypy"
PYTHONPATH=. .venv/bin/mypy
echo "== makemigrations --check"
.venv/bin/python manage.py makemigrations --check --dry-run
echo "== catalogue check"
.venv/bin/python scripts/messages.py check
