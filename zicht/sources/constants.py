"""Code lists of the partner lists."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from zicht.common.exploitation import ExploitationType
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
# Link thresholds (number of agreeing name/date-of-birth keys) reported in the sensitivity analysis.
SENSITIVITY_THRESHOLDS: tuple[int, ...] = (1, 2, 3, 4)
DEFAULT_LINK_THRESHOLD = 2
