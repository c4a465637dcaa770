"""Checks and the timeline writer that every case service shares (cases and referrals)."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zicht.cases.constants import CaseStatus
from zicht.cases.models import Case, CaseEvent
from zicht.cases.permissions import role_coordinates_cases, user_works_on_case
from zicht.common.validation import field_error

NOTE_MAX_LENGTH = 5000
MSG_UNKNOWN_CODE = _("Choose one of the listed options.")
MSG_CASE_CLOSED = _("This case is closed and cannot be changed.")
MSG_NOTE_EMPTY = _("Write a note.")
MSG_NOTE_TOO_LONG = _("The note is too long (at most %(max)s characters).")


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
