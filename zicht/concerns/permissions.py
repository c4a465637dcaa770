"""Pure predicates: who may do what with concerns."""

from __future__ import annotations

from zicht.accounts.permissions import CASE_ROLES
from zicht.common.roles import Role
from zicht.concerns.constants import ConcernKind, ConcernStatus

SUBMIT_ROLES: frozenset[str] = frozenset({Role.REPORTER, Role.SUPPORT_WORKER, Role.COORDINATOR})
# Reporters follow their own concerns; case workers see them in the list instead.
REPORTER_ROLES: frozenset[str] = frozenset({Role.REPORTER})
TRIAGE_ROLES: frozenset[str] = CASE_ROLES


def role_submits_concerns(role: str | None) -> bool:
    return role in SUBMIT_ROLES


def role_triages_concerns(role: str | None) -> bool:
    return role in TRIAGE_ROLES


def user_handles_concern(user, concern) -> bool:
    """Support workers and coordinators of the handling organisation see content and act on it."""
    if not getattr(user, "is_authenticated", False) or not role_triages_concerns(user.role):
        return False
    membership = user.membership
    return membership is not None and membership.organization_id == concern.handling_organization_id


def user_is_reporter_of(user, concern) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and concern.reporter_id == user.pk


def concern_can_open_case(concern) -> bool:
    """A case can be opened from a concern (not an advice request) that has not passed triage yet."""
    return concern.kind == ConcernKind.CONCERN and concern.status in {ConcernStatus.NEW, ConcernStatus.IN_TRIAGE}
