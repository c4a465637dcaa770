"""The outbox: written with what causes it, sent later, retried with backoff, never lost."""

from __future__ import annotations

import datetime as dt
import json
import smtplib

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from zicht.outbox import services
from zicht.outbox.models import OutgoingEmail, OutgoingEmailStatus
from zicht.outbox.services import email_queue, outbox_flush, outbox_purge, outbox_retry_failed, retry_delay
from zicht.outbox.tests.backends import FlakyBackend

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def flaky(settings):
    settings.EMAIL_BACKEND = "zicht.outbox.tests.backends.FlakyBackend"
    settings.ZICHT_OUTBOX_RETRY_SECONDS = 60
    settings.ZICHT_OUTBOX_MAX_ATTEMPTS = 3
    settings.ZICHT_OUTBOX_SEND_ON_COMMIT = False
    FlakyBackend.down, FlakyBackend.calls = False, 0
    yield FlakyBackend
    FlakyBackend.down = False


def queue(n: int = 1, **kwargs) -> list[OutgoingEmail]:
    return [
        email_queue(kind="test", to=[f"r{i}@example.org"], subject="Onderwerp", body=f"tekst {i}", **kwargs)
        for i in range(n)
    ]


def test_nothing_is_sent_inside_the_request_and_a_rollback_queues_nothing() -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        queue()
        raise RuntimeError("the cause is rolled back")
    assert OutgoingEmail.objects.count() == 0
    queue()
    assert not mail.outbox and OutgoingEmail.objects.get().status == OutgoingEmailStatus.PENDING


def test_queued_text_and_recipients_are_encrypted_and_blanked_after_sending() -> None:
    (email,) = queue()
    with connection.cursor() as cursor:
        cursor.execute("SELECT payload FROM outbox_outgoingemail WHERE id = %s", [email.pk])
        raw = cursor.fetchone()[0]
    assert "r0@example.org" not in raw and "tekst" not in raw
    assert json.loads(OutgoingEmail.objects.get().payload)["to"] == ["r0@example.org"]
    assert outbox_flush().sent == 1
    sent = OutgoingEmail.objects.get()
    assert sent.status == OutgoingEmailStatus.SENT and sent.payload == "" and sent.sent_at is not None


def test_a_notice_queued_while_the_server_is_down_is_sent_after_it_comes_back(flaky) -> None:
    queue(3)
    flaky.down = True
    now = timezone.now()
    first = outbox_flush(now=now)
    # One attempt, then the round stops: no knocking on a closed door for every message.
    assert (first.sent, first.retried, first.stopped_early) == (0, 1, True) and flaky.calls == 1
    assert not mail.outbox and OutgoingEmail.objects.filter(status=OutgoingEmailStatus.PENDING).count() == 3
    flaky.down = False
    # The failed one waits for its backoff; the other two go at once.
    assert outbox_flush(now=now).sent == 2
    assert outbox_flush(now=now + dt.timedelta(seconds=61)).sent == 1
    assert sorted(m.to[0] for m in mail.outbox) == ["r0@example.org", "r1@example.org", "r2@example.org"]


def test_backoff_doubles_and_gives_up_after_the_maximum(flaky) -> None:
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3, 4)] == [60, 120, 240, 480]
    assert retry_delay(30) == dt.timedelta(hours=6)
    (email,) = queue()
    flaky.down = True
    now = timezone.now()
    for _attempt in range(3):
        email.refresh_from_db()
        now = email.next_attempt_at
        outbox_flush(now=now)
    email.refresh_from_db()
    assert (
        email.status == OutgoingEmailStatus.FAILED
        and email.attempts == 3
        and email.last_error == "ConnectionRefusedError"
    )
    flaky.down = False
    assert outbox_flush(now=now + dt.timedelta(days=1)).sent == 0  # failed stays failed ...
    assert outbox_retry_failed() == 1 and outbox_flush().sent == 1  # ... until queued again


def test_a_refused_recipient_fails_that_message_only(monkeypatch) -> None:
    queue(2)

    def refuse_first(self, messages):
        if messages[0].to == ["r0@example.org"]:
            raise smtplib.SMTPRecipientsRefused({"r0@example.org": (550, b"no")})
        return len(messages)

    monkeypatch.setattr(FlakyBackend, "send_messages", refuse_first)
    result = outbox_flush()
    assert (result.sent, result.retried, result.stopped_early) == (1, 1, False)
    assert OutgoingEmail.objects.get(status=OutgoingEmailStatus.PENDING).last_error == "SMTPRecipientsRefused"


