from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zicht.cases.constants import (
    CaseEventKind,
    CaseStatus,
    CloseReason,
    CriminalSubtype,
    LegalBasis,
    ReferralPurpose,
    ReferralStatus,
    SupportActionKind,
    VictimStatus,
)
from zicht.common.append_only import AppendOnlyError, AppendOnlyModel  # noqa: F401 (re-exported)
from zicht.common.exploitation import ExploitationType
from zicht.common.models import TimeStampedModel


def case_reference(pk: int, opened_at) -> str:
    """C-2026-00151: the (local) year the case was opened and its number, as concerns have M-2026-00302."""
    return f"C-{timezone.localtime(opened_at):%Y}-{pk:05d}"


class Case(TimeStampedModel):
    """A casus at a support organisation about one young person."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.PROTECT, related_name="cases", verbose_name=_("support organisation")
    )
    young_person = models.ForeignKey(
        "people.YoungPerson", on_delete=models.PROTECT, related_name="cases", verbose_name=_("young person")
    )
    concerns = models.ManyToManyField("concerns.Concern", blank=True, related_name="cases", verbose_name=_("concerns"))
    opened_at = models.DateTimeField(_("opened at"))
    registration_year = models.PositiveSmallIntegerField(_("registration year"), db_index=True)
    # Stored plainly: statistics cannot decrypt the date of birth. Null when it is unknown.
    age_at_registration = models.PositiveSmallIntegerField(_("age at registration"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.INTAKE, db_index=True
    )
    victim_status = models.CharField(
        _("victim status"), max_length=20, choices=VictimStatus.choices, default=VictimStatus.POSSIBLE
    )
    victim_status_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("victim status decided by"),
    )
    victim_status_decided_at = models.DateTimeField(_("victim status decided at"), null=True, blank=True)
    age_at_exploitation_start = models.PositiveSmallIntegerField(
        _("age at start of exploitation"), null=True, blank=True
    )
    victim_also_suspect = models.BooleanField(_("victim is also a suspect"), default=False)
    lead_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lead_cases",
        verbose_name=_("lead support worker"),
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    close_reason = models.CharField(_("reason for closing"), max_length=20, choices=CloseReason.choices, blank=True)
    transition_step_recorded_at = models.DateTimeField(_("transition step at 18 recorded at"), null=True, blank=True)
    cjg_exemption_reason = models.TextField(_("reason for support without CJG referral"), blank=True)
    # Readable and stable (C-<year of opening>-<number>); set once on the first save, never reused.
    reference = models.CharField(_("reference"), max_length=20, unique=True, null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-opened_at", "-pk"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        # Covering indexes for the statistics (counted in the database over any period).
        indexes = [
            models.Index(
                fields=[
                    "opened_at",
                    "registration_year",
                    "victim_status",
                    "age_at_registration",
                    "organization",
                    "young_person",
                ],
                name="case_stats_opened_idx",
            ),
            models.Index(fields=["closed_at", "close_reason"], name="case_stats_closed_idx"),
            # The list searched by name: the cases of the people found, with the list's order (the
            # page's keys are read from this index alone).
            models.Index(fields=["organization", "young_person", "-opened_at", "-id"], name="case_person_list_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=CaseStatus.values), name="case_status_known"),
            models.CheckConstraint(
                condition=models.Q(victim_status__in=VictimStatus.values), name="case_victim_status_known"
            ),
            models.CheckConstraint(
                condition=models.Q(status=CaseStatus.CLOSED, closed_at__isnull=False) & ~models.Q(close_reason="")
                | ~models.Q(status=CaseStatus.CLOSED) & models.Q(closed_at__isnull=True, close_reason=""),
                name="case_closed_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{_('case')} {self.reference or self.pk}"

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        if not self.reference and self.pk and self.opened_at:
            self.reference = case_reference(self.pk, self.opened_at)
            type(self).objects.filter(pk=self.pk).update(reference=self.reference)

    @property
    def exploitation_types(self) -> set[str]:
        return {e.type for e in self.exploitations.all()}

    @property
    def is_combined(self) -> bool:
        """More than one distinct form of exploitation."""
        return len(self.exploitation_types) > 1


class CaseExploitation(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="exploitations", verbose_name=_("case"))
    type = models.CharField(_("form of exploitation"), max_length=20, choices=ExploitationType.choices)
    criminal_subtype = models.CharField(
        _("criminal sub-type"), max_length=30, choices=CriminalSubtype.choices, blank=True
    )

    class Meta:
        ordering = ["type", "criminal_subtype"]
        verbose_name = _("form of exploitation")
        verbose_name_plural = _("forms of exploitation")
        constraints = [
            models.UniqueConstraint(fields=["case", "type", "criminal_subtype"], name="case_exploitation_unique"),
            models.CheckConstraint(
                condition=models.Q(type__in=ExploitationType.values), name="case_exploitation_type_known"
            ),
            models.CheckConstraint(
                condition=models.Q(type=ExploitationType.CRIMINAL) | models.Q(criminal_subtype=""),
                name="case_exploitation_subtype_only_criminal",
            ),
        ]

    def __str__(self) -> str:
        if self.criminal_subtype:
            return f"{self.get_type_display()}: {self.get_criminal_subtype_display()}"
        return str(self.get_type_display())


class CaseEvent(AppendOnlyModel):
    """One entry of a case's append-only timeline (the database refuses UPDATE and DELETE too)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="events", verbose_name=_("case"))
    kind = models.CharField(_("kind"), max_length=20, choices=CaseEventKind.choices)
    at = models.DateTimeField(_("at"), db_index=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("by")
    )
    text = models.TextField(_("text"), blank=True)
    # Structured details (codes, ids) so that the description is translated when it is shown.
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline entries")
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=CaseEventKind.values), name="case_event_kind_known")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d}"

    @property
    def description(self) -> str:
        from zicht.cases.timeline import event_description

        return event_description(self.kind, self.data)


