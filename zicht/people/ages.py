"""Ages and age bands: the one definition every app derives from.

Bands come from the age at registration (DESIGN.md): under 18, 18-20 ("young" = under 21 as in
the source document), 18-22 (Dutch "adolescents"), 23 and over. The reporting bands overlap on
purpose; a partner list row carries one band of the partition ``AGE_GROUPS`` instead, from which
every reporting band is a union.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

ADULT_AGE = 18
# "Young" in the source document: under 21 at registration.
YOUNG_AGE_LIMIT = 21
# Zicht registers young people up to this age; older dates of birth are refused.
MAX_AGE = 30


def age_on(date_of_birth: datetime.date, day: datetime.date) -> int:
    """Age in whole years on ``day`` (someone born on 29 February turns a year older on 1 March)."""
    return day.year - date_of_birth.year - ((day.month, day.day) < (date_of_birth.month, date_of_birth.day))


@dataclass(frozen=True)
class AgeRange:
    """Whole years from ``low`` to ``high`` inclusive (None: no bound on that side)."""

    low: int | None
    high: int | None

    def contains(self, age: int) -> bool:
        return (self.low is None or age >= self.low) and (self.high is None or age <= self.high)

    def covers(self, other: AgeRange) -> bool:
        lower_ok = self.low is None or (other.low is not None and other.low >= self.low)
        upper_ok = self.high is None or (other.high is not None and other.high <= self.high)
        return lower_ok and upper_ok

    def q(self, field: str) -> models.Q:
        """The range as a database condition on an integer age ``field``."""
        condition = models.Q()
        if self.low is not None:
            condition &= models.Q(**{f"{field}__gte": self.low})
        if self.high is not None:
            condition &= models.Q(**{f"{field}__lte": self.high})
        return condition


class AgeBand(models.TextChoices):
    """Reporting bands at registration; they overlap on purpose."""

    UNDER_18 = "under_18", _("Under 18")
    AGE_18_20 = "18_20", _("18 to 20")
    UNDER_21 = "under_21", _("Under 21 (young)")
    AGE_18_22 = "18_22", _("18 to 22")
    AGE_23_PLUS = "23_plus", _("23 and over")


AGE_BAND_RANGES: dict[str, AgeRange] = {
    AgeBand.UNDER_18: AgeRange(None, ADULT_AGE - 1),
    AgeBand.AGE_18_20: AgeRange(ADULT_AGE, YOUNG_AGE_LIMIT - 1),
    AgeBand.UNDER_21: AgeRange(None, YOUNG_AGE_LIMIT - 1),
    AgeBand.AGE_18_22: AgeRange(ADULT_AGE, 22),
    AgeBand.AGE_23_PLUS: AgeRange(23, None),
}


class AgeGroup(models.TextChoices):
    """The partition of ages used on list rows (one group per person); the reporting bands are unions."""

    UNDER_18 = "under_18", _("under 18")
    AGE_18_20 = "18_20", _("18 to 20")
    AGE_21_22 = "21_22", _("21 to 22")
    AGE_23_PLUS = "23_plus", _("23 and over")
    UNKNOWN = "unknown", _("unknown")


AGE_GROUPS: dict[str, AgeRange] = {
    AgeGroup.UNDER_18: AgeRange(None, ADULT_AGE - 1),
    AgeGroup.AGE_18_20: AgeRange(ADULT_AGE, YOUNG_AGE_LIMIT - 1),
    AgeGroup.AGE_21_22: AgeRange(YOUNG_AGE_LIMIT, 22),
    AgeGroup.AGE_23_PLUS: AgeRange(23, None),
}
UNKNOWN_AGE_GROUP = AgeGroup.UNKNOWN.value


def age_bands_for(age: int | None) -> frozenset[str]:
    """Every reporting band an age belongs to (computed, never stored)."""
    if age is None:
        return frozenset()
    return frozenset(band for band, span in AGE_BAND_RANGES.items() if span.contains(age))


def age_group(age: int | None) -> str:
    """The one partition group of an age (for list rows), or ``unknown``."""
    if age is None:
        return UNKNOWN_AGE_GROUP
    return next(group for group, span in AGE_GROUPS.items() if span.contains(age))


def age_group_in_band(group: str, band: str) -> bool:
    """Whether every age of a list row's ``group`` lies in the reporting ``band`` (or group/band alike)."""
    if group == band:
        return True
    if group not in AGE_GROUPS or band not in AGE_BAND_RANGES:
        return False
    return AGE_BAND_RANGES[band].covers(AGE_GROUPS[group])


def is_minor(age: int | None) -> bool:
    return age is not None and age < ADULT_AGE
