"""Pure rules of agreed actions: the allowed status transitions and when an action is due."""

from __future__ import annotations

import datetime

from zicht.meetings.constants import DUE_SOON_DAYS, ActionStatus

# An open action ends done or not done; one that was not done can be taken up again.
ACTION_TRANSITIONS: dict[str, frozenset[str]] = {
    ActionStatus.OPEN: frozenset({ActionStatus.DONE, ActionStatus.NOT_DONE}),
    ActionStatus.NOT_DONE: frozenset({ActionStatus.OPEN}),
    ActionStatus.DONE: frozenset(),
}


def action_transition_allowed(current: str, target: str) -> bool:
    return target in ACTION_TRANSITIONS.get(current, frozenset())


def action_targets(current: str) -> list[str]:
    """The statuses an action can go to next, in the code list's order."""
    return [status for status in ActionStatus.values if action_transition_allowed(current, status)]


def due_limit(today: datetime.date) -> datetime.date:
    """Open actions due on or before this day are overdue or due soon."""
    return today + datetime.timedelta(days=DUE_SOON_DAYS)


def action_is_due(*, status: str, due_on: datetime.date, today: datetime.date) -> bool:
    return status == ActionStatus.OPEN and due_on <= due_limit(today)
