"""Partner API route for uploading pseudonymised lists (mounted in config/api.py)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from typing import Any

from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import ConfigDict

from zicht.api.framework import ApiRequest, IdempotencyKey
from zicht.sources import services
from zicht.sources.constants import UploadChannel
from zicht.sources.pseudonymise import FileRejected
from zicht.sources.upload import csv_rows, numbered

router = Router(tags=["source lists"])


class SourceRowIn(Schema):
    key_id: str = Field(description="Fingerprint of the shared list key (written by the pseudonymise command).")
    bsn_key: str = ""
    name_dob: str = ""
    phonetic_dob: str = ""
    name_dob_swapped: str = ""
    phonetic_dob_swapped: str = ""
    given_dob: str = ""
    given_year: str = Field("", description="Tolerant keys, separated by spaces, as the pseudonymise command writes.")
    initial_sound_year: str = ""
    given_date: str = ""
    near_surname: str = ""
    near_date: str = ""
    given_surname: str = ""
    year: int
    age_band: str = "unknown"
    exploitation_forms: str = Field("unknown", description="Codes separated by ';'.")


class SourceListIn(Schema):
    """Give the rows as JSON (``rows``) or as the CSV text the pseudonymise command wrote (``csv``)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "Politie 2025",
                    "year": 2025,
                    "rows": [{"key_id": "0f1e2d3c4b5a6978", "bsn_key": "ab" * 32, "year": 2025}],
                }
            ]
        }
    )

    name: str = Field(max_length=100)
    year: int = Field(ge=2000, le=2100)
    rows: list[SourceRowIn] | None = None
    csv: str | None = None


class SourceListOut(Schema):
    id: int
    name: str
    year: int
    row_count: int
    uploaded_at: dt.datetime


@router.post(
    "/source-lists",
    response={201: SourceListOut},
    summary="Upload a pseudonymised list",
    operation_id="source_list_upload",
)
def upload(
    request: ApiRequest,
    payload: SourceListIn,
    idempotency_key: str = IdempotencyKey,
) -> Status:
    if (payload.rows is None) == (payload.csv is None):
        raise HttpError(422, "Give either 'rows' or 'csv'.")
    try:
        if payload.rows is not None:
            rows: Iterable[Any] = numbered(r.dict() for r in payload.rows)
        else:
            rows = csv_rows(io.StringIO((payload.csv or "").lstrip("\ufeff"), newline=""))
        source_list = services.source_list_upload(
            organization=request.auth.organization,
            name=payload.name,
            year=payload.year,
            rows=rows,
            rows_are_numbered=True,
            actor=request.auth,
            channel=UploadChannel.API,
        )
    except FileRejected as exc:
        raise RowsRejected(exc) from None
    return Status(
        201,
        SourceListOut(
            id=source_list.pk,
            name=source_list.name,
            year=source_list.year,
            row_count=source_list.row_count,
            uploaded_at=source_list.uploaded_at,
        ),
    )


class RowsRejected(HttpError):
    """The whole file is refused; ``errors`` lists every bad row."""

    def __init__(self, exc: FileRejected) -> None:
        super().__init__(422, f"The list was rejected: {len(exc.errors)} bad row(s). Nothing was saved.")
        self.errors = [{"row": e.row, "reason": e.reason} for e in exc.errors]
