from __future__ import annotations

import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from zicht.common.forms import form_field
from zicht.council.constants import MAYOR_TITLE, SECRETARY_TITLE, FigureScope
from zicht.council.deadlines import parse_deadline_rule
from zicht.council.figures import figure_choices
from zicht.council.models import MemberTitle
from zicht.council.parsing import extract_introduction, split_questions
from zicht.council.permissions import COUNCIL_ROLES

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _responsible_queryset(user):
    municipality = user.organization.municipality if user.organization else None
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__is_active=True,
            memberships__role__in=COUNCIL_ROLES,
            memberships__organization__municipality=municipality,
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


class ResponsibleChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.get_username()


class LetterFieldsForm(forms.Form):
    received_on = forms.DateField(label=_("Received on"), widget=DATE)
    council_member_title = forms.ChoiceField(
        label=_("Title of the council member"), choices=MemberTitle.choices, required=False
    )
    council_member = forms.CharField(label=_("Council member"), max_length=200)
    party = forms.CharField(label=_("Party"), max_length=100, required=False)
    subject = forms.CharField(label=_("Subject"), max_length=300)
    reference = forms.CharField(label=_("Registration number"), max_length=50, required=False)
    responsible = ResponsibleChoiceField(label=_("Responsible official"), queryset=None, required=False)
    deadline_rule = forms.CharField(
        label=_("Deadline rule"),
        max_length=40,
        help_text=_("Article and term, e.g. art30:21d (21 calendar days) or art30:15wd (15 working days)."),
    )
    introduction = forms.CharField(label=_("Introduction"), widget=forms.Textarea(attrs={"rows": 5}), required=False)
    references = forms.CharField(
        label=_("References to other documents"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("One per line, e.g. RIS305595."),
    )
    secretary_name = forms.CharField(
        label=_("Name of the secretary"),
        max_length=200,
        required=False,
        help_text=_("Needed before the answers can be approved."),
    )
    secretary_title = forms.CharField(
        label=_("Title of the secretary"), max_length=100, required=False, initial=SECRETARY_TITLE
    )
    mayor_name = forms.CharField(
        label=_("Name of the mayor"),
        max_length=200,
        required=False,
        help_text=_("Needed before the answers can be approved."),
    )
    mayor_title = forms.CharField(
        label=_("Title of the mayor"),
        max_length=100,
        required=False,
        initial=MAYOR_TITLE,
        help_text=_("As in the letter, e.g. “de burgemeester” or “de locoburgemeester”."),
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "responsible", forms.ModelChoiceField).queryset = _responsible_queryset(user)

    def clean_secretary_title(self) -> str:
        return self.cleaned_data.get("secretary_title") or SECRETARY_TITLE

    def clean_mayor_title(self) -> str:
        return self.cleaned_data.get("mayor_title") or MAYOR_TITLE

    def clean_deadline_rule(self) -> str:
        try:
            return str(parse_deadline_rule(self.cleaned_data["deadline_rule"]))
        except ValueError:
            raise forms.ValidationError(_("Write the rule as e.g. art30:21d or art30:15wd.")) from None


class RegisterForm(LetterFieldsForm):
    letter_text = forms.CharField(
        label=_("Text of the letter"),
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_(
            "Paste the whole letter. The numbered questions are taken from it (answers in between are skipped); you "
            "can correct them afterwards."
        ),
    )
    field_order = [
        "received_on",
        "council_member_title",
        "council_member",
        "party",
        "subject",
        "reference",
        "letter_text",
    ]

    def clean(self) -> dict:
        super().clean()
        data = self.cleaned_data
        text = data.get("letter_text") or ""
        data["questions"] = split_questions(text)
        if text and not data["questions"]:
            self.add_error(
                "letter_text", _("No numbered questions were found (expected lines such as “1. Is het college …”).")
            )
        if not data.get("introduction"):
            data["introduction"] = extract_introduction(text)
        return data


class ItemForm(forms.Form):
    text = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 4}))
    answer = forms.CharField(
        label=_("Answer"),
        widget=forms.Textarea(attrs={"rows": 10}),
        required=False,
        help_text=_(
            "Separate paragraphs with a blank line. An inserted figure appears as [[figure:number]]; move that "
            "marker to where the table belongs."
        ),
    )


class NewItemForm(forms.Form):
    text = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 4}))


class FigureForm(forms.Form):
    figure_key = forms.ChoiceField(label=_("Figure"))
    period_start = forms.DateField(label=_("Period from"), widget=DATE)
    period_end = forms.DateField(label=_("Period to"), widget=DATE)
    scope = forms.ChoiceField(label=_("Organisations"), choices=FigureScope.choices, initial=FigureScope.ALL)
    internal = forms.BooleanField(
        label=_("Internal figure: exact numbers of my own organisation (not protected; blocks sending and publishing)"),
        required=False,
    )

    def __init__(self, *args, may_use_internal: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "figure_key", forms.ChoiceField).choices = figure_choices()
        if not may_use_internal:
            del self.fields["internal"]
            del self.fields["scope"]

    def clean(self) -> dict:
        super().clean()
        data = self.cleaned_data
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period ends before it starts."))
        return data


class ExtensionForm(forms.Form):
    new_deadline = forms.DateField(label=_("New deadline"), widget=DATE)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, current: datetime.date, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.current = current

    def clean_new_deadline(self) -> datetime.date:
        value = self.cleaned_data["new_deadline"]
        if value <= self.current:
            raise forms.ValidationError(_("The new deadline must be later than the current one."))
        return value


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note (optional)"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
