from __future__ import annotations

import datetime

from django.utils import timezone

from zicht.concerns.constants import ConcernKind, ConcernStatus, ReporterSector
from zicht.concerns.models import Concern, ConcernStatusChange
from zicht.concerns.tallies import concerns_kept


def concern_make(
    *,
    handling_organization,
    reporter=None,
    status: str = ConcernStatus.NEW,
    description: str = "Signalen gezien",
    kind: str = ConcernKind.CONCERN,
    received_at: datetime.datetime | None = None,
    **fields,
) -> Concern:
    """A concern row straight in the database (for visibility tests; services are tested separately).

    The statistics tallies are kept as a service keeps them, so the daily tally check stays green."""
    received_at = received_at or timezone.now() - datetime.timedelta(days=3)
    membership = reporter.membership if reporter is not None else None
    with concerns_kept() as kept:
        concern = Concern.objects.create(
            kind=kind,
            received_at=received_at,
            channel="form",
            reporter_sector=fields.pop("reporter_sector", ReporterSector.TEACHER),
            reporter=reporter,
            reporter_organization=membership.organization if membership else None,
            handling_organization=handling_organization,
            status=status,
            description=description,
            **fields,
        )
        ConcernStatusChange.objects.create(concern=concern, from_status="", to_status=status, at=received_at)
        kept.add(concern.pk)
    return concern
