"""Builders for meeting tests: they go through the services, so every object is audited and valid."""

from __future__ import annotations

import datetime

from django.utils import timezone

from zicht.cases.constants import LegalBasis
from zicht.cases.models import Case
from zicht.meetings import services
from zicht.meetings.constants import MeetingForm
from zicht.meetings.models import CaseMeeting, MeetingAction


def make_meeting(*, case: Case, coordinator, invite=(), starts_at: datetime.datetime | None = None) -> CaseMeeting:
    """A meeting on ``case``, with the organisations in ``invite`` invited on a public-task basis."""
    meeting = services.meeting_plan(
        case=case,
        user=coordinator,
        starts_at=starts_at or timezone.now(),
        form=MeetingForm.ONLINE,
        place="Teams",
        agenda="Veiligheid en school",
    )
    for organization in invite:
        services.meeting_invite(
            meeting=meeting, user=coordinator, organization=organization, legal_basis=LegalBasis.PUBLIC_TASK
        )
    return meeting


def make_action(
    *, meeting: CaseMeeting, coordinator, owner, due_on: datetime.date | None = None, description: str = "Huisbezoek"
) -> MeetingAction:
    return services.action_agree(
        meeting=meeting,
        user=coordinator,
        owner_organization=owner,
        owner_person="J. de Vries",
        description=description,
        due_on=due_on or timezone.localdate() + datetime.timedelta(days=30),
    )
