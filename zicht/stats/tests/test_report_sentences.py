"""Every sentence of the council report says what the table beside it shows.

Reports are generated over many synthetic populations (random counts in tables of the real
shapes, protected or exact); each sentence is then read back and checked against the published
cells of its own table. The oracle is the table: the test has its own reading of a published
label in Dutch words and does not call the report's prose helpers.
"""

from __future__ import annotations

import datetime
import re

from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zicht.cases.constants import ReferralStatus, SupportActionKind
from zicht.concerns.constants import RecruitmentPlace
from zicht.outreach.constants import AudienceSector, TrainingKind
from zicht.stats.builders import EstimateSummary
from zicht.stats.disclosure import ProtectedTable, exact, protect
from zicht.stats.periods import Period
from zicht.stats.report import CouncilReport, council_report_build
from zicht.stats.tables import StatTable

FORBIDDEN = ("stepwise", " all", "people", "–", "< ", "×")


def words(label: str) -> str:
    """The oracle's Dutch for a published label."""
    if label == "0":
        return "geen"
    if label.startswith("< "):
        return f"minder dan {label[2:]}"
    if label in ("×", "."):
        return "een niet gepubliceerd aantal"
    assert label.isdigit(), label
    return label


def joined(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


# --- synthetic populations -------------------------------------------------------------------------

counts = st.one_of(st.just(0), st.integers(1, 9), st.integers(10, 60), st.integers(61, 900))


def _table(
    key: str, rows: list[str], columns: list[str], cells: list[list[int]], period: Period, **options
) -> StatTable:
    return StatTable(
        key,
        key,
        "r",
        "c",
        tuple(rows),
        tuple(columns),
        tuple(tuple(r) for r in cells),
        "q",
        period.start,
        period.end,
        **options,
    )


@st.composite
def populations(draw) -> tuple[dict[str, StatTable], EstimateSummary, Period]:
    start = draw(st.dates(datetime.date(2019, 1, 1), datetime.date(2024, 12, 31)))
    end = draw(st.dates(start, min(start + datetime.timedelta(days=4 * 365), datetime.date(2026, 12, 31))))
    period = Period(start, end)
    years = [period.year_label(year) for year in period.years()]

    def grid(n_rows: int, n_cols: int) -> list[list[int]]:
        return [[draw(counts) for _c in range(n_cols)] for _r in range(n_rows)]

    victims = []
    for _year in years:
        total = draw(counts)
        victims.append([total, draw(st.integers(0, total))])
    audience = []
    for _sector in AudienceSector.choices:
        trainings = draw(counts)
        criminal = draw(st.integers(0, trainings))
        audience.append([trainings, criminal, draw(st.integers(0, criminal))])
    kinds = [str(label) for _c, label in TrainingKind.choices]
    sessions = [[n, draw(st.integers(0, 40)) * n] for n in (draw(counts) for _k in kinds)]
    observed = draw(st.integers(0, 900))
    estimate = observed + draw(st.integers(0, 900))
    low, high = max(observed, estimate - draw(st.integers(0, 300))), estimate + draw(st.integers(0, 300))
    tables = {
        "known_victims_per_year": _table(
            "known_victims_per_year", years, ["crimineel", "gecombineerd"], victims, period, row_totals=False
        ),
        "hidden_number": _table(
            "hidden_number",
            ["waargenomen", "schatting", "onder", "boven"],
            ["n"],
            [[observed], [estimate], [low], [high]],
            period,
            row_totals=False,
            column_totals=False,
        ),
        "recruitment_places": _table(
            "recruitment_places",
            [str(label) for _c, label in RecruitmentPlace.choices],
            years,
            grid(len(RecruitmentPlace.choices), len(years)),
            period,
        ),
        "support_actions": _table(
            "support_actions",
            [str(label) for _c, label in SupportActionKind.choices],
            ["casussen"],
            grid(len(SupportActionKind.choices), 1),
            period,
            row_totals=False,
            column_totals=False,
        ),
        "referrals_by_partner": _table(
            "referrals_by_partner",
            ["CJG", "Politie", "Veilig Thuis"],
            [str(label) for _c, label in ReferralStatus.choices],
            grid(3, len(ReferralStatus.choices)),
            period,
        ),
        "trainings_by_audience": _table(
            "trainings_by_audience",
            [str(label) for _c, label in AudienceSector.choices],
            ["t", "c", "cs"],
            audience,
            period,
            row_totals=False,
            column_totals=False,
        ),
        "trainings_participants": _table(
            "trainings_participants", kinds, ["trainingen", "deelnemers"], sessions, period, row_totals=False
        ),
    }
    year = draw(st.integers(2019, 2025))
    summary = EstimateSummary(
        estimate=float(estimate),
        interval_low=float(low),
        interval_high=float(high),
        observed=observed,
        method=draw(st.sampled_from(["stepwise", "bic", "chapman", "main", "fixed"])),
        interval_method="profile",
        sources=(f"Politie: Politie {year} {year}", "SHOP Jeugd", "CJG: BVH"),
        period_start=datetime.date(year, 1, 1),
        period_end=datetime.date(year, 12, 31),
        created_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
        warnings=(),
    )
    return tables, summary, period


def _report(population, publish) -> tuple[CouncilReport, dict[str, ProtectedTable]]:
    tables, summary, period = population
    published = {key: publish(table) for key, table in tables.items()}
    report = council_report_build(
        start=period.start, end=period.end, version="public", tables=published.__getitem__, estimate=summary
    )
    return report, published


# --- the checks, one per section ---------------------------------------------------------------------


def check_victims(paragraphs: list[str], table: ProtectedTable) -> None:
    if table.withheld:
        assert any("niet gepubliceerd" in p for p in paragraphs)
        return
    lines = [(label, cells) for label, cells, _t in table.body_rows()]
    if table.column_totals and len(lines) > 1:
        lines.append(("De hele periode", table.column_totals))
    for label, (victims, combined) in lines:
        [sentence] = [p for p in paragraphs if p.startswith(f"{label}: ")]
        if victims.label == "0":
            assert "geen jonge (vermoedelijke) slachtoffers" in sentence
            continue
        found = re.match(
            rf"^{re.escape(label)}: (.+?) jonge \(vermoedelijke\) slachtoffers .*; bij (.+?) van hen ging", sentence
        )
        assert found, sentence
        assert found.groups() == (words(victims.label), words(combined.label)), (sentence, victims, combined)


def check_estimate(paragraphs: list[str], table: ProtectedTable, summary: EstimateSummary) -> None:
    text = " ".join(paragraphs)
    if table.withheld:
        assert "niet gepubliceerd" in text
        return
    observed, estimate, low, high = (cell.label for cell in table.column_values(0))
    assert f"ongeveer {words(estimate)} jonge slachtoffers" in text
    assert f"; {words(observed)} van hen waren bekend" in text
    assert f"tussen {words(low)} en {words(high)}" in text
    assert f" in {summary.period_start.year} ongeveer" in text  # the estimate's own year, said once
    assert text.count("Politie") == 1 and f"{summary.period_start.year} {summary.period_start.year}" not in text
    assert "SHOP Jeugd" in text and "CJG: BVH" in text


def check_ranking(paragraphs: list[str], table: ProtectedTable) -> None:
    unknown = "Onbekend"
    published = [
        (label, total)
        for label, _c, total in table.body_rows()
        if label != unknown and total.label.isdigit() and total.label != "0"
    ]
    top = sorted(published, key=lambda item: -int(item[1].label))[:3]
    text = " ".join(paragraphs)
    if table.withheld:
        assert "niet gepubliceerd" in text
        return
    if not top:
        assert "te weinig plekken" in text
        return
    items = re.findall(r"([^,:]+?) \((\d+)\)", text.split(": ", 1)[1])
    named = [(name.strip().removeprefix("en "), n) for name, n in items]
    assert [n for _name, n in named] == [total.label for _l, total in top]
    # ties may be listed in either order, but only the top counts are named
    assert {name for name, _n in named} <= {
        label.lower() for label, total in published if int(total.label) >= int(top[-1][1].label)
    }
    hidden = any(total.label == "×" for label, _c, total in table.body_rows() if label != unknown)
    assert ("waarvan de aantallen gepubliceerd zijn" in text) == hidden


def check_breakdown(paragraphs: list[str], table: ProtectedTable, unit: str, opening: str) -> None:
    if table.withheld:
        assert any("niet gepubliceerd" in p for p in paragraphs)
        return
    column = [(label.lower(), cells[0].label) for label, cells, _t in table.body_rows()]
    shown = sorted(
        [(label, value) for label, value in column if value.isdigit() and value != "0"], key=lambda item: -int(item[1])
    )
    small = [label for label, value in column if value.startswith("< ")]
    hidden = [label for label, value in column if value == "×"]
    most = [p for p in paragraphs if p.startswith(opening)]
    if shown:
        [sentence] = most
        for label, value in shown:
            assert f"{label} ({value} {unit})" in sentence
        ordered = sorted(shown, key=lambda item: sentence.index(f"{item[0]} ({item[1]} {unit})"))
        values = [int(value) for _label, value in ordered]
        assert values == sorted(values, reverse=True), sentence
    else:
        assert not most
    if small:
        assert f"Elk minder dan {table.threshold} {unit}: {joined(small)}." in paragraphs
    if hidden:
        assert f"Niet getoond, zodat kleine aantallen niet kunnen worden teruggerekend: {joined(hidden)}." in paragraphs


def check_referrals(paragraphs: list[str], table: ProtectedTable) -> None:
    text = " ".join(paragraphs)
    if table.withheld:
        assert "niet gepubliceerd" in text
    elif table.grand_total.label == "0":
        assert "geen verwijzingen" in text
    else:
        assert f"In deze periode zijn {words(table.grand_total.label)} verwijzingen naar partners gedaan." in paragraphs


def check_trainings(paragraphs: list[str], table: ProtectedTable) -> None:
    text = " ".join(paragraphs)
    if table.withheld:
        assert "niet gepubliceerd" in text
        return
    sessions, participants = (cell.label for cell in table.column_totals)
    any_registered = any(cells[0].label != "0" for _l, cells, _t in table.body_rows())
    assert ("geen trainingen" in text) == (not any_registered)
    if any_registered:
        kinds = [label.lower() for label, cells, _t in table.body_rows() if cells[0].label != "0"]
        assert (
            f"zijn {words(sessions)} bijeenkomsten voor professionals gehouden ({joined(kinds)}), met samen "
            f"{words(participants)} deelnemers." in text
        )


def check_report(report: CouncilReport, tables: dict[str, ProtectedTable], summary: EstimateSummary) -> None:
    sections = {section.tables[0].key if section.tables else "hidden_number": section for section in report.sections}
    check_victims(sections["known_victims_per_year"].paragraphs, tables["known_victims_per_year"])
    check_estimate(sections["hidden_number"].paragraphs, tables["hidden_number"], summary)
    check_ranking(sections["recruitment_places"].paragraphs, tables["recruitment_places"])
    help_paragraphs = sections["support_actions"].paragraphs
    check_breakdown(help_paragraphs, tables["support_actions"], "casussen", "Hulp die in de meeste casussen")
    check_referrals(help_paragraphs, tables["referrals_by_partner"])
    training = sections["trainings_by_audience"].paragraphs
    check_trainings(training, tables["trainings_participants"])
    if any(cell.label != "0" for cell in tables["trainings_by_audience"].column_values(0)):
        check_breakdown(training, tables["trainings_by_audience"], "trainingen", "Doelgroepen die met de meeste")
    for section in report.sections:
        for paragraph in section.paragraphs:
            for word in FORBIDDEN:
                assert word not in paragraph, (word, paragraph)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(populations(), st.booleans())
def test_every_sentence_matches_its_table(population, protected) -> None:
    with translation.override("nl"):
        report, published = _report(population, protect if protected else exact)
        check_report(report, published, population[1])


def test_trainings_sentence_counts_every_kind_of_meeting() -> None:
    """The reported case: no "Training" in the period, 250 participants in information sessions and presentations."""
    period = Period(datetime.date(2026, 1, 1), datetime.date(2026, 11, 30))
    with translation.override("nl"):
        kinds = [str(label) for _c, label in TrainingKind.choices]
        table = protect(
            _table(
                "trainings_participants",
                kinds,
                ["trainingen", "deelnemers"],
                [[0, 0], [6, 130], [5, 120]],
                period,
                row_totals=False,
            )
        )
        empty = {
            key: protect(_table(key, ["a"], ["b"], [[0]], period))
            for key in ("recruitment_places", "support_actions", "referrals_by_partner", "trainings_by_audience")
        }
        empty["known_victims_per_year"] = protect(
            _table("known_victims_per_year", ["2026"], ["v", "c"], [[0, 0]], period, row_totals=False)
        )
        tables = {
            **empty,
            "trainings_participants": table,
            "hidden_number": protect(_table("hidden_number", [], ["n"], [], period)),
        }
        report = council_report_build(
            start=period.start, end=period.end, version="public", tables=tables.__getitem__, estimate=None
        )
    text = " ".join(report.sections[-1].paragraphs)
    assert "geen trainingen" not in text
    assert (
        "zijn 10 bijeenkomsten voor professionals gehouden (voorlichting en presentatie), met samen 250 deelnemers."
        in text
    )


def test_partial_years_are_labelled_in_the_tables_and_the_sentences() -> None:
    with translation.override("nl"):
        assert Period(datetime.date(2020, 1, 1), datetime.date(2022, 7, 15)).year_label(2022) == "2022 (t/m 15 juli)"
        assert Period(datetime.date(2020, 3, 1), datetime.date(2022, 7, 15)).year_label(2020) == "2020 (vanaf 1 maart)"
        assert (
            Period(datetime.date(2022, 3, 1), datetime.date(2022, 7, 15)).year_label(2022)
            == "2022 (1 maart t/m 15 juli)"
        )
        assert Period(datetime.date(2020, 1, 1), datetime.date(2022, 7, 15)).year_label(2021) == "2021"
        assert Period(datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)).name() == "2025"
        assert Period(datetime.date(2023, 1, 1), datetime.date(2025, 12, 31)).name() == "2023 tot en met 2025"
