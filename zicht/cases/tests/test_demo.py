"""The demo data reproduces the source document's SHOP figures, counted through the selectors."""

from __future__ import annotations

import datetime
import importlib
import random

import pytest
from django.utils import timezone

from zicht.accounts.demo import create_organizations, create_users
from zicht.cases.constants import CaseStatus
from zicht.cases.models import Case
from zicht.cases.selectors import case_list_visible_to, cases_combined_with, cases_young_victims
from zicht.common.demo_context import DemoContext
from zicht.common.exploitation import ExploitationType

pytestmark = pytest.mark.django_db


def _context(seed: int) -> DemoContext:
    organizations = create_organizations()
    users, _passwords = create_users(organizations)
    return DemoContext(organizations, users, random.Random(seed), lambda _msg: None)


def _figures(user) -> dict[str, tuple[int, int]]:
    visible = case_list_visible_to(user=user)
    mid_july = timezone.make_aware(datetime.datetime(2022, 7, 15, 23, 59, 59))
    result = {}
    for label, year, until in (("2020", 2020, None), ("2021", 2021, None), ("2022 until 15 July", 2022, mid_july)):
        criminal = cases_young_victims(visible, year=year, opened_until=until)
        result[label] = (criminal.count(), cases_combined_with(criminal, ExploitationType.SEXUAL).count())
    return result


EXPECTED = {"2020": (6, 4), "2021": (4, 4), "2022 until 15 July": (2, 2)}


@pytest.mark.parametrize("seed", [2022, 7])
def test_cases_demo_reproduces_the_source_figures(seed: int) -> None:
    from zicht.cases import demo

    context = _context(seed)
    demo.populate(context)
    assert _figures(context.users["coordinator"]) == EXPECTED
    ids = context.extra["cases"]
    assert 130 <= len(ids) <= 170
    assert Case.objects.filter(pk__in=ids).values("registration_year").distinct().count() == 7  # 2020-2026
    # Fier's cases exist but are not SHOP's.
    assert Case.objects.filter(organization=context.organizations["fier"]).exists()
    shop = Case.objects.filter(organization=context.organizations["shop"])
    assert shop.filter(referrals__to_organization=context.organizations["cjg"], referrals__status="accepted").exists()
    assert shop.filter(referrals__status="rejected").exists()
    assert shop.filter(status=CaseStatus.CLOSED).exists() and shop.filter(status=CaseStatus.ACTIVE_SUPPORT).exists()
    # A few young people turn 18 during their case: one with the step recorded, some still asking for it.
    assert shop.filter(transition_step_recorded_at__isnull=False).exists()


def test_demo_with_the_concerns_demo_keeps_the_figures() -> None:
    concerns_demo = importlib.import_module("zicht.concerns.demo")
    from zicht.cases import demo

    context = _context(2022)
    concerns_demo.populate(context)
    demo.populate(context)
    assert _figures(context.users["coordinator"]) == EXPECTED
    linked = Case.objects.filter(pk__in=context.extra["cases"], concerns__isnull=False).distinct().count()
    assert linked == 0 or linked <= len(context.extra.get("concerns_for_cases", []))
