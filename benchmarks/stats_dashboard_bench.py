"""Statistics dashboards over 1,000,000 synthetic cases: first and cached requests per page.

Targets: the first request of a period p95 < 500 ms, cached requests p95 < 100 ms.

    ZICHT_ENV=test python benchmarks/stats_dashboard_bench.py --cases 1000000
    ZICHT_ENV=test python benchmarks/stats_dashboard_bench.py --cases 100000      # quick run
    DATABASE_URL=postgres://... ZICHT_ENV=test python benchmarks/stats_dashboard_bench.py

Always runs on a throw-away SQLite file database; when DATABASE_URL points to PostgreSQL it also
runs on a throw-away PostgreSQL database (``test_<name>``, dropped afterwards). Each backend runs
in its own process. The data (young people, cases with 1-3 forms of exploitation, concerns,
referrals, support actions, trainings, walk-in counts) is inserted with ``executemany`` in
batches, so the statistics tallies the services keep with their writes are then filled by the
full recount (``rebuild_stats_summaries``, timed). Pages are requested with the Django test
client as a logged-in analyst (protected figures of all organisations): first ``--runs``
requests per page each for a period never asked before (random start and end: nothing cached,
every figure and its previous-period figure summed from the tallies and protected; the charts'
pictures are then fetched from their own URLs, each timed as a request of its own), then
``--runs`` requests of the default period after one warming request (the in-process caches).
``--without-stats-indexes`` drops the former covering indexes on the case tables first (the
figures no longer read them).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("ZICHT_ENV", "test")

TARGET_FIRST_MS = 500.0
TARGET_CACHED_MS = 100.0
PAGES = ("dashboard", "concerns", "cases", "outreach")
CHART_SRC = re.compile(r'<img class="chart" src="([^"]+)"')
BATCH = 50_000

# The statistics indexes of the cases and concerns migrations (dropped with --without-stats-indexes).
STATS_INDEXES = (
    "case_stats_opened_idx",
    "case_stats_closed_idx",
    "referral_stats_idx",
    "support_action_stats_idx",
    "concern_stats_idx",
)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=20, help="requests per page and phase")
    parser.add_argument("--only", choices=("sqlite", "postgresql"), help="run one backend only")
    parser.add_argument("--without-stats-indexes", action="store_true", help="drop the statistics indexes first")
    parser.add_argument("--child", choices=("sqlite", "postgresql"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.without_stats_indexes:
        os.environ["STATS_BENCH_WITHOUT_INDEXES"] = "1"  # read by the child processes
    if args.child:
        run_backend(args.child, args.cases, args.runs)
        return
    backends = ["sqlite"]
    if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        backends.append("postgresql")
    else:
        print("DATABASE_URL does not point to PostgreSQL: SQLite only.", flush=True)
    if args.only:
        backends = [b for b in backends if b == args.only]
    for backend in backends:
        env = dict(os.environ)
        command = [sys.executable, __file__, "--child", backend, "--cases", str(args.cases), "--runs", str(args.runs)]
        if backend == "sqlite":
            with tempfile.TemporaryDirectory() as folder:
                env["DATABASE_URL"] = f"sqlite:///{folder}/stats-bench.sqlite3"
                subprocess.run(command, env=env, check=True)
        else:
            subprocess.run(command, env=env, check=True)


def run_backend(backend: str, n_cases: int, runs: int) -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    # The table cache is off in the test settings; the benchmark measures it as deployed.
    settings.ZICHT_STATS_CACHE_SECONDS = 300
    old_name = None
    started = time.perf_counter()
    if backend == "postgresql":
        old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    else:
        call_command("migrate", verbosity=0)
    print(f"\n== {connection.vendor}: database ready in {time.perf_counter() - started:.1f} s", flush=True)
    try:
        started = time.perf_counter()
        from django.db import transaction

        with transaction.atomic():
            analyst = load(n_cases)
        print(f"   {n_cases:,} cases loaded in {time.perf_counter() - started:.1f} s", flush=True)
        started = time.perf_counter()
        from zicht.common.models import Tally
        from zicht.stats.summaries import summaries_rebuild

        summaries_rebuild()
        print(
            f"   statistics tallies filled by the full recount in {time.perf_counter() - started:.1f} s "
            f"({Tally.objects.count():,} rows)",
            flush=True,
        )
        analyse(connection)
        if os.environ.get("STATS_BENCH_PROFILE"):
            profile(analyst)
        phase = "with statistics indexes"
        if os.environ.get("STATS_BENCH_WITHOUT_INDEXES"):
            with connection.cursor() as cursor:
                for name in STATS_INDEXES:
                    cursor.execute(f"DROP INDEX {name}")
            analyse(connection)
            phase = "without statistics indexes"
        figures = {phase: time_figures()}
        results = {phase: time_pages(analyst, runs)}
        report(connection.vendor, n_cases, runs, results)
        print("   counting one figure in the database (default period, all organisations), ms:")
        print(f"   {'figure':<28} " + " ".join(f"{name:>26}" for name in figures))
        for key in figures[phase]:
            print(f"   {key:<28} " + " ".join(f"{figures[phase][key]:>22.1f}" for phase in figures))
    finally:
        if old_name is not None:
            connection.creation.destroy_test_db(old_name, verbosity=0)


def analyse(connection) -> None:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _random_periods(count: int, rng: random.Random) -> list[tuple[dt.date, dt.date]]:
    """Distinct periods of 1 month to 3 years within the data's ten years."""
    today = dt.date.today()
    first = dt.date(today.year - 10, 1, 1)
    periods: set[tuple[dt.date, dt.date]] = set()
    while len(periods) < count:
        start = first + dt.timedelta(days=rng.randrange((today - first).days - 31))
        end = min(today, start + dt.timedelta(days=rng.randrange(30, 3 * 365)))
        periods.add((start, end))
    return sorted(periods)


