"""Council questions in the browser: register (paste) → answer (insert a figure) → approve → download."""

from __future__ import annotations

import io

import pytest
from docx import Document

from tests.browser.conftest import axe_check, login
from zicht.common.roles import Role
from zicht.council.models import CouncilQuestion

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LETTER = """Het raadslid heeft vragen over criminele uitbuiting.

1.  Is het college bekend met het onderzoek
    naar criminele uitbuiting?

2.  Hoeveel jonge slachtoffers van criminele uitbuiting zijn er officieel bekend bij de gemeente in de
    afgelopen twee jaar?
"""


def _logout(page) -> None:
    page.click(".user-box button[type=submit]")
    page.wait_for_load_state("networkidle")


def test_register_answer_approve_download(personas, browser_page, live_server, mfa_free):
    page = browser_page
    analyst, coordinator = personas[Role.ANALYST], personas[Role.COORDINATOR]
    login(page, live_server, analyst)
    page.goto(f"{live_server.url}/raadsvragen/registreren/")
    page.fill("#id_received_on", "2022-06-30")
    page.select_option("#id_council_member_title", "mevrouw")
    page.fill("#id_council_member", "Van Dijk")
    page.fill("#id_party", "Partij voor de Stad")
    page.fill("#id_subject", "Criminele uitbuiting van jongeren")
    page.fill("#id_letter_text", LETTER)
    page.fill("#id_reference", "RIS316789")
    page.fill("#id_references", "RIS305595")
    page.fill("#id_secretary_name", "")  # left empty: approval will ask for it
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")
    question = CouncilQuestion.objects.get()
    assert page.url.endswith(f"/raadsvragen/{question.pk}/")
    assert question.items.count() == 2
    assert axe_check(page) == []

    # Answer question 1 with text, question 2 with a figure and text.
    page.goto(f"{live_server.url}/raadsvragen/{question.pk}/vragen/1/")
    page.fill("#id_answer", "Ja, het college is bekend met het onderzoek.")
    page.click("main form:not([action]) button[type=submit]")
    page.goto(f"{live_server.url}/raadsvragen/{question.pk}/vragen/2/")
    assert axe_check(page) == []
    page.select_option("#id_figure_key", "known_victims_per_year")
    page.fill("#id_period_start", "2020-01-01")
    page.fill("#id_period_end", "2022-07-15")
    page.click("main form[action$='/cijfer/'] button[type=submit]")
    page.wait_for_load_state("networkidle")
    answer = page.input_value("#id_answer")
    assert "[[figure:" in answer
    page.fill("#id_answer", f"De cijfers van SHOP staan in de tabel.\n\n{answer.strip()}")
    page.click("main form:not([action]) button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.locator("table.council-figure").count() == 1
    page.goto(f"{live_server.url}/raadsvragen/{question.pk}/brief/")
    assert page.locator("table.council-figure").count() == 1
    assert axe_check(page) == []

    page.goto(f"{live_server.url}/raadsvragen/{question.pk}/status/awaiting_approval/")
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-status]").get_attribute("data-status") == "awaiting_approval"
    _logout(page)

    # A coordinator approves: not before the signatories are named.
    login(page, live_server, coordinator)
    page.goto(f"{live_server.url}/raadsvragen/{question.pk}/")
    page.click(f"a[href='/raadsvragen/{question.pk}/goedkeuren/']")
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "Vul de namen en functies van de ondertekenaars" in page.inner_text("body")
    question.refresh_from_db()
    assert question.approved_by is None
    page.goto(f"{live_server.url}/raadsvragen/{question.pk}/wijzigen/")
    assert page.input_value("#id_secretary_title") == "de secretaris"
    page.fill("#id_secretary_name", "A. de Secretaris")
    page.fill("#id_mayor_name", "B. de Burgemeester")
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")
    page.goto(f"{live_server.url}/raadsvragen/{question.pk}/goedkeuren/")
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")
    question.refresh_from_db()
    assert question.approved_by == coordinator

    with page.expect_download() as download_info:
        page.click(f"a[href='/raadsvragen/{question.pk}/brief.docx']")
    path = download_info.value.path()
    with open(path, "rb") as handle:
        document = Document(io.BytesIO(handle.read()))
    paragraphs = [p.text for p in document.paragraphs]
    assert (
        paragraphs.index("1.\tIs het college bekend met het onderzoek naar criminele uitbuiting?")
        < paragraphs.index("Ja, het college is bekend met het onderzoek.")
        < paragraphs.index("De cijfers van SHOP staan in de tabel.")
    )
    assert "Het college van burgemeester en wethouders," in paragraphs
    assert any("een brief met daarin twee vragen" in p for p in paragraphs)
    assert len(document.tables) == 3  # the letter's head, the figure and the signature block
    head = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert list(head) == ["Aan", "Datum", "Kenmerk", "Onderwerp"] and head["Kenmerk"] == "RIS316789"
    assert head["Aan"] == "het raadslid mevrouw Van Dijk (Partij voor de Stad)\nvia de voorzitter van de gemeenteraad"
    assert round(document.sections[0].page_width.mm) == 210 and document.core_properties.language == "nl-NL"
    assert document.core_properties.author.startswith("Gemeente ")
    signature = document.tables[-1]
    assert [signature.cell(2, 0).text, signature.cell(2, 1).text] == ["A. de Secretaris", "B. de Burgemeester"]
