"""Code lists of the partner lists."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from zicht.common.exploitation import ExploitationType
from zicht.common.pseudonyms import KeyKind
from zicht.common.types import StrOrPromise

# A partner-list row names forms of exploitation by ExploitationType code, or "unknown".
FORM_UNKNOWN = "unknown"
LIST_FORM_CHOICES: list[tuple[str, StrOrPromise]] = [*ExploitationType.choices, (FORM_UNKNOWN, _("Unknown"))]


class UploadChannel(models.TextChoices):
    SCREEN = "screen", _("Upload screen")
    API = "api", _("Partner API")
    OWN_CASES = "own_cases", _("Own cases (linked in the trusted environment)")


# Strata an estimate may be restricted to: "all", "age_band:<code>" or "form:<code>".
STRATUM_ALL = "all"
# The most kinds of name/date-of-birth evidence two records can share (swapped dates count as their
# base kind): a higher threshold would link on BSN only and is never offered or reported.
MAX_LINK_THRESHOLD = len({KeyKind.BASE[kind] for kind in KeyKind.NAME_KINDS})
# Link thresholds (number of agreeing name/date-of-birth keys) reported in the sensitivity analysis.
SENSITIVITY_THRESHOLDS: tuple[int, ...] = tuple(range(1, MAX_LINK_THRESHOLD + 1))
DEFAULT_LINK_THRESHOLD = 2
# The sensitivity row of the key rule learnt from the BSN-decided pairs (``learnt_linkage``).
LEARNT_RULE = "learnt"


class LinkRule(models.TextChoices):
    """How an estimate links the records that do not share a BSN key (ADR 0012)."""

    LEARNT = LEARNT_RULE, _("rule learnt from the BSN pairs")
    THRESHOLD = "threshold", _("threshold on name and date-of-birth keys")