def time_pages(analyst, runs: int) -> dict[str, dict[str, list[float]]]:
    """Per page: ``first`` (each request a new period), ``figures`` (a new period: the page's figures
    through the publication path only, without charts and template) and ``cached`` (the default
    period, warmed)."""
    from django.test import Client
    from django.urls import reverse

    from zicht.accounts.tests.factories import login_verified
    from zicht.stats import cache, charts, disclosure
    from zicht.stats.selectors import stats_table_for_user
    from zicht.stats.views import PAGES as PAGE_KEYS

    client = Client()
    login_verified(client, analyst)
    # start cold: no computed table, protected table or chart from an earlier phase
    cache.clear()
    disclosure._protect_cached.cache_clear()
    charts._svg_cached.cache_clear()
    periods = iter(_random_periods(2 * runs * len(PAGES), random.Random(11)))

    def get(url: str) -> float:
        return fetch(url)[0]

    def fetch(url: str) -> tuple[float, str]:
        started = time.perf_counter()
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return (time.perf_counter() - started) * 1000, response.content.decode("utf-8", errors="replace")

    timings: dict[str, dict[str, list[float]]] = {}
    for page in PAGES:
        url = reverse(f"stats:{page}")
        first, chart, complete = [], [], []
        for _ in range(runs):
            start, end = next(periods)
            page_ms, html = fetch(f"{url}?start={start.isoformat()}&end={end.isoformat()}")
            first.append(page_ms)
            # the pictures the browser then fetches, each on its own request (here one after another)
            drawn = [get(src.replace("&amp;", "&")) for src in CHART_SRC.findall(html)]
            chart.extend(drawn)
            complete.append(page_ms + sum(drawn))
        figures = []
        for _ in range(runs):
            start, end = next(periods)
            started = time.perf_counter()
            for key in PAGE_KEYS[page][1]:
                stats_table_for_user(user=analyst, key=key, start=start, end=end)
            figures.append((time.perf_counter() - started) * 1000)
        get(url)  # warm the default period
        timings[page] = {
            "first": first,
            "figures": figures,
            "cached": [get(url) for _ in range(runs)],
            "chart": chart,
            "complete": complete,
        }
    return timings


def time_figures() -> dict[str, float]:
    """Milliseconds to count each figure once (no cache, no protection, no chart)."""
    from zicht.stats.figures import FIGURES
    from zicht.stats.periods import default_period

    period = default_period()
    timings = {}
    for key, spec in FIGURES.items():
        started = time.perf_counter()
        spec.build(start=period.start, end=period.end)
        timings[key] = (time.perf_counter() - started) * 1000
    return timings


def profile(analyst) -> None:
    """Where a warm dashboard request spends its time (set STATS_BENCH_PROFILE=1)."""
    import cProfile
    import pstats

    from django.test import Client
    from django.urls import reverse

    from zicht.accounts.tests.factories import login_verified

    client = Client()
    login_verified(client, analyst)
    client.get(reverse("stats:dashboard"))
    profiler = cProfile.Profile()
    profiler.enable()
    client.get(reverse("stats:dashboard"))
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


