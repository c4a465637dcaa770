"""The demo meetings: each demo partner sees its own actions, and the home queues have work in them."""

from __future__ import annotations

import random

import pytest

from zicht.accounts.demo import create_organizations, create_users
from zicht.cases.tests.factories import make_case
from zicht.common.demo_context import DemoContext
from zicht.meetings import demo
from zicht.meetings.queues import action_home_queues
from zicht.meetings.selectors import action_list_visible_to, meeting_list_visible_to

pytestmark = pytest.mark.django_db


def test_demo_meetings_give_each_partner_its_own_actions() -> None:
    organizations = create_organizations()
    users, _passwords = create_users(organizations)
    context = DemoContext(organizations, users, random.Random(1), lambda _msg: None)
    context.extra["cases"] = [make_case(user=users["support_worker"]).pk for _ in range(2)]
    demo.populate(context)
    assert meeting_list_visible_to(user=users["coordinator"]).count() == 2
    assert meeting_list_visible_to(user=users["police_partner"]).count() == 1
    owners = {
        key: set(action_list_visible_to(user=users[key]).values_list("owner_organization__name", flat=True))
        for key in ("partner", "police_partner", "fier_worker")
    }
    assert owners == {
        "partner": {organizations["cjg"].name},
        "police_partner": {organizations["police"].name},
        "fier_worker": set(),
    }
    # The CJG: one overdue action (the other is done); the police: one due in four days.
    counts = {key: action_home_queues(user=users[key])[0].count for key in ("partner", "police_partner", "coordinator")}
    assert counts == {"partner": 1, "police_partner": 1, "coordinator": 1}
