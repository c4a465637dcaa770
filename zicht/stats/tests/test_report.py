"""The council report over the demo data: the source document's figures (internal) and the same table protected
(public)."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document
from openpyxl import load_workbook

from zicht.accounts.models import Organization, User
from zicht.audit.models import AccessLogEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("create_demo_data", stdout=io.StringIO())


def _victims_table(path) -> dict[str, list[str]]:
    """The table whose rows are the years 2020-2022 (question 4 comes first): {year: [cells]}."""
    document = Document(str(path))
    for table in document.tables:
        labels = [row.cells[0].text[:4] for row in table.rows[1:]]
        if labels[:3] == ["2020", "2021", "2022"]:
            return {row.cells[0].text[:4]: [cell.text for cell in row.cells[1:]] for row in table.rows[1:]}
    raise AssertionError("no table of known victims in the report")


def test_report_internal_shows_the_source_figures_public_protects_them_in_docx_csv_xlsx(demo, tmp_path) -> None:
    shop = Organization.objects.get(name__icontains="SHOP")
    internal, public = tmp_path / "internal.docx", tmp_path / "public.docx"
    before = AccessLogEntry.objects.filter(object_type="stats.known_victims_per_year").count()
    common = ["--start", "2020-01-01", "--end", "2022-07-15", "--format", "docx"]
    call_command(
        "council_report",
        *common,
        "--version",
        "internal",
        "--organization",
        str(shop.pk),
        "--output",
        str(internal),
        stdout=io.StringIO(),
    )
    call_command("council_report", *common, "--version", "public", "--output", str(public), stdout=io.StringIO())

    exact = _victims_table(internal)
    assert exact["2020"] == ["6", "4"]
    assert exact["2021"][0] == "4"
    assert exact["2022"] == ["2", "2"]
    protected = _victims_table(public)
    for year in ("2020", "2021", "2022"):
        assert protected[year][0] == "< 10"
        assert not {"6", "4", "2"} & set(protected[year])
    # the exact export is in the access log; the protected one needs no entry
    assert AccessLogEntry.objects.filter(object_type="stats.known_victims_per_year").count() == before + 1
    text = "\n".join(p.text for p in Document(str(internal)).paragraphs)
    assert "2020: 6 " in text and shop.name in text
    public_text = "\n".join(p.text for p in Document(str(public)).paragraphs)
    assert (
        "2020: minder dan 10 " in public_text
        and "bij < 10" not in public_text
        and "bij minder dan 10 van hen" in public_text
    )
    assert "2022 (t/m 15 juli): " in public_text

    # the same, as CSV and XLSX tables
    out_csv, out_xlsx = tmp_path / "r.csv", tmp_path / "r.xlsx"
    common = ["--start", "2020-01-01", "--end", "2022-07-15", "--version", "public"]
    call_command("council_report", *common, "--format", "csv", "--output", str(out_csv), stdout=io.StringIO())
    call_command("council_report", *common, "--format", "xlsx", "--output", str(out_xlsx), stdout=io.StringIO())
    rows = list(csv.reader(io.StringIO(out_csv.read_bytes().decode("utf-8-sig")), delimiter=";"))
    years = {row[0]: row[1:] for row in rows if row and row[0] in ("2020", "2021", "2022")}
    assert years["2020"][:2] == ["< 10", "< 10"]
    workbook = load_workbook(out_xlsx)
    sheet = workbook["known_victims_per_year"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert ["2021", "< 10", "< 10"] in [row[:3] for row in values]
    with pytest.raises(CommandError):
        call_command(
            "council_report",
            "--start",
            "2020-01-01",
            "--end",
            "2022-07-15",
            "--version",
            "internal",
            "--output",
            str(tmp_path / "x.docx"),
        )


def test_coordinator_downloads_internal_and_analyst_only_public(demo, client_for) -> None:
    from django.urls import reverse

    coordinator = User.objects.get(username="coordinator")
    analyst = User.objects.get(username="analist")
    query = {"start": "2020-01-01", "end": "2022-07-15", "version": "internal", "format": "docx"}
    response = client_for(coordinator).get(reverse("stats:report"), query)
    assert response.status_code == 200 and response["Content-Disposition"].endswith('.docx"')
    document = Document(io.BytesIO(response.content))
    assert any(row.cells[0].text == "2020" and row.cells[1].text == "6" for t in document.tables for row in t.rows)
    # an analyst cannot choose the internal version: the form refuses it and nothing is downloaded
    refused = client_for(analyst).get(reverse("stats:report"), query)
    assert refused.status_code == 200 and "Content-Disposition" not in refused
    allowed = client_for(analyst).get(reverse("stats:report"), {**query, "version": "public"})
    assert allowed.status_code == 200 and allowed["Content-Disposition"].startswith("attachment")
