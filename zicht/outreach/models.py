from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from zicht.outreach.constants import AudienceSector, CampaignChannel, TrainingKind


class Training(models.Model):
    """A training, information session or presentation for professionals on recognising exploitation."""

    date = models.DateField(_("date"), db_index=True)
    organiser = models.ForeignKey(
        "accounts.Organization", on_delete=models.PROTECT, related_name="trainings", verbose_name=_("organiser")
    )
    co_organiser = models.CharField(_("together with"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=TrainingKind.choices, default=TrainingKind.TRAINING)
    participants = models.PositiveIntegerField(_("participants"))
    topic_criminal = models.BooleanField(_("criminal exploitation"), default=True)
    topic_sexual = models.BooleanField(_("sexual exploitation"), default=False)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=TrainingKind.values), name="training_kind_known"),
            models.CheckConstraint(condition=Q(topic_criminal=True) | Q(topic_sexual=True), name="training_has_topic"),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d-%m-%Y} {self.title}"


class TrainingAudience(models.Model):
    training = models.ForeignKey(
        Training, on_delete=models.CASCADE, related_name="audiences", verbose_name=_("training")
    )
    sector = models.CharField(_("sector"), max_length=30, choices=AudienceSector.choices)

    class Meta:
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")
        constraints = [
            models.UniqueConstraint(fields=["training", "sector"], name="training_audience_unique"),
            models.CheckConstraint(condition=Q(sector__in=AudienceSector.values), name="training_audience_known"),
        ]

    def __str__(self) -> str:
        return self.get_sector_display()


class PreventionLesson(models.Model):
    """A prevention lesson at a school."""

    date = models.DateField(_("date"), db_index=True)
    school_name = models.CharField(_("school"), max_length=200)
    organiser = models.ForeignKey(
        "accounts.Organization",
        on_delete=models.PROTECT,
        related_name="prevention_lessons",
        verbose_name=_("organiser"),
    )
    pupils = models.PositiveIntegerField(_("pupils"))
    topic_criminal = models.BooleanField(_("criminal exploitation"), default=True)
    topic_sexual = models.BooleanField(_("sexual exploitation"), default=False)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("prevention lesson")
        verbose_name_plural = _("prevention lessons")

    def __str__(self) -> str:
        return f"{self.date:%d-%m-%Y} {self.school_name}"


class Campaign(models.Model):
    """A (online) communication campaign, e.g. together with FIER."""

    name = models.CharField(_("name"), max_length=200)
    organiser = models.ForeignKey(
        "accounts.Organization", on_delete=models.PROTECT, related_name="campaigns", verbose_name=_("organiser")
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    channel = models.CharField(_("channel"), max_length=20, choices=CampaignChannel.choices)
    partner = models.CharField(_("partner"), max_length=200, blank=True)

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="campaign_ends_after_start"),
            models.CheckConstraint(condition=Q(channel__in=CampaignChannel.values), name="campaign_channel_known"),
        ]

    def __str__(self) -> str:
        return self.name
