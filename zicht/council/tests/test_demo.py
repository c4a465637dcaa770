"""The demo letters, and question 4 of the source document answered from the demo data."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from docx import Document

from zicht.accounts.models import User
from zicht.council.constants import DeadlineState, QuestionStatus
from zicht.council.docx_letter import letter_docx
from zicht.council.letter import build_letter
from zicht.council.models import CouncilQuestion
from zicht.council.selectors import council_questions_needing_attention

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path) -> None:
    settings.DEBUG = True
    settings.VAR_DIR = tmp_path
    call_command("create_demo_data", verbosity=0)


def test_demo_letters(demo) -> None:
    letters = list(CouncilQuestion.objects.order_by("received_on"))
    assert len(letters) == 3
    published = CouncilQuestion.objects.get(received_on=datetime.date(2022, 6, 30))
    assert published.status == QuestionStatus.PUBLISHED and published.approved_by is not None
    assert published.deadline == datetime.date(2022, 7, 21)
    analyst = User.objects.get(username="analist")
    states = {q.subject: state for q, state in council_questions_needing_attention(user=analyst)}
    assert states == {
        "Wachttijden in de hulpverlening": DeadlineState.OVERDUE,
        "Ronselen via sociale media": DeadlineState.DUE_SOON,
    }
    overdue = CouncilQuestion.objects.get(subject="Wachttijden in de hulpverlening")
    assert overdue.extensions.count() == 1
    figure = published.items.get(number=2).figures.get()
    assert figure.protected and f"[[figure:{figure.pk}]]" in figure.item.answer


def _row(table: dict, year: str) -> list[str]:
    matches = [cells for label, cells in zip(table["rows"], table["cells"], strict=False) if year in label]
    assert len(matches) == 1, f"one row for {year} in {table['rows']}"
    return matches[0]


def test_question_4_answered_from_the_demo_data(demo) -> None:
    """The source's answer to question 4: 2020 six, of whom four combined; 2021 four; 2022 (to mid July) two
    combined."""
    from zicht.council import services
    from zicht.council.tests.factories import register_letter

    coordinator = User.objects.get(username="coordinator")
    question = register_letter(
        user=coordinator,
        questions=[
            "Hoeveel jonge slachtoffers van criminele uitbuiting zijn er officieel bekend bij de gemeente in de "
            "afgelopen twee jaar?"
        ],
    )
    item = question.items.get()
    period = {"period_start": datetime.date(2020, 1, 1), "period_end": datetime.date(2022, 7, 15)}
    internal = services.answer_figure_insert(
        user=coordinator, item=item, figure_key="known_victims_per_year", internal=True, **period
    )
    public = services.answer_figure_insert(
        user=coordinator, item=item, figure_key="known_victims_per_year", scope="own", **period
    )

    # Columns: criminal exploitation, of whom combined with sexual exploitation.
    exact = internal.exact_table
    assert _row(exact, "2020")[:2] == ["6", "4"]
    assert _row(exact, "2021")[0] == "4"
    assert _row(exact, "2022")[:2] == ["2", "2"]
    for year in ("2020", "2021", "2022"):
        assert "< 10" in _row(public.table, year)
        assert not {"6", "4", "2"} & set(_row(public.table, year))
    # Same organisation and period: the internal figure's protected table is the public one.
    assert internal.table == public.table

    # In the letters: the internal DOCX shows the exact numbers, the public one "< 10".
    services.council_item_save(
        user=coordinator,
        question=question,
        item=item,
        text=item.text,
        answer=f"Intern:\n\n{internal.placeholder}\n\nOpenbaar:\n\n{public.placeholder}",
    )
    internal_doc = Document(io.BytesIO(letter_docx(build_letter(question, internal=True))))
    public_doc = Document(io.BytesIO(letter_docx(build_letter(question))))
    # tables[0] is the letter's head (addressee, date, kenmerk, subject)
    assert [internal_doc.tables[1].cell(1, 0).text, internal_doc.tables[1].cell(1, 1).text] == ["2020", "6"]
    assert [public_doc.tables[1].cell(1, 0).text, public_doc.tables[1].cell(1, 1).text] == ["2020", "< 10"]
    assert public_doc.tables[2].cell(1, 1).text == "< 10"
