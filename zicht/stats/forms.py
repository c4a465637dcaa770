from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zicht.common.forms import form_field
from zicht.stats.periods import Period, default_period
from zicht.stats.report import FORMATS, INTERNAL, PUBLIC

EARLIEST = datetime.date(2000, 1, 1)
MAX_YEARS = 15
# `<input type="date">` takes only ISO values; the Dutch input format would leave it blank.
ISO_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=ISO_DATE)
    end = forms.DateField(label=_("To (inclusive)"), widget=ISO_DATE)

    def clean(self) -> dict:
        super().clean()
        data = self.cleaned_data
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                raise forms.ValidationError(_("The end of the period lies before its start."))
            if start < EARLIEST:
                raise forms.ValidationError(_("Periods start on 1 January 2000 at the earliest."))
            if end > timezone.localdate() + datetime.timedelta(days=366):
                raise forms.ValidationError(_("The period lies too far in the future."))
            if end.year - start.year >= MAX_YEARS:
                raise forms.ValidationError(_("Choose a period of at most %(years)s years.") % {"years": MAX_YEARS})
        return data

    def period(self) -> Period:
        """The chosen period, or the default one when the form is unbound or invalid."""
        if self.is_bound and self.is_valid():
            return Period(self.cleaned_data["start"], self.cleaned_data["end"])
        return default_period()


def period_form(data) -> PeriodForm:
    """Bound to the query string when it names a period, else unbound with the default period."""
    if "start" in data or "end" in data:
        return PeriodForm(data)
    period = default_period()
    return PeriodForm(initial={"start": period.start, "end": period.end})


class ReportForm(PeriodForm):
    version = forms.ChoiceField(
        label=_("Version"),
        choices=[
            (PUBLIC, _("Public (protected figures)")),
            (INTERNAL, _("Internal (exact figures of your organisation)")),
        ],
        widget=forms.RadioSelect,
        initial=PUBLIC,
    )
    format = forms.ChoiceField(
        label=_("Format"), choices=[(f, f.upper()) for f in FORMATS], widget=forms.RadioSelect, initial="docx"
    )

    def __init__(self, *args: Any, allow_internal: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not allow_internal:
            form_field(self, "version", forms.ChoiceField).choices = [(PUBLIC, _("Public (protected figures)"))]
