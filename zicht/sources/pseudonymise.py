"""Turn a partner's CSV with identifiers into pseudonymous keys, on the partner's own machine.

Runs without a database or Django settings::

    python -m zicht.sources.pseudonymise INPUT.csv OUTPUT.csv --key-file KEYFILE

(or ``manage.py pseudonymise ...``). Input columns: ``bsn``, ``given_names``, ``prefix``,
``family_name``, ``date_of_birth`` (YYYY-MM-DD or DD-MM-YYYY), ``year``, ``exploitation_forms``
(codes separated by ``;``) and optionally ``registration_date`` (for the age band; default 1 July
of ``year``). Output: the key fingerprint, the match keys (HMAC-SHA256 with the shared list key),
the tolerant keys (``zicht.common.tolerant_keys``: several per column, separated by spaces), year,
age band and exploitation forms. No identifier is written.

Imperfect identifiers do not stop the file: a BSN failing the eleven test or an impossible date of
birth is left out of that row (the row is kept with its other keys), and a row with too little to
key on (no valid BSN and not at least two kinds of name key) is left out; each is reported with
its row number, and a summary says how many rows are linkable by which keys. A row with a bad
year or form of exploitation is an error: then nothing is written and every bad row is reported.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import sys
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from zicht.common.exploitation import ExploitationType
from zicht.common.pseudonyms import KeyKind, bsn_is_valid, key_id, match_keys, parse_date_of_birth, parse_partial_date
from zicht.common.tolerant_keys import TolerantKind, tolerant_keys
from zicht.people.ages import AgeGroup, age_group, age_on
from zicht.sources.constants import FORM_UNKNOWN

# Codes of the forms of exploitation (same codes as the cases app) plus "unknown".
EXPLOITATION_FORMS: tuple[str, ...] = (*ExploitationType.values, FORM_UNKNOWN)
AGE_BANDS: tuple[str, ...] = tuple(AgeGroup.values)
KEY_COLUMNS: tuple[str, ...] = ("bsn_key", *KeyKind.NAME_KINDS)
# One column per tolerant kind, holding that row's keys of the kind separated by spaces.
TOLERANT_COLUMNS: tuple[str, ...] = TolerantKind.ALL
OUTPUT_COLUMNS: tuple[str, ...] = (
    "key_id",
    *KEY_COLUMNS,
    *TOLERANT_COLUMNS,
    "year",
    "age_band",
    "exploitation_forms",
)
MIN_YEAR, MAX_YEAR = 2000, 2100
MIN_KEY_LENGTH = 16


@dataclass(frozen=True)
class RowError:
    row: int  # 1-based data row number (the header is row 0)
    reason: str

    def __str__(self) -> str:
        return f"row {self.row}: {self.reason}"


class FileRejected(ValueError):
    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        super().__init__(f"{len(errors)} bad row(s); nothing was written")


def read_key_file(path: str | Path) -> str:
    key = Path(path).read_text(encoding="utf-8").strip()
    if len(key) < MIN_KEY_LENGTH:
        raise ValueError(f"the list key must be at least {MIN_KEY_LENGTH} characters")
    return key


def parse_forms(value: str) -> list[str]:
    forms = sorted({f.strip().lower() for f in (value or "").replace(",", ";").split(";") if f.strip()})
    bad = [f for f in forms if f not in EXPLOITATION_FORMS]
    if bad:
        raise ValueError(f"unknown exploitation form(s) {', '.join(bad)}; use {', '.join(EXPLOITATION_FORMS)}")
    return forms or ["unknown"]


def parse_year(value: object) -> int:
    text = str(value or "").strip()
    if not text.isdigit() or not MIN_YEAR <= int(text) <= MAX_YEAR:
        raise ValueError(f"year must be between {MIN_YEAR} and {MAX_YEAR}, got {text!r}")
    return int(text)


@dataclass(frozen=True)
class KeyedIdentity:
    """The keys of one row (``bsn_key`` and the name kinds, empty when not made) and what was dropped."""

    keys: dict[str, str]
    notes: tuple[str, ...] = ()
    date_of_birth: dt.date | None = None

    @property
    def linkable_by(self) -> str:
        return linkable_by(self.keys)


def linkable_by(keys: Mapping[str, str]) -> str:
    """``bsn_and_names``, ``bsn``, ``names`` or ``none`` (too little to key on) for a row of keys."""
    has_bsn = bool(keys.get("bsn_key"))
    has_names = len({KeyKind.BASE[k] for k in KeyKind.NAME_KINDS if keys.get(k)}) >= 2
    return {(True, True): "bsn_and_names", (True, False): "bsn", (False, True): "names"}.get(
        (has_bsn, has_names), "none"
    )


def linkable_counts(rows: Iterable[Mapping[str, str]]) -> Counter:
    """How many rows of keys are linkable by which keys (``linkable_by``)."""
    return Counter(linkable_by(row) for row in rows)


LINKABLE_LABELS: dict[str, str] = {
    "bsn_and_names": "BSN and name keys",
    "bsn": "BSN key only",
    "names": "name keys only (no valid BSN)",
    "none": "too little to key on (left out)",
}


def keys_for_identity(row: Mapping[str, str], *, key: str) -> KeyedIdentity:
    """Keys from ``bsn``, ``given_names``, ``prefix``, ``family_name`` and ``date_of_birth``: the exact
    match keys and the tolerant ones (``TOLERANT_COLUMNS``, several per kind joined by spaces).

    Never raises for an identifier: a BSN failing the eleven test and an unreadable date are left
    out (with a note); a year-only date (``YYYY``) gives no date keys.
    """
    get = lambda name: str(row.get(name) or "").strip()  # noqa: E731 (a one-line accessor reads best here)
    notes: list[str] = []
    bsn = get("bsn")
    if bsn and not bsn_is_valid(bsn):
        notes.append("the BSN fails the eleven test; the row is kept without it")
        bsn = ""
    try:
        partial = parse_partial_date(row.get("date_of_birth"))
    except ValueError:
        notes.append("the date of birth is not a valid date; the row is kept without it")
        partial = None
    dob = partial.date() if partial else None
    made = match_keys(
        bsn=bsn,
        given_names=get("given_names"),
        prefix=get("prefix"),
        family_name=get("family_name"),
        date_of_birth=dob,
        key=key,
    )
    keys = {"bsn_key": made.get(KeyKind.BSN, ""), **{kind: made.get(kind, "") for kind in KeyKind.NAME_KINDS}}
    tolerant = tolerant_keys(
        given_names=get("given_names"),
        prefix=get("prefix"),
        family_name=get("family_name"),
        date_of_birth=partial,
        key=key,
    )
    keys.update({kind: " ".join(tolerant.get(kind, ())) for kind in TOLERANT_COLUMNS})
    return KeyedIdentity(keys=keys, notes=tuple(notes), date_of_birth=dob)


@dataclass
class PseudonymisedFile:
    rows: list[dict[str, str]]
    notes: list[RowError] = field(default_factory=list)  # kept without a field, or left out
    linkable: Counter = field(default_factory=Counter)  # rows per ``KeyedIdentity.linkable_by``

    def summary(self) -> list[str]:
        return [f"{LINKABLE_LABELS[kind]}: {self.linkable.get(kind, 0)}" for kind in LINKABLE_LABELS]


def pseudonymise_row(row: Mapping[str, str], *, key: str) -> tuple[dict[str, str] | None, KeyedIdentity]:
    """The output row (None when there is too little to key on) and its keys and notes.

    ``ValueError`` with the reason when the year or a form of exploitation is bad.
    """
    get = lambda name: (row.get(name) or "").strip()  # noqa: E731 (a one-line accessor reads best here)
    year = parse_year(get("year"))
    forms = parse_forms(get("exploitation_forms") or get("exploitation_form"))
    keyed = keys_for_identity(row, key=key)
    if keyed.linkable_by == "none":
        return None, keyed
    dob = keyed.date_of_birth
    reference = parse_date_of_birth(get("registration_date")) if get("registration_date") else dt.date(year, 7, 1)
    out = {"key_id": key_id(key), **keyed.keys}
    out.update(
        {
            "year": str(year),
            "age_band": age_group(age_on(dob, reference) if dob else None),
            "exploitation_forms": ";".join(forms),
        }
    )
    return out, keyed


def pseudonymise_rows(rows: Iterable[Mapping[str, str]], *, key: str) -> PseudonymisedFile:
    """All output rows with the per-row notes, or ``FileRejected`` listing every bad row."""
    result = PseudonymisedFile(rows=[])
    errors: list[RowError] = []
    for number, row in enumerate(rows, start=1):
        try:
            out, keyed = pseudonymise_row(row, key=key)
        except ValueError as exc:
            errors.append(RowError(number, str(exc).replace(repr(row.get("bsn", "")), "").strip()))
            continue
        result.linkable[keyed.linkable_by] += 1
        result.notes.extend(RowError(number, note) for note in keyed.notes)
        if out is None:
            result.notes.append(
                RowError(number, "give a valid BSN, or given names, family name and date of birth; the row is left out")
            )
        else:
            result.rows.append(out)
    if errors:
        raise FileRejected(sorted(errors + result.notes, key=lambda e: e.row))
    if not result.rows:
        raise FileRejected(result.notes or [RowError(0, "the file has no data rows")])
    return result


def pseudonymise_file(input_path: str | Path, output_path: str | Path, *, key: str) -> PseudonymisedFile:
    with open(input_path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames or "year" not in reader.fieldnames:
            raise FileRejected([RowError(0, "the header needs at least the column 'year'")])
        result = pseudonymise_rows(reader, key=key)
    with open(output_path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=OUTPUT_COLUMNS)
        writer.writeheader()
        writer.writerows(result.rows)
    return result


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pseudonymise", description=__doc__.split("\n\n")[0])
    parser.add_argument("input", help="CSV with identifiers")
    parser.add_argument("output", help="CSV with keys (not written when a row has a bad year or form)")
    parser.add_argument("--key-file", required=True, help="file holding the list key shared for this purpose")
    return parser


def main(argv: list[str] | None = None, *, stdout=None, stderr=None) -> int:
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    args = build_parser().parse_args(argv)
    try:
        key = read_key_file(args.key_file)
        result = pseudonymise_file(args.input, args.output, key=key)
    except FileRejected as exc:
        for error in exc.errors:
            print(error, file=stderr)
        print(f"Rejected: {exc}", file=stderr)
        return 1
    except (OSError, ValueError) as exc:
        print(f"Error: {exc}", file=stderr)
        return 2
    for note in result.notes:
        print(note, file=stdout)
    print(f"Wrote {len(result.rows)} pseudonymised row(s) to {args.output}", file=stdout)
    print("Rows linkable by: " + "; ".join(result.summary()), file=stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
