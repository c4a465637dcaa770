"""The daily work digest: only for users who asked, only counts, once a day, never content."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from zicht.accounts.digest import DIGEST_KIND, work_digests_queue
from zicht.common.roles import Role
from zicht.concerns.constants import Urgency as ConcernUrgency
from zicht.concerns.tests.factories import concern_make
from zicht.outbox.models import OutgoingEmail

DAY = dt.date(2026, 12, 3)
SECRET_DESCRIPTION = "Jongere Kees de Vries gezien bij de hennepkwekerij"


def _digests() -> list[dict]:
    return [json.loads(email.payload) for email in OutgoingEmail.objects.filter(kind=DIGEST_KIND)]


@pytest.fixture
def waiting_work(personas):
    worker = personas[Role.SUPPORT_WORKER]
    for urgency in (ConcernUrgency.ACUTE, ConcernUrgency.NORMAL):
        concern_make(handling_organization=worker.organization, description=SECRET_DESCRIPTION, urgency=urgency)
    return worker


@pytest.mark.django_db
def test_digest_lists_counts_and_nothing_about_the_young_person(waiting_work, settings):
    settings.ZICHT_SITE_URL = "https://zicht.example.nl"
    waiting_work.daily_digest = True
    waiting_work.save()

    run = work_digests_queue(day=DAY)

    assert (run.queued, run.considered) == (1, 1)
    [message] = _digests()
    assert message["to"] == [waiting_work.email]
    assert "nieuwe meldingen: 2" in message["body"]
    assert "met hoge of acute urgentie: 1" in message["body"]
    assert "https://zicht.example.nl/" in message["body"]
    assert "Kees" not in message["body"] and "hennep" not in message["body"]
    assert "M-" not in message["body"]  # no concern reference either


@pytest.mark.django_db
def test_digest_is_sent_once_a_day_and_again_the_next(waiting_work):
    waiting_work.daily_digest = True
    waiting_work.save()
    work_digests_queue(day=DAY)

    again = work_digests_queue(day=DAY)
    next_day = work_digests_queue(day=DAY + dt.timedelta(days=1))

    assert (again.queued, again.already_sent) == (0, 1)
    assert next_day.queued == 1
    assert len(_digests()) == 2


@pytest.mark.django_db
def test_no_digest_without_asking_or_without_work(waiting_work, personas):
    idle = personas[Role.COORDINATOR]  # same organisation: the same concerns wait for the coordinator
    idle.daily_digest = True
    idle.save()
    analyst = personas[Role.ANALYST]  # nothing waits for an analyst here
    analyst.daily_digest = True
    analyst.save()

    run = work_digests_queue(day=DAY)

    assert run.queued == 1 and run.nothing_waiting == 1
    assert [message["to"] for message in _digests()] == [[idle.email]]


@pytest.mark.django_db
def test_preferences_page_switches_the_digest_on_and_off(personas, client_for):
    user = personas[Role.PARTNER]
    client = client_for(user)
    url = reverse("accounts:preferences")

    assert client.post(url, {"daily_digest": "on"}).status_code == 302
    user.refresh_from_db()
    assert user.daily_digest
    client.post(url, {})
    user.refresh_from_db()
    assert not user.daily_digest


@pytest.mark.django_db
def test_daily_jobs_send_the_digests(waiting_work):
    waiting_work.daily_digest = True
    waiting_work.save()
    out = io.StringIO()
    call_command("run_daily_jobs", stdout=out)
    assert "== send_work_digests: ok" in out.getvalue()
    # The job queued it and the outbox job after it sent it (sent messages keep no body).
    assert OutgoingEmail.objects.get(kind=DIGEST_KIND).status == "sent"
