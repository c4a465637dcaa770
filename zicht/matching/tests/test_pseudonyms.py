"""Property tests of the name normaliser and key functions (zicht.common.pseudonyms)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from zicht.common.pseudonyms import (
    PREFIX_WORDS,
    KeyKind,
    dutch_phonetic,
    match_keys,
    normalise_text,
    surname_core,
    swapped_day_month,
)

KEY = "a-test-key-for-property-tests"
letters = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéëïöüçñ ABCDEFGHIJKLMNOPQRSTUVWXYZ-'", max_size=30)
core_names = st.text(alphabet="bcdfghklmnprsw", min_size=3, max_size=12).map(str.capitalize)  # starts with no prefix
# Merging is ambiguous when the name continues a longer prefix ("van de" + "Nes" = "Vandenes").
merge_safe_names = st.text(alphabet="bcdfgklmpsw", min_size=3, max_size=12).map(str.capitalize)
dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2025, 12, 31))
long_prefixes = st.sampled_from(["van", "van der", "van den", "van de", "ter", "ten", "von"])


@given(st.text(max_size=60), st.text(max_size=60))
def test_surname_core_never_crashes(prefix: str, family: str) -> None:
    core = surname_core(prefix, family)
    assert core == normalise_text(core)
    dutch_phonetic(core)


@given(letters)
def test_surname_core_is_idempotent_on_its_output(family: str) -> None:
    core = surname_core("", family)
    assert surname_core("", core) == core or len(core) < 3


@given(long_prefixes, merge_safe_names)
def test_tussenvoegsel_variants_give_one_core(prefix: str, name: str) -> None:
    separate = surname_core(prefix, name)
    assert separate == surname_core("", f"{prefix} {name}")  # typed into the surname field
    assert separate == surname_core("", (prefix + name).replace(" ", "").capitalize())  # merged: Vanderberg
    assert separate == surname_core("", name)  # dropped
    assert separate == surname_core(prefix.upper(), name.lower())


@given(st.sampled_from(sorted(PREFIX_WORDS)), core_names)
def test_any_separate_prefix_word_is_dropped(prefix: str, name: str) -> None:
    assert surname_core(prefix, name) == surname_core("", name)


@given(core_names, st.sampled_from(["Sanne", "Ali", "Émile"]), dates)
@settings(max_examples=50)
def test_keys_of_a_value_equal_keys_of_its_normalised_variants(name: str, given_name: str, dob: dt.date) -> None:
    plain = match_keys(given_names=given_name, family_name=name, date_of_birth=dob, key=KEY)
    variant = match_keys(
        given_names=f"  {given_name.upper()} ",
        family_name=f" {name.lower()}",
        date_of_birth=dob.strftime("%d-%m-%Y"),
        key=KEY,
    )
    assert plain == variant


@given(core_names, dates)
@settings(max_examples=50)
def test_swapped_date_key_equals_base_key_of_the_swapped_date(name: str, dob: dt.date) -> None:
    swapped = swapped_day_month(dob)
    keys = match_keys(given_names="Sanne", family_name=name, date_of_birth=dob, key=KEY)
    if swapped is None:
        assert KeyKind.NAME_DOB_SWAPPED not in keys
        return
    other = match_keys(given_names="Sanne", family_name=name, date_of_birth=swapped, key=KEY)
    assert keys[KeyKind.NAME_DOB_SWAPPED] == other[KeyKind.NAME_DOB]
    assert keys[KeyKind.PHONETIC_DOB_SWAPPED] == other[KeyKind.PHONETIC_DOB]


@given(
    st.text(max_size=20), st.text(max_size=20), st.text(max_size=20), st.one_of(st.none(), dates, st.text(max_size=12))
)
def test_match_keys_never_crash_except_with_value_error(given_names: str, family: str, bsn: str, dob: object) -> None:
    try:
        keys = match_keys(bsn=bsn, given_names=given_names, family_name=family, date_of_birth=dob, key=KEY)
    except ValueError:
        return
    assert all(len(v) == 64 for v in keys.values())


def test_keys_depend_on_the_secret() -> None:
    a = match_keys(bsn="111222333", key="first-secret-0123456789")
    b = match_keys(bsn="111222333", key="second-secret-0123456789")
    assert a[KeyKind.BSN] != b[KeyKind.BSN]


def test_dutch_spelling_variants_share_a_phonetic_code() -> None:
    pairs = [
        ("Dijk", "Dyk"),
        ("Jansen", "Janssen"),
        ("Bosch", "Bos"),
        ("Brand", "Brandt"),
        ("Claassen", "Klaasen"),
        ("Maes", "Maas"),
        ("Philips", "Filips"),
    ]
    for a, b in pairs:
        assert dutch_phonetic(surname_core("", a)) == dutch_phonetic(surname_core("", b)), (a, b)
    assert dutch_phonetic("berg") != dutch_phonetic("visser")
