from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zicht.common.fields import EncryptedCharField
from zicht.common.models import TimeStampedModel
from zicht.concerns.constants import (
    RECRUITMENT_DETAIL_MAX_LENGTH,
    ConcernChannel,
    ConcernKind,
    ConcernStatus,
    CrimeDomain,
    IndicatorCategory,
    IndicatorForm,
    RecruitmentPlace,
    ReporterSector,
    ReporterStatus,
    Urgency,
)
from zicht.concerns.workflow import reporter_status
from zicht.people.ages import MAX_AGE
from zicht.people.constants import Gender


class Indicator(models.Model):
    """One signal of possible exploitation; the catalogue is data, maintained in the admin."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    label = models.CharField(_("label"), max_length=200)
    category = models.CharField(_("category"), max_length=30, choices=IndicatorCategory.choices)
    form = models.CharField(_("form of exploitation"), max_length=20, choices=IndicatorForm.choices)
    is_active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["category", "order", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.CheckConstraint(condition=Q(category__in=IndicatorCategory.values), name="indicator_category_known"),
            models.CheckConstraint(condition=Q(form__in=IndicatorForm.values), name="indicator_form_known"),
        ]

    def __str__(self) -> str:
        return str(_(self.label))

    @property
    def translated_label(self) -> str:
        return str(_(self.label))


class Concern(TimeStampedModel):
    """A concern (melding/signaal) about a young person, or an advice request without identity."""

    kind = models.CharField(_("kind"), max_length=20, choices=ConcernKind.choices, default=ConcernKind.CONCERN)
    received_at = models.DateTimeField(_("received at"), db_index=True)
    channel = models.CharField(_("channel"), max_length=20, choices=ConcernChannel.choices)
    reporter_sector = models.CharField(_("reporter sector"), max_length=30, choices=ReporterSector.choices)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="submitted_concerns",
        verbose_name=_("reporter"),
    )
    reporter_organization = models.ForeignKey(
        "accounts.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reported_concerns",
        verbose_name=_("reporter's organisation"),
    )
    handling_organization = models.ForeignKey(
        "accounts.Organization",
        on_delete=models.PROTECT,
        related_name="handled_concerns",
        verbose_name=_("handling organisation"),
    )
    young_person = models.ForeignKey(
        "people.YoungPerson",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="concerns",
        verbose_name=_("young person"),
    )
    # Plain, non-identifying fields for statistics (identity lives on YoungPerson only).
    age_estimate = models.PositiveSmallIntegerField(_("estimated age"), null=True, blank=True)
    age_at_report = models.PositiveSmallIntegerField(_("age when reported"), null=True, blank=True)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, default=Gender.UNKNOWN)
    indicators = models.ManyToManyField(Indicator, blank=True, related_name="concerns", verbose_name=_("indicators"))
    recruitment_place = models.CharField(
        _("recruitment place"), max_length=20, choices=RecruitmentPlace.choices, default=RecruitmentPlace.UNKNOWN
    )
    recruitment_detail = models.CharField(_("recruitment detail"), max_length=RECRUITMENT_DETAIL_MAX_LENGTH, blank=True)
    description = models.TextField(_("description"), blank=True)
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL)
    status = models.CharField(
        _("status"), max_length=20, choices=ConcernStatus.choices, default=ConcernStatus.NEW, db_index=True
    )
    first_contact_at = models.DateTimeField(_("first contact at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    advice_text = models.TextField(_("advice given"), blank=True)
    # The handelingskader: the reporter's route that led to this concern (codes and answers only),
    # and the support organisation's triage route with its norms. Both keep the version they started on.
    framework_route = models.OneToOneField(
        "framework.Route",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="concern",
        verbose_name=_("route through the action framework"),
    )
    triage_route = models.OneToOneField(
        "framework.Route",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="triaged_concern",
        verbose_name=_("triage route"),
    )
    # Call-back details of an anonymous reporter: personal data, so encrypted.
    contact_name = EncryptedCharField(_("contact name"), max_length=200, blank=True)
    contact_phone = EncryptedCharField(_("contact phone"), max_length=30, blank=True)
    contact_email = EncryptedCharField(_("contact e-mail"), max_length=254, blank=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("concern")
        verbose_name_plural = _("concerns")
        indexes = [
            models.Index(
                fields=["received_at", "kind", "recruitment_place", "reporter_sector", "channel"],
                name="concern_stats_idx",
            ),
            # The list searched by name: the concerns of the people found, with the list's order
            # (the page's keys are read from this index alone).
            models.Index(
                fields=["handling_organization", "young_person", "-received_at", "-id"],
                name="concern_person_list_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=ConcernKind.values), name="concern_kind_known"),
            models.CheckConstraint(condition=Q(channel__in=ConcernChannel.values), name="concern_channel_known"),
            models.CheckConstraint(condition=Q(reporter_sector__in=ReporterSector.values), name="concern_sector_known"),
            models.CheckConstraint(
                condition=Q(recruitment_place__in=RecruitmentPlace.values), name="concern_place_known"
            ),
            models.CheckConstraint(condition=Q(urgency__in=Urgency.values), name="concern_urgency_known"),
            models.CheckConstraint(condition=Q(status__in=ConcernStatus.values), name="concern_status_known"),
            models.CheckConstraint(condition=Q(gender__in=Gender.values), name="concern_gender_known"),
            models.CheckConstraint(
                condition=Q(age_estimate__isnull=True) | Q(age_estimate__lte=MAX_AGE), name="concern_age_estimate_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{_('concern')} {self.reference}"

    @property
    def reference(self) -> str:
        if not (self.pk and self.received_at):
            return "M-?"
        return f"M-{timezone.localtime(self.received_at):%Y}-{self.pk:05d}"

    @property
    def reporter_status(self) -> str:
        return reporter_status(self.status)

    @property
    def reporter_status_label(self) -> str:
        return str(ReporterStatus(self.reporter_status).label)


class ConcernCrimeDomain(models.Model):
    concern = models.ForeignKey(
        Concern, on_delete=models.CASCADE, related_name="crime_domains", verbose_name=_("concern")
    )
    domain = models.CharField(_("crime domain"), max_length=30, choices=CrimeDomain.choices)

    class Meta:
        verbose_name = _("crime domain of a concern")
        verbose_name_plural = _("crime domains of concerns")
        constraints = [
            models.UniqueConstraint(fields=["concern", "domain"], name="concern_crime_domain_unique"),
            models.CheckConstraint(condition=Q(domain__in=CrimeDomain.values), name="concern_crime_domain_known"),
        ]

    def __str__(self) -> str:
        return self.get_domain_display()


class ConcernStatusChange(models.Model):
    """Append-only history of a concern's status."""

    concern = models.ForeignKey(
        Concern, on_delete=models.CASCADE, related_name="status_changes", verbose_name=_("concern")
    )
    from_status = models.CharField(_("from status"), max_length=20, choices=ConcernStatus.choices, blank=True)
    to_status = models.CharField(_("to status"), max_length=20, choices=ConcernStatus.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), db_index=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.from_status or '-'} → {self.to_status}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("status changes are append-only")
        super().save(*args, **kwargs)
