"""Turn a partner's CSV with identifiers into pseudonymous keys, on the partner's own machine.

Runs without a database or Django settings::

    python -m zicht.sources.pseudonymise INPUT.csv OUTPUT.csv --key-file KEYFILE

(or ``manage.py pseudonymise ...``). Input columns: ``bsn``, ``given_names``, ``prefix``,
``family_name``, ``date_of_birth`` (YYYY-MM-DD or DD-MM-YYYY), ``year``, ``exploitation_forms``
(codes separated by ``;``) and optionally ``registration_date`` (for the age band; default 1 July
of ``year``). Output: the key fingerprint, the match keys (HMAC-SHA256 with the shared list key),
year, age band and exploitation forms. No identifier is written. When any row is bad, nothing is
written and every bad row is reported with its row number and reason.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from zicht.common.pseudonyms import KeyKind, age_band, age_on, bsn_is_valid, key_id, match_keys, parse_date_of_birth

# Codes of the forms of exploitation (same codes as the cases app) plus "unknown".
EXPLOITATION_FORMS: tuple[str, ...] = ("criminal", "sexual", "labour", "organ_removal", "other", "unknown")
AGE_BANDS: tuple[str, ...] = ("under_18", "18_20", "21_22", "23_plus", "unknown")
KEY_COLUMNS: tuple[str, ...] = ("bsn_key", *KeyKind.NAME_KINDS)
OUTPUT_COLUMNS: tuple[str, ...] = ("key_id", *KEY_COLUMNS, "year", "age_band", "exploitation_forms")
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


def pseudonymise_row(row: Mapping[str, str], *, key: str) -> dict[str, str]:
    """One output row for one input row; ``ValueError`` with the reason when it is bad."""
    get = lambda name: (row.get(name) or "").strip()  # noqa: E731
    year = parse_year(get("year"))
    forms = parse_forms(get("exploitation_forms") or get("exploitation_form"))
    bsn = get("bsn")
    if bsn and not bsn_is_valid(bsn):
        raise ValueError("the BSN fails the eleven test")
    dob = parse_date_of_birth(get("date_of_birth")) if get("date_of_birth") else None
    keys = match_keys(
        bsn=bsn, given_names=get("given_names"), prefix=get("prefix"), family_name=get("family_name"), date_of_birth=dob, key=key
    )
    name_kinds = {KeyKind.BASE[k] for k in keys if k != KeyKind.BSN}
    if KeyKind.BSN not in keys and len(name_kinds) < 2:
        raise ValueError("give a valid BSN, or given names, family name and date of birth")
    reference = parse_date_of_birth(get("registration_date")) if get("registration_date") else dt.date(year, 7, 1)
    out = {"key_id": key_id(key), "bsn_key": keys.get(KeyKind.BSN, "")}
    out.update({kind: keys.get(kind, "") for kind in KeyKind.NAME_KINDS})
    out.update({"year": str(year), "age_band": age_band(age_on(dob, reference) if dob else None), "exploitation_forms": ";".join(forms)})
    return out


def pseudonymise_rows(rows: Iterable[Mapping[str, str]], *, key: str) -> list[dict[str, str]]:
    """All output rows, or ``FileRejected`` listing every bad row."""
    out: list[dict[str, str]] = []
    errors: list[RowError] = []
    for number, row in enumerate(rows, start=1):
        try:
            out.append(pseudonymise_row(row, key=key))
        except ValueError as exc:
            errors.append(RowError(number, str(exc).replace(repr(row.get("bsn", "")), "").strip()))
    if errors:
        raise FileRejected(errors)
    if not out:
        raise FileRejected([RowError(0, "the file has no data rows")])
    return out


def pseudonymise_file(input_path: str | Path, output_path: str | Path, *, key: str) -> int:
    with open(input_path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames or "year" not in reader.fieldnames:
            raise FileRejected([RowError(0, "the header needs at least the column 'year'")])
        rows = pseudonymise_rows(reader, key=key)
    with open(output_path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=OUTPUT_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pseudonymise", description=__doc__.split("\n\n")[0])
    parser.add_argument("input", help="CSV with identifiers")
    parser.add_argument("output", help="CSV with keys (written only when every row is good)")
    parser.add_argument("--key-file", required=True, help="file holding the list key shared for this purpose")
    return parser


def main(argv: list[str] | None = None, *, stdout=None, stderr=None) -> int:  # noqa: ANN001
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    args = build_parser().parse_args(argv)
    try:
        key = read_key_file(args.key_file)
        count = pseudonymise_file(args.input, args.output, key=key)
    except FileRejected as exc:
        for error in exc.errors:
            print(error, file=stderr)
        print(f"Rejected: {exc}", file=stderr)
        return 1
    except (OSError, ValueError) as exc:
        print(f"Error: {exc}", file=stderr)
        return 2
    print(f"Wrote {count} pseudonymised row(s) to {args.output}", file=stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
