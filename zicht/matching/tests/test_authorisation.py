"""The index's services authorise their actor themselves, not only the views in front of them."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from zicht.api.framework import ApiPrincipal, api_token_create
from zicht.common.actors import SYSTEM_ACTOR
from zicht.common.roles import Role
from zicht.matching.models import Involvement
from zicht.matching.services import Identity, involvement_register

pytestmark = pytest.mark.django_db
SANNE = Identity(bsn="111222333")


@pytest.mark.parametrize("role", [Role.REPORTER, Role.ANALYST, Role.ADMIN])
def test_roles_outside_the_index_cannot_register(personas, role) -> None:
    user = personas[role]
    with pytest.raises(PermissionDenied):
        involvement_register(organization=user.organization, contact=user, identity=SANNE, actor=user)
    assert not Involvement.objects.exists()


def test_nobody_registers_for_another_organisation(personas) -> None:
    partner, support = personas[Role.PARTNER], personas[Role.SUPPORT_WORKER]
    with pytest.raises(PermissionDenied):
        involvement_register(organization=support.organization, contact=partner, identity=SANNE, actor=partner)
    token, _clear = api_token_create(organization=partner.organization)
    with pytest.raises(PermissionDenied):
        involvement_register(
            organization=support.organization, contact=None, identity=SANNE, actor=ApiPrincipal(token=token)
        )
    assert not Involvement.objects.exists()


def test_own_organisation_its_api_token_and_the_system_may_register(personas) -> None:
    partner = personas[Role.PARTNER]
    token, _clear = api_token_create(organization=partner.organization)
    involvement_register(organization=partner.organization, contact=partner, identity=SANNE, actor=partner)
    involvement_register(
        organization=partner.organization, contact=None, identity=SANNE, actor=ApiPrincipal(token=token)
    )
    involvement_register(organization=partner.organization, contact=None, identity=SANNE, actor=SYSTEM_ACTOR)
    assert Involvement.objects.count() == 3
