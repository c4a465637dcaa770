"""Access-log chain: write rate, full verification, and the access-log page's incremental check.

    python benchmarks/audit_chain_bench.py                       # 200,000 entries, SQLite (in-memory test database)
    python benchmarks/audit_chain_bench.py --entries 1000000
    DATABASE_URL=postgres://user:pass@host:5432/zicht_bench python benchmarks/audit_chain_bench.py

The chain is built with the same MAC function as the writer (``entry_digest``) and bulk-inserted;
then 500 entries are written through ``access_log_record`` (the real path, head lock included),
the whole chain is verified from entry 1 (the daily job) and, after 50 more entries, verified
incrementally (what the access-log page does on every view).
Targets: full verification >= 20,000 entries/s (a year of a large municipality's log, ~1,000,000
entries, in under a minute); incremental check < 50 ms; writes >= 100/s (far above the peak of
page views that read personal data). The load average is printed: on a shared machine the
figures are time spent waiting for a CPU as much as work.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("ZICHT_ENV", "test")


def row(label: str, value: str, target: str = "") -> None:
    print(f"  {label:<44} {value:>18}   {target}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=200_000)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        with tempfile.TemporaryDirectory() as anchor:
            settings.AUDIT_CHECKPOINT_PATH = str(Path(anchor) / "audit-checkpoint.json")
            run(args.entries)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def run(n: int) -> None:
    from django.db import connection
    from django.utils import timezone

    from zicht.accounts.constants import OrganizationKind
    from zicht.accounts.services import organization_create, user_create_with_membership
    from zicht.audit.chain import entry_digest
    from zicht.audit.constants import AccessAction, Purpose
    from zicht.audit.models import GENESIS_HASH, AccessLogEntry, AuditChainHead
    from zicht.audit.services import access_log_record
    from zicht.audit.verification import audit_chain_verify, forget_verified
    from zicht.common.roles import Role

    org = organization_create(name="Bench", kind=OrganizationKind.SUPPORT, municipality="Bench")
    user = user_create_with_membership(username="bench", password=None, organization=org, role=Role.SUPPORT_WORKER)
    print(f"Access-log chain benchmark: {n:,} entries on {connection.vendor}, load average {os.getloadavg()[0]:.1f}")
    started = time.perf_counter()
    prev, now, batch = GENESIS_HASH, timezone.now(), []
    for sequence in range(1, n + 1):
        values = {
            "sequence": sequence,
            "created_at": now,
            "actor_id": user.pk,
            "actor_username": user.username,
            "organization_id_snapshot": org.pk,
            "role": Role.SUPPORT_WORKER,
            "action": AccessAction.READ,
            "object_type": "cases.case",
            "object_id": str(sequence % 5000),
            "purpose": Purpose.SUPPORT,
            "prev_hash": prev,
        }
        prev = entry_digest(values)
        batch.append(AccessLogEntry(entry_hash=prev, **values))
        if len(batch) == 20_000:
            AccessLogEntry.objects.bulk_create(batch)
            batch = []
    AccessLogEntry.objects.bulk_create(batch)
    AuditChainHead.objects.update_or_create(pk=1, defaults={"last_sequence": n, "last_hash": prev})
    row("build (MAC + bulk insert)", f"{time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    for _ in range(500):
        access_log_record(
            user=user, action=AccessAction.READ, purpose=Purpose.SUPPORT, object_type="cases.case", object_id=1
        )
    rate = 500 / (time.perf_counter() - started)
    row(
        "writes through access_log_record", f"{rate:,.0f} /s", f"target >= 100/s: {'met' if rate >= 100 else 'NOT met'}"
    )

    forget_verified()
    started = time.perf_counter()
    report = audit_chain_verify(full=True)
    elapsed = time.perf_counter() - started
    assert report.intact, report.message
    rate = report.entries_checked / elapsed
    row(
        "full verification (daily job)",
        f"{elapsed:.2f} s",
        f"{rate:,.0f} entries/s; target >= 20,000/s: {'met' if rate >= 20_000 else 'NOT met'}",
    )

    for _ in range(50):
        access_log_record(
            user=user, action=AccessAction.READ, purpose=Purpose.SUPPORT, object_type="cases.case", object_id=2
        )
    timings = []
    for _ in range(20):
        started = time.perf_counter()
        assert audit_chain_verify().intact
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p95 = timings[int(0.95 * (len(timings) - 1))]
    row(
        "incremental check (access-log page), p95",
        f"{p95:.1f} ms",
        f"target < 50 ms: {'met' if p95 < 50 else 'NOT met'}",
    )


if __name__ == "__main__":
    main()
