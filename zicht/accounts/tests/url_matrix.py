from datetime import timedelta

from django.utils import timezone

from zicht.common.roles import Role
from zicht.common.testing import UrlCase

ALL_ROLES = frozenset(Role.values)


def _invitation_token(personas, role) -> dict:
    """A valid invitation for a not yet enrolled colleague: only an anonymous visitor may use it."""
    from zicht.accounts.models import EnrolmentInvitation
    from zicht.accounts.services import token_hash
    from zicht.accounts.tests.factories import UserFactory

    user = UserFactory(organization=personas[Role.SUPPORT_WORKER].organization, role=Role.SUPPORT_WORKER)
    token = f"matrix-{user.pk}"
    EnrolmentInvitation.objects.create(
        user=user, token_hash=token_hash(token), expires_at=timezone.now() + timedelta(hours=1)
    )
    return {"token": token}


URLS = [
    UrlCase("home", ALL_ROLES, anonymous="allowed"),
    UrlCase("accounts:login", frozenset(), anonymous="allowed"),
    UrlCase("accounts:enrolment", frozenset(), anonymous="allowed", kwargs_factory=_invitation_token),
    UrlCase("accounts:preferences", ALL_ROLES),
    UrlCase("accounts:password_reset", ALL_ROLES, anonymous="allowed"),
    UrlCase("accounts:password_reset_done", ALL_ROLES, anonymous="allowed"),
    UrlCase("accounts:password_reset_complete", ALL_ROLES, anonymous="allowed"),
    UrlCase("accounts:access_review", frozenset({Role.ADMIN})),
    UrlCase("accounts:access_review_csv", frozenset({Role.ADMIN})),
    UrlCase(
        "accounts:organization_detail",
        ALL_ROLES,
        kwargs_factory=lambda personas, role: {"pk": personas[role or Role.ADMIN].organization.pk},
    ),
]
