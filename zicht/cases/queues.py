"""What waits on the home page: referrals to answer (partners) and answers received (support organisation)."""

from __future__ import annotations

from typing import Any

from django.db.models import Min
from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zicht.cases.permissions import role_works_on_cases
from zicht.cases.selectors import REFERRAL_ANSWER_DAYS, referral_list_visible_to, referral_queue
from zicht.common.queues import QueueItem, queue_url
from zicht.common.roles import Role

REFERRAL_LABELS = {
    "to_answer": gettext_lazy("referrals to answer"),
    "answered": gettext_lazy("referral answers received in the last %(days)s days"),
}
REFERRAL_LABELS_ONE = {
    "to_answer": gettext_lazy("referral to answer"),
    "answered": gettext_lazy("referral answer received in the last %(days)s days"),
}


def queue_label(name: str) -> str:
    label = REFERRAL_LABELS.get(name)
    return "" if label is None else str(label) % {"days": REFERRAL_ANSWER_DAYS}


def referral_home_queues(*, user: Any) -> list[QueueItem]:
    role = getattr(user, "role", None)
    if role == Role.PARTNER:
        name = "to_answer"
    elif role_works_on_cases(role):
        name = "answered"
    else:
        return []
    waiting = referral_queue(queryset=referral_list_visible_to(user=user), name=name)
    note = ""
    if name == "to_answer":
        summary = waiting.aggregate(oldest=Min("created_at"))
        if summary["oldest"] is not None:
            note = _("oldest %(age)s") % {"age": timesince(summary["oldest"], timezone.now(), depth=1)}
    return [
        QueueItem(
            key=f"cases.{name}",
            label=queue_label(name),
            label_one=str(REFERRAL_LABELS_ONE[name]) % {"days": REFERRAL_ANSWER_DAYS},
            count=waiting.count(),
            note=note,
            order=30,
            url=queue_url(reverse("cases:referral_list"), name),
        )
    ]
