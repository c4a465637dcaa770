"""Walk-in sessions: schedule generation and anonymous visit counts."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from zicht.accounts.constants import OrganizationKind
from zicht.accounts.models import Organization
from zicht.common.actors import actor_is_system
from zicht.walk_ins.constants import (
    DEFAULT_ENDS_AT,
    DEFAULT_LOCATION,
    DEFAULT_STARTS_AT,
    DEFAULT_WEEKDAYS,
    MAX_COUNT,
    MAX_GENERATE_DAYS,
    VisitorType,
    VisitTopic,
)
from zicht.walk_ins.models import WalkInSession, WalkInVisitCount
from zicht.walk_ins.permissions import user_manages_walk_ins_of
from zicht.walk_ins.tallies import keeps_session_tallies


def _time(value: str | datetime.time) -> datetime.time:
    return value if isinstance(value, datetime.time) else datetime.time.fromisoformat(value)


def walk_in_schedule_defaults() -> dict:
    """The configurable default schedule: weekdays (Monday = 0), hours and location."""
    return {
        "weekdays": tuple(getattr(settings, "ZICHT_WALK_IN_WEEKDAYS", DEFAULT_WEEKDAYS)),
        "starts_at": _time(getattr(settings, "ZICHT_WALK_IN_STARTS_AT", DEFAULT_STARTS_AT)),
        "ends_at": _time(getattr(settings, "ZICHT_WALK_IN_ENDS_AT", DEFAULT_ENDS_AT)),
        "location": getattr(settings, "ZICHT_WALK_IN_LOCATION", DEFAULT_LOCATION),
    }


def schedule_dates(*, start: datetime.date, end: datetime.date, weekdays: tuple[int, ...]) -> list[datetime.date]:
    """The dates from ``start`` to ``end`` (inclusive) that fall on one of ``weekdays``."""
    days = (end - start).days + 1
    return [d for d in (start + datetime.timedelta(n) for n in range(max(days, 0))) if d.weekday() in weekdays]


def _check_organization(organization: Organization, user) -> None:
    if not actor_is_system(user) and not user_manages_walk_ins_of(user, organization.pk):
        raise PermissionDenied
    if organization.kind != OrganizationKind.SUPPORT:
        raise ValidationError(_("Walk-in sessions belong to a support organisation."), code="not_support_organisation")


@transaction.atomic
def walk_in_schedule_generate(
    *,
    organization: Organization,
    start: datetime.date,
    end: datetime.date,
    user,
) -> list[WalkInSession]:
    """Create the default sessions for a period; dates that already have a session at that hour are skipped."""
    _check_organization(organization, user)
    if end < start:
        raise ValidationError(
            {"end": [ValidationError(_("The end date cannot be before the start date."), code="end_before_start")]}
        )
    if (end - start).days > MAX_GENERATE_DAYS:
        raise ValidationError(
            {"end": [ValidationError(_("Generate at most two years at a time."), code="period_too_long")]}
        )
    defaults = walk_in_schedule_defaults()
    if (
        not all(isinstance(d, int) and 0 <= d <= 6 for d in defaults["weekdays"])
        or defaults["ends_at"] <= defaults["starts_at"]
    ):
        raise ValueError(f"invalid walk-in schedule settings: {defaults!r}")
    existing = set(
        WalkInSession.objects.filter(
            organization=organization, date__range=(start, end), starts_at=defaults["starts_at"]
        ).values_list("date", flat=True)
    )
    sessions = [
        WalkInSession(
            organization=organization,
            date=day,
            starts_at=defaults["starts_at"],
            ends_at=defaults["ends_at"],
            location=defaults["location"],
        )
        for day in schedule_dates(start=start, end=end, weekdays=defaults["weekdays"])
        if day not in existing
    ]
    return WalkInSession.objects.bulk_create(sessions)


@transaction.atomic
@keeps_session_tallies(touched=lambda kwargs: [kwargs["session"].pk])
def walk_in_counts_record(*, session: WalkInSession, user, counts: dict[tuple[str, str], int]) -> None:
    """Replace the session's counts; every (visitor type, topic) not given or 0 has no row."""
    if user is not None and not user_manages_walk_ins_of(user, session.organization_id):
        raise PermissionDenied
    errors: list[ValidationError] = []
    for (visitor_type, topic), count in counts.items():
        if visitor_type not in VisitorType.values or topic not in VisitTopic.values:
            errors.append(
                ValidationError(
                    _("Unknown code: %(codes)s. Choose from the list."),
                    code="unknown_code",
                    params={"codes": f"{visitor_type}/{topic}"},
                )
            )
        elif not isinstance(count, int) or not 0 <= count <= MAX_COUNT:
            errors.append(
                ValidationError(
                    _("A count must be a whole number from 0 to %(max)s."),
                    code="count_out_of_range",
                    params={"max": MAX_COUNT},
                )
            )
    if errors:
        raise ValidationError(errors)
    WalkInVisitCount.objects.filter(session=session).delete()
    WalkInVisitCount.objects.bulk_create(
        [
            WalkInVisitCount(session=session, visitor_type=v, topic=t, count=c)
            for (v, t), c in sorted(counts.items())
            if c > 0
        ]
    )
