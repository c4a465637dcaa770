"""Deadline rules of written council questions (pure functions; "today" is passed in).

A rule is stored with each question as text, ``<name>:<n>d`` (n calendar days) or
``<name>:<n>wd`` (n working days, Monday to Friday), e.g. ``art30:21d``: article 30 of the
council's rules of order, three weeks after receipt.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.utils import timezone

from zicht.council.constants import CLOSED_STATUSES, DeadlineState

RULE_PATTERN = re.compile(r"^(?P<name>[a-z][a-z0-9_-]{0,30}):(?P<days>\d{1,3})(?P<unit>d|wd)$")


@dataclass(frozen=True)
class DeadlineRule:
    name: str
    days: int
    working_days: bool = False

    def __str__(self) -> str:
        return f"{self.name}:{self.days}{'wd' if self.working_days else 'd'}"


def parse_deadline_rule(text: str) -> DeadlineRule:
    match = RULE_PATTERN.match((text or "").strip())
    if not match or int(match.group("days")) < 1:
        raise ValueError(f"not a deadline rule: {text!r} (expected e.g. 'art30:21d' or 'art30:15wd')")
    return DeadlineRule(match.group("name"), int(match.group("days")), match.group("unit") == "wd")


def compute_deadline(received_on: datetime.date, rule: DeadlineRule | str) -> datetime.date:
    """The last day on which the answer is on time."""
    if isinstance(rule, str):
        rule = parse_deadline_rule(rule)
    if not rule.working_days:
        return received_on + datetime.timedelta(days=rule.days)
    day, left = received_on, rule.days
    while left:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5:
            left -= 1
    return day


def local_today(now: datetime.datetime | None = None) -> datetime.date:
    """Today's date in the municipality's time zone (settings.TIME_ZONE), not in UTC."""
    return timezone.localdate(now if now is not None else timezone.now())


def deadline_state(*, deadline: datetime.date, status: str, today: datetime.date, warning_days: int) -> DeadlineState:
    """Overdue once the local date is after the deadline; near when at most ``warning_days`` remain."""
    if status in CLOSED_STATUSES:
        return DeadlineState.DONE
    if today > deadline:
        return DeadlineState.OVERDUE
    if (deadline - today).days <= warning_days:
        return DeadlineState.DUE_SOON
    return DeadlineState.OK
