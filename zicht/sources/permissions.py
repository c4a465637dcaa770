"""Who may do what with partner lists and estimates (pure predicates)."""
from __future__ import annotations

from zicht.common.roles import Role

UPLOAD_ROLES: frozenset[str] = frozenset({Role.PARTNER, Role.COORDINATOR})
ESTIMATE_ROLES: frozenset[str] = frozenset({Role.COORDINATOR, Role.ANALYST})


def role_uploads_lists(role: str | None) -> bool:
    return role in UPLOAD_ROLES


def role_runs_estimates(role: str | None) -> bool:
    return role in ESTIMATE_ROLES
