"""Pure rules of agreed actions: the transition table, and when an action is due."""

from __future__ import annotations

import datetime

from hypothesis import given
from hypothesis import strategies as st

from zicht.meetings.constants import DUE_SOON_DAYS, ActionStatus
from zicht.meetings.workflow import ACTION_TRANSITIONS, action_is_due, action_targets, action_transition_allowed

# The documented table: open ends done or not done; not done can be taken up again; done is final.
EXPECTED = {("open", "done"), ("open", "not_done"), ("not_done", "open")}


def test_table_is_exactly_the_documented_one() -> None:
    allowed = {(a, b) for a in ActionStatus.values for b in ActionStatus.values if action_transition_allowed(a, b)}
    assert allowed == EXPECTED
    assert set(ACTION_TRANSITIONS) == set(ActionStatus.values)


def test_targets_follow_the_table_and_unknown_codes_go_nowhere() -> None:
    assert action_targets("open") == ["done", "not_done"]
    assert action_targets("done") == []
    assert action_targets("nonsense") == []
    assert not action_transition_allowed("nonsense", "open")


@given(st.lists(st.sampled_from(ActionStatus.values), max_size=20))
def test_no_step_leads_out_of_done(steps: list[str]) -> None:
    status, done = ActionStatus.OPEN, False
    for target in steps:
        if action_transition_allowed(status, target):
            assert not done, f"left done for {target}"
            assert (status, target) in EXPECTED
            status = target
            done = status == ActionStatus.DONE


@given(st.integers(min_value=-60, max_value=60), st.sampled_from(ActionStatus.values))
def test_due_means_open_and_at_most_the_warning_period_ahead(offset: int, status: str) -> None:
    today = datetime.date(2026, 12, 3)
    due_on = today + datetime.timedelta(days=offset)
    # Oracle spelled out independently: overdue (offset < 0) or due within DUE_SOON_DAYS, and still open.
    expected = status == "open" and offset <= DUE_SOON_DAYS
    assert action_is_due(status=status, due_on=due_on, today=today) is expected
