"""Pure predicates on roles: what a role may do, decided in one place."""

from __future__ import annotations

from zicht.accounts.constants import OrganizationKind
from zicht.common.roles import Role

# Roles that see personal data (of young people or of other professionals) need MFA.
PERSONAL_DATA_ROLES: frozenset[str] = frozenset(
    {Role.REPORTER, Role.SUPPORT_WORKER, Role.COORDINATOR, Role.PARTNER, Role.ADMIN}
)
CASE_ROLES: frozenset[str] = frozenset({Role.SUPPORT_WORKER, Role.COORDINATOR})
STATISTICS_ROLES: frozenset[str] = frozenset({Role.ANALYST, Role.COORDINATOR})
ADMINISTRATION_ROLES: frozenset[str] = frozenset({Role.ADMIN})


def role_requires_mfa(role: str | None) -> bool:
    return role in PERSONAL_DATA_ROLES


def role_sees_personal_data(role: str | None) -> bool:
    return role in PERSONAL_DATA_ROLES


def role_handles_cases(role: str | None) -> bool:
    return role in CASE_ROLES


def role_manages_organisation(role: str | None) -> bool:
    """Assignment, closing and exports of the own organisation."""
    return role == Role.COORDINATOR


def role_sees_statistics(role: str | None) -> bool:
    return role in STATISTICS_ROLES


def role_administers(role: str | None) -> bool:
    return role in ADMINISTRATION_ROLES


def organisation_kind_holds_cases(kind: str | None) -> bool:
    return kind == OrganizationKind.SUPPORT
