#!/bin/sh
# Install, migrate the embedded SQLite database, load demo data and serve on 127.0.0.1:8000.
. "$(dirname "$0")/bootstrap.sh"
export ZICHT_ENV="${ZICHT_ENV:-development}"
.venv/bin/python manage.py migrate --noinput -v 0
.venv/bin/python manage.py createcachetable
.venv/bin/python manage.py create_demo_data --if-empty
exec .venv/bin/python manage.py runserver 127.0.0.1:8000
