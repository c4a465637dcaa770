from zicht.common.roles import Role
from zicht.common.testing import UrlCase

HANDLERS = frozenset({Role.SUPPORT_WORKER, Role.COORDINATOR})


def _session_kwargs(personas, role) -> dict:
    from zicht.walk_ins.tests.factories import session_make

    return {"pk": session_make(organization=personas[Role.SUPPORT_WORKER].organization).pk}


URLS = [
    UrlCase("walk_ins:list", HANDLERS),
    UrlCase("walk_ins:generate", HANDLERS),
    UrlCase("walk_ins:session", HANDLERS, kwargs_factory=_session_kwargs),
]
