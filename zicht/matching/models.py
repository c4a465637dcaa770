"""The involvement index: THAT an organisation is involved with a young person, never why.

No identifier is stored here, only keyed HMAC match keys (``InvolvementKey``) made with the
server-held secret; ``key_id`` is the fingerprint of the secret the keys were made with.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zicht.common.append_only import AppendOnlyError, AppendOnlyModel  # noqa: F401 (re-exported)
from zicht.matching.constants import Channel, KeyKindChoice, MatchBasis


class Involvement(models.Model):
    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.PROTECT, related_name="involvements", verbose_name=_("organisation")
    )
    # The professional to contact; null for a registration by a partner system (the organisation's
    # own phone and e-mail are then the contact).
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="involvements",
        verbose_name=_("contact"),
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, default=Channel.SCREEN)
    # A case of the support organisation this registration was made for (a pseudonymous id).
    source_case_id = models.PositiveBigIntegerField(_("case"), null=True, blank=True, db_index=True)
    key_id = models.CharField(_("key fingerprint"), max_length=16, db_index=True)
    registered_at = models.DateTimeField(_("registered at"), db_index=True)
    expires_at = models.DateTimeField(_("expires at"), db_index=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        ordering = ["-registered_at", "-pk"]
        verbose_name = _("involvement")
        verbose_name_plural = _("involvements")
        constraints = [
            models.CheckConstraint(condition=models.Q(channel__in=Channel.values), name="involvement_channel_known"),
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("registered_at")),
                name="involvement_expires_after_registration",
            ),
        ]

    def __str__(self) -> str:
        return f"{_('involvement')} {self.pk}"

    @property
    def is_active(self) -> bool:
        from django.utils import timezone

        return self.withdrawn_at is None and self.expires_at > timezone.now()


class InvolvementKey(models.Model):
    involvement = models.ForeignKey(
        Involvement, on_delete=models.CASCADE, related_name="keys", verbose_name=_("involvement")
    )
    kind = models.CharField(_("kind"), max_length=24, choices=KeyKindChoice.choices)
    value = models.CharField(_("value"), max_length=64)

    class Meta:
        verbose_name = _("match key")
        verbose_name_plural = _("match keys")
        indexes = [models.Index(fields=["kind", "value"], name="involvementkey_kind_value")]
        constraints = [models.UniqueConstraint(fields=["involvement", "kind"], name="involvementkey_one_per_kind")]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.pk}"


class Match(models.Model):
    """Two registrations by different organisations that concern the same young person."""

    first = models.ForeignKey(
        Involvement, on_delete=models.CASCADE, related_name="+", verbose_name=_("earlier registration")
    )
    second = models.ForeignKey(
        Involvement, on_delete=models.CASCADE, related_name="+", verbose_name=_("later registration")
    )
    basis = models.CharField(_("basis"), max_length=10, choices=MatchBasis.choices)
    # Which kinds of keys agreed (codes of the evidence, never the keys).
    agreed = models.JSONField(_("agreeing keys"), default=list)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        constraints = [models.UniqueConstraint(fields=["first", "second"], name="match_pair_unique")]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.pk}"


class MatchNotice(models.Model):
    """A content-free notice to one side of a match, naming only the other side's contact."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="notices", verbose_name=_("match"))
    involvement = models.ForeignKey(
        Involvement, on_delete=models.CASCADE, related_name="notices", verbose_name=_("own registration")
    )
    counterpart = models.ForeignKey(
        Involvement, on_delete=models.CASCADE, related_name="+", verbose_name=_("other registration")
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="match_notices",
        verbose_name=_("recipient"),
    )
    recipient_organization = models.ForeignKey(
        "accounts.Organization",
        on_delete=models.CASCADE,
        related_name="match_notices",
        verbose_name=_("recipient organisation"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("match notice")
        verbose_name_plural = _("match notices")

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.pk}"


class PurgeLog(AppendOnlyModel):
    """Append-only record of what a purge removed: counts and ids, never content."""

    ran_at = models.DateTimeField(_("ran at"), auto_now_add=True)
    removed_count = models.PositiveIntegerField(_("removed"))
    removed_ids = models.JSONField(_("removed ids"), default=list)
    cutoff = models.DateTimeField(_("cut-off"))

    class Meta:
        ordering = ["-ran_at", "-pk"]
        verbose_name = _("purge log entry")
        verbose_name_plural = _("purge log")