def report(vendor: str, n_cases: int, runs: int, results: dict[str, dict[str, dict[str, list[float]]]]) -> None:
    print(f"   {vendor}, {n_cases:,} cases, {runs} first requests (each a new period) and {runs} cached per page")
    print("   first: a page for a period never asked before (figures, protection, chart outlines, template);")
    print("   figures: the same for the page's figures only (tallies, previous period, protection, audit);")
    print("   chart: each picture of those first pages on its own request (protected table, drawing);")
    print("   page + charts: a first page and all its pictures one after another (a browser fetches them in parallel)")
    print(
        f"   {'phase':<26} {'page':<10} {'first p50':>9} {'first p95':>9} {'target':>6}  "
        f"{'figures p50':>11} {'figures p95':>11}  "
        f"{'cached p50':>10} {'cached p95':>10} {'target':>6}  "
        f"{'chart p50':>9} {'chart p95':>9}  {'all p50':>8} {'all p95':>8}  verdict (first / figures / cached / chart)"
    )
    for phase, pages in results.items():
        for page, timings in pages.items():
            first, cached, figures = timings["first"], timings["cached"], timings["figures"]
            f50, f95 = percentile(first, 0.5), percentile(first, 0.95)
            d50, d95 = percentile(figures, 0.5), percentile(figures, 0.95)
            c50, c95 = percentile(cached, 0.5), percentile(cached, 0.95)
            g50, g95 = percentile(timings["chart"], 0.5), percentile(timings["chart"], 0.95)
            t50, t95 = percentile(timings["complete"], 0.5), percentile(timings["complete"], 0.95)
            verdict = " / ".join(
                "ok" if value < target else "TOO SLOW"
                for value, target in (
                    (f95, TARGET_FIRST_MS),
                    (d95, TARGET_FIRST_MS),
                    (c95, TARGET_CACHED_MS),
                    (g95, TARGET_FIRST_MS),
                )
            )
            print(
                f"   {phase:<26} {page:<10} {f50:>9.1f} {f95:>9.1f} {TARGET_FIRST_MS:>6.0f}  "
                f"{d50:>11.1f} {d95:>11.1f}  "
                f"{c50:>10.1f} {c95:>10.1f} {TARGET_CACHED_MS:>6.0f}  "
                f"{g50:>9.1f} {g95:>9.1f}  {t50:>8.1f} {t95:>8.1f}  {verdict}"
            )


# --- synthetic data ---------------------------------------------------------------------------------


def _insert(model, rows: list[dict]) -> None:
    """Raw ``executemany`` of dicts keyed by attname; missing columns get the field default."""
    from django.db import connection

    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    now = dt.datetime.now(dt.UTC)
    defaults: dict[str, Any] = {}
    for f in fields:
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            defaults[f.attname] = now
        elif f.has_default():
            defaults[f.attname] = f.get_default()
        elif f.null:
            defaults[f.attname] = None
        else:
            defaults[f.attname] = ""
    datetime_fields = {f.attname for f in fields if f.get_internal_type() == "DateTimeField"}
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({columns}) VALUES ({marks})"

    def value(row: dict, f) -> Any:
        v = row.get(f.attname, defaults[f.attname])
        if f.attname in datetime_fields and v is not None:
            return connection.ops.adapt_datetimefield_value(v)
        return v

    with connection.cursor() as cursor:
        for offset in range(0, len(rows), BATCH):
            cursor.executemany(sql, [tuple(value(row, f) for f in fields) for row in rows[offset : offset + BATCH]])


def _first_id(model, count: int) -> int:
    ids = list(model.objects.order_by("-pk").values_list("pk", flat=True)[:1])
    return ids[0] - count + 1


