"""Pure rules: deadlines (incl. time zones), Dutch number words, workflow table."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zicht.council.constants import DeadlineState, QuestionStatus
from zicht.council.deadlines import DeadlineRule, compute_deadline, deadline_state, local_today, parse_deadline_rule
from zicht.council.letter import article_of_rule, count_words_nl, dutch_date
from zicht.council.numbers_nl import dutch_number_words
from zicht.council.workflow import TRANSITIONS, approval_blockers, transition_allowed, transition_blockers

UTC = datetime.UTC
RECEIVED = datetime.date(2022, 6, 30)


def test_article_30_rule_gives_three_weeks() -> None:
    assert parse_deadline_rule("art30:21d") == DeadlineRule("art30", 21, False)
    assert compute_deadline(RECEIVED, "art30:21d") == datetime.date(2022, 7, 21)


def test_working_day_rule_skips_weekends() -> None:
    # Thursday 30 June 2022 + 5 working days = Thursday 7 July 2022.
    assert compute_deadline(RECEIVED, "art30:5wd") == datetime.date(2022, 7, 7)
    assert compute_deadline(datetime.date(2022, 7, 1), "x:1wd") == datetime.date(2022, 7, 4)  # Friday → Monday


@pytest.mark.parametrize("text", ["", "art30", "art30:0d", "art30:21", "ART30:21d", "art30:-3d", "30:21d", "art30:21w"])
def test_malformed_rules_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_deadline_rule(text)


@given(
    st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2100, 1, 1)),
    st.integers(1, 365),
    st.booleans(),
)
def test_rule_round_trips_and_deadline_is_later(received: datetime.date, days: int, working: bool) -> None:
    rule = DeadlineRule("art30", days, working)
    assert parse_deadline_rule(str(rule)) == rule
    deadline = compute_deadline(received, rule)
    assert deadline > received
    if not working:
        assert (deadline - received).days == days
    else:
        assert deadline.weekday() < 5
        assert (deadline - received).days >= days


def test_today_is_the_amsterdam_date(settings) -> None:
    settings.TIME_ZONE = "Europe/Amsterdam"
    # 23:30 UTC on 21 July 2022 is 01:30 on 22 July in Amsterdam (summer time, UTC+2).
    late_evening_utc = datetime.datetime(2022, 7, 21, 23, 30, tzinfo=UTC)
    assert local_today(late_evening_utc) == datetime.date(2022, 7, 22)
    assert local_today(datetime.datetime(2022, 7, 21, 21, 59, tzinfo=UTC)) == datetime.date(2022, 7, 21)
    # Winter time (UTC+1): 23:30 UTC on 31 December is already New Year's Day.
    assert local_today(datetime.datetime(2022, 12, 31, 23, 30, tzinfo=UTC)) == datetime.date(2023, 1, 1)
    assert local_today(datetime.datetime(2022, 12, 31, 22, 59, tzinfo=UTC)) == datetime.date(2022, 12, 31)


def test_overdue_at_2330_utc_on_the_deadline_day(settings) -> None:
    settings.TIME_ZONE = "Europe/Amsterdam"
    deadline = compute_deadline(RECEIVED, "art30:21d")
    now = datetime.datetime(2022, 7, 21, 23, 30, tzinfo=UTC)
    utc_date = now.astimezone(zoneinfo.ZoneInfo("UTC")).date()
    assert (
        deadline_state(deadline=deadline, status=QuestionStatus.BEING_ANSWERED, today=utc_date, warning_days=5)
        == DeadlineState.DUE_SOON
    )
    assert (
        deadline_state(deadline=deadline, status=QuestionStatus.BEING_ANSWERED, today=local_today(now), warning_days=5)
        == DeadlineState.OVERDUE
    )


@pytest.mark.parametrize(
    ("today", "status", "expected"),
    [
        (datetime.date(2022, 7, 15), QuestionStatus.RECEIVED, DeadlineState.OK),  # 6 days left
        (datetime.date(2022, 7, 16), QuestionStatus.RECEIVED, DeadlineState.DUE_SOON),  # 5 days left
        (
            datetime.date(2022, 7, 21),
            QuestionStatus.AWAITING_APPROVAL,
            DeadlineState.DUE_SOON,
        ),  # the deadline day itself
        (datetime.date(2022, 7, 22), QuestionStatus.BEING_ANSWERED, DeadlineState.OVERDUE),
        (datetime.date(2022, 7, 22), QuestionStatus.SENT, DeadlineState.DONE),
        (datetime.date(2022, 9, 1), QuestionStatus.PUBLISHED, DeadlineState.DONE),
    ],
)
def test_deadline_state(today: datetime.date, status: str, expected: str) -> None:
    assert deadline_state(deadline=datetime.date(2022, 7, 21), status=status, today=today, warning_days=5) == expected


def test_warning_days_are_configurable() -> None:
    kwargs = {
        "deadline": datetime.date(2022, 7, 21),
        "status": QuestionStatus.RECEIVED,
        "today": datetime.date(2022, 7, 11),
    }
    assert deadline_state(warning_days=5, **kwargs) == DeadlineState.OK
    assert deadline_state(warning_days=10, **kwargs) == DeadlineState.DUE_SOON


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (1, "een"),
        (2, "twee"),
        (3, "drie"),
        (8, "acht"),
        (11, "elf"),
        (12, "twaalf"),
        (13, "dertien"),
        (14, "veertien"),
        (18, "achttien"),
        (19, "negentien"),
        (20, "twintig"),
        (21, "eenentwintig"),
        (22, "tweeëntwintig"),
        (23, "drieëntwintig"),
        (24, "vierentwintig"),
        (28, "achtentwintig"),
        (30, "dertig"),
        (32, "tweeëndertig"),
        (33, "drieëndertig"),
        (37, "zevenendertig"),
        (40, "veertig"),
        (43, "drieënveertig"),
        (80, "tachtig"),
        (99, "negenennegentig"),
    ],
)
def test_dutch_number_words(number: int, words: str) -> None:
    assert dutch_number_words(number) == words


@pytest.mark.parametrize("bad", [-1, 100, 1.5, True, "3"])
def test_dutch_number_words_out_of_range(bad: object) -> None:
    with pytest.raises(ValueError):
        dutch_number_words(bad)  # type: ignore[arg-type]  # a wrong type on purpose


def test_letter_phrases() -> None:
    assert count_words_nl(13) == "dertien"
    assert count_words_nl(1) == "één"
    assert dutch_date(datetime.date(2022, 6, 30)) == "30 juni 2022"
    assert dutch_date(datetime.date(2023, 3, 1)) == "1 maart 2023"
    assert article_of_rule("art30:21d") == "30"
    assert article_of_rule("custom:10d") == "30"


def test_transition_table() -> None:
    s = QuestionStatus
    assert set(TRANSITIONS) == set(s.values)
    assert transition_allowed(s.RECEIVED, s.BEING_ANSWERED)
    assert transition_allowed(s.AWAITING_APPROVAL, s.SENT)
    assert transition_allowed(s.AWAITING_APPROVAL, s.BEING_ANSWERED)
    assert not transition_allowed(s.BEING_ANSWERED, s.SENT)
    assert not transition_allowed(s.RECEIVED, s.PUBLISHED)
    assert not any(transition_allowed(s.PUBLISHED, target) for target in s.values)


def test_guards() -> None:
    s = QuestionStatus
    base = {"approved": False, "unanswered": 0, "internal_figures": 0, "question_count": 3}
    assert transition_blockers(current=s.BEING_ANSWERED, target=s.AWAITING_APPROVAL, **base) == []
    assert transition_blockers(current=s.BEING_ANSWERED, target=s.AWAITING_APPROVAL, **{**base, "unanswered": 1})
    assert transition_blockers(current=s.AWAITING_APPROVAL, target=s.SENT, **base)  # not approved
    assert transition_blockers(current=s.AWAITING_APPROVAL, target=s.SENT, **{**base, "approved": True}) == []
    assert transition_blockers(
        current=s.AWAITING_APPROVAL, target=s.SENT, **{**base, "approved": True, "internal_figures": 1}
    )
    assert transition_blockers(current=s.SENT, target=s.PUBLISHED, **{**base, "internal_figures": 2})
    assert transition_blockers(current=s.SENT, target=s.PUBLISHED, **base) == []


def test_four_eyes() -> None:
    s = QuestionStatus.AWAITING_APPROVAL
    assert approval_blockers(status=s, approver_id=2, submitted_by_id=1, already_approved=False) == []
    assert approval_blockers(status=s, approver_id=1, submitted_by_id=1, already_approved=False)
    assert approval_blockers(status=s, approver_id=2, submitted_by_id=1, already_approved=True)
    assert approval_blockers(
        status=QuestionStatus.BEING_ANSWERED, approver_id=2, submitted_by_id=1, already_approved=False
    )
