from zicht.common.roles import Role
from zicht.common.testing import UrlCase

ALL_ROLES = frozenset(Role.values)

# Health endpoints: open to everyone (the supervisor has no account), no personal data.
URLS = [
    UrlCase("healthz", ALL_ROLES, anonymous="allowed"),
    UrlCase("readyz", ALL_ROLES, anonymous="allowed"),
]
