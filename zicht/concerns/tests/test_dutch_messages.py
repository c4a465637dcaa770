"""The error messages users see are Dutch (active once the central catalogue holds these messages)."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext, override, trans_real

from zicht.common.roles import Role
from zicht.concerns.constants import ConcernStatus
from zicht.concerns.models import Concern
from zicht.concerns.tests.factories import concern_make

pytestmark = pytest.mark.django_db
OURS = json.loads((Path(__file__).resolve().parents[1] / "translations_nl.json").read_text(encoding="utf-8"))


def _dutch(msgid: str) -> str:
    with override("nl"):
        text = gettext(msgid)
    assert msgid in trans_real.translation("nl")._catalog, f"the Dutch catalogue has no translation of {msgid!r}"
    assert text == OURS.get(msgid, text), f"the Dutch catalogue does not serve our translation of {msgid!r}"
    return text


def test_our_translations_are_what_the_catalogue_serves() -> None:
    for msgid in ("The date of birth cannot be in the future.", "Unknown code: %(codes)s. Choose from the list."):
        assert _dutch(msgid) == OURS[msgid]


def test_professional_form_errors_in_dutch(personas, support_org, client_for) -> None:
    client = client_for(personas[Role.REPORTER])
    data = {
        "kind": "concern",
        "handling_organization": support_org.pk,
        "reporter_sector": "teacher",
        "urgency": "normal",
        "gender": "unknown",
        "recruitment_place": "unknown",
        "description": "x" * 5001,
        "given_names": "Sam",
        "date_of_birth": (datetime.date.today() + datetime.timedelta(days=3)).isoformat(),
        "bsn": "123456789",
    }
    body = client.post(reverse("concerns:create"), data, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert escape(_dutch("The date of birth cannot be in the future.")) in body
    assert escape(_dutch("This is not a valid citizen service number (BSN): it fails the eleven test.")) in body
    too_long = _dutch("This text is too long: at most %(max)s characters (it has %(length)s).") % {
        "max": 5000,
        "length": 5001,
    }
    assert escape(too_long) in body
    assert not Concern.objects.exists()


def test_disallowed_transition_in_dutch(personas, support_org, client_for) -> None:
    concern = concern_make(handling_organization=support_org, status=ConcernStatus.CLOSED)
    client = client_for(personas[Role.SUPPORT_WORKER])
    body = client.post(
        reverse("concerns:transition", args=[concern.pk, "in_triage"]), {}, HTTP_ACCEPT_LANGUAGE="nl"
    ).content.decode()
    expected = _dutch("A concern with status “%(from_status)s” cannot be changed to “%(to_status)s”.") % {
        "from_status": _dutch("Closed"),
        "to_status": _dutch("In triage"),
    }
    assert escape(expected) in body
    assert Concern.objects.get(pk=concern.pk).status == ConcernStatus.CLOSED


def test_rate_limit_message_in_dutch(support_org, settings) -> None:
    settings.ZICHT_PUBLIC_FORM_RATE = "1/h"
    client = Client(REMOTE_ADDR="198.51.100.7", HTTP_ACCEPT_LANGUAGE="nl")
    data = {"kind": "concern", "reporter_sector": "parent", "description": "Zorgen", "recruitment_place": "unknown"}
    client.post(reverse("concerns:public_create"), data)
    body = client.post(reverse("concerns:public_create"), data).content.decode()
    assert (
        escape(
            _dutch(
                "You have sent this form several times in a short time. For safety we cannot accept more right now. "
                "Nothing you typed is lost: please try again later, or call the support organisation."
            )
        )
        in body
    )
