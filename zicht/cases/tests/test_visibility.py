"""Who sees which case, person and referral; every view writes exactly one audit entry."""

from __future__ import annotations

import pytest
from django.http import Http404
from django.urls import reverse

from zicht.accounts.constants import OrganizationKind
from zicht.accounts.tests.factories import OrganizationFactory, UserFactory
from zicht.audit.constants import AccessAction
from zicht.audit.models import AccessLogEntry
from zicht.cases import referral_services, services
from zicht.cases.selectors import (
    case_get_for_user,
    case_list_visible_to,
    referral_get_for_user,
    referral_list_visible_to,
)
from zicht.cases.tests.factories import make_case, make_referral
from zicht.common.roles import Role
from zicht.people.selectors import young_person_get_for_user, young_person_list_visible_to

pytestmark = pytest.mark.django_db

SECRET_NOTE = "Vertrouwelijk: gesprek met moeder over schulden"


@pytest.fixture
def world(personas, other_support_org, cjg_org):
    worker = personas[Role.SUPPORT_WORKER]
    fier_worker = UserFactory(organization=other_support_org, role=Role.SUPPORT_WORKER)
    own = make_case(user=worker, given_names="Eigen")
    services.case_add_note(case=own, user=worker, text=SECRET_NOTE)
    foreign = make_case(user=fier_worker, given_names="Ander")
    referral = make_referral(case=own, user=worker, to_organization=cjg_org)
    return {"own": own, "foreign": foreign, "referral": referral, "fier_worker": fier_worker}


def test_support_worker_sees_only_own_organisation(personas, world) -> None:
    for role in (Role.SUPPORT_WORKER, Role.COORDINATOR):
        user = personas[role]
        assert list(case_list_visible_to(user=user)) == [world["own"]]
        assert list(young_person_list_visible_to(user=user)) == [world["own"].young_person]
        with pytest.raises(Http404):
            case_get_for_user(user=user, case_id=world["foreign"].pk)
    assert list(case_list_visible_to(user=world["fier_worker"])) == [world["foreign"]]


@pytest.mark.parametrize("role", [Role.REPORTER, Role.ANALYST, Role.ADMIN, Role.PARTNER])
def test_other_roles_open_no_case_or_person(personas, world, role) -> None:
    user = personas[role]
    assert not case_list_visible_to(user=user).exists()
    assert not young_person_list_visible_to(user=user).exists()
    with pytest.raises(Http404):
        case_get_for_user(user=user, case_id=world["own"].pk)
    with pytest.raises(Http404):
        young_person_get_for_user(user=user, young_person_id=world["own"].young_person_id)


def test_other_organisation_gets_404_on_every_case_page(client_for, world) -> None:
    client = client_for(world["fier_worker"])
    case_id = world["own"].pk
    for name in (
        "cases:detail",
        "cases:add_note",
        "cases:transition",
        "cases:create_referral",
        "cases:add_support_action",
    ):
        assert client.get(reverse(name, args=[case_id])).status_code == 404
    assert client.post(reverse("cases:add_note", args=[case_id]), {"text": "x"}).status_code == 404
    assert client.get(reverse("cases:referral_detail", args=[world["referral"].pk])).status_code == 404


