"""Pure predicates: who reads the framework, who walks a route, who edits it."""

from __future__ import annotations

from zicht.accounts.permissions import CASE_ROLES
from zicht.common.roles import Role

READER_ROLES: frozenset[str] = frozenset(Role.values)
# Professionals who may report a concern walk the route first.
ROUTE_ROLES: frozenset[str] = frozenset({Role.REPORTER, Role.SUPPORT_WORKER, Role.COORDINATOR})
TRIAGE_ROLES: frozenset[str] = CASE_ROLES
EDITOR_ROLES: frozenset[str] = frozenset({Role.ADMIN})


def role_walks_routes(role: str | None) -> bool:
    return role in ROUTE_ROLES


def role_edits_framework(role: str | None) -> bool:
    return role in EDITOR_ROLES


def user_walks_route(user, route) -> bool:
    """A professional's route is theirs alone."""
    return bool(getattr(user, "is_authenticated", False)) and route.started_by_id == user.pk


def user_triages_for(user, organization_id: int | None) -> bool:
    """Support workers and coordinators of the organisation that handles the concern."""
    if not getattr(user, "is_authenticated", False) or user.role not in TRIAGE_ROLES:
        return False
    membership = user.membership
    return membership is not None and membership.organization_id == organization_id
