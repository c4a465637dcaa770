"""The answer letter as a Word document (python-docx), in the college's format."""
from __future__ import annotations

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Pt

from zicht.council.letter import Letter, LetterFigure

INTERNAL_BANNER = "INTERN – bevat exacte (onbeschermde) cijfers, niet openbaar maken"


def _figure_table(document, figure: LetterFigure) -> None:  # noqa: ANN001
    caption = document.add_paragraph()
    caption.add_run(figure.title).bold = True
    caption.add_run(f" ({figure.period})")
    table = document.add_table(rows=len(figure.rows) + 1, cols=len(figure.columns) + 1)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    header = table.rows[0].cells
    header[0].text = figure.row_label
    for j, column in enumerate(figure.columns, start=1):
        header[j].text = column
    for i, row in enumerate(figure.rows, start=1):
        cells = table.rows[i].cells
        cells[0].text = row
        for j, value in enumerate(figure.cells[i - 1], start=1):
            cells[j].text = value
    for paragraph in table.rows[0].cells:
        for run in paragraph.paragraphs[0].runs:
            run.bold = True
    notes = [*figure.notes, f"Bron: {figure.query}" if figure.query else ""]
    for note in filter(None, notes):
        small = document.add_paragraph().add_run(note)
        small.font.size = Pt(8)


def letter_docx(letter: Letter) -> bytes:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(10)
    if letter.internal:
        document.add_paragraph().add_run(INTERNAL_BANNER).bold = True
    document.add_paragraph().add_run(letter.subject).bold = True
    for paragraph in letter.opening:
        document.add_paragraph(paragraph)
    for paragraph in letter.introduction:
        document.add_paragraph(paragraph).runs[0].italic = True
    for item in letter.items:
        question = document.add_paragraph()
        question.paragraph_format.space_before = Pt(12)
        lines = item.question.split("\n")
        first = question.add_run(f"{item.number}.\t{lines[0]}")
        first.bold = True
        for line in lines[1:]:
            question.add_run().add_break()
            question.add_run(line).bold = True
        for block in item.blocks:
            if block.figure is not None:
                _figure_table(document, block.figure)
            elif block.missing_figure is not None:
                document.add_paragraph(f"[figuur {block.missing_figure} ontbreekt]")
            else:
                document.add_paragraph(block.text)
    if letter.references:
        document.add_paragraph().add_run("Verwijzingen").bold = True
        for reference in letter.references:
            document.add_paragraph(reference, style="List Bullet")
    document.add_paragraph()
    document.add_paragraph(letter.college_line)
    signature = document.add_table(rows=3, cols=2)
    for column, (function, name) in enumerate(letter.signatories):
        signature.cell(0, column).text = function
        signature.cell(2, column).text = name
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
