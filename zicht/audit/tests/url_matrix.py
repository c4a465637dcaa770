from zicht.common.roles import Role
from zicht.common.testing import UrlCase

URLS = [UrlCase("audit:access_log", frozenset({Role.ADMIN}))]
