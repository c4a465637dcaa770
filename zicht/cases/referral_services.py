"""Writes around a case: support actions, consent and referrals (atomic, audited, on the timeline)."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zicht.audit.constants import AccessAction, Purpose
from zicht.audit.services import access_log_record
from zicht.cases.case_guards import (
    MSG_BASIS_CONSENT_NOT_FOR_BASIS,
    MSG_NOTE_TOO_LONG,
    MSG_UNKNOWN_CODE,
    NOTE_MAX_LENGTH,
    case_require_open,
    case_worker_require,
    event_append,
    note_clean,
    sharing_basis_check,
)
from zicht.cases.constants import (
    REFERRAL_ONLY_PURPOSES,
    CaseEventKind,
    LegalBasis,
    ReferralPurpose,
    ReferralStatus,
    SupportActionKind,
)
from zicht.cases.models import Case, Consent, Referral, SupportAction
from zicht.cases.permissions import user_answers_referral
from zicht.cases.tallies import keeps_case_tallies, touched_case
from zicht.cases.workflow import referral_transition_allowed
from zicht.common.validation import ErrorCollector, field_error

GIVEN_BY_MAX_LENGTH = 100

MSG_END_BEFORE_START = _("The end date cannot be before the start date.")
MSG_OWN_ORGANIZATION = _("Refer to another organisation, not your own.")
MSG_INACTIVE_ORGANIZATION = _("This organisation is no longer active.")
MSG_CONSENT_REQUIRED = _(
    "With consent as the legal basis, choose a recorded consent or say below who gives consent now."
)
MSG_CONSENT_TWICE = _("Choose a recorded consent or record a new one, not both.")
MSG_QUESTION_REQUIRED = _("Write what you ask of the partner.")
MSG_GIVEN_BY = _("Say who gave the consent (for example: young person, parent or guardian).")
MSG_REFERRAL_STEP = _("This referral cannot be changed this way any more.")
MSG_CONSENT_WITHDRAWN = _("This consent has already been withdrawn.")
MSG_GIVEN_AT_FUTURE = _("The date of consent cannot be in the future.")


@transaction.atomic
@keeps_case_tallies(touched=touched_case)
def support_action_add(
    *,
    case: Case,
    user,
    kind: str,
    started_on: datetime.date,
    ended_on: datetime.date | None = None,
    note: str = "",
    at: datetime.datetime | None = None,
) -> SupportAction:
    case_worker_require(user, case.organization_id)
    case_require_open(case)
    if kind not in SupportActionKind.values:
        raise field_error("kind", MSG_UNKNOWN_CODE, "invalid_choice")
    if ended_on is not None and ended_on < started_on:
        raise field_error("ended_on", MSG_END_BEFORE_START, "end_before_start")
    note = note_clean(note, required=False, field="note")
    action = SupportAction.objects.create(case=case, kind=kind, started_on=started_on, ended_on=ended_on, note=note)
    event_append(
        case=case,
        kind=CaseEventKind.SUPPORT_ACTION,
        user=user,
        at=at,
        text=note,
        data={"support_action": action.pk, "kind": kind, "started_on": started_on.isoformat()},
    )
    access_log_record(user=user, action=AccessAction.UPDATE, purpose=Purpose.SUPPORT, obj=case)
    return action


@transaction.atomic
def consent_record(
    *,
    case: Case,
    user,
    recipient,
    purpose: str,
    given_by_text: str,
    given_at: datetime.datetime | None = None,
) -> Consent:
    """Consent of (or for) the case's young person to share with one recipient for one purpose."""
    case_worker_require(user, case.organization_id)
    case_require_open(case)
    if purpose not in ReferralPurpose.values:
        raise field_error("purpose", MSG_UNKNOWN_CODE, "invalid_choice")
    given_by_text = (given_by_text or "").strip()
    if not given_by_text or len(given_by_text) > GIVEN_BY_MAX_LENGTH:
        raise field_error("given_by_text", MSG_GIVEN_BY, "required")
    now = timezone.now()
    given_at = given_at or now
    if given_at > now:
        raise field_error("given_at", MSG_GIVEN_AT_FUTURE, "future")
    if recipient.pk == case.organization_id:
        raise field_error("recipient", MSG_OWN_ORGANIZATION, "own_organization")
    consent = Consent.objects.create(
        young_person=case.young_person,
        recipient=recipient,
        purpose=purpose,
        given_at=given_at,
        given_by_text=given_by_text,
        recorded_by=user,
    )
    event_append(
        case=case,
        kind=CaseEventKind.CONSENT,
        user=user,
        at=given_at,
        data={"consent": consent.pk, "recipient": recipient.name, "purpose": purpose, "given_by": given_by_text},
    )
    access_log_record(user=user, action=AccessAction.CREATE, purpose=Purpose.SUPPORT, obj=consent)
    return consent


@transaction.atomic
def consent_withdraw(*, consent: Consent, case: Case, user, at: datetime.datetime | None = None) -> Consent:
    case_worker_require(user, case.organization_id)
    if consent.young_person_id != case.young_person_id:
        raise PermissionDenied
    if consent.withdrawn_at is not None:
        raise ValidationError(MSG_CONSENT_WITHDRAWN, code="withdrawn")
    consent.withdrawn_at = at or timezone.now()
    consent.save(update_fields=["withdrawn_at"])
    event_append(
        case=case,
        kind=CaseEventKind.CONSENT,
        user=user,
        at=consent.withdrawn_at,
        data={
            "consent": consent.pk,
            "recipient": consent.recipient.name,
            "purpose": consent.purpose,
            "withdrawn": True,
        },
    )
    access_log_record(user=user, action=AccessAction.UPDATE, purpose=Purpose.SUPPORT, obj=consent)
    return consent


