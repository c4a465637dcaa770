"""What waits on the home page: the own organisation's agreed actions overdue or due soon."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import ngettext

from zicht.common.queues import QueueItem, queue_url
from zicht.meetings.constants import DUE_SOON_DAYS
from zicht.meetings.permissions import MEETING_VIEW_ROLES
from zicht.meetings.selectors import action_list_visible_to, action_queue


def queue_label(name: str) -> str:
    if name != "due":
        return ""
    return ngettext(
        "agreed actions overdue or due within %(days)s day",
        "agreed actions overdue or due within %(days)s days",
        DUE_SOON_DAYS,
    ) % {"days": DUE_SOON_DAYS}


def action_home_queues(*, user: Any) -> list[QueueItem]:
    if getattr(user, "role", None) not in MEETING_VIEW_ROLES:
        return []
    waiting = action_queue(queryset=action_list_visible_to(user=user), user=user, name="due")
    return [
        QueueItem(
            key="meetings.due",
            label=queue_label("due"),
            label_one=ngettext(
                "agreed action overdue or due within %(days)s day",
                "agreed action overdue or due within %(days)s days",
                DUE_SOON_DAYS,
            )
            % {"days": DUE_SOON_DAYS},
            count=waiting.count(),
            order=35,
            url=queue_url(reverse("meetings:action_list"), "due"),
        )
    ]
