"""Charts load apart from their page: the page draws nothing, and each picture comes from its own
URL through the same roles, period and publication path (protection, audited exact views)."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse

from zicht.audit.models import AccessLogEntry
from zicht.common.roles import Role
from zicht.stats import charts
from zicht.stats.figures import FIGURES
from zicht.stats.periods import default_period
from zicht.stats.selectors import stats_table_for_user
from zicht.stats.tests.factories import case_make
from zicht.stats.views import PAGES

pytestmark = pytest.mark.django_db

PERIOD = {"start": "2020-01-01", "end": "2022-07-15"}
IMG = re.compile(r'<img class="chart" src="([^"]+)"')


@pytest.fixture
def cases(support_org, other_support_org):
    made = [case_make(organization=support_org, opened_on=datetime.date(2021, 3, d + 1)) for d in range(23)]
    made += [case_make(organization=other_support_org, opened_on=datetime.date(2021, 4, 1), age=19)]
    return made


@pytest.fixture
def no_drawing(monkeypatch):
    """Fail any matplotlib drawing: the pages must not draw."""
    charts._svg_cached.cache_clear()

    def refuse(*args, **kwargs):
        raise AssertionError("a page drew a chart")

    monkeypatch.setattr(charts, "_bars_figure", refuse)
    monkeypatch.setattr(charts, "_estimate_figure", refuse)
    yield
    charts._svg_cached.cache_clear()


def _sources(html: str) -> list[str]:
    return [src.replace("&amp;", "&") for src in IMG.findall(html)]


def test_pages_draw_no_chart_and_point_each_picture_at_its_url(personas, client_for, cases, no_drawing) -> None:
    client = client_for(personas[Role.ANALYST])
    for page, (_title, keys) in PAGES.items():
        html = client.get(reverse(f"stats:{page}"), PERIOD).content.decode()
        assert "data:image" not in html
        for src in _sources(html):
            key = src.split("/")[-1].split(".svg")[0]
            assert key in keys
            assert src == f"{reverse('stats:chart', args=[key])}?start=2020-01-01&end=2022-07-15"
    assert _sources(client.get(reverse("stats:cases"), PERIOD).content.decode())


def test_the_picture_is_the_chart_of_the_table_the_page_shows(personas, client_for, cases) -> None:
    analyst = personas[Role.ANALYST]
    client = client_for(analyst)
    html = client.get(reverse("stats:cases"), PERIOD).content.decode()
    bars = 0
    for src in _sources(html):
        key = src.split("/")[-1].split(".svg")[0]
        response = client.get(src)
        assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
        assert "default-src 'none'" in response["Content-Security-Policy"]
        table = stats_table_for_user(
            user=analyst, key=key, start=datetime.date(2020, 1, 1), end=datetime.date(2022, 7, 15)
        )
        drawn = charts.chart_for(table, FIGURES[key].chart)
        assert drawn is not None and drawn.image
        assert response.content == charts.chart_svg(table, FIGURES[key].chart)
        assert b"<svg" in response.content
        bars += response.content.count(b'id="bar-')
    assert bars > 0
    # protected for the analyst: 23 cases in 2021 are rounded, never drawn as 23
    svg = client.get(reverse("stats:chart", args=["known_victims_per_year"]), PERIOD).content.decode()
    assert ">23<" not in svg and "25" in svg


def test_the_period_is_checked_like_the_page(personas, client_for, cases) -> None:
    """A period the form refuses falls back to the default period, on the page and in the picture."""
    analyst = personas[Role.ANALYST]
    client = client_for(analyst)
    bad = {"start": "2022-07-15", "end": "2020-01-01"}
    html = client.get(reverse("stats:cases"), bad).content.decode()
    default = default_period()
    query = f"start={default.start.isoformat()}&end={default.end.isoformat()}"
    assert all(src.endswith(query) for src in _sources(html))
    picture = client.get(reverse("stats:chart", args=["cases_by_form"]), bad).content
    table = stats_table_for_user(user=analyst, key="cases_by_form", start=default.start, end=default.end)
    assert picture == charts.chart_svg(table, FIGURES["cases_by_form"].chart)


def test_a_coordinators_exact_picture_is_audited_like_the_page(personas, client_for, cases, support_org) -> None:
    client = client_for(personas[Role.COORDINATOR])
    entries = AccessLogEntry.objects.filter(
        object_type="stats.cases_by_form", object_id=str(support_org.pk), purpose="statistics", action="read"
    )
    client.get(reverse("stats:cases"), PERIOD)
    assert entries.count() == 1
    response = client.get(reverse("stats:chart", args=["cases_by_form"]), PERIOD)
    assert response.status_code == 200
    assert entries.count() == 2


def test_analysts_views_are_not_audited_and_others_are_refused(personas, client_for, cases) -> None:
    url = reverse("stats:chart", args=["cases_by_form"])
    assert client_for(personas[Role.ANALYST]).get(url, PERIOD).status_code == 200
    assert not AccessLogEntry.objects.filter(object_type__startswith="stats.").exists()
    for role in (Role.REPORTER, Role.SUPPORT_WORKER, Role.PARTNER, Role.ADMIN):
        assert client_for(personas[role]).get(url, PERIOD).status_code in (403, 404), role


def test_unknown_figures_and_figures_without_a_picture_are_not_found(personas, client_for, cases, monkeypatch) -> None:
    client = client_for(personas[Role.ANALYST])
    assert client.get(reverse("stats:chart", args=["no_such_figure"]), PERIOD).status_code == 404
    # a table too hidden to draw: the page says why instead of showing a picture, and there is none to fetch
    why = "Geen grafiek: te weinig"
    monkeypatch.setattr(charts, "drawable", lambda table: (None, why))
    charts._svg_cached.cache_clear()  # pictures drawn by earlier tests
    html = client.get(reverse("stats:cases"), PERIOD).content.decode()
    assert "cases_by_form.svg" not in html and why in html
    assert client.get(reverse("stats:chart", args=["cases_by_form"]), PERIOD).status_code == 404
