from zicht.common.roles import Role
from zicht.common.testing import UrlCase

HANDLERS = frozenset({Role.SUPPORT_WORKER, Role.COORDINATOR})

URLS = [
    UrlCase("outreach:index", HANDLERS),
    UrlCase("outreach:training_create", HANDLERS),
    UrlCase("outreach:lesson_create", HANDLERS),
    UrlCase("outreach:campaign_create", HANDLERS),
]
