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


def table_json(table: Any) -> dict[str, Any]:
    """A ``ProtectedTable`` (protected or exact) as plain JSON: the published grid and its notes.

    The grid and notes are the statistics layer's own (``table_grid``, ``table_notes``), rendered
    in Dutch: the table is part of the Dutch answer letter. Totals come from the disclosure layer,
    never from adding published cells.
    """
    from zicht.stats.exports import table_grid, table_notes

    with translation.override("nl"):
        grid = table_grid(table)
        notes = table_notes(table)
    return {
        "title": str(table.title),
        "row_label": str(grid[0][0]),
        "column_label": str(table.column_label),
        "rows": [str(row[0]) for row in grid[1:]],
        "columns": [str(column) for column in grid[0][1:]],
        "cells": [[str(value) for value in row[1:]] for row in grid[1:]],
        "notes": [str(note) for note in notes],
        "protected": bool(table.protected),
    }


def freeze_figure(
    *,
    key: str,
    start: datetime.date,
    end: datetime.date,
    organization: Any = None,
    internal: bool = False,
    user: Any = None,
) -> FrozenFigure:
    """Publish the figure now and freeze it: always the protected table (exactly as the dashboard
    publishes it for the same period and organisation), and the exact one if internal (audited).

    Built with Dutch active: the labels end up in the Dutch letter.
    """
    from zicht.audit.constants import AccessAction
    from zicht.stats.permissions import EXACT, PROTECTED
    from zicht.stats.publication import Audience, figure_publish

    registry = figure_registry()
    if key not in registry:
        raise ValueError(f"unknown figure: {key!r}")
    spec = registry[key]
    common: dict[str, Any] = {"key": key, "start": start, "end": end, "registry": registry}
    with translation.override("nl"):
        published = figure_publish(**common, audience=Audience(PROTECTED, organization))
        exact_table = None
        if internal:
            exact_table = figure_publish(
                **common, audience=Audience(EXACT, organization), user=user, action=AccessAction.EXPORT
            )
        return FrozenFigure(
            key=key,
            label=str(spec.label),
            query=str(published.query),
            table=table_json(published),
            exact_table=table_json(exact_table) if exact_table is not None else None,
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
