"""Name and date-of-birth search: how long a search of the case and concern lists takes.

    python benchmarks/name_search_bench.py                                 # 100,000 young people, SQLite
    python benchmarks/name_search_bench.py --people 20000 --runs 50        # a quick look
    DATABASE_URL=postgres://user:pass@host:5432/zicht_bench python benchmarks/name_search_bench.py
    ... --keepdb --explain     # keep the built database for the next run; print the plans of the commonest name

100,000 synthetic young people (``zicht.sources.synthetic.make_people``: 620+ surnames with a
skewed frequency, the commonest borne by about 4 %; dates of birth over twelve years) are stored
encrypted with their blind-index tokens, each with one case and one concern at the same support
organisation (the worst case: one organisation sees them all). Then the search of the case list
(``case_filter`` + the first page of 25 as the list reads it: ``CappedPaginator`` counts up to
500, reads the page's keys, then its rows, whose names are decrypted as the page shows them) and
of the concern list (``concern_filter`` + the first page) is timed for names and dates of birth of
people drawn from the population. Target: p95 < 100 ms per search. Decryptions are counted to
show that only the shown rows are read. The load average is printed: on a shared machine the
figures are time spent waiting for a CPU as much as work.
"""

from __future__ import annotations

import argparse
import base64
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
PAGE_SIZE = 25


def row(label: str, value: str, target: str = "") -> None:
    print(f"  {label:<46} {value:>20}   {target}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument(
        "--keepdb", action="store_true", help="keep the test database and its people for the next run (PostgreSQL)"
    )
    parser.add_argument("--explain", action="store_true", help="print EXPLAIN ANALYZE of the commonest name search")
    args = parser.parse_args()

    if args.keepdb:  # the kept rows stay readable and searchable only with the same keys (synthetic data)
        os.environ.setdefault(
            "ZICHT_FIELD_KEYS", base64.urlsafe_b64encode(b"name-search-benchmark-field-key!").decode()
        )
        os.environ.setdefault("ZICHT_SEARCH_KEY", "name-search-benchmark-blind-index-key")

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False, keepdb=args.keepdb)
    try:
        run(args.people, args.runs, explain=args.explain)
    finally:
        if not args.keepdb:
            connection.creation.destroy_test_db(old_name, verbosity=0)


def _timed(function, arguments: list) -> tuple[float, float, list]:
    times, results = [], []
    for argument in arguments:
        started = time.perf_counter()
        results.append(function(argument))
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), statistics.quantiles(times, n=20)[18], results


def _build(n_people: int) -> tuple[object, list]:
    from django.utils import timezone

    from zicht.accounts.constants import OrganizationKind
    from zicht.accounts.models import User
    from zicht.accounts.services import organization_create, user_create_with_membership
    from zicht.cases.constants import CaseStatus, VictimStatus
    from zicht.cases.models import Case
    from zicht.common.roles import Role
    from zicht.concerns.constants import ConcernChannel, ConcernStatus, ReporterSector, Urgency
    from zicht.concerns.models import Concern
    from zicht.people.models import YoungPerson
    from zicht.people.search import search_tokens
    from zicht.sources.synthetic import make_people

    rng = random.Random(1)
    now = timezone.now()
    people = make_people(n_people, rng=rng)
    kept = User.objects.filter(username="worker").first()
    if kept is not None:  # a kept database (--keepdb): the same people, built before
        if YoungPerson.objects.count() != n_people:
            sys.exit("The kept database holds another number of people: run once without --keepdb.")
        return kept, people
    support = organization_create(name="Steunpunt", kind=OrganizationKind.SUPPORT, municipality="Bench")
    worker = user_create_with_membership(
        username="worker", password=None, organization=support, role=Role.SUPPORT_WORKER
    )
    for start in range(0, len(people), 5_000):
        chunk = people[start : start + 5_000]
        stored = YoungPerson.objects.bulk_create(
            [
                YoungPerson(
                    organization=support,
                    given_names=p.given_names,
                    family_name_prefix=p.prefix,
                    family_name=p.family_name,
                    date_of_birth=p.date_of_birth,
                    bsn=p.bsn,
                    **search_tokens(
                        given_names=p.given_names,
                        family_name_prefix=p.prefix,
                        family_name=p.family_name,
                        date_of_birth=p.date_of_birth,
                    ),
                )
                for p in chunk
            ]
        )
        ids = [person.pk for person in stored]
        if ids[0] is None:  # backends that return no ids on bulk insert
            ids = list(YoungPerson.objects.order_by("-pk").values_list("pk", flat=True)[: len(chunk)])[::-1]
        opened = [now - datetime.timedelta(minutes=rng.randrange(60 * 24 * 365 * 5)) for _ in chunk]
        Case.objects.bulk_create(
            [
                Case(
                    organization=support,
                    young_person_id=pk,
                    opened_at=at,
                    registration_year=at.year,
                    status=CaseStatus.INTAKE,
                    victim_status=VictimStatus.POSSIBLE,
                    reference=f"C-{at.year}-{pk:06d}",
                )
                for pk, at in zip(ids, opened, strict=True)
            ]
        )
        Concern.objects.bulk_create(
            [
                Concern(
                    received_at=at,
                    channel=ConcernChannel.values[0],
                    reporter_sector=ReporterSector.values[0],
                    handling_organization=support,
                    status=rng.choice(ConcernStatus.values),
                    urgency=rng.choice(Urgency.values),
                    description="Signalen gezien op school en in de wijk.",
                    young_person_id=pk,
                )
                for pk, at in zip(ids, opened, strict=True)
            ]
        )
    return worker, people