def test_partner_sees_only_referrals_to_own_organisation_and_never_notes(personas, client_for, world) -> None:
    partner = personas[Role.PARTNER]
    police = UserFactory(
        organization=OrganizationFactory(name="Politie", kind=OrganizationKind.POLICE), role=Role.PARTNER
    )
    assert list(referral_list_visible_to(user=partner)) == [world["referral"]]
    assert not referral_list_visible_to(user=police).exists()
    with pytest.raises(Http404):
        referral_get_for_user(user=police, referral_id=world["referral"].pk)
    client = client_for(partner)
    page = client.get(reverse("cases:referral_detail", args=[world["referral"].pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert world["own"].young_person.given_names in html  # name and date of birth are needed for the referral
    assert SECRET_NOTE not in html
    assert client.get(reverse("cases:detail", args=[world["own"].pk])).status_code == 403


def test_partner_cannot_answer_another_organisations_referral(personas, world) -> None:
    from django.core.exceptions import PermissionDenied

    stranger = UserFactory(
        organization=OrganizationFactory(name="Veilig Thuis", kind=OrganizationKind.VEILIG_THUIS), role=Role.PARTNER
    )
    with pytest.raises(PermissionDenied):
        referral_services.referral_respond(referral=world["referral"], user=stranger, accept=True)
    with pytest.raises(PermissionDenied):
        referral_services.referral_respond(referral=world["referral"], user=personas[Role.SUPPORT_WORKER], accept=True)


def test_analyst_is_refused_every_page(personas, client_for, world) -> None:
    client = client_for(personas[Role.ANALYST])
    assert client.get(reverse("cases:list")).status_code == 403
    assert client.get(reverse("cases:detail", args=[world["own"].pk])).status_code == 403
    assert client.get(reverse("cases:referral_detail", args=[world["referral"].pk])).status_code == 403


def _entries() -> list[AccessLogEntry]:
    return list(AccessLogEntry.objects.order_by("sequence"))


def test_one_audit_entry_per_view(personas, client_for, world) -> None:
    worker_client = client_for(personas[Role.SUPPORT_WORKER])
    for url, object_type, object_id, action in (
        (reverse("cases:detail", args=[world["own"].pk]), "cases.case", world["own"].pk, AccessAction.READ),
        (
            reverse("cases:referral_detail", args=[world["referral"].pk]),
            "cases.referral",
            world["referral"].pk,
            AccessAction.READ,
        ),
        (reverse("cases:list"), "cases.case", "", AccessAction.LIST),
    ):
        before = AccessLogEntry.objects.count()
        assert worker_client.get(url).status_code == 200
        new = _entries()[before:]
        assert len(new) == 1
        assert (new[0].object_type, new[0].object_id, new[0].action) == (object_type, str(object_id), action)
        assert new[0].actor_id == personas[Role.SUPPORT_WORKER].pk
    before = AccessLogEntry.objects.count()
    young_person_get_for_user(user=personas[Role.SUPPORT_WORKER], young_person_id=world["own"].young_person_id)
    assert [(e.object_type, e.action) for e in _entries()[before:]] == [("people.youngperson", AccessAction.READ)]


def test_refused_view_records_the_denial_but_no_read(client_for, world) -> None:
    before = AccessLogEntry.objects.count()
    url = reverse("cases:detail", args=[world["own"].pk])
    assert client_for(world["fier_worker"]).get(url).status_code == 404
    [entry] = _entries()[before:]
    assert (entry.action, entry.object_type, entry.detail["path"]) == (AccessAction.NOT_FOUND, "request", url)


def test_coordinator_only_export_without_identity(personas, client_for, world) -> None:
    assert client_for(personas[Role.SUPPORT_WORKER]).get(reverse("cases:export")).status_code == 403
    before = AccessLogEntry.objects.count()
    response = client_for(personas[Role.COORDINATOR]).get(reverse("cases:export"))
    body = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert len(body.strip().splitlines()) == 2  # header and the one own case
    world["own"].refresh_from_db()
    assert body.strip().splitlines()[1].startswith(world["own"].reference + ";")
    person = world["own"].young_person
    for identity in (person.given_names, person.family_name, person.date_of_birth.isoformat()):
        assert identity not in body
    assert [e.action for e in _entries()[before:]] == [AccessAction.EXPORT]


def test_coordinator_only_assignment_and_closing(personas, world) -> None:
    from django.core.exceptions import PermissionDenied

    worker = personas[Role.SUPPORT_WORKER]
    with pytest.raises(PermissionDenied):
        services.case_assign_lead(case=world["own"], user=worker, lead_worker=worker)
    with pytest.raises(PermissionDenied):
        services.case_close(case=world["own"], user=worker, reason="moved")
