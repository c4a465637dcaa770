"""Object cases of the permission matrix: every URL that names an object, opened by each role for
an object of its own organisation (the role matrix), of another organisation, and one that does
not exist.

The other organisations form a complete second set of personas (support organisation, youth and
family centre, school, municipality), so an object shared by referral or consent with the second
youth and family centre must stay closed to the first one: a referral to one partner is never
visible to another.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.test_permission_matrix import ROLE_ROWS
from zicht.accounts.constants import OrganizationKind
from zicht.accounts.tests.factories import OrganizationFactory, UserFactory
from zicht.common.roles import Role
from zicht.common.testing import UrlCase

OBJECT_ROWS = [row for row in ROLE_ROWS if row.kwargs_factory is not None]
NONEXISTENT_ID = 987_654_321


@pytest.fixture
def other_personas(db) -> dict[str, object]:
    """One user per role in a second set of organisations."""
    support = OrganizationFactory(name="Fier Leeuwarden", kind=OrganizationKind.SUPPORT)
    cjg = OrganizationFactory(name="CJG Rotterdam", kind=OrganizationKind.CJG)
    school = OrganizationFactory(name="Tweede Lyceum", kind=OrganizationKind.SCHOOL)
    municipality = OrganizationFactory(name="Tweede gemeente", kind=OrganizationKind.MUNICIPALITY)
    return {
        Role.REPORTER: UserFactory(organization=school, role=Role.REPORTER),
        Role.SUPPORT_WORKER: UserFactory(organization=support, role=Role.SUPPORT_WORKER),
        Role.COORDINATOR: UserFactory(organization=support, role=Role.COORDINATOR),
        Role.PARTNER: UserFactory(organization=cjg, role=Role.PARTNER),
        Role.ANALYST: UserFactory(organization=municipality, role=Role.ANALYST),
        Role.ADMIN: UserFactory(organization=municipality, role=Role.ADMIN),
    }


def _get(client, row: UrlCase, kwargs: dict) -> int:
    url = reverse(row.name, kwargs=kwargs) + (f"?{row.query}" if row.query else "")
    return client.get(url).status_code


def test_object_rows_exist():
    """The object cases below must have something to check."""
    assert len(OBJECT_ROWS) >= 30


@pytest.mark.django_db
@pytest.mark.parametrize("row", OBJECT_ROWS, ids=[row.name for row in OBJECT_ROWS])
@pytest.mark.parametrize("role", sorted(Role.values))
def test_object_of_another_organisation(row, role, personas, other_personas, client_for):
    """Another organisation's object is 403/404 for every role, unless it is the municipality's."""
    kwargs = row.kwargs_factory(other_personas, role if role in row.allowed else None)
    status = _get(client_for(personas[role]), row, kwargs)
    if row.object_scope == "municipality" and role in row.allowed:
        assert status == 200, f"{role} should open the municipality's {row.name}"
    else:
        assert status in (403, 404), f"{role} opened another organisation's {row.name} (got {status})"


def _without_objects(kwargs: dict) -> dict:
    """The kwargs with every object id replaced by one that does not exist (item numbers stay)."""
    return {
        key: NONEXISTENT_ID if isinstance(value, int) and key != "number" else value for key, value in kwargs.items()
    }


@pytest.mark.django_db
@pytest.mark.parametrize("row", OBJECT_ROWS, ids=[row.name for row in OBJECT_ROWS])
def test_nonexistent_object(row, personas, client_for):
    """A role allowed on the page gets 404, never a 500 or another object, for an id that does not exist."""
    own = row.kwargs_factory(personas, None)
    kwargs = _without_objects(own)
    if kwargs == own or not row.allowed:
        pytest.skip("the URL names no numeric object")
    for role in sorted(row.allowed):
        assert _get(client_for(personas[role]), row, kwargs) == 404, f"{role} on a missing {row.name}"
