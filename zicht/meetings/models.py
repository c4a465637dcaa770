from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zicht.cases.constants import LegalBasis
from zicht.common.append_only import AppendOnlyModel
from zicht.common.models import TimeStampedModel
from zicht.meetings.constants import ActionStatus, MeetingForm

AGENDA_MAX_LENGTH = 5000
SUMMARY_MAX_LENGTH = 10000
PLACE_MAX_LENGTH = 200
PERSON_MAX_LENGTH = 120
OUTCOME_MAX_LENGTH = 1000
REFERENCE_MAX_LENGTH = 300


class CaseMeeting(TimeStampedModel):
    """A multi-agency case meeting (casusoverleg) on one case, planned by the support organisation."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="meetings", verbose_name=_("case"))
    starts_at = models.DateTimeField(_("date and time"), db_index=True)
    form = models.CharField(_("form"), max_length=20, choices=MeetingForm.choices, default=MeetingForm.IN_PERSON)
    place = models.CharField(_("place or link"), max_length=PLACE_MAX_LENGTH)
    agenda = models.TextField(_("agenda"))
    # The part every invited partner reads: what was discussed, never the case's own notes.
    summary = models.TextField(_("shared summary"), blank=True)
    summary_recorded_at = models.DateTimeField(_("summary recorded at"), null=True, blank=True)
    summary_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("summary recorded by"),
    )
    planned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("planned by")
    )

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("case meeting")
        verbose_name_plural = _("case meetings")
        constraints = [
            models.CheckConstraint(condition=models.Q(form__in=MeetingForm.values), name="meeting_form_known")
        ]

    def __str__(self) -> str:
        return f"{_('case meeting')} {self.pk}"


class MeetingInvitation(models.Model):
    """A partner organisation invited to a meeting, with the legal basis for sharing (as referrals)."""

    meeting = models.ForeignKey(
        CaseMeeting, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("case meeting")
    )
    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    legal_basis = models.CharField(_("legal basis"), max_length=20, choices=LegalBasis.choices)
    consent = models.ForeignKey(
        "cases.Consent", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("consent")
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("invited by")
    )
    invited_at = models.DateTimeField(_("invited at"))

    class Meta:
        ordering = ["invited_at", "pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "organization"], name="meeting_invitation_once"),
            models.CheckConstraint(
                condition=models.Q(legal_basis__in=LegalBasis.values), name="meeting_invitation_basis_known"
            ),
            models.CheckConstraint(
                condition=~models.Q(legal_basis=LegalBasis.CONSENT) | models.Q(consent__isnull=False),
                name="meeting_invitation_consent_when_consent_basis",
            ),
        ]

    def __str__(self) -> str:
        return str(self.organization)


class MeetingAction(models.Model):
    """An agreed action (werkafspraak): who does what by when, owned by one organisation."""

    meeting = models.ForeignKey(
        CaseMeeting, on_delete=models.PROTECT, related_name="actions", verbose_name=_("case meeting")
    )
    owner_organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("owning organisation")
    )
    owner_person = models.CharField(_("person"), max_length=PERSON_MAX_LENGTH)
    description = models.TextField(_("agreed action"))
    due_on = models.DateField(_("due date"), db_index=True)
    status = models.CharField(_("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    outcome = models.CharField(_("outcome"), max_length=OUTCOME_MAX_LENGTH, blank=True)
    # A section of the action framework (handelingskader), e.g. the standing agreements with the police.
    framework_reference = models.CharField(_("framework section"), max_length=REFERENCE_MAX_LENGTH, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("agreed by")
    )
    created_at = models.DateTimeField(_("agreed at"))

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("agreed action")
        verbose_name_plural = _("agreed actions")
        indexes = [models.Index(fields=["owner_organization", "status", "due_on"], name="meeting_action_queue_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=ActionStatus.values), name="meeting_action_status_known"
            )
        ]

    def __str__(self) -> str:
        return f"{_('agreed action')} {self.pk}"

    @property
    def framework_is_link(self) -> bool:
        return self.framework_reference.startswith(("https://", "http://", "/"))


class MeetingActionStatusChange(AppendOnlyModel):
    """One status step of an action, with the owner's short outcome (the database refuses changes)."""

    action = models.ForeignKey(
        MeetingAction, on_delete=models.PROTECT, related_name="history", verbose_name=_("agreed action")
    )
    from_status = models.CharField(_("from"), max_length=20, choices=ActionStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=ActionStatus.choices)
    outcome = models.CharField(_("outcome"), max_length=OUTCOME_MAX_LENGTH, blank=True)
    at = models.DateTimeField(_("at"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by"))

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("status change of an agreed action")
        verbose_name_plural = _("status changes of agreed actions")

    def __str__(self) -> str:
        return f"{self.from_status or '–'} → {self.to_status}"
