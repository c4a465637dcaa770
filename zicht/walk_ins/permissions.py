from __future__ import annotations

from zicht.accounts.permissions import CASE_ROLES

WALK_IN_ROLES: frozenset[str] = CASE_ROLES


def user_manages_walk_ins_of(user, organization_id: int) -> bool:
    if not getattr(user, "is_authenticated", False) or user.role not in WALK_IN_ROLES:
        return False
    return user.membership.organization_id == organization_id
