"""What waits on the home page: open letters overdue or due within the warning period (counts only)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import ngettext

from zicht.common.queues import QueueItem, queue_url
from zicht.council.permissions import role_uses_council
from zicht.council.selectors import council_question_list_visible_to, council_question_queue, warning_days


def queue_label(name: str) -> str:
    if name != "deadline":
        return ""
    days = warning_days()
    return ngettext(
        "council questions overdue or due within %(days)s day",
        "council questions overdue or due within %(days)s days",
        days,
    ) % {"days": days}


def council_home_queues(*, user: Any) -> list[QueueItem]:
    if not role_uses_council(getattr(user, "role", None)):
        return []
    waiting = council_question_queue(queryset=council_question_list_visible_to(user=user), name="deadline")
    days = warning_days()
    return [
        QueueItem(
            key="council.deadline",
            label=queue_label("deadline"),
            label_one=ngettext(
                "council question overdue or due within %(days)s day",
                "council question overdue or due within %(days)s days",
                days,
            )
            % {"days": days},
            count=waiting.count(),
            order=60,
            url=queue_url(reverse("council:question_list"), "deadline"),
        )
    ]
