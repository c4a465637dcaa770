"""Code lists of the involvement index."""
from django.db import models
from django.utils.translation import gettext_lazy as _

from zicht.common.pseudonyms import KeyKind

# A match without BSN needs at least this many different name/date-of-birth keys to agree.
MIN_AGREEING_NAME_KEYS = 2
# Registrations expire at the young person's 23rd birthday (rounded down to the first of that month,
# so the stored expiry date does not disclose the date of birth).
MAX_AGE_YEARS = 23


class Channel(models.TextChoices):
    SCREEN = "screen", _("Registration screen")
    API = "api", _("Partner API")
    CASE = "case", _("Case registration")


class MatchBasis(models.TextChoices):
    BSN = "bsn", _("Match on BSN")
    PROBABLE = "probable", _("Probable match, please verify")


# What each kind of agreement means, for the notice.
EVIDENCE_LABELS: dict[str, str] = {
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
