from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from zicht.common.exploitation import ExploitationType
from zicht.common.types import StrOrPromise
from zicht.people.ages import AgeGroup
from zicht.sources.constants import DEFAULT_LINK_THRESHOLD, SENSITIVITY_THRESHOLDS, LinkRule


class SourceListUploadForm(forms.Form):
    name = forms.CharField(label=_("Name of the list"), max_length=100)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, initial=lambda: dt.date.today().year - 1)
    file = forms.FileField(
        label=_("Pseudonymised CSV file"),
        help_text=_("The output of the pseudonymise command. Files with names or numbers are refused."),
    )

    def __init__(self, *args: Any, too_large: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.too_large = too_large  # the upload was stopped for its size while it streamed in

    def _too_large_error(self) -> forms.ValidationError:
        return forms.ValidationError(
            _("The file is too large: at most %(mb)s MB.") % {"mb": settings.ZICHT_UPLOAD_MAX_BYTES // 2**20 or 1}
        )

    def clean(self) -> dict[str, Any]:
        super().clean()
        if self.too_large:
            self.errors.pop("file", None)
            self.add_error("file", self._too_large_error())
        return self.cleaned_data

    def clean_file(self) -> UploadedFile:
        """The uploaded file itself (on disk above FILE_UPLOAD_MAX_MEMORY_SIZE); it is read line by line later."""
        upload = self.cleaned_data["file"]
        if upload.size > settings.ZICHT_UPLOAD_MAX_BYTES:
            raise self._too_large_error()
        return upload


def _stratum_choices() -> list[tuple[str, StrOrPromise]]:
    choices: list[tuple[str, StrOrPromise]] = [("all", _("All"))]
    choices += [
        (f"age_band:{v}", _("Age band: %(label)s") % {"label": label})
        for v, label in AgeGroup.choices
        if v != AgeGroup.UNKNOWN
    ]
    choices += [(f"form:{v}", _("Form: %(label)s") % {"label": label}) for v, label in ExploitationType.choices]
    return choices


def _link_choices() -> list[tuple[str, StrOrPromise]]:
    """The learnt rule (advised), then every threshold that name keys can reach."""
    choices: list[tuple[str, StrOrPromise]] = [
        (LinkRule.LEARNT, _("%(rule)s (advised)") % {"rule": _("Learnt from the BSN pairs")})
    ]
    for n in SENSITIVITY_THRESHOLDS:
        choices.append((str(n), ngettext("Threshold: %(n)s key", "Threshold: %(n)s keys", n) % {"n": n}))
    return choices


class EstimateForm(forms.Form):
    year_from = forms.IntegerField(label=_("From year"), min_value=2000, max_value=2100)
    year_to = forms.IntegerField(label=_("To year"), min_value=2000, max_value=2100)
    stratum = forms.ChoiceField(label=_("Stratum"), choices=_stratum_choices)
    link = forms.ChoiceField(
        label=_("Link rule"),
        choices=_link_choices,
        initial=LinkRule.LEARNT,
        help_text=_(
            "How records that do not share a BSN are linked. The learnt rule learns from the pairs of records with "
            "a BSN which agreements of name and date of birth mean one person; it links more records correctly "
            "than a fixed number of keys. The main figure is corrected for the missed and wrong links measured on "
            "those pairs, with either rule."
        ),
    )

    def clean(self) -> dict:
        super().clean()
        data = self.cleaned_data
        link = data.get("link")
        if link == LinkRule.LEARNT:
            data["link_rule"], data["threshold"] = LinkRule.LEARNT, DEFAULT_LINK_THRESHOLD
        elif link:
            data["link_rule"], data["threshold"] = LinkRule.THRESHOLD, int(link)
        if data.get("year_from") and data.get("year_to") and data["year_from"] > data["year_to"]:
            raise forms.ValidationError(_("The first year must not be after the last year."))
        return data
