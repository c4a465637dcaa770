"""Direct builders for statistics tests: rows with exactly the attributes a test needs (the
statistics tallies kept in step, as the services keep them)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from zicht.cases.constants import CaseStatus, VictimStatus
from zicht.cases.models import Case, CaseExploitation
from zicht.cases.tallies import cases_kept
from zicht.people.constants import District, Gender
from zicht.people.models import YoungPerson


def aware(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def case_make(
    *,
    organization,
    opened_on: datetime.date,
    age: int | None = 16,
    forms: tuple[tuple[str, str], ...] = (("criminal", "drugs"),),
    victim_status: str = VictimStatus.SUSPECTED,
    district: str = District.ESCAMP,
    close_reason: str = "",
    closed_on: datetime.date | None = None,
) -> Case:
    person = YoungPerson.objects.create(organization=organization, gender=Gender.FEMALE, district=district)
    with cases_kept() as kept:
        case = _case_create(person, organization, opened_on, age, forms, victim_status, close_reason, closed_on)
        kept.add(case.pk)
    return case


def _case_create(person, organization, opened_on, age, forms, victim_status, close_reason, closed_on) -> Case:
    closed = close_reason != ""
    case = Case.objects.create(
        organization=organization,
        young_person=person,
        opened_at=aware(opened_on),
        registration_year=opened_on.year,
        age_at_registration=age,
        victim_status=victim_status,
        status=CaseStatus.CLOSED if closed else CaseStatus.ACTIVE_SUPPORT,
        closed_at=aware(closed_on or opened_on, 16) if closed else None,
        close_reason=close_reason,
    )
    CaseExploitation.objects.bulk_create(CaseExploitation(case=case, type=t, criminal_subtype=s) for t, s in forms)
    return case
