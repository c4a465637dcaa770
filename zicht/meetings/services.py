"""Writes of case meetings: plan, invite, record the summary, agree actions, report on them.

Every service is atomic, authorises the actor and writes an audit entry. Sharing with a partner
needs a legal basis or consent for the purpose "case meeting", checked as for referrals.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zicht.audit.constants import AccessAction, Purpose
from zicht.audit.services import access_log_record
from zicht.cases.case_guards import case_require_open, sharing_basis_check
from zicht.cases.constants import ReferralPurpose
from zicht.cases.models import Case, Consent
from zicht.common.validation import ErrorCollector, field_error
from zicht.meetings.constants import ActionStatus, MeetingForm
from zicht.meetings.models import (
    AGENDA_MAX_LENGTH,
    OUTCOME_MAX_LENGTH,
    PERSON_MAX_LENGTH,
    PLACE_MAX_LENGTH,
    REFERENCE_MAX_LENGTH,
    SUMMARY_MAX_LENGTH,
    CaseMeeting,
    MeetingAction,
    MeetingActionStatusChange,
    MeetingInvitation,
)
from zicht.meetings.permissions import user_plans_meeting, user_updates_action
from zicht.meetings.workflow import action_transition_allowed

MSG_REQUIRED = _("This field is required.")
MSG_TOO_LONG = _("This text is too long (at most %(max)s characters).")
MSG_UNKNOWN_CODE = _("Choose one of the listed options.")
MSG_OWN_ORGANIZATION = _("Invite another organisation, not your own.")
MSG_INACTIVE_ORGANIZATION = _("This organisation is no longer active.")
MSG_ALREADY_INVITED = _("This organisation has already been invited to this meeting.")
MSG_OWNER_NOT_INVITED = _("An action belongs to your own organisation or to an invited organisation.")
MSG_DUE_BEFORE_MEETING = _("The due date cannot be before the meeting.")
MSG_ACTION_STEP = _("This action cannot be changed this way any more.")
MSG_OUTCOME_REQUIRED = _("Write the outcome in a few words.")

MEETING_PURPOSE = ReferralPurpose.CASE_MEETING


def _text(errors: ErrorCollector, field: str, value: str, *, max_length: int, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        errors.add(field, MSG_REQUIRED, code="required")
    elif len(value) > max_length:
        errors.add(field, MSG_TOO_LONG, code="max_length", params={"max": max_length})
    return value


def _require_planner(user, case: Case) -> None:
    membership = getattr(user, "membership", None)
    if membership is None or not user_plans_meeting(
        role=membership.role, user_org_id=membership.organization_id, case_org_id=case.organization_id
    ):
        raise PermissionDenied


@transaction.atomic
def meeting_plan(*, case: Case, user, starts_at: datetime.datetime, form: str, place: str, agenda: str) -> CaseMeeting:
    """The coordinator of the case's organisation plans a meeting (date, place or link, agenda)."""
    _require_planner(user, case)
    case_require_open(case)
    errors = ErrorCollector()
    if form not in MeetingForm.values:
        errors.add("form", MSG_UNKNOWN_CODE, code="invalid_choice")
    if starts_at is None:
        errors.add("starts_at", MSG_REQUIRED, code="required")
    place = _text(errors, "place", place, max_length=PLACE_MAX_LENGTH)
    agenda = _text(errors, "agenda", agenda, max_length=AGENDA_MAX_LENGTH)
    errors.raise_if_any()
    meeting = CaseMeeting.objects.create(
        case=case, starts_at=starts_at, form=form, place=place, agenda=agenda, planned_by=user
    )
    access_log_record(user=user, action=AccessAction.CREATE, purpose=Purpose.COORDINATION, obj=meeting)
    return meeting


@transaction.atomic
def meeting_invite(
    *, meeting: CaseMeeting, user, organization, legal_basis: str, consent: Consent | None = None
) -> MeetingInvitation:
    """Invite a partner organisation: only with a legal basis or consent for the purpose "case meeting"."""
    case = meeting.case
    _require_planner(user, case)
    case_require_open(case)
    errors = ErrorCollector()
    if organization.pk == case.organization_id:
        errors.add("organization", MSG_OWN_ORGANIZATION, code="own_organization")
    elif not organization.is_active:
        errors.add("organization", MSG_INACTIVE_ORGANIZATION, code="inactive")
    elif meeting.invitations.filter(organization=organization).exists():
        errors.add("organization", MSG_ALREADY_INVITED, code="already_invited")
    sharing_basis_check(
        errors,
        case=case,
        recipient_id=organization.pk,
        purpose=MEETING_PURPOSE,
        legal_basis=legal_basis,
        consent=consent,
    )
    errors.raise_if_any()
    invitation = MeetingInvitation.objects.create(
        meeting=meeting,
        organization=organization,
        legal_basis=legal_basis,
        consent=consent,
        invited_by=user,
        invited_at=timezone.now(),
    )
    access_log_record(user=user, action=AccessAction.CREATE, purpose=Purpose.COORDINATION, obj=invitation)
    return invitation


