from __future__ import annotations

import factory
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from zicht.accounts.constants import OrganizationKind
from zicht.accounts.models import Membership, Organization, User
from zicht.common.roles import Role

TEST_PASSWORD = "correct-horse-battery-staple"


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    kind = OrganizationKind.OTHER
    municipality = "Den Haag"
    phone = "070 123 4567"
    email = factory.Sequence(lambda n: f"info{n}@org.example")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organization = factory.SubFactory(OrganizationFactory)
    role = Role.REPORTER


class UserFactory(factory.django.DjangoModelFactory):
    """A user with an active membership: ``UserFactory(organization=org, role=Role.X)``."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    class Params:
        organization = factory.SubFactory(OrganizationFactory)
        role = Role.REPORTER

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Gebruiker {n}")
    email = factory.Sequence(lambda n: f"user{n}@org.example")
    phone = "06 1234 5678"
    is_staff = factory.LazyAttribute(lambda o: o.role == Role.ADMIN)
    password = factory.django.Password(TEST_PASSWORD)
    membership_row = factory.RelatedFactory(
        MembershipFactory,
        factory_related_name="user",
        organization=factory.SelfAttribute("..organization"),
        role=factory.SelfAttribute("..role"),
    )


def login_verified(client: Client, user: User) -> None:
    """Log in and mark the session as having passed the second factor."""
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="test", defaults={"confirmed": True})
    client.force_login(user)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
