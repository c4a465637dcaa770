"""Partner lists carry the tolerant keys: written by the script, checked and stored on upload, optional."""

from __future__ import annotations

import pytest

from zicht.common.tolerant_keys import TOLERANT_KEY_HEX, TolerantKind
from zicht.sources.pseudonymise import OUTPUT_COLUMNS, TOLERANT_COLUMNS, pseudonymise_rows
from zicht.sources.upload import MAX_TOLERANT_KEYS, clean_row

KEY = "shared-list-key-for-2025-abcdef"
ROW = {
    "bsn": "",
    "given_names": "Sanne Lotte",
    "prefix": "van der",
    "family_name": "Berg",
    "date_of_birth": "2009-03-05",
    "year": "2025",
    "exploitation_forms": "criminal",
}


def keyed(**changes: str) -> dict[str, str]:
    return pseudonymise_rows([{**ROW, **changes}], key=KEY).rows[0]


def test_the_script_writes_every_tolerant_kind_as_spaced_short_keys() -> None:
    row = keyed()
    assert set(TOLERANT_COLUMNS) == set(TolerantKind.ALL) and set(TOLERANT_COLUMNS) <= set(OUTPUT_COLUMNS)
    for column in TOLERANT_COLUMNS:
        keys = row[column].split(" ")
        assert keys and all(len(k) == TOLERANT_KEY_HEX and int(k, 16) >= 0 for k in keys), column
    assert len(row["near_surname"].split()) == len("berg") + 1  # the core and each letter left out


def test_a_year_only_date_keeps_the_year_keys_and_the_row_is_still_written_on_a_bsn() -> None:
    row = keyed(date_of_birth="2009", bsn="111222333")
    assert row["given_year"] and row["initial_sound_year"] and row["given_surname"]
    assert row["near_date"] == row["near_surname"] == row["given_date"] == "" and row["name_dob"] == ""


def test_upload_keeps_the_tolerant_keys_and_accepts_a_file_without_them() -> None:
    row = keyed()
    cleaned = clean_row(row, year=2025)
    assert all(cleaned[column] == row[column] for column in TOLERANT_COLUMNS)
    older = {k: v for k, v in row.items() if k not in TOLERANT_COLUMNS}
    assert all(clean_row(older, year=2025)[column] == "" for column in TOLERANT_COLUMNS)


@pytest.mark.parametrize(
    "value",
    [
        "Sanne van der Berg",  # an identifier in a key column
        "ab" * 32,  # a 64-character key where 32 belong
        "ab" * 16 + ";" + "cd" * 16,  # the wrong separator
        " ".join(["ab" * 16] * (MAX_TOLERANT_KEYS + 1)),  # too many keys
    ],
)
def test_upload_refuses_what_is_not_a_list_of_tolerant_keys(value: str) -> None:
    with pytest.raises(ValueError, match="given_surname"):
        clean_row({**keyed(), "given_surname": value}, year=2025)
