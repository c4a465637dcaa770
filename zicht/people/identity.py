"""Identity rules of a young person: validation and normalisation, used by every entry point."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from zicht.common.pseudonyms import bsn_is_valid, normalise_bsn
from zicht.common.validation import ErrorCollector
from zicht.people.ages import MAX_AGE, age_on
from zicht.people.constants import NAME_MAX_LENGTH, PREFIX_MAX_LENGTH, District, Gender

MSG_DOB_FUTURE = _("The date of birth cannot be in the future.")
MSG_DOB_TOO_OLD = _(
    "The date of birth makes this person older than %(max)s; Zicht registers young people up to %(max)s."
)
MSG_BSN_INVALID = _("This is not a valid citizen service number (BSN): it fails the eleven test.")
MSG_UNKNOWN_CODE = _("Choose one of the listed options.")
MSG_TOO_LONG = _("At most %(max)s characters.")


@dataclass(frozen=True)
class Identity:
    """A young person's identity as entered, normalised: trimmed names, BSN as nine digits."""

    given_names: str = ""
    family_name_prefix: str = ""
    family_name: str = ""
    date_of_birth: datetime.date | None = None
    bsn: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.given_names or self.family_name_prefix or self.family_name or self.date_of_birth or self.bsn)


def identity_clean(
    *,
    given_names: str = "",
    family_name_prefix: str = "",
    family_name: str = "",
    date_of_birth: datetime.date | None = None,
    bsn: str = "",
    today: datetime.date,
    errors: ErrorCollector,
) -> Identity:
    """Validate and normalise identity input; problems are added to ``errors`` by field."""
    names = {
        "given_names": (given_names or "").strip(),
        "family_name_prefix": (family_name_prefix or "").strip(),
        "family_name": (family_name or "").strip(),
    }
    limits = {"given_names": NAME_MAX_LENGTH, "family_name_prefix": PREFIX_MAX_LENGTH, "family_name": NAME_MAX_LENGTH}
    for field, value in names.items():
        if len(value) > limits[field]:
            errors.add(field, MSG_TOO_LONG, code="max_length", params={"max": limits[field]})
    if date_of_birth is not None:
        if date_of_birth > today:
            errors.add("date_of_birth", MSG_DOB_FUTURE, code="dob_future")
        elif age_on(date_of_birth, today) > MAX_AGE:
            errors.add("date_of_birth", MSG_DOB_TOO_OLD, code="dob_too_old", params={"max": MAX_AGE})
    normalised_bsn = ""
    if (bsn or "").strip():
        if bsn_is_valid(bsn):
            normalised_bsn = normalise_bsn(bsn)
        else:
            errors.add("bsn", MSG_BSN_INVALID, code="invalid_bsn")
    return Identity(date_of_birth=date_of_birth, bsn=normalised_bsn, **names)


def codes_check(*, gender: str, district: str, errors: ErrorCollector) -> None:
    if gender not in Gender.values:
        errors.add("gender", MSG_UNKNOWN_CODE, code="invalid_choice")
    if district not in District.values:
        errors.add("district", MSG_UNKNOWN_CODE, code="invalid_choice")
