"""Test helpers of the council app: the source letter, a fake figure registry, registered letters."""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from zicht.council import services
from zicht.council.models import CouncilQuestion
from zicht.council.parsing import ParsedQuestion

SEED_NAME = "seed-raadsvragen-criminele-uitbuiting.txt"


def shared_dir() -> Path:
    """The shared material next to the repository (``ZICHT_SHARED_DIR`` overrides)."""
    configured = os.environ.get("ZICHT_SHARED_DIR")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[3].parent / "shared"


def seed_letter_path() -> Path:
    return shared_dir() / "context" / SEED_NAME


def require_shared(path: Path) -> None:
    """Skip without the shared folder beside the checkout (a bare clone); in CI, fail instead."""
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"source document not found: {path}")
        pytest.skip(f"source document not found: {path} (set ZICHT_SHARED_DIR)")


def register_letter(
    *,
    user,
    questions: list[str] | None = None,
    received_on: datetime.date = datetime.date(2022, 6, 30),
    **kwargs: Any,
) -> CouncilQuestion:
    texts = (
        questions
        if questions is not None
        else ["Is het college bekend met het onderzoek?", "Hoeveel jongeren gaat het om?"]
    )
    defaults: dict[str, Any] = {
        "council_member": "Van Dijk",
        "council_member_title": "mevrouw",
        "party": "Partij voor de Stad",
        "subject": "Criminele uitbuiting van jongeren",
        "secretary_name": "A. de Secretaris",
        "mayor_name": "B. de Burgemeester",
    }
    defaults.update(kwargs)
    return services.council_question_register(
        user=user,
        received_on=received_on,
        questions=[ParsedQuestion(i, t) for i, t in enumerate(texts, start=1)],
        **defaults,
    )


@dataclass(frozen=True)
class FakeFigureSpec:
    """A stand-in with the contract of ``zicht.stats.figures.FigureSpec``."""

    key: str
    label: str
    build: Any


def fake_yearly_table(*, start: datetime.date, end: datetime.date, organization: Any = None) -> Any:
    from zicht.stats.tables import StatTable

    return StatTable(
        key="fake_yearly",
        title="Bekende jonge slachtoffers per jaar",
        row_label="Jaar",
        column_label="Aantal",
        rows=("2020", "2021"),
        columns=("criminele uitbuiting", "waarvan gecombineerd"),
        cells=((6, 4), (14, 2)),
        query="test: fixed counts",
        period_start=start,
        period_end=end,
        row_totals=False,
    )


def fake_registry() -> dict[str, FakeFigureSpec]:
    return {"fake_yearly": FakeFigureSpec("fake_yearly", "Bekende slachtoffers per jaar (test)", fake_yearly_table)}
