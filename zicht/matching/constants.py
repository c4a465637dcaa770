"""Code lists of the involvement index."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from zicht.common.pseudonyms import KeyKind
from zicht.common.types import StrOrPromise
from zicht.people.ages import MAX_AGE

# A match without BSN needs at least this many different name/date-of-birth keys to agree.
MIN_AGREEING_NAME_KEYS = 2
# Registrations expire at the young person's 23rd birthday (rounded down to the first of that month,
# so the stored expiry date does not disclose the date of birth).
MAX_AGE_YEARS = 23
# A date of birth is refused when it makes the person older than this: Zicht registers young people
# up to people.ages.MAX_AGE; the margin lets a partner register someone just past that limit
# (the registration then lasts one day) while typing errors such as 1800 or 0001 are refused.
DOB_MARGIN_YEARS = 5
DOB_PLAUSIBLE_MAX_AGE = MAX_AGE + DOB_MARGIN_YEARS


class Channel(models.TextChoices):
    SCREEN = "screen", _("Registration screen")
    API = "api", _("Partner API")
    CASE = "case", _("Case registration")


class MatchBasis(models.TextChoices):
    BSN = "bsn", _("Match on BSN")
    PROBABLE = "probable", _("Probable match, please verify")


# What each kind of agreement means, for the notice.
EVIDENCE_LABELS: dict[str, StrOrPromise] = {
    KeyKind.BSN: _("BSN"),
    KeyKind.NAME_DOB: _("surname + initial + date of birth"),
    KeyKind.PHONETIC_DOB: _("phonetic surname + date of birth"),
    KeyKind.GIVEN_DOB: _("given names + surname + date of birth"),
    f"{KeyKind.NAME_DOB}_swapped": _("surname + initial + date of birth with day and month swapped"),
    f"{KeyKind.PHONETIC_DOB}_swapped": _("phonetic surname + date of birth with day and month swapped"),
}


class KeyKindChoice(models.TextChoices):
    BSN = KeyKind.BSN, _("BSN")
    NAME_DOB = KeyKind.NAME_DOB, _("surname + initial + date of birth")
    PHONETIC_DOB = KeyKind.PHONETIC_DOB, _("phonetic surname + date of birth")
    NAME_DOB_SWAPPED = KeyKind.NAME_DOB_SWAPPED, _("surname + initial + swapped date of birth")
    PHONETIC_DOB_SWAPPED = KeyKind.PHONETIC_DOB_SWAPPED, _("phonetic surname + swapped date of birth")
    GIVEN_DOB = KeyKind.GIVEN_DOB, _("given names + surname + date of birth")
