"""Periods of statistics: inclusive date ranges turned into timezone-aware bounds."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date  # inclusive

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"period ends ({self.end}) before it starts ({self.start})")

    @property
    def since(self) -> datetime.datetime:
        """Local midnight at the start (inclusive)."""
        return timezone.make_aware(datetime.datetime.combine(self.start, datetime.time.min))

    @property
    def until(self) -> datetime.datetime:
        """Local midnight after the end (exclusive)."""
        return timezone.make_aware(datetime.datetime.combine(self.end + datetime.timedelta(days=1), datetime.time.min))

    def years(self) -> list[int]:
        return list(range(self.start.year, self.end.year + 1))

    def year_label(self, year: int) -> str:
        """The year as a row or column label, with the part of it in the period when that is not all
        of it: "2022", "2022 (t/m 15 juli)", "2020 (vanaf 1 maart)"."""
        first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        start, end = max(self.start, first), min(self.end, last)
        names = {"year": year, "start": formats.date_format(start, "j F"), "end": formats.date_format(end, "j F")}
        if start == first and end == last:
            return str(year)
        if start == first:
            return _("%(year)s (up to and including %(end)s)") % names
        if end == last:
            return _("%(year)s (from %(start)s)") % names
        return _("%(year)s (%(start)s up to and including %(end)s)") % names

    def name(self) -> str:
        """The period in words, by its years when it covers whole years ("2025", "2023 tot en met 2025")."""
        whole = self.start == datetime.date(self.start.year, 1, 1) and self.end == datetime.date(self.end.year, 12, 31)
        if not whole:
            return self.describe()
        if self.start.year == self.end.year:
            return str(self.start.year)
        return _("%(first)s to %(last)s") % {"first": self.start.year, "last": self.end.year}

    def describe(self) -> str:
        return _("%(start)s to %(end)s") % {
            "start": formats.date_format(self.start, "j F Y"),
            "end": formats.date_format(self.end, "j F Y"),
        }


def default_period(today: datetime.date | None = None) -> Period:
    """The last two full calendar years and the current year up to today (as the council asks)."""
    today = today or timezone.localdate()
    return Period(datetime.date(today.year - 2, 1, 1), today)
