"""Thin forms: parse input; the services validate the domain rules and give the messages."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zicht.accounts.constants import OrganizationKind
from zicht.accounts.models import Organization
from zicht.common.forms import form_field
from zicht.concerns.constants import (
    DESCRIPTION_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    PUBLIC_REPORTER_SECTORS,
    RECRUITMENT_DETAIL_MAX_LENGTH,
    ConcernChannel,
    ConcernKind,
    ConcernStatus,
    CrimeDomain,
    IndicatorForm,
    RecruitmentPlace,
    ReporterSector,
    Urgency,
)
from zicht.concerns.selectors import default_handling_organization, indicator_groups, support_organizations_active
from zicht.people.constants import District, Gender

PROFESSIONAL_SECTORS = [
    (value, label)
    for value, label in ReporterSector.choices
    if value not in {ReporterSector.PARENT, ReporterSector.YOUNG_PERSON}
]
SECTOR_BY_ORGANISATION_KIND = {
    OrganizationKind.SCHOOL: ReporterSector.TEACHER,
    OrganizationKind.YOUTH_WORK: ReporterSector.YOUTH_WORKER,
    OrganizationKind.POLICE: ReporterSector.POLICE,
    OrganizationKind.SUPPORT: ReporterSector.CARE_WORKER,
    OrganizationKind.CJG: ReporterSector.CARE_WORKER,
    OrganizationKind.VEILIG_THUIS: ReporterSector.CARE_WORKER,
}
RECRUITMENT_DETAIL_HELP = _(
    "For online: which app or platform (e.g. Snapchat, Instagram, TikTok, Telegram). For school: the type of school."
)


def _text_area(max_length: int, rows: int = 6) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, "maxlength": max_length})


# Recruitment may not have happened (or not be known): "unknown" comes first and says so.
RECRUITMENT_CHOICES = [(RecruitmentPlace.UNKNOWN, _("Unknown or not applicable"))] + [
    (value, label) for value, label in RecruitmentPlace.choices if value != RecruitmentPlace.UNKNOWN
]


class OptionalCodeField(forms.ChoiceField):
    """An optional choice that stores ``default`` ("unknown") when nothing is chosen."""

    def __init__(self, *, default: str, **kwargs) -> None:
        self.default = default
        super().__init__(required=False, initial=default, **kwargs)

    def clean(self, value: object) -> str:
        return super().clean(value) or self.default


class ProfessionalConcernForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What do you want to do?"),
        choices=[
            (ConcernKind.CONCERN, _("Report a concern about a young person")),
            (ConcernKind.ADVICE_REQUEST, _("Ask for advice (without naming the young person)")),
        ],
        initial=ConcernKind.CONCERN,
        widget=forms.RadioSelect,
    )
    handling_organization: forms.ModelChoiceField[Organization] = forms.ModelChoiceField(
        label=_("Support organisation"), queryset=None
    )
    channel = forms.ChoiceField(label=_("Received by"), choices=ConcernChannel.choices, initial=ConcernChannel.PHONE)
    received_at = forms.DateTimeField(
        label=_("Received at"),
        required=False,
        help_text=_("Leave empty for now. Fill in when you register a call or visit afterwards."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"],
    )
    reporter_sector = forms.ChoiceField(label=_("Your work"), choices=PROFESSIONAL_SECTORS)
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices, initial=Urgency.NORMAL)
    given_names = forms.CharField(label=_("Given names"), required=False, max_length=200)
    family_name_prefix = forms.CharField(label=_("Tussenvoegsel"), required=False, max_length=30)
    family_name = forms.CharField(label=_("Family name"), required=False, max_length=200)
    date_of_birth = forms.DateField(
        label=_("Date of birth"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    bsn = forms.CharField(
        label=_("Citizen service number (BSN)"),
        required=False,
        max_length=11,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    age_estimate = forms.IntegerField(label=_("Estimated age (if the date of birth is unknown)"), required=False)
    gender = OptionalCodeField(label=_("Gender"), choices=Gender.choices, default=Gender.UNKNOWN)
    district = OptionalCodeField(label=_("District"), choices=District.choices, default=District.UNKNOWN)
    indicators = forms.MultipleChoiceField(label=_("Signals"), required=False, widget=forms.CheckboxSelectMultiple)
    crime_domains = forms.MultipleChoiceField(
        label=_("Crime domain"), required=False, choices=CrimeDomain.choices, widget=forms.CheckboxSelectMultiple
    )
    recruitment_place = OptionalCodeField(
        label=_("Where was the young person approached or recruited, if that happened?"),
        choices=RECRUITMENT_CHOICES,
        default=RecruitmentPlace.UNKNOWN,
    )
    recruitment_detail = forms.CharField(
        label=_("Platform or type of school"),
        required=False,
        help_text=RECRUITMENT_DETAIL_HELP,
        widget=forms.TextInput(attrs={"maxlength": RECRUITMENT_DETAIL_MAX_LENGTH}),
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=_text_area(DESCRIPTION_MAX_LENGTH),
        help_text=_("What did you see or hear? At most 5000 characters."),
    )

    # The description comes first (see concerns/concern_form.html), the checklist last.
    field_order = [
        "description",
        "kind",
        "handling_organization",
        "channel",
        "received_at",
        "reporter_sector",
        "urgency",
    ]

    IDENTITY_FIELDS = (
        "given_names",
        "family_name_prefix",
        "family_name",
        "date_of_birth",
        "bsn",
        "age_estimate",
        "gender",
        "district",
    )
    SIGNAL_FIELDS = ("crime_domains", "recruitment_place", "recruitment_detail")

    def __init__(self, *args, user, support_roles: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "handling_organization", forms.ModelChoiceField).queryset = support_organizations_active()
        default = default_handling_organization(user=user)
        if default is not None:
            self.fields["handling_organization"].initial = default.pk
        own = user.organization
        self.fields["reporter_sector"].initial = (
            SECTOR_BY_ORGANISATION_KIND.get(own.kind, ReporterSector.OTHER) if own is not None else ReporterSector.OTHER
        )
        if support_roles:
            form_field(self, "reporter_sector", forms.ChoiceField).choices = ReporterSector.choices
            self.fields["reporter_sector"].label = _("Reporter's sector")
        else:
            del self.fields["channel"]
            del self.fields["received_at"]
        self.groups = indicator_groups()
        form_field(self, "indicators", forms.ChoiceField).choices = [
            (i.code, i.translated_label) for _g, items in self.groups for i in items
        ]

    @property
    def selected_indicators(self) -> set[str]:
        return set(self["indicators"].value() or [])

    def identity_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.IDENTITY_FIELDS]

    def signal_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.SIGNAL_FIELDS]

    def general_fields(self) -> list[forms.BoundField]:
        names = ["kind", "handling_organization", "channel", "received_at", "reporter_sector", "urgency"]
        return [self[name] for name in names if name in self.fields]

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["indicator_codes"] = data.pop("indicators")
        data["channel"] = data.get("channel") or ConcernChannel.FORM
        data["received_at"] = data.get("received_at") or None
        data["district"] = data.get("district") or District.UNKNOWN
        return data


class PublicConcernForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What do you want to do?"),
        choices=[
            (ConcernKind.CONCERN, _("Report a concern")),
            (ConcernKind.ADVICE_REQUEST, _("Ask a question or get advice")),
        ],
        initial=ConcernKind.CONCERN,
        widget=forms.RadioSelect,
    )
    reporter_sector = forms.ChoiceField(
        label=_("Who are you?"),
        widget=forms.RadioSelect,
        choices=[(value, label) for value, label in ReporterSector.choices if value in PUBLIC_REPORTER_SECTORS],
    )
    handling_organization: forms.ModelChoiceField[Organization] = forms.ModelChoiceField(
        label=_("Which organisation do you want to contact?"), queryset=None
    )
    description = forms.CharField(
        label=_("What is going on?"),
        widget=_text_area(DESCRIPTION_MAX_LENGTH, rows=8),
        help_text=_("Tell what you saw, heard or experienced. You do not have to give names. At most 5000 characters."),
    )
    age_estimate = forms.IntegerField(label=_("Age of the young person, roughly"), required=False)
    crime_domains = forms.MultipleChoiceField(
        label=_("What is it about? (optional)"),
        required=False,
        choices=CrimeDomain.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    recruitment_place = OptionalCodeField(
        label=_("Where did the contact with the recruiters start, if you know?"),
        choices=RECRUITMENT_CHOICES,
        default=RecruitmentPlace.UNKNOWN,
    )
    recruitment_detail = forms.CharField(
        label=_("Platform or type of school"),
        required=False,
        help_text=RECRUITMENT_DETAIL_HELP,
        widget=forms.TextInput(attrs={"maxlength": RECRUITMENT_DETAIL_MAX_LENGTH}),
    )
    contact_name = forms.CharField(
        label=_("Your name (optional)"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact_phone = forms.CharField(
        label=_("Your phone number (optional)"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    contact_email = forms.CharField(
        label=_("Your e-mail address (optional)"),
        required=False,
        max_length=254,
        help_text=_("Only if you want us to contact you. We never share it."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    # What is going on comes first; who is asking and the details after.
    field_order = ["description", "kind", "reporter_sector", "handling_organization"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        organizations = support_organizations_active()
        if organizations.count() == 1:
            del self.fields["handling_organization"]
            self.single_organization = organizations.first()
        else:
            form_field(self, "handling_organization", forms.ModelChoiceField).queryset = organizations
            self.single_organization = None

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data.setdefault("handling_organization", self.single_organization)
        return data


class TransitionForm(forms.Form):
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=_text_area(NOTE_MAX_LENGTH, rows=4),
        help_text=_("For the support organisation only; the reporter never sees it."),
    )
    advice_text = forms.CharField(
        label=_("Advice to the reporter"), required=False, widget=_text_area(DESCRIPTION_MAX_LENGTH)
    )

    def __init__(self, *args, to_status: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if to_status != ConcernStatus.ADVICE_GIVEN:
            del self.fields["advice_text"]
        else:
            self.fields["advice_text"].required = True


class FirstContactForm(forms.Form):
    at = forms.DateTimeField(
        label=_("Date and time of the first contact"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"],
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["at"].initial = timezone.localtime().replace(second=0, microsecond=0)


class ConcernFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search (reference, name or date of birth)"),
        required=False,
        help_text=_("For example: M-2026-00302, Jansen, Sanne de Vries or 14-03-2009"),
    )
    words = forms.CharField(label=_("Words in the description"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All"))] + list(ConcernStatus.choices)
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All"))] + list(ConcernKind.choices))
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    domain = forms.ChoiceField(
        label=_("Crime domain"), required=False, choices=[("", _("All"))] + list(CrimeDomain.choices)
    )
    urgency = forms.ChoiceField(label=_("Urgency"), required=False, choices=[("", _("All"))] + list(Urgency.choices))
    form = forms.ChoiceField(
        label=_("Form of exploitation"), required=False, choices=[("", _("All"))] + list(IndicatorForm.choices)
    )
    reporter_organization: forms.ModelChoiceField[Organization] = forms.ModelChoiceField(
        label=_("Reporting organisation"), required=False, queryset=None, empty_label=_("All")
    )

    def __init__(self, *args, reporter_organizations=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "reporter_organization", forms.ModelChoiceField).queryset = (
            reporter_organizations if reporter_organizations is not None else Organization.objects.none()
        )
        this_year = datetime.date.today().year
        form_field(self, "year", forms.ChoiceField).choices = [("", _("All"))] + [
            (y, str(y)) for y in range(this_year, 2014, -1)
        ]
