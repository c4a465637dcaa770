"""Finding a young person's cases and concerns by name or date of birth without decrypting records:
only the rows of the page that is shown are ever decrypted (decryptions counted)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from zicht.cases.tests.factories import make_case
from zicht.common import fields
from zicht.common.roles import Role
from zicht.concerns.tests.factories import concern_make

pytestmark = pytest.mark.django_db

PAGE_SIZE = 25
DOB = datetime.date(2010, 6, 9)


@pytest.fixture
def worker(personas):
    return personas[Role.SUPPORT_WORKER]


@pytest.fixture
def decryptions(monkeypatch) -> list[str]:
    """Every plaintext decrypted from an encrypted field while the test runs."""
    seen: list[str] = []
    original = fields.decrypt_text

    def counting(token: str) -> str:
        plaintext = original(token)
        seen.append(plaintext)
        return plaintext

    monkeypatch.setattr(fields, "decrypt_text", counting)
    return seen


def _case_rows(client, **params) -> list:
    return list(client.get(reverse("cases:list"), params).context["page"])


def test_case_search_by_name_decrypts_only_the_shown_page(worker, client_for, decryptions) -> None:
    sought = [make_case(user=worker, given_names="Sanne", family_name="Jansen") for _ in range(PAGE_SIZE + 3)]
    others = [make_case(user=worker, given_names=f"Daan{chr(97 + i)}", family_name="Visser") for i in range(10)]
    client = client_for(worker)
    decryptions.clear()

    shown = _case_rows(client, q="Janssen")  # spelled differently: found by sound
    assert len(shown) == PAGE_SIZE and {c.pk for c in shown} <= {c.pk for c in sought}
    # Each shown row decrypts its own identity (names and date of birth), nobody else's.
    assert "Visser" not in decryptions and not any(d.startswith("Daan") for d in decryptions)
    assert decryptions.count("Jansen") == PAGE_SIZE
    assert len(decryptions) <= PAGE_SIZE * 5  # at most the five identity fields of each shown row

    second = _case_rows(client, q="Sanne Jansen", page=2)
    assert {c.pk for c in second} == {c.pk for c in sought} - {c.pk for c in shown}
    assert {c.pk for c in _case_rows(client, q="Daanc Visser")} == {others[2].pk}


def test_case_search_by_date_of_birth(worker, client_for, decryptions) -> None:
    born = make_case(user=worker, given_names="Mila", family_name="Bakker", date_of_birth=DOB)
    make_case(user=worker, given_names="Mila", family_name="Bakker", date_of_birth=DOB + datetime.timedelta(days=1))
    client = client_for(worker)
    decryptions.clear()
    for text in ("09-06-2010", "2010-06-09", "Bakker 9-6-2010"):
        assert [c.pk for c in _case_rows(client, q=text)] == [born.pk]
    assert DOB.isoformat() in decryptions and (DOB + datetime.timedelta(days=1)).isoformat() not in decryptions


def test_case_search_never_shows_another_organisations_cases(worker, client_for, other_support_org) -> None:
    from zicht.accounts.tests.factories import UserFactory

    fier_worker = UserFactory(organization=other_support_org, role=Role.SUPPORT_WORKER)
    make_case(user=fier_worker, given_names="Sanne", family_name="Jansen")
    assert _case_rows(client_for(worker), q="Jansen") == []


def test_case_number_search_still_works(worker, client_for) -> None:
    case = make_case(user=worker)
    make_case(user=worker)
    assert _case_rows(client_for(worker), q=case.reference) == [case]


def test_concern_search_by_name_and_date_of_birth(worker, client_for, decryptions) -> None:
    case = make_case(user=worker, given_names="Sanne", family_name_prefix="de", family_name="Vries", date_of_birth=DOB)
    about_sanne = concern_make(handling_organization=worker.organization, young_person=case.young_person)
    concern_make(handling_organization=worker.organization)  # no young person named
    client = client_for(worker)
    decryptions.clear()
    for text in ("de Vries", "Sanne", "09-06-2010"):
        rows = list(client.get(reverse("concerns:list"), {"q": text}).context["page"])
        assert rows == [about_sanne], text
    assert decryptions == []  # the concern list shows no names, so nothing is decrypted at all
