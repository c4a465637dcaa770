"""A search that finds more rows than the cap says so in Dutch, counts no further, and still shows
its first pages in the list's order; every page view stays audited with the rows it showed."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from zicht.audit.constants import AccessAction
from zicht.audit.models import AccessLogEntry
from zicht.cases.tests.factories import make_case
from zicht.common import pagination
from zicht.common.roles import Role
from zicht.concerns.constants import ConcernChannel, ConcernStatus, ReporterSector
from zicht.concerns.models import Concern
from zicht.people.models import YoungPerson
from zicht.people.search import search_tokens

pytestmark = pytest.mark.django_db

PAGE_SIZE = 25


@pytest.fixture
def worker(personas):
    return personas[Role.SUPPORT_WORKER]


def _list_entries(after: int) -> list[AccessLogEntry]:
    return list(AccessLogEntry.objects.filter(sequence__gt=after, action=AccessAction.LIST).order_by("sequence"))


def _last_sequence() -> int:
    last = AccessLogEntry.objects.order_by("-sequence").first()
    return last.sequence if last else 0


def test_case_search_beyond_the_cap_says_so_and_pages_in_order(worker, client_for, monkeypatch) -> None:
    monkeypatch.setattr(pagination, "SEARCH_COUNT_CAP", 30)
    start = timezone.now() - datetime.timedelta(days=400)
    # 33 Jansens, opened on days in a shuffled order, two of them at the same moment (the id decides).
    days = [(7 * i) % 33 for i in range(33)]
    days[5] = days[6]
    sought = [
        make_case(
            user=worker, given_names=f"Jongere{i}", family_name="Jansen", opened_at=start + datetime.timedelta(days=d)
        )
        for i, d in enumerate(days)
    ]
    make_case(user=worker, given_names="Noor", family_name="Visser")
    newest_first = sorted(sought, key=lambda c: (c.opened_at, c.pk), reverse=True)
    client = client_for(worker)
    mark = _last_sequence()

    first = client.get(reverse("cases:list"), {"q": "Jansen"})
    page = first.context["page"]
    assert [c.pk for c in page] == [c.pk for c in newest_first[:PAGE_SIZE]]
    assert page.paginator.more and page.paginator.count == 30 and page.paginator.num_pages == 2
    assert "Meer dan 30 casussen gevonden" in first.content.decode()
    second = client.get(reverse("cases:list"), {"q": "Jansen", "page": 2}).context["page"]
    assert [c.pk for c in second] == [c.pk for c in newest_first[PAGE_SIZE:30]]
    assert [entry.detail["ids"] for entry in _list_entries(mark)] == [
        [c.pk for c in newest_first[:PAGE_SIZE]],
        [c.pk for c in newest_first[PAGE_SIZE:30]],
    ]

    fewer = client.get(reverse("cases:list"), {"q": "Visser"})
    assert not fewer.context["page"].paginator.more
    html = fewer.content.decode()
    assert "1 casus" in html and "Meer dan" not in html


def test_concern_search_beyond_the_real_cap_of_500(worker, client_for) -> None:
    """501 concerns about young people named Jansen (stored in bulk, with their blind-index tokens)."""
    n = pagination.SEARCH_COUNT_CAP + 1
    people = YoungPerson.objects.bulk_create(
        YoungPerson(
            organization=worker.organization,
            given_names=f"Jongere{i}",
            family_name="Jansen",
            **search_tokens(given_names=f"Jongere{i}", family_name_prefix="", family_name="Jansen", date_of_birth=None),
        )
        for i in range(n)
    )
    if people[0].pk is None:  # backends that return no ids on bulk insert
        people = list(YoungPerson.objects.filter(organization=worker.organization).order_by("pk"))
    start = timezone.now() - datetime.timedelta(days=n)
    Concern.objects.bulk_create(
        Concern(
            received_at=start + datetime.timedelta(hours=(37 * i) % n),
            channel=ConcernChannel.values[0],
            reporter_sector=ReporterSector.values[0],
            handling_organization=worker.organization,
            status=ConcernStatus.NEW,
            young_person=person,
        )
        for i, person in enumerate(people)
    )
    newest_first = list(Concern.objects.order_by("-received_at", "-pk").values_list("pk", flat=True))
    client = client_for(worker)

    response = client.get(reverse("concerns:list"), {"q": "Jansen"})
    page = response.context["page"]
    assert "Meer dan 500 meldingen gevonden" in response.content.decode()
    assert [c.pk for c in page] == newest_first[:PAGE_SIZE]
    assert page.paginator.count == 500 and page.paginator.num_pages == 20
    last = client.get(reverse("concerns:list"), {"q": "Jansen", "page": 20}).context["page"]
    assert [c.pk for c in last] == newest_first[475:500]
