"""A figure in an answer letter is published exactly as on the dashboard: one publication path,
the same protection against the previous annual publication (a year-to-date figure cannot be
differenced against the dashboard)."""

from __future__ import annotations

import datetime

import pytest

from zicht.common.roles import Role
from zicht.council import figures as council_figures
from zicht.council import services
from zicht.council.tests.factories import FakeFigureSpec, register_letter
from zicht.stats.disclosure import protect
from zicht.stats.exports import table_grid
from zicht.stats.figures import FIGURES
from zicht.stats.selectors import stats_table_for_user
from zicht.stats.tables import StatTable

pytestmark = pytest.mark.django_db
LAST_YEAR_END = datetime.date(2021, 12, 31)


def nested(*, start: datetime.date, end: datetime.date, organization=None) -> StatTable:
    """One more count since the annual figure: 1 in row "b", exposed if the periods are differenced."""
    values = (28, 0, 28) if end == LAST_YEAR_END else (28, 1, 28)
    return StatTable(
        "nested", "N", "r", "n", ("a", "b", "c"), ("n",), tuple((v,) for v in values), "q", start, end, row_totals=False
    )


@pytest.fixture
def registry(monkeypatch):
    spec = FakeFigureSpec("nested", "Genest (test)", nested)
    monkeypatch.setitem(FIGURES, "nested", spec)
    monkeypatch.setattr(council_figures, "figure_registry", lambda: {"nested": spec})


@pytest.mark.parametrize("end", [datetime.date(2022, 2, 28), LAST_YEAR_END, datetime.date(2022, 12, 31)])
def test_letter_figure_and_dashboard_publish_the_same_cells(personas, registry, end) -> None:
    analyst = personas[Role.ANALYST]
    start = datetime.date(2021, 1, 1)
    question = register_letter(user=analyst)
    item = question.items.first()
    figure = services.answer_figure_insert(
        user=analyst, item=item, figure_key="nested", period_start=start, period_end=end
    )
    dashboard = table_grid(stats_table_for_user(user=analyst, key="nested", start=start, end=end))
    letter = [
        [figure.table["row_label"], *figure.table["columns"]],
        *([row, *cells] for row, cells in zip(figure.table["rows"], figure.table["cells"], strict=False)),
    ]
    assert letter == dashboard
    if end == datetime.date(2022, 2, 28):
        # the year-to-date figure is protected against the annual one (a plain protect() would not be)
        assert table_grid(protect(nested(start=start, end=end))) != dashboard


def test_letter_notes_come_from_the_catalogue_in_dutch(personas, registry) -> None:
    analyst = personas[Role.ANALYST]
    question = register_letter(user=analyst)
    figure = services.answer_figure_insert(
        user=analyst,
        item=question.items.first(),
        figure_key="nested",
        period_start=datetime.date(2021, 1, 1),
        period_end=datetime.date(2022, 2, 28),
    )
    assert any(note.startswith("Aantallen van 1 tot en met 9 worden niet getoond") for note in figure.table["notes"])
    assert "Totaal" in figure.table["rows"]
