"""Linkage with imperfect identifiers: partial dates, initials, twins on a common surname, no BSN."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter

import pytest

from zicht.common.pseudonyms import PartialDate, bsn_is_valid, given_name_parts, parse_partial_date
from zicht.sources.linkage_eval import pair_score
from zicht.sources.pseudonymise import OUTPUT_COLUMNS, main
from zicht.sources.synthetic import DEFAULT_REGISTRIES, RegistryProfile, generate


def test_partial_dates_are_read_as_year_only_or_full() -> None:
    assert parse_partial_date("2009") == PartialDate(2009) and not PartialDate(2009).complete
    assert parse_partial_date("05-03-2009").date() == dt.date(2009, 3, 5)
    assert parse_partial_date(dt.date(2009, 3, 5)).iso() == "2009-03-05"
    assert parse_partial_date("") is None and parse_partial_date(None) is None
    with pytest.raises(ValueError):
        parse_partial_date("2009-31-31")


@pytest.mark.parametrize(
    ("written", "full", "first", "initials"),
    [
        ("Sanne Lotte", "sannelotte", "sanne", "sl"),
        ("S. L.", "", "", "sl"),
        ("S.L.", "", "", "sl"),
        ("Anne-Marie", "annemarie", "anne", "am"),
        ("", "", "", ""),
    ],
)
def test_initials_are_told_from_given_names(written: str, full: str, first: str, initials: str) -> None:
    parts = given_name_parts(written)
    assert (parts.full, parts.first, parts.initials) == (full, first, initials)
    assert parts.initials_only == (bool(initials) and not full)


def test_the_generator_applies_each_rate_per_registry() -> None:
    registries = (
        RegistryProfile("no_dates", 1.0, dob_missing=1.0),
        RegistryProfile("years", 1.0, dob_year_only=1.0, duplicate=1.0),
        RegistryProfile("typed_bsn", 1.0, bsn_rate=1.0, bsn_invalid=1.0, initials_only=1.0),
    )
    data = generate(300, seed=2, registries=registries)
    by = {name: [r for r in data.records if r["registry"] == name] for name in ("no_dates", "years", "typed_bsn")}
    assert all(r["date_of_birth"] is None and r["birth_year"] is None for r in by["no_dates"])
    assert all(
        r["date_of_birth"] is None and r["birth_year"] == data.people[r["person_id"]].date_of_birth.year
        for r in by["years"]
    )
    assert len(by["years"]) == 2 * len(data.people)  # everybody registered twice
    assert all(r["bsn"] and not bsn_is_valid(r["bsn"]) for r in by["typed_bsn"])
    assert all(r["given_names"].endswith(".") for r in by["typed_bsn"])


def test_default_registries_are_realistic() -> None:
    data = generate(6000, seed=3)
    cjg = [r for r in data.records if r["registry"] == "cjg"]
    assert 0.07 < sum(bool(r["bsn"]) for r in cjg) / len(cjg) < 0.13  # the youth centre rarely has a BSN
    police = [r for r in data.records if r["registry"] == "police"]
    assert 0.3 < sum(r["given_names"].endswith(".") for r in police) / len(police) < 0.4
    assert any(r["birth_year"] for r in data.records) and any(
        r["bsn"] and not bsn_is_valid(r["bsn"]) for r in data.records
    )
    commonest = Counter((p.prefix, p.family_name) for p in data.people).most_common(1)[0][1] / len(data.people)
    assert 0.02 < commonest < 0.06


def _splink_score(records: list[dict]) -> tuple[dict, object]:
    from zicht.sources.splink_linkage import dedupe_identities

    people = [{"unique_id": i, **r} for i, r in enumerate(records)]
    found = dedupe_identities(people)
    return found, pair_score([found[i] for i in range(len(people))], [r["person_id"] for r in records])


def test_splink_without_any_bsn_trains_and_links() -> None:
    no_bsn = tuple(
        RegistryProfile(p.name, p.capture, bsn_rate=0.0, noise=p.noise, initials_only=p.initials_only)
        for p in DEFAULT_REGISTRIES
    )
    data = generate(700, seed=8, registries=no_bsn)
    assert len(data.records) > 200 and not any(r["bsn"] for r in data.records)
    _, score = _splink_score(data.records)
    assert score.precision > 0.9 and score.recall > 0.8


@pytest.mark.parametrize("dob_missing", [0.0, 1.0])
def test_splink_trains_on_a_list_without_duplicates_bsn_or_dates(dob_missing: float) -> None:
    from zicht.sources.splink_linkage import dedupe_identities

    only = (RegistryProfile("a", 1.0, bsn_rate=0.0, dob_missing=dob_missing), RegistryProfile("b", 0.0))
    data = generate(230, seed=3, registries=only)
    people = [{"unique_id": i, **r} for i, r in enumerate(data.records)]
    found = dedupe_identities(people)  # no deterministic pair and no BSN: must not fail
    # Everybody is a different person; without dates a few namesakes sharing an initial may merge.
    assert len(set(found.values())) >= 0.95 * len(people)


def test_splink_links_all_registries_when_one_has_no_bsn() -> None:
    from zicht.sources.splink_linkage import cluster, prepare

    registries = (RegistryProfile("a", 0.6, bsn_rate=0.9), RegistryProfile("b", 0.6, bsn_rate=0.0))
    data = generate(500, seed=9, registries=registries)
    people = [{"unique_id": i, "source_dataset": r["registry"], **r} for i, r in enumerate(data.records)]
    found = cluster(prepare(people), link_type="link_and_dedupe")
    score = pair_score(
        [found[(p["source_dataset"], p["unique_id"])] for p in people], [r["person_id"] for r in data.records]
    )
    assert score.precision > 0.9 and score.recall > 0.8


def _person(pid: int, given: str, family: str, dob: object, bsn: str = "") -> dict:
    return {
        "person_id": pid,
        "registry": "x",
        "given_names": given,
        "prefix": "",
        "family_name": family,
        "date_of_birth": dob,
        "bsn": bsn,
    }


def test_splink_keeps_twins_on_a_common_surname_apart_and_links_partial_records() -> None:
    background = generate(1200, seed=12, registries=DEFAULT_REGISTRIES[:2]).records
    offset = 10_000
    born = dt.date(2010, 4, 17)
    special = [
        # Twins Jansen: same date, different given names with the same initial; each twice in full.
        _person(offset, "Sara", "Jansen", born),
        _person(offset, "Sara", "Jansen", born),
        _person(offset + 1, "Sem", "Jansen", born),
        _person(offset + 1, "Sem Daan", "Jansen", born),
        # A rare surname: an initial, a year of birth only and a missing date still link to the full record.
        _person(offset + 2, "Wouter Gijs", "Zwanenburg", dt.date(2008, 11, 2)),
        _person(offset + 2, "W. G.", "Zwanenburg", dt.date(2008, 11, 2)),
        _person(offset + 2, "Wouter Gijs", "Zwanenburg", "2008"),
    ]
    found, _ = _splink_score(background + special)
    ids = {i: found[len(background) + i] for i in range(len(special))}
    assert ids[0] == ids[1] and ids[2] == ids[3] and ids[0] != ids[2]
    assert ids[4] == ids[5] == ids[6]


def test_a_partner_list_keeps_a_row_whose_bsn_fails_the_eleven_test(tmp_path) -> None:
    (tmp_path / "in.csv").write_text(
        "bsn,given_names,prefix,family_name,date_of_birth,year,exploitation_forms\n"
        "111222333,Sanne,van der,Berg,2009-03-05,2025,criminal\n"
        "111222334,Daan,,Visser,2008-01-02,2025,criminal\n"  # BSN typo: kept on its name keys
        "123456780,,,,,2025,sexual\n"  # BSN typo and nothing else: too little, left out
        ",Noor,,Bakker,2007,2025,labour\n"  # year of birth only and no BSN: too little
        "111222333,,,,,2025,criminal\n"  # BSN only
    )
    (tmp_path / "list.key").write_text("shared-list-key-for-2025-abcdef")
    out = io.StringIO()
    assert (
        main(
            [str(tmp_path / "in.csv"), str(tmp_path / "out.csv"), "--key-file", str(tmp_path / "list.key")], stdout=out
        )
        == 0
    )
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out.csv").read_text())))
    assert len(rows) == 3 and tuple(rows[0]) == OUTPUT_COLUMNS
    daan = rows[1]
    assert daan["bsn_key"] == "" and daan["name_dob"] and daan["given_dob"]
    report = out.getvalue()
    assert "row 2: the BSN fails the eleven test; the row is kept without it" in report
    assert (
        "row 3: the BSN fails the eleven test" in report
        and "row 3: give a valid BSN" in report
        and "row 4: give a valid BSN" in report
    )
    assert "111222334" not in report and "123456780" not in report
    assert (
        "BSN and name keys: 1" in report
        and "BSN key only: 1" in report
        and "name keys only (no valid BSN): 1" in report
    )
    assert "too little to key on (left out): 2" in report


@pytest.mark.django_db
def test_the_upload_summary_says_how_many_rows_are_linkable_by_which_keys(personas, client_for) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from zicht.common.roles import Role

    a, b, c = "a" * 64, "b" * 64, "c" * 64
    text = (
        "key_id,bsn_key,name_dob,phonetic_dob,year,age_band,exploitation_forms\n"
        f"{'d' * 16},{a},{b},{c},2025,under_18,criminal\n"
        f"{'d' * 16},{c},,,2025,under_18,criminal\n"
        f"{'d' * 16},{b},,,2025,under_18,criminal\n"
        f"{'d' * 16},,{a},{b},2025,18_20,sexual\n"
    )
    upload = SimpleUploadedFile("keys.csv", text.encode(), content_type="text/csv")
    response = client_for(personas[Role.PARTNER]).post(
        "/bronnen/uploaden/", {"name": "cjg", "year": 2025, "file": upload}, follow=True
    )
    body = response.content.decode()
    assert "4 rows, linkable by BSN and name keys: 1, by BSN key only: 2, by name keys only: 1." in body


def test_labelled_rows_write_partial_dates_as_the_evaluation_command_reads_them() -> None:
    from zicht.sources.synthetic import labelled_rows

    registries = (RegistryProfile("years", 1.0, dob_year_only=1.0), RegistryProfile("none", 1.0, dob_missing=1.0))
    data = generate(20, seed=4, registries=registries)
    rows = labelled_rows(data)
    assert {r["date_of_birth"] for r in rows if r["source"] == "none"} == {""}
    years = [r for r in rows if r["source"] == "years"]
    assert all(r["date_of_birth"] == str(data.people[int(r["person_id"])].date_of_birth.year) for r in years)
    assert all(parse_partial_date(r["date_of_birth"]) == PartialDate(int(r["date_of_birth"])) for r in years)