@transaction.atomic
@keeps_case_tallies(touched=touched_case)
def referral_create(
    *,
    case: Case,
    user,
    to_organization,
    purpose: str,
    legal_basis: str,
    question: str,
    consent: Consent | None = None,
    consent_given_by: str = "",
    at: datetime.datetime | None = None,
) -> Referral:
    """Refer the case to a partner with a question for it.

    With consent as the legal basis, either pass a recorded ``consent`` or say who gives it now
    (``consent_given_by``): the consent for this recipient and purpose is then recorded first, in
    the same transaction, so the referral form never sends the worker elsewhere first.
    """
    case_worker_require(user, case.organization_id)
    case_require_open(case)
    errors = ErrorCollector()
    if purpose not in dict(REFERRAL_ONLY_PURPOSES):
        errors.add("purpose", MSG_UNKNOWN_CODE, code="invalid_choice")
    if to_organization.pk == case.organization_id:
        errors.add("to_organization", MSG_OWN_ORGANIZATION, code="own_organization")
    elif not to_organization.is_active:
        errors.add("to_organization", MSG_INACTIVE_ORGANIZATION, code="inactive")
    question = (question or "").strip()
    if not question:
        errors.add("question", MSG_QUESTION_REQUIRED, code="required")
    elif len(question) > NOTE_MAX_LENGTH:
        errors.add("question", MSG_NOTE_TOO_LONG, code="max_length", params={"max": NOTE_MAX_LENGTH})
    consent_given_by = (consent_given_by or "").strip()
    if len(consent_given_by) > GIVEN_BY_MAX_LENGTH:
        errors.add("consent_given_by", MSG_GIVEN_BY, code="max_length")
    if legal_basis == LegalBasis.CONSENT and consent_given_by:
        # The consent is recorded now, for exactly this recipient and purpose.
        if consent is not None:
            errors.add("consent_given_by", MSG_CONSENT_TWICE, code="consent_twice")
    elif legal_basis == LegalBasis.CONSENT and consent is None:
        errors.add("consent", MSG_CONSENT_REQUIRED, code="consent_required")
    else:
        # The same rule as every other sharing of the case (case meetings): case_guards.sharing_basis_check.
        sharing_basis_check(
            errors,
            case=case,
            recipient_id=to_organization.pk,
            purpose=purpose,
            legal_basis=legal_basis,
            consent=consent,
        )
        if consent_given_by:
            errors.add("consent_given_by", MSG_BASIS_CONSENT_NOT_FOR_BASIS, code="not_for_basis")
    errors.raise_if_any()
    at = at or timezone.now()
    if legal_basis == LegalBasis.CONSENT and consent is None:
        consent = consent_record(
            case=case,
            user=user,
            recipient=to_organization,
            purpose=purpose,
            given_by_text=consent_given_by,
            given_at=min(at, timezone.now()),
        )
    referral = Referral.objects.create(
        case=case,
        to_organization=to_organization,
        purpose=purpose,
        legal_basis=legal_basis,
        consent=consent,
        question=question,
        created_by=user,
        created_at=at,
    )
    # The question goes to the partner; on the timeline it stays with the case like a note.
    event_append(
        case=case,
        kind=CaseEventKind.REFERRAL,
        user=user,
        at=at,
        text=question,
        data={
            "referral": referral.pk,
            "to": to_organization.name,
            "purpose": purpose,
            "status": ReferralStatus.PROPOSED,
        },
    )
    access_log_record(user=user, action=AccessAction.CREATE, purpose=Purpose.REFERRAL, obj=referral)
    return referral


def _referral_step(*, referral: Referral, user, to_status: str, note: str, at: datetime.datetime | None) -> Referral:
    membership = getattr(user, "membership", None)
    if membership is None or not user_answers_referral(
        role=membership.role, user_org_id=membership.organization_id, to_org_id=referral.to_organization_id
    ):
        raise PermissionDenied
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if not referral_transition_allowed(referral.status, to_status):
        raise ValidationError(MSG_REFERRAL_STEP, code="transition_not_allowed")
    note = note_clean(note, required=False, field="note")
    at = at or timezone.now()
    referral.status = to_status
    fields = ["status"]
    if to_status in (ReferralStatus.ACCEPTED, ReferralStatus.REJECTED):
        referral.responded_by, referral.responded_at, referral.response_note = user, at, note
        fields += ["responded_by", "responded_at", "response_note"]
    referral.save(update_fields=fields)
    # The partner's note stays with the referral; the timeline only records the step.
    event_append(
        case=referral.case,
        kind=CaseEventKind.REFERRAL,
        user=user,
        at=at,
        data={
            "referral": referral.pk,
            "to": referral.to_organization.name,
            "purpose": referral.purpose,
            "status": to_status,
        },
    )
    access_log_record(user=user, action=AccessAction.UPDATE, purpose=Purpose.REFERRAL, obj=referral)
    return referral


@transaction.atomic
@keeps_case_tallies(touched=lambda kwargs: [kwargs["referral"].case_id])
def referral_respond(
    *, referral: Referral, user, accept: bool, note: str = "", at: datetime.datetime | None = None
) -> Referral:
    """Accept or reject a referral: only a partner of the receiving organisation."""
    to_status = ReferralStatus.ACCEPTED if accept else ReferralStatus.REJECTED
    return _referral_step(referral=referral, user=user, to_status=to_status, note=note, at=at)


@transaction.atomic
@keeps_case_tallies(touched=lambda kwargs: [kwargs["referral"].case_id])
def referral_mark_done(*, referral: Referral, user, note: str = "", at: datetime.datetime | None = None) -> Referral:
    return _referral_step(referral=referral, user=user, to_status=ReferralStatus.DONE, note=note, at=at)
