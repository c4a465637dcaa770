"""Permission-matrix rows for the involvement index."""

from __future__ import annotations

from zicht.common.roles import Role
from zicht.common.testing import UrlCase

INDEX_ROLES = frozenset({Role.SUPPORT_WORKER, Role.COORDINATOR, Role.PARTNER})


def _own_involvement(personas, role):
    from zicht.matching.services import Identity, involvement_register

    user = personas.get(role) if role in INDEX_ROLES else personas[Role.SUPPORT_WORKER]
    involvement = involvement_register(
        organization=user.organization, contact=user, identity=Identity(bsn="111222333"), actor=user
    ).involvement
    return {"involvement_id": involvement.pk}


def _own_notice(personas, role):
    from zicht.accounts.constants import OrganizationKind
    from zicht.accounts.tests.factories import OrganizationFactory, UserFactory
    from zicht.matching.models import MatchNotice
    from zicht.matching.services import Identity, involvement_register

    user = personas.get(role) if role in INDEX_ROLES else personas[Role.SUPPORT_WORKER]
    other = UserFactory(
        organization=OrganizationFactory(name="Matrix politie", kind=OrganizationKind.POLICE), role=Role.PARTNER
    )
    identity = Identity(bsn="111222333")
    involvement_register(organization=user.organization, contact=user, identity=identity, actor=user)
    involvement_register(organization=other.organization, contact=other, identity=identity, actor=other)
    return {"notice_id": MatchNotice.objects.filter(recipient=user).latest("pk").pk}


URLS = [
    UrlCase("matching:involvement_list", INDEX_ROLES),
    UrlCase("matching:involvement_register", INDEX_ROLES),
    UrlCase("matching:involvement_detail", INDEX_ROLES, kwargs_factory=_own_involvement),
    UrlCase("matching:involvement_withdraw", INDEX_ROLES, kwargs_factory=_own_involvement),
    UrlCase("matching:notice_list", INDEX_ROLES),
    UrlCase("matching:notice_detail", INDEX_ROLES, kwargs_factory=_own_notice),
]
