"""Tolerant match keys: which differences they survive and which keys a record gets."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from zicht.common.pseudonyms import PartialDate
from zicht.common.tolerant_keys import TolerantKind, one_digit_unknown, one_letter_left_out, tolerant_keys

KEY = "k" * 32
words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=14)
letters = st.sampled_from("abcdefghijklmnopqrstuvwxyz")


@given(words, st.data())
def test_one_typing_error_leaves_a_shared_spelling(word: str, data) -> None:
    i = data.draw(st.integers(0, len(word) - 1))
    letter = data.draw(letters)
    typed = {
        "substituted": word[:i] + letter + word[i + 1 :],
        "inserted": word[:i] + letter + word[i:],
        "deleted": word[:i] + word[i + 1 :],
        "swapped": word[:i] + word[i + 1 : i + 2] + word[i] + word[i + 2 :] if i + 1 < len(word) else word,
    }
    for edit, other in typed.items():
        assert one_letter_left_out(word) & one_letter_left_out(other), edit


def test_different_surnames_share_no_spelling() -> None:
    assert not one_letter_left_out("jansen") & one_letter_left_out("visser")
    assert not one_letter_left_out("jansen") & one_letter_left_out("jonker")


@given(st.dates(dt.date(1990, 1, 1), dt.date(2020, 12, 31)), st.integers(2, 7), st.sampled_from("0123456789"))
def test_one_mistyped_digit_of_a_date_leaves_a_shared_spelling(day: dt.date, position: int, digit: str) -> None:
    text = day.strftime("%Y%m%d")
    try:
        other = dt.datetime.strptime(text[:position] + digit + text[position + 1 :], "%Y%m%d").date()
    except ValueError:
        return  # not a date
    assert one_digit_unknown(day) & one_digit_unknown(other)


def test_dates_two_digits_apart_share_no_spelling() -> None:
    assert not one_digit_unknown(dt.date(2009, 3, 5)) & one_digit_unknown(dt.date(2009, 4, 6))


def test_a_year_only_date_gives_only_the_year_keys() -> None:
    keys = tolerant_keys(given_names="Sanne", family_name="Jansen", date_of_birth=PartialDate(2009), key=KEY)
    assert set(keys) == {TolerantKind.GIVEN_YEAR, TolerantKind.INITIAL_SOUND_YEAR, TolerantKind.GIVEN_SURNAME}


def test_initials_give_no_given_name_keys_and_no_date_gives_no_date_keys() -> None:
    day = PartialDate(2009, 3, 5)
    initials = tolerant_keys(given_names="S. L.", family_name="Jansen", date_of_birth=day, key=KEY)
    assert set(initials) == {TolerantKind.INITIAL_SOUND_YEAR, TolerantKind.NEAR_SURNAME, TolerantKind.NEAR_DATE}
    undated = tolerant_keys(given_names="Sanne", family_name="Jansen", key=KEY)
    assert set(undated) == {TolerantKind.GIVEN_SURNAME}
    assert tolerant_keys(given_names="Sanne", family_name="", date_of_birth=day, key=KEY) == {}


def shared(a: dict[str, list[str]], b: dict[str, list[str]]) -> set[str]:
    return {kind for kind in a.keys() & b.keys() if set(a[kind]) & set(b[kind])}


def test_the_same_person_with_a_surname_typo_or_a_mistyped_date_shares_tolerant_keys() -> None:
    day = PartialDate(2009, 3, 5)
    sanne = tolerant_keys(given_names="Sanne", prefix="van", family_name="Dijk", date_of_birth=day, key=KEY)
    typo = tolerant_keys(given_names="Sanne", family_name="Van Dijck", date_of_birth=day, key=KEY)
    assert TolerantKind.NEAR_SURNAME in shared(sanne, typo) and TolerantKind.GIVEN_DATE in shared(sanne, typo)
    august = PartialDate(2009, 8, 5)
    mistyped = tolerant_keys(given_names="Sanne", family_name="van Dijk", date_of_birth=august, key=KEY)
    assert shared(sanne, mistyped) == {
        TolerantKind.NEAR_DATE,
        TolerantKind.GIVEN_YEAR,
        TolerantKind.INITIAL_SOUND_YEAR,
        TolerantKind.GIVEN_SURNAME,
    }


def test_twins_share_only_the_keys_without_given_names() -> None:
    day = PartialDate(2009, 3, 5)
    sanne = tolerant_keys(given_names="Sanne", family_name="Jansen", date_of_birth=day, key=KEY)
    lotte = tolerant_keys(given_names="Lotte", family_name="Jansen", date_of_birth=day, key=KEY)
    assert shared(sanne, lotte) == set()
    sem = tolerant_keys(given_names="Sem", family_name="Jansen", date_of_birth=day, key=KEY)
    assert shared(sanne, sem) == {TolerantKind.INITIAL_SOUND_YEAR, TolerantKind.NEAR_SURNAME, TolerantKind.NEAR_DATE}


def test_keys_differ_per_secret() -> None:
    day = PartialDate(2009, 3, 5)
    a = tolerant_keys(given_names="Sanne", family_name="Jansen", date_of_birth=day, key=KEY)
    b = tolerant_keys(given_names="Sanne", family_name="Jansen", date_of_birth=day, key="x" * 32)
    assert shared(a, b) == set()
