from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from zicht.common.forms import form_field
from zicht.common.types import StrOrPromise
from zicht.walk_ins.constants import MAX_COUNT, VisitorType, VisitTopic


def count_field_name(visitor_type: str, topic: str) -> str:
    return f"count_{visitor_type}_{topic}"


class VisitCountsForm(forms.Form):
    """One number field per visitor type × topic."""

    def __init__(self, *args, session=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        existing = {(c.visitor_type, c.topic): c.count for c in session.visit_counts.all()} if session else {}
        for visitor_type, visitor_label in VisitorType.choices:
            for topic, topic_label in VisitTopic.choices:
                self.fields[count_field_name(visitor_type, topic)] = forms.IntegerField(
                    label=f"{visitor_label}: {topic_label}",
                    required=False,
                    min_value=0,
                    max_value=MAX_COUNT,
                    initial=existing.get((visitor_type, topic), 0),
                    widget=forms.NumberInput(attrs={"min": 0, "max": MAX_COUNT, "inputmode": "numeric"}),
                )

    def rows(self) -> list[tuple[StrOrPromise, list[forms.BoundField]]]:
        return [(label, [self[count_field_name(v, t)] for t in VisitTopic.values]) for v, label in VisitorType.choices]

    def counts(self) -> dict[tuple[str, str], int]:
        return {
            (v, t): self.cleaned_data.get(count_field_name(v, t)) or 0
            for v in VisitorType.values
            for t in VisitTopic.values
        }


class GenerateForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    end = forms.DateField(
        label=_("Up to and including"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        today = datetime.date.today()
        self.fields["start"].initial = today
        self.fields["end"].initial = today + datetime.timedelta(days=90)


class SessionFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        this_year = datetime.date.today().year
        form_field(self, "year", forms.ChoiceField).choices = [("", _("All"))] + [
            (y, str(y)) for y in range(this_year + 1, 2014, -1)
        ]
