"""Who may register and read a young person's identity: the only place this app spells roles."""

from __future__ import annotations

from zicht.common.roles import Role

# Case workers of the support organisation keep the young people it registered.
IDENTITY_ROLES: frozenset[str] = frozenset({Role.SUPPORT_WORKER, Role.COORDINATOR})
# Who may name a young person while submitting a concern (the concern app checks the rest).
INTAKE_ROLES: frozenset[str] = frozenset({Role.REPORTER, Role.SUPPORT_WORKER, Role.COORDINATOR})


def role_keeps_identities(role: str | None) -> bool:
    return role in IDENTITY_ROLES


def young_person_may_register(*, role: str | None, user_org_id: int | None, organization_id: int, intake: bool) -> bool:
    """The intake rule: a case worker registers a young person for their own organisation; at the
    intake of a concern, a professional who may submit concerns registers the young person for the
    organisation that will handle it. Nobody else, and never anonymously."""
    if role_keeps_identities(role) and user_org_id == organization_id:
        return True
    return intake and role in INTAKE_ROLES
