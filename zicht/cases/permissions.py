"""Pure predicates: who may do what with cases and referrals."""

from __future__ import annotations

from zicht.accounts.constants import OrganizationKind
from zicht.common.roles import Role

CASE_WORKER_ROLES: frozenset[str] = frozenset({Role.SUPPORT_WORKER, Role.COORDINATOR})
# Partners answer referrals addressed to their organisation; case workers follow their own.
REFERRAL_ANSWER_ROLES: frozenset[str] = frozenset({Role.PARTNER})
REFERRAL_VIEW_ROLES: frozenset[str] = REFERRAL_ANSWER_ROLES | CASE_WORKER_ROLES
COORDINATOR_ROLES: frozenset[str] = frozenset({Role.COORDINATOR})


def role_works_on_cases(role: str | None) -> bool:
    return role in CASE_WORKER_ROLES


def role_coordinates_cases(role: str | None) -> bool:
    """Assign the lead worker, close cases, export the case list."""
    return role in COORDINATOR_ROLES


def user_works_on_case(*, role: str | None, user_org_id: int | None, case_org_id: int) -> bool:
    return role_works_on_cases(role) and user_org_id is not None and user_org_id == case_org_id


def user_answers_referral(*, role: str | None, user_org_id: int | None, to_org_id: int) -> bool:
    """Only a partner of the receiving organisation accepts, rejects or completes a referral."""
    return role in REFERRAL_ANSWER_ROLES and user_org_id is not None and user_org_id == to_org_id


def organization_is_cjg(kind: str | None) -> bool:
    return kind == OrganizationKind.CJG
