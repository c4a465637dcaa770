"""Who may read the access log: the only place the audit app spells a role set."""

from __future__ import annotations

from zicht.common.roles import Role

ACCESS_LOG_ROLES: frozenset[str] = frozenset({Role.ADMIN})


def role_reads_access_log(role: str | None) -> bool:
    return role in ACCESS_LOG_ROLES
