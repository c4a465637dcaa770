"""List pages name in the access log the objects and young persons they showed, and a search's keyed hash."""

from __future__ import annotations

import pytest
from django.urls import reverse

from zicht.audit.chain import search_term_digest
from zicht.audit.constants import AccessAction, Purpose
from zicht.audit.models import AccessLogEntry
from zicht.cases.tests.factories import make_case, make_person, make_referral
from zicht.common.roles import Role
from zicht.concerns.tests.factories import concern_make

pytestmark = pytest.mark.django_db


def _entries_after(sequence: int, **filters) -> list[AccessLogEntry]:
    return list(AccessLogEntry.objects.filter(sequence__gt=sequence, **filters).order_by("sequence"))


def _mark() -> int:
    last = AccessLogEntry.objects.order_by("-sequence").first()
    return last.sequence if last else 0


def test_the_case_list_names_the_persons_shown_and_hashes_the_search(personas, client_for):
    worker = personas[Role.SUPPORT_WORKER]
    wanted = make_case(user=worker, given_names="Ilias", family_name="Amrani")
    make_case(user=worker, given_names="Noa", family_name="Dijk")
    mark = _mark()
    response = client_for(worker).get(reverse("cases:list"), {"q": "Amrani"})
    assert [c.pk for c in response.context["page"]] == [wanted.pk]
    [entry] = _entries_after(mark, action=AccessAction.LIST)
    assert (entry.object_type, entry.purpose) == ("cases.case", Purpose.SUPPORT)
    assert entry.detail == {
        "ids": [wanted.pk],
        "persons": [wanted.young_person_id],
        "search": search_term_digest("amrani"),
    }


def test_the_case_list_without_a_search_names_every_person_on_the_page(personas, client_for):
    worker = personas[Role.SUPPORT_WORKER]
    cases = [make_case(user=worker, given_names=f"Jongere{i}") for i in range(3)]
    mark = _mark()
    response = client_for(worker).get(reverse("cases:list"))
    [entry] = _entries_after(mark, action=AccessAction.LIST)
    shown = list(response.context["page"])
    assert sorted(entry.detail["persons"]) == sorted(c.young_person_id for c in cases)
    assert entry.detail["ids"] == [c.pk for c in shown] and "search" not in entry.detail


def test_the_concern_list_names_the_concerns_and_persons_and_hashes_the_search(personas, client_for):
    worker = personas[Role.SUPPORT_WORKER]
    person = make_person(user=worker)
    with_person = concern_make(handling_organization=worker.organization, description="Drugs bij het station")
    with_person.young_person = person
    with_person.save(update_fields=["young_person"])
    concern_make(handling_organization=worker.organization, description="Iets anders")
    mark = _mark()
    response = client_for(worker).get(reverse("concerns:list"), {"words": "station"})
    assert [c.pk for c in response.context["page"]] == [with_person.pk]
    [entry] = _entries_after(mark, action=AccessAction.LIST)
    assert entry.object_type == "concerns.concern"
    assert entry.detail == {"ids": [with_person.pk], "persons": [person.pk], "search": search_term_digest("station")}


def test_the_reporters_own_list_names_the_concerns_shown(personas, client_for):
    reporter, worker = personas[Role.REPORTER], personas[Role.SUPPORT_WORKER]
    concern = concern_make(handling_organization=worker.organization, reporter=reporter)
    mark = _mark()
    client_for(reporter).get(reverse("concerns:mine"))
    [entry] = _entries_after(mark, action=AccessAction.LIST)
    assert entry.detail["ids"] == [concern.pk]


def test_the_referral_list_names_the_referrals_and_persons(personas, client_for, cjg_org):
    worker, partner = personas[Role.SUPPORT_WORKER], personas[Role.PARTNER]
    case = make_case(user=worker)
    referral = make_referral(case=case, user=worker, to_organization=cjg_org)
    mark = _mark()
    client_for(partner).get(reverse("cases:referral_list"))
    [entry] = _entries_after(mark, action=AccessAction.LIST)
    assert entry.object_type == "cases.referral"
    assert entry.detail == {"ids": [referral.pk], "persons": [case.young_person_id]}


def test_the_open_case_form_logs_a_read_of_the_young_person_it_shows(personas, client_for):
    worker = personas[Role.SUPPORT_WORKER]
    person = make_person(user=worker)
    concern = concern_make(handling_organization=worker.organization)
    concern.young_person = person
    concern.save(update_fields=["young_person"])
    mark = _mark()
    response = client_for(worker).get(reverse("cases:create_from_concern", args=[concern.pk]))
    assert response.status_code == 200 and response.context["person"] == person
    reads = [(e.object_type, e.object_id) for e in _entries_after(mark, action=AccessAction.READ)]
    assert ("concerns.concern", str(concern.pk)) in reads
    assert ("people.youngperson", str(person.pk)) in reads


def test_the_open_case_form_of_a_concern_without_a_person_reads_no_person(personas, client_for):
    worker = personas[Role.SUPPORT_WORKER]
    concern = concern_make(handling_organization=worker.organization)
    mark = _mark()
    response = client_for(worker).get(reverse("cases:create_from_concern", args=[concern.pk]))
    assert response.status_code == 200 and response.context["person"] is None
    assert not _entries_after(mark, object_type="people.youngperson")


def test_the_case_export_names_the_cases_and_persons_exported(personas, client_for):
    worker, coordinator = personas[Role.SUPPORT_WORKER], personas[Role.COORDINATOR]
    cases = [make_case(user=worker, given_names=f"Jongere{i}") for i in range(2)]
    mark = _mark()
    assert client_for(coordinator).get(reverse("cases:export")).status_code == 200
    [entry] = _entries_after(mark, action=AccessAction.EXPORT)
    assert entry.detail == {"ids": [c.pk for c in cases], "persons": [c.young_person_id for c in cases]}
