"""Identifying fields are encrypted at rest: raw SQL sees tokens, the ORM sees values."""

from __future__ import annotations

import datetime

import pytest
from cryptography.fernet import Fernet
from django.db import connection
from django.test import override_settings

from zicht.common.crypto import DecryptionError, _cipher
from zicht.people.models import YoungPerson

pytestmark = pytest.mark.django_db

IDENTITY = {
    "given_names": "Mohammed Amin",
    "family_name_prefix": "van der",
    "family_name": "Zeeuw",
    "bsn": "111222333",
    "date_of_birth": datetime.date(2008, 3, 14),
}


def _raw_row(pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM cases_youngperson WHERE id = %s", [pk])
        return " ".join(str(v) for v in cursor.fetchone())


def test_raw_sql_shows_no_plaintext(support_org):
    person = YoungPerson.objects.create(organization=support_org, **IDENTITY)
    raw = _raw_row(person.pk)
    for value in ("Mohammed", "Amin", "van der", "Zeeuw", "111222333", "2008-03-14", "2008"):
        assert value not in raw
    loaded = YoungPerson.objects.get(pk=person.pk)
    assert {k: getattr(loaded, k) for k in IDENTITY} == IDENTITY


def test_same_value_encrypts_differently_each_time(support_org):
    a = YoungPerson.objects.create(organization=support_org, family_name="Zeeuw")
    b = YoungPerson.objects.create(organization=support_org, family_name="Zeeuw")
    with connection.cursor() as cursor:
        cursor.execute("SELECT family_name FROM cases_youngperson WHERE id IN (%s, %s)", [a.pk, b.pk])
        tokens = [row[0] for row in cursor.fetchall()]
    assert tokens[0] != tokens[1]


def test_wrong_key_fails_loudly(support_org):
    person = YoungPerson.objects.create(organization=support_org, family_name="Zeeuw")
    _cipher.cache_clear()
    with override_settings(FIELD_ENCRYPTION_KEYS=[Fernet.generate_key().decode()]), pytest.raises(DecryptionError):
        YoungPerson.objects.get(pk=person.pk)
    _cipher.cache_clear()


def test_key_rotation_reads_old_rows(support_org, settings):
    person = YoungPerson.objects.create(organization=support_org, family_name="Zeeuw")
    _cipher.cache_clear()
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode(), *settings.FIELD_ENCRYPTION_KEYS]
    assert YoungPerson.objects.get(pk=person.pk).family_name == "Zeeuw"
    _cipher.cache_clear()


def test_encrypted_fields_cannot_be_filtered_in_sql(support_org):
    with pytest.raises(TypeError, match="encrypted"):
        YoungPerson.objects.filter(family_name="Zeeuw").count()
