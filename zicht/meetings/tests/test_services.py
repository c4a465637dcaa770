"""Services of case meetings: who may plan and invite, the legal basis per partner, actions and their history."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone

from zicht.accounts.constants import OrganizationKind
from zicht.accounts.tests.factories import OrganizationFactory, UserFactory
from zicht.audit.models import AccessLogEntry
from zicht.cases import referral_services
from zicht.cases.constants import LegalBasis, ReferralPurpose
from zicht.cases.tests.factories import make_case
from zicht.common.append_only import AppendOnlyError
from zicht.common.roles import Role
from zicht.meetings import services
from zicht.meetings.models import MeetingActionStatusChange
from zicht.meetings.tests.factories import make_action, make_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def police(db):
    return OrganizationFactory(name="Politie", kind=OrganizationKind.POLICE)


@pytest.fixture
def case(personas):
    return make_case(user=personas[Role.SUPPORT_WORKER])


def _codes(error: ValidationError) -> dict[str, list[str]]:
    return {field: [e.code for e in errors] for field, errors in error.error_dict.items()}


def _consent(case, personas, recipient, purpose=ReferralPurpose.CASE_MEETING):
    return referral_services.consent_record(
        case=case, user=personas[Role.SUPPORT_WORKER], recipient=recipient, purpose=purpose, given_by_text="ouder"
    )


def test_only_the_coordinator_of_the_case_organisation_plans(case, personas, other_support_org) -> None:
    for user in (
        personas[Role.SUPPORT_WORKER],
        personas[Role.PARTNER],
        UserFactory(organization=other_support_org, role=Role.COORDINATOR),
    ):
        with pytest.raises(PermissionDenied):
            make_meeting(case=case, coordinator=user)
    meeting = make_meeting(case=case, coordinator=personas[Role.COORDINATOR])
    assert AccessLogEntry.objects.filter(object_type="meetings.casemeeting", object_id=str(meeting.pk)).count() == 1


def test_plan_names_every_missing_field(case, personas) -> None:
    with pytest.raises(ValidationError) as caught:
        services.meeting_plan(
            case=case, user=personas[Role.COORDINATOR], starts_at=None, form="phone", place=" ", agenda="x" * 6000
        )
    assert _codes(caught.value) == {
        "form": ["invalid_choice"],
        "starts_at": ["required"],
        "place": ["required"],
        "agenda": ["max_length"],
    }


def test_consent_basis_needs_a_consent_for_this_partner_and_purpose(case, personas, cjg_org, police) -> None:
    coordinator = personas[Role.COORDINATOR]
    meeting = make_meeting(case=case, coordinator=coordinator)
    wrong_purpose = _consent(case, personas, cjg_org, purpose=ReferralPurpose.YOUTH_CARE_COORDINATION)
    for_police = _consent(case, personas, police)
    for consent, code in (
        (None, "consent_required"),
        (wrong_purpose, "consent_mismatch"),
        (for_police, "consent_mismatch"),
    ):
        with pytest.raises(ValidationError) as caught:
            services.meeting_invite(
                meeting=meeting, user=coordinator, organization=cjg_org, legal_basis=LegalBasis.CONSENT, consent=consent
            )
        assert _codes(caught.value) == {"consent": [code]}
    right = _consent(case, personas, cjg_org)
    invitation = services.meeting_invite(
        meeting=meeting, user=coordinator, organization=cjg_org, legal_basis=LegalBasis.CONSENT, consent=right
    )
    assert invitation.consent == right


def test_withdrawn_consent_no_longer_counts(case, personas, cjg_org) -> None:
    coordinator = personas[Role.COORDINATOR]
    meeting = make_meeting(case=case, coordinator=coordinator)
    consent = _consent(case, personas, cjg_org)
    referral_services.consent_withdraw(consent=consent, case=case, user=personas[Role.SUPPORT_WORKER])
    with pytest.raises(ValidationError) as caught:
        services.meeting_invite(
            meeting=meeting, user=coordinator, organization=cjg_org, legal_basis=LegalBasis.CONSENT, consent=consent
        )
    assert _codes(caught.value) == {"consent": ["consent_mismatch"]}


def test_invitation_rules(case, personas, support_org, cjg_org) -> None:
    coordinator = personas[Role.COORDINATOR]
    meeting = make_meeting(case=case, coordinator=coordinator, invite=[cjg_org])
    cases = [
        (cjg_org, LegalBasis.PUBLIC_TASK, {"organization": ["already_invited"]}),
        (support_org, LegalBasis.PUBLIC_TASK, {"organization": ["own_organization"]}),
        (OrganizationFactory(kind=OrganizationKind.POLICE), "gut_feeling", {"legal_basis": ["invalid_choice"]}),
    ]
    for organization, basis, expected in cases:
        with pytest.raises(ValidationError) as caught:
            services.meeting_invite(meeting=meeting, user=coordinator, organization=organization, legal_basis=basis)
        assert _codes(caught.value) == expected


def test_a_referral_cannot_use_the_meeting_purpose(case, personas, cjg_org) -> None:
    with pytest.raises(ValidationError) as caught:
        referral_services.referral_create(
            case=case,
            user=personas[Role.SUPPORT_WORKER],
            to_organization=cjg_org,
            purpose=ReferralPurpose.CASE_MEETING,
            legal_basis=LegalBasis.PUBLIC_TASK,
            question="Kunt u meedenken?",
        )
    assert _codes(caught.value) == {"purpose": ["invalid_choice"]}


def test_an_action_belongs_to_the_case_organisation_or_an_invited_one(case, personas, support_org, cjg_org, police):
    coordinator = personas[Role.COORDINATOR]
    meeting = make_meeting(case=case, coordinator=coordinator, invite=[cjg_org], starts_at=timezone.now())
    with pytest.raises(ValidationError) as caught:
        make_action(meeting=meeting, coordinator=coordinator, owner=police)
    assert _codes(caught.value) == {"owner_organization": ["not_invited"]}
    with pytest.raises(ValidationError) as caught:
        make_action(
            meeting=meeting, coordinator=coordinator, owner=cjg_org, due_on=timezone.localdate() - datetime.timedelta(1)
        )
    assert _codes(caught.value) == {"due_on": ["due_before_meeting"]}
    for owner in (support_org, cjg_org):
        action = make_action(meeting=meeting, coordinator=coordinator, owner=owner)
        assert [(c.from_status, c.to_status) for c in action.history.all()] == [("", "open")]


def test_only_the_owning_organisation_reports_and_the_history_grows(case, personas, cjg_org, police) -> None:
    coordinator, partner = personas[Role.COORDINATOR], personas[Role.PARTNER]
    meeting = make_meeting(case=case, coordinator=coordinator, invite=[cjg_org, police])
    action = make_action(meeting=meeting, coordinator=coordinator, owner=cjg_org)
    police_partner = UserFactory(organization=police, role=Role.PARTNER)
    for user in (coordinator, personas[Role.SUPPORT_WORKER], police_partner):
        with pytest.raises(PermissionDenied):
            services.action_status_update(action=action, user=user, to_status="done", outcome="klaar")
    with pytest.raises(ValidationError) as caught:
        services.action_status_update(action=action, user=partner, to_status="done", outcome=" ")
    assert _codes(caught.value) == {"outcome": ["required"]}
    services.action_status_update(action=action, user=partner, to_status="not_done", outcome="Niet bereikt")
    services.action_status_update(action=action, user=partner, to_status="open")
    services.action_status_update(action=action, user=partner, to_status="done", outcome="Gesprek gevoerd")
    with pytest.raises(ValidationError) as caught:
        services.action_status_update(action=action, user=partner, to_status="open")
    assert caught.value.code == "transition_not_allowed"
    action.refresh_from_db()
    assert (action.status, action.outcome) == ("done", "Gesprek gevoerd")
    steps = [(c.from_status, c.to_status, c.outcome) for c in action.history.order_by("at", "pk")]
    assert steps == [
        ("", "open", ""),
        ("open", "not_done", "Niet bereikt"),
        ("not_done", "open", ""),
        ("open", "done", "Gesprek gevoerd"),
    ]


def test_the_status_history_is_append_only_in_python_and_in_the_database(case, personas, cjg_org) -> None:
    coordinator = personas[Role.COORDINATOR]
    meeting = make_meeting(case=case, coordinator=coordinator, invite=[cjg_org])
    change = make_action(meeting=meeting, coordinator=coordinator, owner=cjg_org).history.get()
    with pytest.raises(AppendOnlyError):
        change.save()
    with pytest.raises(AppendOnlyError):
        change.delete()
    rows = MeetingActionStatusChange.objects.filter(pk=change.pk)
    with pytest.raises(DatabaseError), transaction.atomic():
        rows.update(outcome="Aangepast")
    with pytest.raises(DatabaseError), transaction.atomic():
        rows.delete()
    assert rows.get().outcome == ""


def test_the_database_allows_only_the_retention_redaction_of_the_history(case, personas, cjg_org) -> None:
    coordinator = personas[Role.COORDINATOR]
    meeting = make_meeting(case=case, coordinator=coordinator, invite=[cjg_org])
    action = make_action(meeting=meeting, coordinator=coordinator, owner=cjg_org)
    services.action_status_update(action=action, user=personas[Role.PARTNER], to_status="done", outcome="Geheim")
    rows = MeetingActionStatusChange.objects.filter(action=action, to_status="done")
    with pytest.raises(DatabaseError), transaction.atomic():
        rows.update(outcome="", to_status="not_done")  # a redaction that changes more is refused
    rows.update(outcome="")
    assert list(rows.values_list("to_status", "outcome")) == [("done", "")]


def test_no_meeting_on_a_closed_case(case, personas) -> None:
    from zicht.cases import services as case_services

    case = case_services.case_close(case=case, user=personas[Role.COORDINATOR], reason="goals_reached")
    with pytest.raises(ValidationError) as caught:
        make_meeting(case=case, coordinator=personas[Role.COORDINATOR])
    assert caught.value.code == "case_closed"
