"""The answer letter in the college's format, as a structure shared by the HTML view and DOCX.

The letter is a formal Dutch document: its fixed phrases (the article-30 opening and the
signature block) live in Dutch templates (``council/letter_opening_nl.txt``,
``council/letter_signature_nl.txt``) rendered with Dutch active, whatever the user's language.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import timezone, translation

from zicht.council.figures import answer_blocks
from zicht.council.models import AnswerFigure, CouncilQuestion
from zicht.council.numbers_nl import dutch_number_words

MONTHS_NL = (
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
)
DEFAULT_ARTICLE = "30"


def dutch_date(day: datetime.date) -> str:
    """``2022-06-30`` → ``30 juni 2022``."""
    return f"{day.day} {MONTHS_NL[day.month - 1]} {day.year}"


def count_words_nl(count: int) -> str:
    """The number of questions in words; "één" (with accents) for one, digits beyond 99."""
    if count == 1:
        return "één"
    return dutch_number_words(count) if 0 <= count <= 99 else str(count)


def article_of_rule(rule: str) -> str:
    match = re.match(r"^art(\d+)", rule or "")
    return match.group(1) if match else DEFAULT_ARTICLE


@dataclass(frozen=True)
class LetterFigure:
    figure_id: int
    title: str
    row_label: str
    rows: list[str]
    columns: list[str]
    cells: list[list[str]]
    notes: list[str]
    period: str
    query: str
    inserted_at: datetime.datetime
    internal: bool

    @property
    def rows_with_cells(self) -> list[tuple[str, list[str]]]:
        return list(zip(self.rows, self.cells, strict=False))


@dataclass(frozen=True)
class LetterBlock:
    text: str = ""
    figure: LetterFigure | None = None
    missing_figure: int | None = None


@dataclass(frozen=True)
class LetterItem:
    number: int
    question: str
    blocks: list[LetterBlock]


@dataclass(frozen=True)
class Letter:
    internal: bool
    subject: str
    opening: list[str]
    introduction: list[str]
    items: list[LetterItem]
    references: list[str]
    college_line: str
    signatories: list[tuple[str, str]] = field(default_factory=list)  # (function, name)
    municipality: str = ""
    date: datetime.date | None = None
    reference: str = ""  # the council's registration number of the questions (kenmerk)
    addressee: list[str] = field(default_factory=list)

    @property
    def sender(self) -> str:
        return f"Gemeente {self.municipality}" if self.municipality else "Gemeente"

    @property
    def heading(self) -> list[tuple[str, list[str]]]:
        """The letter's head as (label, lines): addressee, date, kenmerk, subject."""
        rows = [("Aan", self.addressee), ("Datum", [dutch_date(self.date)] if self.date else [])]
        rows.append(("Kenmerk", [self.reference] if self.reference else []))
        rows.append(("Onderwerp", [self.subject]))
        return [(label, lines) for label, lines in rows if lines]


def answer_date(question: CouncilQuestion) -> datetime.date:
    """The date of the answer letter: when it was sent, else approved, else today (a draft)."""
    moment = question.sent_at or question.approved_at
    return timezone.localdate(moment) if moment else timezone.localdate()


def addressee_lines(question: CouncilQuestion) -> list[str]:
    """The council member, via the chair of the council (who receives written questions)."""
    member = " ".join(part for part in (question.council_member_title, question.council_member) if part)
    party = f" ({question.party})" if question.party else ""
    return [f"het raadslid {member}{party}", "via de voorzitter van de gemeenteraad"]


def _letter_figure(figure: AnswerFigure, *, internal: bool) -> LetterFigure:
    table = figure.exact_table if internal and figure.internal and figure.exact_table else figure.table
    return LetterFigure(
        figure_id=figure.pk,
        title=str(table.get("title") or figure.label),
        row_label=str(table.get("row_label", "")),
        rows=list(table.get("rows", [])),
        columns=list(table.get("columns", [])),
        cells=[list(row) for row in table.get("cells", [])],
        notes=list(table.get("notes", [])),
        period=f"{dutch_date(figure.period_start)} t/m {dutch_date(figure.period_end)}",
        query=figure.query,
        inserted_at=figure.created_at,
        internal=figure.internal and internal,
    )


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text or "") if p.strip()]


def build_letter(question: CouncilQuestion, *, internal: bool = False) -> Letter:
    """The letter; ``internal`` shows the exact cells of internal figures, else the protected ones."""
    items = list(question.items.all())
    figures = {f.pk: f for f in AnswerFigure.objects.filter(item__question=question)}
    member = " ".join(part for part in (question.council_member_title, question.council_member) if part)
    with translation.override("nl"):
        opening_text = render_to_string(
            "council/letter_opening_nl.txt",
            {
                "member": member,
                "received": dutch_date(question.received_on),
                "count": len(items),
                "count_words": count_words_nl(len(items)),
                "article": article_of_rule(question.deadline_rule),
            },
        )
        signature_text = render_to_string(
            "council/letter_signature_nl.txt",
            {
                "secretary": question.secretary_name,
                "secretary_title": question.secretary_title,
                "mayor": question.mayor_name,
                "mayor_title": question.mayor_title,
            },
        )
    signature_lines = [line for line in signature_text.strip().splitlines()]
    functions = signature_lines[1].split("|")
    names = (signature_lines[2].split("|") + ["", ""])[:2] if len(signature_lines) > 2 else ["", ""]
    letter_items: list[LetterItem] = []
    for item in items:
        blocks: list[LetterBlock] = []
        for block in answer_blocks(item.answer):
            if block.figure_id is None:
                blocks.append(LetterBlock(text=block.text))
            elif block.figure_id in figures and figures[block.figure_id].item_id == item.pk:
                blocks.append(LetterBlock(figure=_letter_figure(figures[block.figure_id], internal=internal)))
            else:
                blocks.append(LetterBlock(missing_figure=block.figure_id))
        letter_items.append(LetterItem(number=item.number, question=item.text, blocks=blocks))
    return Letter(
        internal=internal,
        subject=question.subject,
        opening=_paragraphs(opening_text),
        introduction=_paragraphs(question.introduction),
        items=letter_items,
        references=question.reference_list,
        college_line=signature_lines[0],
        signatories=[(functions[0].strip(), names[0].strip()), (functions[1].strip(), names[1].strip())],
        municipality=question.municipality,
        date=answer_date(question),
        reference=question.reference,
        addressee=addressee_lines(question),
    )
