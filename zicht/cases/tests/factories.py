"""Builders for case tests: they go through the services, so every object is audited and valid."""

from __future__ import annotations

import datetime

from django.utils import timezone

from zicht.cases import referral_services, services
from zicht.cases.constants import LegalBasis, ReferralPurpose, VictimStatus
from zicht.cases.models import Case, Referral
from zicht.common.exploitation import ExploitationType
from zicht.people import services as people_services
from zicht.people.constants import District, Gender
from zicht.people.models import YoungPerson

VALID_BSN = "111222333"


def years_ago(years: int, *, days: int = 0) -> datetime.date:
    """A date of birth for someone who is ``years`` old today (plus ``days`` past the birthday)."""
    today = timezone.localdate()
    try:
        birthday = today.replace(year=today.year - years)
    except ValueError:
        birthday = today.replace(year=today.year - years, day=28)
    return birthday - datetime.timedelta(days=days)


def make_person(*, user, date_of_birth: datetime.date | None = None, **identity) -> YoungPerson:
    values = {
        "given_names": "Noa",
        "family_name_prefix": "van",
        "family_name": "Dijk",
        "gender": Gender.FEMALE,
        "district": District.ESCAMP,
    }
    values.update(identity)
    return people_services.young_person_create(
        organization=user.organization, user=user, date_of_birth=date_of_birth, **values
    )


def make_case(
    *,
    user,
    age: int | None = 16,
    date_of_birth: datetime.date | None = None,
    exploitation=((ExploitationType.CRIMINAL, ""),),
    victim_status: str = VictimStatus.SUSPECTED,
    opened_at: datetime.datetime | None = None,
    **identity,
) -> Case:
    if date_of_birth is None and age is not None:
        date_of_birth = years_ago(age, days=30)
    person = make_person(user=user, date_of_birth=date_of_birth, **identity)
    return services.case_open(
        user=user,
        young_person=person,
        exploitation=list(exploitation),
        victim_status=victim_status,
        opened_at=opened_at,
    )


def make_referral(
    *,
    case: Case,
    user,
    to_organization,
    purpose: str = ReferralPurpose.YOUTH_CARE_COORDINATION,
    question: str = "Kunt u de jeugdhulp rond dit gezin afstemmen?",
    at: datetime.datetime | None = None,
) -> Referral:
    return referral_services.referral_create(
        case=case,
        user=user,
        to_organization=to_organization,
        purpose=purpose,
        legal_basis=LegalBasis.LEGAL_OBLIGATION,
        question=question,
        at=at,
    )
