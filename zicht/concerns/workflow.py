"""The concern status workflow as a pure transition table (no database access)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from zicht.concerns.constants import ConcernStatus, ReporterStatus

S = ConcernStatus

TRANSITIONS: dict[str, frozenset[str]] = {
    S.NEW: frozenset({S.IN_TRIAGE}),
    S.IN_TRIAGE: frozenset({S.ADVICE_GIVEN, S.FORWARDED, S.CASE_OPENED, S.CLOSED}),
    S.ADVICE_GIVEN: frozenset({S.CLOSED}),
    S.FORWARDED: frozenset({S.CLOSED}),
    S.CASE_OPENED: frozenset(),
    S.CLOSED: frozenset(),
}

# Statuses after which the concern counts as finished (closed_at is set when entering CLOSED).
FINAL_STATUSES: frozenset[str] = frozenset({S.CASE_OPENED, S.CLOSED})

_REPORTER_STATUS: dict[str, str] = {
    S.NEW: ReporterStatus.RECEIVED,
    S.IN_TRIAGE: ReporterStatus.PICKED_UP,
    S.ADVICE_GIVEN: ReporterStatus.PICKED_UP,
    S.FORWARDED: ReporterStatus.PICKED_UP,
    S.CASE_OPENED: ReporterStatus.PICKED_UP,
    S.CLOSED: ReporterStatus.CLOSED,
}


class TransitionNotAllowed(ValidationError):
    """A status change the workflow does not allow."""

    def __init__(self, from_status: str, to_status: str) -> None:
        self.from_status, self.to_status = from_status, to_status
        super().__init__(
            _("A concern with status “%(from_status)s” cannot be changed to “%(to_status)s”."),
            code="transition_not_allowed",
            params={"from_status": _status_label(from_status), "to_status": _status_label(to_status)},
        )


def _status_label(status: str) -> str:
    try:
        return str(ConcernStatus(status).label)
    except ValueError:
        return status


def allowed_targets(status: str) -> frozenset[str]:
    return TRANSITIONS.get(status, frozenset())


def transition_allowed(from_status: str, to_status: str) -> bool:
    return to_status in allowed_targets(from_status)


def transition_check(from_status: str, to_status: str) -> None:
    if not transition_allowed(from_status, to_status):
        raise TransitionNotAllowed(from_status, to_status)


def reporter_status(status: str) -> str:
    """The content-free status a reporter sees of their own concern."""
    try:
        return _REPORTER_STATUS[status]
    except KeyError:
        raise ValueError(f"unknown concern status: {status!r}") from None
