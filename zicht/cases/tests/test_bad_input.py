"""Bad input never saves anything partial: nothing new in the tables, nothing in the access log."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zicht.audit.models import AccessLogEntry
from zicht.cases import referral_services, services
from zicht.cases.constants import CaseStatus, LegalBasis, ReferralPurpose
from zicht.cases.models import Case, CaseEvent, CaseExploitation, Referral
from zicht.cases.tests.factories import VALID_BSN, make_case, years_ago
from zicht.common.exploitation import ExploitationType
from zicht.common.pseudonyms import bsn_is_valid
from zicht.common.roles import Role
from zicht.people import identity
from zicht.people import services as people_services
from zicht.people.models import YoungPerson

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, ...]:
    return (
        YoungPerson.objects.count(),
        Case.objects.count(),
        CaseExploitation.objects.count(),
        CaseEvent.objects.count(),
        Referral.objects.count(),
        AccessLogEntry.objects.count(),
    )


def _open(user, *, identity: dict | None = None, **case_kwargs):
    values = {"given_names": "Sem", "family_name": "Bakker", "date_of_birth": years_ago(16)} | (identity or {})
    kwargs = {"exploitation": [(ExploitationType.CRIMINAL, "drugs")]} | case_kwargs
    return services.case_open_with_new_person(user=user, organization=user.organization, identity=values, **kwargs)


def _codes(error: ValidationError, field: str) -> set[str]:
    return {e.code for e in error.error_dict[field]}


@pytest.mark.parametrize(
    ("identity", "case_kwargs", "field", "code"),
    [
        ({"bsn": "123456789"}, {}, "bsn", "invalid_bsn"),
        ({"date_of_birth": timezone.localdate() + datetime.timedelta(days=1)}, {}, "date_of_birth", "dob_future"),
        ({"date_of_birth": years_ago(31)}, {}, "date_of_birth", "dob_too_old"),
        ({"gender": "x"}, {}, "gender", "invalid_choice"),
        ({"district": "Amsterdam-Noord"}, {}, "district", "invalid_choice"),
        ({}, {"exploitation": [("piracy", "")]}, "exploitation", "invalid_choice"),
        ({}, {"exploitation": [(ExploitationType.SEXUAL, "drugs")]}, "exploitation", "subtype_only_criminal"),
        ({}, {"exploitation": []}, "exploitation", "required"),
        ({}, {"victim_status": "maybe"}, "victim_status", "invalid_choice"),
        ({}, {"age_at_exploitation_start": 17}, "age_at_exploitation_start", "invalid_age"),
    ],
)
def test_open_with_bad_input_saves_nothing(personas, identity, case_kwargs, field, code) -> None:
    before = _counts()
    with pytest.raises(ValidationError) as info:
        _open(personas[Role.SUPPORT_WORKER], identity=identity, **case_kwargs)
    assert code in _codes(info.value, field)
    assert _counts() == before


def test_a_valid_bsn_is_accepted_and_stored_normalised(personas) -> None:
    case = _open(personas[Role.SUPPORT_WORKER], identity={"bsn": "11122 2333"})
    assert YoungPerson.objects.get(pk=case.young_person_id).bsn == VALID_BSN


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_bsn_validation_agrees_with_the_eleven_test(personas, bsn: str) -> None:
    before = YoungPerson.objects.count()
    try:
        people_services.young_person_create(
            organization=personas[Role.SUPPORT_WORKER].organization, user=personas[Role.SUPPORT_WORKER], bsn=bsn
        )
    except ValidationError as error:
        assert not bsn_is_valid(bsn)
        assert "invalid_bsn" in _codes(error, "bsn")
        assert YoungPerson.objects.count() == before
    else:
        assert bsn_is_valid(bsn)


def test_disallowed_transitions_change_nothing(personas) -> None:
    worker, coordinator = personas[Role.SUPPORT_WORKER], personas[Role.COORDINATOR]
    case = make_case(user=worker, age=25)
    for target, code in (
        ("closed", "close_with_reason"),
        ("intake", "transition_not_allowed"),
        ("bogus", "invalid_choice"),
    ):
        before = _counts()
        with pytest.raises(ValidationError) as info:
            services.case_transition(case=case, user=worker, to_status=target)
        assert code in _codes(info.value, "to_status")
        assert _counts() == before
    services.case_close(case=case, user=coordinator, reason="moved")
    before = _counts()
    with pytest.raises(ValidationError):
        services.case_transition(case=case, user=worker, to_status=CaseStatus.ACTIVE_SUPPORT)
    with pytest.raises(ValidationError):
        services.case_add_note(case=case, user=worker, text="   ")
    assert _counts() == before


def test_referral_with_consent_basis_needs_matching_consent(personas, cjg_org, school_org) -> None:
    worker = personas[Role.SUPPORT_WORKER]
    case = make_case(user=worker)
    consent = referral_services.consent_record(
        case=case, user=worker, recipient=school_org, purpose=ReferralPurpose.EDUCATION_WORK, given_by_text="jongere"
    )
    before = _counts()
    for kwargs, code in (
        ({"consent": None}, "consent_required"),
        ({"consent": consent}, "consent_mismatch"),  # consent was for another recipient and purpose
    ):
        with pytest.raises(ValidationError) as info:
            referral_services.referral_create(
                case=case,
                user=worker,
                to_organization=cjg_org,
                purpose=ReferralPurpose.YOUTH_CARE_COORDINATION,
                legal_basis=LegalBasis.CONSENT,
                question="Vraag",
                **kwargs,
            )
        assert code in _codes(info.value, "consent")
    assert _counts() == before


def test_html_in_a_note_is_stored_as_text_and_rendered_escaped(personas, client_for) -> None:
    worker = personas[Role.SUPPORT_WORKER]
    case = make_case(user=worker)
    payload = '<script>alert("x")</script><b>vet</b>'
    response = client_for(worker).post(reverse("cases:add_note", args=[case.pk]), {"text": payload})
    assert response.status_code == 302
    assert case.events.get(kind="note").text == payload
    html = client_for(worker).get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;vet&lt;/b&gt;" in html
    assert payload not in html


def test_the_create_form_shows_errors_and_saves_nothing(personas, client_for) -> None:
    before = _counts()
    response = client_for(personas[Role.SUPPORT_WORKER]).post(
        reverse("cases:create"),
        {
            "given_names": "Sem",
            "family_name": "Bakker",
            "date_of_birth": "2099-01-01",
            "bsn": "123456789",
            "gender": "male",
            "district": "laak",
            "exploitation_types": ["criminal"],
            "victim_status": "possible",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    with translation.override("nl"):
        expected_bsn = str(ValidationError(validate_bsn_message()).messages[0])
        expected_dob = str(identity.MSG_DOB_FUTURE)
    assert form.errors["bsn"] == [expected_bsn]
    assert form.errors["date_of_birth"] == [expected_dob]
    assert _counts() == before


def validate_bsn_message() -> str:
    from zicht.common.validators import validate_bsn

    try:
        validate_bsn("123456789")
    except ValidationError as error:
        return error.messages[0]
    raise AssertionError("123456789 fails the eleven test")
