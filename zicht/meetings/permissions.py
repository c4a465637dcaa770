"""Pure predicates: who may do what with case meetings and their agreed actions."""

from __future__ import annotations

from zicht.common.roles import Role

# The support organisation's coordinator plans the meeting, invites partners and records what was agreed.
MEETING_PLAN_ROLES: frozenset[str] = frozenset({Role.COORDINATOR})
# Case workers of the case's organisation see whole meetings; invited partners see the shared part.
MEETING_CASE_ROLES: frozenset[str] = frozenset({Role.SUPPORT_WORKER, Role.COORDINATOR})
MEETING_PARTNER_ROLES: frozenset[str] = frozenset({Role.PARTNER})
MEETING_VIEW_ROLES: frozenset[str] = MEETING_CASE_ROLES | MEETING_PARTNER_ROLES


def role_plans_meetings(role: str | None) -> bool:
    return role in MEETING_PLAN_ROLES


def user_plans_meeting(*, role: str | None, user_org_id: int | None, case_org_id: int) -> bool:
    return role_plans_meetings(role) and user_org_id is not None and user_org_id == case_org_id


def user_updates_action(*, role: str | None, user_org_id: int | None, owner_org_id: int) -> bool:
    """Only members of the owning organisation report on an action (partners and case workers alike)."""
    return role in MEETING_VIEW_ROLES and user_org_id is not None and user_org_id == owner_org_id
