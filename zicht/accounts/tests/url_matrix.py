from zicht.common.roles import Role
from zicht.common.testing import UrlCase

ALL_ROLES = frozenset(Role.values)

URLS = [
    UrlCase("home", ALL_ROLES, anonymous="allowed"),
    UrlCase("accounts:login", frozenset(), anonymous="allowed"),
    UrlCase("accounts:password_reset", ALL_ROLES, anonymous="allowed"),
    UrlCase("accounts:password_reset_done", ALL_ROLES, anonymous="allowed"),
    UrlCase("accounts:password_reset_complete", ALL_ROLES, anonymous="allowed"),
    UrlCase(
        "accounts:organization_detail",
        ALL_ROLES,
        kwargs_factory=lambda personas, role: {"pk": personas[role or Role.ADMIN].organization.pk},
    ),
]
