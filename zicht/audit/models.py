from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zicht.audit.constants import AccessAction, Purpose
from zicht.common.append_only import AppendOnlyError, AppendOnlyModel

__all__ = ["AppendOnlyError", "AccessLogEntry", "AuditChainHead", "DeletionAction", "DeletionLog"]

GENESIS_HASH = "0" * 64


class AccessLogEntry(AppendOnlyModel):
    """Who did what with which personal-data object, when and why; never the content.

    Entries form a hash chain: ``entry_hash`` covers the entry's fields and the previous
    entry's hash, so altering or removing a stored entry breaks the chain from there on.
    """

    sequence = models.PositiveBigIntegerField(_("sequence"), unique=True)
    created_at = models.DateTimeField(_("at"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_username = models.CharField(_("user"), max_length=150, blank=True)
    organization_id_snapshot = models.BigIntegerField(_("organisation id"), null=True, blank=True)
    role = models.CharField(_("role"), max_length=20, blank=True)
    action = models.CharField(_("action"), max_length=10, choices=AccessAction.choices)
    object_type = models.CharField(_("object type"), max_length=100)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    # Ids and keyed hashes only, never content: the young persons a list showed ("persons"), the
    # objects it listed ("ids"), a search term's keyed hash ("search"), a denied path ("path").
    # Nullable without a default, so adding it is a plain ADD COLUMN (SQLite keeps its triggers).
    detail = models.JSONField(_("detail"), null=True, blank=True)
    prev_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["sequence"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log entries")
        indexes = [models.Index(fields=["object_type", "object_id"]), models.Index(fields=["actor", "created_at"])]


class AuditChainHead(models.Model):
    """A single row that serialises writers of the chain and remembers its last hash."""

    last_sequence = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default=GENESIS_HASH)

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.pk}"


class DeletionAction(models.TextChoices):
    ANONYMISED = "anonymised", _("anonymised")
    DELETED = "deleted", _("deleted")


class DeletionLog(AppendOnlyModel):
    """Append-only record of one object a retention job anonymised or deleted: ids, never content.

    A dry run writes nothing here. The row is also the "anonymised" marker of a case, which keeps
    the anonymisation job idempotent.
    """

    run_id = models.UUIDField(_("run"), db_index=True)
    at = models.DateTimeField(_("at"))
    job = models.CharField(_("job"), max_length=40)
    object_type = models.CharField(_("object type"), max_length=100)
    object_id = models.CharField(_("object id"), max_length=64)
    action = models.CharField(_("action"), max_length=12, choices=DeletionAction.choices)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("deletion log entry")
        verbose_name_plural = _("deletion log")
        indexes = [models.Index(fields=["object_type", "object_id"], name="deletionlog_object")]
        constraints = [
            models.UniqueConstraint(fields=["job", "object_type", "object_id"], name="deletionlog_once_per_job"),
            models.CheckConstraint(
                condition=models.Q(action__in=DeletionAction.values), name="deletionlog_action_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.job} {self.object_type} {self.object_id}"
