"""Home-page work queues: how long the counts of one home page take on a large registry.

    python benchmarks/home_queues_bench.py                                 # 100,000 concerns, 20,000 referrals, SQLite
    python benchmarks/home_queues_bench.py --concerns 500000 --referrals 100000
    DATABASE_URL=postgres://user:pass@host:5432/zicht_bench python benchmarks/home_queues_bench.py

Concerns are spread over five support organisations (all statuses and urgencies), each with the
action framework's triage route (three steps with their norms, about half of them done), referrals over
three partner organisations (proposed, answered recently and long ago). Then ``home_queues_for``
(every count of the home page, through the same selectors as the lists) is timed for a support
worker and for a partner. Target: p95 < 100 ms per home page. The load average is printed: on a
shared machine the figures are time spent waiting for a CPU as much as work.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("ZICHT_ENV", "test")

TARGET_MS = 100.0


def row(label: str, value: str, target: str = "") -> None:
    print(f"  {label:<44} {value:>18}   {target}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--concerns", type=int, default=100_000)
    parser.add_argument("--referrals", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=100)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run(args.concerns, args.referrals, args.runs)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def _timed(function, runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), statistics.quantiles(times, n=20)[18]


def run(n_concerns: int, n_referrals: int, runs: int) -> None:
    from django.db import connection
    from django.utils import timezone
    from django.utils.module_loading import import_string

    from zicht.accounts.constants import OrganizationKind
    from zicht.accounts.services import organization_create, user_create_with_membership
    from zicht.cases.constants import CaseStatus, LegalBasis, ReferralPurpose, ReferralStatus, VictimStatus
    from zicht.cases.models import Case, Referral
    from zicht.common.queues import home_queues_for
    from zicht.common.roles import Role
    from zicht.concerns.constants import ConcernChannel, ConcernStatus, ReporterSector, Urgency
    from zicht.concerns.models import Concern
    from zicht.framework.constants import RouteKind
    from zicht.framework.models import Route, RouteStep
    from zicht.framework.selectors import framework_version_current
    from zicht.people.models import YoungPerson

    rng = random.Random(1)
    now = timezone.now()
    print(
        f"Home-page queues: {n_concerns:,} concerns, {n_referrals:,} referrals on {connection.vendor}, "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    support = [
        organization_create(name=f"Steunpunt {i}", kind=OrganizationKind.SUPPORT, municipality="Bench")
        for i in range(5)
    ]
    partners = [
        organization_create(name=f"Partner {i}", kind=OrganizationKind.POLICE, municipality="Bench") for i in range(3)
    ]
    worker = user_create_with_membership(
        username="worker", password=None, organization=support[0], role=Role.SUPPORT_WORKER
    )
    partner = user_create_with_membership(
        username="partner", password=None, organization=partners[0], role=Role.PARTNER
    )

    started = time.perf_counter()
    statuses, urgencies = ConcernStatus.values, Urgency.values
    version = framework_version_current()
    assert version is not None
    triage_steps = list(version.steps.filter(route_kind=RouteKind.TRIAGE).order_by("order"))

    def flush(concerns: list) -> None:
        """Each concern with its triage route: steps due by their norm, about half of them done."""
        routes, steps = [], []
        for c in concerns:
            route = Route(
                version=version, kind=RouteKind.TRIAGE, organization=c.handling_organization, started_at=c.received_at
            )
            for step in triage_steps:
                due = route.started_at + step.norm if step.norm else None
                done = rng.random() < 0.5
                steps.append(RouteStep(route=route, step=step, due_at=due, completed_at=due if done else None))
                if due is not None and not done and (route.next_due_at is None or due < route.next_due_at):
                    route.next_due_at = due
            routes.append(route)
        Route.objects.bulk_create(routes)
        RouteStep.objects.bulk_create(steps, batch_size=20_000)
        for concern, route in zip(concerns, routes, strict=True):
            concern.triage_route = route
        Concern.objects.bulk_create(concerns)

    batch = []
    for i in range(n_concerns):
        received = now - datetime.timedelta(minutes=rng.randrange(60 * 24 * 365 * 5))
        batch.append(
            Concern(
                received_at=received,
                channel=ConcernChannel.values[0],
                reporter_sector=ReporterSector.values[0],
                handling_organization=support[i % len(support)],
                status=rng.choice(statuses),
                urgency=rng.choice(urgencies),
                first_contact_at=received if rng.random() < 0.5 else None,
            )
        )
        if len(batch) == 20_000:
            flush(batch)
            batch = []
    flush(batch)

    person = YoungPerson.objects.create(organization=support[0], given_names="Bench", family_name="Mark")
    cases = [
        Case.objects.create(
            organization=org,
            young_person=person,
            opened_at=now,
            registration_year=now.year,
            status=CaseStatus.INTAKE,
            victim_status=VictimStatus.POSSIBLE,
        )
        for org in support
    ]
    referrals = []
    for i in range(n_referrals):
        created = now - datetime.timedelta(days=rng.randrange(5 * 365))
        status = rng.choice(ReferralStatus.values)
        answered = status != ReferralStatus.PROPOSED
        referrals.append(
            Referral(
                case=cases[i % len(cases)],
                to_organization=partners[i % len(partners)],
                purpose=ReferralPurpose.values[0],
                legal_basis=LegalBasis.LEGAL_OBLIGATION,
                status=status,
                created_by=worker,
                created_at=created,
                responded_at=now - datetime.timedelta(days=rng.randrange(60)) if answered else None,
            )
        )
    Referral.objects.bulk_create(referrals, batch_size=5_000)
    row("build (bulk insert)", f"{time.perf_counter() - started:.1f} s")

    for label, user in (("support worker home page", worker), ("partner home page", partner)):
        counts = {item.key: item.count for item in home_queues_for(user)}
        p50, p95 = _timed(lambda user=user: home_queues_for(user), runs)
        row(
            f"{label}: p50 / p95",
            f"{p50:.1f} / {p95:.1f} ms",
            f"target p95 < {TARGET_MS:.0f} ms: {'met' if p95 < TARGET_MS else 'NOT met'}",
        )
        print(f"    counts: {counts}")
        for path in _queue_functions():
            p50, _ = _timed(lambda path=path, user=user: import_string(path)(user=user), max(runs // 5, 5))
            print(f"    {path.rsplit('.', 1)[-1]:<40} p50 {p50:6.1f} ms")


def _queue_functions() -> list[str]:
    from django.apps import apps

    return [path for config in apps.get_app_configs() for path in getattr(config, "home_queues", ())]


if __name__ == "__main__":
    main()
