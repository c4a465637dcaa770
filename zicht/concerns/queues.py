"""What waits on the home page: concerns to triage, or how a reporter's own concerns stand (counts only)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zicht.common.queues import QueueItem, queue_url
from zicht.common.roles import Role
from zicht.concerns.permissions import role_triages_concerns
from zicht.concerns.selectors import CONCERN_QUEUES, REPORTER_QUEUES, concern_list_visible_to, concern_queue_counts

HANDLER_LABELS = {
    "new": _("new concerns"),
    "urgent": _("open with high or acute urgency"),
    "no_first_contact": _("open without first contact"),
    "overdue": _("open with a triage step past its norm"),
}
REPORTER_LABELS = {
    "received": _("received, not yet picked up"),
    "picked_up": _("picked up"),
}
# The same queues when the count is one ("1 new concern").
HANDLER_LABELS_ONE = {**HANDLER_LABELS, "new": _("new concern")}
REPORTER_LABELS_ONE = dict(REPORTER_LABELS)


def queue_label(*, role: str | None, name: str) -> str:
    """The label of a queue name for the list's heading ("" when the name is not a queue)."""
    labels = REPORTER_LABELS if role == Role.REPORTER else HANDLER_LABELS
    return str(labels.get(name, ""))


def concern_home_queues(*, user: Any) -> list[QueueItem]:
    role = getattr(user, "role", None)
    if role_triages_concerns(role):
        labels, ones, queues, base = HANDLER_LABELS, HANDLER_LABELS_ONE, CONCERN_QUEUES, reverse("concerns:list")
    elif role == Role.REPORTER:
        labels, ones, queues, base = REPORTER_LABELS, REPORTER_LABELS_ONE, REPORTER_QUEUES, reverse("concerns:mine")
    else:
        return []
    counts = concern_queue_counts(queryset=concern_list_visible_to(user=user), queues=queues)
    return [
        QueueItem(
            key=f"concerns.{name}",
            label=str(label),
            label_one=str(ones[name]),
            url=queue_url(base, name),
            order=10 + i,
            count=counts[name],
        )
        for i, (name, label) in enumerate(labels.items())
    ]
