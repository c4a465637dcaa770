"""The daily work digest: an e-mail with only the counts of a user's home-page work queues.

Content-free by design: the message names queues and counts, never a young person, a concern or
a case; the user signs in to see what waits. Sent only to users who asked for it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from zicht.accounts.models import User
from zicht.common.queues import QueueItem, home_queues_for
from zicht.outbox.models import OutgoingEmail
from zicht.outbox.services import email_queue

DIGEST_KIND = "work_digest"


@dataclass(frozen=True)
class DigestRun:
    considered: int
    queued: int
    nothing_waiting: int
    already_sent: int

    def __str__(self) -> str:
        return (
            f"{self.queued} digests queued, {self.nothing_waiting} users with nothing waiting, "
            f"{self.already_sent} already sent today ({self.considered} users asked for a digest)"
        )


def digest_items(user: User) -> list[QueueItem]:
    """The user's queue items that hold work (count above zero)."""
    return [item for item in home_queues_for(user) if item.count > 0]


def digest_body(*, user: User, items: list[QueueItem]) -> str:
    context = {"user": user, "items": items, "site_url": settings.ZICHT_SITE_URL.rstrip("/")}
    return render_to_string("accounts/work_digest_email.txt", context)


def _reference(user: User, day: dt.date) -> str:
    return f"{user.pk}:{day.isoformat()}"


def work_digests_queue(*, day: dt.date) -> DigestRun:
    """Queue today's digest for every active user who asked for one and has work waiting.

    Idempotent per day: a second run on the same day queues nothing for a user already served.
    """
    users = User.objects.filter(is_active=True, daily_digest=True).exclude(email="").order_by("pk")
    queued = nothing = already = considered = 0
    for user in users:
        if user.role is None:
            continue
        considered += 1
        reference = _reference(user, day)
        if OutgoingEmail.objects.filter(kind=DIGEST_KIND, reference=reference).exists():
            already += 1
            continue
        with translation.override(settings.LANGUAGE_CODE):
            items = digest_items(user)
            if not items:
                nothing += 1
                continue
            with transaction.atomic():
                email_queue(
                    kind=DIGEST_KIND,
                    to=[user.email],
                    subject=_("Zicht: work is waiting for you"),
                    body=digest_body(user=user, items=items),
                    reference=reference,
                )
        queued += 1
    return DigestRun(considered=considered, queued=queued, nothing_waiting=nothing, already_sent=already)