@transaction.atomic
def meeting_summary_record(*, meeting: CaseMeeting, user, summary: str) -> CaseMeeting:
    """The shared summary every invited partner reads (no case notes belong here)."""
    _require_planner(user, meeting.case)
    errors = ErrorCollector()
    summary = _text(errors, "summary", summary, max_length=SUMMARY_MAX_LENGTH)
    errors.raise_if_any()
    meeting.summary, meeting.summary_recorded_at, meeting.summary_recorded_by = summary, timezone.now(), user
    meeting.save(update_fields=["summary", "summary_recorded_at", "summary_recorded_by", "updated_at"])
    access_log_record(user=user, action=AccessAction.UPDATE, purpose=Purpose.COORDINATION, obj=meeting)
    return meeting


@transaction.atomic
def action_agree(
    *,
    meeting: CaseMeeting,
    user,
    owner_organization,
    owner_person: str,
    description: str,
    due_on: datetime.date,
    framework_reference: str = "",
    at: datetime.datetime | None = None,
) -> MeetingAction:
    """Record an agreed action for the case's own organisation or an invited one."""
    _require_planner(user, meeting.case)
    errors = ErrorCollector()
    invited = meeting.invitations.filter(organization_id=owner_organization.pk).exists()
    if owner_organization.pk != meeting.case.organization_id and not invited:
        errors.add("owner_organization", MSG_OWNER_NOT_INVITED, code="not_invited")
    owner_person = _text(errors, "owner_person", owner_person, max_length=PERSON_MAX_LENGTH)
    description = _text(errors, "description", description, max_length=AGENDA_MAX_LENGTH)
    framework_reference = _text(
        errors, "framework_reference", framework_reference, max_length=REFERENCE_MAX_LENGTH, required=False
    )
    if due_on is None:
        errors.add("due_on", MSG_REQUIRED, code="required")
    elif due_on < timezone.localtime(meeting.starts_at).date():
        errors.add("due_on", MSG_DUE_BEFORE_MEETING, code="due_before_meeting")
    errors.raise_if_any()
    at = at or timezone.now()
    action = MeetingAction.objects.create(
        meeting=meeting,
        owner_organization=owner_organization,
        owner_person=owner_person,
        description=description,
        due_on=due_on,
        framework_reference=framework_reference,
        created_by=user,
        created_at=at,
    )
    MeetingActionStatusChange.objects.create(action=action, from_status="", to_status=ActionStatus.OPEN, at=at, by=user)
    access_log_record(user=user, action=AccessAction.CREATE, purpose=Purpose.COORDINATION, obj=action)
    return action


@transaction.atomic
def action_status_update(
    *, action: MeetingAction, user, to_status: str, outcome: str = "", at: datetime.datetime | None = None
) -> MeetingAction:
    """The owning organisation reports on its action: done or not done with a short outcome, or open again."""
    membership = getattr(user, "membership", None)
    if membership is None or not user_updates_action(
        role=membership.role, user_org_id=membership.organization_id, owner_org_id=action.owner_organization_id
    ):
        raise PermissionDenied
    action = MeetingAction.objects.select_for_update().get(pk=action.pk)
    if not action_transition_allowed(action.status, to_status):
        raise ValidationError(MSG_ACTION_STEP, code="transition_not_allowed")
    outcome = (outcome or "").strip()
    if to_status != ActionStatus.OPEN and not outcome:
        raise field_error("outcome", MSG_OUTCOME_REQUIRED, "required")
    if len(outcome) > OUTCOME_MAX_LENGTH:
        raise field_error("outcome", MSG_TOO_LONG, "max_length", {"max": OUTCOME_MAX_LENGTH})
    at = at or timezone.now()
    MeetingActionStatusChange.objects.create(
        action=action, from_status=action.status, to_status=to_status, outcome=outcome, at=at, by=user
    )
    action.status, action.outcome = to_status, outcome
    action.save(update_fields=["status", "outcome"])
    access_log_record(user=user, action=AccessAction.UPDATE, purpose=Purpose.COORDINATION, obj=action)
    return action
