"""Frozen figures in answers, the public and internal letter, and the DOCX round trip."""

from __future__ import annotations

import datetime
import io
from dataclasses import replace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from docx import Document

from zicht.audit.constants import AccessAction, Purpose
from zicht.audit.models import AccessLogEntry, AppendOnlyError
from zicht.common.roles import Role
from zicht.council import figures as council_figures
from zicht.council import services
from zicht.council.constants import QuestionStatus
from zicht.council.docx_letter import letter_docx
from zicht.council.figures import answer_blocks
from zicht.council.letter import build_letter
from zicht.council.tests.factories import FakeFigureSpec, fake_registry, fake_yearly_table, register_letter

pytestmark = pytest.mark.django_db
S = QuestionStatus
PERIOD = {"period_start": datetime.date(2020, 1, 1), "period_end": datetime.date(2022, 7, 15)}


@pytest.fixture(autouse=True)
def fake_figures(monkeypatch):
    registry = fake_registry()
    monkeypatch.setattr(council_figures, "figure_registry", lambda: registry)
    return registry


@pytest.fixture
def coordinator(personas):
    return personas[Role.COORDINATOR]


@pytest.fixture
def analyst(personas):
    return personas[Role.ANALYST]


def _cells(table: dict) -> list[str]:
    return [value for row in table["cells"] for value in row]


def test_a_published_figure_is_protected_and_frozen(analyst, fake_figures) -> None:
    question = register_letter(user=analyst)
    item = question.items.get(number=2)
    figure = services.answer_figure_insert(user=analyst, item=item, figure_key="fake_yearly", **PERIOD)
    assert figure.protected and figure.exact_table is None and figure.organization is None
    assert figure.table["rows"][:2] == ["2020", "2021"]
    assert "6" not in _cells(figure.table) and "4" not in _cells(figure.table)
    assert figure.table["cells"][0] == ["< 10", "< 10"]
    assert figure.query == "test: fixed counts"
    assert figure.parameters == {"start": "2020-01-01", "end": "2022-07-15", "scope": "all", "organization_id": None}
    item.refresh_from_db()
    assert item.answer.strip() == f"[[figure:{figure.pk}]]"

    # The data change later (more victims registered): the frozen figure does not.
    def grown(**kwargs):
        table = fake_yearly_table(**kwargs)
        return replace(table, cells=((26, 14), (31, 12)))

    fake_figures["fake_yearly"] = FakeFigureSpec("fake_yearly", "Bekende slachtoffers per jaar (test)", grown)
    later = services.answer_figure_insert(user=analyst, item=item, figure_key="fake_yearly", **PERIOD)
    figure.refresh_from_db()
    assert figure.table["cells"][0] == ["< 10", "< 10"]
    assert later.table["cells"][0] == ["25", "15"]
    figure.label = "tampered"
    with pytest.raises(AppendOnlyError):
        figure.save()
    assert question.events.filter(kind="figure_inserted", item_number=2).exists()
    assert not AccessLogEntry.objects.filter(object_type="council.answerfigure").exists()


def test_internal_figures_are_for_coordinators_audited_and_block_sending(analyst, coordinator, support_org) -> None:
    question = register_letter(user=analyst)
    item = question.items.get(number=1)
    with pytest.raises(PermissionDenied):
        services.answer_figure_insert(user=analyst, item=item, figure_key="fake_yearly", internal=True, **PERIOD)
    figure = services.answer_figure_insert(
        user=coordinator, item=item, figure_key="fake_yearly", internal=True, **PERIOD
    )
    assert figure.internal and figure.organization == support_org
    assert figure.exact_table["cells"][:2] == [["6", "4"], ["14", "2"]]
    assert figure.table["cells"][0] == ["< 10", "< 10"]
    entry = AccessLogEntry.objects.get(object_type="council.answerfigure", object_id=str(figure.pk))
    assert (entry.action, entry.purpose, entry.actor) == (AccessAction.CREATE, Purpose.STATISTICS, coordinator)

    for other in question.items.exclude(pk=item.pk):
        services.council_item_save(user=analyst, question=question, item=other, text=other.text, answer="Antwoord.")
    services.council_question_transition(user=analyst, question=question, target=S.AWAITING_APPROVAL)
    services.council_question_approve(user=coordinator, question=question)
    with pytest.raises(ValidationError, match="intern"):  # "internal" / "interne"
        services.council_question_transition(user=analyst, question=question, target=S.SENT)
    # Replace the internal figure by a protected one: now the letter may go.
    services.council_question_transition(user=analyst, question=question, target=S.BEING_ANSWERED)
    item.refresh_from_db()
    public = services.answer_figure_insert(user=coordinator, item=item, figure_key="fake_yearly", **PERIOD)
    services.council_item_save(
        user=coordinator, question=question, item=item, text=item.text, answer=f"Zie de tabel.\n\n{public.placeholder}"
    )
    assert services.internal_figures_in_use(question) == []


