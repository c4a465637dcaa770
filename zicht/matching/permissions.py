"""Who may use the involvement index (pure predicates)."""

from __future__ import annotations

from zicht.common.roles import Role

INDEX_ROLES: frozenset[str] = frozenset({Role.SUPPORT_WORKER, Role.COORDINATOR, Role.PARTNER})


def role_uses_index(role: str | None) -> bool:
    return role in INDEX_ROLES


def may_register_involvement(
    *, role: str | None, actor_org_id: int | None, organization_id: int, is_system: bool, is_api: bool
) -> bool:
    """A registration is made for one's own organisation by a role that uses the index, by that
    organisation's partner system (API token), or by a scheduled job (the case feed)."""
    if is_system:
        return True
    return actor_org_id is not None and actor_org_id == organization_id and (is_api or role_uses_index(role))
