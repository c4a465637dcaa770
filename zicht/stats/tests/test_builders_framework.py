"""The action framework's figures, against counts worked out by hand from the routes each test walks."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone, translation

from zicht.accounts.tests.factories import OrganizationFactory, UserFactory
from zicht.common.roles import Role
from zicht.framework.services import route_start, triage_route_start, triage_step_record
from zicht.framework.tests.factories import PROFESSIONAL_STEPS, route_walk
from zicht.stats import builders_framework as builders
from zicht.stats.permissions import PROTECTED
from zicht.stats.publication import Audience, figure_publish

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Row and column labels in the English source text (the step titles are data, in Dutch)."""
    with translation.override("en"):
        yield


TODAY = timezone.localdate()
START, END = TODAY - datetime.timedelta(days=60), TODAY


def _row(table, label_start: str) -> tuple[int, ...]:
    [index] = [i for i, label in enumerate(table.rows) if label.startswith(label_start)]
    return table.cells[index]


def test_reach_counts_routes_at_each_step(personas) -> None:
    teacher = personas[Role.REPORTER]
    route_walk(user=teacher)  # all five steps
    route_walk(user=teacher, steps=2)  # stopped after consulting
    route_start(user=teacher)  # started only
    table = builders.framework_step_reach(start=START, end=END)
    # Reached / completed / completed within the norm.
    assert _row(table, "Professional: Breng de signalen") == (3, 2, 2)
    assert _row(table, "Professional: Overleg") == (2, 2, 2)
    assert _row(table, "Professional: Praat") == (2, 1, 1)  # the second route got here, and stopped
    assert _row(table, "Professional: Weeg") == (1, 1, 1)
    assert _row(table, "Professional: Beslis") == (1, 1, 1)
    assert _row(table, "Triage: Eerste contact") == (0, 0, 0)


def test_step_time_and_steps_completed_after_their_norm(personas, support_org) -> None:
    worker = personas[Role.SUPPORT_WORKER]
    received = timezone.now() - datetime.timedelta(days=6, hours=1)
    route = triage_route_start(organization=support_org, at=received)
    triage_step_record(route=route, user=worker, code="first_contact", at=received + datetime.timedelta(hours=2))
    triage_step_record(route=route, user=worker, code="safety_check", at=received + datetime.timedelta(days=6))
    time = builders.framework_step_time(start=START, end=END)
    assert _row(time, "Triage: Eerste contact") == (1, 0, 0, 0, 0)
    assert _row(time, "Triage: Veiligheidscheck") == (0, 0, 1, 0, 0)
    reach = builders.framework_step_reach(start=START, end=END)
    assert _row(reach, "Triage: Veiligheidscheck") == (1, 1, 0)  # five days is the norm
    assert _row(reach, "Triage: Besluit") == (1, 0, 0)


def test_decisions_by_the_sector_of_the_professional(personas, support_org) -> None:
    teacher = personas[Role.REPORTER]
    youth_worker = UserFactory(organization=OrganizationFactory(kind="youth_work"), role=Role.REPORTER)
    route_walk(user=teacher)
    route_walk(user=teacher, decision="report_police")
    route_walk(user=youth_worker, decision="organise_help")
    route_walk(user=youth_worker, steps=4)  # no decision yet
    table = builders.framework_decisions_by_sector(start=START, end=END)
    assert table.value("School", "Melden bij de steunorganisatie") == 1
    assert table.value("School", "Melden bij de politie") == 1
    assert table.value("Youth work", "Hulp organiseren en de effecten volgen") == 1
    assert table.total() == 3


def test_routes_outside_the_period_do_not_count(personas) -> None:
    route_start(user=personas[Role.REPORTER], at=timezone.now() - datetime.timedelta(days=400))
    assert builders.framework_step_reach(start=START, end=END).is_empty()


def test_small_counts_are_protected_when_published(personas) -> None:
    teacher = personas[Role.REPORTER]
    for _ in range(3):
        route_walk(user=teacher, steps=1)
    published = figure_publish(key="framework_step_reach", start=START, end=END, audience=Audience(PROTECTED, None))
    assert published.has_suppression
    shown = [str(cell) for row in published.cells for cell in row]
    assert "3" not in shown


def test_every_step_code_is_in_the_table(personas) -> None:
    rows = builders.framework_step_reach(start=START, end=END).rows
    assert len([r for r in rows if r.startswith("Professional")]) == len(PROFESSIONAL_STEPS)
    assert len([r for r in rows if r.startswith("Triage")]) == 3
