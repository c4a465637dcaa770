"""Reading and checking a partner's pseudonymised list as a stream, one line at a time.

A file is never held in memory as one string: lines are read with a length limit (a row of keys is
about 500 characters, with the tolerant keys about 1,500), so a hostile line costs at most
``MAX_LINE_CHARS``. Row ``n`` is line ``n`` after the header (the header is row 0). A bare carriage
return ends a line, as in old Mac files; inside a row it splits the row, which then has the wrong
number of fields. Every problem is a ``RowError`` in the user's language; nothing here writes.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import IO, Any

from django.utils.translation import gettext as _

from zicht.common.pseudonyms import KeyKind
from zicht.common.tolerant_keys import TOLERANT_KEY_HEX
from zicht.sources.pseudonymise import (
    AGE_BANDS,
    EXPLOITATION_FORMS,
    KEY_COLUMNS,
    MAX_YEAR,
    MIN_YEAR,
    TOLERANT_COLUMNS,
    FileRejected,
    RowError,
)

MAX_LINE_CHARS = 4096
MAX_REPORTED_ERRORS = 500
REQUIRED_COLUMNS = ("key_id", "year")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_KEY_ID = re.compile(r"^[0-9a-f]{16}$")
# A tolerant column: keys of 32 hexadecimal characters separated by single spaces (at most 64).
MAX_TOLERANT_KEYS = 64
_ONE_TOLERANT = f"[0-9a-f]{{{TOLERANT_KEY_HEX}}}"
_TOLERANT = re.compile(rf"^{_ONE_TOLERANT}( {_ONE_TOLERANT}){{0,{MAX_TOLERANT_KEYS - 1}}}$")

NumberedRow = tuple[int, "Mapping[str, Any] | RowError"]


def open_text(binary: IO[bytes]) -> IO[str]:
    """A text view of an uploaded file: UTF-8 (a byte-order mark is skipped), line endings kept for csv."""
    return io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")


def _lines(stream: IO[str], *, max_chars: int) -> Iterator[str | None]:
    """The lines of ``stream``; ``None`` for a line longer than ``max_chars`` (the rest of it is skipped)."""
    while True:
        line = stream.readline(max_chars + 1)
        if not line:
            return
        if len(line) <= max_chars or line.endswith(("\n", "\r")):
            yield line
            continue
        while line and not line.endswith(("\n", "\r")):
            line = stream.readline(max_chars + 1)
        yield None


def _parse(line: str) -> list[str]:
    return next(csv.reader([line]), [])


def csv_rows(stream: IO[str], *, max_line_chars: int = MAX_LINE_CHARS) -> Iterator[NumberedRow]:
    """``(row number, row as a dict)`` or ``(row number, RowError)`` for every non-blank line.

    Raises ``FileRejected`` (row 0) when the header is missing, unreadable or lacks a required column.
    """
    lines = _lines(stream, max_chars=max_line_chars)
    try:
        first = next(lines, "")
        header = [name.strip() for name in _parse(first)] if first is not None else []
    except UnicodeDecodeError:
        raise FileRejected([RowError(0, _("the file is not UTF-8 text"))]) from None
    except csv.Error:
        header = []
    if not any(header):
        raise FileRejected([RowError(0, _("the file is empty or its first line is not a header"))])
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise FileRejected([RowError(0, _("missing column(s): %(columns)s") % {"columns": ", ".join(missing)})])
    number = 0
    while True:
        number += 1
        try:
            line = next(lines)
        except StopIteration:
            return
        except UnicodeDecodeError:
            yield number, RowError(number, _("the file is not UTF-8 text; the rest of the file was not read"))
            return
        if line is None:
            yield (
                number,
                RowError(number, _("the line is too long (more than %(max)s characters)") % {"max": max_line_chars}),
            )
            continue
        if not line.strip():
            continue
        try:
            values = _parse(line)
        except csv.Error:
            yield number, RowError(number, _("the line is not valid CSV (a quote or a NUL character)"))
            continue
        if len(values) != len(header):
            yield (
                number,
                RowError(
                    number,
                    _("the row has %(found)s columns, the header has %(expected)s")
                    % {"found": len(values), "expected": len(header)},
                ),
            )
            continue
        yield number, dict(zip(header, values, strict=True))


def numbered(rows: Iterable[Mapping[str, Any]]) -> Iterator[NumberedRow]:
    """Rows given as data (the API's JSON): numbered from 1."""
    return enumerate(rows, start=1)


def clean_row(row: Mapping[str, Any], *, year: int) -> dict[str, Any]:
    """One row of keys, checked; ``ValueError`` with a translated reason."""
    get = lambda name: str(row.get(name) or "").strip().lower()  # noqa: E731 (a one-line accessor reads best here)
    if not _KEY_ID.match(get("key_id")):
        raise ValueError(_("key_id must be 16 hexadecimal characters"))
    keys = {column: get(column) for column in KEY_COLUMNS}
    bad = [column for column, value in keys.items() if value and not _HEX64.match(value)]
    if bad:
        raise ValueError(
            _("not a key (64 hexadecimal characters): %(columns)s; identifiers are not accepted")
            % {"columns": ", ".join(bad)}
        )
    tolerant = {column: " ".join(get(column).split()) for column in TOLERANT_COLUMNS}
    bad = [column for column, value in tolerant.items() if value and not _TOLERANT.match(value)]
    if bad:
        raise ValueError(
            _("not a list of keys (32 hexadecimal characters separated by spaces): %(columns)s")
            % {"columns": ", ".join(bad)}
        )
    name_kinds = {KeyKind.BASE[c] for c, v in keys.items() if v and c != "bsn_key"}
    if not keys["bsn_key"] and len(name_kinds) < 2:
        raise ValueError(_("needs a BSN key or at least two different name keys"))
    band = get("age_band") or "unknown"
    if band not in AGE_BANDS:
        raise ValueError(
            _("unknown age band %(band)s; use %(bands)s") % {"band": band[:40], "bands": ", ".join(AGE_BANDS)}
        )
    forms = sorted({f.strip() for f in get("exploitation_forms").replace(",", ";").split(";") if f.strip()})
    unknown = [f[:40] for f in forms if f not in EXPLOITATION_FORMS]
    if unknown:
        raise ValueError(
            _("unknown form(s) of exploitation %(forms)s; use %(allowed)s")
            % {"forms": ", ".join(unknown[:5]), "allowed": ", ".join(EXPLOITATION_FORMS)}
        )
    text = get("year")
    if not text.isdecimal() or not text.isascii() or not MIN_YEAR <= int(text) <= MAX_YEAR:
        raise ValueError(_("the year must be between %(min)s and %(max)s") % {"min": MIN_YEAR, "max": MAX_YEAR})
    if int(text) != year:
        raise ValueError(_("year %(row)s differs from the list year %(year)s") % {"row": text, "year": year})
    return {
        "key_id": get("key_id"),
        **keys,
        **tolerant,
        "year": int(text),
        "age_band": band,
        "exploitation_forms": ";".join(forms or ["unknown"]),
    }


class RowChecker:
    """Checks rows as they stream past and keeps the report: errors (at most ``MAX_REPORTED_ERRORS``),
    key fingerprints and the number of good rows."""

    def __init__(self, *, year: int, max_rows: int) -> None:
        self.year = year
        self.max_rows = max_rows
        self.errors: list[RowError] = []
        self.key_ids: set[str] = set()
        self.count = 0

    def rows(self, items: Iterable[NumberedRow]) -> Iterator[dict[str, Any]]:
        """The good rows (without ``key_id``); bad ones go to ``errors``."""
        for number, item in items:
            if len(self.errors) >= MAX_REPORTED_ERRORS:
                self.errors.append(RowError(number, _("too many errors; the rest of the file was not read")))
                return
            if number > self.max_rows:
                self.errors.append(RowError(number, _("more than %(max)s rows") % {"max": self.max_rows}))
                return
            if isinstance(item, RowError):
                self.errors.append(item)
                continue
            try:
                record = clean_row(item, year=self.year)
            except ValueError as exc:
                self.errors.append(RowError(number, str(exc)))
                continue
            self.key_ids.add(record.pop("key_id"))
            self.count += 1
            yield record

    def finish(self) -> str:
        """The list's key fingerprint; ``FileRejected`` with every error when there was one."""
        if not self.count and not self.errors:
            self.errors.append(RowError(0, _("the file has no data rows")))
        if len(self.key_ids) > 1:
            self.errors.append(RowError(0, _("rows were made with different list keys (key_id differs)")))
        if self.errors:
            raise FileRejected(self.errors)
        return self.key_ids.pop()
