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


def _display(value: object) -> str:
    if value is None:
        return "–"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def table_json(table: Any) -> dict[str, Any]:
    """A StatTable or ProtectedTable as plain JSON: labels and the cells as display strings."""
    cells = getattr(table, "display_cells", None)
    if callable(cells):
        cells = cells()
    if cells is None:
        cells = table.cells
    data: dict[str, Any] = {
        "title": str(table.title),
        "row_label": str(table.row_label),
        "column_label": str(table.column_label),
        "rows": [str(row) for row in table.rows],
        "columns": [str(column) for column in table.columns],
        "cells": [[_display(value) for value in row] for row in cells],
        "notes": [str(note) for note in getattr(table, "notes", ()) or ()],
    }
    return data


def protect_table(table: Any) -> Any:
    from zicht.stats.disclosure import protect

    return protect(table)


def freeze_figure(
    *, key: str, start: datetime.date, end: datetime.date, organization: Any = None, internal: bool = False
) -> FrozenFigure:
    """Build the figure now and freeze it: always the protected table, the exact one if internal."""
    registry = figure_registry()
    if key not in registry:
        raise ValueError(f"unknown figure: {key!r}")
    spec = registry[key]
    table = spec.build(start=start, end=end, organization=organization)
    protected = protect_table(table)
    return FrozenFigure(
        key=key,
        label=str(spec.label),
        query=str(table.query),
        table=table_json(protected),
        exact_table=table_json(table) if internal else None,
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
