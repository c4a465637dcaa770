"""Retention of closed cases reaches their meetings: the texts go, dates, organisations and statuses stay."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from zicht.cases import services as case_services
from zicht.cases.constants import CloseReason
from zicht.cases.tests.factories import make_case
from zicht.common.roles import Role
from zicht.meetings import services
from zicht.meetings.models import CaseMeeting, MeetingAction, MeetingActionStatusChange
from zicht.meetings.tests.factories import make_meeting
from zicht.retention.cases import cases_anonymise

pytestmark = pytest.mark.django_db

DAYS = 1825
CLOSED_ON = datetime.date(2021, 3, 1)
SECRET = "Woont bij tante Fatima aan de Laan van Meerdervoort"


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def test_anonymising_a_case_blanks_its_meeting_texts(personas, cjg_org, settings) -> None:
    settings.ZICHT_CLOSED_CASE_RETENTION_DAYS = DAYS
    coordinator, partner = personas[Role.COORDINATOR], personas[Role.PARTNER]
    case = make_case(user=coordinator, opened_at=_at(CLOSED_ON - datetime.timedelta(days=90)))
    meeting = make_meeting(
        case=case, coordinator=coordinator, invite=[cjg_org], starts_at=_at(CLOSED_ON - datetime.timedelta(days=60))
    )
    services.meeting_summary_record(meeting=meeting, user=coordinator, summary=SECRET)
    action = services.action_agree(
        meeting=meeting,
        user=coordinator,
        owner_organization=cjg_org,
        owner_person="Fatima",
        description=SECRET,
        due_on=CLOSED_ON - datetime.timedelta(days=30),
        at=_at(CLOSED_ON - datetime.timedelta(days=60)),
    )
    services.action_status_update(
        action=action, user=partner, to_status="done", outcome=SECRET, at=_at(CLOSED_ON - datetime.timedelta(days=31))
    )
    case_services.case_close(case=case, user=coordinator, reason=CloseReason.GOALS_REACHED, at=_at(CLOSED_ON))

    cases_anonymise(today=CLOSED_ON + datetime.timedelta(days=DAYS - 1))
    assert MeetingAction.objects.get(pk=action.pk).description == SECRET  # not yet past its period

    cases_anonymise(today=CLOSED_ON + datetime.timedelta(days=DAYS))
    meeting = CaseMeeting.objects.get(pk=meeting.pk)
    assert (meeting.place, meeting.agenda, meeting.summary) == ("", "", "")
    action = MeetingAction.objects.get(pk=action.pk)
    assert (action.owner_person, action.description, action.outcome) == ("", "", "")
    assert (action.owner_organization, action.status, action.due_on) == (
        cjg_org,
        "done",
        CLOSED_ON - datetime.timedelta(days=30),
    )
    history = list(MeetingActionStatusChange.objects.filter(action=action).values_list("to_status", "outcome"))
    assert history == [("open", ""), ("done", "")]
