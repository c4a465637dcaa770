"""Who sees which statistics (pure predicates)."""

from __future__ import annotations

from zicht.accounts.constants import OrganizationKind
from zicht.common.roles import Role

PROTECTED = "protected"
EXACT = "exact"

# Roles that may open the statistics pages at all.
STATS_ROLES = frozenset({Role.ANALYST, Role.COORDINATOR})


def stats_mode(*, role: str | None, organization_kind: str | None) -> str | None:
    """``protected`` for analysts (all organisations, disclosure-controlled), ``exact`` for a
    coordinator of a support organisation (own organisation only, audited), None otherwise."""
    if role == Role.ANALYST:
        return PROTECTED
    if role == Role.COORDINATOR and organization_kind == OrganizationKind.SUPPORT:
        return EXACT
    return None
