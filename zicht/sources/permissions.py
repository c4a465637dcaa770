"""Who may do what with partner lists and estimates (pure predicates)."""

from __future__ import annotations

from zicht.common.roles import Role

UPLOAD_ROLES: frozenset[str] = frozenset({Role.PARTNER, Role.COORDINATOR})
ESTIMATE_ROLES: frozenset[str] = frozenset({Role.COORDINATOR, Role.ANALYST})


def role_uploads_lists(role: str | None) -> bool:
    return role in UPLOAD_ROLES


def role_runs_estimates(role: str | None) -> bool:
    return role in ESTIMATE_ROLES


def may_upload_list(
    *, role: str | None, actor_org_id: int | None, organization_id: int, is_system: bool, is_api: bool
) -> bool:
    """A list is uploaded for one's own organisation (by an upload role or its partner system), or
    built by a scheduled job from the support organisation's own cases."""
    if is_system:
        return True
    return actor_org_id is not None and actor_org_id == organization_id and (is_api or role_uploads_lists(role))
