"""Figures from the statistics layer, frozen for an answer letter.

Everything here goes through ``zicht.stats``: the figure registry (``FIGURES``) builds a
``StatTable`` of true counts, and the disclosure layer (``protect``) makes the version that may
be published. The council app never counts anything itself.
"""
from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils import translation

PLACEHOLDER = re.compile(r"\[\[figure:(\d+)\]\]")


@dataclass(frozen=True)
class FrozenFigure:
    """What an ``AnswerFigure`` row stores: the label, query and the table(s) as JSON."""

    key: str
    label: str
    query: str
    table: dict[str, Any]
    exact_table: dict[str, Any] | None


def figure_registry() -> Mapping[str, Any]:
    """The statistics layer's figure registry (``zicht.stats.figures.FIGURES``)."""
    from zicht.stats.figures import FIGURES

    return FIGURES


def figure_choices() -> list[tuple[str, str]]:
    return [(key, str(spec.label)) for key, spec in figure_registry().items()]


TOTAL_LABEL = "Totaal"
NOTE_PROTECTED = "Aantallen van 1 tot en met %(below)s worden niet getoond (< %(threshold)s); overige aantallen zijn afgerond op veelvouden van %(rounding)s."
NOTE_SECONDARY = "× = niet getoond, zodat een ander klein aantal niet kan worden teruggerekend."
NOTE_EXACT = "Interne tabel met exacte aantallen: niet openbaar maken."


def table_json(table: Any) -> dict[str, Any]:
    """A ``ProtectedTable`` (protected or exact) as plain JSON: labels, cell labels and margins.

    The labels are what the disclosure layer shows ("< 10", "×", rounded numbers); totals come
    from the disclosure layer too, never from adding published cells. Fixed phrases are Dutch:
    the table is part of the Dutch answer letter.
    """
    rows = [str(row) for row in table.rows]
    columns = [str(column) for column in table.columns]
    cells = [[cell.label for cell in row] for row in table.cells]
    if table.row_totals:
        columns.append(TOTAL_LABEL)
        for values, total in zip(cells, table.row_totals):
            values.append(total.label)
    if table.column_totals:
        rows.append(TOTAL_LABEL)
        totals = [cell.label for cell in table.column_totals]
        if table.row_totals:
            totals.append(table.grand_total.label if table.grand_total is not None else "")
        cells.append(totals)
    notes = [str(note) for note in table.notes]
    if table.protected and table.has_suppression:
        notes.append(NOTE_PROTECTED % {"below": table.threshold - 1, "threshold": table.threshold, "rounding": table.rounding})
    if table.has_secondary:
        notes.append(NOTE_SECONDARY)
    if not table.protected:
        notes.append(NOTE_EXACT)
    return {
        "title": str(table.title),
        "row_label": str(table.row_label),
        "column_label": str(table.column_label),
        "rows": rows,
        "columns": columns,
        "cells": cells,
        "notes": notes,
        "protected": bool(table.protected),
    }


def freeze_figure(
    *, key: str, start: datetime.date, end: datetime.date, organization: Any = None, internal: bool = False
) -> FrozenFigure:
    """Build the figure now and freeze it: always the protected table, the exact one if internal.

    Built with Dutch active: the labels end up in the Dutch letter.
    """
    from zicht.stats.disclosure import exact, protect

    registry = figure_registry()
    if key not in registry:
        raise ValueError(f"unknown figure: {key!r}")
    spec = registry[key]
    with translation.override("nl"):
        table = spec.build(start=start, end=end, organization=organization)
        return FrozenFigure(
            key=key,
            label=str(spec.label),
            query=str(table.query),
            table=table_json(protect(table)),
            exact_table=table_json(exact(table)) if internal else None,
        )


def placeholder_ids(text: str) -> list[int]:
    """The figure ids referenced in an answer text, in order of appearance."""
    return [int(match) for match in PLACEHOLDER.findall(text or "")]


@dataclass(frozen=True)
class AnswerBlock:
    """A piece of a rendered answer: a paragraph of text, or a figure id."""

    text: str = ""
    figure_id: int | None = None


def answer_blocks(text: str) -> list[AnswerBlock]:
    """Split an answer into paragraphs (blank-line separated) and figure placeholders."""
    blocks: list[AnswerBlock] = []
    position = 0
    source = (text or "").replace("\r\n", "\n")
    for match in PLACEHOLDER.finditer(source):
        blocks.extend(_paragraphs(source[position : match.start()]))
        blocks.append(AnswerBlock(figure_id=int(match.group(1))))
        position = match.end()
    blocks.extend(_paragraphs(source[position:]))
    return blocks


def _paragraphs(text: str) -> list[AnswerBlock]:
    parts = re.split(r"\n\s*\n", text)
    return [AnswerBlock(text=" ".join(part.split())) for part in parts if part.strip()]
