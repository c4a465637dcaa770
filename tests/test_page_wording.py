"""Wording and order on the case and concern pages: the timeline newest first on request, plain Dutch."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from zicht.cases.services import case_add_note
from zicht.cases.tests.factories import make_case
from zicht.common.roles import Role
from zicht.concerns.constants import ConcernStatus
from zicht.concerns.services import concern_transition
from zicht.concerns.tests.factories import concern_make

pytestmark = pytest.mark.django_db


def _timeline_notes(body: str) -> list[str]:
    timeline = body[body.index('id="timeline-heading"') :]
    return [
        note
        for note in re.findall(r'<p class="note-text">(.*?)</p>', timeline, re.DOTALL)
        if note.startswith("Notitie")
    ]


def test_the_timeline_reads_oldest_first_or_newest_first_on_request(personas, client_for):
    worker = personas[Role.SUPPORT_WORKER]
    case = make_case(user=worker)
    start = timezone.now() - datetime.timedelta(days=3)
    for day in range(3):
        case_add_note(case=case, user=worker, text=f"Notitie {day}", at=start + datetime.timedelta(days=day))
    client, url = client_for(worker), reverse("cases:detail", args=[case.pk])
    oldest = client.get(url).content.decode()
    newest = client.get(url, {"tijdlijn": "nieuwste"}).content.decode()
    assert _timeline_notes(oldest) == ["Notitie 0", "Notitie 1", "Notitie 2"]
    assert _timeline_notes(newest) == ["Notitie 2", "Notitie 1", "Notitie 0"]
    assert (
        'href="?tijdlijn=nieuwste#timeline-heading"' in oldest and 'href="?tijdlijn=oudste#timeline-heading"' in newest
    )
    assert client.get(url, {"tijdlijn": "onzin"}).content.decode().count("Notitie") == oldest.count("Notitie")


def test_opening_a_case_names_the_concern_by_its_reference_with_a_link(personas, support_org, client_for):
    worker = personas[Role.SUPPORT_WORKER]
    concern = concern_make(handling_organization=support_org, status=ConcernStatus.IN_TRIAGE)
    body = client_for(worker).get(reverse("cases:create_from_concern", args=[concern.pk])).content.decode()
    link = f'<a href="{reverse("concerns:detail", args=[concern.pk])}">{concern.reference}</a>'
    assert f"Naar aanleiding van melding {link}." in body
    assert "Vanuit melding" not in body


def test_advice_reads_as_plain_dutch(personas, support_org, client_for):
    worker = personas[Role.SUPPORT_WORKER]
    concern = concern_make(handling_organization=support_org, status=ConcernStatus.IN_TRIAGE)
    concern_transition(
        concern=concern, user=worker, to_status=ConcernStatus.ADVICE_GIVEN, advice_text="Bel het jongerenwerk"
    )
    body = client_for(worker).get(reverse("concerns:detail", args=[concern.pk])).content.decode()
    assert "<h2>Advies aan de melder</h2>" in body
    assert "Advies gegeven" in body  # the status
    assert "Gegeven advies" not in body
