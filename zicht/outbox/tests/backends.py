"""A mail backend that can be switched off like a mail server that goes down."""

from __future__ import annotations

from django.core.mail.backends.locmem import EmailBackend


class FlakyBackend(EmailBackend):
    """The in-memory backend, refusing the connection while ``down`` is set."""

    down = False
    calls = 0

    def send_messages(self, email_messages):
        FlakyBackend.calls += 1
        if FlakyBackend.down:
            raise ConnectionRefusedError("mail server down")
        return super().send_messages(email_messages)
