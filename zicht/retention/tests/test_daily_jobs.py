"""run_daily_jobs: every job runs, each reports, and any failure makes the command fail."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from zicht.outbox.models import OutgoingEmail, OutgoingEmailStatus
from zicht.outbox.services import email_queue

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.ZICHT_OUTBOX_SEND_ON_COMMIT = False


def _queue() -> None:
    email_queue(kind="test", to=["a@example.org"], subject="s", body="b")


def test_all_jobs_run_and_report(capsys) -> None:
    _queue()
    call_command("run_daily_jobs")
    out = capsys.readouterr().out
    for name in ("apply_retention", "verify_audit_log", "rebuild_stats_summaries", "outbox"):
        assert f"== {name}: ok" in out
    assert "Retention run" in out and "1 sent" in out and "Daily jobs done" in out
    assert len(mail.outbox) == 1


def test_a_failed_verification_fails_the_run_but_the_other_jobs_still_run(monkeypatch, capsys) -> None:
    from zicht.audit.management.commands import verify_audit_log

    broken = SimpleNamespace(intact=False, message="Hashketen verbroken bij regel 7.")
    monkeypatch.setattr(verify_audit_log, "audit_chain_verify", lambda **kwargs: broken)
    _queue()
    with pytest.raises(CommandError, match="Daily jobs failed: verify_audit_log"):
        call_command("run_daily_jobs")
    out = capsys.readouterr().out
    assert "== verify_audit_log: FAILED" in out and "regel 7" in out
    assert "== outbox: ok" in out and len(mail.outbox) == 1


def test_a_given_up_message_fails_the_outbox_job(capsys) -> None:
    _queue()
    OutgoingEmail.objects.update(status=OutgoingEmailStatus.FAILED)
    with pytest.raises(CommandError, match="Daily jobs failed: outbox"):
        call_command("run_daily_jobs")
    assert "retry-failed" in capsys.readouterr().out


def test_dry_run_passes_on_to_retention(capsys) -> None:
    call_command("run_daily_jobs", "--dry-run")
    assert "dry run: nothing is changed" in capsys.readouterr().out


def test_drifted_statistics_tallies_fail_the_run(capsys) -> None:
    import datetime

    from zicht.common.models import Tally

    Tally.objects.create(topic="case.status", day=datetime.date(2024, 1, 1), organization_id=1, a="suspected", n=3)
    with pytest.raises(CommandError, match="Daily jobs failed: rebuild_stats_summaries"):
        call_command("run_daily_jobs")
    assert "drifted at 1 keys" in capsys.readouterr().out
