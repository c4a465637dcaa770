"""An analyst opens the statistics dashboard, sees the charts (loaded after the page) with their text alternatives,
downloads the council report, and the dashboard passes an axe-core scan."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection

from tests.browser.conftest import axe_check, login
from zicht.common.roles import Role
from zicht.stats.tests.factories import case_make

pytestmark = pytest.mark.browser


@pytest.fixture
def flush_past_append_only_triggers():
    """SQLite flushes a live-server database with DELETE, which append-only triggers refuse."""
    ops = connection.ops
    original = ops.execute_sql_flush

    def flush(sql_list):
        with connection.cursor() as cursor:
            cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
            triggers = cursor.fetchall()
            for name, _sql in triggers:
                cursor.execute(f'DROP TRIGGER "{name}"')
        try:
            original(sql_list)
        finally:
            with connection.cursor() as cursor:
                for _name, sql in triggers:
                    cursor.execute(sql)
            del ops.execute_sql_flush

    if connection.vendor == "sqlite":
        ops.execute_sql_flush = flush
    yield


def test_analyst_dashboard_charts_report_and_accessibility(
    flush_past_append_only_triggers,
    browser_page,
    live_server,
    mfa_free,
    personas,
    support_org,
    other_support_org,
) -> None:
    for day in range(14):
        case_make(
            organization=support_org,
            opened_on=datetime.date(2021, 2, 1 + day),
            forms=(("criminal", "drugs"), ("sexual", "")),
        )
    for day in range(3):
        case_make(
            organization=other_support_org, opened_on=datetime.date(2020, 5, 1 + day), age=19, victim_status="possible"
        )
    page, url = browser_page, live_server.url
    login(page, live_server, personas[Role.ANALYST])
    # first visit: the period picker shows the default period (ISO values, or the browser leaves it blank)
    page.goto(f"{url}/cijfers/")
    today = datetime.date.today()
    assert page.input_value("#id_start") == f"{today.year - 2}-01-01"
    assert page.input_value("#id_end") not in ("", None)
    page.goto(f"{url}/cijfers/?start=2020-01-01&end=2022-07-15")
    charts = page.locator("main img.chart")
    assert charts.count() >= 4
    for i in range(charts.count()):
        alt = charts.nth(i).get_attribute("alt") or ""
        assert len(alt) > 20, alt
        # each picture loads from its own URL after the page (lazily, as it scrolls into view) and renders
        assert "/cijfers/grafiek/" in charts.nth(i).get_attribute("src")
        charts.nth(i).scroll_into_view_if_needed()
        charts.nth(i).evaluate("img => img.complete || new Promise(done => img.addEventListener('load', done))")
        assert charts.nth(i).evaluate("img => img.complete && img.naturalWidth > 100 && img.naturalHeight > 50")
    # accessible names reach the accessibility tree, and each chart has its table beside it
    names = [charts.nth(i).get_attribute("alt") for i in range(charts.count())]
    assert page.get_by_role("img", name=names[0]).count() >= 1
    assert page.locator("main table caption").count() >= charts.count()
    # the 14 cases of 2021 are protected: rounded to 15, never shown as 14
    assert "&lt; 10" in page.content() or "< 10" in page.inner_text("main")
    assert ">14<" not in page.content()
    violations = axe_check(page)
    assert violations == [], [(v["id"], v["help"]) for v in violations]

    page.goto(f"{url}/cijfers/raadsrapportage/")
    page.fill("#id_start", "2020-01-01")
    page.fill("#id_end", "2022-07-15")
    with page.expect_download() as download_info:
        page.click("main form button[type=submit]")
    download = download_info.value
    assert download.suggested_filename.endswith(".docx")
    from docx import Document

    document = Document(download.path())
    rows = {row.cells[0].text: [c.text for c in row.cells[1:]] for table in document.tables for row in table.rows}
    assert rows["2021"] == ["15", "15"] and rows["2020"] == ["0", "0"]
    assert "2022 (t/m 15 juli)" in rows  # a partial year says so
    assert round(document.sections[0].page_width.mm) == 210 and round(document.sections[0].page_height.mm) == 297
    assert document.core_properties.language == "nl-NL" and document.core_properties.author.startswith("Gemeente ")
    assert any(p.text.startswith("Datum: ") for p in document.paragraphs)
