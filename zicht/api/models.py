"""Partner-API records: tokens (hash only) and stored responses for Idempotency-Key replays.
The tables keep their first names (they began in ``matching``)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    """A partner organisation's API token; only its SHA-256 hash is stored."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.PROTECT, related_name="api_tokens", verbose_name=_("organisation")
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    class Meta:
        db_table = "matching_apitoken"
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{_('API token')} {self.pk} ({self.organization})"


class IdempotencyRecord(models.Model):
    """The stored response to a POST with an Idempotency-Key, replayed on a retry."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    key = models.CharField(_("idempotency key"), max_length=200)
    request_hash = models.CharField(_("request hash"), max_length=64)
    response_status = models.PositiveSmallIntegerField(_("response status"))
    response_body = models.TextField(_("response body"), blank=True)
    response_content_type = models.CharField(_("response content type"), max_length=100, default="application/json")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)

    class Meta:
        db_table = "matching_idempotencyrecord"
        verbose_name = _("idempotency record")
        verbose_name_plural = _("idempotency records")
        constraints = [models.UniqueConstraint(fields=["organization", "key"], name="idempotency_key_unique_per_org")]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.pk}"
