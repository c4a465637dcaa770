"""Field-key rotation: everything ends under the newest key, resumably, with failures counted."""

from __future__ import annotations

import io

import pytest
from cryptography.fernet import Fernet, MultiFernet
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from zicht.people.models import YoungPerson

pytestmark = pytest.mark.django_db
OLD, NEW = Fernet.generate_key().decode(), Fernet.generate_key().decode()


def _raw(pk: int) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT given_names, family_name, date_of_birth FROM cases_youngperson WHERE id = %s", [pk])
        return [value for value in cursor.fetchone() if value]


def _people(settings, support_org, n: int) -> list[YoungPerson]:
    settings.FIELD_ENCRYPTION_KEYS = [OLD]
    people = [
        YoungPerson.objects.create(organization=support_org, given_names=f"Noah {i}", family_name="Jansen")
        for i in range(n)
    ]
    settings.FIELD_ENCRYPTION_KEYS = [NEW, OLD]
    return people


def _under(key: str, pk: int) -> bool:
    try:
        for token in _raw(pk):
            MultiFernet([Fernet(key)]).decrypt(token.encode())
    except Exception:
        return False
    return True


def test_rotation_moves_every_row_to_the_newest_key_and_says_old_keys_can_go(settings, support_org):
    people = _people(settings, support_org, 7)
    assert not any(_under(NEW, p.pk) for p in people)
    out = io.StringIO()
    call_command("rotate_field_keys", "--batch-size", "3", stdout=out)
    assert all(_under(NEW, p.pk) for p in people)
    assert "people.youngperson: 7/7 rows (re-encrypted 7, already current 0, failed 0)" in out.getvalue()
    assert "the older keys can be removed" in out.getvalue()
    settings.FIELD_ENCRYPTION_KEYS = [NEW]  # the old key is gone and everything still reads
    assert sorted(p.given_names for p in YoungPerson.objects.all()) == sorted(f"Noah {i}" for i in range(7))


def test_rotation_is_resumable(settings, support_org):
    people = _people(settings, support_org, 10)
    first = io.StringIO()
    call_command("rotate_field_keys", "--max-rows", "4", "--batch-size", "2", stdout=first)
    assert sum(_under(NEW, p.pk) for p in people) == 4
    assert "not reached" in first.getvalue() and "can be removed" not in first.getvalue()
    second = io.StringIO()
    call_command("rotate_field_keys", stdout=second)
    assert "6 rows re-encrypted, 4 already current, 0 failed, 0 not reached" in second.getvalue()
    assert all(_under(NEW, p.pk) for p in people)


def test_dry_run_counts_and_changes_nothing(settings, support_org):
    people = _people(settings, support_org, 3)
    out = io.StringIO()
    call_command("rotate_field_keys", "--dry-run", stdout=out)
    assert "3 rows still under an older key" in out.getvalue()
    assert not any(_under(NEW, p.pk) for p in people)


def test_a_row_under_an_unknown_key_is_counted_failed_and_the_rest_rotated(settings, support_org):
    people = _people(settings, support_org, 3)
    stranger = Fernet(Fernet.generate_key()).encrypt(b"Onbekend").decode()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE cases_youngperson SET given_names = %s WHERE id = %s", [stranger, people[1].pk])
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="1 rows could not be decrypted"):
        call_command("rotate_field_keys", stdout=out, stderr=err)
    assert _under(NEW, people[0].pk) and _under(NEW, people[2].pk)
    assert f"people.youngperson: cannot decrypt rows with id {people[1].pk}" in err.getvalue()
    assert "Onbekend" not in out.getvalue() + err.getvalue() and "Noah" not in out.getvalue() + err.getvalue()


def test_a_row_saved_by_the_app_meanwhile_is_left_as_saved(settings, support_org):
    """The optimistic guard: a row whose ciphertext changed after it was read is not overwritten."""
    from zicht.common import key_rotation

    person = _people(settings, support_org, 1)[0]
    original = key_rotation._rotate_row

    def app_saves_first(table, pk_column, columns, row, newest):
        YoungPerson.objects.filter(pk=person.pk).update(given_names="Noor")  # the app, under the new key
        return original(table, pk_column, columns, row, newest)

    key_rotation._rotate_row = app_saves_first
    try:
        call_command("rotate_field_keys", stdout=io.StringIO())
    finally:
        key_rotation._rotate_row = original
    assert YoungPerson.objects.get(pk=person.pk).given_names == "Noor"
