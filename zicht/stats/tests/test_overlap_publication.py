"""The estimate page's overlap picture goes through the disclosure layer: no count from 1 to 9
and no exact total beside hidden cells, in the table, the picture and its text alternative."""

from __future__ import annotations

import datetime
import itertools
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zicht.common.roles import Role
from zicht.sources.upset import upset_alt_text, upset_svg
from zicht.stats.disclosure import CellState
from zicht.stats.publication import overlap_order, overlap_publish

START, END = datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)
SMALL = re.compile(r"(?<![\d<] )(?<![\d.,])\b[1-9]\b(?![\d.,])")


def allowed(label: str) -> bool:
    """A published label: 0, hidden, or a rounded count of at least the threshold."""
    return label in ("0", "< 10", "×", ".") or (label.isdigit() and int(label) >= 10 and int(label) % 5 == 0)


@st.composite
def overlaps(draw):
    n = draw(st.integers(2, 4))
    lists = [f"Lijst {chr(65 + i)}" for i in range(n)]
    every = [list(p) for p in itertools.product((0, 1), repeat=n) if any(p)]
    patterns = draw(st.lists(st.sampled_from(every), min_size=1, max_size=len(every), unique_by=tuple))
    counts = draw(
        st.lists(st.one_of(st.integers(0, 9), st.integers(10, 400)), min_size=len(patterns), max_size=len(patterns))
    )
    return lists, patterns, counts


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(overlaps())
def test_overlap_picture_and_text_show_only_published_counts(overlap) -> None:
    lists, patterns, counts = overlap
    with translation.override("nl"):
        table = overlap_publish(lists=lists, patterns=patterns, counts=counts, start=START, end=END)
        ordered = [patterns[i] for i in overlap_order(patterns)]
        svg = upset_svg(lists, ordered, table)
        alt = upset_alt_text(table)
    labels = [cell.label for cell in table.column_values(0)] + [table.column_totals[0].label]
    assert all(allowed(label) for label in labels), labels
    if (
        any(cell.state in (CellState.PRIMARY, CellState.SECONDARY) for cell in table.column_values(0))
        and sum(counts) % 5
    ):
        assert table.column_totals[0].label != str(sum(counts))  # the total is never the exact one
    root = ET.fromstring(svg)
    groups = {g.get("id"): g for g in root.iter("{http://www.w3.org/2000/svg}g") if g.get("id")}
    shown = ["".join(groups[f"count-{i}"].itertext()).strip() for i in range(len(ordered))]
    assert shown == labels[:-1] and all(allowed(label) for label in shown)
    bars = {name for name in groups if name.startswith("bar-")}
    assert bars == {
        f"bar-{i}" for i, cell in enumerate(table.column_values(0)) if cell.state == CellState.PUBLISHED and cell.value
    }
    assert "people" not in svg and "jongeren" in svg
    for label in labels:
        assert f": {label}" in alt or f"In totaal: {label}" in alt
    assert not SMALL.search(alt.replace("< 10", "").replace("Lijst", ""))


def estimate_page(client, *, counts: list[int], observed: int, sensitivity: list[dict]) -> str:
    """The estimate page of a two-list snapshot with these overlap counts and sensitivity rows."""
    from zicht.sources.models import EstimateSnapshot

    snapshot = EstimateSnapshot.objects.create(
        period_start=START,
        period_end=END,
        method="stepwise",
        library_version="0",
        inputs={"lists": ["A", "B"], "patterns": [[1, 0], [0, 1], [1, 1]], "counts": counts},
        sources=["A", "B"],
        estimate=90.0,
        observed=observed,
        sensitivity=sensitivity,
    )
    return client.get(reverse("sources:estimate_detail", args=[snapshot.pk])).content.decode()


@pytest.mark.django_db
def test_estimate_page_shows_the_protected_overlap(personas, client_for) -> None:
    page = estimate_page(
        client_for(personas[Role.ANALYST]),
        counts=[41, 27, 3],
        observed=71,
        sensitivity=[{"threshold": 2, "observed": 71, "estimate": 90.0}],
    )
    assert ">71<" not in page and ">3<" not in page
    assert "&lt; 10" in page


@pytest.mark.django_db
def test_the_learnt_rule_row_shows_no_small_count(personas, client_for) -> None:
    page = estimate_page(
        client_for(personas[Role.ANALYST]),
        counts=[41, 27, 13],
        observed=81,
        sensitivity=[
            {"threshold": 2, "observed": 81, "estimate": 90.0},
            {"threshold": "learnt", "observed": 4, "estimate": 88.0, "decided_pairs": 7, "learnt_patterns": 1},
        ],
    )
    assert 'id="learnt-rule"' in page
    sentence = page[page.index('id="learnt-rule"') :].split("</p>")[0]
    row = page[page.index(">geleerde regel<") :].split("</tr>")[0]
    for shown in (sentence, row):
        assert not SMALL.search(shown.replace("&lt; 10", "")), shown
    assert "–––" not in page  # a missing interval reads as one dash