def run(n_people: int, runs: int, *, explain: bool = False) -> None:
    from django.db import connection

    from zicht.cases.selectors import case_filter, case_list_visible_to
    from zicht.common import fields
    from zicht.common.pagination import SEARCH_COUNT_CAP, CappedPaginator
    from zicht.concerns.selectors import ConcernFilters, concern_filter, concern_list_visible_to

    print(f"Name search: {n_people:,} young people on {connection.vendor}, load average {os.getloadavg()[0]:.1f}")
    started = time.perf_counter()
    worker, people = _build(n_people)
    # Planner statistics, as autovacuum (PostgreSQL) or PRAGMA optimize keep them; on PostgreSQL
    # also the visibility map that index-only scans need, as autovacuum sets it after inserts.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    row("build (encrypt, tokens, bulk insert)", f"{time.perf_counter() - started:.1f} s")

    decrypted = [0]
    original = fields.decrypt_text

    def counting(token: str) -> str:
        decrypted[0] += 1
        return original(token)

    fields.decrypt_text = counting  # counted for the whole run: only shown rows may be decrypted

    def case_search(text: str) -> int:
        queryset = case_filter(case_list_visible_to(user=worker), search=text)
        rows = case_list_visible_to(user=worker).select_related("lead_worker", "young_person")
        page = CappedPaginator(queryset.order_by("-opened_at", "-pk"), PAGE_SIZE, rows=rows).get_page(1)
        for case in page:  # what the list shows: the name of each row
            case.young_person.display_name  # noqa: B018 (the decryption is what is measured)
        return page.paginator.count + page.paginator.more  # cap + 1: more than the cap

    def concern_search(text: str) -> int:
        queryset = concern_filter(queryset=concern_list_visible_to(user=worker), filters=ConcernFilters(q=text))
        rows = concern_list_visible_to(user=worker)
        page = CappedPaginator(queryset.order_by("-received_at", "-pk"), PAGE_SIZE, rows=rows).get_page(1)
        list(page)
        return page.paginator.count + page.paginator.more  # cap + 1: more than the cap

    if explain:
        _explain(people, {"case list": case_search, "concern list": concern_search})

    rng = random.Random(2)
    sample = rng.sample(people, runs)
    searches = {
        "name": [
            (f"{p.given_names.split()[0]} " if i % 2 else "") + f"{p.prefix} {p.family_name}".strip()
            for i, p in enumerate(sample)
        ],
        "date of birth": [f"{p.date_of_birth:%d-%m-%Y}" for p in sample],
    }
    for list_name, search in (("case list", case_search), ("concern list", concern_search)):
        for kind, texts in searches.items():
            search(texts[0])  # warm up
            decrypted[0] = 0
            p50, p95, counts = _timed(search, texts)
            row(
                f"{list_name}, {kind}: p50 / p95",
                f"{p50:.1f} / {p95:.1f} ms",
                f"target p95 < {TARGET_MS:.0f} ms: {'met' if p95 < TARGET_MS else 'NOT met'}",
            )
            shown = sum(min(c, PAGE_SIZE) for c in counts)
            print(
                f"    hits per search (counted up to {SEARCH_COUNT_CAP:,}): median {statistics.median(counts):.0f}, "
                f"more than {SEARCH_COUNT_CAP:,} {sum(c > SEARCH_COUNT_CAP for c in counts)} times; "
                f"decryptions {decrypted[0]:,} for {shown:,} rows shown (no search finds nobody: {min(counts) > 0})"
            )
    fields.decrypt_text = original


def _explain(people: list, searches: dict) -> None:
    """The plans of the commonest family name's search, as each list runs it."""
    from collections import Counter

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    prefix, family = Counter((p.prefix, p.family_name) for p in people).most_common(1)[0][0]
    text = f"{prefix} {family}".strip()
    for list_name, search in searches.items():
        with CaptureQueriesContext(connection) as captured:
            search(text)
        for query in captured.captured_queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            prefix_sql = "EXPLAIN (ANALYZE, BUFFERS) " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
            with connection.cursor() as cursor:
                cursor.execute(prefix_sql + sql)
                plan = "\n".join("    " + " ".join(str(c) for c in r) for r in cursor.fetchall())
            print(f"\n  {list_name}, '{text}' ({query['time']} s):\n    {sql[:300]}...\n{plan}")


if __name__ == "__main__":
    main()
