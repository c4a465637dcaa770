"""Charts follow the disclosure rules; the estimate appears when the sources app has one; the table cache sees
new rows."""

from __future__ import annotations

import base64
import datetime
import io

import pytest
from django.urls import reverse

from zicht.common.roles import Role
from zicht.stats.builders import hidden_number
from zicht.stats.charts import alt_text, chart_for
from zicht.stats.disclosure import protect
from zicht.stats.report import council_report_build
from zicht.stats.tables import StatTable
from zicht.stats.tests.factories import case_make

START, END = datetime.date(2021, 1, 1), datetime.date(2021, 12, 31)


def _svg(chart) -> str:
    return base64.b64decode(chart.data_uri.split(",", 1)[1]).decode("utf-8")


def test_chart_shows_suppressed_bars_without_their_true_value() -> None:
    table = StatTable(
        "t",
        "Forms",
        "Form",
        "Cases",
        ("Alpha", "Beta", "Gamma"),
        ("Cases",),
        ((7,), (43,), (0,)),
        "q",
        START,
        END,
        row_totals=False,
        column_totals=False,
    )
    published = protect(table)
    chart = chart_for(published)
    svg = _svg(chart)
    assert "&lt; 10" in svg or "< 10" in svg
    assert ">7<" not in svg and ">43<" not in svg
    assert ">45<" in svg  # 43 rounded
    assert chart.alt == alt_text(published) and "Alpha: < 10" in chart.alt and "Beta: 45" in chart.alt
    assert "7" not in chart.alt.replace("Forms", "")


def test_empty_table_has_no_chart() -> None:
    table = StatTable("t", "Empty", "r", "c", (), ("n",), (), "q", START, END)
    assert chart_for(protect(table)) is None


@pytest.mark.django_db
def test_hidden_number_without_and_with_an_estimate() -> None:
    empty = hidden_number(start=START, end=END)
    assert empty.rows == () and empty.notes
    from zicht.sources.models import EstimateSnapshot

    EstimateSnapshot.objects.create(
        period_start=START,
        period_end=END,
        method="log-linear Poisson",
        library_version="1",
        estimate=123.4,
        interval_low=80.2,
        interval_high=210.9,
        observed=61,
        sources=["SHOP: cases 2021", "Politie: BVH 2021"],
    )
    table = hidden_number(start=START, end=END)
    assert [row[0] for row in table.cells] == [61, 123, 80, 211]
    published = protect(table)
    assert [c.label for c in published.column_values(0)] == ["60", "125", "80", "210"]
    assert chart_for(published, "estimate") is not None
    report = council_report_build(
        start=START,
        end=END,
        version="public",
        tables=lambda key: (
            protect(hidden_number(start=START, end=END)) if key == "hidden_number" else protect(_empty(key))
        ),
    )
    text = " ".join(p for s in report.sections for p in s.paragraphs)
    assert "125" in text and "80" in text and "210" in text and "Politie: BVH 2021" in text


def _empty(key: str) -> StatTable:
    if key == "known_victims_per_year":
        return StatTable(
            key, "K", "Year", "n", ("2021",), ("victims", "combined"), ((0, 0),), "q", START, END, row_totals=False
        )
    return StatTable(key, key, "r", "c", (), ("n",), (), "q", START, END)


@pytest.mark.django_db
def test_new_cases_are_counted_despite_the_table_cache(personas, client_for, support_org, settings) -> None:
    settings.ZICHT_STATS_CACHE_SECONDS = 300
    client = client_for(personas[Role.COORDINATOR])
    query = {"start": "2021-01-01", "end": "2021-12-31", "version": "internal", "format": "csv"}
    for day in range(3):
        case_make(organization=support_org, opened_on=datetime.date(2021, 3, 1 + day))
    first = client.get(reverse("stats:report"), query).content.decode("utf-8-sig")
    case_make(organization=support_org, opened_on=datetime.date(2021, 4, 1))
    second = client.get(reverse("stats:report"), query).content.decode("utf-8-sig")
    row = lambda text: next(line for line in io.StringIO(text) if line.startswith("2021;"))  # noqa: E731 (a one-line accessor reads best here)
    assert row(first).split(";")[1] == "3" and row(second).split(";")[1] == "4"
    from zicht.stats import cache

    assert cache._entries  # the tables were cached, and the new row still showed


def test_previous_publication_is_the_last_full_year_inside_the_period() -> None:
    from zicht.stats.selectors import previous_period_end

    assert previous_period_end(start=datetime.date(2020, 1, 1), end=datetime.date(2022, 7, 15)) == datetime.date(
        2021, 12, 31
    )
    assert previous_period_end(start=datetime.date(2022, 1, 1), end=datetime.date(2022, 7, 15)) is None
    assert previous_period_end(start=datetime.date(2021, 1, 1), end=datetime.date(2021, 12, 31)) is None


@pytest.mark.django_db
def test_analyst_tables_are_protected_against_the_previous_annual_publication(personas, monkeypatch) -> None:
    """The nested example of test_disclosure, through the service an analyst's pages use."""
    from zicht.stats import selectors
    from zicht.stats.figures import FigureSpec

    def build(*, start, end, organization=None):
        values = (28, 0, 28) if end == datetime.date(2021, 12, 31) else (28, 1, 28)
        return StatTable(
            "nested",
            "N",
            "r",
            "n",
            ("a", "b", "c"),
            ("n",),
            tuple((v,) for v in values),
            "q",
            start,
            end,
            row_totals=False,
        )

    monkeypatch.setitem(selectors.FIGURES, "nested", FigureSpec("nested", "N", build, "cases"))
    start, end = datetime.date(2021, 1, 1), datetime.date(2022, 2, 28)
    shown = selectors.stats_table_for_user(user=personas[Role.ANALYST], key="nested", start=start, end=end)
    after = build(start=start, end=end)
    assert shown == protect(after, previous=build(start=start, end=datetime.date(2021, 12, 31)))
    assert shown != protect(after)


def test_every_figure_declares_the_installed_models_it_counts() -> None:
    from django.apps import apps

    from zicht.stats.figures import FIGURES

    for key, spec in FIGURES.items():
        assert spec.counts, key
        for label in spec.counts:
            assert apps.get_model(label), (key, label)


@pytest.mark.django_db
def test_a_new_estimate_is_published_despite_the_table_cache(personas, settings) -> None:
    """The estimate figure declares the snapshot model, so a new snapshot makes its cached table stale."""
    from zicht.sources.models import EstimateSnapshot
    from zicht.stats import selectors

    settings.ZICHT_STATS_CACHE_SECONDS = 300
    analyst = personas[Role.ANALYST]
    before = selectors.stats_table_for_user(user=analyst, key="hidden_number", start=START, end=END)
    EstimateSnapshot.objects.create(
        period_start=START,
        period_end=END,
        method="stepwise",
        library_version="1",
        estimate=123.4,
        interval_low=80.2,
        interval_high=210.9,
        observed=61,
        sources=["SHOP: cases 2021"],
    )
    after = selectors.stats_table_for_user(user=analyst, key="hidden_number", start=START, end=END)
    assert before.rows == () and [cell.label for cell in after.column_values(0)][:2] == ["60", "125"]
