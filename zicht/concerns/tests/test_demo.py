"""The demo loaders of concerns, walk-ins and outreach run on fresh demo organisations and give varied data."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from zicht.accounts.demo import create_organizations, create_users
from zicht.common.demo_context import DemoContext
from zicht.concerns import demo as concerns_demo
from zicht.concerns.models import Concern
from zicht.outreach import demo as outreach_demo
from zicht.outreach.models import Campaign, Training
from zicht.walk_ins import demo as walk_ins_demo
from zicht.walk_ins.models import WalkInSession


@pytest.mark.django_db
def test_demo_data_is_varied_and_leaves_concerns_for_cases() -> None:
    organizations = create_organizations()
    users, _passwords = create_users(organizations)
    context = DemoContext(organizations, users, random.Random(7), lambda _msg: None)
    concerns_demo.populate(context)
    walk_ins_demo.populate(context)
    outreach_demo.populate(context)

    ids = context.extra["concerns"]
    assert 250 <= len(ids) <= 350 and Concern.objects.count() == len(ids)
    years = Counter(Concern.objects.values_list("received_at__year", flat=True))
    assert set(years) == set(range(2020, 2027))
    statuses = Counter(Concern.objects.values_list("status", flat=True))
    assert {"new", "in_triage", "advice_given", "forwarded", "closed"} <= set(statuses)
    assert (
        Concern.objects.filter(kind="advice_request").exists()
        and Concern.objects.filter(reporter__isnull=True).exists()
    )
    assert len(set(Concern.objects.values_list("recruitment_place", flat=True))) >= 5
    for_cases = context.extra["concerns_for_cases"]
    assert len(for_cases) >= 50
    kept = Concern.objects.filter(pk__in=[row["id"] for row in for_cases])
    assert set(kept.values_list("status", flat=True)) == {"in_triage"}
    assert not kept.filter(young_person__isnull=True).exists()
    assert {row["year"] for row in for_cases} == set(range(2020, 2027))

    weekdays = set(WalkInSession.objects.values_list("date__week_day", flat=True))
    assert weekdays == {3, 5}  # Django's week_day: Sunday = 1, so Tuesday = 3 and Thursday = 5
    assert Training.objects.filter(organiser=organizations["police"], kind="presentation").exists()
    assert Campaign.objects.filter(partner="FIER").exists()
