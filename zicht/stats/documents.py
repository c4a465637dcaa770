"""Word documents of the municipality: one page setup and one table writer for every DOCX.

The council report and the answer letter to the council both start from ``docx_document``
(A4, Dutch as the document and proofing language, the municipality as author) and write their
tables with ``docx_table``: a grid of published labels with its title and notes.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Sequence

from django.conf import settings
from django.utils import timezone
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

LANGUAGE = "nl-NL"
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)  # A4
MARGIN = Mm(25)
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
FONT, FONT_SIZE, TABLE_SIZE, NOTE_SIZE = "Arial", Pt(10), Pt(9), Pt(8)
KEEP_TOGETHER_ROWS = 20


def municipality_author(municipality: str = "") -> str:
    """The author of every document: the municipality ("Gemeente Den Haag")."""
    return f"Gemeente {municipality or settings.ZICHT_MUNICIPALITY}"


def docx_document(
    *, title: str, subject: str = "", municipality: str = "", created: datetime.datetime | None = None
) -> DocxDocument:
    """An empty A4 document in Dutch, written by the municipality."""
    document = Document()
    for section in document.sections:
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        section.left_margin = section.right_margin = MARGIN
        section.top_margin = section.bottom_margin = Mm(20)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = FONT_SIZE
    _set_language(document)
    author = municipality_author(municipality)
    properties = document.core_properties
    properties.author = author
    properties.last_modified_by = author
    properties.title = title
    properties.subject = subject
    properties.language = LANGUAGE
    properties.comments = ""
    properties.keywords = ""
    properties.created = properties.modified = (created or timezone.now()).replace(microsecond=0)
    properties.revision = 1
    return document


def _set_language(document: DocxDocument) -> None:
    """Dutch for the document defaults (spelling and grammar) and the theme fonts."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    properties = run_defaults.find(qn("w:rPr")) if run_defaults is not None else None
    if properties is None:
        return
    language = properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        properties.append(language)
    language.set(qn("w:val"), LANGUAGE)
    language.set(qn("w:eastAsia"), LANGUAGE)
    theme = document.settings.element.find(qn("w:themeFontLang"))
    if theme is not None:
        theme.set(qn("w:val"), LANGUAGE)


def docx_table(
    document: DocxDocument, *, title: str, grid: Sequence[Sequence[str]], notes: Sequence[str] = (), subtitle: str = ""
) -> None:
    """A table of published labels: bold title, header row, counts right-aligned, small notes below.

    ``grid`` is the header row followed by the body rows, first column the row labels.
    """
    caption = document.add_paragraph()
    caption.add_run(title).bold = True
    if subtitle:
        caption.add_run(f" ({subtitle})")
    caption.paragraph_format.keep_with_next = True
    caption.paragraph_format.space_before = Pt(8)
    if grid and len(grid) > 1:
        n_cols = len(grid[0])
        table = document.add_table(rows=len(grid), cols=n_cols)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        first = TEXT_WIDTH * (0.5 if n_cols == 2 else 0.34 if n_cols <= 4 else 0.22)
        column_widths(table, [first] + [(TEXT_WIDTH - first) / (n_cols - 1)] * (n_cols - 1))
        keep_together = len(grid) <= KEEP_TOGETHER_ROWS
        for r, row in enumerate(grid):
            for c, value in enumerate(row):
                paragraph = table.cell(r, c).paragraphs[0]
                run = paragraph.add_run(str(value))
                run.bold = r == 0
                run.font.size = TABLE_SIZE
                if c and r:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                # a short table stays on one page: every row keeps with the next
                paragraph.paragraph_format.keep_with_next = keep_together and r < len(grid) - 1
            _no_split(table.rows[r])
        _repeat_header(table.rows[0])
    for k, note in enumerate(notes):
        paragraph = document.add_paragraph()
        paragraph.add_run(str(note)).font.size = NOTE_SIZE
        paragraph.paragraph_format.space_before = Pt(3 if k == 0 else 0)
        paragraph.paragraph_format.space_after = Pt(2)


def column_widths(table, widths: Sequence[float]) -> None:
    """Fixed column widths (EMU) that Word and LibreOffice both follow."""
    table.autofit = False
    grid = table._tbl.tblGrid
    for column, width in zip(grid.findall(qn("w:gridCol")), widths, strict=False):
        column.set(qn("w:w"), str(int(width) // 635))  # twentieths of a point
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = int(width)


def _no_split(row) -> None:
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def docx_bytes(document: DocxDocument) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
