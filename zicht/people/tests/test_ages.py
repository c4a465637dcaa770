"""One definition of ages: the list-row groups partition the ages, every reporting band is a union of
groups, and the database condition of a band selects exactly its ages."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from zicht.people.ages import AGE_BAND_RANGES, AGE_GROUPS, AgeBand, age_bands_for, age_group, age_group_in_band

AGES = st.integers(min_value=-2, max_value=40)  # a date of birth after the reference day gives < 0


@given(AGES)
def test_every_age_has_exactly_one_group(age: int) -> None:
    assert sum(span.contains(age) for span in AGE_GROUPS.values()) == 1
    assert AGE_GROUPS[age_group(age)].contains(age)


@given(AGES)
def test_a_band_holds_an_age_exactly_when_it_holds_that_age_s_group(age: int) -> None:
    # Under 21 = under 18 + 18-20; 18-22 = 18-20 + 21-22: each band is a union of whole groups.
    for band in AgeBand.values:
        assert (band in age_bands_for(age)) == age_group_in_band(age_group(age), band)


def test_the_bands_of_the_source_document() -> None:
    assert age_bands_for(20) == {AgeBand.AGE_18_20, AgeBand.UNDER_21, AgeBand.AGE_18_22}
    assert age_bands_for(21) == {AgeBand.AGE_18_22}
    assert age_group(None) == "unknown" and age_bands_for(None) == frozenset()
    assert str(AGE_BAND_RANGES[AgeBand.AGE_18_22].q("age")) == "(AND: ('age__gte', 18), ('age__lte', 22))"
