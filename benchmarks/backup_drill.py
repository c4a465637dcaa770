"""Backup/restore drill on PostgreSQL: dump a loaded database, restore it into a new one, and prove the copy.

    DATABASE_URL=postgres://zicht:zicht@127.0.0.1:5432/zicht python benchmarks/backup_drill.py

DATABASE_URL names the server and a role that may create databases; the drill makes two scratch
databases beside it (``--name``, with ``_restored``) and drops them at the end (``--keep`` keeps them).
Steps: migrate and load the demo data into the first; ``verify_audit_log`` there (which writes the
signed checkpoint outside the database); ``pg_dump --format=custom``; ``pg_restore`` into the
second; then on the restored copy ``verify_audit_log`` against that same checkpoint, the row count
and a content digest of every table, the value of every sequence, and a sample of every encrypted
field decrypted with the field keys and compared (by digest, never printed) with the original.
Prints a short report; exits non-zero on any mismatch. It runs in ``.ci/run``; target < 2 minutes.
``--tamper row|audit|key`` spoils the restored copy on purpose, to see the drill fail.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import _harness as h

# Runs inside a Django process: per encrypted model, decrypt the stored tokens of a sample of rows
# (every k-th primary key, the same rows in both databases) and digest the plaintexts.
DECRYPT_SAMPLE = """
import hashlib, json
from django.db import connection
from zicht.common.crypto import DecryptionError, decrypt_text
from zicht.common.key_rotation import encrypted_models
SAMPLE = {sample}
out = {{}}
for model, fields in encrypted_models():
    table, q = model._meta.db_table, connection.ops.quote_name
    columns = ", ".join(q(f.column) for f in fields)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {{q(model._meta.pk.column)}}, {{columns}} FROM {{q(table)}} ORDER BY 1")
        rows = cursor.fetchall()
    step = max(1, len(rows) // SAMPLE)
    digest, values, failed = hashlib.sha256(), 0, 0
    for row in rows[::step]:
        digest.update(str(row[0]).encode())
        for token in row[1:]:
            if not token:
                continue
            try:
                digest.update(decrypt_text(token).encode())
                values += 1
            except DecryptionError:
                failed += 1
    out[model._meta.label_lower] = {{"rows": len(rows[::step]), "values": values, "failed": failed,
                                     "digest": digest.hexdigest()}}
print(json.dumps(out))
"""


# Ways to spoil the restored copy, to show that the drill notices (``--tamper``).
TAMPER = {
    "row": [
        "UPDATE accounts_organization SET name = name || '.' WHERE id = (SELECT min(id) FROM accounts_organization)"
    ],
    "audit": [
        "ALTER TABLE audit_accesslogentry DISABLE TRIGGER USER",
        "UPDATE audit_accesslogentry SET object_id = object_id || '0' WHERE sequence = 2",
        "ALTER TABLE audit_accesslogentry ENABLE TRIGGER USER",
    ],
    "key": [],  # the restored copy is read with a field key that is not the original one
}


def table_figures(url: str) -> tuple[dict[str, tuple[int, str]], dict[str, int | None]]:
    """Row count and an order-independent content digest of every table; the value of every sequence."""
    import psycopg
    from psycopg import sql

    tables: dict[str, tuple[int, str]] = {}
    with psycopg.connect(url) as connection:
        names = [
            row[0]
            for row in connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            ).fetchall()
        ]
        for name in names:
            count, digest = connection.execute(
                sql.SQL(
                    "SELECT count(*), coalesce(md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))), '') FROM {} t"
                ).format(sql.Identifier(name))
            ).fetchone()  # type: ignore[misc]
            tables[name] = (int(count), str(digest))
        sequences = dict(
            connection.execute(
                "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'"
            ).fetchall()
        )
    return tables, sequences


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--name", default="zicht_backup_drill", help="scratch database name (and <name>_restored)")
    parser.add_argument("--sample", type=int, default=200, help="rows per encrypted model to decrypt")
    parser.add_argument("--keep", action="store_true", help="keep the scratch databases")
    parser.add_argument(
        "--tamper",
        action="append",
        choices=sorted(TAMPER),
        default=[],
        help="spoil the restored copy on purpose, to see the drill fail (may be repeated)",
    )
    args = parser.parse_args()

    started = time.perf_counter()
    source_name, restored_name = args.name, f"{args.name}_restored"
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as scratch:
        var = Path(scratch) / "var"
        keys = h.new_secrets()
        source_url = h.database_create(source_name)
        restored_url = h.database_create(restored_name)
        try:
            source = h.app_env(source_url, var, keys)
            restored_keys = keys
            if "key" in args.tamper:
                restored_keys = {**keys, "ZICHT_FIELD_KEYS": h.new_secrets()["ZICHT_FIELD_KEYS"]}
            restored = h.app_env(restored_url, var, restored_keys)
            print(f"Backup/restore drill on PostgreSQL ({source_name} -> {restored_name})")
            h.manage(source, "migrate", "--noinput")
            h.manage(source, "createcachetable")
            h.manage({**source, "DJANGO_DEBUG": "1"}, "create_demo_data")
            print(f"  loaded: migrations and demo data ({time.perf_counter() - started:.0f} s)")
            print("  source access log:  ", h.manage(source, "verify_audit_log").strip())

            dump = Path(scratch) / "zicht.dump"
            subprocess.run(
                ["pg_dump", "--format=custom", "--no-owner", f"--dbname={source_url}", f"--file={dump}"], check=True
            )
            subprocess.run(
                ["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={restored_url}", str(dump)], check=True
            )
            print(f"  dump {dump.stat().st_size / 1e6:.1f} MB, restored ({time.perf_counter() - started:.0f} s)")

            if args.tamper:
                with h.psycopg_connect(restored_url) as connection:
                    for statement in (s for kind in args.tamper for s in TAMPER[kind]):
                        connection.execute(statement)
                print(f"  tampered with the restored copy on purpose: {', '.join(args.tamper)}")

            # The checkpoint written above (outside both databases) must accept the restored chain.
            try:
                print("  restored access log:", h.manage(restored, "verify_audit_log", "--no-checkpoint").strip())
            except SystemExit as failure:
                problems.append(f"access log of the restored copy: {failure}")

            before_tables, before_sequences = table_figures(source_url)
            after_tables, after_sequences = table_figures(restored_url)
            for name in sorted(set(before_tables) | set(after_tables)):
                if before_tables.get(name) != after_tables.get(name):
                    problems.append(f"table {name}: {before_tables.get(name)} before, {after_tables.get(name)} after")
            moved = [name for name in before_sequences if before_sequences[name] != after_sequences.get(name)]
            problems += [f"sequence {name}: {before_sequences[name]} -> {after_sequences.get(name)}" for name in moved]
            rows = sum(count for count, _ in before_tables.values())
            same = sum(1 for name in before_tables if before_tables[name] == after_tables.get(name))
            print(f"  tables identical (count and content): {same}/{len(before_tables)}, {rows:,} rows")
            print(f"  sequences identical: {len(before_sequences) - len(moved)}/{len(before_sequences)}")

            code = DECRYPT_SAMPLE.format(sample=args.sample)
            before = json.loads(h.python(source, code))
            after = json.loads(h.python(restored, code))
            values = failed = 0
            for label, figures in after.items():
                values += figures["values"]
                failed += figures["failed"]
                if figures["failed"]:
                    problems.append(f"{label}: {figures['failed']} values cannot be decrypted")
                if figures != before.get(label):
                    problems.append(f"{label}: decrypted sample differs from the original")
            print(
                f"  encrypted fields: {values:,} values decrypted in {len(after)} models, {failed} failures, "
                f"{sum(after[m] == before.get(m) for m in after)}/{len(after)} samples equal to the original"
            )
        finally:
            if not args.keep:
                h.database_drop(source_name)
                h.database_drop(restored_name)
    elapsed = time.perf_counter() - started
    print(f"  time: {elapsed:.0f} s (target < 120 s), load average {h.load_average():.1f}")
    for problem in problems:
        print(f"MISMATCH {problem}", file=sys.stderr)
    print("Drill passed." if not problems else f"Drill FAILED: {len(problems)} mismatches.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
