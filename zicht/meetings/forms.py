"""Thin forms of case meetings: shape the input; the services hold the rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from zicht.accounts.models import Organization
from zicht.cases.constants import LegalBasis, ReferralPurpose
from zicht.cases.forms import referral_recipients
from zicht.cases.models import Case, Consent
from zicht.common.forms import form_add_service_errors, form_field
from zicht.meetings.constants import ActionStatus, MeetingForm
from zicht.meetings.models import (
    AGENDA_MAX_LENGTH,
    OUTCOME_MAX_LENGTH,
    PERSON_MAX_LENGTH,
    PLACE_MAX_LENGTH,
    REFERENCE_MAX_LENGTH,
    SUMMARY_MAX_LENGTH,
    CaseMeeting,
)


def service_errors_to_form(form: forms.Form, error: ValidationError) -> None:
    form_add_service_errors(form, error)


def _textarea(label, *, max_length: int, required: bool = True, rows: int = 5, help_text="") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows, "maxlength": max_length}),
    )


class MeetingPlanForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    form = forms.ChoiceField(label=_("Meeting form"), choices=MeetingForm.choices, widget=forms.RadioSelect)
    place = forms.CharField(
        label=_("Place or link"),
        max_length=PLACE_MAX_LENGTH,
        help_text=_("The address and room, or the link to the online meeting."),
    )
    agenda = _textarea(_("Agenda"), max_length=AGENDA_MAX_LENGTH)


class InvitationForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("Organisation"), queryset=Organization.objects.none())
    legal_basis = forms.ChoiceField(label=_("Legal basis"), choices=LegalBasis.choices)
    consent = forms.ModelChoiceField(
        label=_("Consent"),
        queryset=Consent.objects.none(),
        required=False,
        help_text=_('Required when consent is the legal basis: consent for the purpose "case meeting".'),
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "organization", forms.ModelChoiceField).queryset = referral_recipients(case.organization_id)
        form_field(self, "consent", forms.ModelChoiceField).queryset = Consent.objects.filter(
            young_person_id=case.young_person_id, purpose=ReferralPurpose.CASE_MEETING, withdrawn_at__isnull=True
        ).select_related("recipient")


class SummaryForm(forms.Form):
    summary = _textarea(
        _("Shared summary"),
        max_length=SUMMARY_MAX_LENGTH,
        rows=8,
        help_text=_("Every invited partner reads this summary. Do not copy the case's own notes into it."),
    )


class ActionForm(forms.Form):
    owner_organization = forms.ModelChoiceField(label=_("Owning organisation"), queryset=Organization.objects.none())
    owner_person = forms.CharField(label=_("Person"), max_length=PERSON_MAX_LENGTH)
    description = _textarea(_("Agreed action"), max_length=AGENDA_MAX_LENGTH, rows=3)
    due_on = forms.DateField(label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    framework_reference = forms.CharField(
        label=_("Framework section (optional)"),
        max_length=REFERENCE_MAX_LENGTH,
        required=False,
        help_text=_("A link to, or the name of, the section of the action framework this action follows."),
    )

    def __init__(self, *args: Any, meeting: CaseMeeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        invited = meeting.invitations.values("organization_id")
        form_field(self, "owner_organization", forms.ModelChoiceField).queryset = Organization.objects.filter(
            pk__in=invited
        ) | Organization.objects.filter(pk=meeting.case.organization_id)


class ActionStatusForm(forms.Form):
    to_status = forms.ChoiceField(label=_("New status"), choices=(), widget=forms.RadioSelect)
    outcome = forms.CharField(
        label=_("Outcome"),
        required=False,
        max_length=OUTCOME_MAX_LENGTH,
        help_text=_("In a few words: what was done, or why not. The support organisation of the case reads it."),
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": OUTCOME_MAX_LENGTH}),
    )

    def __init__(self, *args: Any, targets: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "to_status", forms.ChoiceField).choices = [
            (code, ActionStatus(code).label) for code in targets
        ]
