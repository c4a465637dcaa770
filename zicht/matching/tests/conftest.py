import pytest

from zicht.accounts.constants import OrganizationKind
from zicht.accounts.tests.factories import OrganizationFactory, UserFactory
from zicht.common.roles import Role


@pytest.fixture
def police_partner(db):
    org = OrganizationFactory(name="Politie Eenheid", kind=OrganizationKind.POLICE)
    return UserFactory(
        organization=org,
        role=Role.PARTNER,
        first_name="Pieter",
        last_name="Agent",
        email="pieter@politie.example",
        phone="06 1111 2222",
    )


@pytest.fixture
def veilig_thuis_partner(db):
    org = OrganizationFactory(name="Veilig Thuis", kind=OrganizationKind.VEILIG_THUIS)
    return UserFactory(organization=org, role=Role.PARTNER)


@pytest.fixture(autouse=True)
def english(settings):
    """Assertions on wording use the English source text, whatever catalogue is compiled."""
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