def test_an_answer_may_only_refer_to_its_own_figures(analyst) -> None:
    question = register_letter(user=analyst)
    one, two = question.items.all()
    figure = services.answer_figure_insert(user=analyst, item=one, figure_key="fake_yearly", **PERIOD)
    with pytest.raises(ValidationError):
        services.council_item_save(user=analyst, question=question, item=two, text=two.text, answer=figure.placeholder)
    with pytest.raises(ValueError):
        services.answer_figure_insert(user=analyst, item=one, figure_key="no_such_figure", **PERIOD)


def test_answer_blocks() -> None:
    blocks = answer_blocks("Eerste alinea\nloopt door.\n\n[[figure:7]]\nTweede alinea.\n\n\n")
    assert [(b.text, b.figure_id) for b in blocks] == [
        ("Eerste alinea loopt door.", None),
        ("", 7),
        ("Tweede alinea.", None),
    ]


def _full_letter(analyst, coordinator):
    question = register_letter(
        user=analyst,
        questions=[f"Vraag nummer {n}?" for n in range(1, 14)],
        introduction="Vandaag verscheen een rapport.",
        references="RIS305595\nRIS312345",
        secretary_name="A. de Secretaris",
        mayor_name="B. de Burgemeester",
    )
    items = list(question.items.all())
    for item in items:
        services.council_item_save(
            user=analyst, question=question, item=item, text=item.text, answer=f"Antwoord op vraag {item.number}."
        )
    figure = services.answer_figure_insert(
        user=coordinator, item=items[3], figure_key="fake_yearly", internal=True, **PERIOD
    )
    return question, figure


def test_letter_opening_and_versions(analyst, coordinator) -> None:
    question, figure = _full_letter(analyst, coordinator)
    public = build_letter(question)
    assert public.opening == [
        "Het raadslid mevrouw Van Dijk heeft op 30 juni 2022 een brief met daarin dertien vragen aan de voorzitter "
        "van de gemeenteraad gericht.",
        "Overeenkomstig artikel 30 van het reglement van orde voor vergaderingen en andere werkzaamheden van de "
        "raad, beantwoordt het college deze vragen als volgt.",
    ]
    assert public.signatories == [("de secretaris,", "A. de Secretaris"), ("de burgemeester,", "B. de Burgemeester")]
    assert public.college_line == "Het college van burgemeester en wethouders,"
    public_figure = public.items[3].blocks[1].figure
    internal_figure = build_letter(question, internal=True).items[3].blocks[1].figure
    assert public_figure.cells[0] == ["< 10", "< 10"] and not public_figure.internal
    assert internal_figure.cells[0] == ["6", "4"] and internal_figure.internal
    assert figure.pk == public_figure.figure_id


def test_docx_round_trip_in_order_with_signature(analyst, coordinator) -> None:
    question, _figure = _full_letter(analyst, coordinator)
    document = Document(io.BytesIO(letter_docx(build_letter(question))))
    paragraphs = [p.text for p in document.paragraphs]
    text = "\n".join(paragraphs)
    assert "Het raadslid mevrouw Van Dijk heeft op 30 juni 2022 een brief met daarin dertien vragen" in text
    assert "Overeenkomstig artikel 30 van het reglement van orde" in text
    positions = []
    for n in range(1, 14):
        positions.append(paragraphs.index(f"{n}.\tVraag nummer {n}?"))
        positions.append(paragraphs.index(f"Antwoord op vraag {n}."))
    assert positions == sorted(positions)
    assert "RIS305595" in paragraphs and "RIS312345" in paragraphs
    assert paragraphs.index("Het college van burgemeester en wethouders,") > positions[-1]
    signature = document.tables[-1]
    assert [signature.cell(0, 0).text, signature.cell(0, 1).text] == ["de secretaris,", "de burgemeester,"]
    assert [signature.cell(2, 0).text, signature.cell(2, 1).text] == ["A. de Secretaris", "B. de Burgemeester"]
    figure_table = document.tables[1]  # after the letter's head
    assert figure_table.cell(1, 0).text == "2020"
    assert [figure_table.cell(1, 1).text, figure_table.cell(1, 2).text] == ["< 10", "< 10"]
    assert "INTERN" not in text

    internal = Document(io.BytesIO(letter_docx(build_letter(question, internal=True))))
    assert internal.paragraphs[0].text.startswith("INTERN")
    assert [internal.tables[1].cell(1, 1).text, internal.tables[1].cell(1, 2).text] == ["6", "4"]


def test_bullets_of_a_question_stay_on_their_own_lines(analyst) -> None:
    question = register_letter(
        user=analyst, questions=["Is het college bereid tot maatregelen waaronder:\n− Trainingen\n− Preventielessen"]
    )
    document = Document(io.BytesIO(letter_docx(build_letter(question))))
    paragraph = next(p for p in document.paragraphs if p.text.startswith("1."))
    assert paragraph.text.split("\n") == [
        "1.\tIs het college bereid tot maatregelen waaronder:",
        "− Trainingen",
        "− Preventielessen",
    ]
    assert (
        build_letter(question)
        .opening[0]
        .endswith("een brief met daarin één vraag aan de voorzitter van de gemeenteraad gericht.")
    )
