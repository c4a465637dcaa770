"""Every figure of the statistics registry can be frozen into an answer (the contract both apps share)."""

from __future__ import annotations

import datetime

import pytest

from zicht.council.figures import figure_registry, freeze_figure

pytestmark = pytest.mark.django_db

REGISTRY = figure_registry()
ISSUE_KEYS = [
    "known_victims_per_year",
    "cases_by_form",
    "recruitment_places",
    "trainings_by_audience",
    "support_actions",
    "referrals_by_partner",
    "hidden_number",
]


def test_the_figures_the_issue_names_are_registered() -> None:
    assert set(ISSUE_KEYS) <= set(REGISTRY)


@pytest.mark.parametrize("key", sorted(REGISTRY))
def test_each_figure_freezes_on_an_empty_database(key: str, support_org) -> None:
    frozen = freeze_figure(
        key=key,
        start=datetime.date(2020, 1, 1),
        end=datetime.date(2022, 7, 15),
        organization=support_org,
        internal=True,
    )
    for table in (frozen.table, frozen.exact_table):
        assert len(table["cells"]) == len(table["rows"])
        assert all(len(row) == len(table["columns"]) for row in table["cells"])
        assert all(isinstance(value, str) for row in table["cells"] for value in row)
    assert frozen.table["protected"] is True and frozen.exact_table["protected"] is False
    assert frozen.query
