from zicht.common.roles import Role
from zicht.common.testing import UrlCase
from zicht.concerns.constants import ConcernStatus

ALL_ROLES = frozenset(Role.values)
HANDLERS = frozenset({Role.SUPPORT_WORKER, Role.COORDINATOR})


def _concern_kwargs(personas, role, status: str = ConcernStatus.NEW) -> dict:
    """A concern reported by the reporter persona and handled by the support workers' organisation."""
    from zicht.concerns.tests.factories import concern_make

    concern = concern_make(
        handling_organization=personas[Role.SUPPORT_WORKER].organization,
        reporter=personas[Role.REPORTER],
        status=status,
    )
    return {"pk": concern.pk}


def _submitted_concern_kwargs(personas, role) -> dict:
    """A concern submitted through the service, so that it has its triage route."""
    from zicht.concerns.services import concern_submit

    concern = concern_submit(
        reporter=personas[Role.REPORTER],
        handling_organization=personas[Role.SUPPORT_WORKER].organization,
        reporter_sector="teacher",
        description="Signalen gezien",
    )
    return {"pk": concern.pk}


URLS = [
    UrlCase("concerns:public_create", ALL_ROLES, anonymous="allowed"),
    UrlCase("concerns:public_thanks", ALL_ROLES, anonymous="allowed"),
    UrlCase("concerns:create", frozenset({Role.REPORTER}) | HANDLERS),
    UrlCase("concerns:mine", frozenset({Role.REPORTER})),
    UrlCase("concerns:list", HANDLERS),
    UrlCase("concerns:detail", frozenset({Role.REPORTER}) | HANDLERS, kwargs_factory=_concern_kwargs),
    UrlCase(
        "concerns:transition",
        HANDLERS,
        kwargs_factory=lambda personas, role: {**_concern_kwargs(personas, role), "to_status": ConcernStatus.IN_TRIAGE},
    ),
    UrlCase("concerns:first_contact", HANDLERS, kwargs_factory=_concern_kwargs),
    UrlCase("concerns:safety_check", HANDLERS, kwargs_factory=_submitted_concern_kwargs),
]
