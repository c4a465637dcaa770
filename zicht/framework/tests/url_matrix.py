from zicht.common.roles import Role
from zicht.common.testing import UrlCase
from zicht.framework.permissions import ROUTE_ROLES

ALL_ROLES = frozenset(Role.values)


def _route_kwargs(personas, role) -> dict:
    """A route of the user under test if their role walks routes, else the reporter's (not theirs)."""
    from zicht.framework.services import route_start

    owner = personas[role] if role in ROUTE_ROLES else personas[Role.REPORTER]
    return {"pk": route_start(user=owner).pk}


URLS = [
    UrlCase("framework:index", ALL_ROLES),
    UrlCase("framework:print", ALL_ROLES),
    UrlCase("framework:pdf", ALL_ROLES),
    UrlCase("framework:route_start", ROUTE_ROLES),
    UrlCase("framework:route_detail", ROUTE_ROLES, kwargs_factory=_route_kwargs),
]
