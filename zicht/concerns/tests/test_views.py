"""Screens: visibility per role, one audit entry per view, escaping, and the public form."""

from __future__ import annotations

import datetime
import functools

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from zicht.accounts.tests.factories import UserFactory
from zicht.audit.models import AccessLogEntry
from zicht.common.roles import Role
from zicht.concerns.constants import ConcernStatus
from zicht.concerns.models import Concern
from zicht.concerns.services import concern_transition
from zicht.concerns.tests.factories import concern_make
from zicht.people.models import YoungPerson

pytestmark = pytest.mark.django_db
SECRET = "Geheime-inhoud-van-de-melding"
NOTE = "Interne-notitie-hulpverlening"


def _entries(concern: Concern) -> int:
    return AccessLogEntry.objects.filter(object_type="concerns.concern", object_id=str(concern.pk)).count()


def test_reporter_sees_only_own_concerns_and_only_a_content_free_status(
    personas, support_org, school_org, client_for
) -> None:
    reporter, worker = personas[Role.REPORTER], personas[Role.SUPPORT_WORKER]
    own = concern_make(
        handling_organization=support_org, reporter=reporter, description=SECRET, status=ConcernStatus.IN_TRIAGE
    )
    concern_transition(
        concern=own, user=worker, to_status=ConcernStatus.ADVICE_GIVEN, note=NOTE, advice_text="Advies-tekst-X"
    )
    colleague = UserFactory(organization=school_org, role=Role.REPORTER)
    foreign = concern_make(handling_organization=support_org, reporter=colleague)
    client = client_for(reporter)
    listing = client.get(reverse("concerns:mine")).content.decode()
    assert own.reference in listing and foreign.reference not in listing
    page = client.get(reverse("concerns:detail", args=[own.pk]))
    body = page.content.decode()
    assert page.status_code == 200
    for hidden in (SECRET, NOTE, "Advies-tekst-X", support_org.name, "Advice given"):
        assert hidden not in body
    assert client.get(reverse("concerns:detail", args=[foreign.pk])).status_code == 404
    assert client.get(reverse("concerns:list")).status_code == 403


