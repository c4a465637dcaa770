"""What a case contributes to the statistics tallies (``zicht.common.tallies``).

Per case, on the local day it was opened: its victim status, age at registration, district,
forms of exploitation ("combined": more than one form) and whether it counts as a young
(suspected) victim of criminal exploitation; on the day it was closed: its reason; on the day
of each referral: partner and result; on the start day of each kind of support: the kind, with
the previous start day of the same kind for the same case (so "cases with this support" can be
summed over any period without counting a case twice). The keys are codes only.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable

from django.utils import timezone

from zicht.cases.constants import young_victim_q
from zicht.cases.models import Case, CaseExploitation, Referral, SupportAction
from zicht.common.exploitation import ExploitationType
from zicht.common.tallies import Tallies, TallyKey, keeps_tallies, tallies_kept

TOPICS = (
    "case.status",
    "case.age",
    "case.district",
    "case.form",
    "case.young_victim",
    "case.closed",
    "referral",
    "support",
)
COMBINED = "combined"


def local_day(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()


def case_tallies(ids: Iterable[int]) -> Tallies:
    ids = list(ids)
    tallies: Tallies = Counter()
    if not ids:
        return tallies
    forms: dict[int, set[str]] = defaultdict(set)
    for case_id, form in CaseExploitation.objects.filter(case_id__in=ids).values_list("case_id", "type"):
        forms[case_id].add(form)
    young = set(Case.objects.filter(pk__in=ids).filter(young_victim_q()).values_list("pk", flat=True))
    organization_of: dict[int, int] = {}
    rows = Case.objects.filter(pk__in=ids).values_list(
        "pk",
        "organization_id",
        "opened_at",
        "age_at_registration",
        "victim_status",
        "young_person__district",
        "closed_at",
        "close_reason",
    )
    for pk, org, opened_at, age, victim_status, district, closed_at, close_reason in rows:
        organization_of[pk] = org
        day = local_day(opened_at)
        tallies[TallyKey("case.status", day, org, victim_status)] += 1
        tallies[TallyKey("case.age", day, org, "" if age is None else str(age))] += 1
        tallies[TallyKey("case.district", day, org, district)] += 1
        for form in forms[pk]:
            tallies[TallyKey("case.form", day, org, form)] += 1
        if len(forms[pk]) > 1:
            tallies[TallyKey("case.form", day, org, COMBINED)] += 1
        if pk in young and ExploitationType.CRIMINAL in forms[pk]:
            tallies[TallyKey("case.young_victim", day, org, "victims")] += 1
            if ExploitationType.SEXUAL in forms[pk]:
                tallies[TallyKey("case.young_victim", day, org, COMBINED)] += 1
        if closed_at is not None and close_reason:
            tallies[TallyKey("case.closed", local_day(closed_at), org, close_reason)] += 1
    referrals = Referral.objects.filter(case_id__in=ids).values_list(
        "case_id", "created_at", "to_organization_id", "status"
    )
    for case_id, created_at, to_organization, status in referrals:
        tallies[
            TallyKey("referral", local_day(created_at), organization_of[case_id], str(to_organization), status)
        ] += 1
    starts: dict[tuple[int, str], set[datetime.date]] = defaultdict(set)
    for case_id, kind, started_on in SupportAction.objects.filter(case_id__in=ids).values_list(
        "case_id", "kind", "started_on"
    ):
        starts[(case_id, kind)].add(started_on)
    for (case_id, kind), days in starts.items():
        previous = ""
        for day in sorted(days):
            tallies[TallyKey("support", day, organization_of[case_id], kind, previous)] += 1
            previous = day.isoformat()
    return tallies


def case_ids_all() -> Iterable[int]:
    return Case.objects.order_by("pk").values_list("pk", flat=True).iterator(chunk_size=10_000)


def cases_kept(ids: Iterable[int] = ()):
    """``tallies_kept`` for cases: wrap a write that changes (or creates: ``kept.add``) cases."""
    return tallies_kept(case_tallies, ids)


def keeps_case_tallies(*, touched=lambda kwargs: (), created=lambda result: ()):
    return keeps_tallies(case_tallies, touched=touched, created=created)


def touched_case(kwargs: dict) -> list[int]:
    return [kwargs["case"].pk]
