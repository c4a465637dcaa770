"""Identity rules of a young person: dates of birth, BSN normalisation, one creation path."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zicht.common.validation import ErrorCollector
from zicht.people.ages import MAX_AGE, age_on
from zicht.people.identity import identity_clean

TODAY = datetime.date(2026, 6, 15)
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _clean(**values):
    errors = ErrorCollector()
    identity = identity_clean(today=TODAY, errors=errors, **values)
    return identity, {field: [e.code for e in errs] for field, errs in errors.errors.items()}


@given(st.dates(min_value=datetime.date(1950, 1, 1), max_value=datetime.date(2030, 12, 31)))
def test_date_of_birth_rule(dob: datetime.date) -> None:
    # Independent reference: the last birthday that has passed, counted by replacing the year.
    try:
        birthday_this_year = dob.replace(year=TODAY.year)
    except ValueError:  # 29 February in a non-leap year counts from 1 March
        birthday_this_year = datetime.date(TODAY.year, 3, 1)
    expected_age = TODAY.year - dob.year - (birthday_this_year > TODAY)
    _identity, errors = _clean(date_of_birth=dob)
    if dob > TODAY:
        assert errors == {"date_of_birth": ["dob_future"]}
    elif expected_age > MAX_AGE:
        assert errors == {"date_of_birth": ["dob_too_old"]}
    else:
        assert errors == {}
        assert age_on(dob, TODAY) == expected_age


def test_age_boundaries() -> None:
    assert _clean(date_of_birth=datetime.date(1996, 6, 15))[1] == {}  # 30 today
    assert _clean(date_of_birth=datetime.date(1995, 6, 15))[1] == {"date_of_birth": ["dob_too_old"]}  # 31 today
    assert _clean(date_of_birth=TODAY)[1] == {}


@pytest.mark.parametrize(
    "typed", ["111222333", "111-222-333", "111 222 333", " 111.222.333 ", "111222333".translate(FULLWIDTH)]
)
def test_a_bsn_is_stored_as_nine_ascii_digits_however_it_is_typed(typed: str) -> None:
    identity, errors = _clean(bsn=typed)
    assert errors == {} and identity.bsn == "111222333"


@pytest.mark.parametrize("typed", ["111222334", "11122233x", "1112223", "١١١٢٢٢٣٣٣x", "000000000"])
def test_a_bsn_failing_the_eleven_test_is_refused(typed: str) -> None:
    identity, errors = _clean(bsn=typed)
    assert errors == {"bsn": ["invalid_bsn"]} and identity.bsn == ""


@given(st.lists(st.sampled_from(["", " ", "-", "."]), min_size=9, max_size=9), st.booleans())
def test_separators_and_fullwidth_digits_never_change_the_bsn(separators: list[str], fullwidth: bool) -> None:
    digits = "111222333".translate(FULLWIDTH) if fullwidth else "111222333"
    typed = "".join(d + s for d, s in zip(digits, separators, strict=True))
    assert _clean(bsn=typed)[0].bsn == "111222333"


def test_names_are_trimmed_and_limited() -> None:
    identity, errors = _clean(given_names="  Noah ", family_name="x" * 201)
    assert identity.given_names == "Noah" and errors == {"family_name": ["max_length"]}
