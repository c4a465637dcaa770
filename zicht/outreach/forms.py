from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _

from zicht.accounts.models import Organization
from zicht.common.forms import form_field
from zicht.outreach.constants import AudienceSector, CampaignChannel, TrainingKind
from zicht.outreach.selectors import organiser_choices

if TYPE_CHECKING:
    # The mixin is only ever combined with a Form; tell the checker so.
    _FormBase = forms.Form
else:
    _FormBase = object

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class _OrganiserMixin(_FormBase):
    def _set_organiser(self, user) -> None:
        form_field(self, "organiser", forms.ModelChoiceField).queryset = organiser_choices()
        self.fields["organiser"].initial = user.membership.organization_id


class TrainingForm(_OrganiserMixin, forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE)
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=TrainingKind.choices)
    organiser: forms.ModelChoiceField[Organization] = forms.ModelChoiceField(
        label=_("Organiser"), queryset=None, empty_label=None
    )
    co_organiser = forms.CharField(
        label=_("Together with (optional)"),
        required=False,
        max_length=200,
        help_text=_("For example the Public Prosecution Service (OM)."),
    )
    audiences = forms.MultipleChoiceField(
        label=_("Audience"), choices=AudienceSector.choices, widget=forms.CheckboxSelectMultiple
    )
    participants = forms.IntegerField(label=_("Number of participants"))
    topic_criminal = forms.BooleanField(label=_("About criminal exploitation"), required=False, initial=True)
    topic_sexual = forms.BooleanField(label=_("About sexual exploitation"), required=False)

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._set_organiser(user)


class PreventionLessonForm(_OrganiserMixin, forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE)
    school_name = forms.CharField(label=_("School"), max_length=200)
    organiser: forms.ModelChoiceField[Organization] = forms.ModelChoiceField(
        label=_("Organiser"), queryset=None, empty_label=None
    )
    pupils = forms.IntegerField(label=_("Number of pupils"))
    topic_criminal = forms.BooleanField(label=_("About criminal exploitation"), required=False, initial=True)
    topic_sexual = forms.BooleanField(label=_("About sexual exploitation"), required=False)

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._set_organiser(user)


class CampaignForm(_OrganiserMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    organiser: forms.ModelChoiceField[Organization] = forms.ModelChoiceField(
        label=_("Organiser"), queryset=None, empty_label=None
    )
    partner = forms.CharField(
        label=_("Partner (optional)"), required=False, max_length=200, help_text=_("For example FIER.")
    )
    starts_on = forms.DateField(label=_("Starts on"), widget=DATE)
    ends_on = forms.DateField(label=_("Ends on"), widget=DATE)
    channel = forms.ChoiceField(label=_("Channel"), choices=CampaignChannel.choices)

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._set_organiser(user)


class YearFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        this_year = datetime.date.today().year
        form_field(self, "year", forms.ChoiceField).choices = [("", _("All"))] + [
            (y, str(y)) for y in range(this_year + 1, 2014, -1)
        ]
