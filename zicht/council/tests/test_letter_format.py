"""The answer letter and the council report are formal Dutch documents: A4, nl-NL, written by the
municipality, with date, kenmerk, addressee, subject and signatories (read back with python-docx)."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm

from zicht.common.roles import Role
from zicht.council import services
from zicht.council.constants import QuestionStatus
from zicht.council.docx_letter import letter_docx
from zicht.council.letter import build_letter
from zicht.council.tests.factories import register_letter
from zicht.stats.disclosure import protect
from zicht.stats.report import council_report_build, report_docx
from zicht.stats.tables import StatTable

pytestmark = pytest.mark.django_db
S = QuestionStatus
MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def assert_a4_dutch_by(document, author: str) -> None:
    for section in document.sections:
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    language = (
        document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    )
    assert language.get(qn("w:val")) == "nl-NL"
    assert document.settings.element.find(qn("w:themeFontLang")).get(qn("w:val")) == "nl-NL"
    assert document.core_properties.author == author and document.core_properties.last_modified_by == author
    assert document.core_properties.language == "nl-NL"
    assert "python-docx" not in (
        document.core_properties.author + document.core_properties.comments + document.core_properties.title
    )


def _head(document) -> dict[str, list[str]]:
    return {row.cells[0].text: row.cells[1].text.split("\n") for row in document.tables[0].rows}


def _answered(user, **kwargs):
    question = register_letter(user=user, reference="RIS316789", **kwargs)
    for item in question.items.all():
        services.council_item_save(
            user=user, question=question, item=item, text=item.text, answer=f"Antwoord {item.number}."
        )
    question.refresh_from_db()
    assert question.status == S.BEING_ANSWERED  # saving an answer starts the answering
    return services.council_question_transition(user=user, question=question, target=S.AWAITING_APPROVAL)


def test_answer_letter_is_a_formal_dutch_letter(personas) -> None:
    analyst, coordinator = personas[Role.ANALYST], personas[Role.COORDINATOR]
    question = services.council_question_approve(user=coordinator, question=_answered(analyst))
    document = Document(io.BytesIO(letter_docx(build_letter(question))))
    assert_a4_dutch_by(document, f"Gemeente {question.municipality}")
    assert document.paragraphs[0].text == f"Gemeente {question.municipality}"
    head = _head(document)
    assert list(head) == ["Aan", "Datum", "Kenmerk", "Onderwerp"]
    assert head["Aan"] == [
        "het raadslid mevrouw Van Dijk (Partij voor de Stad)",
        "via de voorzitter van de gemeenteraad",
    ]
    approved = timezone.localdate(question.approved_at)
    assert head["Datum"] == [f"{approved.day} {MONTHS[approved.month - 1]} {approved.year}"]
    assert head["Kenmerk"] == ["RIS316789"]
    assert head["Onderwerp"] == ["Criminele uitbuiting van jongeren"]
    signature = document.tables[-1]
    assert [signature.cell(2, 0).text, signature.cell(2, 1).text] == ["A. de Secretaris", "B. de Burgemeester"]


def test_signatory_names_and_titles_are_required_before_approval_and_sending(personas) -> None:
    analyst, coordinator = personas[Role.ANALYST], personas[Role.COORDINATOR]
    question = _answered(analyst, secretary_name="", mayor_name="B. de Burgemeester")
    with translation.override("nl"), pytest.raises(ValidationError) as refused:
        services.council_question_approve(user=coordinator, question=question)
    assert "Vul de namen en functies van de ondertekenaars" in " ".join(refused.value.messages)
    services.council_question_update(user=analyst, question=question, secretary_name="A. de Secretaris", mayor_title="")
    with pytest.raises(ValidationError):  # a title left empty blocks too
        services.council_question_approve(user=coordinator, question=question)
    services.council_question_update(user=analyst, question=question, mayor_title="de locoburgemeester")
    question = services.council_question_approve(user=coordinator, question=question)
    assert build_letter(question).signatories[1] == ("de locoburgemeester,", "B. de Burgemeester")
    # names cleared after approval: the letter cannot be sent
    services.council_question_update(user=analyst, question=question, mayor_name=" ")
    with pytest.raises(ValidationError):
        services.council_question_transition(user=coordinator, question=question, target=S.SENT)


def test_council_report_has_the_same_page_setup_and_author(settings) -> None:
    settings.ZICHT_MUNICIPALITY = "Den Haag"
    start, end = datetime.date(2022, 1, 1), datetime.date(2022, 7, 15)

    def tables(key: str):
        if key == "known_victims_per_year":
            return protect(
                StatTable(
                    key,
                    "K",
                    "Jaar",
                    "n",
                    ("2022 (t/m 15 juli)",),
                    ("v", "c"),
                    ((12, 3),),
                    "q",
                    start,
                    end,
                    row_totals=False,
                )
            )
        return protect(StatTable(key, key, "r", "c", ("a",), ("n", "m"), ((0, 0),), "q", start, end))

    report = council_report_build(start=start, end=end, version="public", tables=tables, estimate=None)
    document = Document(io.BytesIO(report_docx(report)))
    assert_a4_dutch_by(document, "Gemeente Den Haag")
    text = [p.text for p in document.paragraphs]
    made = timezone.localtime(report.generated_at)
    assert f"Datum: {made.day} {MONTHS[made.month - 1]} {made.year}" in text
    assert document.tables[0].cell(1, 0).text == "2022 (t/m 15 juli)"
    assert round(document.sections[0].left_margin.mm) == round(Mm(25).mm)
