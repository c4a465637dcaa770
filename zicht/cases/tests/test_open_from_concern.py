"""Only an untriaged concern opens a case, whatever is posted; one BSN is stored one way from every
entry point, and the involvement index matches however it was typed."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from zicht.cases.models import Case
from zicht.cases.services import MSG_CONCERN_NOT_OPENABLE
from zicht.common.roles import Role
from zicht.concerns.constants import ConcernKind, ConcernStatus
from zicht.concerns.models import Concern
from zicht.concerns.tests.factories import concern_make
from zicht.matching.models import Involvement
from zicht.matching.services import Identity, involvement_register
from zicht.people.models import YoungPerson

pytestmark = pytest.mark.django_db

CASE_FORM = {
    "given_names": "Sem",
    "family_name": "Vos",
    "gender": "male",
    "district": "escamp",
    "exploitation_types": ["criminal"],
    "victim_status": "possible",
}


@pytest.mark.parametrize(
    ("kind", "status"),
    [
        (ConcernKind.ADVICE_REQUEST, ConcernStatus.NEW),
        (ConcernKind.ADVICE_REQUEST, ConcernStatus.IN_TRIAGE),
        (ConcernKind.CONCERN, ConcernStatus.ADVICE_GIVEN),
        (ConcernKind.CONCERN, ConcernStatus.FORWARDED),
        (ConcernKind.CONCERN, ConcernStatus.CLOSED),
        (ConcernKind.CONCERN, ConcernStatus.CASE_OPENED),
    ],
)
def test_posting_the_case_form_for_a_concern_that_cannot_open_a_case_saves_nothing(
    personas, client_for, kind, status
) -> None:
    worker = personas[Role.SUPPORT_WORKER]
    concern = concern_make(
        handling_organization=worker.organization, reporter=personas[Role.REPORTER], kind=kind, status=status
    )
    people_before = YoungPerson.objects.count()
    client = client_for(worker)
    client.cookies["django_language"] = "nl"
    with translation.override("nl"):
        response = client.post(
            reverse("cases:create_from_concern", args=[concern.pk]), CASE_FORM, HTTP_ACCEPT_LANGUAGE="nl"
        )
        expected = str(MSG_CONCERN_NOT_OPENABLE)
    assert response.status_code == 200
    assert expected.startswith("Een casus kan alleen")
    assert [str(e) for e in response.context["form"].non_field_errors()] == [expected]
    assert expected in response.content.decode()
    assert not Case.objects.exists() and YoungPerson.objects.count() == people_before
    assert Concern.objects.get(pk=concern.pk).status == status


@pytest.mark.parametrize("status", [ConcernStatus.NEW, ConcernStatus.IN_TRIAGE])
def test_an_untriaged_concern_still_opens_a_case(personas, client_for, status) -> None:
    worker = personas[Role.SUPPORT_WORKER]
    concern = concern_make(handling_organization=worker.organization, reporter=personas[Role.REPORTER], status=status)
    response = client_for(worker).post(reverse("cases:create_from_concern", args=[concern.pk]), CASE_FORM)
    assert response.status_code == 302
    assert list(Case.objects.get().concerns.all()) == [concern]


@pytest.mark.parametrize("typed", ["111-222-333", "111 222 333", "111222333"])
def test_a_bsn_is_stored_the_same_way_by_a_teacher_and_a_support_worker(personas, client_for, typed) -> None:
    worker, teacher = personas[Role.SUPPORT_WORKER], personas[Role.REPORTER]
    response = client_for(teacher).post(
        reverse("concerns:create"),
        {
            "kind": "concern",
            "handling_organization": worker.organization.pk,
            "reporter_sector": "teacher",
            "urgency": "normal",
            "gender": "male",
            "district": "laak",
            "recruitment_place": "unknown",
            "description": "Zit veel op straat",
            "given_names": "Sem",
            "family_name": "Vos",
            "bsn": typed,
        },
    )
    assert response.status_code == 302
    from_concern = Concern.objects.get().young_person
    response = client_for(worker).post(reverse("cases:create"), CASE_FORM | {"bsn": typed, "district": "laak"})
    assert response.status_code == 302
    from_case = Case.objects.get().young_person
    assert (from_concern.bsn, from_concern.district) == ("111222333", "laak")
    assert (from_case.bsn, from_case.district) == ("111222333", "laak")


def test_the_index_matches_a_bsn_however_it_was_typed(personas, client_for) -> None:
    from zicht.accounts.constants import OrganizationKind
    from zicht.accounts.tests.factories import OrganizationFactory, UserFactory

    worker = personas[Role.SUPPORT_WORKER]
    assert client_for(worker).post(reverse("cases:create"), CASE_FORM | {"bsn": "111-222-333"}).status_code == 302
    own = Involvement.objects.get(source_case_id=Case.objects.get().pk)
    for number, typed in enumerate(["111-222-333", "111 222 333", "111222333", "１１１２２２３３３"]):
        org = OrganizationFactory(name=f"Politie {number}", kind=OrganizationKind.POLICE)
        partner = UserFactory(organization=org, role=Role.PARTNER)
        result = involvement_register(organization=org, contact=partner, identity=Identity(bsn=typed), actor=partner)
        assert any(own.pk in (m.first_id, m.second_id) for m in result.matches), typed
