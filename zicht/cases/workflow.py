"""Pure workflow rules of cases and referrals: allowed transitions and the minor/CJG rule."""

from __future__ import annotations

import datetime

from zicht.cases.constants import CaseStatus, ReferralStatus
from zicht.people.ages import ADULT_AGE, age_on, is_minor

CASE_TRANSITIONS: dict[str, frozenset[str]] = {
    CaseStatus.INTAKE: frozenset({CaseStatus.ACTIVE_SUPPORT, CaseStatus.CLOSED}),
    CaseStatus.ACTIVE_SUPPORT: frozenset({CaseStatus.CLOSED}),
    CaseStatus.CLOSED: frozenset(),
}

REFERRAL_TRANSITIONS: dict[str, frozenset[str]] = {
    ReferralStatus.PROPOSED: frozenset({ReferralStatus.ACCEPTED, ReferralStatus.REJECTED}),
    ReferralStatus.ACCEPTED: frozenset({ReferralStatus.DONE}),
    ReferralStatus.REJECTED: frozenset(),
    ReferralStatus.DONE: frozenset(),
}


def case_transition_allowed(current: str, target: str) -> bool:
    return target in CASE_TRANSITIONS.get(current, frozenset())


def referral_transition_allowed(current: str, target: str) -> bool:
    return target in REFERRAL_TRANSITIONS.get(current, frozenset())


def age_for_rule(
    *, date_of_birth: datetime.date | None, age_at_registration: int | None, day: datetime.date
) -> int | None:
    """Age used by the minor rule: from the date of birth, else the age at registration, else unknown."""
    if date_of_birth is not None:
        return age_on(date_of_birth, day)
    return age_at_registration


def active_support_blocked_for_minor(*, age: int | None, has_cjg_referral: bool, cjg_exemption_reason: str) -> bool:
    """A minor's case needs a CJG referral (not rejected) or a recorded reason before active support."""
    return is_minor(age) and not has_cjg_referral and not cjg_exemption_reason.strip()


def eighteenth_birthday(date_of_birth: datetime.date) -> datetime.date:
    try:
        return date_of_birth.replace(year=date_of_birth.year + ADULT_AGE)
    except ValueError:  # born on 29 February
        return datetime.date(date_of_birth.year + ADULT_AGE, 3, 1)


def turned_18_during_case(
    *,
    date_of_birth: datetime.date | None,
    opened_on: datetime.date,
    today: datetime.date,
    closed_on: datetime.date | None = None,
) -> bool:
    """The young person was a minor when the case opened and turned 18 before it closed (or by today)."""
    if date_of_birth is None:
        return False
    birthday = eighteenth_birthday(date_of_birth)
    end = closed_on if closed_on is not None else today
    return opened_on < birthday <= end


def transition_step_due(
    *,
    date_of_birth: datetime.date | None,
    opened_on: datetime.date,
    today: datetime.date,
    closed_on: datetime.date | None,
    recorded: bool,
) -> bool:
    """The case must ask for the transition step at 18: turned 18 while open and not recorded yet."""
    return (
        closed_on is None
        and not recorded
        and turned_18_during_case(date_of_birth=date_of_birth, opened_on=opened_on, today=today)
    )
