from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zicht.common.pseudonyms import bsn_is_valid
from zicht.matching.services import IdentityError, date_of_birth_check


class InvolvementForm(forms.Form):
    """Identifiers are only used to make keys; they are never stored."""

    bsn = forms.CharField(
        label=_("BSN"), max_length=11, required=False, help_text=_("Nine digits. Leave empty if unknown.")
    )
    given_names = forms.CharField(label=_("Given names"), max_length=200, required=False)
    # The metaclass moves declared fields off the class, so this does not shadow BaseForm.prefix at run time.
    prefix = forms.CharField(  # type: ignore[assignment]  # see the comment above
        label=_("Surname prefix (tussenvoegsel)"), max_length=30, required=False
    )
    family_name = forms.CharField(label=_("Family name"), max_length=200, required=False)
    date_of_birth = forms.DateField(
        label=_("Date of birth"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in self.fields:
            self.fields[name].widget.attrs["autocomplete"] = "off"

    def clean_bsn(self) -> str:
        value = self.cleaned_data["bsn"].strip()
        if value and not bsn_is_valid(value):
            raise forms.ValidationError(_("This is not a valid BSN (it fails the eleven test)."))
        return value

    def clean_date_of_birth(self) -> dt.date | None:
        try:
            return date_of_birth_check(self.cleaned_data["date_of_birth"])
        except IdentityError as error:
            raise forms.ValidationError(str(error), code="date_of_birth") from None

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if not data.get("bsn") and not (
            data.get("given_names") and data.get("family_name") and data.get("date_of_birth")
        ):
            raise forms.ValidationError(_("Give a valid BSN, or given names, family name and date of birth."))
        return data


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(label=_("Yes, withdraw this registration"))
