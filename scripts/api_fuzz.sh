#!/usr/bin/env bash
# Fuzz the partner API with schemathesis against a real server: gunicorn (two workers) on a fresh
# PostgreSQL database, a valid API token, FUZZ_EXAMPLES (default 200) generated cases per operation
# in the examples, coverage and fuzzing phases. Fails on a 5xx, a status code the OpenAPI document
# does not list, or a response that does not match its schema or has the wrong content type.
# (Requests the schema allows but the rules refuse, such as a registration without a BSN or a name
# and date of birth, get a documented 422; positive_data_acceptance would count those.)
#
#   FUZZ_DATABASE_URL  default postgres://zicht:zicht@127.0.0.1:5432/zicht_fuzz (dropped and made anew)
#   FUZZ_EXAMPLES      cases per operation, default 200
#   FUZZ_PORT          default 8765
#   FUZZ_SEED          schemathesis seed (default: random; the run prints it)
#   FUZZ_ARGS          further st run options, e.g. "--include-path /api/v1/involvements"
#   PYTHON             default .venv/bin/python
# Reports (JUnit XML and the run's NDJSON events) go to var/api-fuzz/.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
BIN=$(dirname "$PYTHON")
export DATABASE_URL=${FUZZ_DATABASE_URL:-postgres://zicht:zicht@127.0.0.1:5432/zicht_fuzz}
export ZICHT_ENV=test DJANGO_LOG_LEVEL=WARNING
export PYTHONPATH="$PWD:$PWD/packages/recapture/src${PYTHONPATH:+:$PYTHONPATH}"
# One set of secrets for all workers (test mode would otherwise make new ones in each process).
DJANGO_SECRET_KEY=$("$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(50))')
ZICHT_FIELD_KEYS=$("$PYTHON" -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')
ZICHT_PSEUDONYM_KEY=$("$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(32))')
ZICHT_AUDIT_KEY=$("$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(32))')
export DJANGO_SECRET_KEY ZICHT_FIELD_KEYS ZICHT_PSEUDONYM_KEY ZICHT_AUDIT_KEY
port=${FUZZ_PORT:-8765}
examples=${FUZZ_EXAMPLES:-200}
reports=var/api-fuzz
mkdir -p "$reports"
rm -f "$reports/access.log"

echo "== fresh database"
"$PYTHON" - <<'EOF'
import os

import dj_database_url
import psycopg

cfg = dj_database_url.parse(os.environ["DATABASE_URL"])
admin = {"host": cfg["HOST"], "port": cfg["PORT"] or 5432, "user": cfg["USER"], "password": cfg["PASSWORD"]}
with psycopg.connect(**admin, dbname="postgres", autocommit=True) as conn:
    conn.execute(f'DROP DATABASE IF EXISTS "{cfg["NAME"]}" WITH (FORCE)')
    conn.execute(f'CREATE DATABASE "{cfg["NAME"]}"')
EOF
"$PYTHON" manage.py migrate --noinput -v 0
"$PYTHON" manage.py createcachetable
token=$("$PYTHON" manage.py shell -v 0 -c '
from zicht.accounts.models import Organization
from zicht.api.framework import api_token_create
org = Organization.objects.create(name="Politie (fuzz)", kind="police", municipality="Den Haag")
print(api_token_create(organization=org)[1])
')

echo "== server on 127.0.0.1:$port"
"$BIN/gunicorn" config.wsgi:application --bind "127.0.0.1:$port" --workers 2 --log-level warning \
    --error-logfile "$reports/server.log" --access-logfile "$reports/access.log" &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT
"$PYTHON" - "http://127.0.0.1:$port/readyz" <<'EOF'
import sys
import time
import urllib.request

for _ in range(60):
    try:
        urllib.request.urlopen(sys.argv[1], timeout=2)
        break
    except OSError:
        time.sleep(0.5)
else:
    sys.exit("the server did not become ready")
EOF

echo "== schemathesis: $examples cases per operation"
started=$(date +%s)
SCHEMATHESIS_HOOKS=scripts.api_fuzz_hooks "$BIN/st" run "http://127.0.0.1:$port/api/v1/openapi.json" \
    --header "Authorization: Bearer $token" \
    --max-examples "$examples" \
    --phases examples,coverage,fuzzing \
    --checks not_a_server_error,status_code_conformance,response_schema_conformance,content_type_conformance \
    --workers 1 --continue-on-failure \
    ${FUZZ_SEED:+--seed "$FUZZ_SEED"} \
    --suppress-health-check all \
    --request-timeout 30 --generation-database none \
    --report junit,ndjson --report-dir "$reports" \
    --no-color ${FUZZ_ARGS:-}
echo "== requests per operation and status, as the server logged them ($reports/access.log)"
kill "$server"; wait "$server" 2>/dev/null || true
"$PYTHON" - "$reports/access.log" <<'EOF'
import collections
import re
import sys

counts: collections.Counter[tuple[str, str]] = collections.Counter()
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    found = re.search(r'"(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|TRACE) (/api/v1/[^ ?"]*)[^"]*" (\d{3})', line)
    if found:
        method, path, status = found.groups()
        path = re.sub(r"^/api/v1/involvements/[^/]+/withdraw$", "/api/v1/involvements/{id}/withdraw", path)
        counts[(f"{method} {path}", status)] += 1
for operation in sorted({op for op, _status in counts}):
    by_status = {status: n for (op, status), n in sorted(counts.items()) if op == operation}
    print(f"{operation:45} {sum(by_status.values()):5}  {by_status}")
fives = sum(n for (_op, status), n in counts.items() if status.startswith("5"))
print(f"5xx responses: {fives}")
sys.exit(1 if fives else 0)
EOF
echo "== done in $(( $(date +%s) - started )) s; server log: $reports/server.log"
