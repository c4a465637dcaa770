"""Checks and the timeline writer that every case service shares (cases and referrals)."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zicht.cases.constants import CaseStatus, LegalBasis
from zicht.cases.models import Case, CaseEvent, Consent
from zicht.cases.permissions import role_coordinates_cases, user_works_on_case
from zicht.common.validation import ErrorCollector, field_error

NOTE_MAX_LENGTH = 5000
MSG_UNKNOWN_CODE = _("Choose one of the listed options.")
MSG_CASE_CLOSED = _("This case is closed and cannot be changed.")
MSG_NOTE_EMPTY = _("Write a note.")
MSG_NOTE_TOO_LONG = _("The note is too long (at most %(max)s characters).")
MSG_BASIS_CONSENT_REQUIRED = _("With consent as the legal basis, choose the consent that was given.")
MSG_BASIS_CONSENT_MISMATCH = _(
    "The consent must be given for this young person, this organisation and this purpose, and not be withdrawn."
)
MSG_BASIS_CONSENT_NOT_FOR_BASIS = _("Only choose a consent when consent is the legal basis.")


def case_worker_require(user, organization_id: int) -> None:
    membership = getattr(user, "membership", None)
    if membership is None or not user_works_on_case(
        role=membership.role, user_org_id=membership.organization_id, case_org_id=organization_id
    ):
        raise PermissionDenied


def case_coordinator_require(user, organization_id: int) -> None:
    case_worker_require(user, organization_id)
    if not role_coordinates_cases(user.membership.role):
        raise PermissionDenied


def case_require_open(case: Case) -> None:
    if case.status == CaseStatus.CLOSED:
        raise ValidationError(MSG_CASE_CLOSED, code="case_closed")


def event_append(
    *, case: Case, kind: str, user, at: datetime.datetime | None = None, text: str = "", data: dict | None = None
) -> CaseEvent:
    """Append one timeline entry (the only way entries are written)."""
    return CaseEvent.objects.create(case=case, kind=kind, by=user, at=at or timezone.now(), text=text, data=data or {})


def note_clean(text: str, *, required: bool, field: str = "text") -> str:
    text = (text or "").strip()
    if required and not text:
        raise field_error(field, MSG_NOTE_EMPTY, "required")
    if len(text) > NOTE_MAX_LENGTH:
        raise field_error(field, MSG_NOTE_TOO_LONG, "max_length", {"max": NOTE_MAX_LENGTH})
    return text


def sharing_basis_check(
    errors: ErrorCollector, *, case: Case, recipient_id: int, purpose: str, legal_basis: str, consent: Consent | None
) -> None:
    """Sharing a case's data with ``recipient_id`` for ``purpose`` needs a known legal basis, and
    with consent as the basis, a consent of this young person for this recipient and purpose that
    was not withdrawn (the rule referrals follow)."""
    if legal_basis not in LegalBasis.values:
        errors.add("legal_basis", MSG_UNKNOWN_CODE, code="invalid_choice")
    elif legal_basis == LegalBasis.CONSENT:
        if consent is None:
            errors.add("consent", MSG_BASIS_CONSENT_REQUIRED, code="consent_required")
        elif (
            consent.young_person_id != case.young_person_id
            or consent.recipient_id != recipient_id
            or consent.purpose != purpose
            or consent.withdrawn_at is not None
        ):
            errors.add("consent", MSG_BASIS_CONSENT_MISMATCH, code="consent_mismatch")
    elif consent is not None:
        errors.add("consent", MSG_BASIS_CONSENT_NOT_FOR_BASIS, code="consent_not_for_basis")
