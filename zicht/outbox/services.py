"""Queue e-mail inside the caller's transaction; send it later, with retries, from a worker.

Delivery is at least once: a worker claims a message for a while (``claimed_until``), sends it,
then marks it sent; if the worker dies between the two, the claim runs out and the message is
sent again with the same Message-ID, so mail clients show it once. Nothing is lost when the mail
server is down: the message waits, with exponential backoff, up to ``ZICHT_OUTBOX_MAX_ATTEMPTS``
attempts, and is then marked failed (``send_outbox --retry-failed`` queues it again).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import smtplib
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.utils import DNS_NAME
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from zicht.outbox.models import OutgoingEmail, OutgoingEmailStatus

logger = logging.getLogger(__name__)

# How long a worker may hold a message it is sending before another worker may take it.
CLAIM_SECONDS = 300
MAX_BACKOFF = dt.timedelta(hours=6)
# Refusals about one message; anything else (refused connection, timeout) means the server is
# unreachable, and the round stops rather than knock on a closed door for every message.
MESSAGE_ERRORS = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError, ValueError)

_SENT_HOOKS: dict[str, Callable[[str], None]] = {}


def on_sent(kind: str, hook: Callable[[str], None]) -> None:
    """Call ``hook(reference)`` in the transaction that marks a message of ``kind`` sent."""
    _SENT_HOOKS[kind] = hook


@dataclass
class FlushResult:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    stopped_early: bool = False

    def count_failure(self, *, gave_up: bool) -> None:
        if gave_up:
            self.failed += 1
        else:
            self.retried += 1

    def __str__(self) -> str:
        text = f"{self.sent} sent, {self.retried} to retry, {self.failed} failed"
        return text + (" (mail server unreachable: round stopped)" if self.stopped_early else "")


@transaction.atomic
def email_queue(*, kind: str, to: list[str], subject: str, body: str, reference: str = "") -> OutgoingEmail | None:
    """Queue one message in the current transaction: it is sent only if that transaction commits."""
    recipients = [address for address in to if address]
    if not recipients:
        return None
    payload = {"to": recipients, "subject": str(subject), "body": body, "from": settings.DEFAULT_FROM_EMAIL}
    email = OutgoingEmail.objects.create(
        kind=kind, reference=reference, payload=json.dumps(payload), next_attempt_at=timezone.now()
    )
    if settings.ZICHT_OUTBOX_SEND_ON_COMMIT:  # development without a worker: send right after the commit
        transaction.on_commit(outbox_flush)
    return email


def retry_delay(attempts: int) -> dt.timedelta:
    """Wait after the ``attempts``-th failed attempt: base, 2 x base, 4 x base, ... at most 6 hours."""
    base = dt.timedelta(seconds=settings.ZICHT_OUTBOX_RETRY_SECONDS)
    return min(base * 2 ** max(attempts - 1, 0), MAX_BACKOFF)


def _message_id(email: OutgoingEmail) -> str:
    return f"<zicht-outbox-{email.pk}-{int(email.created_at.timestamp())}@{DNS_NAME}>"


def _claim(pk: int, now: dt.datetime) -> OutgoingEmail | None:
    claimed = (
        OutgoingEmail.objects.filter(pk=pk, status=OutgoingEmailStatus.PENDING)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .update(claimed_until=now + dt.timedelta(seconds=CLAIM_SECONDS))
    )
    # The text is read apart (``_message``), so a row that cannot be decrypted fails alone.
    return OutgoingEmail.objects.defer("payload").get(pk=pk) if claimed else None


def _message(email: OutgoingEmail, connection: BaseEmailBackend | None) -> EmailMessage:
    data = json.loads(OutgoingEmail.objects.values_list("payload", flat=True).get(pk=email.pk))
    return EmailMessage(
        data["subject"],
        data["body"],
        data["from"],
        data["to"],
        connection=connection,
        headers={"Message-ID": _message_id(email)},
    )


def _mark_sent(email: OutgoingEmail, now: dt.datetime) -> None:
    with transaction.atomic():
        OutgoingEmail.objects.filter(pk=email.pk).update(
            status=OutgoingEmailStatus.SENT,
            sent_at=now,
            payload="",
            claimed_until=None,
            attempts=email.attempts + 1,
            last_error="",
        )
        hook = _SENT_HOOKS.get(email.kind)
        if hook is not None and email.reference:
            hook(email.reference)


def _mark_failed_attempt(email: OutgoingEmail, now: dt.datetime, error: Exception) -> bool:
    """Record a failed attempt; True when the message is given up."""
    attempts = email.attempts + 1
    give_up = attempts >= settings.ZICHT_OUTBOX_MAX_ATTEMPTS
    OutgoingEmail.objects.filter(pk=email.pk).update(
        attempts=attempts,
        claimed_until=None,
        status=OutgoingEmailStatus.FAILED if give_up else OutgoingEmailStatus.PENDING,
        next_attempt_at=now + retry_delay(attempts),
        last_error=type(error).__name__[:200],  # the class only: a server's text may name addresses
    )
    logger.warning(
        "outbox: message %s (%s) attempt %s failed: %s", email.pk, email.kind, attempts, type(error).__name__
    )
    return give_up


def outbox_flush(*, limit: int = 100, now: dt.datetime | None = None) -> FlushResult:
    """Send up to ``limit`` due messages; safe to run in several workers at once."""
    now = now or timezone.now()
    result = FlushResult()
    due = list(
        OutgoingEmail.objects.filter(status=OutgoingEmailStatus.PENDING, next_attempt_at__lte=now)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    if not due:
        return result
    connection = get_connection(fail_silently=False)
    try:
        for pk in due:
            email = _claim(pk, now)
            if email is None:  # another worker has it
                continue
            try:
                message = _message(email, connection)
            except Exception as error:
                result.count_failure(gave_up=_mark_failed_attempt(email, now, error))
                continue
            try:
                message.send()
            except Exception as error:
                result.count_failure(gave_up=_mark_failed_attempt(email, now, error))
                if not isinstance(error, MESSAGE_ERRORS):  # the server is unreachable: stop this round
                    result.stopped_early = True
                    break
            else:
                _mark_sent(email, now)
                result.sent += 1
    finally:
        try:
            connection.close()
        except Exception:
            logger.debug("outbox: closing the mail connection failed", exc_info=True)
    return result


@transaction.atomic
def outbox_retry_failed() -> int:
    """Queue every given-up message again, from the first attempt."""
    return OutgoingEmail.objects.filter(status=OutgoingEmailStatus.FAILED).update(
        status=OutgoingEmailStatus.PENDING, attempts=0, next_attempt_at=timezone.now(), claimed_until=None
    )


@transaction.atomic
def outbox_discard_pending() -> int:
    """Drop every unsent message (demo data is made without sending e-mail)."""
    deleted, _ = OutgoingEmail.objects.filter(status=OutgoingEmailStatus.PENDING).delete()
    return deleted


@transaction.atomic
def outbox_purge(*, older_than_days: int, now: dt.datetime | None = None) -> int:
    """Delete sent messages (already blanked) older than ``older_than_days``."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=older_than_days)
    deleted, _ = OutgoingEmail.objects.filter(status=OutgoingEmailStatus.SENT, sent_at__lt=cutoff).delete()
    return deleted


def outbox_counts() -> dict[str, int]:
    counts = dict.fromkeys(OutgoingEmailStatus.values, 0)
    for row in OutgoingEmail.objects.values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    return counts
