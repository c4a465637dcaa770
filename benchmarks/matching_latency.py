"""Match latency of a new involvement registration against 1,000,000 registered keys.

    python benchmarks/matching_latency.py [--keys 1000000] [--lookups 2000]
    DATABASE_URL=postgres://... python benchmarks/matching_latency.py

Creates a throw-away test database (SQLite in memory, or ``test_<name>`` on PostgreSQL), bulk
inserts the keys with raw ``executemany`` (200,000 registrations with 5 keys each), then times
(a) the match lookup for a new registration's keys and (b) the whole registration service
(keys, insert, lookup, audit entry). Target: p99 of the lookup under 5 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import secrets
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("ZICHT_ENV", "test")

KINDS = ("bsn", "name_dob", "phonetic_dob", "name_dob_swapped", "given_dob")


def letters(i: int) -> str:
    """A distinct letters-only surname per number (digits would be normalised away)."""
    return "".join(chr(97 + (i // 26**k) % 26) for k in range(5)).capitalize()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> None:
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment
    from django.utils import timezone

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keys", type=int, default=1_000_000)
    parser.add_argument("--lookups", type=int, default=2000)
    parser.add_argument("--registrations", type=int, default=300)
    args = parser.parse_args()

    setup_test_environment()
    start = time.perf_counter()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    print(f"Test database created in {time.perf_counter() - start:.1f} s", flush=True)
    try:
        from zicht.accounts.constants import OrganizationKind
        from zicht.accounts.models import Membership, Organization, User
        from zicht.common.pseudonyms import key_id
        from zicht.common.roles import Role
        from zicht.matching.models import Involvement
        from zicht.matching.services import Identity, _candidate_evidence, identity_keys, involvement_register

        orgs = [
            Organization.objects.create(name=f"Org {i}", kind=OrganizationKind.POLICE, municipality="Den Haag")
            for i in range(20)
        ]
        user = User.objects.create(username="bench", email="bench@example.org")
        Membership.objects.create(user=user, organization=orgs[0], role=Role.PARTNER)
        current = key_id()
        now = timezone.now()
        expires = now + dt.timedelta(days=730)
        registrations = args.keys // len(KINDS)
        start = time.perf_counter()
        inv_table = Involvement._meta.db_table
        key_table = "matching_involvementkey"
        batch = 50_000
        with connection.cursor() as cursor:
            # Load first, index after (as a bulk load would); the index is the one the app uses.
            cursor.execute("DROP INDEX involvementkey_kind_value")
            for offset in range(0, registrations, batch):
                size = min(batch, registrations - offset)
                cursor.executemany(
                    f"INSERT INTO {inv_table} (organization_id, contact_id, channel, source_case_id, key_id, "
                    f"registered_at, expires_at, withdrawn_at) VALUES (%s, NULL, 'api', NULL, %s, %s, %s, NULL)",
                    [(orgs[(offset + i) % len(orgs)].pk, current, now, expires) for i in range(size)],
                )
            cursor.execute(f"SELECT id FROM {inv_table} ORDER BY id")
            ids = [r[0] for r in cursor.fetchall()]
            for offset in range(0, len(ids), batch):
                cursor.executemany(
                    f"INSERT INTO {key_table} (involvement_id, kind, value) VALUES (%s, %s, %s)",
                    [(pk, kind, secrets.token_hex(32)) for pk in ids[offset : offset + batch] for kind in KINDS],
                )
            cursor.execute(f"CREATE INDEX involvementkey_kind_value ON {key_table} (kind, value)")
            if connection.vendor == "postgresql":
                cursor.execute(f"ANALYZE {inv_table}; ANALYZE {key_table}")
            else:
                cursor.execute("ANALYZE")
            cursor.execute(f"SELECT count(*) FROM {key_table}")
            total_keys = cursor.fetchone()[0]
        load_seconds = time.perf_counter() - start
        print(f"  load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print(
            f"Database: {connection.vendor}; {total_keys} keys of {len(ids)} registrations loaded in "
            f"{load_seconds:.1f} s"
        )

        import gc

        gc.collect()
        gc.disable()  # time the database, not the collector
        probe = Involvement.objects.filter(organization=orgs[0]).first()
        lookups, lookups_cpu = [], []
        for i in range(args.lookups):
            identity = Identity(
                bsn="",
                given_names="Sanne",
                family_name="Berg" + letters(i),
                date_of_birth=dt.date(2008, 1 + i % 12, 1 + i % 28),
            )
            keys = identity_keys(identity)
            t, c = time.perf_counter(), time.process_time()
            _candidate_evidence(keys=keys, involvement=probe, now=now)
            lookups.append((time.perf_counter() - t) * 1000)
            lookups_cpu.append((time.process_time() - c) * 1000)
        full = []
        for i in range(args.registrations):
            identity = Identity(
                given_names="Daan",
                family_name="Visser" + letters(i),
                date_of_birth=dt.date(2007, 1 + i % 12, 1 + i % 28),
            )
            t = time.perf_counter()
            involvement_register(
                organization=orgs[1 + i % 5], contact=None, identity=identity, actor=user, channel="api"
            )
            full.append((time.perf_counter() - t) * 1000)
        print(f"  {'match lookup p50 (ms)':<40} {percentile(lookups, 0.5):>8.2f}")
        print(f"  {'match lookup p99 (ms)':<40} {percentile(lookups, 0.99):>8.2f}   target < 5")
        if connection.vendor == "sqlite":  # in-process: CPU time excludes waiting for a busy machine
            print(
                f"  {'match lookup CPU time p50 / p99 (ms)':<40} {percentile(lookups_cpu, 0.5):>8.2f} / "
                f"{percentile(lookups_cpu, 0.99):.2f}"
            )
        print(
            f"  {'whole registration p50 (ms)':<40} {percentile(full, 0.5):>8.2f}   (keys, inserts, lookup, audit "
            f"entry)"
        )
        print(f"  {'whole registration p99 (ms)':<40} {percentile(full, 0.99):>8.2f}")
        print(
            f"  {'lookups / registrations timed':<40} {len(lookups):>8} / {len(full)}  mean lookup "
            f"{statistics.mean(lookups):.2f} ms"
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
