"""Writers appending while the access log is verified never cause a (false) tampering alarm."""

from __future__ import annotations

import threading

import pytest
from django.db import close_old_connections, connection

from zicht.audit import verification
from zicht.audit.constants import AccessAction, Purpose
from zicht.audit.models import AccessLogEntry
from zicht.audit.services import access_log_record
from zicht.audit.verification import audit_chain_verify, forget_verified
from zicht.common.roles import Role


@pytest.fixture(autouse=True)
def checkpoint(tmp_path, settings):
    settings.AUDIT_CHECKPOINT_PATH = str(tmp_path / "audit-checkpoint.json")
    forget_verified()
    yield
    forget_verified()


def _write(user, n: int = 1) -> None:
    for _ in range(n):
        access_log_record(
            user=user, action=AccessAction.READ, purpose=Purpose.SUPPORT, object_type="cases.case", object_id=1
        )


@pytest.mark.django_db
def test_writes_at_every_step_of_a_verification_give_no_alarm(personas, monkeypatch):
    """1,000 writes slipped in between the verifier's reads: after the head, inside the walk."""
    user = personas[Role.SUPPORT_WORKER]
    _write(user, 5)
    written = {"n": 0}
    original_rows, original_head = verification._rows, verification._head

    def head_then_write():
        head = original_head()
        _write(user, 3)
        written["n"] += 3
        return head

    def rows_with_writes(after, upto, batch_size):
        for row in original_rows(after, upto, 2):  # small chunks: later chunks are read after the writes
            yield row
            if written["n"] < 1000:
                _write(user)
                written["n"] += 1

    monkeypatch.setattr(verification, "_head", head_then_write)
    monkeypatch.setattr(verification, "_rows", rows_with_writes)
    alarms, runs = [], 0
    while written["n"] < 1000:
        report = audit_chain_verify(full=runs % 5 == 0)
        runs += 1
        if not report.intact:
            alarms.append(report.message)
    assert written["n"] >= 1000 and AccessLogEntry.objects.count() >= 1005
    assert alarms == []
    monkeypatch.undo()
    assert audit_chain_verify(full=True).entries_checked == AccessLogEntry.objects.count()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="threads on the shared-cache in-memory SQLite test database can crash the worker; production is PostgreSQL",
)
def test_concurrent_writer_threads_during_repeated_verification(personas):
    """Real threads with their own database connections, as gunicorn workers on PostgreSQL."""
    user = personas[Role.SUPPORT_WORKER]
    writers, per_writer = 4, 250
    errors: list[BaseException] = []
    start = threading.Barrier(writers + 1)

    def writer() -> None:
        try:
            start.wait()
            _write(user, per_writer)
        except BaseException as error:
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=writer) for _ in range(writers)]
    for thread in threads:
        thread.start()
    start.wait()
    alarms, runs = [], 0
    while any(thread.is_alive() for thread in threads) or runs < 3:
        report = audit_chain_verify(full=runs % 4 == 0)
        runs += 1
        if not report.intact:
            alarms.append(report.message)
    for thread in threads:
        thread.join()
    assert errors == []
    assert AccessLogEntry.objects.count() == writers * per_writer
    assert alarms == [] and runs >= 3
    assert audit_chain_verify(full=True).entries_checked == writers * per_writer
