"""Partner lists of (suspected) victims, pseudonymised, and the estimates made from them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zicht.people.ages import AgeGroup
from zicht.sources.constants import LinkRule, UploadChannel


class SourceList(models.Model):
    """One organisation's list for one year: keys only, never identifiers."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.PROTECT, related_name="source_lists", verbose_name=_("organisation")
    )
    name = models.CharField(_("name"), max_length=100)
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    row_count = models.PositiveIntegerField(_("rows"))
    # Fingerprint of the shared list key: lists made with different keys are never linked.
    key_id = models.CharField(_("key fingerprint"), max_length=16)
    channel = models.CharField(_("channel"), max_length=10, choices=UploadChannel.choices, default=UploadChannel.SCREEN)

    class Meta:
        ordering = ["-year", "name", "-pk"]
        verbose_name = _("partner list")
        verbose_name_plural = _("partner lists")

    def __str__(self) -> str:
        return f"{self.name} {self.year}"


class SourceRecord(models.Model):
    source_list = models.ForeignKey(
        SourceList, on_delete=models.CASCADE, related_name="records", verbose_name=_("partner list")
    )
    bsn_key = models.CharField(_("BSN key"), max_length=64, blank=True, db_index=True)
    name_dob = models.CharField(max_length=64, blank=True)
    phonetic_dob = models.CharField(max_length=64, blank=True)
    name_dob_swapped = models.CharField(max_length=64, blank=True)
    phonetic_dob_swapped = models.CharField(max_length=64, blank=True)
    given_dob = models.CharField(max_length=64, blank=True)
    # Tolerant keys (``zicht.common.tolerant_keys``), several per kind separated by spaces; empty on
    # lists made before they existed.
    given_year = models.TextField(blank=True, default="")
    initial_sound_year = models.TextField(blank=True, default="")
    given_date = models.TextField(blank=True, default="")
    near_surname = models.TextField(blank=True, default="")
    near_date = models.TextField(blank=True, default="")
    given_surname = models.TextField(blank=True, default="")
    year = models.PositiveSmallIntegerField(_("year"))
    age_band = models.CharField(_("age band"), max_length=10, choices=AgeGroup.choices, default=AgeGroup.UNKNOWN)
    exploitation_forms = models.CharField(
        _("forms of exploitation"), max_length=100, default="unknown", help_text="codes separated by ;"
    )
    # For lists built from the own cases: the pseudonymous ids of the records linked into this one.
    local_refs = models.JSONField(_("linked record ids"), default=list, blank=True)

    class Meta:
        verbose_name = _("list record")
        verbose_name_plural = _("list records")

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.pk}"


class EstimateSnapshot(models.Model):
    """A published estimate with everything needed to reproduce it."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("run by"),
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    stratum = models.CharField(_("stratum"), max_length=40, default="all")
    method = models.CharField(_("method"), max_length=40)
    library_version = models.CharField(_("library version"), max_length=40)
    # How records without a shared BSN were linked (ADR 0012); snapshots before migration 0005 used the threshold.
    # The model default is what snapshots made before the field held; new ones are made with the learnt rule.
    link_rule = models.CharField(_("link rule"), max_length=16, choices=LinkRule.choices, default=LinkRule.THRESHOLD)
    link_threshold = models.PositiveSmallIntegerField(_("link threshold"), default=2)
    inputs = models.JSONField(_("capture histories"), default=dict)
    sources = models.JSONField(_("lists"), default=list)
    estimate = models.FloatField(_("estimate"))
    interval_low = models.FloatField(_("interval low"), null=True)
    interval_high = models.FloatField(_("interval high"), null=True)
    interval_method = models.CharField(_("interval method"), max_length=40, blank=True)
    observed = models.PositiveIntegerField(_("observed"))
    terms = models.JSONField(_("model terms"), default=list)
    sensitivity = models.JSONField(_("sensitivity to the link threshold"), default=list)
    warnings = models.JSONField(_("warnings"), default=list)
    # The defensible methods side by side (``recapture.MethodComparison.to_dict``), headline first.
    methods = models.JSONField(_("estimates by method"), default=dict, blank=True)
    # How the lists were linked and, where measured, how well: threshold, measured, recall, precision, pairs.
    linkage = models.JSONField(_("linkage"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("estimate snapshot")
        verbose_name_plural = _("estimate snapshots")

    def __str__(self) -> str:
        return f"{_('estimate')} {self.pk}"
