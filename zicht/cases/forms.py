"""Thin forms: parse input; the services check the domain rules and give the messages."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from zicht.accounts.constants import OrganizationKind
from zicht.accounts.models import Organization, User
from zicht.cases.case_guards import NOTE_MAX_LENGTH
from zicht.cases.constants import (
    REFERRAL_ONLY_PURPOSES,
    CaseStatus,
    CloseReason,
    CriminalSubtype,
    LegalBasis,
    ReferralPurpose,
    SupportActionKind,
    VictimStatus,
)
from zicht.cases.models import Consent
from zicht.cases.services import MSG_SUBTYPE_ONLY_CRIMINAL
from zicht.common.exploitation import ExploitationType
from zicht.common.forms import form_add_service_errors, form_field
from zicht.people.constants import District, Gender

# Organisations a case can be referred to (not schools or the municipality's policy staff).
REFERRAL_KINDS = (
    OrganizationKind.CJG,
    OrganizationKind.POLICE,
    OrganizationKind.VEILIG_THUIS,
    OrganizationKind.SUPPORT,
    OrganizationKind.YOUTH_WORK,
    OrganizationKind.OTHER,
)
# Service error keys that belong to a differently named form field.
FIELD_ALIASES = {"exploitation": "exploitation_types"}


def service_errors_to_form(form: forms.Form, error: ValidationError) -> None:
    form_add_service_errors(form, error, aliases=FIELD_ALIASES)


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _note(label, *, required: bool = False, rows: int = 4) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=NOTE_MAX_LENGTH,
        strip=True,
        widget=forms.Textarea(attrs={"rows": rows, "maxlength": NOTE_MAX_LENGTH}),
    )


class ExploitationFieldsMixin(forms.Form):
    exploitation_types = forms.MultipleChoiceField(
        label=_("Forms of exploitation"),
        choices=ExploitationType.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose more than one form when the exploitation is combined."),
    )
    criminal_subtypes = forms.MultipleChoiceField(
        label=_("Criminal exploitation: what the young person had to do"),
        choices=CriminalSubtype.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def exploitation_pairs(self) -> list[tuple[str, str]]:
        kinds = self.cleaned_data.get("exploitation_types", [])
        subtypes = self.cleaned_data.get("criminal_subtypes", [])
        pairs: list[tuple[str, str]] = []
        for kind in kinds:
            if kind == ExploitationType.CRIMINAL and subtypes:
                pairs.extend((kind, subtype) for subtype in subtypes)
            else:
                pairs.append((kind, ""))
        return pairs

    def clean(self) -> dict:
        super().clean()
        cleaned = self.cleaned_data
        if cleaned.get("criminal_subtypes") and ExploitationType.CRIMINAL not in cleaned.get("exploitation_types", []):
            self.add_error("criminal_subtypes", MSG_SUBTYPE_ONLY_CRIMINAL)
        return cleaned


class CaseOpenForm(ExploitationFieldsMixin):
    """Open a case; the identity fields are left out when the young person is already known."""

    given_names = forms.CharField(label=_("Given names"), max_length=200, required=False)
    family_name_prefix = forms.CharField(label=_("Tussenvoegsel"), max_length=30, required=False)
    family_name = forms.CharField(label=_("Family name"), max_length=200, required=False)
    date_of_birth = forms.DateField(
        label=_("Date of birth"),
        required=False,
        widget=_date_input(),
        help_text=_("Leave empty when unknown. Needed for the rule on minors."),
    )
    bsn = forms.CharField(
        label=_("Citizen service number (BSN)"), max_length=11, required=False, help_text=_("Optional; nine digits.")
    )
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices, initial=Gender.UNKNOWN)
    district = forms.ChoiceField(label=_("District"), choices=District.choices, initial=District.UNKNOWN)
    victim_status = forms.ChoiceField(
        label=_("Victim status"), choices=VictimStatus.choices, initial=VictimStatus.POSSIBLE
    )
    age_at_exploitation_start = forms.IntegerField(
        label=_("Age at start of exploitation"), required=False, min_value=0, max_value=30
    )
    victim_also_suspect = forms.BooleanField(label=_("The young person is also a suspect"), required=False)
    note = _note(_("First note"))

    IDENTITY_FIELDS = ("given_names", "family_name_prefix", "family_name", "date_of_birth", "bsn", "gender", "district")

    def __init__(self, *args: Any, with_identity: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.with_identity = with_identity
        if not with_identity:
            for name in self.IDENTITY_FIELDS:
                del self.fields[name]
        order = [
            *(self.IDENTITY_FIELDS if with_identity else ()),
            "exploitation_types",
            "criminal_subtypes",
            "victim_status",
            "age_at_exploitation_start",
            "victim_also_suspect",
            "note",
        ]
        self.order_fields(order)

    def identity(self) -> dict:
        data = self.cleaned_data
        return {
            "given_names": data.get("given_names") or "",
            "family_name_prefix": data.get("family_name_prefix") or "",
            "family_name": data.get("family_name") or "",
            "date_of_birth": data.get("date_of_birth"),
            "bsn": data.get("bsn") or "",
            "gender": data.get("gender") or Gender.UNKNOWN,
            "district": data.get("district") or District.UNKNOWN,
        }


class ExploitationTypesForm(ExploitationFieldsMixin):
    pass


class NoteForm(forms.Form):
    text = _note(_("Note"), required=True, rows=6)


class SupportActionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of support"), choices=SupportActionKind.choices)
    started_on = forms.DateField(label=_("Started on"), widget=_date_input(), initial=datetime.date.today)
    ended_on = forms.DateField(label=_("Ended on"), widget=_date_input(), required=False)
    note = _note(_("Note"))


class ConsentForm(forms.Form):
    recipient = forms.ModelChoiceField(label=_("Recipient organisation"), queryset=Organization.objects.none())
    purpose = forms.ChoiceField(label=_("Purpose"), choices=ReferralPurpose.choices)
    given_by_text = forms.CharField(
        label=_("Given by"), max_length=100, help_text=_("For example: young person, parent or guardian.")
    )

    def __init__(self, *args: Any, organization_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "recipient", forms.ModelChoiceField).queryset = referral_recipients(organization_id)


def referral_recipients(organization_id: int):
    return (
        Organization.objects.filter(is_active=True, kind__in=REFERRAL_KINDS)
        .exclude(pk=organization_id)
        .order_by("name")
    )


class ConsentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Consent) -> str:
        return _("%(recipient)s, %(purpose)s (given by %(by)s)") % {
            "recipient": obj.recipient.name,
            "purpose": obj.get_purpose_display(),
            "by": obj.given_by_text,
        }


class ReferralForm(forms.Form):
    to_organization = forms.ModelChoiceField(label=_("Refer to"), queryset=Organization.objects.none())
    purpose = forms.ChoiceField(label=_("Purpose"), choices=REFERRAL_ONLY_PURPOSES)
    question = _note(_("What do you ask of the partner?"), required=True)
    legal_basis = forms.ChoiceField(
        label=_("Legal basis"),
        choices=[("", _("Choose the legal basis"))] + list(LegalBasis.choices),
        help_text=_("With consent: choose a recorded consent, or record it here by saying who gave it."),
    )
    consent = ConsentChoiceField(
        label=_("Recorded consent"),
        queryset=Consent.objects.none(),
        required=False,
        empty_label=_("None yet"),
    )
    consent_given_by = forms.CharField(
        label=_("Or record consent now: given by"),
        max_length=100,
        required=False,
        help_text=_(
            "For example: young person, parent or guardian. The consent is recorded for this organisation "
            "and this purpose."
        ),
    )

    def __init__(self, *args: Any, organization_id: int, young_person_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "to_organization", forms.ModelChoiceField).queryset = referral_recipients(organization_id)
        form_field(self, "consent", forms.ModelChoiceField).queryset = Consent.objects.filter(
            young_person_id=young_person_id, withdrawn_at__isnull=True
        ).select_related("recipient")
        form_field(self, "question", forms.CharField).help_text = _(
            "The partner sees this question. Write only what the partner needs to know."
        )


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(
        label=_("New status"), choices=[(CaseStatus.ACTIVE_SUPPORT, CaseStatus.ACTIVE_SUPPORT.label)]
    )
    cjg_exemption_reason = _note(_("Reason for support without CJG referral (minors only)"))

    def __init__(self, *args: Any, targets: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "to_status", forms.ChoiceField).choices = targets


class VictimStatusForm(forms.Form):
    victim_status = forms.ChoiceField(label=_("Victim status"), choices=VictimStatus.choices)
    note = _note(_("Explanation"))


class WorkerChoiceField(forms.ModelChoiceField):
    """Support workers by full name (the username when there is none)."""

    def label_from_instance(self, obj: User) -> str:
        return obj.get_full_name() or obj.username


class AssignLeadForm(forms.Form):
    lead_worker = WorkerChoiceField(label=_("Lead support worker"), queryset=None)

    def __init__(self, *args: Any, workers, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "lead_worker", forms.ModelChoiceField).queryset = workers


class CloseForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason for closing"), choices=CloseReason.choices)
    note = _note(_("Explanation"))


class TransitionStepForm(forms.Form):
    note = _note(_("What was arranged for after 18"), required=True)


class ReferralResponseForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[("accept", _("Accept the referral")), ("reject", _("Reject the referral"))],
    )
    note = _note(_("Note to the referring organisation"))


class ReferralDoneForm(forms.Form):
    note = _note(_("Note"))


class CaseFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search (case number, name or date of birth)"),
        required=False,
        max_length=100,
        help_text=_("For example: C-2026-00151, Jansen, Sanne de Vries or 14-03-2009"),
    )
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All"))] + CaseStatus.choices)
    exploitation_type = forms.ChoiceField(
        label=_("Form of exploitation"), required=False, choices=[("", _("All"))] + ExploitationType.choices
    )
    year = forms.IntegerField(label=_("Registration year"), required=False, min_value=2000, max_value=2100)
    victim_status = forms.ChoiceField(
        label=_("Victim status"), required=False, choices=[("", _("All"))] + VictimStatus.choices
    )
    lead_worker = WorkerChoiceField(label=_("Lead support worker"), required=False, queryset=None, empty_label=_("All"))

    def __init__(self, *args: Any, workers, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "lead_worker", forms.ModelChoiceField).queryset = workers
