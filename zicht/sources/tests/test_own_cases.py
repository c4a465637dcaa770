"""The support organisation's own list, built in the trusted environment from its encrypted cases."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from zicht.common.roles import Role
from zicht.sources.models import SourceRecord
from zicht.sources.synthetic import CLEAN_REGISTRIES, generate

pytestmark = pytest.mark.django_db


def test_own_cases_become_one_keyed_record_per_person(personas, tmp_path) -> None:
    from zicht.cases.models import Case
    from zicht.people.models import YoungPerson

    org = personas[Role.COORDINATOR].organization
    data = generate(300, seed=4, registries=CLEAN_REGISTRIES)
    records = [r for r in data.records if r["registry"] in ("support", "police")]  # some people twice
    for r in records:
        person = YoungPerson.objects.create(
            organization=org,
            given_names=r["given_names"],
            family_name_prefix=r["prefix"],
            family_name=r["family_name"],
            date_of_birth=r["date_of_birth"],
            bsn=r["bsn"],
        )
        Case.objects.create(
            organization=org,
            young_person=person,
            opened_at=timezone.now(),
            registration_year=2025,
            age_at_registration=16,
        )
    key_file = tmp_path / "list.key"
    key_file.write_text("shared-list-key-0123456789abcdef")
    out = io.StringIO()
    call_command(
        "build_own_source_list",
        "--organization",
        str(org.pk),
        "--year",
        "2025",
        "--key-file",
        str(key_file),
        stdout=out,
    )
    true_people = len({r["person_id"] for r in records})
    made = SourceRecord.objects.count()
    assert abs(made - true_people) <= 0.05 * true_people
    assert sorted(ref for refs in SourceRecord.objects.values_list("local_refs", flat=True) for ref in refs) == sorted(
        YoungPerson.objects.values_list("pk", flat=True)
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM sources_sourcerecord")
        text = " ".join(str(v) for row in cursor.fetchall() for v in row).lower()
    for r in records[:30]:
        assert r["family_name"].lower() not in text and (not r["bsn"] or r["bsn"] not in text)
        assert not r["date_of_birth"] or r["date_of_birth"].isoformat() not in text
