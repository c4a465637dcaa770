"""The transactional outbox: e-mail written in the same transaction as what causes it.

Why its own app in the lowest layer (beside ``common``): every app that sends e-mail (accounts at
layer 2, matching at layer 4, later others) must reach it, so it can sit no higher than the
lowest sender; ``common`` holds no models of its own and ``audit`` is the access log, which an
outbox is not. The outbox imports only ``common`` and Django and knows nothing of its senders;
a sender that wants to hear that its message went out registers a hook
(``zicht.outbox.services.on_sent``).

The recipients and the text are encrypted (an invitation carries a one-time link, a match
notice a colleague's contact details) and blanked once the message is sent.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from zicht.common.fields import EncryptedTextField


class OutgoingEmailStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed (gave up)")


class OutgoingEmail(models.Model):
    kind = models.CharField(_("kind"), max_length=50, help_text=_("What the message is, e.g. match_notice."))
    reference = models.CharField(
        _("reference"), max_length=100, blank=True, help_text=_("The sender's object, for its sent hook.")
    )
    # JSON {"to": [...], "subject": ..., "body": ..., "from": ...}; blanked after sending.
    payload = EncryptedTextField(_("message"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=OutgoingEmailStatus.choices, default=OutgoingEmailStatus.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), db_index=True)
    # A worker claims a message until this moment; another worker leaves it alone meanwhile.
    claimed_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due_idx")]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"
