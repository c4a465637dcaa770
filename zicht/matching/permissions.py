"""Who may use the involvement index (pure predicates)."""
from __future__ import annotations

from zicht.common.roles import Role

INDEX_ROLES: frozenset[str] = frozenset({Role.SUPPORT_WORKER, Role.COORDINATOR, Role.PARTNER})


def role_uses_index(role: str | None) -> bool:
    return role in INDEX_ROLES
