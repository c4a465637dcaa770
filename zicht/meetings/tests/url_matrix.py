"""Rows for the permission matrix: invited partner, own organisation, other organisation, non-existent."""

from zicht.common.roles import Role
from zicht.common.testing import UrlCase

CASE_ROLES = frozenset({Role.SUPPORT_WORKER, Role.COORDINATOR})
COORDINATOR = frozenset({Role.COORDINATOR})
PARTNER = frozenset({Role.PARTNER})
VIEW_ROLES = CASE_ROLES | PARTNER
NOBODY: frozenset[str] = frozenset()
MISSING = 987654


def _case(personas):
    from zicht.cases.tests.factories import make_case

    return make_case(user=personas[Role.SUPPORT_WORKER], age=16)


def _meeting(personas, *, invite_partner: bool = True):
    from zicht.meetings.tests.factories import make_meeting

    invite = [personas[Role.PARTNER].organization] if invite_partner else []
    return make_meeting(case=_case(personas), coordinator=personas[Role.COORDINATOR], invite=invite)


def _other_org_meeting(personas, role) -> dict:
    """A meeting of another support organisation (the persona partner's organisation not invited)."""
    from zicht.accounts.constants import OrganizationKind
    from zicht.accounts.tests.factories import OrganizationFactory, UserFactory
    from zicht.cases.tests.factories import make_case
    from zicht.meetings.tests.factories import make_meeting

    org = OrganizationFactory(name="Fier", kind=OrganizationKind.SUPPORT)
    worker = UserFactory(organization=org, role=Role.SUPPORT_WORKER)
    coordinator = UserFactory(organization=org, role=Role.COORDINATOR)
    meeting = make_meeting(case=make_case(user=worker), coordinator=coordinator)
    return {"meeting_id": meeting.pk}


def _action(personas, *, partner_owned: bool):
    from zicht.meetings.tests.factories import make_action

    meeting = _meeting(personas)
    owner = personas[Role.PARTNER if partner_owned else Role.COORDINATOR].organization
    return make_action(meeting=meeting, coordinator=personas[Role.COORDINATOR], owner=owner)


URLS = [
    UrlCase("meetings:list", VIEW_ROLES),
    UrlCase("meetings:action_list", VIEW_ROLES),
    UrlCase("meetings:action_list", VIEW_ROLES, query="queue=due"),
    UrlCase("meetings:plan", COORDINATOR, kwargs_factory=lambda p, r: {"case_id": _case(p).pk}),
    UrlCase("meetings:plan", NOBODY, kwargs_factory=lambda p, r: {"case_id": MISSING}),
    # Invited partner and own organisation.
    UrlCase("meetings:detail", VIEW_ROLES, kwargs_factory=lambda p, r: {"meeting_id": _meeting(p).pk}),
    # Partner not invited.
    UrlCase(
        "meetings:detail", CASE_ROLES, kwargs_factory=lambda p, r: {"meeting_id": _meeting(p, invite_partner=False).pk}
    ),
    # Another support organisation's meeting.
    UrlCase("meetings:detail", NOBODY, kwargs_factory=_other_org_meeting),
    UrlCase("meetings:detail", NOBODY, kwargs_factory=lambda p, r: {"meeting_id": MISSING}),
    UrlCase("meetings:invite", COORDINATOR, kwargs_factory=lambda p, r: {"meeting_id": _meeting(p).pk}),
    UrlCase("meetings:invite", NOBODY, kwargs_factory=_other_org_meeting),
    UrlCase("meetings:summary", COORDINATOR, kwargs_factory=lambda p, r: {"meeting_id": _meeting(p).pk}),
    UrlCase("meetings:summary", NOBODY, kwargs_factory=lambda p, r: {"meeting_id": MISSING}),
    UrlCase("meetings:action_add", COORDINATOR, kwargs_factory=lambda p, r: {"meeting_id": _meeting(p).pk}),
    UrlCase("meetings:action_add", NOBODY, kwargs_factory=_other_org_meeting),
    # The partner's own action; the support organisation's action (another organisation for the partner).
    UrlCase(
        "meetings:action_detail",
        VIEW_ROLES,
        kwargs_factory=lambda p, r: {"action_id": _action(p, partner_owned=True).pk},
    ),
    UrlCase(
        "meetings:action_detail",
        CASE_ROLES,
        kwargs_factory=lambda p, r: {"action_id": _action(p, partner_owned=False).pk},
    ),
    UrlCase("meetings:action_detail", NOBODY, kwargs_factory=lambda p, r: {"action_id": MISSING}),
    UrlCase(
        "meetings:action_update", PARTNER, kwargs_factory=lambda p, r: {"action_id": _action(p, partner_owned=True).pk}
    ),
    UrlCase(
        "meetings:action_update",
        CASE_ROLES,
        kwargs_factory=lambda p, r: {"action_id": _action(p, partner_owned=False).pk},
    ),
    UrlCase("meetings:action_update", NOBODY, kwargs_factory=lambda p, r: {"action_id": MISSING}),
]
