"""A partner's file round-trips: identifiers in, keys out, upload, linkage, capture histories, estimate."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client

from zicht.accounts.constants import OrganizationKind
from zicht.accounts.tests.factories import OrganizationFactory, UserFactory
from zicht.api.framework import api_token_create
from zicht.common.roles import Role
from zicht.sources import services
from zicht.sources.models import EstimateSnapshot, SourceList, SourceRecord
from zicht.sources.pseudonymise import OUTPUT_COLUMNS, main
from zicht.sources.synthetic import CLEAN_REGISTRIES, generate

LIST_KEY = "shared-list-key-for-2025-abcdef"
INPUT_COLUMNS = ("bsn", "given_names", "prefix", "family_name", "date_of_birth", "year", "exploitation_forms")


def write_registry(path, records) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=INPUT_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for r in records:
            writer.writerow({**r, "date_of_birth": r["date_of_birth"].isoformat() if r["date_of_birth"] else ""})


@pytest.fixture
def synthetic():
    return generate(600, seed=7, registries=CLEAN_REGISTRIES)  # the plumbing, not the linkage quality


@pytest.fixture
def key_file(tmp_path):
    path = tmp_path / "list.key"
    path.write_text(LIST_KEY)
    return path


def test_pseudonymise_writes_keys_and_no_identifiers(tmp_path, key_file, synthetic) -> None:
    records = [r for r in synthetic.records if r["registry"] == "police"]
    write_registry(tmp_path / "in.csv", records)
    assert (
        main([str(tmp_path / "in.csv"), str(tmp_path / "out.csv"), "--key-file", str(key_file)], stdout=io.StringIO())
        == 0
    )
    text = (tmp_path / "out.csv").read_text()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == len(records) and tuple(rows[0]) == OUTPUT_COLUMNS
    for record in records[:50]:
        assert record["bsn"] == "" or record["bsn"] not in text
        assert record["family_name"].lower() not in text.lower()


def test_bad_file_is_rejected_whole_with_a_row_report(tmp_path, key_file) -> None:
    (tmp_path / "in.csv").write_text(
        "bsn,given_names,prefix,family_name,date_of_birth,year,exploitation_forms\n"
        "111222333,Sanne,,Berg,2009-03-05,2025,criminal\n"
        "123456789,Ali,,Yilmaz,2008-01-02,2025,criminal\n"
        ",Noor,,Bakker,2008-31-31,2025,sexual\n"
        ",Daan,,Visser,2008-02-02,2025,slavery\n"
    )
    err = io.StringIO()
    assert (
        main(
            [str(tmp_path / "in.csv"), str(tmp_path / "out.csv"), "--key-file", str(key_file)],
            stdout=io.StringIO(),
            stderr=err,
        )
        == 1
    )
    assert not (tmp_path / "out.csv").exists()
    report = err.getvalue()
    assert "row 2:" in report and "row 3:" in report and "row 4:" in report and "row 1:" not in report
    assert "eleven test" in report and "slavery" in report


def test_management_command_runs_the_same_tool(tmp_path, key_file) -> None:
    (tmp_path / "in.csv").write_text("bsn,year,exploitation_forms\n111222333,2025,criminal\n")
    call_command(
        "pseudonymise",
        str(tmp_path / "in.csv"),
        str(tmp_path / "out.csv"),
        "--key-file",
        str(key_file),
        stdout=io.StringIO(),
    )
    assert "111222333" not in (tmp_path / "out.csv").read_text()


@pytest.mark.django_db
def test_round_trip_upload_link_estimate_and_picture(tmp_path, key_file, synthetic, personas, client_for) -> None:
    organizations = {
        "support": personas[Role.COORDINATOR],
        "police": UserFactory(
            organization=OrganizationFactory(name="Politie", kind=OrganizationKind.POLICE), role=Role.PARTNER
        ),
        "cjg": personas[Role.PARTNER],
    }
    for registry in organizations:
        write_registry(tmp_path / f"{registry}.csv", [r for r in synthetic.records if r["registry"] == registry])
        assert (
            main(
                [
                    str(tmp_path / f"{registry}.csv"),
                    str(tmp_path / f"{registry}-keys.csv"),
                    "--key-file",
                    str(key_file),
                ],
                stdout=io.StringIO(),
            )
            == 0
        )
    # Upload: two through the screen, one through the API.
    for registry in ("support", "cjg"):
        upload = SimpleUploadedFile(
            f"{registry}.csv", (tmp_path / f"{registry}-keys.csv").read_bytes(), content_type="text/csv"
        )
        response = client_for(organizations[registry]).post(
            "/bronnen/uploaden/", {"name": registry, "year": 2025, "file": upload}
        )
        assert response.status_code == 302, response.content.decode()[:2000]
    token = api_token_create(organization=organizations["police"].organization)[1]
    response = Client().post(
        "/api/v1/source-lists",
        data=json.dumps({"name": "police", "year": 2025, "csv": (tmp_path / "police-keys.csv").read_text()}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
        HTTP_IDEMPOTENCY_KEY="police-2025",
    )
    assert response.status_code == 201, response.content
    assert SourceList.objects.count() == 3 and SourceRecord.objects.count() == len(synthetic.records)

    snapshot = services.estimate_snapshot_create(
        period_start=dt.date(2025, 1, 1), period_end=dt.date(2025, 12, 31), user=personas[Role.ANALYST]
    )
    people_seen = len({r["person_id"] for r in synthetic.records})
    # Deterministic linkage on keys finds (nearly) the true number of distinct people.
    assert abs(snapshot.observed - people_seen) <= 0.05 * people_seen
    assert sum(snapshot.inputs["counts"]) == snapshot.observed and len(snapshot.inputs["lists"]) == 3
    assert snapshot.interval_low <= snapshot.estimate <= snapshot.interval_high
    # The lists are independent by construction: the estimate covers the true population.
    assert snapshot.interval_low * 0.9 <= len(synthetic.people) <= snapshot.interval_high * 1.1
    assert snapshot.library_version and snapshot.method and snapshot.sources
    by_threshold = {row["threshold"]: row for row in snapshot.sensitivity}
    # Stricter linkage misses links: more apparent people.
    assert by_threshold[3]["observed"] >= by_threshold[2]["observed"] >= by_threshold[1]["observed"]
    # A fourth agreeing name key does not exist (no BSN-only row); the tolerant keys travelled through
    # the script, the screen and the API, so the rule learnt from the BSN pairs adds its own row.
    assert set(by_threshold) == {1, 2, 3, "learnt"}
    learnt = by_threshold["learnt"]
    assert learnt["decided_pairs"] > 0 and learnt["learnt_patterns"] > 0 and learnt["estimate"]
    assert SourceRecord.objects.exclude(near_date="").count() > 0.9 * len(synthetic.records)

    page = client_for(personas[Role.ANALYST]).get(f"/bronnen/schattingen/{snapshot.pk}/")
    assert page.status_code == 200 and "Young people per combination of registrations" in page.content.decode()
    assert '<td class="num">learnt rule</td>' in page.content.decode()
    assert "learnt from the pairs of records whose BSNs" in page.content.decode()
    picture = client_for(personas[Role.ANALYST]).get(f"/bronnen/schattingen/{snapshot.pk}/overlap.svg")
    assert picture["Content-Type"] == "image/svg+xml" and b"<svg" in picture.content
    assert EstimateSnapshot.objects.count() == 1


@pytest.mark.django_db
def test_bad_upload_saves_nothing_and_reports_rows(personas, client_for) -> None:
    good = "a" * 64
    text = (
        "key_id,bsn_key,name_dob,year,age_band,exploitation_forms\n"
        + f"{'b' * 16},{good},,2025,under_18,criminal\n"
        + f"{'b' * 16},111222333,,2025,under_18,criminal\n"
        + f"{'b' * 16},,{good},2025,teen,criminal\n"
    )
    upload = SimpleUploadedFile("bad.csv", text.encode(), content_type="text/csv")
    response = client_for(personas[Role.PARTNER]).post(
        "/bronnen/uploaden/", {"name": "bad", "year": 2025, "file": upload}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "nothing was saved" in body and "identifiers are not accepted" in body
    assert not SourceList.objects.exists() and not SourceRecord.objects.exists()


@pytest.mark.django_db
def test_api_bad_rows_are_a_problem_with_row_report(personas) -> None:
    token = api_token_create(organization=personas[Role.PARTNER].organization)[1]
    rows = [
        {"key_id": "b" * 16, "bsn_key": "a" * 64, "year": 2025},
        {"key_id": "b" * 16, "bsn_key": "not-a-key", "year": 2025},
    ]
    response = Client().post(
        "/api/v1/source-lists",
        data=json.dumps({"name": "x", "year": 2025, "rows": rows}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
        HTTP_IDEMPOTENCY_KEY="x-1",
    )
    assert response.status_code == 422 and response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"] == [{"row": 2, "reason": response.json()["errors"][0]["reason"]}]
    assert not SourceList.objects.exists()


def test_runs_as_a_plain_script_without_django_settings(tmp_path, key_file) -> None:
    import os
    import subprocess
    import sys
    from pathlib import Path

    (tmp_path / "in.csv").write_text(
        "bsn,given_names,prefix,family_name,date_of_birth,year,exploitation_forms\n111222333,Sanne,,Berg,2009-03-05,2025,criminal\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "ZICHT_ENV")}
    root = Path(__file__).resolve().parents[3]
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "zicht.sources.pseudonymise",
            str(tmp_path / "in.csv"),
            str(tmp_path / "out.csv"),
            "--key-file",
            str(key_file),
        ],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "111222333" not in (tmp_path / "out.csv").read_text()
