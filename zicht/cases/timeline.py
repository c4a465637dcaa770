"""Human-readable descriptions of timeline entries, translated when shown (never stored)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from zicht.cases.constants import (
    CaseEventKind,
    CaseStatus,
    CloseReason,
    CriminalSubtype,
    ReferralPurpose,
    ReferralStatus,
    SupportActionKind,
    VictimStatus,
)
from zicht.common.exploitation import ExploitationType


def _label(choices, code: str) -> str:
    try:
        return str(choices(code).label)
    except ValueError:
        return code


def exploitation_label(kind: str, subtype: str) -> str:
    if subtype:
        return f"{_label(ExploitationType, kind)}: {_label(CriminalSubtype, subtype)}"
    return _label(ExploitationType, kind)


def event_description(kind: str, data: dict) -> str:
    """One line summarising a timeline entry from its structured details (notes carry their own text)."""
    if kind == CaseEventKind.STATUS_CHANGE:
        if not data.get("from"):
            return _("Case opened (status: %(to)s).") % {"to": _label(CaseStatus, data.get("to", ""))}
        return _("Status changed from %(from)s to %(to)s.") % {
            "from": _label(CaseStatus, data["from"]),
            "to": _label(CaseStatus, data.get("to", "")),
        }
    if kind == CaseEventKind.ASSIGNMENT:
        return _("Lead support worker: %(name)s.") % {"name": data.get("name", "")}
    if kind == CaseEventKind.VICTIM_STATUS:
        return _("Victim status: %(status)s.") % {"status": _label(VictimStatus, data.get("victim_status", ""))}
    if kind == CaseEventKind.EXPLOITATION:
        forms = ", ".join(exploitation_label(k, s) for k, s in data.get("exploitation", []))
        return _("Forms of exploitation: %(forms)s.") % {"forms": forms}
    if kind == CaseEventKind.SUPPORT_ACTION:
        return _("Support action added: %(kind)s.") % {"kind": _label(SupportActionKind, data.get("kind", ""))}
    if kind == CaseEventKind.REFERRAL:
        return _("Referral to %(to)s (%(purpose)s): %(status)s.") % {
            "to": data.get("to", ""),
            "purpose": _label(ReferralPurpose, data.get("purpose", "")),
            "status": _label(ReferralStatus, data.get("status", "")),
        }
    if kind == CaseEventKind.CONSENT:
        values = {"to": data.get("recipient", ""), "purpose": _label(ReferralPurpose, data.get("purpose", ""))}
        if data.get("withdrawn"):
            return _("Consent for %(to)s (%(purpose)s) withdrawn.") % values
        return _("Consent recorded for %(to)s (%(purpose)s), given by %(by)s.") % {
            **values,
            "by": data.get("given_by", ""),
        }
    if kind == CaseEventKind.TRANSITION_STEP:
        return _("Transition step at 18 recorded.")
    if kind == CaseEventKind.CLOSED:
        return _("Case closed: %(reason)s.") % {"reason": _label(CloseReason, data.get("reason", ""))}
    return ""
