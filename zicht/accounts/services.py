from __future__ import annotations

from django.db import transaction

from zicht.accounts.constants import OrganizationKind
from zicht.common.roles import Role
from zicht.accounts.models import Membership, Organization, User


@transaction.atomic
def organization_create(*, name: str, kind: str, municipality: str, phone: str = "", email: str = "") -> Organization:
    if kind not in OrganizationKind.values:
        raise ValueError(f"unknown organisation kind: {kind!r}")
    return Organization.objects.create(name=name, kind=kind, municipality=municipality, phone=phone, email=email)


@transaction.atomic
def user_create_with_membership(
    *,
    username: str,
    password: str | None,
    organization: Organization,
    role: str,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    phone: str = "",
    is_demo: bool = False,
) -> User:
    if role not in Role.values:
        raise ValueError(f"unknown role: {role!r}")
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        phone=phone,
        is_demo=is_demo,
        is_staff=role == Role.ADMIN,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    Membership.objects.create(user=user, organization=organization, role=role)
    return user
