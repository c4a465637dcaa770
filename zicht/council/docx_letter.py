"""The answer letter as a Word document (python-docx), in the college's format.

A4, Dutch, written by the municipality (``zicht.stats.documents``): sender, a head with the
addressee (the council member via the chair of the council), date, kenmerk and subject, the
article-30 opening, the questions with their answers and figures, and the signatures.
"""

from __future__ import annotations

from docx.shared import Mm, Pt

from zicht.council.letter import Letter, LetterFigure
from zicht.stats.documents import TEXT_WIDTH, column_widths, docx_bytes, docx_document, docx_table

INTERNAL_BANNER = "INTERN – bevat exacte (onbeschermde) cijfers, niet openbaar maken"


def _figure_table(document, figure: LetterFigure) -> None:
    grid = [[figure.row_label, *figure.columns], *([row, *cells] for row, cells in figure.rows_with_cells)]
    notes = [*figure.notes, f"Bron: {figure.query}" if figure.query else ""]
    docx_table(document, title=figure.title, subtitle=figure.period, grid=grid, notes=[note for note in notes if note])


def _heading(document, letter: Letter) -> None:
    sender = document.add_paragraph()
    sender.add_run(letter.sender).bold = True
    sender.runs[0].font.size = Pt(14)
    sender.paragraph_format.space_after = Pt(18)
    rows = letter.heading
    table = document.add_table(rows=len(rows), cols=2)
    for r, (label, lines) in enumerate(rows):
        table.cell(r, 0).paragraphs[0].add_run(label).bold = True
        cell = table.cell(r, 1).paragraphs[0]
        for k, line in enumerate(lines):
            if k:
                cell.add_run().add_break()
            cell.add_run(line)
    column_widths(table, [Mm(30), TEXT_WIDTH - Mm(30)])
    document.add_paragraph()


def letter_docx(letter: Letter) -> bytes:
    document = docx_document(
        title=letter.subject,
        subject=f"Beantwoording schriftelijke vragen: {letter.subject}",
        municipality=letter.municipality,
    )
    if letter.internal:
        document.add_paragraph().add_run(INTERNAL_BANNER).bold = True
    _heading(document, letter)
    for paragraph in letter.opening:
        document.add_paragraph(paragraph)
    for paragraph in letter.introduction:
        document.add_paragraph(paragraph).runs[0].italic = True
    for item in letter.items:
        question = document.add_paragraph()
        question.paragraph_format.space_before = Pt(12)
        question.paragraph_format.keep_with_next = True
        lines = item.question.split("\n")
        question.add_run(f"{item.number}.\t{lines[0]}").bold = True
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
    closing = document.add_paragraph(letter.college_line)
    closing.paragraph_format.keep_with_next = True
    signature = document.add_table(rows=3, cols=2)
    column_widths(signature, [TEXT_WIDTH / 2, TEXT_WIDTH / 2])
    for column, (function, name) in enumerate(letter.signatories):
        signature.cell(0, column).text = function
        signature.cell(2, column).text = name
    for row in signature.rows[:2]:
        for cell in row.cells:
            cell.paragraphs[0].paragraph_format.keep_with_next = True
    return docx_bytes(document)
