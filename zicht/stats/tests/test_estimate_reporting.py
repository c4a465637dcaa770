"""The published estimate: the one for all young people of the requested period, with the range across
methods and a statement of how many lists, which period and how sure the linkage is."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from zicht.stats.builders import hidden_number, latest_estimate
from zicht.stats.disclosure import protect
from zicht.stats.report import council_report_build
from zicht.stats.tables import StatTable

Y2024 = (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
Y2025 = (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))

METHODS = {
    "headline_method": "stepwise",
    "estimates": [
        {"method": "stepwise", "estimate": 412.0, "interval": {"low": 330.0, "high": 560.0, "method": "bootstrap-bca"}},
        {"method": "lcmcr", "estimate": 655.0, "interval": {"low": 420.0, "high": 1210.0, "method": "posterior"}},
        {"method": "dga", "estimate": 468.0, "interval": {"low": 350.0, "high": 700.0, "method": "posterior"}},
    ],
    "failed": {},
}


def _snapshot(period, *, stratum: str = "all", estimate: float = 400.0, **extra):
    from zicht.sources.models import EstimateSnapshot

    return EstimateSnapshot.objects.create(
        period_start=period[0],
        period_end=period[1],
        stratum=stratum,
        method="stepwise",
        library_version="1",
        estimate=estimate,
        interval_low=estimate * 0.8,
        interval_high=estimate * 1.4,
        observed=180,
        sources=["Politie: BVH 2024", "SHOP: cases 2024", "CJG: lijst 2024"],
        inputs={"lists": ["CJG", "Politie", "SHOP"], "patterns": [], "counts": []},
        **extra,
    )


@pytest.mark.django_db
def test_the_estimate_is_the_one_for_all_young_people_of_the_requested_period() -> None:
    all_2024 = _snapshot(Y2024, estimate=400.0)
    _snapshot(Y2024, stratum="age_band:under_18", estimate=150.0)  # newer, but a stratum
    _snapshot(Y2025, estimate=900.0)  # newer, but another period
    summary = latest_estimate(start=Y2024[0], end=Y2024[1])
    assert summary is not None and summary.estimate == all_2024.estimate
    assert latest_estimate(start=Y2025[0], end=Y2025[1]).estimate == 900.0
    assert latest_estimate(start=Y2024[0], end=Y2024[1], stratum="age_band:under_18").estimate == 150.0
    assert latest_estimate(start=datetime.date(2023, 1, 1), end=datetime.date(2023, 12, 31)) is None


@pytest.mark.django_db
def test_a_longer_period_takes_the_widest_estimate_inside_it_then_the_newest() -> None:
    _snapshot(Y2024, estimate=400.0)
    _snapshot((Y2024[0], Y2025[1]), estimate=1100.0)
    _snapshot(Y2025, estimate=900.0)
    assert latest_estimate(start=Y2024[0], end=Y2025[1]).estimate == 1100.0
    # an estimate reaching outside the requested period is not that period's estimate
    assert latest_estimate(start=Y2025[0], end=datetime.date(2025, 6, 30)) is None


@pytest.mark.django_db
def test_the_dashboard_figure_and_the_council_report_follow_the_requested_period() -> None:
    _snapshot(Y2024, estimate=400.0)
    _snapshot(Y2025, estimate=900.0)
    assert hidden_number(start=Y2024[0], end=Y2024[1]).cells[1] == (400,)
    report = council_report_build(
        start=Y2024[0],
        end=Y2024[1],
        version="public",
        tables=lambda key: (
            protect(hidden_number(start=Y2024[0], end=Y2024[1])) if key == "hidden_number" else protect(_empty(key))
        ),
    )
    text = " ".join(p for s in report.sections for p in s.paragraphs)
    assert "400" in text, text
    assert "900" not in text


@pytest.mark.django_db
def test_the_range_across_methods_and_the_linkage_statement_are_published() -> None:
    _snapshot(
        Y2024,
        estimate=412.0,
        methods=METHODS,
        link_threshold=2,
        linkage={"threshold": 2, "measured": False},
    )
    with translation.override("en"):
        table = hidden_number(start=Y2024[0], end=Y2024[1])
    values = dict(zip([str(r) for r in table.rows], [c[0] for c in table.cells], strict=True))
    assert values["Lowest estimate across methods"] == 412 and values["Highest estimate across methods"] == 655
    with translation.override("en"):
        notes = " ".join(str(n) for n in hidden_number(start=Y2024[0], end=Y2024[1]).notes)
    assert "three registrations" in notes and "2024" in notes
    assert "at least two" in notes and "was not measured" in notes
    report = council_report_build(
        start=Y2024[0],
        end=Y2024[1],
        version="public",
        tables=lambda key: protect(table) if key == "hidden_number" else protect(_empty(key)),
    )
    [section] = [s for s in report.sections if any(t.key == "hidden_number" for t in s.tables)]
    text = " ".join(section.paragraphs)
    # the published (rounded) figures: 410 headline, 330-560 interval, 410-655 across methods
    assert "410" in text and "655" in text, text
    assert "latente klassen" in text  # the paragraph on why the methods differ
    assert "niet gemeten" in text and "drie registraties" in text


@pytest.mark.django_db
def test_measured_linkage_quality_is_stated_with_its_basis() -> None:
    _snapshot(
        Y2024,
        linkage={"threshold": 3, "measured": True, "recall": 0.824, "precision": 0.991, "pairs": 240},
    )
    with translation.override("en"):
        notes = " ".join(str(n) for n in hidden_number(start=Y2024[0], end=Y2024[1]).notes)
    assert "82%" in notes and "99%" in notes and "at least three" in notes


def _empty(key: str) -> StatTable:
    start, end = Y2024
    if key == "known_victims_per_year":
        return StatTable(
            key, "K", "Year", "n", ("2024",), ("victims", "combined"), ((0, 0),), "q", start, end, row_totals=False
        )
    return StatTable(key, key, "r", "c", (), ("n",), (), "q", start, end)


@pytest.mark.django_db
def test_the_estimate_page_and_the_report_page_show_headline_range_and_linkage(personas, client_for) -> None:
    from django.urls import reverse

    from zicht.common.roles import Role

    snapshot = _snapshot(Y2024, estimate=412.0, methods=METHODS, linkage={"threshold": 2, "measured": False})
    analyst = client_for(personas[Role.ANALYST])
    page = analyst.get(reverse("sources:estimate_detail", args=[snapshot.pk])).content.decode()
    # published labels: 412 -> 410, 330-560; across methods 410 (stepwise) to 655 (latent classes)
    assert 'id="headline-estimate">410<' in page and "330 – 560" in page
    assert 'id="method-range">410 – 655<' in page
    assert "Latente klassen (LCMCR)" in page and "1210" in page
    assert "niet gemeten" in page and "ten minste twee sleutels" in page and "drie registraties" in page
    query = {"start": "2024-01-01", "end": "2024-12-31", "version": "public", "format": "html"}
    report = analyst.get(reverse("stats:report"), query)
    assert report.status_code == 200 and report["Content-Type"].startswith("text/html")
    html = report.content.decode()
    assert "Andere verdedigbare methoden geven schattingen tussen 410 en 655" in html
    assert "niet gemeten" in html and "drie registraties over 2024" in html


@pytest.mark.django_db
def test_the_list_of_estimates_shows_a_small_observed_number_protected(personas, client_for) -> None:
    from django.urls import reverse

    from zicht.common.roles import Role
    from zicht.sources.models import EstimateSnapshot

    _snapshot(Y2024, stratum="form:sexual", estimate=23.0)
    EstimateSnapshot.objects.update(observed=4)
    page = client_for(personas[Role.ANALYST]).get(reverse("sources:estimate_list")).content.decode()
    assert 'class="num">&lt; 10<' in page and 'class="num">4<' not in page
    assert 'class="num">25<' in page  # the estimate 23, rounded to a multiple of 5
