"""What waits on the home page: match notices not yet opened (counts only)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zicht.common.queues import QueueItem, queue_url
from zicht.matching.permissions import role_uses_index
from zicht.matching.selectors import notice_list_visible_to, notice_queue

NOTICE_LABELS = {"new": _("new match notices")}
NOTICE_LABELS_ONE = {"new": _("new match notice")}


def queue_label(name: str) -> str:
    return str(NOTICE_LABELS.get(name, ""))


def notice_home_queues(*, user: Any) -> list[QueueItem]:
    if not role_uses_index(getattr(user, "role", None)):
        return []
    visible = notice_list_visible_to(user=user)
    base = reverse("matching:notice_list")
    return [
        QueueItem(
            key=f"matching.{name}",
            label=str(label),
            label_one=str(NOTICE_LABELS_ONE[name]),
            url=queue_url(base, name),
            order=40,
            count=notice_queue(queryset=visible, name=name).count(),
        )
        for name, label in NOTICE_LABELS.items()
    ]