def test_flushing_again_sends_nothing_twice_and_a_claimed_message_is_left_alone() -> None:
    a, b = queue(2)
    OutgoingEmail.objects.filter(pk=b.pk).update(claimed_until=timezone.now() + dt.timedelta(minutes=5))
    assert outbox_flush().sent == 1 and outbox_flush().sent == 0
    assert [m.to for m in mail.outbox] == [["r0@example.org"]]
    # A worker that died while sending: its claim runs out and the message goes (same Message-ID).
    later = timezone.now() + dt.timedelta(minutes=6)
    assert outbox_flush(now=later).sent == 1
    assert mail.outbox[1].extra_headers["Message-ID"].startswith(f"<zicht-outbox-{b.pk}-")


def test_the_sent_hook_runs_with_the_reference() -> None:
    seen: list[str] = []
    services.on_sent("hooked", seen.append)
    email_queue(kind="hooked", to=["a@example.org"], subject="s", body="b", reference="42")
    outbox_flush()
    assert seen == ["42"]


def test_purge_deletes_old_sent_messages_only() -> None:
    queue(2)
    outbox_flush()
    queue(1)
    assert outbox_purge(older_than_days=30, now=timezone.now() + dt.timedelta(days=31)) == 2
    assert OutgoingEmail.objects.get().status == OutgoingEmailStatus.PENDING


def test_send_outbox_command_sends_once_and_reports(flaky, capsys) -> None:
    queue(2)
    flaky.down = True
    call_command("send_outbox")
    assert "0 sent, 1 to retry" in capsys.readouterr().out
    flaky.down = False
    call_command("send_outbox")
    out = capsys.readouterr().out
    assert "1 sent" in out and "Waiting: 1" in out  # the failed one waits for its backoff
    assert len(mail.outbox) == 1


def test_a_message_that_cannot_be_decrypted_fails_alone(settings) -> None:
    from cryptography.fernet import Fernet

    broken, fine = queue(2)
    with connection.cursor() as cursor:  # as if written under a field key that was since removed
        token = Fernet(Fernet.generate_key()).encrypt(b"{}").decode()
        cursor.execute("UPDATE outbox_outgoingemail SET payload = %s WHERE id = %s", [token, broken.pk])
    result = outbox_flush()
    assert (result.sent, result.retried, result.stopped_early) == (1, 1, False)
    broken = OutgoingEmail.objects.defer("payload").get(pk=broken.pk)
    assert broken.status == OutgoingEmailStatus.PENDING and broken.last_error == "DecryptionError"


def test_worker_loop_keeps_going_until_the_server_returns_and_stops_on_sigterm(
    flaky, monkeypatch, capsys, settings
) -> None:
    from zicht.outbox.management.commands import send_outbox

    settings.ZICHT_OUTBOX_RETRY_SECONDS = 1
    handlers = {}
    monkeypatch.setattr(send_outbox.signal, "signal", lambda signum, handler: handlers.setdefault(signum, handler))
    monkeypatch.setattr(send_outbox.time, "sleep", lambda seconds: None)
    # The test runs inside one transaction: closing the connection there would poison it (PostgreSQL).
    monkeypatch.setattr(send_outbox, "close_old_connections", lambda: None)
    rounds = []
    real_flush = send_outbox.outbox_flush

    def flush(**kwargs):
        rounds.append(len(rounds))
        flaky.down = len(rounds) == 1  # down for the first round, back afterwards
        at = timezone.now() + dt.timedelta(seconds=2 * len(rounds))  # time passes between rounds
        if len(rounds) > 10:  # never loop for ever: stop, and let the assertions below say why
            handlers[send_outbox.signal.SIGTERM](send_outbox.signal.SIGTERM, None)
        result = real_flush(now=at, **kwargs)
        if result.sent:
            handlers[send_outbox.signal.SIGTERM](send_outbox.signal.SIGTERM, None)
        return result

    monkeypatch.setattr(send_outbox, "outbox_flush", flush)
    queue()
    call_command("send_outbox", "--loop", "--sleep", "0")
    out = capsys.readouterr().out
    assert "0 sent, 1 to retry" in out and "1 sent" in out and out.rstrip().endswith("Outbox worker stopped")
    assert len(rounds) == 2 and [m.to for m in mail.outbox] == [["r0@example.org"]]