class SupportAction(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="support_actions", verbose_name=_("case"))
    kind = models.CharField(_("kind of support"), max_length=20, choices=SupportActionKind.choices)
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["started_on", "pk"]
        verbose_name = _("support action")
        verbose_name_plural = _("support actions")
        indexes = [models.Index(fields=["started_on", "kind", "case"], name="support_action_stats_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=SupportActionKind.values), name="support_action_kind_known"
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=models.F("started_on")),
                name="support_action_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return str(self.get_kind_display())


class Consent(models.Model):
    """Consent to share data with one recipient for one purpose (recorded per recipient and purpose)."""

    young_person = models.ForeignKey(
        "people.YoungPerson", on_delete=models.CASCADE, related_name="consents", verbose_name=_("young person")
    )
    recipient = models.ForeignKey(
        "accounts.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("recipient")
    )
    purpose = models.CharField(_("purpose"), max_length=30, choices=ReferralPurpose.choices)
    given_at = models.DateTimeField(_("given at"))
    given_by_text = models.CharField(
        _("given by"), max_length=100, help_text=_("For example: young person, parent or guardian.")
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("recorded by")
    )

    class Meta:
        ordering = ["-given_at", "-pk"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.CheckConstraint(condition=models.Q(purpose__in=ReferralPurpose.values), name="consent_purpose_known")
        ]

    def __str__(self) -> str:
        return f"{self.recipient} – {self.get_purpose_display()}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


class Referral(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals", verbose_name=_("case"))
    to_organization = models.ForeignKey(
        "accounts.Organization",
        on_delete=models.PROTECT,
        related_name="referrals_received",
        verbose_name=_("to organisation"),
    )
    purpose = models.CharField(_("purpose"), max_length=30, choices=ReferralPurpose.choices)
    legal_basis = models.CharField(_("legal basis"), max_length=20, choices=LegalBasis.choices)
    consent = models.ForeignKey(
        Consent, on_delete=models.PROTECT, null=True, blank=True, related_name="referrals", verbose_name=_("consent")
    )
    # What the referring organisation asks of the partner (shown to the partner; required for new referrals).
    question = models.TextField(_("question for the partner"), blank=True, default="")
    status = models.CharField(
        _("status"), max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.PROPOSED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created at"))
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responded by"),
    )
    responded_at = models.DateTimeField(_("responded at"), null=True, blank=True)
    response_note = models.TextField(_("response note"), blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        indexes = [models.Index(fields=["created_at", "to_organization", "status"], name="referral_stats_idx")]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=ReferralStatus.values), name="referral_status_known"),
            models.CheckConstraint(
                condition=models.Q(legal_basis__in=LegalBasis.values), name="referral_legal_basis_known"
            ),
            models.CheckConstraint(
                condition=~models.Q(legal_basis=LegalBasis.CONSENT) | models.Q(consent__isnull=False),
                name="referral_consent_when_consent_basis",
            ),
        ]

    def __str__(self) -> str:
        return f"{_('referral')} {self.reference} → {self.to_organization}"

    @property
    def reference(self) -> str:
        """V-2025-00004: the (local) year it was sent and its number, as cases have C-2026-00151."""
        if not (self.pk and self.created_at):
            return "V-?"
        return f"V-{timezone.localtime(self.created_at):%Y}-{self.pk:05d}"

    @property
    def days_waiting(self) -> int | None:
        """Whole days since it was sent while it waits for an answer; None once answered."""
        if self.status != ReferralStatus.PROPOSED:
            return None
        return (timezone.now() - self.created_at).days
