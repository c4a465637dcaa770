"""Pure predicates: who may use the council app and do what in it."""

from __future__ import annotations

from zicht.common.roles import Role

# Coordinators (support organisation) and analysts (municipal policy staff) write answers.
COUNCIL_ROLES: frozenset[str] = frozenset({Role.COORDINATOR, Role.ANALYST})
APPROVER_ROLES: frozenset[str] = frozenset({Role.COORDINATOR})


def role_uses_council(role: str | None) -> bool:
    return role in COUNCIL_ROLES


def role_approves_council_answers(role: str | None) -> bool:
    return role in APPROVER_ROLES


def role_uses_internal_figures(role: str | None) -> bool:
    """Exact (unprotected) figures: coordinators only, and only of their own organisation.

    Analysts see disclosure-protected statistics only.
    """
    return role == Role.COORDINATOR
