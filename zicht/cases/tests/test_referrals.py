"""Referrals that work: consent recorded from the referral form, a question for the partner, and the
partner's list opening on what waits for them."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from zicht.cases import referral_services
from zicht.cases.constants import CaseEventKind, LegalBasis, ReferralPurpose, ReferralStatus
from zicht.cases.models import Consent, Referral
from zicht.cases.tests.factories import make_case, make_referral
from zicht.common.roles import Role

pytestmark = pytest.mark.django_db

CJG_REFERRAL = {"purpose": ReferralPurpose.YOUTH_CARE_COORDINATION, "legal_basis": LegalBasis.CONSENT}


@pytest.fixture
def worker(personas):
    return personas[Role.SUPPORT_WORKER]


def _form_errors(response) -> dict:
    return response.context["form"].errors if response.status_code == 200 else {}


def test_consent_basis_without_recorded_consent_can_be_completed_on_the_referral_form(
    worker, personas, client_for
) -> None:
    """The dead end: consent is the legal basis, no consent was recorded yet. The form records it."""
    case = make_case(user=worker, age=15)
    cjg = personas[Role.PARTNER].organization
    client = client_for(worker)
    form_page = client.get(reverse("cases:create_referral", args=[case.pk])).content.decode()
    assert 'name="consent_given_by"' in form_page and 'name="question"' in form_page
    data = {"to_organization": cjg.pk, "question": "Kunt u het gezin ondersteuning bieden?", **CJG_REFERRAL}

    # Without a consent and without saying who gave it, the form explains both ways out.
    refused = client.post(reverse("cases:create_referral", args=[case.pk]), data)
    assert "consent" in _form_errors(refused) and not Referral.objects.exists()

    response = client.post(reverse("cases:create_referral", args=[case.pk]), {**data, "consent_given_by": "moeder"})
    assert response.status_code == 302, _form_errors(response)
    referral = Referral.objects.get()
    consent = Consent.objects.get()
    assert referral.consent == consent and consent.is_active
    assert (consent.recipient, consent.purpose, consent.given_by_text) == (
        cjg,
        ReferralPurpose.YOUTH_CARE_COORDINATION,
        "moeder",
    )
    assert referral.question == "Kunt u het gezin ondersteuning bieden?"
    kinds = list(case.events.values_list("kind", flat=True))
    assert kinds.count(CaseEventKind.CONSENT) == 1 and kinds.count(CaseEventKind.REFERRAL) == 1


def test_another_legal_basis_needs_no_consent(worker, cjg_org) -> None:
    case = make_case(user=worker, age=15)
    referral = referral_services.referral_create(
        case=case,
        user=worker,
        to_organization=cjg_org,
        purpose=ReferralPurpose.YOUTH_CARE_COORDINATION,
        legal_basis=LegalBasis.LEGAL_OBLIGATION,
        question="Jeugdhulp afstemmen",
    )
    assert referral.consent is None and not Consent.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"question": "  "}, "question", "required"),
        ({"question": "x" * 5001}, "question", "max_length"),
        ({"consent_given_by": "x" * 101}, "consent_given_by", "max_length"),
        ({"legal_basis": LegalBasis.PUBLIC_TASK, "consent_given_by": "moeder"}, "consent_given_by", "not_for_basis"),
    ],
)
def test_bad_referral_input_saves_nothing(worker, cjg_org, changes, field, code) -> None:
    case = make_case(user=worker, age=15)
    kwargs = {"question": "Vraag", "consent_given_by": "", **CJG_REFERRAL, **changes}
    with pytest.raises(ValidationError) as info:
        referral_services.referral_create(case=case, user=worker, to_organization=cjg_org, **kwargs)
    assert code in [e.code for e in info.value.error_dict[field]]
    assert not Referral.objects.exists() and not Consent.objects.exists()


def test_a_chosen_consent_and_a_new_one_at_once_are_refused(worker, cjg_org) -> None:
    case = make_case(user=worker, age=15)
    consent = referral_services.consent_record(
        case=case, user=worker, recipient=cjg_org, purpose=CJG_REFERRAL["purpose"], given_by_text="jongere"
    )
    with pytest.raises(ValidationError) as info:
        referral_services.referral_create(
            case=case,
            user=worker,
            to_organization=cjg_org,
            question="Vraag",
            consent=consent,
            consent_given_by="moeder",
            **CJG_REFERRAL,
        )
    assert "consent_given_by" in info.value.error_dict
    assert Consent.objects.count() == 1 and not Referral.objects.exists()


def test_the_partner_sees_the_question(worker, personas, client_for) -> None:
    case = make_case(user=worker, age=15)
    referral = make_referral(case=case, user=worker, to_organization=personas[Role.PARTNER].organization)
    page = client_for(personas[Role.PARTNER]).get(reverse("cases:referral_detail", args=[referral.pk]))
    assert referral.question and referral.question in page.content.decode()


def test_the_partner_list_opens_on_what_waits_oldest_first_with_its_age(worker, personas, client_for) -> None:
    partner = personas[Role.PARTNER]
    case = make_case(user=worker, age=15)
    now = timezone.now()
    waiting = [
        make_referral(case=case, user=worker, to_organization=partner.organization, at=now - datetime.timedelta(days=d))
        for d in (3, 40)
    ]
    answered = make_referral(case=case, user=worker, to_organization=partner.organization)
    referral_services.referral_respond(referral=answered, user=partner, accept=True)

    client = client_for(partner)
    rows = list(client.get(reverse("cases:referral_list")).context["page"])
    assert rows == [waiting[1], waiting[0]]  # only what waits, the longest waiting first
    page = client.get(reverse("cases:referral_list")).content.decode()
    assert "40" in page and "waiting-days" in page
    everything = list(client.get(reverse("cases:referral_list"), {"queue": "all"}).context["page"])
    assert set(everything) == {*waiting, answered}
    by_status = list(client.get(reverse("cases:referral_list"), {"status": ReferralStatus.ACCEPTED}).context["page"])
    assert by_status == [answered]


def test_the_support_worker_list_still_opens_on_everything(worker, personas, client_for) -> None:
    partner = personas[Role.PARTNER]
    case = make_case(user=worker, age=15)
    referrals = [make_referral(case=case, user=worker, to_organization=partner.organization) for _ in range(2)]
    referral_services.referral_respond(referral=referrals[0], user=partner, accept=False)
    rows = client_for(worker).get(reverse("cases:referral_list")).context["page"]
    assert set(rows) == set(referrals)
