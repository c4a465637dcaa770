"""The case screens end to end through the Django test client: each form calls its service."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from zicht.cases.constants import CaseEventKind, CaseStatus, ReferralStatus, VictimStatus
from zicht.cases.models import Case, Consent, Referral
from zicht.cases.tests.factories import make_case, make_referral
from zicht.common.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker(personas):
    return personas[Role.SUPPORT_WORKER]


def _post(client, name: str, args: list, data: dict):
    response = client.post(reverse(name, args=args), data)
    assert response.status_code == 302, (
        getattr(response, "context", {}) and response.context.get("form") and response.context["form"].errors
    )
    return response


def test_open_a_case_directly(worker, client_for) -> None:
    response = _post(
        client_for(worker),
        "cases:create",
        [],
        {
            "given_names": "Ilias",
            "family_name_prefix": "el",
            "family_name": "Amrani",
            "date_of_birth": "2009-03-01",
            "bsn": "111222333",
            "gender": "male",
            "district": "laak",
            "exploitation_types": ["criminal", "sexual"],
            "criminal_subtypes": ["drugs", "money_mule"],
            "victim_status": "suspected",
            "age_at_exploitation_start": "14",
            "note": "Aangemeld door moeder",
        },
    )
    case = Case.objects.get()
    assert response.url == reverse("cases:detail", args=[case.pk])
    assert case.is_combined and case.exploitations.count() == 3
    assert case.young_person.display_name == "Ilias el Amrani" and case.young_person.district == "laak"
    assert case.registration_year == timezone.localtime(case.opened_at).year
    assert case.events.filter(kind=CaseEventKind.NOTE, text="Aangemeld door moeder").exists()


def test_subtype_without_criminal_is_refused_by_the_form(worker, client_for) -> None:
    response = client_for(worker).post(
        reverse("cases:create"),
        {
            "gender": "unknown",
            "district": "unknown",
            "exploitation_types": ["sexual"],
            "criminal_subtypes": ["drugs"],
            "victim_status": "possible",
        },
    )
    assert response.status_code == 200 and "criminal_subtypes" in response.context["form"].errors
    assert not Case.objects.exists()


def test_open_a_case_from_a_concern(worker, personas, client_for) -> None:
    from zicht.concerns.constants import ConcernStatus
    from zicht.concerns.tests.factories import concern_make

    concern = concern_make(
        handling_organization=worker.organization, reporter=personas[Role.REPORTER], status=ConcernStatus.IN_TRIAGE
    )
    _post(
        client_for(worker),
        "cases:create_from_concern",
        [concern.pk],
        {
            "given_names": "Sem",
            "family_name": "Vos",
            "gender": "male",
            "district": "escamp",
            "exploitation_types": ["criminal"],
            "victim_status": "possible",
        },
    )
    case = Case.objects.get()
    assert list(case.concerns.all()) == [concern]
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.CASE_OPENED


def test_support_consent_and_referral_forms(worker, personas, client_for) -> None:
    case = make_case(user=worker, age=16)
    client = client_for(worker)
    cjg = personas[Role.PARTNER].organization
    _post(
        client,
        "cases:add_support_action",
        [case.pk],
        {"kind": "safety_plan", "started_on": "2026-01-05", "ended_on": "", "note": "Plan met moeder"},
    )
    _post(
        client,
        "cases:record_consent",
        [case.pk],
        {"recipient": cjg.pk, "purpose": "youth_care_coordination", "given_by_text": "ouder/voogd"},
    )
    consent = Consent.objects.get()
    _post(
        client,
        "cases:create_referral",
        [case.pk],
        {
            "to_organization": cjg.pk,
            "purpose": "youth_care_coordination",
            "legal_basis": "consent",
            "consent": consent.pk,
            "question": "Kunt u de jeugdhulp afstemmen?",
        },
    )
    referral = Referral.objects.get()
    assert referral.consent == consent and referral.status == ReferralStatus.PROPOSED
    assert case.support_actions.get().kind == "safety_plan"
    _post(client, "cases:withdraw_consent", [case.pk, consent.pk], {})
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    kinds = list(case.events.values_list("kind", flat=True))
    assert (
        kinds.count(CaseEventKind.CONSENT) == 2
        and CaseEventKind.SUPPORT_ACTION in kinds
        and CaseEventKind.REFERRAL in kinds
    )


def test_end_date_before_start_is_refused(worker, client_for) -> None:
    case = make_case(user=worker)
    response = client_for(worker).post(
        reverse("cases:add_support_action", args=[case.pk]),
        {"kind": "shelter", "started_on": "2026-02-01", "ended_on": "2026-01-01"},
    )
    assert response.status_code == 200 and "ended_on" in response.context["form"].errors
    assert not case.support_actions.exists()


def test_partner_answers_and_completes_a_referral(worker, personas, client_for) -> None:
    case = make_case(user=worker)
    referral = make_referral(case=case, user=worker, to_organization=personas[Role.PARTNER].organization)
    partner = client_for(personas[Role.PARTNER])
    assert partner.get(reverse("cases:referral_list")).status_code == 200
    _post(
        partner,
        "cases:referral_respond",
        [referral.pk],
        {"decision": "accept", "note": "Wij nemen contact op met het gezin"},
    )
    referral.refresh_from_db()
    assert (referral.status, referral.responded_by, referral.response_note) == (
        ReferralStatus.ACCEPTED,
        personas[Role.PARTNER],
        "Wij nemen contact op met het gezin",
    )
    _post(partner, "cases:referral_done", [referral.pk], {"note": ""})
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.DONE
    again = partner.post(reverse("cases:referral_respond", args=[referral.pk]), {"decision": "reject"})
    assert again.status_code == 200 and again.context["form"].non_field_errors()
    assert client_for(worker).get(reverse("cases:referral_respond", args=[referral.pk])).status_code == 403


def test_coordinator_assigns_decides_and_closes(worker, personas, client_for) -> None:
    case = make_case(user=worker, age=20, victim_status=VictimStatus.POSSIBLE)
    coordinator = client_for(personas[Role.COORDINATOR])
    _post(coordinator, "cases:assign_lead", [case.pk], {"lead_worker": worker.pk})
    _post(
        coordinator, "cases:set_victim_status", [case.pk], {"victim_status": "confirmed", "note": "Na overleg met AVIM"}
    )
    _post(coordinator, "cases:set_exploitation", [case.pk], {"exploitation_types": ["labour"]})
    _post(coordinator, "cases:close", [case.pk], {"reason": "goals_reached", "note": ""})
    case.refresh_from_db()
    assert case.lead_worker == worker and case.victim_status == VictimStatus.CONFIRMED
    assert case.victim_status_decided_by == personas[Role.COORDINATOR] and case.victim_status_decided_at is not None
    assert (
        case.exploitation_types == {"labour"}
        and case.status == CaseStatus.CLOSED
        and case.close_reason == "goals_reached"
    )


def test_list_filters_search_and_pages(worker, client_for) -> None:
    for index in range(27):
        make_case(
            user=worker,
            given_names=f"Jongere{'abcdefghijklmnopqrstuvwxyz0'[index]}",
            exploitation=[("sexual" if index % 3 else "criminal", "")],
        )
    client = client_for(worker)
    first = client.get(reverse("cases:list"))
    assert first.context["page"].paginator.count == 27 and len(first.context["page"].object_list) == 25
    assert client.get(reverse("cases:list"), {"page": 2}).context["page"].object_list.__len__() == 2
    criminal = client.get(reverse("cases:list"), {"exploitation_type": "criminal"})
    assert criminal.context["page"].paginator.count == 9
    found = client.get(reverse("cases:list"), {"q": "jongeref"})
    assert [c.young_person.given_names for c in found.context["page"]] == ["Jongeref"]
    by_number = client.get(reverse("cases:list"), {"q": str(Case.objects.order_by("pk").first().pk)})
    assert by_number.context["page"].paginator.count == 1