def load(n_cases: int):
    from zicht.accounts.constants import OrganizationKind
    from zicht.accounts.models import Membership, Organization, User
    from zicht.cases.constants import CloseReason, ReferralStatus, SupportActionKind, VictimStatus
    from zicht.cases.models import Case, CaseExploitation, Referral, SupportAction
    from zicht.common.exploitation import ExploitationType
    from zicht.common.roles import Role
    from zicht.concerns.constants import ConcernChannel, ConcernKind, RecruitmentPlace, ReporterSector
    from zicht.concerns.models import Concern
    from zicht.outreach.constants import AudienceSector
    from zicht.outreach.models import Training, TrainingAudience
    from zicht.people.constants import District, Gender
    from zicht.people.models import YoungPerson
    from zicht.walk_ins.constants import VisitorType, VisitTopic
    from zicht.walk_ins.models import WalkInSession, WalkInVisitCount

    rng = random.Random(6)
    support = [
        Organization.objects.create(name=f"Hulp {i}", kind=OrganizationKind.SUPPORT, municipality="Den Haag")
        for i in range(3)
    ]
    partners = [
        Organization.objects.create(name=f"Partner {i}", kind=OrganizationKind.CJG, municipality="Den Haag")
        for i in range(8)
    ]
    municipality = Organization.objects.create(
        name="Gemeente", kind=OrganizationKind.MUNICIPALITY, municipality="Den Haag"
    )
    analyst = User.objects.create(username="bench-analyst", email="a@example.org")
    Membership.objects.create(user=analyst, organization=municipality, role=Role.ANALYST)
    worker = User.objects.create(username="bench-worker", email="w@example.org")
    Membership.objects.create(user=worker, organization=support[0], role=Role.COORDINATOR)

    today = dt.date.today()
    first_day = dt.date(today.year - 10, 1, 1)
    span = (today - first_day).days
    tz = dt.UTC

    def moment() -> dt.datetime:
        day = first_day + dt.timedelta(days=rng.randrange(span))
        return dt.datetime(day.year, day.month, day.day, rng.randrange(8, 18), tzinfo=tz)

    districts, genders = District.values, Gender.values
    _insert(
        YoungPerson,
        [
            {"organization_id": support[i % 3].pk, "gender": rng.choice(genders), "district": rng.choice(districts)}
            for i in range(n_cases)
        ],
    )
    person0 = _first_id(YoungPerson, n_cases)
    forms = (
        [(ExploitationType.CRIMINAL, "drugs")] * 5
        + [(ExploitationType.SEXUAL, "")] * 3
        + [(ExploitationType.LABOUR, ""), (ExploitationType.OTHER, "")]
    )
    cases, opened = [], []
    for i in range(n_cases):
        at = moment()
        closed = rng.random() < 0.6
        closed_at = at + dt.timedelta(days=rng.randrange(10, 400)) if closed else None
        cases.append(
            {
                "organization_id": support[i % 3].pk,
                "young_person_id": person0 + i,
                "opened_at": at,
                "registration_year": at.year,
                "age_at_registration": rng.choice([None, *range(11, 30)]),
                "victim_status": rng.choice(VictimStatus.values),
                "status": "closed" if closed else "active_support",
                "closed_at": closed_at,
                "close_reason": rng.choice(CloseReason.values) if closed else "",
            }
        )
        opened.append(at)
    _insert(Case, cases)
    del cases
    case0 = _first_id(Case, n_cases)
    exploitation: list[dict[str, Any]] = []
    for i in range(n_cases):
        chosen = {rng.choice(forms) for _ in range(rng.choice((1, 1, 1, 2, 3)))}
        exploitation.extend({"case_id": case0 + i, "type": t, "criminal_subtype": s} for t, s in chosen)
    _insert(CaseExploitation, exploitation)
    del exploitation
    referrals, support_rows = [], []
    for i in range(0, n_cases, 3):
        referrals.append(
            {
                "case_id": case0 + i,
                "to_organization_id": rng.choice(partners).pk,
                "purpose": "youth_care_coordination",
                "legal_basis": "legal_obligation",
                "status": rng.choice(ReferralStatus.values),
                "created_by_id": worker.pk,
                "created_at": opened[i] + dt.timedelta(days=3),
            }
        )
        support_rows.append(
            {
                "case_id": case0 + i,
                "kind": rng.choice(SupportActionKind.values),
                "started_on": (opened[i] + dt.timedelta(days=5)).date(),
            }
        )
    _insert(Referral, referrals)
    _insert(SupportAction, support_rows)
    del referrals, support_rows
    concerns = []
    for i in range(n_cases // 2):
        at = moment()
        concerns.append(
            {
                "kind": rng.choice(ConcernKind.values),
                "received_at": at,
                "channel": rng.choice(ConcernChannel.values),
                "reporter_sector": rng.choice(ReporterSector.values),
                "handling_organization_id": support[i % 3].pk,
                "recruitment_place": rng.choice(RecruitmentPlace.values),
                "status": "closed",
                "first_contact_at": at + dt.timedelta(hours=rng.randrange(1, 500)) if rng.random() < 0.9 else None,
            }
        )
    _insert(Concern, concerns)
    del concerns
    n_trainings = max(100, n_cases // 200)
    _insert(
        Training,
        [
            {
                "date": moment().date(),
                "organiser_id": support[i % 3].pk,
                "title": "Training",
                "kind": "training",
                "participants": rng.randrange(5, 40),
                "topic_criminal": True,
                "topic_sexual": rng.random() < 0.5,
            }
            for i in range(n_trainings)
        ],
    )
    training0 = _first_id(Training, n_trainings)
    _insert(
        TrainingAudience,
        [
            {"training_id": training0 + i, "sector": s}
            for i in range(n_trainings)
            for s in rng.sample(AudienceSector.values, rng.choice((1, 2)))
        ],
    )
    sessions = [
        WalkInSession(
            organization=support[0], date=first_day + dt.timedelta(days=d), starts_at=dt.time(15), ends_at=dt.time(17)
        )
        for d in range(0, span, 3)
    ]
    WalkInSession.objects.bulk_create(sessions, batch_size=5000)
    session_ids = list(WalkInSession.objects.values_list("pk", flat=True))
    _insert(
        WalkInVisitCount,
        [
            {
                "session_id": s,
                "visitor_type": rng.choice(VisitorType.values),
                "topic": rng.choice(VisitTopic.values),
                "count": rng.randrange(1, 6),
            }
            for s in session_ids
        ],
    )
    return analyst


if __name__ == "__main__":
    main()