def test_support_worker_sees_only_own_organisation(personas, support_org, other_support_org, client_for) -> None:
    mine = concern_make(handling_organization=support_org, description=SECRET)
    theirs = concern_make(handling_organization=other_support_org, description="Andere-organisatie")
    client = client_for(personas[Role.SUPPORT_WORKER])
    listing = client.get(reverse("concerns:list")).content.decode()
    assert mine.reference in listing and theirs.reference not in listing
    assert SECRET in client.get(reverse("concerns:detail", args=[mine.pk])).content.decode()
    assert client.get(reverse("concerns:detail", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("concerns:transition", args=[theirs.pk, "in_triage"])).status_code == 404
    other_worker = UserFactory(organization=other_support_org, role=Role.COORDINATOR)
    assert client_for(other_worker).get(reverse("concerns:detail", args=[mine.pk])).status_code == 404


@pytest.mark.parametrize("role", [Role.ANALYST, Role.PARTNER, Role.ADMIN])
def test_other_roles_open_no_concern(personas, support_org, client_for, role) -> None:
    concern = concern_make(handling_organization=support_org)
    client = client_for(personas[role])
    assert client.get(reverse("concerns:detail", args=[concern.pk])).status_code in {403, 404}
    assert client.get(reverse("concerns:list")).status_code == 403
    assert _entries(concern) == 0


@pytest.mark.parametrize("role", [Role.SUPPORT_WORKER, Role.COORDINATOR, Role.REPORTER])
def test_every_view_writes_exactly_one_audit_entry(personas, support_org, client_for, role) -> None:
    concern = concern_make(handling_organization=support_org, reporter=personas[Role.REPORTER])
    client = client_for(personas[role])
    for expected in (1, 2):
        assert client.get(reverse("concerns:detail", args=[concern.pk])).status_code == 200
        assert _entries(concern) == expected
    entry = AccessLogEntry.objects.filter(object_id=str(concern.pk)).latest("sequence")
    assert entry.action == "read" and entry.actor_id == personas[role].pk
    assert entry.purpose == ("own_report" if role == Role.REPORTER else "triage")


def test_identity_shown_to_handler_is_audited_as_a_young_person_read(personas, support_org, client_for) -> None:
    person = YoungPerson.objects.create(organization=support_org, given_names="Noor", family_name="Testpersoon")
    concern = concern_make(handling_organization=support_org, young_person=person)
    body = client_for(personas[Role.SUPPORT_WORKER]).get(reverse("concerns:detail", args=[concern.pk])).content.decode()
    assert "Testpersoon" in body
    assert _entries(concern) == 1
    assert (
        AccessLogEntry.objects.filter(object_type="people.youngperson", object_id=str(person.pk), action="read").count()
        == 1
    )


def test_free_text_is_rendered_escaped(personas, support_org, client_for) -> None:
    concern = concern_make(handling_organization=support_org, description='<script>alert("x")</script>')
    body = client_for(personas[Role.SUPPORT_WORKER]).get(reverse("concerns:detail", args=[concern.pk])).content.decode()
    assert '<script>alert("x")</script>' not in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body


def test_professional_form_errors_save_nothing(personas, support_org, client_for) -> None:
    client = client_for(personas[Role.REPORTER])
    data = {
        "kind": "concern",
        "handling_organization": support_org.pk,
        "reporter_sector": "teacher",
        "urgency": "normal",
        "gender": "unknown",
        "recruitment_place": "online",
        "recruitment_detail": "Snapchat",
        "indicators": ["truancy"],
        "description": "x" * 5001,
        "bsn": "123456789",
        "given_names": "Sam",
    }
    response = client.post(reverse("concerns:create"), data)
    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()
    assert [e.code for e in errors["bsn"]] == ["invalid_bsn"]
    assert [e.code for e in errors["description"]] == ["too_long"]
    assert Concern.objects.count() == 0 and YoungPerson.objects.count() == 0
    data.update(description="Zit veel op straat met oudere jongens", bsn="111222333")
    response = client.post(reverse("concerns:create"), data)
    assert response.status_code == 302 and response.url == reverse("concerns:mine")
    concern = Concern.objects.get()
    assert concern.recruitment_detail == "Snapchat" and concern.young_person.bsn == "111222333"


def test_transition_screen_refuses_disallowed_move(personas, support_org, client_for) -> None:
    concern = concern_make(handling_organization=support_org, status=ConcernStatus.NEW)
    client = client_for(personas[Role.COORDINATOR])
    response = client.post(reverse("concerns:transition", args=[concern.pk, "closed"]), {"note": "klaar"})
    assert response.status_code == 200
    assert [e.code for e in response.context["form"].non_field_errors().as_data()] == ["transition_not_allowed"]
    assert Concern.objects.get(pk=concern.pk).status == ConcernStatus.NEW
    response = client.post(reverse("concerns:transition", args=[concern.pk, "in_triage"]), {"note": "oppakken"})
    assert response.status_code == 302
    assert Concern.objects.get(pk=concern.pk).status == ConcernStatus.IN_TRIAGE
    assert client.get(reverse("concerns:transition", args=[concern.pk, "case_opened"])).status_code == 404


def test_support_list_filters_and_search(personas, support_org, client_for) -> None:
    a = concern_make(handling_organization=support_org, description="hennep zolder", urgency="high")
    b = concern_make(handling_organization=support_org, description="pinpas uitgeleend", status=ConcernStatus.IN_TRIAGE)
    b.crime_domains.create(domain="money_mule")
    client = client_for(personas[Role.SUPPORT_WORKER])

    def refs(query: dict) -> set[str]:
        page = client.get(reverse("concerns:list"), query).context["page"]
        return {c.reference for c in page}

    assert refs({"words": "hennep"}) == {a.reference}
    assert refs({"q": "hennep"}) == set()  # the search field finds references and young people
    assert refs({"status": "in_triage"}) == {b.reference}
    assert refs({"domain": "money_mule"}) == {b.reference}
    assert refs({"urgency": "high"}) == {a.reference}
    assert refs({"q": b.reference}) == {b.reference}
    assert refs({"year": str(a.received_at.year)}) == {a.reference, b.reference}


def test_public_form_submits_anonymously_and_thanks_without_echo(support_org) -> None:
    client = Client()
    text = "Mijn vriendin krijgt dure cadeaus van een oudere man <b>vet</b>"
    response = client.post(
        reverse("concerns:public_create"),
        {
            "kind": "concern",
            "reporter_sector": "young_person",
            "description": text,
            "recruitment_place": "online",
            "recruitment_detail": "Instagram",
            "contact_email": "",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("concerns:public_thanks")
    assert text not in response.content.decode() and "Instagram" not in response.content.decode()
    concern = Concern.objects.get()
    assert concern.reporter is None and concern.handling_organization == support_org and concern.description == text


def test_public_form_is_rate_limited_and_keeps_the_input(support_org, settings) -> None:
    settings.ZICHT_PUBLIC_FORM_RATE = "2/h"
    client = Client(REMOTE_ADDR="203.0.113.9")
    data = {
        "kind": "advice_request",
        "reporter_sector": "parent",
        "description": "Vraag over mijn zoon",
        "recruitment_place": "unknown",
    }
    for _ in range(2):
        assert client.post(reverse("concerns:public_create"), data).status_code == 302
    response = client.post(reverse("concerns:public_create"), dict(data, description="Derde-vraag-bewaard"))
    assert response.status_code == 429
    assert response.context["limited"] is True
    assert "Derde-vraag-bewaard" in response.content.decode()
    assert Concern.objects.count() == 2
    other = Client(REMOTE_ADDR="203.0.113.10")
    assert other.post(reverse("concerns:public_create"), data).status_code == 302


def test_filter_by_form_of_exploitation_and_reporting_organisation(personas, support_org, client_for) -> None:
    from zicht.concerns.models import Indicator

    sexual = concern_make(handling_organization=support_org, reporter=personas[Role.REPORTER])
    sexual.indicators.add(Indicator.objects.get(code="loverboy"))
    other = concern_make(handling_organization=support_org)
    client = client_for(personas[Role.SUPPORT_WORKER])
    page = client.get(reverse("concerns:list"), {"form": "sexual"}).context["page"]
    assert [c.pk for c in page] == [sexual.pk]
    page = client.get(
        reverse("concerns:list"), {"reporter_organization": personas[Role.REPORTER].organization.pk}
    ).context["page"]
    assert [c.pk for c in page] == [sexual.pk]
    assert other.pk not in [c.pk for c in page]


def test_home_panel_shows_counts_only(personas, support_org, client_for) -> None:
    concern_make(
        handling_organization=support_org, reporter=personas[Role.REPORTER], description=SECRET, urgency="acute"
    )
    concern_make(handling_organization=support_org, status=ConcernStatus.CLOSED)
    worker_home = client_for(personas[Role.SUPPORT_WORKER]).get("/")
    assert worker_home.status_code == 200 and SECRET not in worker_home.content.decode()
    from zicht.concerns.queues import concern_home_queues

    assert {i.key: i.count for i in concern_home_queues(user=personas[Role.SUPPORT_WORKER])} == {
        "concerns.new": 1,
        "concerns.urgent": 1,
        "concerns.no_first_contact": 1,
        "concerns.overdue": 0,  # made without the service: no triage route
    }
    assert {i.key: i.count for i in concern_home_queues(user=personas[Role.REPORTER])} == {
        "concerns.received": 1,
        "concerns.picked_up": 0,
    }
    assert concern_home_queues(user=personas[Role.ANALYST]) == []
    assert SECRET not in client_for(personas[Role.REPORTER]).get("/").content.decode()


def test_reporter_must_choose_among_several_support_organisations(
    personas, support_org, other_support_org, client_for
) -> None:
    reporter_form = client_for(personas[Role.REPORTER]).get(reverse("concerns:create")).context["form"]
    assert reporter_form["handling_organization"].initial is None
    worker_form = client_for(personas[Role.SUPPORT_WORKER]).get(reverse("concerns:create")).context["form"]
    assert worker_form["handling_organization"].initial == support_org.pk


def test_support_intake_records_a_past_call(personas, support_org, client_for) -> None:
    client = client_for(personas[Role.SUPPORT_WORKER])
    data = {
        "kind": "concern",
        "handling_organization": support_org.pk,
        "channel": "phone",
        "reporter_sector": "parent",
        "urgency": "high",
        "gender": "unknown",
        "recruitment_place": "street",
        "description": "Moeder belde over haar zoon",
        "received_at": "2099-01-01T10:00",
    }
    response = client.post(reverse("concerns:create"), data)
    assert [e.code for e in response.context["form"].errors.as_data()["received_at"]] == ["received_in_future"]
    assert not Concern.objects.exists()
    response = client.post(reverse("concerns:create"), dict(data, received_at="2024-05-06T10:30"))
    concern = Concern.objects.get()
    assert response.url == reverse("concerns:detail", args=[concern.pk])
    assert (concern.channel, concern.reporter_sector, concern.received_at.year) == ("phone", "parent", 2024)
    assert concern.status_changes.get().at == concern.received_at


def test_public_form_refuses_oversized_text_and_keeps_html_as_text(support_org) -> None:
    client = Client()
    data = {"kind": "concern", "reporter_sector": "other", "recruitment_place": "unknown", "description": "a" * 5001}
    response = client.post(reverse("concerns:public_create"), data)
    assert response.status_code == 200
    assert [e.code for e in response.context["form"].errors.as_data()["description"]] == ["too_long"]
    assert not Concern.objects.exists()
    html = '<img src=x onerror="alert(1)">Zorgen'
    assert client.post(reverse("concerns:public_create"), dict(data, description=html)).status_code == 302
    assert Concern.objects.get().description == html


def test_the_list_opens_on_the_open_concerns_most_urgent_first(personas, support_org, client_for) -> None:
    from zicht.concerns.constants import Urgency

    now = timezone.now()
    make = functools.partial(concern_make, handling_organization=support_org)
    low = make(urgency=Urgency.LOW, received_at=now - datetime.timedelta(days=9))
    normal = make(urgency=Urgency.NORMAL, received_at=now - datetime.timedelta(days=1))
    acute = make(urgency=Urgency.ACUTE, status=ConcernStatus.IN_TRIAGE, received_at=now)
    high_new, high_old = (make(urgency=Urgency.HIGH, received_at=now - datetime.timedelta(days=d)) for d in (2, 5))
    closed = make(urgency=Urgency.ACUTE, status=ConcernStatus.CLOSED)
    client = client_for(personas[Role.SUPPORT_WORKER])
    response = client.get(reverse("concerns:list"))
    assert list(response.context["page"]) == [acute, high_old, high_new, normal, low]
    everything = list(client.get(reverse("concerns:list"), {"status": ""}).context["page"])
    assert closed in everything and everything[0] == acute  # all, newest first
