"""Pure workflow rules: transition tables (hypothesis over random sequences), age and the minor rule."""

from __future__ import annotations

import datetime

from hypothesis import given
from hypothesis import strategies as st

from zicht.cases.constants import CaseStatus, ReferralStatus
from zicht.cases.workflow import (
    CASE_TRANSITIONS,
    REFERRAL_TRANSITIONS,
    active_support_blocked_for_minor,
    case_transition_allowed,
    referral_transition_allowed,
    transition_step_due,
    turned_18_during_case,
)
from zicht.people.ages import AgeBand, age_bands_for, age_on

CASE_EXPECTED = {("intake", "active_support"), ("intake", "closed"), ("active_support", "closed")}
REFERRAL_EXPECTED = {("proposed", "accepted"), ("proposed", "rejected"), ("accepted", "done")}


def test_case_table_is_exactly_the_documented_one() -> None:
    allowed = {(a, b) for a in CaseStatus.values for b in CaseStatus.values if case_transition_allowed(a, b)}
    assert allowed == CASE_EXPECTED
    assert set(CASE_TRANSITIONS) == set(CaseStatus.values)


def test_referral_table_is_exactly_the_documented_one() -> None:
    allowed = {
        (a, b) for a in ReferralStatus.values for b in ReferralStatus.values if referral_transition_allowed(a, b)
    }
    assert allowed == REFERRAL_EXPECTED
    assert set(REFERRAL_TRANSITIONS) == set(ReferralStatus.values)


def _walk(table: dict, start: str, steps: list[str], allowed) -> tuple[str, list[str]]:
    state, visited = start, [start]
    for target in steps:
        if allowed(state, target):
            state = target
            visited.append(state)
    return state, visited


@given(st.lists(st.sampled_from(CaseStatus.values + ["bogus", ""]), max_size=30))
def test_random_case_sequences_never_leave_closed_or_go_back(steps: list[str]) -> None:
    state, visited = _walk(CASE_TRANSITIONS, CaseStatus.INTAKE, steps, case_transition_allowed)
    order = [CaseStatus.INTAKE, CaseStatus.ACTIVE_SUPPORT, CaseStatus.CLOSED]
    ranks = [order.index(s) for s in visited]
    assert ranks == sorted(ranks) and len(set(visited)) == len(visited)  # forward only, no repeats
    if CaseStatus.CLOSED in visited:
        assert visited[-1] == CaseStatus.CLOSED
    assert state in CaseStatus.values


@given(st.lists(st.sampled_from(ReferralStatus.values + ["bogus"]), max_size=30))
def test_random_referral_sequences_end_in_a_final_state_or_stay_on_path(steps: list[str]) -> None:
    state, visited = _walk(REFERRAL_TRANSITIONS, ReferralStatus.PROPOSED, steps, referral_transition_allowed)
    assert len(visited) <= 3
    assert not (ReferralStatus.REJECTED in visited and ReferralStatus.ACCEPTED in visited)
    if ReferralStatus.DONE in visited:
        assert visited == [ReferralStatus.PROPOSED, ReferralStatus.ACCEPTED, ReferralStatus.DONE]


@given(
    st.dates(min_value=datetime.date(1950, 1, 1), max_value=datetime.date(2030, 12, 31)),
    st.integers(min_value=0, max_value=60),
)
def test_age_on_counts_birthdays(born: datetime.date, years: int) -> None:
    day_before = None
    try:
        birthday = born.replace(year=born.year + years)
        day_before = birthday - datetime.timedelta(days=1)
    except ValueError:  # 29 February in a non-leap year: the birthday counts from 1 March
        birthday = datetime.date(born.year + years, 3, 1)
        day_before = datetime.date(born.year + years, 2, 28)
    assert age_on(born, birthday) == years
    if years > 0:
        assert age_on(born, day_before) == years - 1


def test_age_on_known_values() -> None:
    assert age_on(datetime.date(2004, 7, 16), datetime.date(2022, 7, 15)) == 17
    assert age_on(datetime.date(2004, 7, 15), datetime.date(2022, 7, 15)) == 18
    assert age_on(datetime.date(2004, 2, 29), datetime.date(2022, 2, 28)) == 17
    assert age_on(datetime.date(2004, 2, 29), datetime.date(2022, 3, 1)) == 18


def test_minor_rule_predicate() -> None:
    assert active_support_blocked_for_minor(age=17, has_cjg_referral=False, cjg_exemption_reason="")
    assert active_support_blocked_for_minor(age=0, has_cjg_referral=False, cjg_exemption_reason="   ")
    assert not active_support_blocked_for_minor(age=17, has_cjg_referral=True, cjg_exemption_reason="")
    assert not active_support_blocked_for_minor(
        age=17, has_cjg_referral=False, cjg_exemption_reason="CJG already involved via school"
    )
    assert not active_support_blocked_for_minor(age=18, has_cjg_referral=False, cjg_exemption_reason="")
    assert not active_support_blocked_for_minor(age=None, has_cjg_referral=False, cjg_exemption_reason="")


def test_turned_18_during_case() -> None:
    born = datetime.date(2005, 6, 10)
    opened = datetime.date(2022, 9, 1)
    assert not turned_18_during_case(date_of_birth=born, opened_on=opened, today=datetime.date(2023, 6, 9))
    assert turned_18_during_case(date_of_birth=born, opened_on=opened, today=datetime.date(2023, 6, 10))
    assert not turned_18_during_case(
        date_of_birth=born, opened_on=opened, today=datetime.date(2024, 1, 1), closed_on=datetime.date(2023, 1, 1)
    )
    assert not turned_18_during_case(
        date_of_birth=born, opened_on=datetime.date(2023, 6, 10), today=datetime.date(2024, 1, 1)
    )
    assert not turned_18_during_case(date_of_birth=None, opened_on=opened, today=datetime.date(2024, 1, 1))
    assert transition_step_due(
        date_of_birth=born, opened_on=opened, today=datetime.date(2024, 1, 1), closed_on=None, recorded=False
    )
    assert not transition_step_due(
        date_of_birth=born, opened_on=opened, today=datetime.date(2024, 1, 1), closed_on=None, recorded=True
    )


def test_age_bands_overlap_as_documented() -> None:
    assert age_bands_for(17) == {AgeBand.UNDER_18, AgeBand.UNDER_21}
    assert age_bands_for(18) == {AgeBand.AGE_18_20, AgeBand.UNDER_21, AgeBand.AGE_18_22}
    assert age_bands_for(20) == {AgeBand.AGE_18_20, AgeBand.UNDER_21, AgeBand.AGE_18_22}
    assert age_bands_for(21) == {AgeBand.AGE_18_22}
    assert age_bands_for(23) == {AgeBand.AGE_23_PLUS}
    assert age_bands_for(None) == frozenset()
