"""The blind search index: keyed tokens, the pseudonym module's normalisation, no plaintext."""

from __future__ import annotations

import datetime
import importlib

import pytest
from django.db import connection
from hypothesis import given
from hypothesis import strategies as st

from zicht.common.roles import Role
from zicht.people import services
from zicht.people.models import YoungPerson
from zicht.people.search import COLUMNS, parse_search, search_tokens
from zicht.people.selectors import young_people_matching

pytestmark = pytest.mark.django_db

DOB = datetime.date(2009, 3, 14)


def _person(user, **identity) -> YoungPerson:
    values = {
        "given_names": "Sanne Marie",
        "family_name_prefix": "van der",
        "family_name": "Berg",
        "date_of_birth": DOB,
    }
    values.update(identity)
    return services.young_person_create(organization=user.organization, user=user, **values)


def _found(text: str) -> set[int]:
    people = young_people_matching(text=text)
    return set() if people is None else {row["pk"] for row in people}


@pytest.fixture
def worker(personas):
    return personas[Role.SUPPORT_WORKER]


@pytest.mark.parametrize(
    "text",
    [
        "Berg",
        "van der Berg",
        "Vanderberg",
        "BERG",
        "Sanne",
        "sanne berg",
        "Sanne van der Berg",
        "Bergh",  # sounds the same
        "14-03-2009",
        "2009-03-14",
        "14/3/2009",
        "Sanne 14-03-2009",
    ],
)
def test_spellings_of_the_name_and_date_find_the_person(worker, text) -> None:
    person = _person(worker)
    _person(worker, given_names="Daan", family_name_prefix="", family_name="Jansen", date_of_birth=None)
    assert _found(text) == {person.pk}


@pytest.mark.parametrize("text", ["Lotte", "Daan Berg", "Berg 15-03-2009", "Marie", "Jansen"])
def test_other_names_and_dates_do_not_find_the_person(worker, text) -> None:
    _person(worker)
    assert _found(text) == set()


def test_nothing_to_search_for_is_none(worker) -> None:
    _person(worker)
    assert young_people_matching(text=" ,, ") is None


def test_a_family_name_of_several_words(worker) -> None:
    person = _person(worker, given_names="Ana", family_name_prefix="", family_name="Silva Santos")
    assert _found("Silva Santos") == _found("Ana Silva Santos") == {person.pk}


def test_the_columns_hold_no_plaintext_and_depend_on_the_key(worker, settings) -> None:
    person = _person(worker)
    with connection.cursor() as cursor:
        columns = ", ".join(COLUMNS)
        cursor.execute(f"SELECT {columns} FROM cases_youngperson WHERE id = %s", [person.pk])
        stored = cursor.fetchone()
    assert all(len(value) == 64 for value in stored)
    assert not any(part in value for value in stored for part in ("sanne", "berg", "2009"))
    settings.SEARCH_INDEX_KEY = "another-key-" * 4
    assert _found("Berg") == set()  # a token made with another key finds nothing


def test_anonymising_clears_the_tokens(worker) -> None:
    person = _person(worker)
    services.young_person_identity_anonymise(person_id=person.pk)
    person.refresh_from_db()
    assert all(getattr(person, column) is None for column in COLUMNS)
    assert _found("Berg") == set() and _found("14-03-2009") == set()


def test_correcting_the_identity_moves_the_tokens(worker) -> None:
    person = _person(worker)
    services.young_person_identity_update(
        person=person,
        user=worker,
        given_names="Sanne",
        family_name_prefix="",
        family_name="Dekker",
        date_of_birth=datetime.date(2009, 4, 1),
    )
    assert _found("Berg") == set() and _found("Dekker") == {person.pk} and _found("01-04-2009") == {person.pk}


def test_rebuild_and_data_migration_fill_rows_without_tokens(worker) -> None:
    people = [_person(worker), _person(worker, given_names="Daan", family_name="Jansen", date_of_birth=None)]
    YoungPerson.objects.update(**dict.fromkeys(COLUMNS))  # rows from before the index
    assert _found("Berg") == set()
    migration = importlib.import_module("zicht.people.migrations.0003_fill_search_index")
    from django.apps import apps

    migration.fill(apps, None)
    assert _found("Berg") == {people[0].pk} and _found("Daan Jansen") == {people[1].pk}
    YoungPerson.objects.update(**dict.fromkeys(COLUMNS))
    assert services.young_person_search_index_rebuild(batch_size=1) == 2
    assert services.young_person_search_index_rebuild() == 0  # nothing left to change
    assert _found("Jansen") == {people[1].pk}


@given(given_names=st.text(max_size=30), family=st.text(max_size=30))
def test_tokens_of_any_text_are_hex_or_none(given_names, family) -> None:
    tokens = search_tokens(given_names=given_names, family_name_prefix="", family_name=family, date_of_birth=None)
    assert set(tokens) == set(COLUMNS)
    assert all(t is None or (len(t) == 64 and int(t, 16) >= 0) for t in tokens.values())


@given(st.text(max_size=60))
def test_parsing_any_text_never_fails(text) -> None:
    parsed = parse_search(text)
    assert len(parsed.names) + len(parsed.dates) <= 6


def test_the_rebuild_command_reports_what_it_changed(worker, settings) -> None:
    from io import StringIO

    from django.core.management import call_command

    _person(worker)
    settings.SEARCH_INDEX_KEY = "a-new-search-key-" * 3
    out = StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "1 young people updated" in out.getvalue() and _found("Berg") != set()
