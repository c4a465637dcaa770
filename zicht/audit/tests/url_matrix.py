from zicht.accounts.constants import Role
from zicht.common.testing import UrlCase

URLS = [UrlCase("audit:access_log", frozenset({Role.ADMIN}))]
